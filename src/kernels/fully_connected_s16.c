/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_s16.c - int16x8 fully connected reference kernels: one
 * with TFLM's int32 accumulator (int32 bias), one with its int64
 * accumulator (int64 bias or none). See fully_connected.h.
 */
#include "kernels/fully_connected.h"

#include <stddef.h>

#include "kernels/fixedpoint.h"

static int32_t ch_mult(const mote_fc_params *p, int32_t c)
{
	return p->ch_mult ? p->ch_mult[c] : p->mult;
}

static int ch_shift(const mote_fc_params *p, int32_t c)
{
	return p->ch_mult ? (int)p->ch_shift[c] : (int)p->shift;
}

void mote_fully_connected_s16(const mote_fc_params *p, const int16_t *in,
			      const int8_t *filter, const int32_t *bias,
			      int16_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		const int16_t *row = in + (size_t)b * (size_t)p->accum;
		for (int32_t c = 0; c < p->out_c; c++) {
			const int8_t *w = filter + (size_t)c * (size_t)p->accum;
			uint32_t acc = 0; /* int32 sum, wrapping as TFLM's */
			for (int32_t d = 0; d < p->accum; d++)
				acc += (uint32_t)((w[d] + p->filter_offset) *
						  (row[d] + p->in_offset));
			if (bias)
				acc += (uint32_t)bias[c];
			int32_t v = mote_mul_by_quant_mult(
				(int32_t)acc, ch_mult(p, c), ch_shift(p, c));
			v = mote_clamp_i32(v + p->out_zp, p->act_min,
					   p->act_max);
			out[(size_t)b * (size_t)p->out_c + (size_t)c] =
				(int16_t)v;
		}
	}
}

void mote_fully_connected_s16_acc64(const mote_fc_params *p, const int16_t *in,
				    const int8_t *filter, const int64_t *bias,
				    int16_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		const int16_t *row = in + (size_t)b * (size_t)p->accum;
		for (int32_t c = 0; c < p->out_c; c++) {
			const int8_t *w = filter + (size_t)c * (size_t)p->accum;
			int64_t acc = 0;
			for (int32_t d = 0; d < p->accum; d++)
				acc += (int64_t)((w[d] + p->filter_offset) *
						 (row[d] + p->in_offset));
			if (bias) /* wraps instead of overflowing (hostile bias) */
				acc = (int64_t)((uint64_t)acc + (uint64_t)bias[c]);
			int32_t v = mote_mul_by_quant_mult_64(
				acc, ch_mult(p, c), ch_shift(p, c));
			v = mote_clamp_i32(v + p->out_zp, p->act_min,
					   p->act_max);
			out[(size_t)b * (size_t)p->out_c + (size_t)c] =
				(int16_t)v;
		}
	}
}
