/* SPDX-License-Identifier: Apache-2.0 */
/*
 * leaky_relu.c - LEAKY_RELU kernels; see activations.h.
 *
 * float: x > 0 ? x : alpha * x. Quantized: x - in_zp is requantized with
 * the identity multiplier when >= 0 and with |alpha| multiplier (negated
 * afterwards for a negative alpha) when < 0, then offset and clamped.
 */
#include "kernels/activations.h"

#include "kernels/fixedpoint.h"

void mote_leaky_relu_f32(const mote_leaky_relu_params *p, const float *in,
			 float *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float x = in[i];
		out[i] = x > 0.0f ? x : x * p->alpha;
	}
}

static int32_t leaky_one(const mote_leaky_relu_params *p, int32_t x)
{
	int32_t v = x - p->in_zp;
	int32_t o;

	if (v >= 0) {
		o = mote_mul_by_quant_mult(v, p->mult_identity,
					   p->shift_identity);
	} else {
		o = mote_mul_by_quant_mult(v, p->mult_alpha, p->shift_alpha);
		if (p->alpha_negative)
			o = -o;
	}
	return p->out_zp + o;
}

void mote_leaky_relu_s8(const mote_leaky_relu_params *p, const int8_t *in,
			int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)mote_clamp_i32(leaky_one(p, in[i]), INT8_MIN,
						INT8_MAX);
}

void mote_leaky_relu_s16(const mote_leaky_relu_params *p, const int16_t *in,
			 int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)mote_clamp_i32(leaky_one(p, in[i]), INT16_MIN,
						 INT16_MAX);
}
