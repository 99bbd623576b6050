/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cumsum.c - reference CUMSUM; see cumsum.h.
 */
#include "kernels/cumsum.h"

#include "kernels/fixedpoint.h"

bool mote_cumsum_init_shape(mote_cumsum_params *p, const int32_t *dims,
			    int32_t rank, int64_t axis)
{
	int64_t outer = 1, inner = 1;

	if (axis < 0)
		axis += rank;
	if (rank < 1 || axis < 0 || axis >= rank)
		return false;
	for (int32_t d = 0; d < rank; d++) {
		if (dims[d] < 0)
			return false;
		if (d < axis)
			outer *= dims[d];
		else if (d > axis)
			inner *= dims[d];
	}
	if (outer * dims[axis] * inner > INT32_MAX)
		return false;
	p->outer = (int32_t)outer;
	p->depth = dims[axis];
	p->inner = (int32_t)inner;
	return true;
}

/* Offset of element k along the axis of line (o, i), honouring reverse. */
static int32_t at(const mote_cumsum_params *p, int32_t o, int32_t i,
		  int32_t k)
{
	if (p->reverse) {
		o = p->outer - 1 - o;
		i = p->inner - 1 - i;
		k = p->depth - 1 - k;
	}
	return (o * p->depth + k) * p->inner + i;
}

void mote_cumsum_f32(const mote_cumsum_params *p, const float *in,
		     float *out)
{
	for (int32_t o = 0; o < p->outer; o++) {
		for (int32_t i = 0; i < p->inner; i++) {
			float acc = 0.0f;
			for (int32_t k = 0; k < p->depth; k++) {
				int32_t x = at(p, o, i, k);
				float next = acc + in[x];
				out[x] = p->exclusive ? acc : next;
				acc = next;
			}
		}
	}
}

/* An int8 value (or the zero point itself) on the accumulation scale. */
static int32_t scaled(const mote_cumsum_params *p, int32_t v)
{
	int32_t shifted = (v - p->in_zp) * (1 << MOTE_CUMSUM_LEFT_SHIFT);
	return mote_mul_by_quant_mult_lt1(shifted, p->in_mult, p->in_shift);
}

static int8_t to_s8(const mote_cumsum_params *p, int32_t acc)
{
	int32_t y = mote_mul_by_quant_mult_lt1(acc, p->out_mult, p->out_shift);
	return (int8_t)mote_clamp_i32(y + p->out_zp, p->act_min, p->act_max);
}

void mote_cumsum_s8(const mote_cumsum_params *p, const int8_t *in,
		    int8_t *out)
{
	/* TFLM's starting value: the rescaled input offset, not 0. */
	int32_t start = scaled(p, 0);

	for (int32_t o = 0; o < p->outer; o++) {
		for (int32_t i = 0; i < p->inner; i++) {
			uint32_t acc = (uint32_t)start;
			for (int32_t k = 0; k < p->depth; k++) {
				int32_t x = at(p, o, i, k);
				uint32_t next = acc + (uint32_t)scaled(p, in[x]);
				out[x] = to_s8(p, (int32_t)(p->exclusive ? acc
								       : next));
				acc = next;
			}
		}
	}
}
