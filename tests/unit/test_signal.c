/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_signal.c - tests of the signal library kernels (src/signal/) and of
 * its custom operators (src/ops/signal_*.c) on models built here.
 *
 * A standalone host program: prints the first mismatch of each failing
 * check (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * References are written here independently of the kernels:
 *  - exact integer re-derivations where the arithmetic is specified bit
 *    for bit: window (floor division, saturation), auto scale (the shift
 *    from the magnitude found by TFLM's running maximum), energy (int64),
 *    filter bank (per-channel sums of both triangle edges, mod 2^64),
 *    square roots (round(sqrt(x)) from a floor root checked in integers,
 *    capped), spectral subtraction (uint64 per step), PCAN shrink and
 *    gain (floor divisions in int64), and the stream operators (Delay,
 *    Framer, Stacker, OverlapAdd) against slices of the whole stream;
 *  - float64 evaluation of the real function otherwise, with the stated
 *    tolerance being the accuracy of TFLM's algorithm:
 *      int16 / int32 real FFT and inverse: the DFT divided by fft_length,
 *        within 3 + 2 * (number of stages) LSB (every stage rounds its
 *        scaling and its products), for inputs of up to half the range
 *        (full-scale inputs may wrap inside KissFFT, and so here);
 *      float real FFT: 1e-6 * sum|x| + 1e-6 absolute; float inverse: the
 *        input of the forward transform within 1e-5;
 *      log: output_scale * ln(x) within 1 + 2.5e-3 * output_scale (TFLM's
 *        table step: its interpolation term is all but lost, see
 *        signal/filter_bank_log.c);
 *      PCAN gain: its quadratic in float64 within 1.
 *    Bit-exactness with TFLM itself is checked by the conformance suite
 *    (audio_preprocessor_*).
 * Shapes cover every FFT radix (2, 3, 4, 5), zero padding, several frames,
 * channel counts of 1 and odd, odd window lengths, shifts 0 and 31, and
 * state kept across invokes and cleared by mote_reset().
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model/flexbuf.h"
#include "signal/energy.h"
#include "signal/fft.h"
#include "signal/filter_bank.h"
#include "signal/framing.h"
#include "signal/pcan.h"
#include "signal/window.h"
#include "tfl_builder.h"

/* Largest buffer a case uses. */
#define MAXN 4200

/* pi (C11 has no PI). */
static const double PI = 3.14159265358979323846;

/* A uint32 of random magnitude (its top bit anywhere). */
static uint32_t rnd_mag(void)
{
	int b = (int)(rnd() % 33);
	return b == 32 ? rnd() : rnd() & ((1u << b) - 1);
}

static uint64_t rnd_mag64(void)
{
	int b = (int)(rnd() % 65);
	uint64_t x = ((uint64_t)rnd() << 32) | rnd();
	return b == 64 ? x : x & (((uint64_t)1 << b) - 1);
}

/* Floor of a / b for b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Index of the first difference of two int arrays, or -1. */
static long first_diff_i64(const int64_t *got, const int64_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (got[i] != want[i])
			return (long)i;
	}
	return -1;
}

/* ---- A FlexBuffers map builder (integers and bools) --------------------- */

/* One option: key and value. */
typedef struct opt {
	const char *key; /* option name */
	int64_t value; /* int32 range */
	bool is_bool; /* stored as BOOL rather than INT */
} opt;

typedef struct flex {
	uint8_t b[1024]; /* the buffer */
	size_t n; /* bytes used */
} flex;

static void put32(flex *f, size_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		f->b[at + (size_t)i] = (uint8_t)(v >> (8 * i));
}

static void align4(flex *f)
{
	while (f->n % 4)
		f->b[f->n++] = 0;
}

/* Builds a map of `n` options (any order) with every slot 4 bytes wide. */
static void flex_map(flex *f, const opt *o, int n)
{
	int order[32];
	size_t key_at[32];
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++) {
		for (int j = i; j > 0 && strcmp(o[order[j]].key, o[order[j - 1]].key) < 0; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	}
	f->n = 0;
	for (int i = 0; i < n; i++) {
		key_at[i] = f->n;
		size_t len = strlen(o[order[i]].key) + 1;
		memcpy(f->b + f->n, o[order[i]].key, len);
		f->n += len;
	}
	align4(f);
	put32(f, f->n, (uint32_t)n);
	f->n += 4;
	size_t keys = f->n;
	for (int i = 0; i < n; i++, f->n += 4)
		put32(f, f->n, (uint32_t)(f->n - key_at[i]));
	put32(f, f->n, (uint32_t)(f->n - keys));
	put32(f, f->n + 4, 4);
	put32(f, f->n + 8, (uint32_t)n);
	f->n += 12;
	size_t map = f->n;
	for (int i = 0; i < n; i++, f->n += 4)
		put32(f, f->n, (uint32_t)(int32_t)o[order[i]].value);
	for (int i = 0; i < n; i++) {
		uint8_t t = o[order[i]].is_bool ? MOTE__FLEX_T_BOOL : MOTE__FLEX_T_INT;
		f->b[f->n++] = (uint8_t)(t << 2 | 2);
	}
	align4(f);
	put32(f, f->n, (uint32_t)(f->n - map));
	f->n += 4;
	f->b[f->n++] = MOTE__FLEX_T_MAP << 2 | 2;
	f->b[f->n++] = 4;
}

/* ---- FFT ---------------------------------------------------------------- */

/* fft_length, whether it is supported, and its radices (0-terminated). */
static const struct plan_row {
	int32_t len;
	bool ok;
	int32_t radix[6];
} plan_rows[] = {
	{ 2, false, { 0 } },   { 3, false, { 0 } },
	{ 4, true, { 2 } },    { 6, true, { 3 } },
	{ 8, true, { 4 } },    { 10, true, { 5 } },
	{ 12, true, { 2, 3 } }, { 14, false, { 0 } },
	{ 18, true, { 3, 3 } }, { 50, true, { 5, 5 } },
	{ 64, true, { 4, 4, 2 } }, { 100, true, { 2, 5, 5 } },
	{ 256, true, { 4, 4, 4, 2 } }, { 512, true, { 4, 4, 4, 4 } },
	{ 1000, true, { 4, 5, 5, 5 } }, { 44, false, { 0 } },
	{ 2000, true, { 4, 2, 5, 5, 5 } }, { 513, false, { 0 } },
};

static void test_plan(void)
{
	for (size_t r = 0; r < sizeof plan_rows / sizeof plan_rows[0]; r++) {
		const struct plan_row *w = &plan_rows[r];
		mote_fft_plan p;
		bool ok = mote_fft_plan_init(&p, w->len, false);
		CHECK(ok == w->ok, "plan %d: got %d want %d", (int)w->len, ok, w->ok);
		if (!ok || !w->ok)
			continue;
		int32_t span = w->len / 2;
		int32_t s = 0;
		for (; w->radix[s]; s++) {
			span /= w->radix[s];
			CHECK(s < p.n_stages && p.radix[s] == w->radix[s] &&
				      p.span[s] == span,
			      "plan %d stage %d: radix %d span %d", (int)w->len,
			      (int)s, (int)p.radix[s], (int)p.span[s]);
		}
		CHECK(p.n_stages == s && p.n == w->len / 2,
		      "plan %d: %d stages", (int)w->len, (int)p.n_stages);
	}
}

static void test_twiddles(void)
{
	static mote_cpx_s16 t16[MAXN];
	static mote_cpx_s32 t32[MAXN];
	static mote_cpx_f32 tf[MAXN];
	const int32_t lens[] = { 8, 12, 20, 64, 360, 512 };
	for (size_t r = 0; r < sizeof lens / sizeof lens[0]; r++) {
		for (int inv = 0; inv < 2; inv++) {
			mote_fft_plan p;
			mote_fft_plan_init(&p, lens[r], inv != 0);
			mote_fft_twiddles_s16(&p, t16);
			mote_fft_twiddles_s32(&p, t32);
			mote_fft_twiddles_f32(&p, tf);
			size_t count = mote_fft_twiddle_count(&p);
			CHECK(count == (size_t)(p.n + p.n / 2), "twiddle count");
			double worst16 = 0, worst32 = 0, worstf = 0;
			for (size_t k = 0; k < count; k++) {
				/* exp(-i pi (2k / n)) or, for the super twiddles,
				 * exp(-i pi ((k' + 1) / n + 1/2)). */
				double a = k < (size_t)p.n
						   ? -2.0 * PI * (double)k / p.n
						   : -PI * ((double)(k - (size_t)p.n + 1) / p.n + 0.5);
				if (inv)
					a = -a;
				double c = cos(a), s = sin(a);
				worst16 = fmax(worst16, fmax(fabs(t16[k].r - 32767 * c),
							     fabs(t16[k].i - 32767 * s)));
				worst32 = fmax(worst32, fmax(fabs(t32[k].r - 2147483647.0 * c),
							     fabs(t32[k].i - 2147483647.0 * s)));
				worstf = fmax(worstf, fmax(fabs(tf[k].r - c), fabs(tf[k].i - s)));
			}
			CHECK(worst16 <= 0.5 + 1e-9 && worst32 <= 0.5 + 1e-6 &&
				      worstf <= 6e-8,
			      "twiddles %d inv %d: errors %g %g %g", (int)lens[r],
			      inv, worst16, worst32, worstf);
			CHECK(t16[0].r == 32767 && t16[0].i == 0 &&
				      t32[0].r == INT32_MAX && tf[0].r == 1.0f,
			      "twiddle 0");
			if (p.n % 4 == 0)
				CHECK(t16[p.n / 4].r == 0 &&
					      t16[p.n / 4].i == (inv ? 32767 : -32767),
				      "twiddle n/4 of %d: %d %d", (int)lens[r],
				      t16[p.n / 4].r, t16[p.n / 4].i);
		}
	}
}

/* Lengths covering every radix, and the frame layout of each case. */
static const struct fft_row {
	int32_t len; /* fft_length */
	int32_t in_len; /* Rfft input samples per frame */
	int32_t frames;
} fft_rows[] = {
	{ 4, 4, 1 },	 { 6, 5, 2 },	   { 8, 8, 1 },	    { 10, 7, 3 },
	{ 12, 12, 1 },	 { 18, 16, 1 },	   { 30, 30, 2 },   { 50, 41, 1 },
	{ 64, 64, 2 },	 { 100, 100, 1 },  { 120, 97, 1 },  { 256, 200, 1 },
	{ 360, 360, 1 }, { 512, 480, 1 },  { 1000, 1000, 1 }, { 2000, 1999, 1 },
};

/* DFT bin k of x[0 .. in_len) zero-padded to len: re, im. */
static void dft_bin(const double *x, int32_t in_len, int32_t len, int32_t k,
		    double *re, double *im)
{
	double sr = 0, si = 0;
	for (int32_t j = 0; j < in_len; j++) {
		double a = -2.0 * PI * (double)(((int64_t)k * j) % len) / len;
		sr += x[j] * cos(a);
		si += x[j] * sin(a);
	}
	*re = sr;
	*im = si;
}

/* Real inverse DFT sample j of bins (re, im)[0 .. len/2], unnormalized:
 * X0 + X(len/2) (-1)^j + 2 sum Re(X_k e^(2 pi i k j / len)). */
static double idft_sample(const double *spec, int32_t len, int32_t j)
{
	const int32_t n = len / 2;
	double s = spec[0] + spec[2 * n] * ((j % 2) ? -1.0 : 1.0);
	for (int32_t k = 1; k < n; k++) {
		double a = 2.0 * PI * (double)(((int64_t)k * j) % len) / len;
		s += 2 * (spec[2 * k] * cos(a) - spec[2 * k + 1] * sin(a));
	}
	return s;
}

static char scratch[1 << 16] __attribute__((aligned(16)));

/* Forward int16 and int32 FFTs against the DFT / fft_length. */
static void test_rfft_int(const struct fft_row *w)
{
	static mote_cpx_s16 t16[MAXN];
	static mote_cpx_s32 t32[MAXN];
	static int16_t x16[MAXN], y16[MAXN];
	static int32_t x32[MAXN], y32[MAXN];
	static double xd16[MAXN], xd32[MAXN];
	mote_fft_plan p;
	mote_fft_plan_init(&p, w->len, false);
	mote_fft_twiddles_s16(&p, t16);
	mote_fft_twiddles_s32(&p, t32);
	const mote_rfft_s16_params k16 = { p, t16, w->frames, w->in_len };
	const mote_rfft_s32_params k32 = { p, t32, w->frames, w->in_len };
	const int32_t total = w->frames * w->in_len;
	for (int32_t i = 0; i < total; i++) {
		x16[i] = (int16_t)rnd_int(-8192, 8191);
		x32[i] = (int32_t)rnd() / 2;
	}
	CHECK(mote_rfft_s32_scratch_size(&p) <= sizeof scratch &&
		      mote_rfft_s16_scratch_size(&p) == (size_t)(4 * w->len),
	      "scratch");
	mote_rfft_s16(&k16, x16, y16, scratch);
	mote_rfft_s32(&k32, x32, y32, scratch);
	const double tol = 3 + 2 * p.n_stages;
	double e16 = 0, e32 = 0;
	for (int32_t f = 0; f < w->frames; f++) {
		for (int32_t j = 0; j < w->in_len; j++) {
			xd16[j] = x16[f * w->in_len + j];
			xd32[j] = x32[f * w->in_len + j];
		}
		for (int32_t k = 0; k <= p.n; k++) {
			double re, im;
			size_t o = (size_t)f * (size_t)(2 * p.n + 2) + 2 * (size_t)k;
			dft_bin(xd16, w->in_len, w->len, k, &re, &im);
			e16 = fmax(e16, fmax(fabs(y16[o] - re / w->len),
					     fabs(y16[o + 1] - im / w->len)));
			dft_bin(xd32, w->in_len, w->len, k, &re, &im);
			e32 = fmax(e32, fmax(fabs(y32[o] - re / w->len),
					     fabs(y32[o + 1] - im / w->len)));
		}
	}
	CHECK(e16 <= tol, "rfft s16 len %d: error %.2f LSB > %.0f",
	      (int)w->len, e16, tol);
	CHECK(e32 <= tol, "rfft s32 len %d: error %.2f LSB > %.0f",
	      (int)w->len, e32, tol);
}

/* Inverse int16 and int32 FFTs against the inverse DFT / fft_length. */
static void test_irfft_int(const struct fft_row *w)
{
	static mote_cpx_s16 t16[MAXN];
	static mote_cpx_s32 t32[MAXN];
	static int16_t s16[MAXN], y16[MAXN];
	static int32_t s32[MAXN], y32[MAXN];
	static double sd16[MAXN], sd32[MAXN];
	mote_fft_plan p;
	mote_fft_plan_init(&p, w->len, true);
	mote_fft_twiddles_s16(&p, t16);
	mote_fft_twiddles_s32(&p, t32);
	/* Inputs carry one extra bin per frame, which must be ignored. */
	const int32_t bins = p.n + 2;
	const mote_rfft_s16_params k16 = { p, t16, w->frames, bins };
	const mote_rfft_s32_params k32 = { p, t32, w->frames, bins };
	for (int32_t i = 0; i < 2 * bins * w->frames; i++) {
		s16[i] = (int16_t)rnd_int(-4096, 4095);
		s32[i] = (int32_t)rnd() / 2;
	}
	mote_irfft_s16(&k16, s16, y16, scratch);
	mote_irfft_s32(&k32, s32, y32, scratch);
	const double tol = 3 + 2 * p.n_stages;
	double e16 = 0, e32 = 0;
	for (int32_t f = 0; f < w->frames; f++) {
		for (int32_t i = 0; i < 2 * bins; i++) {
			sd16[i] = s16[f * 2 * bins + i];
			sd32[i] = s32[f * 2 * bins + i];
		}
		/* The imaginary parts of bins 0 and n do not enter. */
		sd16[1] = sd32[1] = 0;
		for (int32_t j = 0; j < w->len; j++) {
			size_t o = (size_t)f * (size_t)w->len + (size_t)j;
			e16 = fmax(e16, fabs(y16[o] - idft_sample(sd16, w->len, j) / w->len));
			e32 = fmax(e32, fabs(y32[o] - idft_sample(sd32, w->len, j) / w->len));
		}
	}
	CHECK(e16 <= tol, "irfft s16 len %d: error %.2f LSB > %.0f",
	      (int)w->len, e16, tol);
	CHECK(e32 <= tol, "irfft s32 len %d: error %.2f LSB > %.0f",
	      (int)w->len, e32, tol);
}

/* Float FFT against the DFT, and the inverse giving the input back. */
static void test_fft_f32(const struct fft_row *w)
{
	static mote_cpx_f32 tf[MAXN], ti[MAXN];
	static float x[MAXN], y[MAXN], back[MAXN], padded[MAXN];
	static double xd[MAXN];
	mote_fft_plan pf, pi;
	mote_fft_plan_init(&pf, w->len, false);
	mote_fft_plan_init(&pi, w->len, true);
	mote_fft_twiddles_f32(&pf, tf);
	mote_fft_twiddles_f32(&pi, ti);
	const mote_rfft_f32_params kf = { pf, tf, w->frames, w->in_len };
	const mote_rfft_f32_params ki = { pi, ti, w->frames, pf.n + 1 };
	for (int32_t i = 0; i < w->frames * w->in_len; i++)
		x[i] = (float)rnd_int(-1000000, 1000000) / 1e6f;
	mote_rfft_f32(&kf, x, y, scratch);
	mote_irfft_f32(&ki, y, back, scratch);
	double ef = 0, eb = 0, sum = 0;
	for (int32_t f = 0; f < w->frames; f++) {
		for (int32_t j = 0; j < w->len; j++) {
			float v = j < w->in_len ? x[f * w->in_len + j] : 0.0f;
			xd[j] = padded[j] = v;
			sum += fabs(v);
		}
		for (int32_t k = 0; k <= pf.n; k++) {
			double re, im;
			size_t o = (size_t)f * (size_t)(2 * pf.n + 2) + 2 * (size_t)k;
			dft_bin(xd, w->len, w->len, k, &re, &im);
			ef = fmax(ef, fmax(fabs(y[o] - re), fabs(y[o + 1] - im)));
		}
		for (int32_t j = 0; j < w->len; j++)
			eb = fmax(eb, fabs(back[f * w->len + j] - padded[j]));
	}
	CHECK(ef <= 1e-6 * sum + 1e-6, "rfft f32 len %d: error %g", (int)w->len, ef);
	CHECK(eb <= 1e-5, "irfft f32 len %d: round trip error %g", (int)w->len, eb);
}

static void test_fft(void)
{
	for (size_t r = 0; r < sizeof fft_rows / sizeof fft_rows[0]; r++) {
		test_rfft_int(&fft_rows[r]);
		test_irfft_int(&fft_rows[r]);
		test_fft_f32(&fft_rows[r]);
	}
	/* A zero input transforms to zero, in every build. */
	static mote_cpx_s16 t16[MAXN];
	static int16_t z[512], y[514];
	mote_fft_plan p;
	mote_fft_plan_init(&p, 512, false);
	mote_fft_twiddles_s16(&p, t16);
	const mote_rfft_s16_params k = { p, t16, 1, 512 };
	memset(y, 0x55, sizeof y);
	mote_rfft_s16(&k, z, y, scratch);
	bool zero = true;
	for (int i = 0; i < 514; i++)
		zero = zero && y[i] == 0;
	CHECK(zero, "rfft s16 of zeros");
}

/* ---- FftAutoScale ------------------------------------------------------ */

/* The shift TFLM derives: its running maximum, seen as uint32. */
static int32_t want_shift(const int16_t *x, int n)
{
	int32_t m = 0;
	for (int i = 0; i < n; i++) {
		if (x[i] > m)
			m = x[i];
		else if (-x[i] > m)
			m = -x[i] == 32768 ? -32768 : -x[i];
	}
	if (m <= 0)
		return 0; /* zero, or -32768 (32 significant bits) */
	int bits = 0;
	while ((1 << bits) <= m)
		bits++;
	return 15 - bits > 0 ? 15 - bits : 0;
}

static const struct scale_row {
	int n;
	int16_t x[8];
	int32_t shift; /* expected */
} scale_rows[] = {
	{ 8, { 0, 0x1111, 0x2222, 0x3333, 0x3333, 0x2222, 0x1111, 0 }, 1 },
	{ 4, { 1, -1, 0, 0 }, 14 },
	{ 3, { 0, 0, 0 }, 0 },
	{ 2, { 16384, 3 }, 0 },
	{ 2, { -16384, 3 }, 0 },
	{ 2, { 16383, -2 }, 1 },
	{ 2, { 5, -32768 }, 0 },
	{ 2, { -32768, 5 }, 12 }, /* 5 replaces the wrapped maximum */
	{ 1, { 127 }, 8 },
	{ 1, { -128 }, 7 },
};

static void test_auto_scale(void)
{
	for (size_t r = 0; r < sizeof scale_rows / sizeof scale_rows[0]; r++) {
		const struct scale_row *w = &scale_rows[r];
		int16_t out[8];
		int32_t s = mote_fft_auto_scale_s16(w->x, w->n, out);
		CHECK(s == w->shift && s == want_shift(w->x, w->n),
		      "auto scale row %d: got %d want %d", (int)r, (int)s,
		      (int)w->shift);
		for (int i = 0; i < w->n; i++)
			CHECK(out[i] == (int16_t)(uint16_t)((uint32_t)(int32_t)w->x[i] << s),
			      "auto scale row %d [%d]: got %d", (int)r, i, out[i]);
	}
	for (int t = 0; t < 200; t++) {
		int16_t x[64], y[64];
		int n = rnd_int(1, 64), mag = rnd_int(0, 15);
		for (int i = 0; i < n; i++)
			x[i] = (int16_t)rnd_int(-(1 << mag), (1 << mag) - 1);
		int32_t s = mote_fft_auto_scale_s16(x, n, y);
		CHECK(s == want_shift(x, n), "auto scale random: got %d want %d",
		      (int)s, (int)want_shift(x, n));
		/* In place gives the same. */
		int32_t s2 = mote_fft_auto_scale_s16(x, n, x);
		CHECK(s2 == s && memcmp(x, y, sizeof(int16_t) * (size_t)n) == 0,
		      "auto scale in place");
	}
}

/* ---- Window, Energy ----------------------------------------------------- */

static void test_window(void)
{
	static const int32_t lens[] = { 1, 2, 7, 16, 31 };
	static const int32_t shifts[] = { 0, 1, 12, 15, 31 };
	for (size_t l = 0; l < 5; l++) {
		for (size_t s = 0; s < 5; s++) {
			int16_t in[93], w[31], out[93];
			int64_t got[93], want[93];
			int32_t reps = rnd_int(1, 3);
			mote_window_params p = { lens[l] * reps, lens[l], shifts[s] };
			for (int32_t i = 0; i < lens[l]; i++)
				w[i] = i == 0 ? INT16_MIN : (int16_t)rnd();
			for (int32_t i = 0; i < p.n; i++)
				in[i] = i == 0 ? INT16_MIN : (int16_t)rnd();
			mote_window_s16(&p, in, w, out);
			for (int32_t i = 0; i < p.n; i++) {
				int64_t v = floor_div((int64_t)in[i] * w[i % lens[l]],
						      (int64_t)1 << shifts[s]);
				want[i] = v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
				got[i] = out[i];
			}
			long bad = first_diff_i64(got, want, (size_t)p.n);
			CHECK(bad < 0, "window len %d shift %d [%ld]: got %lld want %lld",
			      (int)lens[l], (int)shifts[s], bad,
			      bad < 0 ? 0 : (long long)got[bad],
			      bad < 0 ? 0 : (long long)want[bad]);
		}
	}
}

static void test_energy(void)
{
	for (int t = 0; t < 50; t++) {
		int16_t spec[2 * 40];
		uint32_t out[45];
		int64_t got[45], want[45];
		int32_t bins = rnd_int(1, 40), n_out = bins + rnd_int(0, 5);
		int32_t start = rnd_int(0, bins), end = rnd_int(start, bins);
		for (int32_t i = 0; i < 2 * bins; i++)
			spec[i] = t == 0 ? INT16_MIN : (int16_t)rnd();
		memset(out, 0x5A, sizeof out);
		mote_energy_params p = { start, end, n_out };
		mote_energy_s16(&p, spec, out);
		for (int32_t k = 0; k < n_out; k++) {
			int64_t e = 0;
			if (k >= start && k < end)
				e = ((int64_t)spec[2 * k] * spec[2 * k] +
				     (int64_t)spec[2 * k + 1] * spec[2 * k + 1]) &
				    0xFFFFFFFF;
			want[k] = e;
			got[k] = out[k];
		}
		long bad = first_diff_i64(got, want, (size_t)n_out);
		CHECK(bad < 0, "energy [%ld]: got %lld want %lld", bad,
		      bad < 0 ? 0 : (long long)got[bad],
		      bad < 0 ? 0 : (long long)want[bad]);
	}
}

/* ---- Filter bank stages -------------------------------------------------- */

static void test_filter_bank(void)
{
	for (int t = 0; t < 100; t++) {
		int16_t fs[41], ws[41], wd[41], wt[300], uw[300];
		uint32_t in[300];
		uint64_t out[40];
		int32_t ch = t == 0 ? 1 : rnd_int(1, 40);
		int32_t n_in = rnd_int(8, 300), n_w = rnd_int(8, 300);
		for (int32_t c = 0; c <= ch; c++) {
			wd[c] = (int16_t)rnd_int(0, 8);
			fs[c] = (int16_t)rnd_int(0, n_in - wd[c]);
			ws[c] = (int16_t)rnd_int(0, n_w - wd[c]);
		}
		for (int32_t i = 0; i < n_w; i++) {
			wt[i] = (int16_t)rnd_int(-4096, 4096);
			uw[i] = (int16_t)rnd_int(-4096, 4096);
		}
		for (int32_t i = 0; i < n_in; i++)
			in[i] = rnd_mag();
		mote_filter_bank_params p = { ch, n_in, n_w };
		CHECK(mote_filter_bank_valid(&p, fs, ws, wd), "filter bank valid");
		mote_filter_bank_u32(&p, in, wt, uw, fs, ws, wd, out);
		bool ok = true;
		for (int32_t c = 1; c <= ch && ok; c++) {
			uint64_t s = 0;
			for (int32_t j = 0; j < wd[c]; j++)
				s += (uint64_t)((int64_t)wt[ws[c] + j] * (int64_t)in[fs[c] + j]);
			for (int32_t j = 0; j < wd[c - 1]; j++)
				s += (uint64_t)((int64_t)uw[ws[c - 1] + j] * (int64_t)in[fs[c - 1] + j]);
			ok = out[c - 1] == s;
			CHECK(ok, "filter bank channel %d: got %llu want %llu", (int)c,
			      (unsigned long long)out[c - 1], (unsigned long long)s);
		}
	}
	/* Tables reading outside the input or weights are refused. */
	static const struct { int16_t f, w, len; bool ok; } rows[] = {
		{ 0, 0, 5, true }, { 0, 0, 6, false }, { 0, 0, 11, false },
		{ -1, 0, 1, false },
		{ 0, -1, 1, false }, { 0, 0, -1, false }, { 9, 4, 1, true },
		{ 10, 0, 1, false }, { 0, 5, 1, false }, { 10, 5, 0, true },
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		mote_filter_bank_params p = { 1, 10, 5 };
		int16_t f[2] = { 0, rows[r].f }, w[2] = { 0, rows[r].w };
		int16_t len[2] = { 1, rows[r].len };
		CHECK(mote_filter_bank_valid(&p, f, w, len) == rows[r].ok,
		      "filter bank table row %d", (int)r);
	}
}

/* round(sqrt(x)) for x < 2^64 from the floor root, in integers. */
static uint64_t want_sqrt(uint64_t x)
{
	uint64_t r = (uint64_t)sqrtl((long double)x);
	while (r > 0 && (r > 0xFFFFFFFFu || r * r > x))
		r--;
	while (r < 0xFFFFFFFFu && (r + 1) * (r + 1) <= x)
		r++;
	/* x - r^2 > r  <=>  sqrt(x) > r + 1/2 (x is an integer). */
	return x - r * r > r ? r + 1 : r;
}

static void test_sqrt(void)
{
	uint64_t edges[] = { 0, 1, 2, 3, 4, 5, 8, 9, 255, 65535, 65536,
			     4294836225u, 4294901760u, 4294967295u,
			     (uint64_t)1 << 32, ((uint64_t)1 << 32) + 1,
			     18446744065119617025u, UINT64_MAX, UINT64_MAX - 1 };
	for (int t = 0; t < 200000 + 19; t++) {
		uint64_t x = t < 19 ? edges[t] : rnd_mag64();
		uint64_t w = want_sqrt(x);
		if (x < ((uint64_t)1 << 32)) {
			uint64_t w32 = w > 0xFFFF ? 0xFFFF : w;
			CHECK(mote_isqrt_u32((uint32_t)x) == w32,
			      "isqrt32(%llu): got %u want %llu", (unsigned long long)x,
			      mote_isqrt_u32((uint32_t)x), (unsigned long long)w32);
			w = w32;
		} else if (w > 0xFFFFFFFFu) {
			w = 0xFFFFFFFFu;
		}
		CHECK(mote_isqrt_u64(x) == w, "isqrt64(%llu): got %u want %llu",
		      (unsigned long long)x, mote_isqrt_u64(x),
		      (unsigned long long)w);
	}
	uint64_t in[5] = { 0, 100, 1u << 20, (uint64_t)1 << 40, UINT64_MAX };
	uint32_t out[5];
	for (int32_t bits = 0; bits < 32; bits += 7) {
		mote_filter_bank_sqrt_u64(in, 5, bits, out);
		for (int i = 0; i < 5; i++)
			CHECK(out[i] == mote_isqrt_u64(in[i]) >> bits,
			      "sqrt bank [%d] bits %d", i, (int)bits);
	}
}

static void test_subtraction(void)
{
	for (int t = 0; t < 60; t++) {
		mote_spectral_subtraction_params p = {
			.channels = t == 0 ? 1 : rnd_int(1, 41),
			.smoothing = (uint32_t)rnd_int(0, 16384),
			.alternate_smoothing = (uint32_t)rnd_int(0, 16384),
			.min_signal_remaining = (uint32_t)rnd_int(0, 16384),
			.smoothing_bits = (uint32_t)rnd_int(0, 12),
			.spectral_subtraction_bits = 14,
			.clamping = (t & 1) != 0,
		};
		p.one_minus_smoothing = 16384 - p.smoothing;
		p.alternate_one_minus_smoothing = 16384 - p.alternate_smoothing;
		uint32_t noise[41] = { 0 }, ref[41] = { 0 }, in[41], out[41];
		for (int inv = 0; inv < 6; inv++) {
			for (int32_t c = 0; c < p.channels; c++)
				in[c] = rnd_mag() >> p.smoothing_bits;
			mote_spectral_subtraction_u32(&p, in, noise, out);
			for (int32_t c = 0; c < p.channels; c++) {
				uint64_t a = (c % 2) ? p.alternate_smoothing : p.smoothing;
				uint64_t b = (c % 2) ? p.alternate_one_minus_smoothing
						     : p.one_minus_smoothing;
				uint64_t s = ((uint64_t)in[c] << p.smoothing_bits) & 0xFFFFFFFF;
				uint64_t e = ((s * a + ref[c] * b) >> 14) & 0xFFFFFFFF;
				ref[c] = (uint32_t)e;
				if (e > s) {
					e = s;
					if (p.clamping)
						ref[c] = (uint32_t)s;
				}
				uint64_t fl = ((uint64_t)in[c] * p.min_signal_remaining) >> 14;
				uint64_t d = (s - e) >> p.smoothing_bits;
				uint64_t want = d > (fl & 0xFFFFFFFF) ? d : (fl & 0xFFFFFFFF);
				CHECK(out[c] == want && noise[c] == ref[c],
				      "subtraction invoke %d ch %d: got %u/%u want %llu/%u",
				      inv, (int)c, out[c], noise[c],
				      (unsigned long long)want, ref[c]);
			}
		}
	}
}

static void test_log(void)
{
	/* Scales small enough that output_scale * ln(x) * 2^16 fits in 32
	 * bits (larger ones wrap, as in TFLM). */
	static const uint32_t scales[] = { 1, 64, 1000, 2900 };
	for (int t = 0; t < 100000; t++) {
		uint32_t x = t < 4 ? (uint32_t)t + 2 : rnd_mag();
		uint32_t sc = scales[t % 4];
		if (x < 2)
			continue;
		double want = sc * log((double)x);
		double err = fabs((double)mote_log32(x, sc) - want);
		double tol = 1 + 2.5e-3 * sc;
		CHECK(err <= tol, "log32(%u, %u): got %u want %.2f", x, sc,
		      mote_log32(x, sc), want);
	}
	/* Powers of two are exact up to the two roundings. */
	for (int i = 1; i < 32; i++)
		CHECK(fabs(mote_log32(1u << i, 1000) - 1000 * i * log(2.0)) <= 1.0,
		      "log32(2^%d)", i);
	/* The filter bank log: 0 for 0 and 1, the correction shift, the cap. */
	uint32_t in[6] = { 0, 1, 2, 1000, 0xFFFFFFFFu, 3 };
	int16_t out[6];
	mote_filter_bank_log_params p = { 6, 64, 0 };
	mote_filter_bank_log_u32(&p, in, out);
	CHECK(out[0] == 0 && out[1] == 0 && out[2] == (int16_t)mote_log32(2, 64) &&
		      out[3] == (int16_t)mote_log32(1000, 64),
	      "filter bank log small values");
	p.output_scale = 2900;
	p.correction_bits = 1;
	mote_filter_bank_log_u32(&p, in, out);
	CHECK(out[0] == 0 && out[1] == (int16_t)mote_log32(2, 2900) &&
		      out[3] == (int16_t)mote_log32(2000, 2900) && out[4] == 32767,
	      "filter bank log correction and cap: %d %d %d", out[1], out[3],
	      out[4]);
}

/* ---- PCAN ---------------------------------------------------------------- */

/* The gain from lut (entries small enough not to wrap), in int64 floors. */
static int64_t want_gain(uint32_t x, const int16_t *lut)
{
	if (x <= 2)
		return lut[x];
	int s = 0;
	while (s < 32 && (x >> s) != 0)
		s++;
	const int16_t *c = lut + 4 * s - 6;
	int64_t t = s < 11 ? ((int64_t)x << (11 - s)) & 0x3FF : (x >> (s - 11)) & 0x3FF;
	int64_t g = floor_div(c[2] * t, 32) + 32 * (int64_t)c[1];
	return c[0] + floor_div(g * t + (1 << 14), 1 << 15);
}

static void test_pcan(void)
{
	int16_t lut[MOTE_PCAN_LUT_SIZE];
	for (int t = 0; t < 100; t++) {
		for (int i = 0; i < MOTE_PCAN_LUT_SIZE; i++)
			lut[i] = (int16_t)rnd_int(-2000, 2000);
		for (int k = 0; k < 200; k++) {
			uint32_t x = rnd_mag();
			int64_t w = want_gain(x, lut);
			int16_t g = mote_pcan_gain(x, lut);
			CHECK(g == w, "pcan gain(%u): got %d want %lld", x, g,
			      (long long)w);
			/* The same as the quadratic in float64, within 1. */
			if (x > 2) {
				int s = 32 - __builtin_clz(x);
				const int16_t *c = lut + 4 * s - 6;
				double f = (s < 11 ? (double)((x << (11 - s)) & 0x3FF)
						   : (double)((x >> (s - 11)) & 0x3FF));
				double q = c[0] + (c[1] * f * 32 + c[2] * f * f / 32) / 32768;
				CHECK(fabs(g - q) <= 1.0, "pcan gain %u: %d vs %.2f", x,
				      g, q);
			}
		}
	}
	for (uint32_t x = 0; x < 20000; x += 7) {
		uint32_t want = x < 8192 ? (uint32_t)(((uint64_t)x * x) >> 20)
					 : x / 64 - 64;
		CHECK(mote_pcan_shrink(x) == want, "shrink(%u)", x);
	}
	uint32_t big = 0xFFFFFFFFu;
	CHECK(mote_pcan_shrink(big) == big / 64 - 64, "shrink max");
	/* The whole operator on 7 channels. */
	uint32_t in[7], noise[7], out[7];
	for (int i = 0; i < MOTE_PCAN_LUT_SIZE; i++)
		lut[i] = (int16_t)rnd_int(0, 4000);
	for (int i = 0; i < 7; i++) {
		in[i] = rnd_mag();
		noise[i] = rnd_mag();
	}
	mote_pcan_params p = { 7, 6 };
	mote_pcan_u32(&p, in, noise, lut, out);
	for (int i = 0; i < 7; i++) {
		uint64_t snr = ((uint64_t)in[i] * (uint64_t)want_gain(noise[i], lut)) >> 6;
		CHECK(out[i] == mote_pcan_shrink((uint32_t)snr), "pcan channel %d", i);
	}
	mote_pcan_u32(&p, in, noise, lut, in); /* in place */
	CHECK(memcmp(in, out, sizeof out) == 0, "pcan in place");
}

/* ---- Stream operators ---------------------------------------------------- */

/* Delay: the stream of each row comes out `delay` samples later. */
static void test_delay(void)
{
	static const int32_t cfg[][3] = { { 1, 4, 0 }, { 1, 4, 3 }, { 2, 3, 7 },
					  { 3, 5, 5 }, { 1, 1, 1 }, { 2, 6, 13 } };
	for (size_t r = 0; r < sizeof cfg / sizeof cfg[0]; r++) {
		int32_t rows = cfg[r][0], frame = cfg[r][1], delay = cfg[r][2];
		int16_t state[64], stream[3][64], in[32], out[32];
		mote_delay_params p = { rows, frame, delay, state };
		mote_delay_reset(&p);
		bool ok = true;
		for (int inv = 0; inv < 8 && ok; inv++) {
			for (int32_t i = 0; i < rows * frame; i++) {
				in[i] = (int16_t)rnd();
				stream[i / frame][inv * frame + i % frame] = in[i];
			}
			mote_delay_s16(&p, in, out);
			for (int32_t i = 0; i < rows * frame && ok; i++) {
				int32_t at = inv * frame + i % frame - delay;
				int16_t want = at < 0 ? 0 : stream[i / frame][at];
				ok = out[i] == want;
				CHECK(ok, "delay cfg %d invoke %d [%d]: got %d want %d",
				      (int)r, inv, (int)i, out[i], want);
			}
		}
	}
}

/* Framer: frame k of a row is stream[k * step .. + size), the stream
 * starting with size - step zeros when prefilled. */
static void test_framer(void)
{
	static const int32_t cfg[][5] = {
		/* rows, n_frames, size, step, prefill */
		{ 1, 1, 4, 2, 0 }, { 1, 2, 4, 2, 1 }, { 2, 1, 5, 3, 0 },
		{ 1, 3, 3, 3, 1 }, { 1, 1, 2, 5, 0 }, { 3, 2, 7, 2, 1 },
	};
	for (size_t r = 0; r < sizeof cfg / sizeof cfg[0]; r++) {
		const int32_t rows = cfg[r][0], nf = cfg[r][1], size = cfg[r][2];
		const int32_t step = cfg[r][3];
		const bool prefill = cfg[r][4] != 0;
		const int32_t cap = (size + step - 1) / step * step;
		int16_t buf[64], stream[3][256], in[64], out[128];
		int32_t held[3], pre = prefill ? size - step : 0;
		mote_framer_params p = { rows, nf, size, step, cap, prefill, buf, held };
		mote_framer_reset(&p);
		memset(stream, 0, sizeof stream);
		int32_t made = 0; /* frames output so far per row */
		for (int inv = 0; inv < 6; inv++) {
			for (int32_t i = 0; i < rows * nf * step; i++) {
				in[i] = (int16_t)rnd();
				int32_t row = i / (nf * step);
				stream[row][pre + inv * nf * step + i % (nf * step)] = in[i];
			}
			memset(out, 0x77, sizeof out);
			bool valid = mote_framer_s16(&p, in, out);
			int32_t avail = pre + (inv + 1) * nf * step;
			bool want_valid = true;
			bool ok = true;
			for (int32_t f = 0; f < nf; f++) {
				int32_t start = made * step;
				bool ready = start + size <= avail - (nf - 1 - f) * step;
				want_valid = want_valid && ready;
				for (int32_t row = 0; row < rows; row++) {
					const int16_t *o = out + ((size_t)row * (size_t)nf + (size_t)f) * (size_t)size;
					for (int32_t j = 0; j < size; j++) {
						int16_t want = ready ? stream[row][start + j] : 0x7777;
						ok = ok && o[j] == want;
					}
				}
				if (ready)
					made++;
			}
			CHECK(ok && valid == want_valid,
			      "framer cfg %d invoke %d: valid %d want %d, frames %s",
			      (int)r, inv, valid, want_valid, ok ? "ok" : "differ");
		}
	}
}

/* Stacker: output j is frames [j * step, j * step + left + right + 1) of
 * the frame stream, whose first frame is repeated left + 1 times. */
static void test_stacker(void)
{
	static const int32_t cfg[][4] = { /* channels, left, right, step */
					  { 1, 0, 0, 1 }, { 3, 2, 1, 1 },
					  { 2, 0, 3, 2 }, { 5, 1, 1, 3 },
					  { 2, 3, 0, 4 } };
	for (size_t r = 0; r < sizeof cfg / sizeof cfg[0]; r++) {
		const int32_t ch = cfg[r][0], left = cfg[r][1];
		const int32_t stack = left + cfg[r][2] + 1, step = cfg[r][3];
		int16_t buf[64], frames[64][8], in[8], out[64];
		int32_t held;
		bool started;
		mote_stacker_params p = { ch, left, ch * stack, ch * step, buf, &held,
					  &started };
		mote_stacker_reset(&p);
		int32_t n_frames = 0, made = 0;
		for (int inv = 0; inv < 12; inv++) {
			for (int32_t c = 0; c < ch; c++)
				in[c] = (int16_t)rnd();
			for (int32_t k = 0; k < (inv == 0 ? left + 1 : 1); k++)
				memcpy(frames[n_frames++], in, sizeof in);
			memset(out, 0x66, sizeof out);
			bool valid = mote_stacker_s16(&p, in, out);
			bool want_valid = made * step + stack <= n_frames;
			bool ok = valid == want_valid;
			for (int32_t f = 0; f < stack && ok; f++) {
				for (int32_t c = 0; c < ch; c++) {
					int16_t want = want_valid ? frames[made * step + f][c]
								  : 0x6666;
					ok = ok && out[f * ch + c] == want;
				}
			}
			CHECK(ok, "stacker cfg %d invoke %d: valid %d want %d", (int)r,
			      inv, valid, want_valid);
			if (want_valid)
				made++;
		}
	}
}

/* OverlapAdd: output sample t of a row is the sum of every frame's sample
 * t - k * step (k the frame's position in the row's stream). */
static void test_overlap_add(void)
{
	static const int32_t cfg[][4] = { /* rows, n_frames, size, step */
					  { 1, 1, 4, 2 }, { 2, 2, 5, 3 },
					  { 1, 3, 3, 3 }, { 3, 1, 6, 1 },
					  { 1, 2, 1, 1 } };
	for (size_t r = 0; r < sizeof cfg / sizeof cfg[0]; r++) {
		const int32_t rows = cfg[r][0], nf = cfg[r][1], size = cfg[r][2];
		const int32_t step = cfg[r][3];
		int16_t b16[64], in16[64], out16[64];
		float bf[64], inf[64], outf[64];
		static int32_t sum[3][512];
		mote_overlap_add_params p = { rows, nf, size, step, b16 };
		mote_overlap_add_params pf = { rows, nf, size, step, bf };
		mote_overlap_add_reset_s16(&p);
		mote_overlap_add_reset_f32(&pf);
		memset(sum, 0, sizeof sum);
		for (int inv = 0; inv < 6; inv++) {
			for (int32_t i = 0; i < rows * nf * size; i++) {
				int32_t row = i / (nf * size), k = i % (nf * size);
				int32_t frame = inv * nf + k / size;
				in16[i] = (int16_t)rnd_int(-1000, 1000);
				inf[i] = (float)in16[i];
				sum[row][frame * step + k % size] += in16[i];
			}
			mote_overlap_add_s16(&p, in16, out16);
			mote_overlap_add_f32(&pf, inf, outf);
			bool ok = true;
			for (int32_t i = 0; i < rows * nf * step; i++) {
				int32_t row = i / (nf * step);
				int32_t at = inv * nf * step + i % (nf * step);
				ok = ok && out16[i] == sum[row][at] &&
				     outf[i] == (float)sum[row][at];
			}
			CHECK(ok, "overlap add cfg %d invoke %d", (int)r, inv);
		}
	}
	/* int16 sums saturate. */
	int16_t b[2], x[2] = { 30000, -30000 }, y[1];
	mote_overlap_add_params p = { 1, 1, 2, 1, b };
	mote_overlap_add_reset_s16(&p);
	mote_overlap_add_s16(&p, x, y);
	mote_overlap_add_s16(&p, x, y);
	CHECK(y[0] == 0 && b[0] == -30000, "overlap add: %d %d", y[0], b[0]);
	x[0] = 30000;
	x[1] = 30000;
	mote_overlap_add_s16(&p, x, y);
	mote_overlap_add_s16(&p, x, y);
	CHECK(y[0] == 32767, "overlap add saturation: %d", y[0]);
}

/* ---- Operators on models ------------------------------------------------- */

/* A tensor of the model being built: type, shape, optional constant. */
typedef struct tdesc {
	mote_type type;
	int32_t rank;
	int32_t dims[4];
	const void *data; /* constant data, or NULL */
	size_t bytes; /* its size */
} tdesc;

/* Builds the model `custom`(ins) -> outs with options `o` (n_opt < 0: no
 * custom options) and starts an interpreter on it. Non-constant inputs are
 * the model's inputs. */
static void start(run *r, const char *custom, const tdesc *ins, int n_in,
		  const tdesc *outs, int n_out, const opt *o, int n_opt)
{
	tfl_builder b;
	flex f;
	int32_t in_idx[8], out_idx[4], graph_in[8];
	int n_graph_in = 0;
	tfl_builder_init(&b);
	for (int i = 0; i < n_in; i++) {
		in_idx[i] = tfl_tensor(&b, &(tfl_tensor_desc){
			.type = ins[i].type, .rank = ins[i].rank, .dims = ins[i].dims,
			.data = ins[i].data, .data_bytes = ins[i].bytes });
		if (!ins[i].data)
			graph_in[n_graph_in++] = in_idx[i];
	}
	for (int i = 0; i < n_out; i++)
		out_idx[i] = tfl_tensor(&b, &(tfl_tensor_desc){
			.type = outs[i].type, .rank = outs[i].rank,
			.dims = outs[i].dims });
	if (n_opt >= 0)
		flex_map(&f, o, n_opt);
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode_custom(&b, custom, 1),
				   .in = in_idx, .n_in = (uint32_t)n_in,
				   .out = out_idx, .n_out = (uint32_t)n_out,
				   .custom = n_opt >= 0 ? f.b : NULL,
				   .custom_bytes = n_opt >= 0 ? f.n : 0 });
	tfl_inputs(&b, graph_in, (uint32_t)n_graph_in);
	tfl_outputs(&b, out_idx, (uint32_t)n_out);
	run_start(r, &b);
}

/* Framer state carries over invokes and mote_reset() clears it. */
static void test_op_framer(void)
{
	const tdesc in[] = { { MOTE_INT16, 2, { 1, 4 }, NULL, 0 } };
	const tdesc out[] = { { MOTE_INT16, 3, { 1, 2, 4 }, NULL, 0 },
			      { MOTE_BOOL, 0, { 0 }, NULL, 0 } };
	const opt o[] = { { "frame_size", 4, false }, { "frame_step", 2, false },
			  { "prefill", 1, true } };
	run r;
	start(&r, "SignalFramer", in, 1, out, 2, o, 3);
	CHECK(r.init == MOTE_OK, "framer init: %s", mote_status_str(r.init));
	if (r.init != MOTE_OK)
		return run_stop(&r);
	int16_t first[8];
	for (int inv = 0; inv < 3; inv++) {
		int16_t *x = run_in(&r, 0);
		for (int i = 0; i < 4; i++)
			x[i] = (int16_t)(10 * inv + i + 1);
		CHECK(mote_invoke(&r.it) == MOTE_OK, "framer invoke");
		const int16_t *y = run_out(&r, 0);
		/* stream: 0 0 | 1 2 3 4 | 11 12 13 14 | ... frames of 4, step 2 */
		int16_t s[16] = { 0, 0 };
		for (int k = 0; k <= inv; k++)
			for (int i = 0; i < 4; i++)
				s[2 + 4 * k + i] = (int16_t)(10 * k + i + 1);
		bool ok = *(bool *)run_out(&r, 1);
		for (int f = 0; f < 2; f++)
			for (int i = 0; i < 4; i++)
				ok = ok && y[4 * f + i] == s[4 * inv + 2 * f + i];
		CHECK(ok, "framer op invoke %d", inv);
		if (inv == 0)
			memcpy(first, y, sizeof first);
	}
	CHECK(mote_reset(&r.it) == MOTE_OK, "framer reset");
	int16_t *x = run_in(&r, 0);
	for (int i = 0; i < 4; i++)
		x[i] = (int16_t)(i + 1);
	CHECK(mote_invoke(&r.it) == MOTE_OK &&
		      memcmp(run_out(&r, 0), first, sizeof first) == 0,
	      "framer after reset equals the first invoke");
	run_stop(&r);
}

/* Spectral subtraction: the noise estimate output and its reset. */
static void test_op_subtraction(void)
{
	const tdesc in[] = { { MOTE_UINT32, 1, { 3 }, NULL, 0 } };
	const tdesc out[] = { { MOTE_UINT32, 1, { 3 }, NULL, 0 },
			      { MOTE_UINT32, 1, { 3 }, NULL, 0 } };
	const opt o[] = { { "num_channels", 3, false },
			  { "smoothing", 4096, false },
			  { "one_minus_smoothing", 12288, false },
			  { "alternate_smoothing", 8192, false },
			  { "alternate_one_minus_smoothing", 8192, false },
			  { "min_signal_remaining", 1638, false },
			  { "smoothing_bits", 2, false },
			  { "spectral_subtraction_bits", 14, false },
			  { "clamping", 0, true } };
	run r;
	start(&r, "SignalFilterBankSpectralSubtraction", in, 1, out, 2, o, 9);
	CHECK(r.init == MOTE_OK, "subtraction init: %s", mote_status_str(r.init));
	if (r.init != MOTE_OK)
		return run_stop(&r);
	const mote_spectral_subtraction_params k = { 3, 4096, 12288, 8192, 8192,
						     1638, 2, 14, false };
	uint32_t noise[3] = { 0 }, want[3], first[3];
	for (int inv = 0; inv < 4; inv++) {
		uint32_t x[3] = { 1000u * (uint32_t)(inv + 1), 50000, 7 };
		memcpy(run_in(&r, 0), x, sizeof x);
		CHECK(mote_invoke(&r.it) == MOTE_OK, "subtraction invoke");
		mote_spectral_subtraction_u32(&k, x, noise, want);
		CHECK(memcmp(run_out(&r, 0), want, sizeof want) == 0 &&
			      memcmp(run_out(&r, 1), noise, sizeof noise) == 0,
		      "subtraction op invoke %d", inv);
		if (inv == 0)
			memcpy(first, want, sizeof first);
	}
	mote_reset(&r.it);
	uint32_t x[3] = { 1000, 50000, 7 };
	memcpy(run_in(&r, 0), x, sizeof x);
	CHECK(mote_invoke(&r.it) == MOTE_OK &&
		      memcmp(run_out(&r, 0), first, sizeof first) == 0,
	      "subtraction after reset equals the first invoke");
	run_stop(&r);
}

/* Rfft through the operator matches the kernel. */
static void test_op_rfft(void)
{
	const tdesc in[] = { { MOTE_INT16, 2, { 2, 10 }, NULL, 0 } };
	const tdesc out[] = { { MOTE_INT16, 2, { 2, 14 }, NULL, 0 } };
	const opt o[] = { { "T", MOTE_INT16, false }, { "fft_length", 12, false } };
	run r;
	start(&r, "SignalRfft", in, 1, out, 1, o, 2);
	CHECK(r.init == MOTE_OK, "rfft init: %s", mote_status_str(r.init));
	if (r.init != MOTE_OK)
		return run_stop(&r);
	int16_t x[20], want[28];
	for (int i = 0; i < 20; i++)
		x[i] = (int16_t)rnd();
	memcpy(run_in(&r, 0), x, sizeof x);
	CHECK(mote_invoke(&r.it) == MOTE_OK, "rfft invoke");
	static mote_cpx_s16 tw[16];
	mote_fft_plan p;
	mote_fft_plan_init(&p, 12, false);
	mote_fft_twiddles_s16(&p, tw);
	const mote_rfft_s16_params k = { p, tw, 2, 10 };
	mote_rfft_s16(&k, x, want, scratch);
	CHECK(memcmp(run_out(&r, 0), want, sizeof want) == 0, "rfft op output");
	run_stop(&r);
}

/* Errors prepare reports: one operator per row. */
static void test_op_errors(void)
{
	static const int16_t bad_starts[3] = { 0, 0, 9 };
	static const int16_t widths[3] = { 2, 2, 2 };
	static const int16_t w10[10] = { 0 };
	const tdesc s16_480[] = { { MOTE_INT16, 1, { 480 }, NULL, 0 } };
	const tdesc rfft_out[] = { { MOTE_INT16, 1, { 514 }, NULL, 0 } };
	const tdesc win_in[] = { { MOTE_INT16, 1, { 480 }, NULL, 0 },
				 { MOTE_INT16, 1, { 7 }, NULL, 0 } };
	const tdesc win_ok[] = { { MOTE_INT16, 1, { 480 }, NULL, 0 },
				 { MOTE_INT16, 1, { 16 }, NULL, 0 } };
	const tdesc fb_in[] = { { MOTE_UINT32, 1, { 10 }, NULL, 0 },
				{ MOTE_INT16, 1, { 10 }, w10, sizeof w10 },
				{ MOTE_INT16, 1, { 10 }, w10, sizeof w10 },
				{ MOTE_INT16, 1, { 3 }, bad_starts, sizeof bad_starts },
				{ MOTE_INT16, 1, { 3 }, bad_starts, sizeof bad_starts },
				{ MOTE_INT16, 1, { 3 }, widths, sizeof widths } };
	const tdesc fb_out[] = { { MOTE_UINT64, 1, { 2 }, NULL, 0 } };
	const tdesc e_in[] = { { MOTE_INT16, 1, { 20 }, NULL, 0 } };
	const tdesc e_out[] = { { MOTE_UINT32, 1, { 10 }, NULL, 0 } };
	const opt rfft_ok[] = { { "T", MOTE_INT16, false }, { "fft_length", 512, false } };
	const opt rfft_len14[] = { { "T", MOTE_INT16, false }, { "fft_length", 14, false } };
	const opt rfft_t32[] = { { "T", MOTE_INT32, false }, { "fft_length", 512, false } };
	const opt rfft_nolen[] = { { "T", MOTE_INT16, false } };
	const opt shift32[] = { { "shift", 32, false } };
	const opt shift12[] = { { "shift", 12, false } };
	const opt ch2[] = { { "num_channels", 2, false } };
	const opt energy_bad[] = { { "start_index", 3, false }, { "end_index", 11, false } };
	const opt energy_rev[] = { { "start_index", 5, false }, { "end_index", 4, false } };
	const struct {
		const char *custom;
		const tdesc *in, *out;
		int n_in, n_out;
		const opt *o;
		int n_opt;
		mote_status want;
		const char *what; /* substring of the error text, or NULL */
	} rows[] = {
		{ "SignalRfft", s16_480, rfft_out, 1, 1, rfft_ok, 2, MOTE_OK, NULL },
		{ "SignalRfft", s16_480, rfft_out, 1, 1, rfft_len14, 2,
		  MOTE_E_UNSUPPORTED, "fft_length" },
		{ "SignalRfft", s16_480, rfft_out, 1, 1, rfft_t32, 2,
		  MOTE_E_BAD_OPTIONS, "option T" },
		{ "SignalRfft", s16_480, rfft_out, 1, 1, rfft_nolen, 1,
		  MOTE_E_BAD_OPTIONS, "'fft_length' missing" },
		{ "SignalRfft", s16_480, rfft_out, 1, 1, NULL, -1,
		  MOTE_E_BAD_OPTIONS, "custom options missing" },
		{ "SignalRfft", s16_480, s16_480, 1, 1, rfft_ok, 2,
		  MOTE_E_BAD_SHAPE, NULL },
		{ "SignalWindow", win_ok, s16_480, 2, 1, shift32, 1,
		  MOTE_E_BAD_OPTIONS, "'shift'" },
		{ "SignalWindow", win_ok, s16_480, 2, 1, shift12, 1, MOTE_OK,
		  NULL },
		{ "SignalWindow", win_ok, s16_480, 2, 1, NULL, -1,
		  MOTE_E_BAD_OPTIONS, "custom options missing" },
		{ "SignalWindow", win_in, s16_480, 2, 1, shift12, 1,
		  MOTE_E_BAD_SHAPE, "whole number" },
		{ "SignalFilterBank", fb_in, fb_out, 6, 1, ch2, 1, MOTE_E_INVALID,
		  "outside" },
		{ "SignalEnergy", e_in, e_out, 1, 1, energy_bad, 2,
		  MOTE_E_BAD_OPTIONS, "end_index" },
		{ "SignalEnergy", e_in, e_out, 1, 1, energy_rev, 2,
		  MOTE_E_BAD_OPTIONS, "start_index" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		run r;
		start(&r, rows[i].custom, rows[i].in, rows[i].n_in, rows[i].out,
		      rows[i].n_out, rows[i].o, rows[i].n_opt);
		const char *what = r.init == MOTE_OK || !r.it.err.what ? "" : r.it.err.what;
		CHECK(r.init == rows[i].want &&
			      (!rows[i].what || strstr(what, rows[i].what)),
		      "error row %d (%s): got %s '%s', want %s", (int)i,
		      rows[i].custom, mote_status_str(r.init), what,
		      mote_status_str(rows[i].want));
		run_stop(&r);
	}
}

/* Values read from tensor data at invoke: E_EVAL when out of range. */
static void test_op_eval_errors(void)
{
	const tdesc in[] = { { MOTE_UINT64, 1, { 2 }, NULL, 0 },
			     { MOTE_INT32, 0, { 0 }, NULL, 0 } };
	const tdesc out[] = { { MOTE_UINT32, 1, { 2 }, NULL, 0 } };
	run r;
	start(&r, "SignalFilterBankSquareRoot", in, 2, out, 1, NULL, -1);
	CHECK(r.init == MOTE_OK, "square root init: %s", mote_status_str(r.init));
	if (r.init == MOTE_OK) {
		uint64_t x[2] = { 10000, 1u << 30 };
		memcpy(run_in(&r, 0), x, sizeof x);
		*(int32_t *)run_in(&r, 1) = 2;
		CHECK(mote_invoke(&r.it) == MOTE_OK &&
			      ((uint32_t *)run_out(&r, 0))[0] == 25 &&
			      ((uint32_t *)run_out(&r, 0))[1] == 8192,
		      "square root op");
		*(int32_t *)run_in(&r, 1) = 32;
		CHECK(mote_invoke(&r.it) == MOTE_E_EVAL, "square root bad shift");
	}
	run_stop(&r);

	/* A filter bank whose channel tables are inputs is checked per invoke. */
	static const int16_t w10[10] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	const tdesc fb_in[] = { { MOTE_UINT32, 1, { 10 }, NULL, 0 },
				{ MOTE_INT16, 1, { 10 }, w10, sizeof w10 },
				{ MOTE_INT16, 1, { 10 }, w10, sizeof w10 },
				{ MOTE_INT16, 1, { 2 }, NULL, 0 },
				{ MOTE_INT16, 1, { 2 }, NULL, 0 },
				{ MOTE_INT16, 1, { 2 }, NULL, 0 } };
	const tdesc fb_out[] = { { MOTE_UINT64, 1, { 1 }, NULL, 0 } };
	const opt ch1[] = { { "num_channels", 1, false } };
	start(&r, "SignalFilterBank", fb_in, 6, fb_out, 1, ch1, 1);
	CHECK(r.init == MOTE_OK, "filter bank init: %s", mote_status_str(r.init));
	if (r.init == MOTE_OK) {
		uint32_t e[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
		int16_t starts[2] = { 0, 2 }, wstarts[2] = { 0, 0 }, wd[2] = { 2, 3 };
		memcpy(run_in(&r, 0), e, sizeof e);
		memcpy(run_in(&r, 1), starts, sizeof starts);
		memcpy(run_in(&r, 2), wstarts, sizeof wstarts);
		memcpy(run_in(&r, 3), wd, sizeof wd);
		CHECK(mote_invoke(&r.it) == MOTE_OK &&
			      *(uint64_t *)run_out(&r, 0) == 3 + 4 + 5 + 1 + 2,
		      "filter bank op: %llu",
		      (unsigned long long)*(uint64_t *)run_out(&r, 0));
		wd[1] = 9;
		memcpy(run_in(&r, 3), wd, sizeof wd);
		CHECK(mote_invoke(&r.it) == MOTE_E_EVAL, "filter bank bad widths");
	}
	run_stop(&r);
}

int main(void)
{
	rng_state = 2463534242u;
	test_plan();
	test_twiddles();
	test_fft();
	test_auto_scale();
	test_window();
	test_energy();
	test_filter_bank();
	test_sqrt();
	test_subtraction();
	test_log();
	test_pcan();
	test_delay();
	test_framer();
	test_stacker();
	test_overlap_add();
	test_op_framer();
	test_op_subtraction();
	test_op_rfft();
	test_op_errors();
	test_op_eval_errors();
	return totals();
}
