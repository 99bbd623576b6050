/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_mve_kernels.c - the Helium (MVE) int8 kernels (src/kernels/arm_mve)
 * against the reference kernels they replace, bit for bit.
 *
 * Built as Cortex-M55 firmware (ports/firmware.cmake) and run under QEMU
 * mps3-an547 by scripts/mcu_test.sh; it prints one line per failed check
 * (case, first mismatching index, got, want) and ends with
 * "N passed, N failed"; the exit status is non-zero if any check failed.
 *
 * - The vector requantization (mve_common.h) against
 *   mote_mul_by_quant_mult() on random and extreme inputs: INT32_MIN and
 *   INT32_MAX sums and multipliers (INT32_MIN * INT32_MIN saturates),
 *   every shift from -40 to 31, ties of the rounding right shift.
 * - Each kernel against mote_conv2d_s8, mote_depthwise_conv2d_s8 and
 *   mote_fully_connected_s8 on the rows of the case tables, each run with
 *   several seeds: 1x1 filters, odd channel counts and channels not a
 *   multiple of 16 (or 4), stride 2, SAME and VALID padding wider than the
 *   input, dilation, batch 2, absent bias, depth multipliers, and
 *   "extreme" rows: zero points -128/127, multipliers up to INT32_MAX with
 *   shifts from -31 to +30, biases near the int32 limits (sums wrap) and
 *   narrow activation ranges. Output and scratch buffers carry guard bytes
 *   that must survive the call.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/arm_mve/kernels_mve.h"
#include "kernels/arm_mve/mve_common.h"
#include "kernels/broadcast.h"
#include "kernels/elementwise.h"
#include "kernels/fixedpoint.h"

static int n_pass;
static int n_fail;

/* ---- Random data. ------------------------------------------------------ */

static uint32_t rng_state = 2463534242u;

static uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

/* Uniform integer in [lo, hi]. */
static int32_t rnd_int(int32_t lo, int32_t hi)
{
	return lo + (int32_t)(rnd() % ((uint32_t)(hi - lo) + 1u));
}

static void fill_s8(int8_t *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		x[i] = (int8_t)rnd();
}

/* ---- Buffers with guards. ---------------------------------------------- */

enum { GUARD = 32, GUARD_BYTE = 0x5A, POOL = 4 << 20 };

static uint8_t *pool; /* POOL bytes, allocated once */
static size_t pool_used; /* bytes handed out since the last reset */

/* Frees every buffer of the previous case. */
static void reset_buffers(void)
{
	pool_used = 0;
}

/* n usable bytes, 16-byte aligned, followed by GUARD guard bytes. */
static void *guarded(size_t n)
{
	size_t size = (n + GUARD + 15u) & ~(size_t)15u;
	uint8_t *p;

	if (pool == NULL)
		pool = malloc(POOL);
	if (pool == NULL || pool_used + size > POOL) {
		printf("out of memory\n");
		exit(2);
	}
	p = pool + pool_used;
	pool_used += size;
	memset(p, GUARD_BYTE, n + GUARD);
	return p;
}

static bool guard_ok(const void *p, size_t n)
{
	const uint8_t *g = (const uint8_t *)p + n;

	for (int i = 0; i < GUARD; i++)
		if (g[i] != GUARD_BYTE)
			return false;
	return true;
}

/* Compares n outputs; records one pass or one failure. */
static void check_s8(const char *what, int row, int seed, const int8_t *got,
		     const int8_t *want, size_t n, bool guards)
{
	for (size_t i = 0; i < n; i++) {
		if (got[i] == want[i])
			continue;
		printf("FAIL %s row %d seed %d: index %u got %d want %d\n",
		       what, row, seed, (unsigned)i, got[i], want[i]);
		n_fail++;
		return;
	}
	if (!guards) {
		printf("FAIL %s row %d seed %d: write past a buffer\n", what,
		       row, seed);
		n_fail++;
		return;
	}
	n_pass++;
}

/* ---- Quantization parameters. ------------------------------------------ */

/* Multiplier and shift: realistic (scale < 1) or extreme. */
static void rnd_quant(bool extreme, int32_t *mult, int32_t *shift)
{
	if (!extreme) {
		*mult = rnd_int(1 << 30, INT32_MAX);
		*shift = rnd_int(-12, 0);
		return;
	}
	switch (rnd() % 5) {
	case 0:
		*mult = INT32_MAX;
		break;
	case 1:
		*mult = 1 << 30;
		break;
	case 2:
		*mult = 0;
		break;
	default:
		*mult = rnd_int(1 << 30, INT32_MAX);
	}
	*shift = rnd_int(-31, 30);
}

/* Zero point: random, or an extreme one. */
static int32_t rnd_zp(bool extreme)
{
	if (extreme)
		return rnd() % 2 ? -128 : 127;
	return rnd_int(-128, 127);
}

/* Activation range within int8: full, or a random narrower one. */
static void rnd_act(bool extreme, int32_t *lo, int32_t *hi)
{
	*lo = -128;
	*hi = 127;
	if (extreme || rnd() % 3 == 0) {
		*lo = rnd_int(-128, 0);
		*hi = rnd_int(*lo, 127);
	}
}

/* Bias: small, or near the int32 limits so that sums wrap. */
static int32_t rnd_bias(bool extreme)
{
	if (extreme)
		return rnd() % 2 ? INT32_MAX - rnd_int(0, 1000)
				 : INT32_MIN + rnd_int(0, 1000);
	return rnd_int(-20000, 20000);
}

/* ---- Requantization. --------------------------------------------------- */

/* The intrinsic form on one lane, without zero point or clamp. */
static int32_t requant_lane(int32_t x, int32_t mult, int32_t shift)
{
	mote__mve_quant q = { NULL, NULL, true, true, 0, INT32_MIN, INT32_MAX };
	int32x4_t v = mote__mve_requant_q(&q, vdupq_n_s32(x), vdupq_n_s32(mult),
					  vdupq_n_s32(shift));

	return vgetq_lane_s32(v, 0);
}

/* A sum whose rounding right shift by -sh is an exact tie, or random. */
static int32_t rnd_sum(int32_t sh, bool tie)
{
	int32_t x = (int32_t)rnd();
	int32_t e = -sh < 31 ? -sh : 31;

	if (!tie || sh >= 0)
		return x;
	return (int32_t)(((uint32_t)x & ~((1u << e) - 1u)) | (1u << (e - 1)));
}

/*
 * Requantization against mote_mul_by_quant_mult(): the int32 result of
 * the intrinsic form on a grid of extreme values and on random values with
 * exact ties, then the assembly loop (mote__mve_requant_row, per-channel
 * and per-tensor, with and without left shifts) on int8 outputs.
 */
static void test_requant(void)
{
	static const int32_t xs[] = { 0,	 1,	    -1,	       2,
				      -2,	 3,	    -3,	       INT32_MAX,
				      INT32_MIN, INT32_MIN + 1, 1 << 30,   -(1 << 30),
				      12345678,	 -12345678, 0x40000000 };
	static const int32_t ms[] = { INT32_MIN, INT32_MAX, 1 << 30, 0, 1,
				      -1,	 1518500250, 1073741824 };
	enum { N = 37 };
	int32_t acc[N], mult[N], shift[N], quad[8];
	int8_t got[N], want[N];
	int fails = 0;
	int32_t i, j, sh;

	for (i = 0; i < (int32_t)(sizeof xs / sizeof xs[0]); i++)
		for (j = 0; j < (int32_t)(sizeof ms / sizeof ms[0]); j++)
			for (sh = -40; sh <= 40; sh++) {
				int32_t w = mote_mul_by_quant_mult(xs[i], ms[j],
								   sh);
				int32_t g = requant_lane(xs[i], ms[j], sh);
				if (g != w && fails++ < 5)
					printf("FAIL requant x=%ld m=%ld s=%ld: "
					       "got %ld want %ld\n",
					       (long)xs[i], (long)ms[j], (long)sh,
					       (long)g, (long)w);
			}
	for (i = 0; i < 100000; i++) {
		int32_t m = i % 7 ? rnd_int(1 << 30, INT32_MAX) : (int32_t)rnd();
		int32_t x;
		sh = rnd_int(-33, 31);
		x = rnd_sum(sh, i % 3 == 0);
		if (i % 3 == 0)
			m = INT32_MAX;
		int32_t w = mote_mul_by_quant_mult(x, m, sh);
		int32_t g = requant_lane(x, m, sh);
		if (g != w && fails++ < 5)
			printf("FAIL requant x=%ld m=%ld s=%ld: got %ld want "
			       "%ld\n",
			       (long)x, (long)m, (long)sh, (long)g, (long)w);
	}
	for (i = 0; i < 4000; i++) {
		mote__mve_quant q;
		bool per_channel = i % 4 != 0, left = i % 2 != 0;
		int32_t zp = rnd_zp(i % 5 == 0), lo, hi, n = 1 + i % N;
		rnd_act(i % 3 == 0, &lo, &hi);
		for (j = 0; j < n; j++) {
			mult[j] = j % 5 ? rnd_int(1 << 30, INT32_MAX)
					: ms[rnd() % 8];
			shift[j] = left ? rnd_int(-40, 40) : rnd_int(-40, 0);
			if (!per_channel) {
				mult[j] = mult[0];
				shift[j] = shift[0];
			}
			acc[j] = rnd_sum(shift[j], j % 2 == 0);
			want[j] = (int8_t)mote_clamp_i32(
				(int32_t)((uint32_t)mote_mul_by_quant_mult(
						  acc[j], mult[j], shift[j]) +
					  (uint32_t)zp),
				lo, hi);
		}
		memset(got, 0x5A, sizeof got);
		mote__mve_quant_init(&q, mult, shift, n, per_channel, quad, zp,
				     lo, hi);
		mote__mve_requant_row(&q, acc, n, got);
		for (j = 0; j < n; j++)
			if (got[j] != want[j] && fails++ < 5)
				printf("FAIL requant_row n=%ld ch %ld: acc %ld "
				       "m %ld s %ld zp %ld: got %d want %d\n",
				       (long)n, (long)j, (long)acc[j],
				       (long)mult[j], (long)shift[j], (long)zp,
				       got[j], want[j]);
		if (n < N && got[n] != 0x5A && fails++ < 5)
			printf("FAIL requant_row n=%ld: wrote past the end\n",
			       (long)n);
	}
	if (fails) {
		printf("FAIL requant: %d mismatches\n", fails);
		n_fail++;
	} else {
		n_pass++;
	}
}

/* ---- Convolution geometry shared by CONV_2D and DEPTHWISE_CONV_2D. ----- */

enum { VALID = 0, SAME = 1 };

/* One window dimension: output size and leading padding, as TFLite. */
static void window(int32_t pad, int32_t in, int32_t f, int32_t s, int32_t d,
		   int32_t *out, int32_t *lead)
{
	int32_t eff = (f - 1) * d + 1;

	if (pad == SAME) {
		int32_t total;
		*out = (in + s - 1) / s;
		total = (*out - 1) * s + eff - in;
		*lead = total > 0 ? total / 2 : 0;
	} else {
		*out = (in - eff + s) / s;
		*lead = 0;
	}
}

/* ---- CONV_2D. ---------------------------------------------------------- */

typedef struct conv_case {
	int32_t n, h, w, c; /* input shape */
	int32_t oc; /* output channels */
	int32_t fh, fw; /* filter size */
	int32_t sh, sw; /* strides */
	int32_t dh, dw; /* dilations */
	int32_t pad; /* SAME or VALID */
	bool extreme; /* extreme quantization */
	bool no_bias; /* run without bias */
} conv_case;

static const conv_case conv_cases[] = {
	{ 1, 5, 5, 16, 16, 1, 1, 1, 1, 1, 1, SAME, false, false },
	{ 1, 7, 6, 64, 64, 1, 1, 1, 1, 1, 1, VALID, false, false },
	{ 1, 3, 5, 7, 5, 1, 1, 1, 1, 1, 1, SAME, false, false },
	{ 2, 4, 3, 13, 11, 1, 1, 1, 1, 1, 1, SAME, false, true },
	{ 1, 9, 9, 16, 33, 1, 1, 2, 2, 1, 1, SAME, false, false },
	{ 1, 8, 8, 8, 16, 3, 3, 1, 1, 1, 1, SAME, false, false },
	{ 1, 9, 7, 3, 8, 3, 3, 2, 2, 1, 1, SAME, false, false },
	{ 1, 10, 6, 1, 64, 10, 4, 2, 2, 1, 1, SAME, false, false },
	{ 1, 6, 6, 5, 7, 3, 3, 1, 1, 2, 2, SAME, false, false },
	{ 1, 7, 8, 17, 9, 2, 3, 2, 1, 1, 2, VALID, false, false },
	{ 2, 5, 5, 4, 6, 3, 3, 1, 2, 1, 1, SAME, false, true },
	{ 1, 3, 3, 2, 3, 5, 5, 1, 1, 1, 1, SAME, false, false },
	{ 1, 4, 4, 32, 31, 3, 3, 1, 1, 1, 1, VALID, false, false },
	{ 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, SAME, false, false },
	{ 1, 1, 1, 200, 3, 1, 1, 1, 1, 1, 1, SAME, false, false },
	{ 1, 5, 4, 16, 16, 3, 3, 2, 2, 1, 1, SAME, true, false },
	{ 1, 6, 5, 9, 13, 1, 1, 1, 1, 1, 1, SAME, true, false },
	{ 2, 4, 4, 3, 5, 3, 2, 1, 1, 1, 1, SAME, true, true },
};

static void run_conv(int row, int seed, const conv_case *cc, bool one)
{
	mote_conv2d_params p = { 0 };
	int32_t k, i;

	reset_buffers();
	p.batches = cc->n;
	p.in_h = cc->h;
	p.in_w = cc->w;
	p.in_c = cc->c;
	p.filter_h = cc->fh;
	p.filter_w = cc->fw;
	p.filter_c = cc->c;
	p.out_c = cc->oc;
	p.groups = 1;
	p.stride_h = cc->sh;
	p.stride_w = cc->sw;
	p.dilation_h = cc->dh;
	p.dilation_w = cc->dw;
	window(cc->pad, cc->h, cc->fh, cc->sh, cc->dh, &p.out_h, &p.pad_h);
	window(cc->pad, cc->w, cc->fw, cc->sw, cc->dw, &p.out_w, &p.pad_w);
	p.in_zp = rnd_zp(cc->extreme);
	p.out_zp = rnd_zp(cc->extreme);
	rnd_act(cc->extreme, &p.act_min, &p.act_max);
	k = cc->fh * cc->fw * cc->c;

	size_t n_in = (size_t)cc->n * cc->h * cc->w * cc->c;
	size_t n_out = (size_t)cc->n * p.out_h * p.out_w * cc->oc;
	int8_t *in = guarded(n_in), *filter = guarded((size_t)k * cc->oc);
	int32_t *bias = guarded(cc->oc * 4u), *mult = guarded(cc->oc * 4u);
	int32_t *shift = guarded(cc->oc * 4u);
	int8_t *want = guarded(n_out), *got = guarded(n_out);
	size_t ref_scratch = mote_conv2d_s8_scratch_size(&p);
	size_t scratch_n = one ? mote_conv2d_s8_1x1_mve_scratch_size(&p)
			       : mote_conv2d_s8_mve_scratch_size(&p);
	void *rs = guarded(ref_scratch), *scratch = guarded(scratch_n);

	fill_s8(in, n_in);
	fill_s8(filter, (size_t)k * cc->oc);
	for (i = 0; i < cc->oc; i++) {
		bias[i] = rnd_bias(cc->extreme);
		rnd_quant(cc->extreme, &mult[i], &shift[i]);
	}
	p.mult = mult;
	p.shift = shift;
	mote_conv2d_s8(&p, in, filter, cc->no_bias ? NULL : bias, want, rs);
	if (one)
		mote_conv2d_s8_1x1_mve(&p, in, filter,
				       cc->no_bias ? NULL : bias, got, scratch);
	else
		mote_conv2d_s8_mve(&p, in, filter, cc->no_bias ? NULL : bias,
				   got, scratch);
	check_s8(one ? "conv2d_s8_1x1_mve" : "conv2d_s8_mve", row, seed, got,
		 want, n_out,
		 guard_ok(got, n_out) && guard_ok(scratch, scratch_n));
}

/* A random window dimension: input, filter, stride, dilation that give
 * at least one output with either padding. */
static void rnd_dim(int32_t *in, int32_t *f, int32_t *st, int32_t *d)
{
	*in = rnd_int(1, 9);
	*st = rnd_int(1, 2);
	*d = rnd() % 4 == 0 ? 2 : 1;
	*f = rnd_int(1, 5);
	while ((*f - 1) * *d + 1 > *in)
		*f = *f > 1 ? *f - 1 : (*d = 1);
}

/* Rows after the table: seeded random shapes. */
enum { RANDOM_ROWS = 120 };

static void random_conv(conv_case *cc)
{
	cc->n = rnd_int(1, 2);
	cc->c = rnd_int(1, 40);
	cc->oc = rnd_int(1, 40);
	rnd_dim(&cc->h, &cc->fh, &cc->sh, &cc->dh);
	rnd_dim(&cc->w, &cc->fw, &cc->sw, &cc->dw);
	if (rnd() % 3 == 0) {
		cc->fh = 1;
		cc->fw = 1;
	}
	cc->pad = rnd() % 2 ? SAME : VALID;
	cc->extreme = rnd() % 4 == 0;
	cc->no_bias = rnd() % 5 == 0;
}

/* Runs one row with three seeds, through both entry points for 1x1. */
static void conv_row(int row, const conv_case *cc)
{
	bool one = cc->fh == 1 && cc->fw == 1;
	int seed;

	for (seed = 0; seed < 3; seed++) {
		rng_state = 0x9E3779B9u * (uint32_t)(row * 8 + seed + 1);
		run_conv(row, seed, cc, false);
		if (!one)
			continue;
		rng_state = 0x9E3779B9u * (uint32_t)(row * 8 + seed + 1);
		run_conv(row, seed, cc, true);
	}
}

static void test_conv(void)
{
	int rows = (int)(sizeof conv_cases / sizeof conv_cases[0]);
	conv_case cc;
	int row;

	for (row = 0; row < rows; row++)
		conv_row(row, &conv_cases[row]);
	for (row = rows; row < rows + RANDOM_ROWS; row++) {
		rng_state = 0xC2B2AE35u * (uint32_t)(row + 1);
		random_conv(&cc);
		conv_row(row, &cc);
	}
}

/* ---- DEPTHWISE_CONV_2D. ------------------------------------------------ */

typedef struct dw_case {
	int32_t n, h, w, c; /* input shape */
	int32_t dm; /* depth multiplier */
	int32_t fh, fw; /* filter size */
	int32_t sh, sw; /* strides */
	int32_t dh, dw; /* dilations */
	int32_t pad; /* SAME or VALID */
	bool extreme; /* extreme quantization */
	bool no_bias; /* run without bias */
} dw_case;

static const dw_case dw_cases[] = {
	{ 1, 6, 6, 64, 1, 3, 3, 1, 1, 1, 1, SAME, false, false },
	{ 1, 7, 5, 8, 1, 3, 3, 2, 2, 1, 1, SAME, false, false },
	{ 1, 5, 5, 13, 1, 3, 3, 1, 1, 1, 1, SAME, false, false },
	{ 2, 4, 6, 17, 1, 3, 3, 2, 1, 1, 1, VALID, false, true },
	{ 1, 3, 3, 1, 1, 3, 3, 1, 1, 1, 1, SAME, false, false },
	{ 1, 8, 7, 24, 1, 3, 3, 1, 1, 2, 2, SAME, false, false },
	{ 1, 6, 6, 9, 1, 5, 5, 1, 1, 1, 1, SAME, false, false },
	{ 1, 5, 7, 16, 1, 2, 3, 1, 2, 1, 1, SAME, false, false },
	{ 1, 4, 4, 3, 1, 1, 1, 1, 1, 1, 1, VALID, false, false },
	{ 1, 9, 9, 1, 8, 3, 3, 2, 2, 1, 1, SAME, false, false },
	{ 1, 5, 4, 3, 4, 3, 3, 1, 1, 1, 1, SAME, false, false },
	{ 2, 4, 5, 2, 12, 2, 2, 2, 1, 1, 2, SAME, false, true },
	{ 1, 3, 2, 5, 1, 5, 5, 1, 1, 1, 1, SAME, false, false },
	{ 1, 5, 6, 40, 1, 3, 3, 2, 2, 1, 1, SAME, true, false },
	{ 1, 4, 4, 7, 1, 3, 3, 1, 1, 1, 1, SAME, true, true },
	{ 1, 6, 5, 2, 8, 3, 3, 1, 1, 1, 1, SAME, true, false },
};

static void run_dw(int row, int seed, const dw_case *dc, bool fast)
{
	mote_depthwise_conv2d_params p = { 0 };
	int32_t oc = dc->c * dc->dm, taps = dc->fh * dc->fw, i;

	reset_buffers();
	p.batches = dc->n;
	p.in_h = dc->h;
	p.in_w = dc->w;
	p.in_c = dc->c;
	p.filter_h = dc->fh;
	p.filter_w = dc->fw;
	p.out_c = oc;
	p.depth_mult = dc->dm;
	p.stride_h = dc->sh;
	p.stride_w = dc->sw;
	p.dilation_h = dc->dh;
	p.dilation_w = dc->dw;
	window(dc->pad, dc->h, dc->fh, dc->sh, dc->dh, &p.out_h, &p.pad_h);
	window(dc->pad, dc->w, dc->fw, dc->sw, dc->dw, &p.out_w, &p.pad_w);
	p.in_zp = rnd_zp(dc->extreme);
	p.out_zp = rnd_zp(dc->extreme);
	rnd_act(dc->extreme, &p.act_min, &p.act_max);

	size_t n_in = (size_t)dc->n * dc->h * dc->w * dc->c;
	size_t n_out = (size_t)dc->n * p.out_h * p.out_w * oc;
	int8_t *in = guarded(n_in), *filter = guarded((size_t)taps * oc);
	int32_t *bias = guarded(oc * 4u), *mult = guarded(oc * 4u);
	int32_t *shift = guarded(oc * 4u);
	int8_t *want = guarded(n_out), *got = guarded(n_out);
	size_t scratch_n =
		fast ? mote_depthwise_conv2d_s8_3x3_mve_scratch_size(&p)
		     : mote_depthwise_conv2d_s8_mve_scratch_size(&p);
	void *rs = guarded(mote_depthwise_conv2d_s8_scratch_size(&p));
	void *scratch = guarded(scratch_n);

	fill_s8(in, n_in);
	fill_s8(filter, (size_t)taps * oc);
	for (i = 0; i < oc; i++) {
		bias[i] = rnd_bias(dc->extreme);
		rnd_quant(dc->extreme, &mult[i], &shift[i]);
	}
	p.mult = mult;
	p.shift = shift;
	mote_depthwise_conv2d_s8(&p, in, filter, dc->no_bias ? NULL : bias,
				 want, rs);
	if (fast)
		mote_depthwise_conv2d_s8_3x3_mve(&p, in, filter,
						 dc->no_bias ? NULL : bias,
						 got, scratch);
	else
		mote_depthwise_conv2d_s8_mve(&p, in, filter,
					     dc->no_bias ? NULL : bias, got,
					     scratch);
	check_s8(fast ? "depthwise_conv2d_s8_3x3_mve"
		      : "depthwise_conv2d_s8_mve",
		 row, seed, got, want, n_out,
		 guard_ok(got, n_out) && guard_ok(scratch, scratch_n));
}

static void random_dw(dw_case *dc)
{
	static const int32_t dms[] = { 1, 1, 1, 4, 8, 12 };
	dc->n = rnd_int(1, 2);
	dc->dm = dms[rnd() % 6];
	dc->c = dc->dm == 1 ? rnd_int(1, 70) : rnd_int(1, 6);
	rnd_dim(&dc->h, &dc->fh, &dc->sh, &dc->dh);
	rnd_dim(&dc->w, &dc->fw, &dc->sw, &dc->dw);
	if (rnd() % 2 == 0 && dc->h >= 3 && dc->w >= 3) {
		dc->fh = 3;
		dc->fw = 3;
	}
	dc->pad = rnd() % 2 ? SAME : VALID;
	if (dc->pad == VALID) {
		dc->dh = (dc->fh - 1) * dc->dh + 1 > dc->h ? 1 : dc->dh;
		dc->dw = (dc->fw - 1) * dc->dw + 1 > dc->w ? 1 : dc->dw;
	}
	dc->extreme = rnd() % 4 == 0;
	dc->no_bias = rnd() % 5 == 0;
}

/* Runs one row with three seeds, through both entry points for 3x3. */
static void dw_row(int row, const dw_case *dc)
{
	bool fast = dc->fh == 3 && dc->fw == 3 && dc->dm == 1;
	int seed;

	for (seed = 0; seed < 3; seed++) {
		rng_state = 0x7F4A7C15u * (uint32_t)(row * 8 + seed + 1);
		run_dw(row, seed, dc, false);
		if (!fast)
			continue;
		rng_state = 0x7F4A7C15u * (uint32_t)(row * 8 + seed + 1);
		run_dw(row, seed, dc, true);
	}
}

static void test_dw(void)
{
	int rows = (int)(sizeof dw_cases / sizeof dw_cases[0]);
	dw_case dc;
	int row;

	for (row = 0; row < rows; row++)
		dw_row(row, &dw_cases[row]);
	for (row = rows; row < rows + RANDOM_ROWS; row++) {
		rng_state = 0x27D4EB2Fu * (uint32_t)(row + 1);
		random_dw(&dc);
		dw_row(row, &dc);
	}
}

/* ---- FULLY_CONNECTED. -------------------------------------------------- */

typedef struct fc_case {
	int32_t batches; /* input rows */
	int32_t accum; /* values per row */
	int32_t out_c; /* output channels */
	bool per_channel; /* per-channel multipliers */
	bool filter_zp; /* a non-zero filter zero point */
	bool extreme; /* extreme quantization */
	bool no_bias; /* run without bias */
} fc_case;

static const fc_case fc_cases[] = {
	{ 1, 64, 12, false, false, false, false },
	{ 1, 640, 128, false, false, false, false },
	{ 1, 128, 8, false, false, false, false },
	{ 1, 8, 128, false, false, false, false },
	{ 1, 1, 1, false, false, false, false },
	{ 1, 17, 5, true, false, false, false },
	{ 2, 33, 4, false, true, false, false },
	{ 3, 16, 7, true, false, false, true },
	{ 2, 100, 2, false, false, false, true },
	{ 1, 256, 10, true, false, true, false },
	{ 2, 31, 11, false, true, true, false },
	{ 1, 5, 3, false, false, true, true },
};

static void run_fc(int row, int seed, const fc_case *fc)
{
	mote_fc_params p = { 0 };
	int32_t n = fc->out_c, i;

	reset_buffers();
	size_t n_in = (size_t)fc->batches * fc->accum;
	size_t n_w = (size_t)fc->accum * n, n_out = (size_t)fc->batches * n;
	int8_t *in = guarded(n_in), *filter = guarded(n_w);
	int32_t *bias = guarded(n * 4u), *mult = guarded(n * 4u);
	int32_t *shift = guarded(n * 4u);
	int8_t *want = guarded(n_out), *got = guarded(n_out);
	size_t scratch_n;
	void *scratch;

	p.batches = fc->batches;
	p.accum = fc->accum;
	p.out_c = n;
	p.in_offset = -rnd_zp(fc->extreme);
	p.filter_offset = fc->filter_zp ? rnd_int(-127, 128) : 0;
	p.out_zp = rnd_zp(fc->extreme);
	rnd_act(fc->extreme, &p.act_min, &p.act_max);
	for (i = 0; i < n; i++) {
		bias[i] = rnd_bias(fc->extreme);
		rnd_quant(fc->extreme, &mult[i], &shift[i]);
	}
	p.mult = mult[0];
	p.shift = shift[0];
	p.ch_mult = fc->per_channel ? mult : NULL;
	p.ch_shift = fc->per_channel ? shift : NULL;
	fill_s8(in, n_in);
	fill_s8(filter, n_w);
	scratch_n = mote_fully_connected_s8_mve_scratch_size(&p);
	scratch = guarded(scratch_n);
	mote_fully_connected_s8(&p, in, filter, fc->no_bias ? NULL : bias,
				want);
	mote_fully_connected_s8_mve(&p, in, filter, fc->no_bias ? NULL : bias,
				    got, scratch);
	check_s8("fully_connected_s8_mve", row, seed, got, want, n_out,
		 guard_ok(got, n_out) && guard_ok(scratch, scratch_n));
}

static void random_fc(fc_case *fc)
{
	fc->batches = rnd_int(1, 3);
	fc->accum = rnd() % 4 == 0 ? rnd_int(100, 700) : rnd_int(1, 80);
	fc->out_c = rnd() % 4 == 0 ? rnd_int(40, 150) : rnd_int(1, 20);
	fc->per_channel = rnd() % 2 == 0;
	fc->filter_zp = !fc->per_channel && rnd() % 4 == 0;
	fc->extreme = rnd() % 4 == 0;
	fc->no_bias = rnd() % 5 == 0;
}

static void test_fc(void)
{
	int rows = (int)(sizeof fc_cases / sizeof fc_cases[0]);
	fc_case fc;
	int row, seed;

	for (row = 0; row < rows + RANDOM_ROWS; row++) {
		if (row >= rows) {
			rng_state = 0x165667B1u * (uint32_t)(row + 1);
			random_fc(&fc);
		}
		for (seed = 0; seed < 3; seed++) {
			rng_state = 0x85EBCA6Bu * (uint32_t)(row * 8 + seed + 1);
			run_fc(row, seed, row < rows ? &fc_cases[row] : &fc);
		}
	}
}

/* ---- ADD. -------------------------------------------------------------- */

/* Output shape 4-D; each input dim is the output's or 1 (broadcast). */
typedef struct add_case {
	int32_t out[4]; /* output shape */
	uint8_t bcast_a; /* bit d set: input 1 has 1 in dim d */
	uint8_t bcast_b; /* the same for input 2 */
	bool extreme; /* extreme offsets and multipliers */
	bool in_place; /* output written over input 1 (same shapes) */
} add_case;

static const add_case add_cases[] = {
	{ { 1, 8, 8, 16 }, 0, 0, false, false },
	{ { 1, 32, 32, 16 }, 0, 0, false, false },
	{ { 1, 1, 1, 1 }, 0, 0, false, false },
	{ { 1, 3, 5, 7 }, 0, 0, false, true },
	{ { 2, 3, 4, 5 }, 0, 0, true, false },
	{ { 1, 4, 4, 8 }, 0x7, 0, false, false },
	{ { 1, 4, 4, 9 }, 0, 0x7, true, false },
	{ { 2, 3, 3, 5 }, 0x8, 0, false, false },
	{ { 1, 5, 6, 3 }, 0x2, 0x4, false, false },
	{ { 2, 2, 2, 2 }, 0xF, 0, true, false },
	{ { 1, 1, 7, 33 }, 0, 0x1, false, false },
};

static void run_add(int row, int seed, const add_case *ac)
{
	mote_binary_params p;
	int32_t da[4], db[4], rank = 4, i;
	const int32_t *dims[2] = { da, db };
	const int32_t ranks[2] = { 4, 4 };
	size_t na = 1, nb = 1, n = 1;
	int8_t *a, *b, *want, *got;

	reset_buffers();
	memset(&p, 0, sizeof p);
	for (i = 0; i < 4; i++) {
		da[i] = ac->bcast_a >> (3 - i) & 1 ? 1 : ac->out[i];
		db[i] = ac->bcast_b >> (3 - i) & 1 ? 1 : ac->out[i];
		na *= (size_t)da[i];
		nb *= (size_t)db[i];
		n *= (size_t)ac->out[i];
	}
	if (!mote_bcast_init(&p.bc, 2, dims, ranks, ac->out, rank)) {
		printf("FAIL add row %d: bad broadcast\n", row);
		n_fail++;
		return;
	}
	p.in1_offset = -rnd_zp(ac->extreme);
	p.in2_offset = -rnd_zp(ac->extreme);
	p.left_shift = 20;
	p.in1_mult = rnd_int(1 << 30, INT32_MAX);
	p.in2_mult = rnd_int(1 << 30, INT32_MAX);
	p.in1_shift = ac->extreme ? rnd_int(-31, 0) : rnd_int(-4, 0);
	p.in2_shift = ac->extreme ? rnd_int(-31, 0) : rnd_int(-4, 0);
	p.out_mult = ac->extreme && rnd() % 2 ? INT32_MAX
					      : rnd_int(1 << 30, INT32_MAX);
	p.out_shift = ac->extreme ? rnd_int(-31, 0) : rnd_int(-22, -16);
	p.out_offset = rnd_zp(ac->extreme);
	rnd_act(ac->extreme, &p.act_min, &p.act_max);
	a = guarded(na);
	b = guarded(nb);
	want = guarded(n);
	got = ac->in_place ? a : guarded(n);
	fill_s8(a, na);
	fill_s8(b, nb);
	mote_add_s8(&p, a, b, want);
	mote_add_s8_mve(&p, a, b, got);
	check_s8("add_s8_mve", row, seed, got, want, n, guard_ok(got, n));
}

static void test_add(void)
{
	int rows = (int)(sizeof add_cases / sizeof add_cases[0]);
	int row, seed;

	for (row = 0; row < rows; row++)
		for (seed = 0; seed < 4; seed++) {
			rng_state = 0xD3A2646Cu * (uint32_t)(row * 8 + seed + 1);
			run_add(row, seed, &add_cases[row]);
		}
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	test_requant();
	test_conv();
	test_dw();
	test_fc();
	test_add();
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail != 0;
}
