/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_s8.c - int8 fully connected reference kernels: int8
 * filter and packed int4 filter. See fully_connected.h for the contract.
 */
#include "kernels/fully_connected.h"

#include <stddef.h>

#include "kernels/fixedpoint.h"

/* Requantizes one int32 sum of output channel c and clamps it. */
static int8_t requant_s8(const mote_fc_params *p, int32_t c, int32_t acc)
{
	int32_t mult = p->ch_mult ? p->ch_mult[c] : p->mult;
	int shift = p->ch_mult ? (int)p->ch_shift[c] : (int)p->shift;
	int32_t v = mote_mul_by_quant_mult(acc, mult, shift) + p->out_zp;
	return (int8_t)mote_clamp_i32(v, p->act_min, p->act_max);
}

void mote_fully_connected_s8(const mote_fc_params *p, const int8_t *in,
			     const int8_t *filter, const int32_t *bias,
			     int8_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *row = in + (size_t)b * (size_t)p->accum;
		for (int32_t c = 0; c < p->out_c; c++) {
			const int8_t *w = filter + (size_t)c * (size_t)p->accum;
			uint32_t acc = 0; /* int32 sum, wrapping as TFLM's */
			for (int32_t d = 0; d < p->accum; d++)
				acc += (uint32_t)((w[d] + p->filter_offset) *
						  (row[d] + p->in_offset));
			if (bias)
				acc += (uint32_t)bias[c];
			out[(size_t)b * (size_t)p->out_c + (size_t)c] =
				requant_s8(p, c, (int32_t)acc);
		}
	}
}

/* Element k of a packed int4 tensor, sign-extended. */
static int32_t int4_at(const uint8_t *packed, size_t k)
{
	uint8_t byte = packed[k / 2];
	int32_t nibble = (k % 2) ? (byte >> 4) : (byte & 0x0f);
	return nibble >= 8 ? nibble - 16 : nibble;
}

void mote_fully_connected_s8w4(const mote_fc_params *p, const int8_t *in,
			       const uint8_t *filter, const int32_t *bias,
			       int8_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *row = in + (size_t)b * (size_t)p->accum;
		for (int32_t c = 0; c < p->out_c; c++) {
			size_t base = (size_t)c * (size_t)p->accum;
			uint32_t acc = 0; /* int32 sum, wrapping as TFLM's */
			for (int32_t d = 0; d < p->accum; d++)
				acc += (uint32_t)((int4_at(filter,
							   base + (size_t)d) +
						   p->filter_offset) *
						  (row[d] + p->in_offset));
			if (bias)
				acc += (uint32_t)bias[c];
			out[(size_t)b * (size_t)p->out_c + (size_t)c] =
				requant_s8(p, c, (int32_t)acc);
		}
	}
}
