/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elu.c - ELU kernels; see activations.h.
 *
 * float: x < 0 ? expm1f(x) : x. int8: a table lookup; the table holds
 * the int8 quantization of expf(x) - 1 (x < 0) or x for every input byte
 * (built at prepare with mote_lut_populate_s8).
 */
#include "kernels/activations.h"

#include <math.h>

void mote_elu_f32(const float *in, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float x = in[i];
		out[i] = x < 0.0f ? expm1f(x) : x;
	}
}

void mote_elu_s8(const mote_elu_s8_params *p, const int8_t *in, int8_t *out,
		 size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = p->lut[(uint8_t)in[i]];
}
