/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling_s16.c - int16 average and max pooling reference kernels. See
 * pooling.h; the loops are in pooling_q_impl.h.
 */
#define POOL_T int16_t
#define POOL_MIN INT16_MIN
#define POOL_AVG mote_avgpool_s16
#define POOL_MAX mote_maxpool_s16
#include "kernels/pooling_q_impl.h"
