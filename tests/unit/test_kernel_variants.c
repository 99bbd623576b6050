/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_kernel_variants.c - every kernel variant this build has, bit-exact
 * against its reference kernel.
 *
 * A standalone program for the host and for firmware (tests/firmware, run
 * under QEMU by scripts/mcu_test.sh): prints one line per failed check
 * (the first mismatching output: index, got, want) and ends with
 * "N passed, N failed"; the exit status is non-zero if any check failed.
 *
 * For each row of the tables below (a layer geometry) and several seeds,
 * the test draws data and quantization, asks the selector of
 * kernels/select.h for this build's kernel and scratch size, runs it and
 * the reference kernel (mote_conv2d_s8, mote_depthwise_conv2d_s8,
 * mote_fully_connected_s8) on the same inputs, each with its scratch
 * filled with garbage, and compares the outputs byte for byte (a guard
 * past the output must stay untouched). Seeds draw, per channel,
 * multipliers from 0, 2^30 and 2^31 - 1 to uniform (and negative ones,
 * which prepare never makes), shifts across -31..7
 * (slow and fast requantization paths), zero points at -128 and 127 or
 * uniform, activation clamps full, one-sided or narrow, biases small or
 * near the int32 limits (the sums wrap), data uniform or all at the int8
 * extremes. Rows cover 1x1, odd and non-multiple-of-4 channels, stride 2,
 * SAME and VALID padding (and padding wider than the input), dilation,
 * batch 2, groups, depth multipliers and single-channel inputs.
 * A build without variants (MOTE_KERNELS=ref, e.g. the host) compares the
 * reference with itself and says so.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/select.h"

static int n_pass;
static int n_fail;
static int n_variant; /* checks where the selector chose a non-reference kernel */

/* The distinct kernels the selectors chose (reported at the end). */
static const void *seen[32];
static int n_seen;

static void saw(const void *fn)
{
	int i;

	for (i = 0; i < n_seen; i++)
		if (seen[i] == fn)
			return;
	if (n_seen < 32)
		seen[n_seen++] = fn;
}

/* ---- Random data. ------------------------------------------------------ */

static uint32_t rng_state;

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
	return (int32_t)((int64_t)lo + (int64_t)(rnd() % ((uint32_t)(hi - lo) + 1u)));
}

/* n int8 values: uniform, or (one seed in four) only -128 and 127. */
static void fill_s8(int8_t *d, size_t n)
{
	bool extreme = rnd() % 4 == 0;
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = extreme ? (rnd() & 1 ? 127 : -128) : (int8_t)rnd();
}

/* A zero point: an extreme of int8 or uniform. */
static int32_t rnd_zp(void)
{
	switch (rnd() % 4) {
	case 0:
		return -128;
	case 1:
		return 127;
	default:
		return rnd_int(-128, 127);
	}
}

/* One multiplier and shift, mostly realistic, often extreme. */
static void rnd_quant(int32_t *mult, int32_t *shift)
{
	uint32_t k = rnd() % 16;

	*mult = k == 0 ? 0 : k == 1 ? (1 << 30) : k == 2 ? INT32_MAX
		: k == 3 ? -(int32_t)(rnd() & 0x7FFFFFFFu) /* never from
							     prepare */
		: (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
	k = rnd() % 8;
	*shift = k == 0 ? rnd_int(-31, 7) : k == 1 ? rnd_int(-31, -20)
		: rnd_int(-12, -1);
}

/* Per-channel quantization of n channels. */
static void fill_quant(int32_t *mult, int32_t *shift, int32_t n)
{
	int32_t i;

	for (i = 0; i < n; i++)
		rnd_quant(&mult[i], &shift[i]);
}

/* Bias of n channels: small, near the int32 limits, or NULL (absent). */
static int32_t *fill_bias(int32_t *bias, int32_t n)
{
	uint32_t k = rnd() % 6;
	int32_t i;

	if (k == 0)
		return NULL;
	for (i = 0; i < n; i++)
		bias[i] = k == 1 ? (rnd() & 1 ? INT32_MAX - rnd_int(0, 3000)
					      : INT32_MIN + rnd_int(0, 3000))
			       : rnd_int(-(1 << 20), 1 << 20);
	return bias;
}

/* Clamp range of an int8 output with zero point zp. */
static void rnd_act(int32_t zp, int32_t *lo, int32_t *hi)
{
	switch (rnd() % 4) {
	case 0:
		*lo = zp;
		*hi = 127;
		return;
	case 1:
		*lo = rnd_int(-128, 0);
		*hi = rnd_int(*lo, 127);
		return;
	default:
		*lo = -128;
		*hi = 127;
	}
}

/* ---- Buffers and comparison. ------------------------------------------- */

#define GUARD 16

/* n bytes plus a guard, filled with junk (freed by the caller). */
static void *junk(size_t n)
{
	uint8_t *p = malloc(n + GUARD);
	size_t i;

	if (p == NULL) {
		printf("FAIL out of memory (%lu bytes)\n", (unsigned long)n);
		exit(1);
	}
	for (i = 0; i < n + GUARD; i++)
		p[i] = (uint8_t)rnd();
	return p;
}

/* Writes the same guard pattern past n outputs. */
static void set_guard(int8_t *out, size_t n)
{
	volatile int8_t *g = out + n;
	int i;

	for (i = 0; i < GUARD; i++)
		g[i] = (int8_t)(0x5A + i);
}

/* Compares n outputs (and guards); prints the first mismatch. */
static void check(const char *what, const char *row, uint32_t seed,
		  const int8_t *got, const int8_t *want, size_t n)
{
	size_t i;

	for (i = 0; i < n + GUARD; i++) {
		if (got[i] == want[i])
			continue;
		printf("FAIL %s %s seed %lu: out[%lu] got %d want %d%s\n",
		       what, row, (unsigned long)seed, (unsigned long)i, got[i],
		       want[i],
		       i >= n ? " (guard overwritten)" : "");
		n_fail++;
		return;
	}
	n_pass++;
}

/* Output size and leading padding of one dimension (TFLite's rule). */
static void window(int32_t in, int32_t k, int32_t stride, int32_t dil,
		   bool same, int32_t *out, int32_t *pad)
{
	int32_t eff = (k - 1) * dil + 1;

	if (same) {
		int32_t total;
		*out = (in + stride - 1) / stride;
		total = (*out - 1) * stride + eff - in;
		*pad = total > 0 ? total / 2 : 0;
		return;
	}
	*out = (in - eff) / stride + 1;
	*pad = 0;
}

/* ---- Convolution. ------------------------------------------------------ */

/* One convolution geometry. */
typedef struct conv_row {
	const char *name; /* row label */
	int32_t n, h, w, c; /* input shape */
	int32_t oc; /* output channels */
	int32_t kh, kw; /* filter size */
	int32_t sh, sw; /* strides */
	int32_t dh, dw; /* dilations */
	bool same; /* SAME padding (else VALID) */
	int32_t groups; /* channel groups */
	int32_t extra_pad; /* padding added beyond SAME/VALID (hand-made) */
} conv_row;

static const conv_row conv_rows[] = {
	{ "1x1 kws", 1, 5, 5, 64, 64, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 8to16", 1, 6, 6, 8, 16, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 odd", 1, 3, 5, 7, 5, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 c1", 1, 4, 3, 1, 3, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 c13 oc9", 1, 3, 3, 13, 9, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 oc1", 1, 2, 3, 12, 1, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 stride2", 1, 7, 7, 12, 6, 1, 1, 2, 2, 1, 1, true, 1, 0 },
	{ "1x1 batch2", 2, 3, 3, 10, 7, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "1x1 padded", 1, 3, 4, 8, 4, 1, 1, 1, 1, 1, 1, true, 1, 1 },
	{ "1x1 big c", 1, 2, 2, 260, 6, 1, 1, 1, 1, 1, 1, true, 1, 0 },
	{ "3x3 same", 1, 8, 8, 16, 16, 3, 3, 1, 1, 1, 1, true, 1, 0 },
	{ "3x3 c3", 1, 5, 7, 3, 8, 3, 3, 1, 1, 1, 1, true, 1, 0 },
	{ "3x3 c5 oc3", 1, 6, 5, 5, 3, 3, 3, 1, 1, 1, 1, true, 1, 0 },
	{ "3x3 s2 same", 1, 9, 9, 8, 12, 3, 3, 2, 2, 1, 1, true, 1, 0 },
	{ "3x3 s2 valid", 1, 9, 8, 4, 4, 3, 3, 2, 2, 1, 1, false, 1, 0 },
	{ "3x3 s2 c3", 1, 12, 12, 3, 8, 3, 3, 2, 2, 1, 1, true, 1, 0 },
	{ "10x4 s2 c1", 1, 20, 10, 1, 8, 10, 4, 2, 2, 1, 1, true, 1, 0 },
	{ "3x3 dil2", 1, 9, 9, 4, 4, 3, 3, 1, 1, 2, 2, true, 1, 0 },
	{ "3x2 dil2x3 c3", 1, 10, 11, 3, 5, 3, 2, 1, 2, 2, 3, true, 1, 0 },
	{ "3x3 dil2 valid", 1, 9, 10, 8, 3, 3, 3, 1, 1, 2, 2, false, 1, 0 },
	{ "3x3 batch2", 2, 6, 6, 8, 6, 3, 3, 1, 1, 1, 1, true, 1, 0 },
	{ "5x5 > input", 1, 2, 2, 4, 5, 5, 5, 1, 1, 1, 1, true, 1, 0 },
	{ "2x2 s3 pad", 1, 7, 7, 4, 3, 2, 2, 3, 3, 1, 1, true, 1, 1 },
	{ "3x3 oc1", 1, 4, 4, 8, 1, 3, 3, 1, 1, 1, 1, true, 1, 0 },
	{ "3x3 groups2", 1, 5, 5, 8, 6, 3, 3, 1, 1, 1, 1, true, 2, 0 },
	{ "1x1 groups4", 1, 3, 3, 8, 8, 1, 1, 1, 1, 1, 1, true, 4, 0 },
};

/* Runs one conv row with one seed. */
static void conv_case(const conv_row *r, uint32_t seed)
{
	mote_conv2d_params p = { 0 };
	size_t in_n, f_n, out_n, s_ref, s_var;
	int8_t *in, *filter, *got, *want;
	int32_t *bias, *mult, *shift, *b;
	void *sc_ref, *sc_var;
	mote_conv2d_s8_fn fn;

	rng_state = seed;
	p.batches = r->n;
	p.in_h = r->h;
	p.in_w = r->w;
	p.in_c = r->c;
	p.filter_h = r->kh;
	p.filter_w = r->kw;
	p.filter_c = r->c / r->groups;
	p.out_c = r->oc;
	p.groups = r->groups;
	p.stride_h = r->sh;
	p.stride_w = r->sw;
	p.dilation_h = r->dh;
	p.dilation_w = r->dw;
	window(r->h, r->kh, r->sh, r->dh, r->same, &p.out_h, &p.pad_h);
	window(r->w, r->kw, r->sw, r->dw, r->same, &p.out_w, &p.pad_w);
	p.pad_h += r->extra_pad;
	p.pad_w += r->extra_pad;
	p.out_h += 2 * r->extra_pad / r->sh;
	p.out_w += 2 * r->extra_pad / r->sw;
	p.in_zp = rnd_zp();
	p.out_zp = rnd_zp();
	rnd_act(p.out_zp, &p.act_min, &p.act_max);

	in_n = (size_t)p.batches * p.in_h * p.in_w * p.in_c;
	f_n = (size_t)p.out_c * p.filter_h * p.filter_w * p.filter_c;
	out_n = (size_t)p.batches * p.out_h * p.out_w * p.out_c;
	in = junk(in_n);
	filter = junk(f_n);
	bias = junk((size_t)p.out_c * 4);
	mult = junk((size_t)p.out_c * 4);
	shift = junk((size_t)p.out_c * 4);
	fill_s8(in, in_n);
	fill_s8(filter, f_n);
	b = fill_bias(bias, p.out_c);
	fill_quant(mult, shift, p.out_c);
	p.mult = mult;
	p.shift = shift;

	fn = mote_select_conv2d_s8(&p, &s_var);
	s_ref = mote_conv2d_s8_scratch_size(&p);
	sc_ref = junk(s_ref);
	sc_var = junk(s_var);
	got = junk(out_n);
	want = junk(out_n);
	set_guard(got, out_n);
	set_guard(want, out_n);
	mote_conv2d_s8(&p, in, filter, b, want, sc_ref);
	fn(&p, in, filter, b, got, sc_var);
	n_variant += fn != mote_conv2d_s8;
	saw((const void *)fn);
	check("conv", r->name, seed, got, want, out_n);
	free(in);
	free(filter);
	free(bias);
	free(mult);
	free(shift);
	free(sc_ref);
	free(sc_var);
	free(got);
	free(want);
}

/* ---- Depthwise convolution. -------------------------------------------- */

/* One depthwise geometry. */
typedef struct dw_row {
	const char *name; /* row label */
	int32_t n, h, w, c; /* input shape */
	int32_t dm; /* depth multiplier */
	int32_t kh, kw; /* filter size */
	int32_t sh, sw; /* strides */
	int32_t dh, dw; /* dilations */
	bool same; /* SAME padding (else VALID) */
} dw_row;

static const dw_row dw_rows[] = {
	{ "3x3 kws", 1, 6, 5, 64, 1, 3, 3, 1, 1, 1, 1, true },
	{ "3x3 c8", 1, 7, 7, 8, 1, 3, 3, 1, 1, 1, 1, true },
	{ "3x3 c7", 1, 5, 6, 7, 1, 3, 3, 1, 1, 1, 1, true },
	{ "3x3 c3", 1, 4, 4, 3, 1, 3, 3, 1, 1, 1, 1, true },
	{ "3x3 s2 c16", 1, 9, 9, 16, 1, 3, 3, 2, 2, 1, 1, true },
	{ "3x3 s2 even", 1, 8, 8, 12, 1, 3, 3, 2, 2, 1, 1, true },
	{ "3x3 valid", 1, 6, 7, 12, 1, 3, 3, 1, 1, 1, 1, false },
	{ "3x3 dil2", 1, 8, 9, 8, 1, 3, 3, 1, 1, 2, 2, true },
	{ "3x3 batch2", 2, 5, 5, 20, 1, 3, 3, 1, 1, 1, 1, true },
	{ "5x5 c6", 1, 6, 6, 6, 1, 5, 5, 1, 1, 1, 1, true },
	{ "1x1 c9", 1, 3, 3, 9, 1, 1, 1, 1, 1, 1, 1, true },
	{ "3x1 s1x2", 1, 5, 6, 4, 1, 3, 1, 1, 2, 1, 1, true },
	{ "5x5 > input", 1, 2, 3, 8, 1, 5, 5, 1, 1, 1, 1, true },
	{ "c1 dm8 s2", 1, 12, 12, 1, 8, 3, 3, 2, 2, 1, 1, true },
	{ "c1 dm3", 1, 5, 5, 1, 3, 3, 3, 1, 1, 1, 1, true },
	{ "c1 dm1", 1, 5, 4, 1, 1, 3, 3, 1, 1, 1, 1, true },
	{ "c3 dm2", 1, 5, 5, 3, 2, 3, 3, 1, 1, 1, 1, true },
	{ "c256 3x3", 1, 3, 3, 256, 1, 3, 3, 1, 1, 1, 1, true },
	{ "3x3 s2x1", 1, 9, 6, 8, 1, 3, 3, 2, 1, 1, 1, true },
	{ "3x3 s1x2 odd", 1, 5, 9, 5, 1, 3, 3, 1, 2, 1, 1, true },
	{ "3x3 s3", 1, 10, 10, 4, 1, 3, 3, 3, 3, 1, 1, true },
	{ "3x3 1x2 input", 1, 1, 2, 8, 1, 3, 3, 1, 1, 1, 1, true },
	{ "3x3 3x3 valid", 2, 3, 3, 12, 1, 3, 3, 2, 2, 1, 1, false },
	{ "3x3 wide", 1, 2, 23, 4, 1, 3, 3, 1, 1, 1, 1, true },
};

/* Runs one depthwise row with one seed. */
static void dw_case(const dw_row *r, uint32_t seed)
{
	mote_depthwise_conv2d_params p = { 0 };
	size_t in_n, f_n, out_n, s_ref, s_var;
	int8_t *in, *filter, *got, *want;
	int32_t *bias, *mult, *shift, *b;
	void *sc_ref, *sc_var;
	mote_depthwise_conv2d_s8_fn fn;

	rng_state = seed;
	p.batches = r->n;
	p.in_h = r->h;
	p.in_w = r->w;
	p.in_c = r->c;
	p.filter_h = r->kh;
	p.filter_w = r->kw;
	p.depth_mult = r->dm;
	p.out_c = r->c * r->dm;
	p.stride_h = r->sh;
	p.stride_w = r->sw;
	p.dilation_h = r->dh;
	p.dilation_w = r->dw;
	window(r->h, r->kh, r->sh, r->dh, r->same, &p.out_h, &p.pad_h);
	window(r->w, r->kw, r->sw, r->dw, r->same, &p.out_w, &p.pad_w);
	p.in_zp = rnd_zp();
	p.out_zp = rnd_zp();
	rnd_act(p.out_zp, &p.act_min, &p.act_max);

	in_n = (size_t)p.batches * p.in_h * p.in_w * p.in_c;
	f_n = (size_t)p.filter_h * p.filter_w * p.out_c;
	out_n = (size_t)p.batches * p.out_h * p.out_w * p.out_c;
	in = junk(in_n);
	filter = junk(f_n);
	bias = junk((size_t)p.out_c * 4);
	mult = junk((size_t)p.out_c * 4);
	shift = junk((size_t)p.out_c * 4);
	fill_s8(in, in_n);
	fill_s8(filter, f_n);
	b = fill_bias(bias, p.out_c);
	fill_quant(mult, shift, p.out_c);
	p.mult = mult;
	p.shift = shift;

	fn = mote_select_depthwise_conv2d_s8(&p, &s_var);
	s_ref = mote_depthwise_conv2d_s8_scratch_size(&p);
	sc_ref = junk(s_ref);
	sc_var = junk(s_var);
	got = junk(out_n);
	want = junk(out_n);
	set_guard(got, out_n);
	set_guard(want, out_n);
	mote_depthwise_conv2d_s8(&p, in, filter, b, want, sc_ref);
	fn(&p, in, filter, b, got, sc_var);
	n_variant += fn != mote_depthwise_conv2d_s8;
	saw((const void *)fn);
	check("depthwise", r->name, seed, got, want, out_n);
	free(in);
	free(filter);
	free(bias);
	free(mult);
	free(shift);
	free(sc_ref);
	free(sc_var);
	free(got);
	free(want);
}

/* ---- Fully connected. -------------------------------------------------- */

/* One fully connected geometry. */
typedef struct fc_row {
	const char *name; /* row label */
	int32_t batches; /* input rows */
	int32_t accum; /* values per row */
	int32_t out_c; /* output units */
	bool per_channel; /* per-channel multipliers */
	bool filter_zp; /* a non-zero filter zero point (per-tensor) */
	bool ties; /* small sums and multipliers that make rounding ties */
} fc_row;

static const fc_row fc_rows[] = {
	{ "ad01 640x128", 1, 640, 128, false, false, false },
	{ "128x8", 1, 128, 8, false, false, false },
	{ "8x128", 1, 8, 128, false, false, false },
	{ "odd", 2, 13, 7, false, false, false },
	{ "accum1", 3, 1, 5, false, false, false },
	{ "accum6 per-channel", 2, 6, 9, true, false, false },
	{ "64x12 per-channel", 1, 64, 12, true, false, false },
	{ "filter zp", 2, 10, 6, false, true, false },
	{ "batch4", 4, 21, 3, false, false, false },
	{ "rounding ties", 4, 1, 256, true, false, true },
};

/* Multipliers and shifts that put many small sums on rounding ties of
 * both roundings, and biases that keep the results inside int8. */
static void fill_ties(int32_t *mult, int32_t *shift, int32_t *bias,
		      int32_t n)
{
	static const int32_t m[] = { 1 << 30, (1 << 30) + 1, INT32_MAX,
				     1518500250, 3 << 29, 1 };
	int32_t i;

	for (i = 0; i < n; i++) {
		mult[i] = m[rnd() % 6];
		shift[i] = rnd_int(-4, 1);
		bias[i] = rnd_int(-200, 200);
	}
}

/* Runs one fully connected row with one seed. */
static void fc_case(const fc_row *r, uint32_t seed)
{
	mote_fc_params p = { 0 };
	size_t in_n, f_n, out_n, s_var;
	int8_t *in, *filter, *got, *want;
	int32_t *bias, *mult, *shift, *b;
	void *sc_var;
	mote_fully_connected_s8_fn fn;

	rng_state = seed;
	p.batches = r->batches;
	p.accum = r->accum;
	p.out_c = r->out_c;
	p.in_offset = -rnd_zp();
	p.out_zp = rnd_zp();
	p.filter_offset = r->filter_zp ? rnd_int(-127, 128) : 0;
	rnd_act(p.out_zp, &p.act_min, &p.act_max);

	in_n = (size_t)p.batches * p.accum;
	f_n = (size_t)p.out_c * p.accum;
	out_n = (size_t)p.batches * p.out_c;
	in = junk(in_n);
	filter = junk(f_n);
	bias = junk((size_t)p.out_c * 4);
	mult = junk((size_t)p.out_c * 4);
	shift = junk((size_t)p.out_c * 4);
	fill_s8(in, in_n);
	fill_s8(filter, f_n);
	b = fill_bias(bias, p.out_c);
	fill_quant(mult, shift, p.out_c);
	if (r->ties) {
		fill_ties(mult, shift, bias, p.out_c);
		b = bias;
	}
	p.mult = mult[0];
	p.shift = shift[0];
	if (r->per_channel) {
		p.ch_mult = mult;
		p.ch_shift = shift;
	}

	fn = mote_select_fully_connected_s8(&p, &s_var);
	sc_var = junk(s_var);
	got = junk(out_n);
	want = junk(out_n);
	set_guard(got, out_n);
	set_guard(want, out_n);
	mote_fully_connected_s8(&p, in, filter, b, want);
	fn(&p, in, filter, b, got, sc_var);
	saw((const void *)fn);
	check("fully_connected", r->name, seed, got, want, out_n);
	free(in);
	free(filter);
	free(bias);
	free(mult);
	free(shift);
	free(sc_var);
	free(got);
	free(want);
}

#define N_ROWS(t) (sizeof(t) / sizeof((t)[0]))
#define SEEDS 12

int main(int argc, char **argv)
{
	size_t i;
	uint32_t s;

	(void)argc;
	(void)argv;
	printf("kernel variants of this build: %s\n", mote_kernels_variant);
	for (i = 0; i < N_ROWS(conv_rows); i++)
		for (s = 1; s <= SEEDS; s++)
			conv_case(&conv_rows[i], 1000u * (uint32_t)i + s);
	for (i = 0; i < N_ROWS(dw_rows); i++)
		for (s = 1; s <= SEEDS; s++)
			dw_case(&dw_rows[i], 2000003u + 1000u * (uint32_t)i + s);
	for (i = 0; i < N_ROWS(fc_rows); i++)
		for (s = 1; s <= SEEDS; s++)
			fc_case(&fc_rows[i], 4000037u + 1000u * (uint32_t)i + s);
	if (strcmp(mote_kernels_variant, "ref") == 0)
		printf("this build has no kernel variants: compared the "
		       "reference kernels with themselves\n");
	else
		printf("%d conv/depthwise checks ran a %s kernel; %d distinct "
		       "kernels selected\n",
		       n_variant, mote_kernels_variant, n_seen);
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail != 0;
}
