/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d.h - 2-D convolution kernels (TFLite CONV_2D), NHWC layout.
 *
 * Shapes: input [batches, in_h, in_w, in_c], filter [out_c, filter_h,
 * filter_w, filter_c], bias [out_c] (optional), output [batches, out_h,
 * out_w, out_c]. Grouped convolution is supported: in_c = groups *
 * filter_c and output channel oc reads input channels
 * [g * filter_c, (g + 1) * filter_c) with g = oc / (out_c / groups).
 *
 * Every kernel computes exactly what TFLM's reference kernel computes
 * (reference/conv.h, reference/integer_ops/conv.h at TFLM 90b983c2):
 * taps that fall into the padding are skipped, integer sums are exact
 * (wrapping modulo 2^32 where TFLM's int32 accumulator would), float sums
 * run in TFLM's order (filter_y, filter_x, in channel), then the bias is
 * added and the result is requantized or clamped.
 *
 * The params struct is plain data: prepare fills it once and an ahead-of-
 * time generator can emit it as static const. Kernels read it only; they
 * never allocate and use no more stack than a few scalars. Data pointers
 * are borrowed for the call. `bias` may be NULL (no bias).
 */
#ifndef MOTE_KERNELS_CONV2D_H
#define MOTE_KERNELS_CONV2D_H

#include <stddef.h>
#include <stdint.h>

/* Geometry, quantization and activation of one convolution. */
typedef struct mote_conv2d_params {
	int32_t batches; /* batch size of input and output */
	int32_t in_h; /* input height */
	int32_t in_w; /* input width */
	int32_t in_c; /* input channels (groups * filter_c) */
	int32_t filter_h; /* filter height */
	int32_t filter_w; /* filter width */
	int32_t filter_c; /* input channels seen by one filter */
	int32_t out_h; /* output height */
	int32_t out_w; /* output width */
	int32_t out_c; /* output channels (a multiple of groups) */
	int32_t groups; /* number of channel groups (1: plain convolution) */
	int32_t stride_h; /* vertical stride, >= 1 */
	int32_t stride_w; /* horizontal stride, >= 1 */
	int32_t dilation_h; /* vertical dilation, >= 1 */
	int32_t dilation_w; /* horizontal dilation, >= 1 */
	int32_t pad_h; /* rows of implicit zero padding above the input */
	int32_t pad_w; /* columns of implicit zero padding left of it */
	int32_t in_zp; /* input zero point (int8 only; 0 otherwise) */
	int32_t out_zp; /* output zero point (int8 only; 0 otherwise) */
	int32_t act_min; /* lowest quantized output (fused activation) */
	int32_t act_max; /* highest quantized output */
	float act_min_f; /* lowest float output (float kernels only) */
	float act_max_f; /* highest float output (float kernels only) */
	const int32_t *mult; /* per output channel Q0.31 multiplier, or NULL
				for float */
	const int32_t *shift; /* per output channel power-of-two exponent
				 (positive: left), or NULL for float */
} mote_conv2d_params;

/*
 * int8 input and output, int8 filter (per-channel or broadcast per-tensor
 * scales; filter zero point 0), int32 bias. `scratch` must hold
 * mote_conv2d_s8_scratch_size(p) bytes, 4-byte aligned; it is clobbered.
 */
size_t mote_conv2d_s8_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8(const mote_conv2d_params *p, const int8_t *in,
		    const int8_t *filter, const int32_t *bias, int8_t *out,
		    void *scratch);

/*
 * As mote_conv2d_s8 with an int4 filter packed two per byte, low nibble
 * first (TFLite INT4). The filter stays where it is (flash); it is unpacked
 * into `scratch` (mote_conv2d_s8w4_scratch_size(p) bytes) at each call.
 */
size_t mote_conv2d_s8w4_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8w4(const mote_conv2d_params *p, const int8_t *in,
		      const uint8_t *filter, const int32_t *bias, int8_t *out,
		      void *scratch);

/*
 * int16 input and output (zero points 0), int8 filter, int64 bias: the
 * 16x8 path with a 64-bit accumulator and the 64-bit requantization.
 */
void mote_conv2d_s16(const mote_conv2d_params *p, const int16_t *in,
		     const int8_t *filter, const int64_t *bias, int16_t *out);

/*
 * int16 input and output, int8 filter, int32 bias (or no bias with
 * quantized_bias_type INT32): TFLM's 16x8 path with a 32-bit accumulator
 * (wrapping) and the 32-bit requantization.
 */
void mote_conv2d_s16_acc32(const mote_conv2d_params *p, const int16_t *in,
			   const int8_t *filter, const int32_t *bias,
			   int16_t *out);

/* float32 input, filter, bias and output; clamps to [act_min_f, act_max_f]. */
void mote_conv2d_f32(const mote_conv2d_params *p, const float *in,
		     const float *filter, const float *bias, float *out);

/*
 * Expands n signed 4-bit values packed two per byte, low nibble first, into
 * one int8 each (TFLite's UnpackDenseInt4IntoInt8). Shared by the kernels
 * that take int4 filters.
 */
void mote__unpack_int4(const uint8_t *src, size_t n, int8_t *dst);

/*
 * Valid filter taps [*lo, *hi) of a window that starts at input coordinate
 * `origin` (may be negative) with `taps` taps spaced `dilation` apart over
 * an input of `size`: the taps TFLM does not skip as padding. Shared by
 * the convolution kernels.
 */
void mote__tap_range(int32_t origin, int32_t taps, int32_t dilation,
		     int32_t size, int32_t *lo, int32_t *hi);

#endif /* MOTE_KERNELS_CONV2D_H */
