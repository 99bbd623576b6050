/* SPDX-License-Identifier: Apache-2.0 */
/*
 * softmax.h - softmax kernels (TFLite SOFTMAX) over the last dimension.
 *
 * The input is `outer` rows of `depth` values; each output row is
 * softmax(beta * row), computed exactly as TFLM's reference kernels do
 * (reference/softmax.h at TFLM 90b983c2):
 *  - float: max of the row, expf((x - max) * beta) per value, their float
 *    sum in order, then each exp divided by the sum;
 *  - int8 input: gemmlowp fixed point. diff = x - max (skipped when below
 *    diff_min) is scaled by (mult, shift) into Q5.26, exp() is
 *    gemmlowp's exp_on_negative_values, the sum is kept in Q12.19, its
 *    reciprocal comes from one_over_one_plus_x_for_x_in_0_1 and each output
 *    is exp * reciprocal rounded to the output type, offset by its minimum
 *    (zero point -128 for int8, -32768 for int16; scale 1/256, 1/65536);
 *  - int16 input and output: diff is scaled by (mult, shift) so that
 *    [-10, 0] spans [-65535, 0], exp() and 1/(1+x) are interpolated from
 *    TFLM's two 513-entry tables (mote__softmax_exp_lut,
 *    mote__softmax_recip_lut) and the output has scale 1/32768, zero
 *    point 0. The output buffer holds the row's exps while it is computed,
 *    so input and output must not overlap.
 *
 * Rows are at most 4095 values for int8 input and 65536 for int16 input
 * (TFLM's int32 sums of exps overflow beyond). Kernels read the params
 * only; they never allocate and need no scratch.
 */
#ifndef MOTE_KERNELS_SOFTMAX_H
#define MOTE_KERNELS_SOFTMAX_H

#include <stdint.h>

/* Shape and precomputed scaling of one softmax. */
typedef struct mote_softmax_params {
	int32_t outer; /* number of rows */
	int32_t depth; /* values per row (the last dimension) */
	int32_t mult; /* Q0.31 multiplier of beta * input scale (quantized) */
	int32_t shift; /* its exponent: left shift for int8 input (0..31),
			  either sign for int16 input */
	int32_t diff_min; /* int8 input: differences below this give 0 */
	float beta; /* float kernel only: the beta option */
} mote_softmax_params;

/* int8 input, int8 output (scale 1/256, zero point -128). */
void mote_softmax_s8(const mote_softmax_params *p, const int8_t *in,
		     int8_t *out);

/* int8 input, int16 output (scale 1/65536, zero point -32768). */
void mote_softmax_s8_s16(const mote_softmax_params *p, const int8_t *in,
			 int16_t *out);

/* int16 input (zero point 0), int16 output (scale 1/32768, zero point 0). */
void mote_softmax_s16(const mote_softmax_params *p, const int16_t *in,
		      int16_t *out);

/* float32 input and output. */
void mote_softmax_f32(const mote_softmax_params *p, const float *in,
		      float *out);

/*
 * TFLM's int16 softmax tables (LUTPopulate<int16_t> in softmax_common.cc):
 * exp(x) for x in [-10, 0] and 1 / (1 + x) for x in [0, 1], both sampled
 * at 513 points into Q0.15. Constant: they do not depend on the model.
 */
extern const int16_t mote__softmax_exp_lut[513];
extern const int16_t mote__softmax_recip_lut[513];

#endif /* MOTE_KERNELS_SOFTMAX_H */
