/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_softmax.c - tests of the softmax kernels (src/kernels/softmax.h).
 *
 * A standalone host program: prints the first mismatch of each failing
 * case (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any case failed.
 *
 *  - The two int16 tables are re-derived here with TFLM's LUTPopulate
 *    procedure (float arithmetic, expf, roundf) and must match entry for
 *    entry (they do with glibc on x86-64 and newlib on Cortex-M4).
 *  - Each row of the kernel table is a shape (depth 1 to 100, 1-3 rows),
 *    an input scale and beta (from the smallest TFLM accepts, where every
 *    difference counts, to a scale so large that only the maximum does),
 *    and an input pattern (random, constant, one spike). Parameters are
 *    derived as TFLM's prepare does. Outputs are compared with softmax
 *    computed in double on the dequantized input:
 *      int8 -> int8:   within 1 unit of 1/256; values whose difference
 *                      to the maximum is below diff_min must be exactly
 *                      -128;
 *      int8 -> int16:  within 2 units of 1/65536 + 0.01% of the value;
 *      int16 -> int16: within 2 units of 1/32768 + 0.2% of the value (the
 *                      interpolated 1/(1+x) table), the reference's
 *                      exponent arguments clamped at -10 as TFLM's table
 *                      is; beta x scale beyond TFLM's int32 range is
 *                      skipped as prepare refuses it;
 *      float:          within 1e-6 * (1 + want).
 *    These bounds are the accuracy of TFLM's algorithms; bit-exactness
 *    with TFLM is checked by the conformance suite.
 *  - Every quantized output row must also sum to about 1.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "kernels/fixedpoint.h"
#include "kernels/softmax.h"

/* ---- The int16 tables. ------------------------------------------------ */

static float exp_fn(float x)
{
	return expf(x);
}

static float recip_fn(float x)
{
	return 1.0f / (1.0f + x);
}

static float clamp_s16f(float v)
{
	return v < -32768.0f ? -32768.0f : (v > 32767.0f ? 32767.0f : v);
}

/* TFLite's LUTPopulateInt16<float>, step by step in float. */
static void populate(float in_scale, int32_t in_zp, float out_scale,
		     int32_t out_zp, float (*fn)(float), int16_t *lut)
{
	const float in_min = in_scale * (float)(-32768 - in_zp);
	const float in_max = in_scale * (float)(32767 - in_zp);
	const float out_min = out_scale * (float)(-32768 - out_zp);
	const float out_max = out_scale * (float)(32767 - out_zp);
	const float step = (in_max - in_min) / 512;
	const float half_step = step / 2;
	const float inv = 65536.0f / (out_max - out_min);

	for (int i = 0; i < 512; i++) {
		float val = fn(in_min + (float)i * step);
		float mid = fn(in_min + (float)i * step + half_step);
		float next = fn(in_min + (float)(i + 1) * step);
		float sample = roundf(val * inv);
		float interp = roundf((next * inv + roundf(val * inv)) / 2);
		float bias = roundf((interp - roundf(mid * inv)) / 2);
		lut[i] = (int16_t)clamp_s16f(sample - bias);
	}
	lut[512] = (int16_t)clamp_s16f(roundf(fn(in_max) * inv));
}

static void test_table(const char *name, const int16_t *table, float in_scale,
		       int32_t in_zp, float (*fn)(float))
{
	int16_t lut[513];
	bool ok = true;

	populate(in_scale, in_zp, 2.0f / 65535, 0, fn, lut);
	for (int i = 0; i < 513 && ok; i++) {
		if (lut[i] != table[i]) {
			printf("FAIL %s: index %d got %d want %d\n", name, i,
			       table[i], lut[i]);
			ok = false;
		}
	}
	tally(ok);
}

/* ---- The kernels. ----------------------------------------------------- */

/* One row of the kernel table. */
typedef struct sm_case {
	int32_t outer, depth; /* shape */
	float in_scale; /* input scale (the zero point does not matter) */
	float beta; /* the beta option */
	int pattern; /* 0 random, 1 constant, 2 one spike over a floor */
} sm_case;

static const sm_case cases[] = {
	{ 1, 1, 0.0625f, 1.0f, 0 },   { 2, 2, 0.0078125f, 1.0f, 0 },
	{ 1, 10, 0.1f, 0.1f, 0 },     { 3, 39, 0.0784f, 0.1f, 0 },
	{ 1, 35, 0.03137f, 1.0f, 0 }, { 1, 12, 0.00784f, 2.0f, 0 },
	{ 2, 64, 0.0625f, 1.0f, 1 },  { 1, 100, 0.05f, 1.0f, 2 },
	{ 1, 38, 2e-8f, 1.0f, 0 },    { 2, 16, 1.0f, 10.0f, 0 },
	{ 1, 7, 0.5f, 1.0f, 2 },      { 3, 23, 0.000183f, 1.0f, 0 },
};

/* Kernel kinds. */
typedef enum kind { K_S8, K_S8_S16, K_S16, K_F32, K_COUNT } kind;

static const char *const kind_names[] = { "s8", "s8_s16", "s16", "f32" };

/* Parameters as TFLM's prepare computes them; false if TFLM refuses. */
static bool make_params(const sm_case *k, kind t, mote_softmax_params *p)
{
	int shift;

	p->outer = k->outer;
	p->depth = k->depth;
	p->beta = k->beta;
	if (t == K_F32)
		return true;
	if (t == K_S16) {
		double m = (double)k->in_scale * k->beta / (10.0 / 65535.0);
		mote_quantize_multiplier(m, &p->mult, &shift);
		p->shift = shift;
		return shift <= 15; /* 65535 << shift must fit in int32 */
	}
	double m =
		fmin((double)k->beta * k->in_scale * 67108864.0, 2147483647.0);
	if (m <= 1.0)
		return false;
	mote_quantize_multiplier(m, &p->mult, &shift);
	p->diff_min = -(int32_t)floor(31.0 * 67108864.0 / ldexp(1.0, shift));
	p->shift = shift < 31 ? shift : 31;
	return true;
}

/* Input value i of a row in the case's pattern, as int16 raw. */
static int32_t input_value(const sm_case *k, kind t, int32_t i)
{
	int32_t lo = t == K_S16 ? -32768 : -128, hi = t == K_S16 ? 32767 : 127;

	if (k->pattern == 1)
		return hi / 3;
	if (k->pattern == 2)
		return i == k->depth / 2 ? hi : lo + 10;
	return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

/* Buffers of one case. */
typedef struct sm_data {
	int8_t *in8, *out8;
	int16_t *in16, *out16;
	float *inf, *outf;
} sm_data;

static void run_kernel(const mote_softmax_params *p, kind t, sm_data *d)
{
	if (t == K_S8)
		mote_softmax_s8(p, d->in8, d->out8);
	if (t == K_S8_S16)
		mote_softmax_s8_s16(p, d->in8, d->out16);
	if (t == K_S16)
		mote_softmax_s16(p, d->in16, d->out16);
	if (t == K_F32)
		mote_softmax_f32(p, d->inf, d->outf);
}

/* Output value i in units of the output scale, offset removed. */
static double output_units(kind t, const sm_data *d, size_t i)
{
	if (t == K_S8)
		return d->out8[i] + 128.0;
	if (t == K_S8_S16)
		return d->out16[i] + 32768.0;
	if (t == K_S16)
		return d->out16[i];
	return d->outf[i];
}

/* Checks one row against softmax in double. */
static bool check_row(const sm_case *k, kind t, const mote_softmax_params *p,
		      const sm_data *d, int32_t row)
{
	static const double units[] = { 256.0, 65536.0, 32768.0, 1.0 };
	size_t base = (size_t)row * (size_t)k->depth;
	double x[100], max = -INFINITY, sum = 0, got_sum = 0;
	int32_t max_q = INT32_MIN;
	double scale = t == K_F32 ? 1.0 : k->in_scale;

	for (int32_t c = 0; c < k->depth; c++) {
		size_t i = base + (size_t)c;
		x[c] = t == K_F32   ? d->inf[i]
		       : t == K_S16 ? d->in16[i]
				    : d->in8[i];
		max = x[c] > max ? x[c] : max;
		max_q = t == K_F32 || x[c] < max_q ? max_q : (int32_t)x[c];
	}
	for (int32_t c = 0; c < k->depth; c++) {
		double z = (x[c] - max) * scale * k->beta;
		x[c] = exp(t == K_S16 && z < -10 ? -10 : z);
		sum += x[c];
	}
	for (int32_t c = 0; c < k->depth; c++) {
		size_t i = base + (size_t)c;
		double want = x[c] / sum * units[t];
		double got = output_units(t, d, i);
		double tol = t == K_S8	     ? 1
			     : t == K_S8_S16 ? 2 + 1e-4 * want
			     : t == K_S16    ? 2 + 0.002 * want
					     : 1e-6 * (1 + want);
		bool skipped = t <= K_S8_S16 && d->in8[i] - max_q < p->diff_min;
		want = want > units[t] - 1 && t != K_F32 ? units[t] - 1 : want;
		got_sum += got;
		if ((skipped && got != 0) || fabs(got - want) > tol) {
			printf("FAIL softmax_%s case %d: index %zu got %.9g "
			       "want "
			       "%.9g\n",
			       kind_names[t], (int)(k - cases), i, got, want);
			return false;
		}
	}
	if (t != K_F32 &&
	    fabs(got_sum / units[t] - 1) > 0.02 + k->depth / units[t]) {
		printf("FAIL softmax_%s case %d: row %d sums to %.6g\n",
		       kind_names[t], (int)(k - cases), row,
		       got_sum / units[t]);
		return false;
	}
	return true;
}

static void test_kernel(const sm_case *k, kind t)
{
	mote_softmax_params p = { 0 };
	size_t n = (size_t)k->outer * (size_t)k->depth;
	sm_data d;
	bool ok = true;

	if (!make_params(k, t, &p))
		return;
	d.in8 = malloc(n);
	d.out8 = malloc(n);
	d.in16 = malloc(n * 2);
	d.out16 = malloc(n * 2);
	d.inf = malloc(n * 4);
	d.outf = malloc(n * 4);
	rng_state = 12345u + (uint32_t)(k - cases);
	for (size_t i = 0; i < n; i++) {
		int32_t v = input_value(k, t, (int32_t)(i % (size_t)k->depth));
		d.in8[i] = (int8_t)v;
		d.in16[i] = (int16_t)v;
		d.inf[i] = (float)v * k->in_scale * 0.5f;
	}
	run_kernel(&p, t, &d);
	for (int32_t r = 0; r < k->outer && ok; r++)
		ok = check_row(k, t, &p, &d, r);
	tally(ok);
	free(d.in8);
	free(d.out8);
	free(d.in16);
	free(d.out16);
	free(d.inf);
	free(d.outf);
}

int main(void)
{
	const int n_cases = (int)(sizeof cases / sizeof cases[0]);

	test_table("exp table", mote__softmax_exp_lut, 10.0f / 65535, 32767,
		   exp_fn);
	test_table("1/(1+x) table", mote__softmax_recip_lut, 1.0f / 65535,
		   -32768, recip_fn);
	for (int j = 0; j < n_cases * K_COUNT; j++)
		test_kernel(&cases[j / K_COUNT], (kind)(j % K_COUNT));
	return totals();
}
