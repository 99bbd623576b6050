/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_reduce.c - tests of the reduction-like kernels: MEAN, SUM,
 * REDUCE_MAX/MIN/ALL (kernels/reduce.h), ARG_MAX/MIN (arg_minmax.h),
 * CUMSUM (cumsum.h), L2_POOL_2D (l2_pool.h), and the two shape helpers
 * BROADCAST_ARGS (broadcast_args.h) and DYNAMIC_UPDATE_SLICE
 * (dynamic_update_slice.h).
 *
 * A standalone host program: prints the first mismatch of each failed
 * case (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * References are written independently of the kernels:
 * - reductions and arg min/max walk every input element by its multi-index
 *   and find its output by dropping the reduced dims;
 * - float sums are compared with float64 sums within the bound of
 *   recursive float summation, 1e-6 + n * 2^-24 * sum(|x|) for n terms
 *   (MEAN: that over the count); L2 pooling within 1e-5 + 1e-5 * |want|;
 * - integer results are re-derived exactly with 64-bit arithmetic from
 *   TFLite's rounding rules (the high multiply rounds half up, the final
 *   power-of-two division rounds half away from zero), and additionally
 *   checked against the real-number answer within 1 (MEAN/SUM) or 2
 *   (CUMSUM) output steps;
 * - MAX/MIN/ALL/ARG results and the shape helpers are compared exactly.
 * Inputs come from a seeded xorshift32 generator.
 *
 * A last group builds one-operator models with tfl_builder and runs them
 * through the interpreter: BROADCAST_ARGS and DYNAMIC_UPDATE_SLICE (which
 * have no suite cases), axes fed at run time, int64 ARG_MAX output, and
 * the errors prepare and eval must report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/arg_minmax.h"
#include "kernels/broadcast_args.h"
#include "kernels/cumsum.h"
#include "kernels/dynamic_update_slice.h"
#include "kernels/fixedpoint.h"
#include "kernels/l2_pool.h"
#include "kernels/reduce.h"
#include "harness.h"
#include "mote.h"
#include "tfl_builder.h"

/* ---- Reductions ---------------------------------------------------------- */

/* Output offset of input element i: the kept dims' indices, row-major. */
static int32_t out_index(const int32_t *dims, int32_t rank,
			 const bool *reduced, int32_t i)
{
	int32_t idx[8], o = 0;
	for (int32_t d = rank - 1; d >= 0; d--) {
		idx[d] = i % dims[d];
		i /= dims[d];
	}
	for (int32_t d = 0; d < rank; d++) {
		if (!reduced[d])
			o = o * dims[d] + idx[d];
	}
	return o;
}

/* Marks the reduced dims; returns the number of outputs. */
static int32_t mark_axes(const int32_t *dims, int32_t rank, const int32_t *axis,
			 int32_t n_axis, bool *reduced, int32_t *count)
{
	int32_t n_out = 1;
	*count = 1;
	for (int32_t d = 0; d < rank; d++)
		reduced[d] = false;
	for (int32_t a = 0; a < n_axis; a++)
		reduced[axis[a] < 0 ? axis[a] + rank : axis[a]] = true;
	for (int32_t d = 0; d < rank; d++) {
		if (reduced[d])
			*count *= dims[d];
		else
			n_out *= dims[d];
	}
	return n_out;
}

/* One reduction case: a shape, the axes, quantization. */
typedef struct reduce_case {
	const char *name; /* case name */
	int32_t rank; /* input rank */
	int32_t dims[6]; /* input dims */
	int32_t n_axis; /* number of axis values */
	int32_t axis[6]; /* axis values (negative, repeated allowed) */
	float in_scale; /* quantized input scale */
	int32_t in_zp; /* quantized input zero point */
	float out_scale; /* quantized output scale */
	int32_t out_zp; /* quantized output zero point */
} reduce_case;

static const reduce_case reduce_cases[] = {
	{ "4d_hw", 4, { 2, 3, 5, 7 }, 2, { 1, 2 }, 0.02f, -5, 0.015f, 3 },
	{ "4d_hw_swapped", 4, { 1, 4, 4, 3 }, 2, { 2, 1 }, 0.1f, 0, 0.05f, 0 },
	{ "neg_axis", 3, { 3, 5, 6 }, 1, { -1 }, 0.05f, 10, 0.03f, -7 },
	{ "dup_axes", 3, { 4, 2, 5 }, 3, { 0, -3, 2 }, 0.01f, -128, 0.002f,
	  -128 },
	{ "all_axes", 4, { 1, 3, 8, 4 }, 4, { 0, 1, 2, 3 }, 0.0235f, 0,
	  0.0007f, -12 },
	{ "no_axes", 2, { 3, 3 }, 0, { 0 }, 0.5f, 1, 0.25f, 2 },
	{ "rank0", 0, { 0 }, 1, { 0 }, 0.3f, 4, 0.2f, -1 },
	{ "outer_only", 5, { 2, 1, 3, 1, 2 }, 2, { 0, 3 }, 0.04f, 20, 0.08f,
	  -20 },
	{ "big_count", 2, { 1, 300 }, 1, { 1 }, 0.003f, -100, 0.0001f, -50 },
	{ "tiny_ratio", 2, { 2, 6 }, 1, { 1 }, 1e-9f, 0, 1.0f, 0 },
	{ "huge_ratio", 2, { 5, 2 }, 1, { 0 }, 100.0f, 3, 0.01f, 0 },
};

static int32_t elems(const int32_t *dims, int32_t rank)
{
	int32_t n = 1;
	for (int32_t d = 0; d < rank; d++)
		n *= dims[d];
	return n;
}

/* Exact TFLM quantized MEAN/SUM for one output, from its raw sum. */
static int32_t ref_q_out(const reduce_case *c, int64_t raw_sum, int32_t count,
			 bool mean, int32_t lo, int32_t hi)
{
	int32_t mult, shift;
	ref_quantize((double)c->in_scale / (double)c->out_scale, &mult,
		     &shift);
	if (mean) {
		/* Fold 1/count: scale up by 2^floor(log2 count), capped so the
		 * final right shift stays <= 31, then divide. */
		int s = 63 - __builtin_clzll((unsigned long long)count);
		if (s > 32)
			s = 32;
		if (s > 31 + shift)
			s = 31 + shift;
		mult = (int32_t)(((int64_t)mult << s) / count);
		shift -= s;
	}
	int32_t x = (int32_t)(raw_sum - (int64_t)c->in_zp * count);
	int32_t y = ref_mbqm(x, mult, shift) + c->out_zp;
	return y < lo ? lo : (y > hi ? hi : y);
}

/* Real-number answer in output steps. */
static double real_q_out(const reduce_case *c, int64_t raw_sum,
			 int32_t count, bool mean)
{
	double v = (double)(raw_sum - (int64_t)c->in_zp * count) * c->in_scale;
	if (mean)
		v /= count;
	return v / c->out_scale + c->out_zp;
}

static void test_reduce_float(const reduce_case *c)
{
	int32_t n = elems(c->dims, c->rank), count;
	bool red[8];
	int32_t n_out = mark_axes(c->dims, c->rank, c->axis,
				  c->rank ? c->n_axis : 0, red, &count);
	float *in = malloc(sizeof(float) * (size_t)n);
	float *out = malloc(sizeof(float) * (size_t)n_out);
	double *sum = calloc((size_t)n_out, sizeof(double));
	double *abs_sum = calloc((size_t)n_out, sizeof(double));
	float *mx = malloc(sizeof(float) * (size_t)n_out);
	float *mn = malloc(sizeof(float) * (size_t)n_out);
	mote_reduce_shape s;
	char msg[160] = "ok", name[80];
	int ok;

	for (int32_t i = 0; i < n_out; i++) {
		mx[i] = -INFINITY;
		mn[i] = INFINITY;
	}
	for (int32_t i = 0; i < n; i++) {
		int32_t o = out_index(c->dims, c->rank, red, i);
		in[i] = rnd_f(-4.0f, 4.0f);
		sum[o] += in[i];
		abs_sum[o] += fabs(in[i]);
		mx[o] = in[i] > mx[o] ? in[i] : mx[o];
		mn[o] = in[i] < mn[o] ? in[i] : mn[o];
	}
	ok = mote_reduce_shape_init(&s, c->dims, c->rank, c->axis, c->n_axis) &&
	     s.n_out == n_out && s.count == count;
	snprintf(name, sizeof name, "reduce_shape.%s", c->name);
	report(ok, name, "shape");
	if (!ok)
		goto done;

	for (int k = 0; k < 4; k++) {
		static const char *const what[] = { "sum", "mean", "max", "min" };
		if (k == 0)
			mote_sum_f32(&s, in, out);
		else if (k == 1)
			mote_mean_f32(&s, in, out);
		else if (k == 2)
			mote_reduce_max_f32(&s, in, out);
		else
			mote_reduce_min_f32(&s, in, out);
		ok = 1;
		for (int32_t i = 0; ok && i < n_out; i++) {
			double want = k == 0 ? sum[i]
				      : k == 1 ? sum[i] / count
				      : k == 2 ? mx[i]
						 : mn[i];
			double tol = 1e-6 + count * 0x1p-24 * abs_sum[i];
			tol = k >= 2 ? 0 : (k == 1 ? tol / count : tol);
			ok = fabs(out[i] - want) <= tol;
			if (!ok)
				snprintf(msg, sizeof msg,
					 "index %d got %.9g want %.9g", (int)i,
					 out[i], want);
		}
		snprintf(name, sizeof name, "%s_f32.%s", what[k], c->name);
		report(ok, name, msg);
	}
done:
	free(in);
	free(out);
	free(sum);
	free(abs_sum);
	free(mx);
	free(mn);
}

/* Quantized MEAN and SUM for int8 (is16 false) or int16. */
static void test_reduce_q(const reduce_case *c, bool is16)
{
	int32_t n = elems(c->dims, c->rank), count;
	bool red[8];
	int32_t n_out = mark_axes(c->dims, c->rank, c->axis,
				  c->rank ? c->n_axis : 0, red, &count);
	int32_t lo = is16 ? -32768 : -128, hi = is16 ? 32767 : 127;
	int16_t *in = malloc(sizeof(int16_t) * (size_t)n);
	int8_t *in8 = malloc((size_t)n);
	int64_t *sum = calloc((size_t)n_out, sizeof(int64_t));
	int16_t *out = malloc(sizeof(int16_t) * (size_t)n_out);
	int32_t *scratch = malloc(sizeof(int32_t) * (size_t)n_out + 4);
	mote_reduce_q_params p;
	int32_t mult;
	int shift;
	char msg[160] = "ok", name[80];

	for (int32_t i = 0; i < n; i++) {
		in[i] = (int16_t)(is16 ? (int32_t)(rnd() & 0xffff) - 32768
				       : (int32_t)(rnd() & 0xff) - 128);
		in8[i] = (int8_t)in[i];
		sum[out_index(c->dims, c->rank, red, i)] += in[i];
	}
	memset(&p, 0, sizeof p);
	mote_reduce_shape_init(&p.shape, c->dims, c->rank, c->axis, c->n_axis);
	p.in_zp = is16 ? 0 : c->in_zp;
	p.out_zp = is16 ? 0 : c->out_zp;
	p.act_min = lo;
	p.act_max = hi;
	mote_quantize_multiplier((double)c->in_scale / (double)c->out_scale,
				 &mult, &shift);
	reduce_case rc = *c;
	rc.in_zp = p.in_zp;
	rc.out_zp = p.out_zp;

	for (int mean = 0; mean < 2; mean++) {
		int ok = 1;
		p.mult = mult;
		p.shift = shift;
		if (mean)
			mote_mean_multiplier(mult, shift, count, &p.mult,
					     &p.shift);
		for (int32_t i = 0; i < n_out; i++)
			out[i] = 0x5555;
		if (is16 && mean)
			mote_mean_s16(&p, in, out, scratch);
		else if (is16)
			mote_sum_s16(&p, in, out, scratch);
		else if (mean)
			mote_mean_s8(&p, in8, (int8_t *)out, scratch);
		else
			mote_sum_s8(&p, in8, (int8_t *)out, scratch);
		for (int32_t i = 0; ok && i < n_out; i++) {
			int32_t got = is16 ? out[i] : ((int8_t *)out)[i];
			int32_t want = ref_q_out(&rc, sum[i], count, mean, lo,
						 hi);
			double real = real_q_out(&rc, sum[i], count, mean);
			real = real < lo ? lo : (real > hi ? hi : real);
			ok = got == want && fabs(got - real) <= 1.0;
			if (!ok)
				snprintf(msg, sizeof msg,
					 "index %d got %d want %d (real %.3f)",
					 (int)i, (int)got, (int)want, real);
		}
		snprintf(name, sizeof name, "%s_%s.%s", mean ? "mean" : "sum",
			 is16 ? "s16" : "s8", c->name);
		report(ok, name, msg);
	}
	free(in);
	free(in8);
	free(sum);
	free(out);
	free(scratch);
}

/* int8 MAX/MIN and bool ALL against brute force. */
static void test_reduce_exact(const reduce_case *c)
{
	int32_t n = elems(c->dims, c->rank), count;
	bool red[8];
	int32_t n_out = mark_axes(c->dims, c->rank, c->axis,
				  c->rank ? c->n_axis : 0, red, &count);
	int8_t *in = malloc((size_t)n), *out = malloc((size_t)n_out);
	int8_t *mx = malloc((size_t)n_out), *mn = malloc((size_t)n_out);
	uint8_t *bin = malloc((size_t)n); /* bool bytes: nonzero is true */
	bool *bout = malloc((size_t)n_out);
	bool *ball = malloc((size_t)n_out);
	mote_reduce_shape s;
	char name[80];
	int ok_max = 1, ok_min = 1, ok_all = 1;

	memset(mx, -128, (size_t)n_out);
	memset(mn, 127, (size_t)n_out);
	for (int32_t i = 0; i < n_out; i++)
		ball[i] = true;
	for (int32_t i = 0; i < n; i++) {
		int32_t o = out_index(c->dims, c->rank, red, i);
		in[i] = (int8_t)(rnd() & 0xff);
		bin[i] = (uint8_t)((rnd() % 8) != 0 ? 1 + rnd() % 255 : 0);
		mx[o] = in[i] > mx[o] ? in[i] : mx[o];
		mn[o] = in[i] < mn[o] ? in[i] : mn[o];
		ball[o] = ball[o] && bin[i] != 0;
	}
	mote_reduce_shape_init(&s, c->dims, c->rank, c->axis, c->n_axis);
	mote_reduce_max_s8(&s, in, out);
	for (int32_t i = 0; i < n_out; i++)
		ok_max = ok_max && out[i] == mx[i];
	mote_reduce_min_s8(&s, in, out);
	for (int32_t i = 0; i < n_out; i++)
		ok_min = ok_min && out[i] == mn[i];
	mote_reduce_all_bool(&s, bin, bout);
	for (int32_t i = 0; i < n_out; i++)
		ok_all = ok_all && bout[i] == ball[i];
	snprintf(name, sizeof name, "reduce_max_s8.%s", c->name);
	report(ok_max, name, "mismatch");
	snprintf(name, sizeof name, "reduce_min_s8.%s", c->name);
	report(ok_min, name, "mismatch");
	snprintf(name, sizeof name, "reduce_all_bool.%s", c->name);
	report(ok_all, name, "mismatch");
	free(in);
	free(out);
	free(mx);
	free(mn);
	free(bin);
	free(bout);
	free(ball);
}

/* TFLM quirks and error paths of the reductions. */
static void test_reduce_edges(void)
{
	mote_reduce_shape s;
	int32_t dims[3] = { 2, 3, 4 };
	int32_t bad_axis[1] = { 3 }, neg_bad[1] = { -4 };
	float in[4] = { -INFINITY, NAN, -INFINITY, NAN }, out[1];
	int32_t d4[1] = { 4 }, ax0[1] = { 0 };

	report(!mote_reduce_shape_init(&s, dims, 3, bad_axis, 1),
	       "reduce_shape.axis_too_big", "accepted");
	report(!mote_reduce_shape_init(&s, dims, 3, neg_bad, 1),
	       "reduce_shape.axis_too_negative", "accepted");
	mote_reduce_shape_init(&s, d4, 1, ax0, 1);
	/* NaN never wins and the start value is the finite lowest float. */
	mote_reduce_max_f32(&s, in, out);
	report(out[0] == -3.40282347e38f, "reduce_max_f32.all_neg_inf_nan",
	       "not -FLT_MAX");
	in[0] = INFINITY;
	in[2] = INFINITY;
	mote_reduce_min_f32(&s, in, out);
	report(out[0] == 3.40282347e38f, "reduce_min_f32.all_inf_nan",
	       "not FLT_MAX");

	/* An empty input leaves quantized outputs at 0, not at the zero
	 * point, and float SUM/MEAN at 0. */
	int32_t de[2] = { 0, 3 }, ax1[1] = { 0 };
	mote_reduce_q_params p = { 0 };
	int8_t q[3] = { 9, 9, 9 };
	int32_t scratch[3];
	float f[3] = { 9, 9, 9 };
	mote_reduce_shape_init(&p.shape, de, 2, ax1, 1);
	p.out_zp = 17;
	p.act_min = -128;
	p.act_max = 127;
	mote_mean_s8(&p, NULL, q, scratch);
	report(q[0] == 0 && q[1] == 0 && q[2] == 0, "mean_s8.empty_input",
	       "not 0");
	mote_mean_f32(&p.shape, NULL, f);
	report(f[0] == 0 && f[2] == 0, "mean_f32.empty_input", "not 0");

	/* The mean multiplier cap: a tiny ratio keeps shift >= -31. */
	int32_t m2, s2;
	mote_mean_multiplier(1 << 30, -30, 1000, &m2, &s2);
	report(s2 == -31 && m2 == (int32_t)(((int64_t)1 << 31) / 1000),
	       "mean_multiplier.capped_shift", "wrong");
}

/* ---- ARG_MAX / ARG_MIN -------------------------------------------------- */

typedef struct arg_case {
	const char *name; /* case name */
	int32_t rank; /* input rank */
	int32_t dims[5]; /* input dims */
	int32_t axis; /* axis, may be negative */
	int32_t levels; /* distinct values drawn (small: many ties) */
	bool out_i64; /* int64 output */
} arg_case;

static const arg_case arg_cases[] = {
	{ "1d", 1, { 32 }, 0, 256, false },
	{ "last_axis", 4, { 1, 5, 3, 16 }, 3, 256, false },
	{ "neg_axis_ties", 4, { 2, 3, 3, 5 }, -2, 3, true },
	{ "first_axis", 3, { 7, 2, 3 }, 0, 4, false },
	{ "axis_size_1", 3, { 4, 1, 3 }, 1, 256, true },
};

static void test_arg(const arg_case *c)
{
	int32_t n = elems(c->dims, c->rank);
	int32_t axis = c->axis < 0 ? c->axis + c->rank : c->axis;
	int32_t outer = 1, inner = 1, size = c->dims[axis];
	mote_arg_minmax_params p;
	char name[80], msg[120] = "ok";

	for (int32_t d = 0; d < axis; d++)
		outer *= c->dims[d];
	for (int32_t d = axis + 1; d < c->rank; d++)
		inner *= c->dims[d];
	float *f = malloc(sizeof(float) * (size_t)n);
	int8_t *q = malloc((size_t)n);
	int64_t *out = malloc(sizeof(int64_t) * (size_t)(outer * inner));
	for (int32_t i = 0; i < n; i++) {
		q[i] = (int8_t)((int32_t)(rnd() % (uint32_t)c->levels) - 128);
		f[i] = (float)q[i] * 0.25f;
	}
	report(mote_arg_minmax_init(&p, c->dims, c->rank, c->axis, c->out_i64),
	       c->name, "init");
	for (int k = 0; k < 4; k++) {
		bool is_max = k % 2 == 0, is_f = k < 2;
		int ok = 1;
		if (is_f && is_max)
			mote_arg_max_f32(&p, f, out);
		else if (is_f)
			mote_arg_min_f32(&p, f, out);
		else if (is_max)
			mote_arg_max_s8(&p, q, out);
		else
			mote_arg_min_s8(&p, q, out);
		for (int32_t o = 0; ok && o < outer * inner; o++) {
			int32_t base = (o / inner) * size * inner + o % inner;
			int32_t best = 0;
			for (int32_t j = 1; j < size; j++) {
				int8_t v = q[base + j * inner];
				int8_t b = q[base + best * inner];
				if (is_max ? v > b : v < b)
					best = j;
			}
			int64_t got = c->out_i64 ? out[o] : ((int32_t *)out)[o];
			ok = got == best;
			if (!ok)
				snprintf(msg, sizeof msg,
					 "index %d got %lld want %d", (int)o,
					 (long long)got, (int)best);
		}
		snprintf(name, sizeof name, "arg_%s_%s.%s",
			 is_max ? "max" : "min", is_f ? "f32" : "s8", c->name);
		report(ok, name, msg);
	}
	free(f);
	free(q);
	free(out);
}

static void test_arg_edges(void)
{
	mote_arg_minmax_params p;
	int32_t dims[2] = { 3, 4 }, zero[2] = { 3, 0 };
	float in[3] = { NAN, 5.0f, 7.0f };
	int32_t out[1];
	int32_t d3[1] = { 3 };

	report(!mote_arg_minmax_init(&p, dims, 2, 2, false),
	       "arg_minmax_init.axis_too_big", "accepted");
	report(!mote_arg_minmax_init(&p, dims, 2, -3, false),
	       "arg_minmax_init.axis_too_negative", "accepted");
	report(!mote_arg_minmax_init(&p, zero, 2, 1, false),
	       "arg_minmax_init.empty_axis", "accepted");
	/* A leading NaN is never replaced (plain comparisons, as TFLM). */
	mote_arg_minmax_init(&p, d3, 1, 0, false);
	mote_arg_max_f32(&p, in, out);
	report(out[0] == 0, "arg_max_f32.leading_nan", "NaN replaced");
}

/* ---- CUMSUM ------------------------------------------------------------- */

typedef struct cumsum_case {
	const char *name; /* case name */
	int32_t rank; /* rank */
	int32_t dims[4]; /* dims */
	int32_t axis; /* axis, may be negative */
	bool exclusive; /* exclusive sums */
	bool reverse; /* reverse sums */
	float in_scale; /* int8 input scale */
	int32_t in_zp; /* int8 input zero point */
	float out_scale; /* int8 output scale */
	int32_t out_zp; /* int8 output zero point */
} cumsum_case;

static const cumsum_case cumsum_cases[] = {
	{ "1d", 1, { 16 }, 0, false, false, 0.0196f, -128, 0.187f, -128 },
	{ "col", 2, { 16, 1 }, 0, false, false, 0.047f, 84, 0.34f, 123 },
	{ "exclusive", 3, { 2, 5, 3 }, 1, true, false, 0.02f, 5, 0.05f, -3 },
	{ "reverse", 3, { 3, 4, 2 }, -1, false, true, 0.03f, -20, 0.04f, 0 },
	{ "excl_rev", 4, { 2, 3, 4, 5 }, 2, true, true, 0.01f, 0, 0.02f, 7 },
	{ "zp0_long", 1, { 40 }, 0, false, false, 0.01f, 0, 0.3f, 0 },
};

/* Offset of element k of line (o, i) in axis order (reverse honoured). */
static int32_t cs_at(const cumsum_case *c, int32_t outer, int32_t depth,
		     int32_t inner, int32_t o, int32_t i, int32_t k)
{
	(void)outer;
	if (c->reverse)
		k = depth - 1 - k;
	return (o * depth + k) * inner + i;
}

static void test_cumsum(const cumsum_case *c)
{
	int32_t n = elems(c->dims, c->rank);
	int32_t axis = c->axis < 0 ? c->axis + c->rank : c->axis;
	int32_t outer = 1, inner = 1, depth = c->dims[axis];
	mote_cumsum_params p = { 0 };
	char name[80], msg[160] = "ok";
	int ok_f = 1, ok_q = 1;

	for (int32_t d = 0; d < axis; d++)
		outer *= c->dims[d];
	for (int32_t d = axis + 1; d < c->rank; d++)
		inner *= c->dims[d];
	float *f = malloc(sizeof(float) * (size_t)n);
	float *fo = malloc(sizeof(float) * (size_t)n);
	int8_t *q = malloc((size_t)n), *qo = malloc((size_t)n);
	for (int32_t i = 0; i < n; i++) {
		f[i] = rnd_f(-2.0f, 2.0f);
		q[i] = (int8_t)(rnd() & 0xff);
	}
	p.exclusive = c->exclusive;
	p.reverse = c->reverse;
	report(mote_cumsum_init_shape(&p, c->dims, c->rank, c->axis) &&
		       p.outer == outer && p.depth == depth && p.inner == inner,
	       c->name, "init");
	int32_t ms;
	ref_quantize(0.5, &p.in_mult, &ms);
	p.in_shift = ms;
	ref_quantize(2.0 * c->in_scale / (1048576.0 * c->out_scale),
		     &p.out_mult, &ms);
	p.out_shift = ms;
	p.in_zp = c->in_zp;
	p.out_zp = c->out_zp;
	p.act_min = -128;
	p.act_max = 127;
	mote_cumsum_f32(&p, f, fo);
	mote_cumsum_s8(&p, q, qo);

	for (int32_t l = 0; l < outer * inner; l++) {
		int32_t o = l / inner, i = l % inner;
		double acc = 0, abs_acc = 0;
		/* TFLM's int8 running sum starts at the rescaled -zp_in. */
		int64_t qacc = ref_mbqm(-c->in_zp * (1 << 20), p.in_mult,
					p.in_shift);
		int64_t raw = -c->in_zp;
		for (int32_t k = 0; k < depth; k++) {
			int32_t x = cs_at(c, outer, depth, inner, o, i, k);
			double before = acc;
			int64_t qbefore = qacc, rbefore = raw;
			acc += f[x];
			abs_acc += fabs(f[x]);
			qacc += ref_mbqm((q[x] - c->in_zp) * (1 << 20),
					 p.in_mult, p.in_shift);
			raw += q[x] - c->in_zp;
			double want = c->exclusive ? before : acc;
			double tol = 1e-6 + (k + 1) * 0x1p-24 * abs_acc;
			if (ok_f && fabs(fo[x] - want) > tol) {
				ok_f = 0;
				snprintf(msg, sizeof msg,
					 "f32 index %d got %.9g want %.9g",
					 (int)x, fo[x], want);
			}
			int32_t s = (int32_t)(c->exclusive ? qbefore : qacc);
			int32_t wq = ref_mbqm(s, p.out_mult, p.out_shift) +
				     c->out_zp;
			wq = wq < -128 ? -128 : (wq > 127 ? 127 : wq);
			double real = (double)(c->exclusive ? rbefore : raw) *
					      c->in_scale / c->out_scale +
				      c->out_zp;
			real = real < -128 ? -128 : (real > 127 ? 127 : real);
			if (ok_q && (qo[x] != wq || fabs(qo[x] - real) > 2.0)) {
				ok_q = 0;
				snprintf(msg, sizeof msg,
					 "s8 index %d got %d want %d (real %.2f)",
					 (int)x, qo[x], (int)wq, real);
			}
		}
	}
	snprintf(name, sizeof name, "cumsum_f32.%s", c->name);
	report(ok_f, name, msg);
	snprintf(name, sizeof name, "cumsum_s8.%s", c->name);
	report(ok_q, name, msg);
	free(f);
	free(fo);
	free(q);
	free(qo);
}

/* ---- L2_POOL_2D --------------------------------------------------------- */

typedef struct l2_case {
	const char *name; /* case name */
	int32_t n, h, w, c; /* input shape */
	int32_t fh, fw; /* window */
	int32_t sh, sw; /* strides */
	bool same; /* SAME padding (else VALID) */
	float act_min, act_max; /* activation range */
} l2_case;

static const l2_case l2_cases[] = {
	{ "global", 1, 6, 9, 2, 6, 9, 1, 1, false, -3.4e38f, 3.4e38f },
	{ "same_s3", 1, 6, 6, 5, 2, 2, 3, 3, true, -3.4e38f, 3.4e38f },
	{ "same_s2_odd", 2, 7, 5, 3, 3, 3, 2, 2, true, -3.4e38f, 3.4e38f },
	{ "valid_s2_relu6", 1, 9, 8, 7, 3, 2, 2, 2, false, 0.0f, 6.0f },
	{ "relu_n1_1", 1, 4, 4, 1, 2, 2, 1, 1, true, -1.0f, 1.0f },
};

static void test_l2(const l2_case *c)
{
	mote_l2_pool_params p = { 0 };
	int32_t oh, ow;
	char msg[120] = "ok";
	int ok = 1;

	if (c->same) {
		oh = (c->h + c->sh - 1) / c->sh;
		ow = (c->w + c->sw - 1) / c->sw;
	} else {
		oh = (c->h - c->fh + c->sh) / c->sh;
		ow = (c->w - c->fw + c->sw) / c->sw;
	}
	int32_t ph = ((oh - 1) * c->sh + c->fh - c->h) / 2;
	int32_t pw = ((ow - 1) * c->sw + c->fw - c->w) / 2;
	p.batches = c->n;
	p.in_h = c->h;
	p.in_w = c->w;
	p.c = c->c;
	p.out_h = oh;
	p.out_w = ow;
	p.filter_h = c->fh;
	p.filter_w = c->fw;
	p.stride_h = c->sh;
	p.stride_w = c->sw;
	p.pad_h = ph > 0 ? ph : 0;
	p.pad_w = pw > 0 ? pw : 0;
	p.act_min = c->act_min;
	p.act_max = c->act_max;
	size_t ni = (size_t)(c->n * c->h * c->w * c->c);
	size_t no = (size_t)(c->n * oh * ow * c->c);
	float *in = malloc(ni * sizeof(float)), *out = malloc(no * sizeof(float));
	for (size_t i = 0; i < ni; i++)
		in[i] = rnd_f(-1.5f, 3.0f);
	mote_l2_pool_f32(&p, in, out);
	for (size_t o = 0; ok && o < no; o++) {
		int32_t ch = (int32_t)(o % (size_t)c->c);
		int32_t px = (int32_t)(o / (size_t)c->c);
		int32_t b = px / (oh * ow), y = px / ow % oh, x = px % ow;
		double ss = 0;
		int cnt = 0;
		for (int32_t iy = 0; iy < c->h; iy++) {
			for (int32_t ix = 0; ix < c->w; ix++) {
				int32_t dy = iy - (y * c->sh - p.pad_h);
				int32_t dx = ix - (x * c->sw - p.pad_w);
				if (dy < 0 || dy >= c->fh || dx < 0 || dx >= c->fw)
					continue;
				double v = in[((b * c->h + iy) * c->w + ix) *
						      c->c +
					      ch];
				ss += v * v;
				cnt++;
			}
		}
		double want = sqrt(ss / cnt);
		want = want < c->act_min ? c->act_min
					 : (want > c->act_max ? c->act_max : want);
		ok = fabs(out[o] - want) <= 1e-5 + 1e-5 * want;
		if (!ok)
			snprintf(msg, sizeof msg, "index %d got %.9g want %.9g",
				 (int)o, out[o], want);
	}
	char name[80];
	snprintf(name, sizeof name, "l2_pool_f32.%s", c->name);
	report(ok, name, msg);
	free(in);
	free(out);
}

/* ---- BROADCAST_ARGS and DYNAMIC_UPDATE_SLICE ---------------------------- */

typedef struct bargs_case {
	const char *name; /* case name */
	int32_t na, nb; /* shape lengths */
	int32_t a[4], b[4]; /* shapes */
	bool ok; /* compatible */
	int32_t want[4]; /* broadcast (max(na, nb) values) */
} bargs_case;

static const bargs_case bargs_cases[] = {
	{ "same", 3, 3, { 2, 3, 4 }, { 2, 3, 4 }, true, { 2, 3, 4 } },
	{ "ones", 3, 3, { 1, 3, 1 }, { 5, 1, 4 }, true, { 5, 3, 4 } },
	{ "longer_a", 4, 2, { 2, 1, 3, 1 }, { 3, 6 }, true, { 2, 1, 3, 6 } },
	{ "longer_b", 1, 3, { 4 }, { 2, 3, 1 }, true, { 2, 3, 4 } },
	{ "empty_a", 0, 2, { 0 }, { 3, 2 }, true, { 3, 2 } },
	{ "zero_dim", 2, 2, { 0, 1 }, { 1, 5 }, true, { 0, 5 } },
	{ "mismatch", 2, 2, { 2, 3 }, { 2, 4 }, false, { 0 } },
};

static void test_bargs(const bargs_case *c)
{
	int32_t n = c->na > c->nb ? c->na : c->nb;
	int32_t o32[4];
	int64_t a64[4], b64[4], o64[4];
	bool ok32, ok64, same = true;

	for (int i = 0; i < 4; i++) {
		a64[i] = c->a[i];
		b64[i] = c->b[i];
	}
	ok32 = mote_broadcast_args_s32(c->a, c->na, c->b, c->nb, o32, n);
	ok64 = mote_broadcast_args_s64(a64, c->na, b64, c->nb, o64, n);
	for (int32_t i = 0; c->ok && i < n; i++)
		same = same && o32[i] == c->want[i] && o64[i] == c->want[i];
	char name[80];
	snprintf(name, sizeof name, "broadcast_args.%s", c->name);
	report(ok32 == c->ok && ok64 == c->ok && same, name, "mismatch");
}

typedef struct dus_case {
	const char *name; /* case name */
	int32_t rank; /* rank */
	int32_t dims[4]; /* operand dims */
	int32_t udims[4]; /* update dims */
	int64_t start[4]; /* start indices (clamped by the kernel) */
	bool in_place; /* output shares the operand */
} dus_case;

static const dus_case dus_cases[] = {
	{ "1d", 1, { 10 }, { 3 }, { 4 }, false },
	{ "2d_clamp_hi", 2, { 4, 5 }, { 2, 3 }, { 3, 9 }, false },
	{ "3d_neg", 3, { 3, 4, 5 }, { 2, 2, 2 }, { -1, 1, -7 }, true },
	{ "full", 2, { 2, 3 }, { 2, 3 }, { 1, 1 }, false },
	{ "empty_update", 2, { 3, 3 }, { 0, 2 }, { 1, 1 }, true },
	{ "4d", 4, { 2, 3, 4, 5 }, { 1, 2, 1, 3 }, { 1, 1, 2, 1 }, false },
};

static void test_dus(const dus_case *c)
{
	mote_dus_params p = { 0 };
	int32_t n = elems(c->dims, c->rank), nu = elems(c->udims, c->rank);
	int16_t *op = malloc(sizeof(int16_t) * (size_t)n);
	int16_t *want = malloc(sizeof(int16_t) * (size_t)n);
	int16_t *out = malloc(sizeof(int16_t) * (size_t)n);
	int16_t *up = malloc(sizeof(int16_t) * (size_t)(nu + 1));
	int32_t first[4];

	p.rank = c->rank;
	p.elem_size = sizeof(int16_t);
	for (int32_t d = 0; d < c->rank; d++) {
		int64_t hi = c->dims[d] - c->udims[d];
		p.dims[d] = c->dims[d];
		p.update_dims[d] = c->udims[d];
		first[d] = (int32_t)(c->start[d] < 0 ? 0
				     : c->start[d] > hi ? hi
							: c->start[d]);
	}
	for (int32_t i = 0; i < n; i++)
		op[i] = want[i] = (int16_t)i;
	for (int32_t i = 0; i < nu; i++)
		up[i] = (int16_t)(1000 + i);
	/* Brute force: every update element lands at its index + first. */
	for (int32_t i = 0; i < nu; i++) {
		int32_t r = i, o = 0, stride = 1;
		for (int32_t d = c->rank - 1; d >= 0; d--) {
			o += (r % c->udims[d] + first[d]) * stride;
			r /= c->udims[d];
			stride *= c->dims[d];
		}
		want[o] = up[i];
	}
	if (c->in_place) {
		mote_dynamic_update_slice(&p, op, up, c->start, op);
		memcpy(out, op, sizeof(int16_t) * (size_t)n);
	} else {
		mote_dynamic_update_slice(&p, op, up, c->start, out);
	}
	char name[80];
	snprintf(name, sizeof name, "dynamic_update_slice.%s", c->name);
	report(memcmp(out, want, sizeof(int16_t) * (size_t)n) == 0, name,
	       "mismatch");
	free(op);
	free(want);
	free(out);
	free(up);
}


/* ---- Operators through the interpreter ---------------------------------- */

static const mote_op *const all_ops[] = {
	&mote_op_mean,	 &mote_op_sum,		  &mote_op_reduce_max,
	&mote_op_arg_max, &mote_op_cumsum,	  &mote_op_broadcast_args,
	&mote_op_dynamic_update_slice,
};
static const mote_op_table op_table = { all_ops,
					sizeof all_ops / sizeof all_ops[0] };

/* A one-operator model: tensors, then the operator over them. */
typedef struct graph {
	tfl_builder b; /* the builder */
	int32_t n_in; /* graph inputs so far */
	int32_t in[4]; /* their tensor indices */
} graph;

/* Adds a tensor; `data` non-NULL makes it constant, else a graph input
 * (is_input) or a plain activation. */
static int g_tensor(graph *g, mote_type type, int32_t rank,
		    const int32_t *dims, const void *data, size_t bytes,
		    bool is_input)
{
	int t = tfl_tensor(&g->b, &(tfl_tensor_desc){ .type = type,
						       .rank = rank,
						       .dims = dims,
						       .data = data,
						       .data_bytes = bytes });
	if (is_input)
		g->in[g->n_in++] = t;
	return t;
}

/* Like g_tensor for a quantized activation. */
static int g_qtensor(graph *g, mote_type type, int32_t rank,
		     const int32_t *dims, float scale, int64_t zp,
		     bool is_input)
{
	int t = tfl_tensor(&g->b, &(tfl_tensor_desc){ .type = type,
						       .rank = rank,
						       .dims = dims,
						       .n_scale = 1,
						       .scale = &scale,
						       .n_zp = 1,
						       .zp = &zp });
	if (is_input)
		g->in[g->n_in++] = t;
	return t;
}

enum { ARENA_BYTES = 1 << 16 };

/*
 * Finishes g with output tensor `out`, prepares it and, if that worked
 * and `in` is given, runs it once with in[i] (in_bytes[i]) fed to graph
 * input i, copying output 0 to `out_data` (out_bytes). Returns the first
 * failing status (prepare's or invoke's).
 */
static mote_status g_run(graph *g, int out, const void *const *in,
			 const size_t *in_bytes, void *out_data,
			 size_t out_bytes)
{
	static uint8_t arena[ARENA_BYTES] __attribute__((aligned(16)));
	size_t len;
	mote_model m;
	mote_interp it;

	tfl_inputs(&g->b, g->in, (uint32_t)g->n_in);
	tfl_outputs(&g->b, TFL_INTS(out));
	uint8_t *bytes = tfl_finish(&g->b, &len);
	tfl_builder_free(&g->b);
	mote_status s = model_prepare(&m, &it, bytes, len, &op_table, arena,
				      sizeof arena);
	if (s == MOTE_OK && in)
		s = model_run(&it, in, in_bytes, &out_data, &out_bytes);
	free(bytes);
	return s;
}

static void g_init(graph *g)
{
	tfl_builder_init(&g->b);
	g->n_in = 0;
}

static void g_op(graph *g, int32_t builtin, const int32_t *ins, uint32_t n_in,
		 int out, const tfl_field *opts, uint32_t n_opts)
{
	int code = tfl_opcode(&g->b, builtin, 1);
	tfl_op(&g->b, &(tfl_op_desc){ .opcode = (uint32_t)code,
				       .in = ins,
				       .n_in = n_in,
				       TFL_OUTPUTS(out),
				       .opts = opts,
				       .n_opts = n_opts });
}

/* BROADCAST_ARGS on two run-time shapes: result, then a mismatch. */
static void test_op_broadcast_args(void)
{
	for (int bad = 0; bad < 2; bad++) {
		graph g;
		int64_t a[3] = { 1, 4, 1 }, b[2] = { bad ? 2 : 4, 5 }, out[3];
		g_init(&g);
		int ta = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 3 }, NULL, 0,
				  true);
		int tb = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 2 }, NULL, 0,
				  true);
		int to = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 3 }, NULL, 0,
				  false);
		g_op(&g, 145, TFL_INTS(ta, tb), to, NULL, 0);
		mote_status s = g_run(&g, to, (const void *[]){ a, b },
				      (size_t[]){ 24, 16 }, out, sizeof out);
		if (bad)
			report(s == MOTE_E_EVAL, "op.broadcast_args.mismatch",
			       mote_status_str(s));
		else
			report(s == MOTE_OK && out[0] == 1 && out[1] == 4 &&
				       out[2] == 5,
			       "op.broadcast_args.int64", mote_status_str(s));
	}
}

/* DYNAMIC_UPDATE_SLICE with run-time start indices (clamped). */
static void test_op_dus(void)
{
	for (int i64 = 0; i64 < 2; i64++) {
		graph g;
		float op[12], up[4] = { -1, -2, -3, -4 }, out[12], want[12];
		int32_t s32[2] = { 5, -3 };
		int64_t s64[2] = { 5, -3 };
		for (int i = 0; i < 12; i++)
			op[i] = want[i] = (float)i;
		/* Start (5, -3) clamps to (1, 0) in a 3x4 operand. */
		want[4] = -1;
		want[5] = -2;
		want[8] = -3;
		want[9] = -4;
		g_init(&g);
		int to_ = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 3, 4 },
				   NULL, 0, true);
		int tu = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 2 }, NULL,
				  0, true);
		int ti = g_tensor(&g, i64 ? MOTE_INT64 : MOTE_INT32, 1,
				  (int32_t[]){ 2 }, NULL, 0, true);
		int tr = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 3, 4 }, NULL,
				  0, false);
		g_op(&g, 151, TFL_INTS(to_, tu, ti), tr, NULL, 0);
		mote_status s = g_run(
			&g, tr,
			(const void *[]){ op, up, i64 ? (void *)s64 : (void *)s32 },
			(size_t[]){ 48, 16, i64 ? 16u : 8u }, out, sizeof out);
		report(s == MOTE_OK && memcmp(out, want, sizeof out) == 0,
		       i64 ? "op.dynamic_update_slice.int64_idx"
			   : "op.dynamic_update_slice.int32_idx",
		       mote_status_str(s));
	}
}

/* MEAN int8 with the axis fed at run time, against the constant-axis
 * kernel result; then an out-of-range axis fails the invoke. */
static void test_op_dynamic_axis(void)
{
	int8_t in[24], out[6], want[6];
	int32_t dims[3] = { 2, 3, 4 };
	for (int i = 0; i < 24; i++)
		in[i] = (int8_t)(rnd() & 0xff);
	for (int bad = 0; bad < 2; bad++) {
		graph g;
		int32_t axis[1] = { bad ? 3 : -1 };
		g_init(&g);
		int tx = g_qtensor(&g, MOTE_INT8, 3, dims, 0.05f, -3, true);
		int ta = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 1 }, NULL, 0,
				  true);
		int ty = g_qtensor(&g, MOTE_INT8, 2, (int32_t[]){ 2, 3 }, 0.02f,
				   4, false);
		g_op(&g, 40, TFL_INTS(tx, ta), ty, NULL, 0);
		mote_status s = g_run(&g, ty, (const void *[]){ in, axis },
				      (size_t[]){ 24, 4 }, out, sizeof out);
		if (bad) {
			report(s == MOTE_E_EVAL, "op.mean.dynamic_axis_bad",
			       mote_status_str(s));
			continue;
		}
		mote_reduce_q_params p = { 0 };
		int32_t m, sh, scratch[6];
		int e;
		mote_reduce_shape_init(&p.shape, dims, 3, (int32_t[]){ 2 }, 1);
		mote_quantize_multiplier((double)0.05f / (double)0.02f, &m, &e);
		mote_mean_multiplier(m, e, 4, &p.mult, &sh);
		p.shift = sh;
		p.in_zp = -3;
		p.out_zp = 4;
		p.act_min = -128;
		p.act_max = 127;
		mote_mean_s8(&p, in, want, scratch);
		report(s == MOTE_OK && memcmp(out, want, sizeof out) == 0,
		       "op.mean.dynamic_axis", mote_status_str(s));
	}
}

/* ARG_MAX float with an int64 output and a constant negative axis. */
static void test_op_arg_max_i64(void)
{
	graph g;
	float in[6] = { 1, 9, 3, 7, 7, -1 };
	int64_t out[2];
	int32_t axis = -1;
	g_init(&g);
	int tx = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 3 }, NULL, 0,
			  true);
	int ta = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 1 }, &axis, 4, false);
	int ty = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 2 }, NULL, 0, false);
	g_op(&g, 56, TFL_INTS(tx, ta), ty,
	     (const tfl_field[]){ TFL_U8(0, MOTE_INT64) }, 1);
	mote_status s = g_run(&g, ty, (const void *[]){ in },
			      (size_t[]){ sizeof in }, out, sizeof out);
	report(s == MOTE_OK && out[0] == 1 && out[1] == 0,
	       "op.arg_max.int64_output", mote_status_str(s));
}

/* CUMSUM float, exclusive and reverse, axis given at run time. */
static void test_op_cumsum(void)
{
	graph g;
	float in[6] = { 1, 2, 3, 4, 5, 6 }, out[6];
	float want[6] = { 5, 3, 0, 11, 6, 0 };
	int32_t axis = 1;
	g_init(&g);
	int tx = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 3 }, NULL, 0,
			  true);
	int ta = g_tensor(&g, MOTE_INT32, 0, NULL, NULL, 0, true);
	int ty = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 3 }, NULL, 0,
			  false);
	g_op(&g, 128, TFL_INTS(tx, ta), ty,
	     (const tfl_field[]){ TFL_BOOL(0, 1), TFL_BOOL(1, 1) }, 2);
	mote_status s = g_run(&g, ty, (const void *[]){ in, &axis },
			      (size_t[]){ sizeof in, 4 }, out, sizeof out);
	report(s == MOTE_OK && memcmp(out, want, sizeof out) == 0,
	       "op.cumsum.exclusive_reverse", mote_status_str(s));
}

/* Errors prepare must report, one model per row. */
typedef struct prep_err_case {
	const char *name; /* case name */
	int32_t builtin; /* operator */
	int32_t axis; /* constant axis */
	int32_t out_dims[2]; /* output shape (rank 2) */
	float out_scale; /* output scale */
	mote_type out_type; /* output type */
	mote_status want; /* expected status */
} prep_err_case;

static const prep_err_case prep_err_cases[] = {
	{ "mean.ok", 40, 1, { 2, 1 }, 0.1f, MOTE_INT8, MOTE_OK },
	{ "mean.axis_out_of_range", 40, 2, { 2, 1 }, 0.1f, MOTE_INT8,
	  MOTE_E_INVALID },
	{ "sum.wrong_output_size", 74, 1, { 2, 2 }, 0.1f, MOTE_INT8,
	  MOTE_E_BAD_SHAPE },
	{ "reduce_max.scale_changes", 82, 1, { 2, 1 }, 0.2f, MOTE_INT8,
	  MOTE_E_BAD_QUANT },
	{ "reduce_max.same_scale", 82, -1, { 2, 1 }, 0.1f, MOTE_INT8,
	  MOTE_OK },
	{ "mean.output_type", 40, 1, { 2, 1 }, 0.1f, MOTE_INT16,
	  MOTE_E_BAD_TYPE },
	{ "arg_max.axis_out_of_range", 56, -3, { 2, 1 }, 0.1f, MOTE_INT32,
	  MOTE_E_INVALID },
};

static void test_op_prepare_errors(void)
{
	for (size_t i = 0; i < sizeof prep_err_cases / sizeof prep_err_cases[0];
	     i++) {
		const prep_err_case *c = &prep_err_cases[i];
		graph g;
		char name[80];
		g_init(&g);
		int tx = g_qtensor(&g, MOTE_INT8, 2, (int32_t[]){ 2, 3 }, 0.1f,
				   0, true);
		int ta = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 1 }, &c->axis,
				  4, false);
		int ty = c->out_type == MOTE_INT32
				 ? g_tensor(&g, MOTE_INT32, 1, c->out_dims, NULL,
					    0, false)
				 : g_qtensor(&g, c->out_type, 2, c->out_dims,
					     c->out_scale, 0, false);
		g_op(&g, c->builtin, TFL_INTS(tx, ta), ty, NULL, 0);
		mote_status s = g_run(&g, ty, NULL, NULL, NULL, 0);
		snprintf(name, sizeof name, "op.prepare.%s", c->name);
		report(s == c->want, name, mote_status_str(s));
	}
}

int main(void)
{
	size_t i;

	rng_state = 12345;
	for (i = 0; i < sizeof reduce_cases / sizeof reduce_cases[0]; i++) {
		test_reduce_float(&reduce_cases[i]);
		test_reduce_q(&reduce_cases[i], false);
		test_reduce_q(&reduce_cases[i], true);
		test_reduce_exact(&reduce_cases[i]);
	}
	test_reduce_edges();
	for (i = 0; i < sizeof arg_cases / sizeof arg_cases[0]; i++)
		test_arg(&arg_cases[i]);
	test_arg_edges();
	for (i = 0; i < sizeof cumsum_cases / sizeof cumsum_cases[0]; i++)
		test_cumsum(&cumsum_cases[i]);
	for (i = 0; i < sizeof l2_cases / sizeof l2_cases[0]; i++)
		test_l2(&l2_cases[i]);
	for (i = 0; i < sizeof bargs_cases / sizeof bargs_cases[0]; i++)
		test_bargs(&bargs_cases[i]);
	for (i = 0; i < sizeof dus_cases / sizeof dus_cases[0]; i++)
		test_dus(&dus_cases[i]);
	test_op_broadcast_args();
	test_op_dus();
	test_op_dynamic_axis();
	test_op_arg_max_i64();
	test_op_cumsum();
	test_op_prepare_errors();
	return totals();
}
