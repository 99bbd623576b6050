/* SPDX-License-Identifier: Apache-2.0 */
/*
 * log_softmax.c - LOG_SOFTMAX kernels over the last dimension; see
 * activations.h.
 *
 * float: x - max - logf(sum(expf(x - max))), summed in row order.
 * int8 (TFLite LogSoftmaxQuantized): differences to the row maximum are
 * scaled to Q5.26, their exponentials (gemmlowp) summed in Q12.19, the
 * log of the sum taken in Q5.26; each output is (diff - log_sum) in Q4.3
 * offset by 127, or -128 where diff lies below the representable range.
 */
#include "kernels/activations.h"

#include <float.h>
#include <math.h>

#include "kernels/fixedpoint.h"

void mote_log_softmax_f32(const mote_rows *p, const float *in, float *out)
{
	for (size_t r = 0; r < p->outer; r++) {
		const float *x = in + r * p->depth;
		float *y = out + r * p->depth;
		float max = -FLT_MAX;
		float sum = 0.0f;

		for (size_t c = 0; c < p->depth; c++)
			max = max < x[c] ? x[c] : max;
		for (size_t c = 0; c < p->depth; c++)
			sum += expf(x[c] - max);
		float log_sum = logf(sum);
		for (size_t c = 0; c < p->depth; c++)
			y[c] = x[c] - max - log_sum;
	}
}

/* Log of the sum of exp(diff) over one row, Q5.26. */
static int32_t log_sum_exp_s8(const mote_log_softmax_s8_params *p,
			      const int8_t *x, int32_t max)
{
	int32_t sum = 0; /* Q12.19 */

	for (size_t c = 0; c < p->rows.depth; c++) {
		int32_t diff = x[c] - max;
		if (diff < p->diff_min)
			continue;
		int32_t q5 = mote_mul_by_quant_mult(diff, p->in_mult, p->in_shift);
		sum = mote_wrap_add(
			sum, mote_fp_rescale(mote_fp_exp_on_negative(q5, 5), 0, 12));
	}
	return mote_fp_log_x_ge_1(sum, 12, 5);
}

void mote_log_softmax_s8(const mote_log_softmax_s8_params *p,
			 const int8_t *in, int8_t *out)
{
	for (size_t r = 0; r < p->rows.outer; r++) {
		const int8_t *x = in + r * p->rows.depth;
		int8_t *y = out + r * p->rows.depth;
		int32_t max = INT8_MIN;

		for (size_t c = 0; c < p->rows.depth; c++)
			max = mote_max_i32(max, x[c]);
		int32_t log_sum = log_sum_exp_s8(p, x, max);
		/* Differences at or below this give the lowest output. */
		int32_t adjusted_min = mote_max_i32(
			p->diff_min - 1,
			mote_mul_by_quant_mult(mote_wrap_add(log_sum, INT32_MIN),
					       p->reverse_mult, p->reverse_shift));
		for (size_t c = 0; c < p->rows.depth; c++) {
			int32_t diff = x[c] - max;
			if (diff <= adjusted_min) {
				y[c] = INT8_MIN;
				continue;
			}
			int32_t q5 = mote_mul_by_quant_mult(diff, p->in_mult,
							    p->in_shift);
			int32_t v = mote_rounding_div_pot(
					    mote_wrap_sub(q5, log_sum), 22) + 127;
			y[c] = (int8_t)mote_clamp_i32(v, INT8_MIN, INT8_MAX);
		}
	}
}
