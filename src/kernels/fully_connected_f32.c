/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_f32.c - float32 fully connected reference kernel. See
 * fully_connected.h. Sums run in TFLM's order; the build must not contract
 * a*b+c into fused multiply-adds (-ffp-contract=off).
 */
#include "kernels/fully_connected.h"

#include <stddef.h>

void mote_fully_connected_f32(const mote_fc_params *p, const float *in,
			      const float *filter, const float *bias,
			      float *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		const float *row = in + (size_t)b * (size_t)p->accum;
		for (int32_t c = 0; c < p->out_c; c++) {
			const float *w = filter + (size_t)c * (size_t)p->accum;
			float total = 0.0f;
			for (int32_t d = 0; d < p->accum; d++)
				total += row[d] * w[d];
			float v = total + (bias ? bias[c] : 0.0f);
			/* min(max(v, lo), hi) with std::min/max's NaN rules */
			v = v < p->act_min_f ? p->act_min_f : v;
			v = p->act_max_f < v ? p->act_max_f : v;
			out[(size_t)b * (size_t)p->out_c + (size_t)c] = v;
		}
	}
}
