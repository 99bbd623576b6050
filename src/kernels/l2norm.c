/* SPDX-License-Identifier: Apache-2.0 */
/*
 * l2norm.c - L2_NORMALIZATION kernels over the last dimension; see
 * activations.h.
 *
 * float: x / max(sqrtf(sum(x^2)), 1e-6), summed in row order.
 * int8: the sum of squares of (x - zp) gives a fixed-point 1/sqrt
 * multiplier (TFLite GetInvSqrtQuantizedMultiplierExp); each value is
 * multiplied by it into Q0.7 (scale 1/128, zero point 0).
 */
#include "kernels/activations.h"

#include <math.h>

#include "kernels/fixedpoint.h"

void mote_l2norm_f32(const mote_rows *p, const float *in, float *out)
{
	const float epsilon = 1e-6f;

	for (size_t r = 0; r < p->outer; r++) {
		const float *x = in + r * p->depth;
		float *y = out + r * p->depth;
		float sum = 0.0f;

		for (size_t c = 0; c < p->depth; c++)
			sum += x[c] * x[c];
		float norm = sqrtf(sum);
		norm = norm < epsilon ? epsilon : norm;
		for (size_t c = 0; c < p->depth; c++)
			y[c] = x[c] / norm;
	}
}

void mote_l2norm_s8(const mote_l2norm_s8_params *p, const int8_t *in,
		    int8_t *out)
{
	for (size_t r = 0; r < p->rows.outer; r++) {
		const int8_t *x = in + r * p->rows.depth;
		int8_t *y = out + r * p->rows.depth;
		int32_t acc = 0;
		int32_t mult;
		int shift;

		for (size_t c = 0; c < p->rows.depth; c++) {
			int32_t v = x[c] - p->in_zp;
			acc = mote_wrap_add(acc, v * v);
		}
		mote_inv_sqrt_mult(acc, -1, &mult, &shift);
		for (size_t c = 0; c < p->rows.depth; c++) {
			int32_t v = mote_mul_by_quant_mult(x[c] - p->in_zp, mult,
							   shift + 7);
			y[c] = (int8_t)mote_clamp_i32(v, INT8_MIN, INT8_MAX);
		}
	}
}
