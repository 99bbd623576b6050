/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d.h - depthwise 2-D convolution kernels (TFLite
 * DEPTHWISE_CONV_2D), NHWC layout.
 *
 * Shapes: input [batches, in_h, in_w, in_c], filter [1, filter_h, filter_w,
 * out_c] with out_c = in_c * depth_mult, bias [out_c] (optional), output
 * [batches, out_h, out_w, out_c]. Output channel oc = ic * depth_mult + m
 * reads input channel ic only.
 *
 * Every kernel computes exactly what TFLM's reference kernel computes
 * (reference/depthwiseconv_float.h, reference/integer_ops/depthwise_conv.h
 * at TFLM 90b983c2): taps in the padding are skipped, integer sums are
 * exact (wrapping modulo 2^32 where TFLM's int32 accumulator would), float
 * sums run in TFLM's order (filter_y, filter_x), then the bias is added and
 * the result requantized or clamped. The kernels walk the taps outermost
 * and all channels innermost (contiguous in input, filter and output),
 * keeping one accumulator per output channel in the scratch buffer; that
 * changes no result, since each channel still sums its taps in TFLM's order.
 *
 * The params struct is plain data filled once at prepare (an ahead-of-time
 * generator can emit it as static const). Data pointers are borrowed for
 * the call; `bias` may be NULL. `scratch` must hold the size the matching
 * *_scratch_size() returns, 8-byte aligned; it is clobbered.
 */
#ifndef MOTE_KERNELS_DEPTHWISE_CONV2D_H
#define MOTE_KERNELS_DEPTHWISE_CONV2D_H

#include <stddef.h>
#include <stdint.h>

/* Geometry, quantization and activation of one depthwise convolution. */
typedef struct mote_depthwise_conv2d_params {
	int32_t batches; /* batch size of input and output */
	int32_t in_h; /* input height */
	int32_t in_w; /* input width */
	int32_t in_c; /* input channels */
	int32_t filter_h; /* filter height */
	int32_t filter_w; /* filter width */
	int32_t out_h; /* output height */
	int32_t out_w; /* output width */
	int32_t out_c; /* output channels: in_c * depth_mult */
	int32_t depth_mult; /* output channels per input channel, >= 1 */
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
	float act_min_f; /* lowest float output (float kernel only) */
	float act_max_f; /* highest float output (float kernel only) */
	const int32_t *mult; /* per output channel Q0.31 multiplier, or NULL
				for float */
	const int32_t *shift; /* per output channel power-of-two exponent
				 (positive: left), or NULL for float */
} mote_depthwise_conv2d_params;

/* int8 activations, int8 filter (zero point 0), int32 bias. */
size_t mote_depthwise_conv2d_s8_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
			      const int8_t *in, const int8_t *filter,
			      const int32_t *bias, int8_t *out, void *scratch);

/*
 * As mote_depthwise_conv2d_s8 with an int4 filter packed two per byte, low
 * nibble first; unpacked into the scratch buffer at each call.
 */
size_t mote_depthwise_conv2d_s8w4_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8w4(const mote_depthwise_conv2d_params *p,
				const int8_t *in, const uint8_t *filter,
				const int32_t *bias, int8_t *out,
				void *scratch);

/* int16 activations (zero points 0), int8 filter, int64 bias: 16x8. */
size_t mote_depthwise_conv2d_s16_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s16(const mote_depthwise_conv2d_params *p,
			       const int16_t *in, const int8_t *filter,
			       const int64_t *bias, int16_t *out,
			       void *scratch);

/* float32; clamps to [act_min_f, act_max_f]. */
size_t mote_depthwise_conv2d_f32_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_f32(const mote_depthwise_conv2d_params *p,
			       const float *in, const float *filter,
			       const float *bias, float *out, void *scratch);

#endif /* MOTE_KERNELS_DEPTHWISE_CONV2D_H */
