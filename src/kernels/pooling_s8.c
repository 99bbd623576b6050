/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling_s8.c - int8 average and max pooling reference kernels. See
 * pooling.h; the loops are in pooling_q_impl.h.
 */
#define POOL_T int8_t
#define POOL_MIN INT8_MIN
#define POOL_AVG mote_avgpool_s8
#define POOL_MAX mote_maxpool_s8
#include "kernels/pooling_q_impl.h"
