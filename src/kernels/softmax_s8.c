/* SPDX-License-Identifier: Apache-2.0 */
/*
 * softmax_s8.c - int8-input softmax reference kernels (int8 and int16
 * output), gemmlowp fixed point as in TFLM. See softmax.h.
 *
 * Per row: the sum of exps is accumulated in Q12.19 (wrapping, as TFLM's
 * plain int32 adds), its reciprocal r is a Q0 mantissa with exponent
 * -bits_over_unit, and output = round(exp * r / 2^(bits_over_unit + 31 -
 * out_bits)) + out_min, clamped to the output type.
 */
#include "kernels/softmax.h"

#include <stddef.h>

#include "kernels/fixedpoint.h"

enum {
	SCALED_DIFF_INT_BITS = 5, /* exp() input format: Q5.26 */
	ACCUM_INT_BITS = 12, /* sum of exps format: Q12.19 */
};

static int32_t row_max(const int8_t *in, int32_t depth)
{
	int32_t m = INT8_MIN;
	for (int32_t c = 0; c < depth; c++)
		m = in[c] > m ? in[c] : m;
	return m;
}

/* exp(beta * scale * diff) in Q0 for diff = x - max >= diff_min. */
static int32_t exp_of_diff(const mote_softmax_params *p, int32_t diff)
{
	int32_t scaled = mote_mul_by_quant_mult_gt1(diff, p->mult, p->shift);
	return mote_fp_exp_on_negative(scaled, SCALED_DIFF_INT_BITS);
}

/*
 * Reciprocal of the row's sum of exps (Q0) and the right shift that turns
 * exp * reciprocal into an output of `out_bits` bits.
 */
static int32_t row_reciprocal(const mote_softmax_params *p, const int8_t *in,
			      int32_t max, int out_bits, int *exponent)
{
	int32_t sum = 0;
	int bits_over_unit;

	for (int32_t c = 0; c < p->depth; c++) {
		int32_t diff = in[c] - max;
		if (diff >= p->diff_min)
			sum = mote_wrap_add(
				sum, mote_fp_rescale(exp_of_diff(p, diff), 0,
						     ACCUM_INT_BITS));
	}
	int32_t recip =
		mote_fp_reciprocal(sum, ACCUM_INT_BITS, &bits_over_unit);
	/* TFLM aborts above 31 (rows > 512 values at the maximum); the
	 * output there is 0 or 1 from the minimum, so clamp the shift. */
	*exponent = mote_min_i32(bits_over_unit + 31 - out_bits, 31);
	return recip;
}

/*
 * One output value: exp * reciprocal rounded, offset by the output type's
 * minimum `lo` and clamped to [lo, hi]; `lo` for skipped differences.
 */
static int32_t value_out(const mote_softmax_params *p, int32_t diff,
			 int32_t recip, int exponent, int32_t lo, int32_t hi)
{
	if (diff < p->diff_min)
		return lo;
	int32_t e = exp_of_diff(p, diff);
	int32_t v = mote_rounding_div_pot(
		mote_sat_rounding_doubling_high_mul(recip, e), exponent);
	return mote_clamp_i32(v + lo, lo, hi);
}

void mote_softmax_s8(const mote_softmax_params *p, const int8_t *in,
		     int8_t *out)
{
	for (int32_t i = 0; i < p->outer; i++) {
		const int8_t *x = in + (size_t)i * (size_t)p->depth;
		int8_t *y = out + (size_t)i * (size_t)p->depth;
		int32_t max = row_max(x, p->depth);
		int exponent;
		int32_t recip = row_reciprocal(p, x, max, 8, &exponent);

		for (int32_t c = 0; c < p->depth; c++)
			y[c] = (int8_t)value_out(p, x[c] - max, recip, exponent,
						 INT8_MIN, INT8_MAX);
	}
}

void mote_softmax_s8_s16(const mote_softmax_params *p, const int8_t *in,
			 int16_t *out)
{
	for (int32_t i = 0; i < p->outer; i++) {
		const int8_t *x = in + (size_t)i * (size_t)p->depth;
		int16_t *y = out + (size_t)i * (size_t)p->depth;
		int32_t max = row_max(x, p->depth);
		int exponent;
		int32_t recip = row_reciprocal(p, x, max, 16, &exponent);

		for (int32_t c = 0; c < p->depth; c++)
			y[c] = (int16_t)value_out(p, x[c] - max, recip,
						  exponent, INT16_MIN,
						  INT16_MAX);
	}
}
