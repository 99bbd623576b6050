/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hard_swish.c - HARD_SWISH kernels; see activations.h.
 *
 * float: x * min(6, max(0, x + 3)) / 6.
 * int8 (TFLite reference HardSwish): all arithmetic is on int16 values.
 * The input, less its zero point, is scaled by 2^7; one copy goes to the
 * output scale (out_mult, not yet shifted), another to the "relu-ish"
 * scale where +3 is 2^15 (relu_mult and relu_exp, with saturating shifts),
 * is mapped from [-1, 1] to [0, 1] and multiplies the first without
 * rounding; the product is shifted by out_exp and offset.
 */
#include "kernels/activations.h"

#include "kernels/fixedpoint.h"

void mote_hard_swish_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float x = in[i];
		float r = x + 3.0f;
		/* Clamp to [0, 6] in TFLM's order (a NaN becomes 0). */
		r = 0.0f < r ? r : 0.0f;
		r = r < 6.0f ? r : 6.0f;
		out[i] = x * r / 6.0f;
	}
}

/* gemmlowp SaturatingRoundingDoublingHighMul on int16. */
static int16_t srdhm16(int16_t a, int16_t b)
{
	if (a == INT16_MIN && b == INT16_MIN)
		return INT16_MAX;
	int32_t ab = (int32_t)a * b;
	int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
	return (int16_t)((ab + nudge) / (1 << 15));
}

/* The same without rounding: the product truncated toward zero. */
static int16_t sdhm16(int16_t a, int16_t b)
{
	if (a == INT16_MIN && b == INT16_MIN)
		return INT16_MAX;
	return (int16_t)(((int32_t)a * b) / (1 << 15));
}

/* x * 2^amount saturated to int16. */
static int16_t sat_shl16(int16_t x, int amount)
{
	int64_t r = (int64_t)x * ((int64_t)1 << amount);
	return (int16_t)(r > INT16_MAX ? INT16_MAX : (r < INT16_MIN ? INT16_MIN : r));
}

/* gemmlowp RoundingDivideByPOT evaluated on int16 values (masks and
 * threshold truncated to 16 bits as the int16 instantiation does). */
static int16_t rdpot16(int16_t x, int exponent)
{
	int16_t mask = (int16_t)((1LL << exponent) - 1);
	int16_t remainder = (int16_t)(x & mask);
	int16_t threshold = (int16_t)((mask >> 1) + (x < 0 ? 1 : 0));
	return (int16_t)((x >> exponent) + (remainder > threshold ? 1 : 0));
}

void mote_hard_swish_s8(const mote_hard_swish_s8_params *p, const int8_t *in,
			int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int16_t x = (int16_t)(in[i] - p->in_zp);
		int16_t hires = (int16_t)(x * (1 << 7));
		int16_t pre_out = srdhm16(hires, p->out_mult);
		int16_t relu = hires;

		if (p->relu_exp > 0)
			relu = sat_shl16(relu, p->relu_exp - 1);
		relu = srdhm16(relu, p->relu_mult);
		if (p->relu_exp > 0)
			relu = sat_shl16(relu, 1);
		if (p->relu_exp < 0)
			relu = rdpot16(relu, -p->relu_exp);
		relu = (int16_t)((relu + (1 << 15)) >> 1);

		int16_t v = rdpot16(sdhm16(relu, pre_out), -p->out_exp);
		v = (int16_t)(v + p->out_zp);
		out[i] = (int8_t)mote_clamp_i32(v, INT8_MIN, INT8_MAX);
	}
}
