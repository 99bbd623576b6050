/* SPDX-License-Identifier: Apache-2.0 */
/*
 * quantize.h - QUANTIZE (float -> int, int -> int requantization) and
 * DEQUANTIZE (int -> float) kernels, element-wise over `n` values.
 *
 * They compute what TFLM's reference kernels compute (reference/quantize.h,
 * requantize.h, dequantize.h at TFLM 90b983c2):
 *   quantize:   q = clamp(round(x / scale) + zp), the division and the
 *               rounding (half away from zero) done in float;
 *   requantize: q = clamp(zp_out + mote_mul_by_quant_mult(x - zp_in,
 *               mult, shift)), with (mult, shift) from in_scale / out_scale
 *               computed in double;
 *   dequantize: x = scale * (q - zp), rounded once to float.
 * Clamping is to the output type's range. A float -> int quantization of
 * a value whose rounded quotient lies outside the int32 range (or NaN)
 * gives the lowest output value (TFLM on x86-64 does too, except that
 * with a negative zero point its int32 sum wraps to the highest).
 *
 * Input and output may be the same buffer (each element is read before it
 * is written) only when both types have the same size. Params structs are
 * plain data filled at prepare; kernels only read them.
 */
#ifndef MOTE_KERNELS_QUANTIZE_H
#define MOTE_KERNELS_QUANTIZE_H

#include <stddef.h>
#include <stdint.h>

/* Affine quantization of float values. */
typedef struct mote_quantize_params {
	float scale; /* output scale (> 0) */
	int32_t zp; /* output zero point */
} mote_quantize_params;

/* Integer to integer requantization. */
typedef struct mote_requantize_params {
	int32_t in_zp; /* input zero point */
	int32_t out_zp; /* output zero point */
	int32_t mult; /* Q0.31 mantissa of in_scale / out_scale */
	int32_t shift; /* its power-of-two exponent (positive = left) */
} mote_requantize_params;

/* Dequantization to float. */
typedef struct mote_dequantize_params {
	float scale; /* input scale */
	int32_t zp; /* input zero point, within the input type's range */
} mote_dequantize_params;

void mote_quantize_f32_s8(const mote_quantize_params *p, const float *in,
			  int8_t *out, size_t n);
void mote_quantize_f32_s16(const mote_quantize_params *p, const float *in,
			   int16_t *out, size_t n);

void mote_requantize_s8_s8(const mote_requantize_params *p, const int8_t *in,
			   int8_t *out, size_t n);
void mote_requantize_s8_u8(const mote_requantize_params *p, const int8_t *in,
			   uint8_t *out, size_t n);
void mote_requantize_s8_s16(const mote_requantize_params *p, const int8_t *in,
			    int16_t *out, size_t n);
void mote_requantize_s8_s32(const mote_requantize_params *p, const int8_t *in,
			    int32_t *out, size_t n);
void mote_requantize_u8_s8(const mote_requantize_params *p, const uint8_t *in,
			   int8_t *out, size_t n);
void mote_requantize_s16_s8(const mote_requantize_params *p,
			    const int16_t *in, int8_t *out, size_t n);
void mote_requantize_s16_s16(const mote_requantize_params *p,
			     const int16_t *in, int16_t *out, size_t n);
void mote_requantize_s16_s32(const mote_requantize_params *p,
			     const int16_t *in, int32_t *out, size_t n);
void mote_requantize_s32_s8(const mote_requantize_params *p,
			    const int32_t *in, int8_t *out, size_t n);
void mote_requantize_s32_s16(const mote_requantize_params *p,
			     const int32_t *in, int16_t *out, size_t n);

void mote_dequantize_s8_f32(const mote_dequantize_params *p, const int8_t *in,
			    float *out, size_t n);
void mote_dequantize_u8_f32(const mote_dequantize_params *p,
			    const uint8_t *in, float *out, size_t n);
void mote_dequantize_s16_f32(const mote_dequantize_params *p,
			     const int16_t *in, float *out, size_t n);

#endif /* MOTE_KERNELS_QUANTIZE_H */
