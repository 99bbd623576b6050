/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_pooling.c - tests of the average and max pooling kernels
 * (src/kernels/pooling.h) against an independent reference.
 *
 * A standalone host program: prints the first mismatch of each failing
 * case (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any case failed.
 *
 * Each row of the table is a pooling geometry (odd sizes, channels not a
 * multiple of 4, strides 1-3, SAME and VALID padding, batch 2, windows
 * larger than the stride, a window covering the whole input) run for every
 * kernel on seeded pseudo-random data. The reference walks every tap of
 * the unclipped window and skips those in the padding; integer results are
 * re-derived exactly (sum, then division rounded half away from zero, then
 * clamp) and compared bit for bit; float averages are computed in double
 * and must agree within 1e-6 * (1 + |want|), float maxima exactly.
 * Extreme inputs (every value at the type's minimum or maximum) check that
 * int16 sums do not overflow and that rounding is symmetric.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "kernels/pooling.h"

enum { SAME = 0, VALID = 1 };

/* One geometry of the table. */
typedef struct pool_case {
	int32_t n, h, w, c; /* input shape */
	int32_t fh, fw; /* window */
	int32_t sh, sw; /* strides */
	int padding; /* SAME or VALID */
	int32_t act_lo, act_hi; /* int8 activation clamp (int16: scaled) */
} pool_case;

static const pool_case cases[] = {
	{ 1, 1, 1, 1, 1, 1, 1, 1, VALID, -128, 127 },
	{ 1, 3, 3, 4, 3, 3, 1, 2, SAME, -128, 127 },
	{ 1, 7, 6, 5, 2, 2, 2, 2, VALID, -128, 127 },
	{ 2, 5, 10, 3, 2, 2, 1, 2, VALID, 0, 127 },
	{ 1, 12, 9, 2, 2, 2, 3, 3, VALID, -128, 127 },
	{ 1, 3, 2, 3, 2, 3, 1, 1, SAME, -128, 127 },
	{ 1, 10, 3, 13, 10, 3, 1, 1, VALID, -128, 127 },
	{ 2, 11, 6, 1, 4, 4, 2, 2, SAME, -20, 20 },
	{ 1, 6, 8, 5, 2, 2, 3, 3, SAME, -128, 127 },
	{ 1, 2, 5, 5, 3, 3, 3, 3, SAME, -128, 127 },
	{ 1, 9, 11, 13, 5, 3, 2, 1, SAME, -5, 100 },
	{ 2, 4, 4, 7, 4, 4, 4, 4, VALID, -128, 127 },
	{ 1, 1, 17, 3, 1, 5, 1, 4, SAME, -128, 127 },
};

/* Output size and leading padding of one dimension (TFLite's rules). */
static void out_dim(int padding, int32_t in, int32_t f, int32_t s, int32_t *out,
		    int32_t *pad)
{
	int32_t total;

	*out = padding == SAME ? (in + s - 1) / s : (in - f + s) / s;
	total = (*out - 1) * s + f - in;
	*pad = total > 0 ? total / 2 : 0;
}

/* Geometry of a case; the activation range is set by the caller. */
static void fill_params(const pool_case *k, mote_pool_params *p)
{
	p->batches = k->n;
	p->in_h = k->h;
	p->in_w = k->w;
	p->c = k->c;
	p->filter_h = k->fh;
	p->filter_w = k->fw;
	p->stride_h = k->sh;
	p->stride_w = k->sw;
	out_dim(k->padding, k->h, k->fh, k->sh, &p->out_h, &p->pad_h);
	out_dim(k->padding, k->w, k->fw, k->sw, &p->out_w, &p->pad_w);
}

/*
 * Reference for one output value from values read through get(): average
 * (rounded half away from zero) or maximum of the taps inside the input.
 */
typedef double (*getter)(const void *data, size_t i);

static double ref_value(const mote_pool_params *p, const void *in, getter get,
			int32_t b, int32_t oy, int32_t ox, int32_t ch,
			bool is_max, bool is_int)
{
	double sum = 0.0, max = -INFINITY;
	int count = 0;

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			int32_t y = oy * p->stride_h - p->pad_h + fy;
			int32_t x = ox * p->stride_w - p->pad_w + fx;
			if (y < 0 || y >= p->in_h || x < 0 || x >= p->in_w)
				continue;
			double v =
				get(in, (((size_t)b * p->in_h + y) * p->in_w +
					 x) * p->c +
						ch);
			sum += v;
			max = v > max ? v : max;
			count++;
		}
	}
	if (is_max)
		return max;
	if (!is_int)
		return sum / count;
	/* sum is an exact integer here; round half away from zero */
	double a = fabs(sum);
	double q = floor((a + floor(count / 2)) / count);
	return sum < 0 ? -q : q;
}

static double get_s8(const void *d, size_t i)
{
	return ((const int8_t *)d)[i];
}

static double get_s16(const void *d, size_t i)
{
	return ((const int16_t *)d)[i];
}

static double get_f32(const void *d, size_t i)
{
	return ((const float *)d)[i];
}

/* The kernels under test, by type. */
typedef enum ktype { T_S8, T_S16, T_F32 } ktype;

static void run_kernel(const mote_pool_params *p, ktype t, bool is_max,
		       const void *in, void *out)
{
	if (t == T_S8 && is_max)
		mote_maxpool_s8(p, in, out);
	if (t == T_S8 && !is_max)
		mote_avgpool_s8(p, in, out);
	if (t == T_S16 && is_max)
		mote_maxpool_s16(p, in, out);
	if (t == T_S16 && !is_max)
		mote_avgpool_s16(p, in, out);
	if (t == T_F32 && is_max)
		mote_maxpool_f32(p, in, out);
	if (t == T_F32 && !is_max)
		mote_avgpool_f32(p, in, out);
}

/* Fills n inputs of type t: random, or all at the minimum / maximum. */
static void fill_input(ktype t, void *in, size_t n, int mode)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t r = rnd();
		if (t == T_S8)
			((int8_t *)in)[i] = (int8_t)(mode < 0	? -128
						     : mode > 0 ? 127
								: (int8_t)r);
		if (t == T_S16)
			((int16_t *)in)[i] = (int16_t)(mode < 0	  ? -32768
						       : mode > 0 ? 32767
								  : (int16_t)r);
		if (t == T_F32)
			((float *)in)[i] =
				((float)(r >> 8) * 0x1p-24f) * 64 - 32;
	}
}

/* Runs one case for one kernel; returns true if every value matched. */
static bool run_case(const pool_case *k, ktype t, bool is_max, int mode,
		     const char *name)
{
	static const getter gets[] = { get_s8, get_s16, get_f32 };
	static const size_t sizes[] = { 1, 2, 4 };
	mote_pool_params p = { 0 };
	int32_t scale = t == T_S16 ? 256 : 1;

	fill_params(k, &p);
	p.act_min = k->act_lo * scale;
	p.act_max = k->act_hi == 127 ? 127 * scale + (scale - 1)
				     : k->act_hi * scale;
	p.act_min_f = k->act_lo == -128 ? -3.0e38f : (float)k->act_lo / 4;
	p.act_max_f = k->act_hi == 127 ? 3.0e38f : (float)k->act_hi / 4;
	size_t n_in = (size_t)k->n * k->h * k->w * k->c;
	size_t n_out = (size_t)k->n * p.out_h * p.out_w * k->c;
	void *in = malloc(n_in * sizes[t]);
	void *out = malloc(n_out * sizes[t]);
	bool ok = true;

	fill_input(t, in, n_in, mode);
	run_kernel(&p, t, is_max, in, out);
	for (size_t i = 0; i < n_out && ok; i++) {
		int32_t ch = (int32_t)(i % (size_t)k->c);
		size_t px = i / (size_t)k->c;
		int32_t ox = (int32_t)(px % (size_t)p.out_w);
		int32_t oy = (int32_t)(px / (size_t)p.out_w % (size_t)p.out_h);
		int32_t b = (int32_t)(px / (size_t)p.out_w / (size_t)p.out_h);
		double want = ref_value(&p, in, gets[t], b, oy, ox, ch, is_max,
					t != T_F32);
		double got = gets[t](out, i);
		double lo = t == T_F32 ? p.act_min_f : p.act_min;
		double hi = t == T_F32 ? p.act_max_f : p.act_max;
		want = want < lo ? lo : (want > hi ? hi : want);
		double tol =
			(t == T_F32 && !is_max) ? 1e-6 * (1 + fabs(want)) : 0;
		if (fabs(got - want) > tol) {
			printf("FAIL %s case %d/%dx%dx%dx%d: index %zu got "
			       "%.9g want %.9g\n",
			       name, (int)(k - cases), k->n, k->h, k->w, k->c,
			       i, got, want);
			ok = false;
		}
	}
	free(in);
	free(out);
	return ok;
}

int main(void)
{
	static const char *const names[3][2] = {
		{ "avgpool_s8", "maxpool_s8" },
		{ "avgpool_s16", "maxpool_s16" },
		{ "avgpool_f32", "maxpool_f32" },
	};
	const int n_cases = (int)(sizeof cases / sizeof cases[0]);

	/* every case x type x (avg, max) x input mode (min, random, max) */
	for (int j = 0; j < n_cases * 3 * 2 * 3; j++) {
		int i = j / 18, t = j / 6 % 3, m = j / 3 % 2, mode = j % 3 - 1;
		if (mode != 0 && t == T_F32)
			continue;
		rng_state = 12345u + (uint32_t)i;
		tally(run_case(&cases[i], (ktype)t, m == 1, mode, names[t][m]));
	}
	return totals();
}
