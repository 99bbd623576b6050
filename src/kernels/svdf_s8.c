/* SPDX-License-Identifier: Apache-2.0 */
/*
 * svdf_s8.c - integer SVDF reference kernels; see svdf.h.
 *
 * One body serves both state widths (int16 with int16 time weights, int8
 * with int8 time weights): values are loaded and stored through two small
 * helpers. The feature dot product sum_d w * (x - in_zp) is requantized
 * to the state scale, clamped to the state type's range and offset by the
 * state zero point (the sum is stored truncated to the state type, as
 * TFLM's cast does); the time dot products use (state - state_zp); the
 * output sum starts from the bias and is requantized, offset by the
 * output zero point and clamped to int8. Sums wrap modulo 2^32 where
 * TFLM's int32 arithmetic would overflow.
 */
#include "kernels/svdf.h"

#include <stdbool.h>

#include "kernels/fixedpoint.h"

size_t mote_svdf_s8_scratch_size(const mote_svdf_params *p)
{
	return (size_t)p->batches * ((size_t)p->filters + (size_t)p->units) *
	       sizeof(int32_t);
}

/* Element i of an int16 (wide) or int8 array. */
static int32_t load(const void *a, size_t i, bool wide)
{
	return wide ? ((const int16_t *)a)[i] : ((const int8_t *)a)[i];
}

/* Stores the low 16 (wide) or 8 bits of v, as a C++ cast to the type. */
static void store(void *a, size_t i, int32_t v, bool wide)
{
	if (wide)
		((int16_t *)a)[i] = (int16_t)(uint16_t)((uint32_t)v & 0xFFFFu);
	else
		((int8_t *)a)[i] = (int8_t)(uint8_t)((uint32_t)v & 0xFFu);
}

/* Step 1: the whole state moves one element towards its start. */
static void shift_state(void *state, size_t total, bool wide)
{
	for (size_t i = 0; i + 1 < total; i++)
		store(state, i, load(state, i + 1, wide), wide);
}

/* Step 2: the newest state value of each filter. */
static void feature_step(const mote_svdf_params *p, const int8_t *in,
			 const int8_t *feature, void *state, bool wide)
{
	const size_t filters = (size_t)p->filters;
	const size_t memory = (size_t)p->memory;
	const size_t in_n = (size_t)p->in_n;
	const int32_t lo = wide ? INT16_MIN : INT8_MIN;
	const int32_t hi = wide ? INT16_MAX : INT8_MAX;

	for (size_t b = 0; b < (size_t)p->batches; b++) {
		const int8_t *x = in + b * in_n;
		for (size_t f = 0; f < filters; f++) {
			const int8_t *w = feature + f * in_n;
			uint32_t dot = 0;
			for (size_t d = 0; d < in_n; d++)
				dot += (uint32_t)(w[d] * (x[d] - p->in_zp));
			int32_t v = mote_mul_by_quant_mult((int32_t)dot,
							   p->feature_mult,
							   p->feature_shift);
			v = mote_clamp_i32(v, lo, hi);
			store(state, (b * filters + f) * memory + memory - 1,
			      p->state_zp + v, wide);
		}
	}
}

/* Steps 3 and 4: time dot products, bias, rank sum, requantization. */
static void output_step(const mote_svdf_params *p, const void *time,
			const int32_t *bias, const void *state, int8_t *out,
			int32_t *scratch, bool wide)
{
	const size_t filters = (size_t)p->filters;
	const size_t memory = (size_t)p->memory;
	const size_t units = (size_t)p->units;
	const size_t rank = (size_t)p->rank;
	int32_t *s = scratch;
	int32_t *acc = scratch + (size_t)p->batches * filters;

	for (size_t b = 0; b < (size_t)p->batches; b++) {
		for (size_t f = 0; f < filters; f++) {
			size_t at = (b * filters + f) * memory;
			uint32_t dot = 0;
			for (size_t m = 0; m < memory; m++)
				dot += (uint32_t)(load(time, f * memory + m,
						       wide) *
						  (load(state, at + m, wide) -
						   p->state_zp));
			s[b * filters + f] = (int32_t)dot;
		}
	}
	for (size_t b = 0; b < (size_t)p->batches; b++) {
		for (size_t u = 0; u < units; u++) {
			uint32_t sum = bias ? (uint32_t)bias[u] : 0;
			for (size_t r = 0; r < rank; r++)
				sum += (uint32_t)s[b * filters + u * rank + r];
			acc[b * units + u] = (int32_t)sum;
		}
	}
	for (size_t i = 0; i < (size_t)p->batches * units; i++) {
		int32_t v = mote_mul_by_quant_mult(acc[i], p->out_mult,
						   p->out_shift);
		out[i] = (int8_t)mote_clamp_i32(mote_wrap_add(v, p->out_zp),
						INT8_MIN, INT8_MAX);
	}
}

static void svdf_int(const mote_svdf_params *p, const int8_t *in,
		     const int8_t *feature, const void *time,
		     const int32_t *bias, void *state, int8_t *out,
		     void *scratch, bool wide)
{
	shift_state(state, (size_t)p->batches * (size_t)p->filters *
				   (size_t)p->memory, wide);
	feature_step(p, in, feature, state, wide);
	output_step(p, time, bias, state, out, scratch, wide);
}

void mote_svdf_s8(const mote_svdf_params *p, const int8_t *in,
		  const int8_t *feature, const int16_t *time,
		  const int32_t *bias, int16_t *state, int8_t *out,
		  void *scratch)
{
	svdf_int(p, in, feature, time, bias, state, out, scratch, true);
}

void mote_svdf_s8_state8(const mote_svdf_params *p, const int8_t *in,
			 const int8_t *feature, const int8_t *time,
			 const int32_t *bias, int8_t *state, int8_t *out,
			 void *scratch)
{
	svdf_int(p, in, feature, time, bias, state, out, scratch, false);
}
