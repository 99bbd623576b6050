/* SPDX-License-Identifier: Apache-2.0 */
/*
 * quantize.c - QUANTIZE and DEQUANTIZE kernels; see quantize.h.
 *
 * Dequantization multiplies in float: TFLM multiplies the float scale by
 * the integer difference in double and rounds the product to float, but
 * that product (24 by at most 18 significant bits) is exact in double, so
 * rounding it once to float is what a single float multiplication does.
 */
#include "kernels/quantize.h"

#include "kernels/fixedpoint.h"

/* round(x / scale) + zp clamped to [lo, hi], as TFLM's AffineQuantize. */
static int32_t quantize_one(const mote_quantize_params *p, float x, int32_t lo,
			    int32_t hi)
{
	float r = mote_roundf(x / p->scale);
	int64_t q;

	/* x86-64 turns out-of-range conversions and NaN into INT32_MIN. */
	if (r >= -2147483648.0f && r < 2147483648.0f)
		q = (int64_t)(int32_t)r + p->zp;
	else
		q = (int64_t)INT32_MIN + p->zp;
	return q < lo ? lo : (q > hi ? hi : (int32_t)q);
}

void mote_quantize_f32_s8(const mote_quantize_params *p, const float *in,
			  int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)quantize_one(p, in[i], INT8_MIN, INT8_MAX);
}

void mote_quantize_f32_s16(const mote_quantize_params *p, const float *in,
			   int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)quantize_one(p, in[i], INT16_MIN, INT16_MAX);
}

/* zp_out + (x - zp_in) * M clamped to [lo, hi] (TFLM Requantize). */
static int32_t requantize_one(const mote_requantize_params *p, int32_t x,
			      int32_t lo, int32_t hi)
{
	int32_t v = mote_mul_by_quant_mult(mote_wrap_sub(x, p->in_zp), p->mult,
					   p->shift);
	return mote_clamp_i32(mote_wrap_add(v, p->out_zp), lo, hi);
}

void mote_requantize_s8_s8(const mote_requantize_params *p, const int8_t *in,
			   int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)requantize_one(p, in[i], INT8_MIN, INT8_MAX);
}

void mote_requantize_s8_u8(const mote_requantize_params *p, const int8_t *in,
			   uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)requantize_one(p, in[i], 0, UINT8_MAX);
}

void mote_requantize_s8_s16(const mote_requantize_params *p, const int8_t *in,
			    int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)requantize_one(p, in[i], INT16_MIN, INT16_MAX);
}

void mote_requantize_s8_s32(const mote_requantize_params *p, const int8_t *in,
			    int32_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = requantize_one(p, in[i], INT32_MIN, INT32_MAX);
}

void mote_requantize_u8_s8(const mote_requantize_params *p, const uint8_t *in,
			   int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)requantize_one(p, in[i], INT8_MIN, INT8_MAX);
}

void mote_requantize_s16_s8(const mote_requantize_params *p,
			    const int16_t *in, int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)requantize_one(p, in[i], INT8_MIN, INT8_MAX);
}

void mote_requantize_s16_s16(const mote_requantize_params *p,
			     const int16_t *in, int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)requantize_one(p, in[i], INT16_MIN, INT16_MAX);
}

void mote_requantize_s16_s32(const mote_requantize_params *p,
			     const int16_t *in, int32_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = requantize_one(p, in[i], INT32_MIN, INT32_MAX);
}

void mote_requantize_s32_s8(const mote_requantize_params *p,
			    const int32_t *in, int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)requantize_one(p, in[i], INT8_MIN, INT8_MAX);
}

void mote_requantize_s32_s16(const mote_requantize_params *p,
			     const int32_t *in, int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)requantize_one(p, in[i], INT16_MIN, INT16_MAX);
}

void mote_dequantize_s8_f32(const mote_dequantize_params *p, const int8_t *in,
			    float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = p->scale * (float)(in[i] - p->zp);
}

void mote_dequantize_u8_f32(const mote_dequantize_params *p,
			    const uint8_t *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = p->scale * (float)(in[i] - p->zp);
}

void mote_dequantize_s16_f32(const mote_dequantize_params *p,
			     const int16_t *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = p->scale * (float)(in[i] - p->zp);
}
