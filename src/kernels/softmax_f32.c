/* SPDX-License-Identifier: Apache-2.0 */
/*
 * softmax_f32.c - float32 softmax reference kernel. See softmax.h. Uses
 * expf() as TFLM does; sums run in row order.
 */
#include "kernels/softmax.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

void mote_softmax_f32(const mote_softmax_params *p, const float *in, float *out)
{
	for (int32_t i = 0; i < p->outer; i++) {
		const float *x = in + (size_t)i * (size_t)p->depth;
		float *y = out + (size_t)i * (size_t)p->depth;
		float max = -FLT_MAX;
		float sum = 0.0f;

		for (int32_t c = 0; c < p->depth; c++)
			max = max < x[c] ? x[c] : max;
		for (int32_t c = 0; c < p->depth; c++) {
			float e = expf((x[c] - max) * p->beta);
			y[c] = e;
			sum += e;
		}
		for (int32_t c = 0; c < p->depth; c++)
			y[c] = y[c] / sum;
	}
}
