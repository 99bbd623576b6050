/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling.h - 2-D average and max pooling kernels (TFLite AVERAGE_POOL_2D,
 * MAX_POOL_2D), NHWC layout.
 *
 * Shapes: input [batches, in_h, in_w, c], output [batches, out_h, out_w, c].
 * Output (y, x) pools the window of filter_h x filter_w input pixels whose
 * top-left corner is (y * stride_h - pad_h, x * stride_w - pad_w); taps in
 * the padding are left out (they do not count towards the average).
 *
 * Every kernel computes exactly what TFLM's reference kernel computes
 * (reference/pooling.h, reference/integer_ops/pooling.h at TFLM 90b983c2):
 *  - average, integer: the exact int32 sum divided by the tap count,
 *    rounded half away from zero, then clamped to [act_min, act_max];
 *  - average, float: the float sum in window order (y, then x) divided by
 *    the float tap count, then clamped;
 *  - max: the largest tap, then clamped.
 * Input and output share quantization, so there is no requantization.
 * Every window must hold at least one input pixel (true for the output
 * sizes TFLite's SAME and VALID padding give).
 *
 * Kernels read the params only; they never allocate and need no scratch.
 */
#ifndef MOTE_KERNELS_POOLING_H
#define MOTE_KERNELS_POOLING_H

#include <stdint.h>

/* Geometry and activation of one pooling layer. */
typedef struct mote_pool_params {
	int32_t batches; /* batch size of input and output */
	int32_t in_h; /* input height */
	int32_t in_w; /* input width */
	int32_t c; /* channels of input and output */
	int32_t out_h; /* output height */
	int32_t out_w; /* output width */
	int32_t filter_h; /* window height */
	int32_t filter_w; /* window width */
	int32_t stride_h; /* vertical stride, >= 1 */
	int32_t stride_w; /* horizontal stride, >= 1 */
	int32_t pad_h; /* rows of padding above the input */
	int32_t pad_w; /* columns of padding left of the input */
	int32_t act_min; /* lowest quantized output (fused activation) */
	int32_t act_max; /* highest quantized output */
	float act_min_f; /* lowest float output (float kernels only) */
	float act_max_f; /* highest float output (float kernels only) */
} mote_pool_params;

void mote_avgpool_s8(const mote_pool_params *p, const int8_t *in, int8_t *out);
void mote_avgpool_s16(const mote_pool_params *p, const int16_t *in,
		      int16_t *out);
void mote_avgpool_f32(const mote_pool_params *p, const float *in, float *out);

void mote_maxpool_s8(const mote_pool_params *p, const int8_t *in, int8_t *out);
void mote_maxpool_s16(const mote_pool_params *p, const int16_t *in,
		      int16_t *out);
void mote_maxpool_f32(const mote_pool_params *p, const float *in, float *out);

/*
 * The window of output (oy, ox) clipped to the input: taps [y0, y1) x
 * [x0, x1) relative to the input origin (iy, ix). Shared by the kernels.
 */
typedef struct mote__pool_window {
	int32_t iy; /* input row of the window's top-left tap */
	int32_t ix; /* input column of the window's top-left tap */
	int32_t y0; /* first filter row inside the input */
	int32_t y1; /* one past the last filter row inside the input */
	int32_t x0; /* first filter column inside the input */
	int32_t x1; /* one past the last filter column inside the input */
} mote__pool_window;

void mote__pool_window_at(const mote_pool_params *p, int32_t oy, int32_t ox,
			  mote__pool_window *w);

#endif /* MOTE_KERNELS_POOLING_H */
