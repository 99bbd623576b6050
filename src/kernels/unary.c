/* SPDX-License-Identifier: Apache-2.0 */
/*
 * unary.c - element-wise math kernels; see unary.h.
 *
 * Quantized RSQRT follows TFLM: the integer x - in_zp gets a fixed-point
 * 1/sqrt multiplier (mote_inv_sqrt_mult), which applied to 1 with 20 bits
 * of headroom gives 2^20 / sqrt(x - in_zp); that is requantized with
 * 1 / (sqrt(in_scale) * out_scale) and the headroom removed.
 */
#include "kernels/unary.h"

#include <math.h>
#include <string.h>

#include "kernels/fixedpoint.h"

void mote_abs_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = fabsf(in[i]);
}

void mote_neg_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = -in[i];
}

void mote_sin_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = sinf(in[i]);
}

void mote_cos_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = cosf(in[i]);
}

void mote_exp_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = expf(in[i]);
}

void mote_log_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = logf(in[i]);
}

void mote_sqrt_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = sqrtf(in[i]);
}

void mote_rsqrt_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = 1.0f / sqrtf(in[i]);
}

void mote_floor_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = floorf(in[i]);
}

void mote_ceil_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = ceilf(in[i]);
}

void mote_round_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float f = floorf(in[i]);
		float diff = in[i] - f;
		/* A tie (diff == 0.5) implies |f| < 2^23: the cast is exact. */
		bool down = diff < 0.5f ||
			    (diff == 0.5f && (int32_t)f % 2 == 0);
		out[i] = down ? f : f + 1.0f;
	}
}

void mote_square_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = in[i] * in[i];
}

static int32_t abs_one(const mote_unary_q_params *p, int32_t x)
{
	int32_t v = x - p->in_zp;

	v = v < 0 ? -v : v;
	if (p->rescale)
		v = mote_mul_by_quant_mult(v, p->mult, p->shift);
	return v + p->out_zp;
}

void mote_abs_s8(const mote_unary_q_params *p, const int8_t *in, int8_t *out,
		 size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)mote_clamp_i32(abs_one(p, in[i]), INT8_MIN,
						INT8_MAX);
}

void mote_abs_s16(const mote_unary_q_params *p, const int16_t *in,
		  int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)mote_clamp_i32(abs_one(p, in[i]), INT16_MIN,
						 INT16_MAX);
}

void mote_abs_i16(const int16_t *in, int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t x = in[i];
		out[i] = (int16_t)(x < 0 ? -x : x);
	}
}

/* 1 / sqrt(x - in_zp) requantized, unclamped; x > in_zp. */
static int32_t rsqrt_one(const mote_unary_q_params *p, int32_t x)
{
	const int headroom = 20;
	int32_t mult;
	int shift;

	mote_inv_sqrt_mult(x - p->in_zp, -1, &mult, &shift);
	int32_t r = mote_mul_by_quant_mult(1, mult, shift + headroom);
	return mote_mul_by_quant_mult(r, p->mult, p->shift - headroom) +
	       p->out_zp;
}

bool mote_rsqrt_s8(const mote_unary_q_params *p, const int8_t *in,
		   int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (in[i] < p->in_zp)
			return false;
		if (in[i] == p->in_zp)
			out[i] = INT8_MAX;
		else
			out[i] = (int8_t)mote_clamp_i32(rsqrt_one(p, in[i]),
							INT8_MIN, INT8_MAX);
	}
	return true;
}

bool mote_rsqrt_s16(const mote_unary_q_params *p, const int16_t *in,
		    int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (in[i] < p->in_zp)
			return false;
		if (in[i] == p->in_zp)
			out[i] = INT16_MAX;
		else
			out[i] = (int16_t)mote_clamp_i32(rsqrt_one(p, in[i]),
							 INT16_MIN, INT16_MAX);
	}
	return true;
}

void mote_logical_not_bool(const uint8_t *in, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = in[i] == 0;
}

void mote_zeros_like(void *out, size_t bytes)
{
	memset(out, 0, bytes);
}

void mote_fill(const void *value, size_t size, void *out, size_t n)
{
	uint8_t *o = out;

	for (size_t i = 0; i < n; i++)
		memcpy(o + i * size, value, size);
}
