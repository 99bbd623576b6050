/* SPDX-License-Identifier: Apache-2.0 */
/*
 * l2_pool.h - L2_POOL_2D (float32, NHWC): each output is
 * sqrt(sum of squares / n) over the n window elements that lie inside the
 * input (padding is not counted), then clamped to the activation range.
 * Squares are summed from 0.0f in (fy, fx) order and divided as float,
 * then sqrtf, as TFLM.
 */
#ifndef MOTE_KERNELS_L2_POOL_H
#define MOTE_KERNELS_L2_POOL_H

#include <stdint.h>

typedef struct mote_l2_pool_params {
	int32_t batches; /* n of input and output */
	int32_t in_h; /* input height */
	int32_t in_w; /* input width */
	int32_t c; /* channels of input and output */
	int32_t out_h; /* output height */
	int32_t out_w; /* output width */
	int32_t filter_h; /* window height */
	int32_t filter_w; /* window width */
	int32_t stride_h; /* vertical stride */
	int32_t stride_w; /* horizontal stride */
	int32_t pad_h; /* rows of padding at the top */
	int32_t pad_w; /* columns of padding at the left */
	float act_min; /* lowest output */
	float act_max; /* highest output */
} mote_l2_pool_params;

void mote_l2_pool_f32(const mote_l2_pool_params *p, const float *in,
		      float *out);

#endif /* MOTE_KERNELS_L2_POOL_H */
