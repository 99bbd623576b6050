/* SPDX-License-Identifier: Apache-2.0 */
/*
 * reduce.c - reference reductions (MEAN, SUM, REDUCE_MAX/MIN/ALL); see
 * reduce.h for the contract and the arithmetic.
 *
 * Every kernel runs the same walk: input element i (row-major) goes to
 * output element o, where o moves by out_stride[d] when input index d
 * moves by one and returns to its start when index d wraps.
 */
#include "kernels/reduce.h"

#include <string.h>

#include "kernels/fixedpoint.h"

bool mote_reduce_shape_init(mote_reduce_shape *s, const int32_t *dims,
			    int32_t rank, const int32_t *axis, int32_t n_axis)
{
	bool reduced[MOTE_REDUCE_MAX_DIMS] = { false };
	int64_t n_in = 1, n_out = 1, count = 1, stride = 1;

	if (rank < 0 || rank > MOTE_REDUCE_MAX_DIMS || n_axis < 0)
		return false;
	memset(s, 0, sizeof *s);
	s->rank = rank;
	for (int32_t i = 0; rank > 0 && i < n_axis; i++) {
		int32_t a = axis[i] < 0 ? axis[i] + rank : axis[i];
		if (a < 0 || a >= rank)
			return false;
		reduced[a] = true;
	}
	for (int32_t d = rank - 1; d >= 0; d--) {
		if (dims[d] < 0)
			return false;
		s->dims[d] = dims[d];
		n_in *= dims[d];
		if (reduced[d]) {
			count *= dims[d];
			continue;
		}
		s->out_stride[d] = (int32_t)stride;
		stride *= dims[d];
		n_out *= dims[d];
		if (n_in > INT32_MAX)
			return false;
	}
	if (n_in > INT32_MAX || count > INT32_MAX)
		return false;
	s->n_in = (int32_t)n_in;
	s->n_out = (int32_t)n_out;
	s->count = (int32_t)count;
	return true;
}

void mote_mean_multiplier(int32_t mult, int32_t shift, int32_t count,
			  int32_t *out_mult, int32_t *out_shift)
{
	int32_t log2 = 0;

	while (log2 < 31 && ((int64_t)1 << (log2 + 1)) <= count)
		log2++;
	/* The shift is capped so the product stays in range and the final
	 * right shift stays within 31 bits, trading some precision. */
	log2 = mote_min_i32(log2, 32);
	log2 = mote_min_i32(log2, 31 + shift);
	*out_mult = (int32_t)(((int64_t)mult << log2) / count);
	*out_shift = shift - log2;
}

/* Moves the index `idx` one step on in row-major order and returns the
 * matching output offset, starting from the current offset `o`. */
static int32_t step(const mote_reduce_shape *s, int32_t *idx, int32_t o)
{
	for (int32_t d = s->rank - 1; d >= 0; d--) {
		idx[d]++;
		o += s->out_stride[d];
		if (idx[d] < s->dims[d])
			return o;
		o -= s->out_stride[d] * s->dims[d];
		idx[d] = 0;
	}
	return o;
}

static void fill_f32(float *out, int32_t n, float v)
{
	for (int32_t i = 0; i < n; i++)
		out[i] = v;
}

static void fill_s8(int8_t *out, int32_t n, int8_t v)
{
	for (int32_t i = 0; i < n; i++)
		out[i] = v;
}

/* Sums `in` into out (which the caller has set to 0). */
static void add_f32(const mote_reduce_shape *s, const float *in, float *out)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	for (int32_t i = 0; i < s->n_in; i++) {
		out[o] = in[i] + out[o];
		o = step(s, idx, o);
	}
}

void mote_sum_f32(const mote_reduce_shape *s, const float *in, float *out)
{
	fill_f32(out, s->n_out, 0.0f);
	add_f32(s, in, out);
}

void mote_mean_f32(const mote_reduce_shape *s, const float *in, float *out)
{
	fill_f32(out, s->n_out, 0.0f);
	if (s->n_in == 0 || s->count == 0)
		return;
	add_f32(s, in, out);
	for (int32_t i = 0; i < s->n_out; i++)
		out[i] = out[i] / (float)s->count;
}

void mote_reduce_max_f32(const mote_reduce_shape *s, const float *in,
			 float *out)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	fill_f32(out, s->n_out, -3.40282347e38f);
	for (int32_t i = 0; i < s->n_in; i++) {
		out[o] = in[i] > out[o] ? in[i] : out[o];
		o = step(s, idx, o);
	}
}

void mote_reduce_min_f32(const mote_reduce_shape *s, const float *in,
			 float *out)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	fill_f32(out, s->n_out, 3.40282347e38f);
	for (int32_t i = 0; i < s->n_in; i++) {
		out[o] = in[i] < out[o] ? in[i] : out[o];
		o = step(s, idx, o);
	}
}

void mote_reduce_max_s8(const mote_reduce_shape *s, const int8_t *in,
			int8_t *out)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	fill_s8(out, s->n_out, INT8_MIN);
	for (int32_t i = 0; i < s->n_in; i++) {
		out[o] = in[i] > out[o] ? in[i] : out[o];
		o = step(s, idx, o);
	}
}

void mote_reduce_min_s8(const mote_reduce_shape *s, const int8_t *in,
			int8_t *out)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	fill_s8(out, s->n_out, INT8_MAX);
	for (int32_t i = 0; i < s->n_in; i++) {
		out[o] = in[i] < out[o] ? in[i] : out[o];
		o = step(s, idx, o);
	}
}

void mote_reduce_all_bool(const mote_reduce_shape *s, const uint8_t *in,
			  bool *out)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	for (int32_t i = 0; i < s->n_out; i++)
		out[i] = true;
	for (int32_t i = 0; i < s->n_in; i++) {
		out[o] = in[i] != 0 && out[o];
		o = step(s, idx, o);
	}
}

size_t mote_mean_s8_scratch_size(const mote_reduce_shape *s)
{
	return (size_t)s->n_out * sizeof(int32_t);
}

size_t mote_mean_s16_scratch_size(const mote_reduce_shape *s)
{
	return (size_t)s->n_out * sizeof(int32_t);
}

size_t mote_sum_s8_scratch_size(const mote_reduce_shape *s)
{
	return (size_t)s->n_out * sizeof(int32_t);
}

size_t mote_sum_s16_scratch_size(const mote_reduce_shape *s)
{
	return (size_t)s->n_out * sizeof(int32_t);
}

/* Adds `v` to acc[o] with two's complement wrap-around, as TFLM's int32
 * accumulation does on its targets. */
static void acc_add(int32_t *acc, int32_t o, int32_t v)
{
	acc[o] = (int32_t)((uint32_t)acc[o] + (uint32_t)v);
}

static void accumulate_s8(const mote_reduce_shape *s, const int8_t *in,
			  int32_t *acc)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	memset(acc, 0, (size_t)s->n_out * sizeof(int32_t));
	for (int32_t i = 0; i < s->n_in; i++) {
		acc_add(acc, o, in[i]);
		o = step(s, idx, o);
	}
}

static void accumulate_s16(const mote_reduce_shape *s, const int16_t *in,
			   int32_t *acc)
{
	int32_t idx[MOTE_REDUCE_MAX_DIMS] = { 0 };
	int32_t o = 0;

	memset(acc, 0, (size_t)s->n_out * sizeof(int32_t));
	for (int32_t i = 0; i < s->n_in; i++) {
		acc_add(acc, o, in[i]);
		o = step(s, idx, o);
	}
}

/* Rescales accumulator i into the output range (in place, as int32). */
static void rescale(const mote_reduce_q_params *p, int32_t *acc)
{
	int64_t zp_total = (int64_t)p->in_zp * p->shape.count;

	for (int32_t i = 0; i < p->shape.n_out; i++) {
		int32_t x = (int32_t)(uint32_t)((int64_t)acc[i] - zp_total);
		int32_t y = mote_mul_by_quant_mult(x, p->mult, p->shift);
		y = (int32_t)((uint32_t)y + (uint32_t)p->out_zp);
		acc[i] = mote_clamp_i32(y, p->act_min, p->act_max);
	}
}

/* TFLM leaves the outputs at 0 (not the zero point) when nothing is
 * reduced because the input is empty. */
static bool empty(const mote_reduce_shape *s)
{
	return s->n_in == 0 || s->count == 0;
}

static void finish_s8(const mote_reduce_q_params *p, int32_t *acc,
		      int8_t *out)
{
	rescale(p, acc);
	for (int32_t i = 0; i < p->shape.n_out; i++)
		out[i] = (int8_t)acc[i];
}

static void finish_s16(const mote_reduce_q_params *p, int32_t *acc,
		       int16_t *out)
{
	rescale(p, acc);
	for (int32_t i = 0; i < p->shape.n_out; i++)
		out[i] = (int16_t)acc[i];
}

void mote_sum_s8(const mote_reduce_q_params *p, const int8_t *in, int8_t *out,
		 int32_t *scratch)
{
	if (empty(&p->shape)) {
		memset(out, 0, (size_t)p->shape.n_out * sizeof *out);
		return;
	}
	accumulate_s8(&p->shape, in, scratch);
	finish_s8(p, scratch, out);
}

void mote_sum_s16(const mote_reduce_q_params *p, const int16_t *in,
		  int16_t *out, int32_t *scratch)
{
	if (empty(&p->shape)) {
		memset(out, 0, (size_t)p->shape.n_out * sizeof *out);
		return;
	}
	accumulate_s16(&p->shape, in, scratch);
	finish_s16(p, scratch, out);
}

/* MEAN and SUM differ only in the multiplier, which prepare folds. */
void mote_mean_s8(const mote_reduce_q_params *p, const int8_t *in,
		  int8_t *out, int32_t *scratch)
{
	mote_sum_s8(p, in, out, scratch);
}

void mote_mean_s16(const mote_reduce_q_params *p, const int16_t *in,
		   int16_t *out, int32_t *scratch)
{
	mote_sum_s16(p, in, out, scratch);
}
