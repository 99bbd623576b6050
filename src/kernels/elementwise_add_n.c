/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_add_n.c - ADD_N kernels (see elementwise.h).
 *
 * Each output element sums the inputs' elements in input order. int8
 * follows TFLite's AddN: the accumulator starts at the rescaled input
 * offset (TFLite seeds it with "x = input offset" meaning zero, which adds
 * the real value of raw 0 once), then adds every offset input shifted
 * left by left_shift and rescaled, and the sum is rescaled to the output,
 * offset and clamped.
 */
#include "kernels/elementwise_impl.h"

size_t mote_add_n_scratch_size(int32_t n_in)
{
	return (size_t)(n_in > 0 ? n_in : 0) * sizeof(void *);
}

void mote_add_n_f32(const mote_add_n_params *p, const float *const *in,
		    float *out)
{
	for (int32_t i = 0; i < p->count; i++) {
		float sum = 0.0f;
		for (int32_t j = 0; j < p->n_in; j++)
			sum += in[j][i];
		out[i] = sum;
	}
}

void mote_add_n_s32(const mote_add_n_params *p, const int32_t *const *in,
		    int32_t *out)
{
	for (int32_t i = 0; i < p->count; i++) {
		int32_t sum = 0;
		for (int32_t j = 0; j < p->n_in; j++)
			sum = mote_wrap_add(sum, in[j][i]);
		out[i] = sum;
	}
}

void mote_add_n_s8(const mote_add_n_params *p, const int8_t *const *in,
		   int8_t *out)
{
	int32_t seed = mote__rescale_in(0, p->in_offset, p->left_shift,
					p->in_mult, p->in_shift);

	for (int32_t i = 0; i < p->count; i++) {
		int32_t sum = seed;
		for (int32_t j = 0; j < p->n_in; j++)
			sum = mote_wrap_add(
				sum, mote__rescale_in(in[j][i], p->in_offset,
						      p->left_shift,
						      p->in_mult,
						      p->in_shift));
		int32_t raw = mote_mul_by_quant_mult_lt1(sum, p->out_mult,
							 p->out_shift) +
			      p->out_offset;
		out[i] = (int8_t)mote__act_i32(raw, p->act_min, p->act_max);
	}
}
