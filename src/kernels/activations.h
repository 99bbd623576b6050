/* SPDX-License-Identifier: Apache-2.0 */
/*
 * activations.h - activation kernels: LOGISTIC, TANH, RELU, RELU6,
 * HARD_SWISH, LEAKY_RELU, ELU, LOG_SOFTMAX, L2_NORMALIZATION.
 *
 * Every kernel computes exactly what TFLM's reference kernel computes (TFLM
 * 90b983c2: micro/kernels/<op>.cc and kernels/internal/reference/...):
 * - int8 LOGISTIC and TANH rescale the input to a Q4.27 value and run
 *   gemmlowp's fixed-point logistic/tanh; the output is Q0.8 with zero
 *   point -128 (logistic) or Q0.7 with zero point 0 (tanh) whatever the
 *   output tensor says, as in TFLM.
 * - int16 LOGISTIC and TANH rescale the input (zero point 0) and
 *   interpolate TFLite's 256-entry sigmoid table; output scale 2^-15.
 * - int8 ELU maps every input through a 256-entry table built at prepare.
 * - LOG_SOFTMAX and L2_NORMALIZATION work on rows: `outer` rows of
 *   `depth` contiguous values (the last dimension). int8 LOG_SOFTMAX
 *   output is scale 16/256, zero point 127; int8 L2_NORMALIZATION output
 *   is scale 1/128, zero point 0.
 * - Float kernels call the libm function TFLM calls (expf, tanhf,
 *   expm1f, logf, sqrtf) in TFLM's order.
 *
 * Element-wise kernels take `n` values; input and output may be the same
 * buffer. Params structs are plain data filled at prepare (an ahead-of-
 * time build may emit them as static const); kernels only read them and
 * use no memory beyond a few scalars.
 */
#ifndef MOTE_KERNELS_ACTIVATIONS_H
#define MOTE_KERNELS_ACTIVATIONS_H

#include <stddef.h>
#include <stdint.h>

/* Input rescaling of int8 LOGISTIC and TANH. */
typedef struct mote_sigmoid_s8_params {
	int32_t in_zp; /* input zero point */
	int32_t in_radius; /* |x - in_zp| at or beyond this saturates */
	int32_t in_mult; /* Q0.31 mantissa of in_scale * 2^27 */
	int32_t in_shift; /* its left shift */
} mote_sigmoid_s8_params;

/* Input rescaling of int16 LOGISTIC and TANH: the table index is
 * (x * in_mult + round) >> in_shift (rounding half up). */
typedef struct mote_sigmoid_s16_params {
	int32_t in_mult; /* integer multiplier, at most 32767 */
	int32_t in_shift; /* right shift, 0 .. 31 */
} mote_sigmoid_s16_params;

void mote_logistic_f32(const float *in, float *out, size_t n);
void mote_logistic_s8(const mote_sigmoid_s8_params *p, const int8_t *in,
		      int8_t *out, size_t n);
void mote_logistic_s16(const mote_sigmoid_s16_params *p, const int16_t *in,
		       int16_t *out, size_t n);

void mote_tanh_f32(const float *in, float *out, size_t n);
void mote_tanh_s8(const mote_sigmoid_s8_params *p, const int8_t *in,
		  int8_t *out, size_t n);
void mote_tanh_s16(const mote_sigmoid_s16_params *p, const int16_t *in,
		   int16_t *out, size_t n);

/* Quantized RELU: requantize, then clamp to [act_min, act_max]. */
typedef struct mote_relu_params {
	int32_t in_zp; /* input zero point */
	int32_t out_zp; /* output zero point */
	int32_t mult; /* Q0.31 mantissa of in_scale / out_scale */
	int32_t shift; /* its exponent (positive = left) */
	int32_t act_min; /* lowest output: max(type min, out_zp) */
	int32_t act_max; /* highest output: the type's max */
} mote_relu_params;

/* Quantized RELU6: a clamp on the input's own scale (TFLM ignores the
 * output quantization). */
typedef struct mote_relu6_params {
	int32_t lo; /* quantized 0: the input zero point */
	int32_t hi; /* quantized 6 on the input scale, clamped to the type */
} mote_relu6_params;

void mote_relu_f32(const float *in, float *out, size_t n);
void mote_relu_s8(const mote_relu_params *p, const int8_t *in, int8_t *out,
		  size_t n);
void mote_relu_s16(const mote_relu_params *p, const int16_t *in,
		   int16_t *out, size_t n);
void mote_relu6_f32(const float *in, float *out, size_t n);
void mote_relu6_s8(const mote_relu6_params *p, const int8_t *in, int8_t *out,
		   size_t n);
void mote_relu6_s16(const mote_relu6_params *p, const int16_t *in,
		    int16_t *out, size_t n);

/* int8 HARD_SWISH: 16-bit fixed-point multipliers (TFLite HardSwishParams). */
typedef struct mote_hard_swish_s8_params {
	int32_t in_zp; /* input zero point */
	int32_t out_zp; /* output zero point */
	int16_t out_mult; /* Q0.15 mantissa of (in_scale / 128) / out_scale */
	int16_t relu_mult; /* Q0.15 mantissa of (in_scale / 128) / (3 / 32768) */
	int32_t out_exp; /* exponent of out_mult, <= 0 */
	int32_t relu_exp; /* exponent of relu_mult (positive = left) */
} mote_hard_swish_s8_params;

void mote_hard_swish_f32(const float *in, float *out, size_t n);
void mote_hard_swish_s8(const mote_hard_swish_s8_params *p, const int8_t *in,
			int8_t *out, size_t n);

/* LEAKY_RELU: float alpha, or two requantizations for x >= 0 and x < 0. */
typedef struct mote_leaky_relu_params {
	float alpha; /* slope for x < 0 (float kernel) */
	int32_t in_zp; /* input zero point */
	int32_t out_zp; /* output zero point */
	int32_t mult_alpha; /* |mantissa| of in_scale * alpha / out_scale */
	int32_t shift_alpha; /* its exponent */
	int32_t alpha_negative; /* 1 if alpha < 0: negate the scaled value */
	int32_t mult_identity; /* mantissa of in_scale / out_scale */
	int32_t shift_identity; /* its exponent */
} mote_leaky_relu_params;

void mote_leaky_relu_f32(const mote_leaky_relu_params *p, const float *in,
			 float *out, size_t n);
void mote_leaky_relu_s8(const mote_leaky_relu_params *p, const int8_t *in,
			int8_t *out, size_t n);
void mote_leaky_relu_s16(const mote_leaky_relu_params *p, const int16_t *in,
			 int16_t *out, size_t n);

/* int8 ELU: the output for each input byte. */
typedef struct mote_elu_s8_params {
	int8_t lut[256]; /* lut[(uint8_t)x] (see lut.h) */
} mote_elu_s8_params;

void mote_elu_f32(const float *in, float *out, size_t n);
void mote_elu_s8(const mote_elu_s8_params *p, const int8_t *in, int8_t *out,
		 size_t n);

/* Rows of LOG_SOFTMAX and L2_NORMALIZATION. */
typedef struct mote_rows {
	size_t outer; /* number of rows */
	size_t depth; /* values per row (the last dimension) */
} mote_rows;

/* int8 LOG_SOFTMAX (TFLite PreprocessLogSoftmaxScalingExp, beta 1). */
typedef struct mote_log_softmax_s8_params {
	mote_rows rows; /* row geometry */
	int32_t in_mult; /* mantissa of in_scale * 2^26 (Q5.26 diffs) */
	int32_t in_shift; /* its left shift */
	int32_t reverse_mult; /* mantissa of the inverse scaling */
	int32_t reverse_shift; /* its exponent (<= 0) */
	int32_t diff_min; /* differences below this contribute nothing */
} mote_log_softmax_s8_params;

void mote_log_softmax_f32(const mote_rows *p, const float *in, float *out);
void mote_log_softmax_s8(const mote_log_softmax_s8_params *p,
			 const int8_t *in, int8_t *out);

/* int8 L2_NORMALIZATION. */
typedef struct mote_l2norm_s8_params {
	mote_rows rows; /* row geometry */
	int32_t in_zp; /* input zero point */
} mote_l2norm_s8_params;

void mote_l2norm_f32(const mote_rows *p, const float *in, float *out);
void mote_l2norm_s8(const mote_l2norm_s8_params *p, const int8_t *in,
		    int8_t *out);

#endif /* MOTE_KERNELS_ACTIVATIONS_H */
