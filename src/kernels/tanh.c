/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tanh.c - TANH kernels; see activations.h.
 *
 * float: tanhf. int8: gemmlowp tanh on a Q4.27 input, output Q0.7 (zero
 * point 0). int16: tanh(x) = 2 * sigmoid(2x) - 1 read from the sigmoid
 * table, one table unit being 256 input steps, mirrored for x < 0.
 */
#include "kernels/activations.h"

#include <math.h>

#include "kernels/fixedpoint.h"
#include "kernels/lut.h"

void mote_tanh_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = tanhf(in[i]);
}

void mote_tanh_s8(const mote_sigmoid_s8_params *p, const int8_t *in,
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
			int32_t q0 = mote_fp_tanh(q4, 4);
			int32_t q = mote_rounding_div_pot(q0, 24);
			out[i] = (int8_t)mote_clamp_i32(q, INT8_MIN, INT8_MAX);
		}
	}
}

void mote_tanh_s16(const mote_sigmoid_s16_params *p, const int16_t *in,
		   int16_t *out, size_t n)
{
	const int32_t round = p->in_shift > 0 ? 1 << (p->in_shift - 1) : 0;

	for (size_t i = 0; i < n; i++) {
		int32_t x = (in[i] * p->in_mult + round) >> p->in_shift;
		uint32_t ax = (uint32_t)(x < 0 ? -x : x);
		uint32_t idx = ax >> 8;
		int32_t r;

		if (idx >= 255) {
			r = 0xFFFF << 8;
		} else {
			int32_t a = mote_sigmoid_table_u16[idx];
			int32_t b = mote_sigmoid_table_u16[idx + 1];
			r = (a << 8) + (int32_t)(ax & 0xFF) * (b - a);
		}
		if (x >= 0)
			r = r - (1 << 23) + (1 << 7);
		else
			r = -r + (1 << 23) + (1 << 7) - 1;
		out[i] = (int16_t)(r >> 8);
	}
}
