/* SPDX-License-Identifier: Apache-2.0 */
/*
 * relu.c - RELU and RELU6 kernels; see activations.h.
 *
 * Quantized RELU requantizes every value to the output scale and clamps
 * it at the output's zero; quantized RELU6 clamps on the input scale.
 */
#include "kernels/activations.h"

#include "kernels/fixedpoint.h"

void mote_relu_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = in[i] < 0.0f ? 0.0f : in[i];
}

static int32_t relu_one(const mote_relu_params *p, int32_t x)
{
	int32_t v = p->out_zp +
		    mote_mul_by_quant_mult(x - p->in_zp, p->mult, p->shift);
	return mote_clamp_i32(v, p->act_min, p->act_max);
}

void mote_relu_s8(const mote_relu_params *p, const int8_t *in, int8_t *out,
		  size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int8_t)relu_one(p, in[i]);
}

void mote_relu_s16(const mote_relu_params *p, const int16_t *in,
		   int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)relu_one(p, in[i]);
}

void mote_relu6_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float x = in[i];
		out[i] = x > 6.0f ? 6.0f : (x < 0.0f ? 0.0f : x);
	}
}

void mote_relu6_s8(const mote_relu6_params *p, const int8_t *in, int8_t *out,
		   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t x = in[i];
		out[i] = (int8_t)(x > p->hi ? p->hi : (x < p->lo ? p->lo : x));
	}
}

void mote_relu6_s16(const mote_relu6_params *p, const int16_t *in,
		    int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t x = in[i];
		out[i] = (int16_t)(x > p->hi ? p->hi : (x < p->lo ? p->lo : x));
	}
}
