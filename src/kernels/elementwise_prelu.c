/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_prelu.c - PRELU kernels (see elementwise.h).
 *
 * Float: x >= 0 ? x : x * alpha. Quantized (TFLite BroadcastPrelu4DSlow):
 * a non-negative offset input is rescaled by input scale / output scale,
 * a negative one is multiplied by the offset alpha and rescaled by
 * input scale * alpha scale / output scale; then the output zero point is
 * added and the result clamped to the output type's range.
 */
#include "kernels/elementwise_impl.h"

static inline float prelu_f32(const mote_prelu_params *p, float x, float a)
{
	(void)p;
	return x >= 0.0f ? x : x * a;
}

static inline int32_t prelu_q(const mote_prelu_params *p, int32_t x,
			      int32_t a, int32_t lo, int32_t hi)
{
	int32_t v = x + p->in_offset;
	int32_t out;

	if (v >= 0)
		out = mote_mul_by_quant_mult(v, p->pos_mult, p->pos_shift);
	else
		out = mote_mul_by_quant_mult(v * (a + p->alpha_offset),
					     p->neg_mult, p->neg_shift);
	return mote__act_i32(out + p->out_offset, lo, hi);
}

static inline int8_t prelu_s8(const mote_prelu_params *p, int8_t x, int8_t a)
{
	return (int8_t)prelu_q(p, x, a, INT8_MIN, INT8_MAX);
}

static inline int16_t prelu_s16(const mote_prelu_params *p, int16_t x,
				int8_t a)
{
	return (int16_t)prelu_q(p, x, a, INT16_MIN, INT16_MAX);
}

MOTE__BINARY_KERNEL(mote_prelu_f32, mote_prelu_params, float, float, float,
		    prelu_f32)
MOTE__BINARY_KERNEL(mote_prelu_s8, mote_prelu_params, int8_t, int8_t, int8_t,
		    prelu_s8)
MOTE__BINARY_KERNEL(mote_prelu_s16, mote_prelu_params, int16_t, int8_t,
		    int16_t, prelu_s16)
