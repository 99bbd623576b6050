/* SPDX-License-Identifier: Apache-2.0 */
/*
 * svdf_f32.c - float32 SVDF reference kernel; see svdf.h. Sums run in
 * TFLM's order (feature dots over d, time dots over m, the output starts
 * from the bias and adds the rank filters in order); the build must not
 * contract a*b+c into fused multiply-adds (-ffp-contract=off).
 */
#include "kernels/svdf.h"

#include <math.h>
#include <string.h>

size_t mote_svdf_f32_scratch_size(const mote_svdf_params *p)
{
	return (size_t)p->batches * (size_t)p->filters * sizeof(float);
}

/* The fused activation with std::min/max's comparisons (NaN rules). */
static float activate(int32_t act, float x)
{
	switch (act) {
	case MOTE_SVDF_ACT_RELU:
		return 0.0f < x ? x : 0.0f;
	case MOTE_SVDF_ACT_RELU_N1_TO_1:
		x = 1.0f < x ? 1.0f : x;
		return -1.0f < x ? x : -1.0f;
	case MOTE_SVDF_ACT_RELU6:
		x = 6.0f < x ? 6.0f : x;
		return 0.0f < x ? x : 0.0f;
	case MOTE_SVDF_ACT_TANH:
		return tanhf(x);
	case MOTE_SVDF_ACT_SIGN_BIT:
		return signbit(x) ? 1.0f : 0.0f;
	default:
		return x;
	}
}

void mote_svdf_f32(const mote_svdf_params *p, const float *in,
		   const float *feature, const float *time, const float *bias,
		   float *state, float *out, void *scratch)
{
	const size_t filters = (size_t)p->filters;
	const size_t memory = (size_t)p->memory;
	const size_t units = (size_t)p->units;
	const size_t in_n = (size_t)p->in_n;
	const size_t total = (size_t)p->batches * filters * memory;
	float *s = scratch;

	/* Step 1: shift the whole state one element left. */
	if (total > 1)
		memmove(state, state + 1, (total - 1) * sizeof(float));

	/* Step 2: the newest value of each filter. */
	for (size_t b = 0; b < (size_t)p->batches; b++) {
		const float *x = in + b * in_n;
		for (size_t f = 0; f < filters; f++) {
			const float *w = feature + f * in_n;
			float dot = 0.0f;
			for (size_t d = 0; d < in_n; d++)
				dot += w[d] * x[d];
			state[(b * filters + f) * memory + memory - 1] = dot;
		}
	}

	/* Step 3: each filter's dot product with its time weights. */
	for (size_t b = 0; b < (size_t)p->batches; b++) {
		for (size_t f = 0; f < filters; f++) {
			const float *w = time + f * memory;
			const float *v = state + (b * filters + f) * memory;
			float dot = 0.0f;
			for (size_t m = 0; m < memory; m++)
				dot += w[m] * v[m];
			s[b * filters + f] = dot;
		}
	}

	/* Step 4: bias, the sum over rank, the activation. */
	for (size_t b = 0; b < (size_t)p->batches; b++) {
		for (size_t u = 0; u < units; u++) {
			float acc = bias ? bias[u] : 0.0f;
			for (size_t r = 0; r < (size_t)p->rank; r++)
				acc += s[b * filters + u * (size_t)p->rank + r];
			out[b * units + u] = activate(p->act, acc);
		}
	}
}
