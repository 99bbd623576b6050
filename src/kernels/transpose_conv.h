/* SPDX-License-Identifier: Apache-2.0 */
/*
 * transpose_conv.h - TRANSPOSE_CONV (the gradient of CONV_2D, used for
 * upsampling), NHWC input, OHWI filter, NHWC output.
 *
 * Reference "scatter" form, as TFLM: every input pixel (b, y, x, ic)
 * adds in * filter[oc][fy][fx][ic] to output (b, y*stride_h - pad_h + fy,
 * x*stride_w - pad_w + fx, oc) when that lies inside the output. Each
 * output element therefore receives its terms in (y, x, ic) order, which
 * fixes the float rounding. Then the bias is added and the result
 * activated (float), or rescaled per output channel (quantized).
 *
 * int8: accumulates (in - zp_in) * w in int32 (the filter zero point is
 * ignored: weights are symmetric), adds the int32 bias, scales per
 * channel, adds zp_out and clamps. int16 (16x8): accumulates in * w in
 * int64 (zero points ignored, as TFLM), adds the int64 bias, scales with
 * TFLite's 64-bit multiply and clamps; no output zero point is added.
 * Quantized kernels accumulate in a scratch buffer of
 * mote_transpose_conv_<dtype>_scratch_size() bytes; the float kernel
 * accumulates in the output.
 */
#ifndef MOTE_KERNELS_TRANSPOSE_CONV_H
#define MOTE_KERNELS_TRANSPOSE_CONV_H

#include <stddef.h>
#include <stdint.h>

typedef struct mote_transpose_conv_params {
	int32_t batches; /* n of input and output */
	int32_t in_h; /* input height */
	int32_t in_w; /* input width */
	int32_t in_c; /* input channels (= filter's last dim) */
	int32_t filter_h; /* filter height */
	int32_t filter_w; /* filter width */
	int32_t out_h; /* output height */
	int32_t out_w; /* output width */
	int32_t out_c; /* output channels (= filter's first dim) */
	int32_t stride_h; /* vertical stride */
	int32_t stride_w; /* horizontal stride */
	int32_t pad_h; /* rows of output cropped at the top */
	int32_t pad_w; /* columns of output cropped at the left */
	int32_t in_zp; /* int8: input zero point */
	int32_t out_zp; /* int8: output zero point */
	int32_t act_min; /* quantized: lowest output */
	int32_t act_max; /* quantized: highest output */
	float act_min_f; /* float: lowest output */
	float act_max_f; /* float: highest output */
	const int32_t *mult; /* quantized: out_c multipliers (persistent) */
	const int32_t *shift; /* quantized: out_c shifts, positive = left */
} mote_transpose_conv_params;

/* Scratch bytes: one int32 (int8) or int64 (int16) per output element. */
size_t mote_transpose_conv_s8_scratch_size(
	const mote_transpose_conv_params *p);
size_t mote_transpose_conv_s16_scratch_size(
	const mote_transpose_conv_params *p);

/* `bias` (out_c values) may be NULL. */
void mote_transpose_conv_f32(const mote_transpose_conv_params *p,
			     const float *in, const float *filter,
			     const float *bias, float *out);
void mote_transpose_conv_s8(const mote_transpose_conv_params *p,
			    const int8_t *in, const int8_t *filter,
			    const int32_t *bias, int8_t *out,
			    int32_t *scratch);
void mote_transpose_conv_s16(const mote_transpose_conv_params *p,
			     const int16_t *in, const int8_t *filter,
			     const int64_t *bias, int16_t *out,
			     int64_t *scratch);

#endif /* MOTE_KERNELS_TRANSPOSE_CONV_H */
