/* SPDX-License-Identifier: Apache-2.0 */
/*
 * logistic.c - LOGISTIC kernels; see activations.h.
 *
 * float: 1 / (1 + expf(-x)), with TFLM's cut-offs (1 above 16.619047,
 * expf(x) below -9). int8: gemmlowp logistic on a Q4.27 input, output
 * Q0.8 shifted by -128. int16: the input is rescaled so that one unit of
 * the sigmoid table (i / 24) is 512 steps, then the table is interpolated
 * on |x| and mirrored for x < 0 (sigmoid(-x) = 1 - sigmoid(x)).
 */
#include "kernels/activations.h"

#include <math.h>

#include "kernels/fixedpoint.h"
#include "kernels/lut.h"

void mote_logistic_f32(const float *in, float *out, size_t n)
{
	const float upper = 16.619047164916992188f;
	const float lower = -9.0f;

	for (size_t i = 0; i < n; i++) {
		float x = in[i];
		if (x > upper)
			out[i] = 1.0f;
		else if (x < lower)
			out[i] = expf(x);
		else
			out[i] = 1.0f / (1.0f + expf(-x));
	}
}

void mote_logistic_s8(const mote_sigmoid_s8_params *p, const int8_t *in,
		      int8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t x = in[i] - p->in_zp;
		if (x <= -p->in_radius) {
			out[i] = INT8_MIN;
		} else if (x >= p->in_radius) {
			out[i] = INT8_MAX;
		} else {
			int32_t q4 = mote_mul_by_quant_mult(x, p->in_mult,
							    p->in_shift);
			int32_t q0 = mote_fp_logistic(q4, 4);
			int32_t q = mote_rounding_div_pot(q0, 23) - 128;
			out[i] = (int8_t)mote_clamp_i32(q, INT8_MIN, INT8_MAX);
		}
	}
}

void mote_logistic_s16(const mote_sigmoid_s16_params *p, const int16_t *in,
		       int16_t *out, size_t n)
{
	const int32_t round = p->in_shift > 0 ? 1 << (p->in_shift - 1) : 0;

	for (size_t i = 0; i < n; i++) {
		int32_t x = (in[i] * p->in_mult + round) >> p->in_shift;
		uint32_t ax = (uint32_t)(x < 0 ? -x : x);
		uint32_t idx = ax >> 9;
		uint32_t r;

		if (idx >= 255) {
			r = 0x7FFFu << 10;
		} else {
			uint32_t a = mote_sigmoid_table_u16[idx];
			uint32_t b = mote_sigmoid_table_u16[idx + 1];
			r = (a << 9) + (ax & 0x1FF) * (b - a);
		}
		if (x >= 0)
			r = r + (1u << 9);
		else
			r = (1u << 25) - r + (1u << 9) - 1;
		out[i] = (int16_t)(r >> 10);
	}
}
