/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_x86_kernels.c - the x86-64 kernel variants (src/kernels/x86/)
 * against the reference kernels, bit-exact.
 *
 * For every variant the CPU has (AVX2, SSE4.1; the others are skipped and
 * reported as such): the vector requantization against the scalar
 * mote_mul_by_quant_mult() on random and extreme values; then int8
 * convolution, depthwise convolution and fully connected against
 * mote_conv2d_s8, mote_depthwise_conv2d_s8 and mote_fully_connected_s8 on
 * a table of hand-picked shapes and on seeded random shapes (1x1 filters,
 * odd channel counts and counts that are not multiples of 4, 8 or 16,
 * stride 2, padding, dilation, batch 2, extreme zero points, multipliers,
 * shifts, biases and activation ranges). Each case prints its first
 * mismatch (index, got, want). Built only when MOTE_KERNELS is x86.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/fixedpoint.h"
#include "kernels/fully_connected.h"
#include "kernels/select.h"
#include "kernels/x86/fixedpoint_avx2.h"
#include "kernels/x86/fixedpoint_sse41.h"
#include "kernels/x86/kernels_x86.h"

static int passed, failed;

/* xorshift32, seeded per case so that every failure can be replayed. */
static uint32_t rng = 1;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Uniform in [lo, hi]. */
static int32_t range(int32_t lo, int32_t hi)
{
	return lo + (int32_t)(next() % (uint32_t)(hi - lo + 1));
}

static void fill_s8(int8_t *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d[i] = (int8_t)next();
}

/* Compares n int8 outputs; prints the first mismatch. */
static void check(const char *what, const int8_t *got, const int8_t *want,
		  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (got[i] != want[i]) {
			printf("FAIL %s: index %zu got %d want %d\n", what, i,
			       got[i], want[i]);
			failed++;
			return;
		}
	}
	passed++;
}

/* ---- The requantization: vector lanes against the scalar function. ---- */

static const int32_t extreme_x[] = { INT32_MIN, INT32_MIN + 1, -65536, -3,
				     -2, -1, 0, 1, 2, 3, 65535, 1 << 30,
				     INT32_MAX - 1, INT32_MAX };
static const int32_t extreme_mult[] = { INT32_MIN, INT32_MIN + 1, -1, 0, 1,
					1 << 30, (1 << 30) + 1, 1518500250,
					INT32_MAX - 1, INT32_MAX };

/* One requantization argument set, eight lanes. */
typedef struct rq_case {
	int32_t x[8]; /* accumulators */
	int32_t mult[8]; /* multipliers */
	int32_t shift[8]; /* shifts, beyond [-31, 31] too */
	int32_t zp, lo, hi; /* zero point and clamp */
} rq_case;

static void rq_random(rq_case *c, int k)
{
	for (int i = 0; i < 8; i++) {
		bool edge = next() % 3 == 0;
		c->x[i] = edge ? extreme_x[next() % 14] : (int32_t)next();
		if (next() % 2)
			c->x[i] >>= next() % 31;
		c->mult[i] =
			edge || k % 5 == 0
				? extreme_mult[next() % 10]
				: (int32_t)(next() | (1u << 30)) & INT32_MAX;
		c->shift[i] = range(-40, 40);
		if (next() % 50 == 0)
			c->shift[i] = next() % 2 ? INT32_MIN : INT32_MAX;
	}
	c->zp = range(-128, 127);
	c->lo = range(-128, 0);
	c->hi = range(c->lo, 127);
	if (k % 7 == 0) {
		c->zp = k % 2 ? INT32_MAX : INT32_MIN;
		c->lo = INT32_MIN;
		c->hi = INT32_MAX;
	}
}

static int32_t rq_scalar(const rq_case *c, int i)
{
	int32_t v = mote_mul_by_quant_mult(c->x[i], c->mult[i], c->shift[i]);
	v = (int32_t)((uint32_t)v + (uint32_t)c->zp);
	return mote_clamp_i32(v, c->lo, c->hi);
}

MOTE_AVX2 static void rq_avx2(const rq_case *c, int32_t *got)
{
	mote__rq8 q;

	mote__rq8_load(&q, c->mult, c->shift, 0);
	_mm256_storeu_si256(
		(__m256i *)got,
		mote__avx2_requant(_mm256_loadu_si256((const __m256i *)c->x),
				   &q, _mm256_set1_epi32(c->zp),
				   _mm256_set1_epi32(c->lo),
				   _mm256_set1_epi32(c->hi)));
}

MOTE_SSE41 static void rq_sse41(const rq_case *c, int32_t *got)
{
	for (int h = 0; h < 8; h += 4) {
		mote__rq4 q;
		mote__rq4_load(&q, c->mult, c->shift, h);
		_mm_storeu_si128(
			(__m128i *)(got + h),
			mote__sse41_requant(
				_mm_loadu_si128((const __m128i *)(c->x + h)),
				&q, _mm_set1_epi32(c->zp),
				_mm_set1_epi32(c->lo), _mm_set1_epi32(c->hi)));
	}
}

static void test_requant(const char *name,
			 void (*fn)(const rq_case *, int32_t *))
{
	int bad = 0;

	rng = 0x9E3779B9u;
	for (int k = 0; k < 200000 && !bad; k++) {
		rq_case c;
		int32_t got[8];
		rq_random(&c, k);
		fn(&c, got);
		for (int i = 0; i < 8 && !bad; i++) {
			if (got[i] == rq_scalar(&c, i))
				continue;
			printf("FAIL %s requant: x %d mult %d shift %d: got %d "
			       "want %d\n",
			       name, c.x[i], c.mult[i], c.shift[i], got[i],
			       rq_scalar(&c, i));
			bad = 1;
		}
	}
	/* Every pair of extreme x and multiplier at every shift. */
	for (int s = -33; s <= 33 && !bad; s++) {
		for (int a = 0; a < 14 && !bad; a++) {
			rq_case c = {.zp = 0, .lo = INT32_MIN, .hi = INT32_MAX};
			int32_t got[8];
			for (int i = 0; i < 8; i++) {
				c.x[i] = extreme_x[a];
				c.mult[i] = extreme_mult[(i + s + 40) % 10];
				c.shift[i] = s;
			}
			fn(&c, got);
			for (int i = 0; i < 8; i++)
				bad |= got[i] != rq_scalar(&c, i);
			if (bad)
				printf("FAIL %s requant: extreme x %d shift "
				       "%d\n",
				       name, c.x[0], s);
		}
	}
	bad ? failed++ : passed++;
}

/* ---- Layer parameters shared by the three kernels. ---- */

/* One test layer: geometry and quantization before expansion. */
typedef struct layer {
	const char *name; /* what the row tests */
	int32_t batches, in_h, in_w, in_c; /* input */
	int32_t filter_h, filter_w, out_c; /* filter (out_c: conv and FC) */
	int32_t stride, dilation; /* both dimensions */
	int32_t pad; /* 0 valid, 1 same, 2 beyond (windows partly outside) */
	int32_t quant; /* 0 random, 1 extreme, 2 zero points at the limits */
} layer;

/* Output size and leading padding of one dimension. */
static void out_dim(int32_t in, int32_t f, int32_t stride, int32_t dil,
		    int32_t pad, int32_t *out, int32_t *lead)
{
	int32_t eff = (f - 1) * dil + 1;

	if (pad == 0) {
		*out = in >= eff ? (in - eff) / stride + 1 : 1;
		*lead = 0;
		return;
	}
	*out = (in + stride - 1) / stride;
	*lead = ((*out - 1) * stride + eff - in) / 2;
	if (*lead < 0)
		*lead = 0;
	if (pad == 2) {
		*out += 1;
		*lead += 1;
	}
}

/* Quantization arrays of one case (per output channel). */
typedef struct quant {
	int32_t *mult, *shift, *bias; /* per channel */
	int32_t in_zp, out_zp, act_min, act_max; /* per tensor */
} quant;

static void make_quant(quant *q, int32_t n, int mode, int32_t k)
{
	q->mult = malloc(sizeof(int32_t) * (size_t)n);
	q->shift = malloc(sizeof(int32_t) * (size_t)n);
	q->bias = malloc(sizeof(int32_t) * (size_t)n);
	for (int32_t c = 0; c < n; c++) {
		/* Shifts that keep the outputs in play for k products. */
		int32_t typ = -(8 + (k > 64 ? 4 : 0) + (k > 1024 ? 4 : 0));
		q->mult[c] = (int32_t)((next() >> 1) | (1u << 30));
		q->shift[c] = typ + range(-3, 3);
		q->bias[c] = range(-20000, 20000);
		if (mode != 1)
			continue;
		q->mult[c] = extreme_mult[next() % 10];
		q->shift[c] = range(-33, 33);
		q->bias[c] = next() % 2 ? (int32_t)next()
					: (next() % 2 ? INT32_MAX : INT32_MIN);
	}
	q->in_zp = range(-128, 127);
	q->out_zp = range(-128, 127);
	q->act_min = range(-128, -60);
	q->act_max = range(40, 127);
	if (mode == 0)
		return;
	q->in_zp = next() % 2 ? -128 : 127;
	q->out_zp = next() % 2 ? -128 : 127;
	q->act_min = next() % 3 ? -128 : range(-128, 127);
	q->act_max = next() % 3 ? 127 : range(q->act_min, 127);
}

static void free_quant(quant *q)
{
	free(q->mult);
	free(q->shift);
	free(q->bias);
}

/* A kernel variant under test. */
typedef struct variant {
	const char *name; /* "avx2", "sse41" */
	unsigned need; /* MOTE_X86_* bit */
	size_t (*conv_scratch)(const mote_conv2d_params *);
	void (*conv)(const mote_conv2d_params *, const int8_t *, const int8_t *,
		     const int32_t *, int8_t *, void *);
	size_t (*dw_scratch)(const mote_depthwise_conv2d_params *);
	void (*dw)(const mote_depthwise_conv2d_params *, const int8_t *,
		   const int8_t *, const int32_t *, int8_t *, void *);
	size_t (*fc_scratch)(const mote_fc_params *);
	void (*fc)(const mote_fc_params *, const int8_t *, const int8_t *,
		   const int32_t *, int8_t *, void *);
} variant;

/* Scratch of `bytes`, 8-byte aligned, poisoned. */
static void *scratch_alloc(size_t bytes)
{
	void *s = aligned_alloc(16, (bytes + 16) & ~(size_t)15);
	memset(s, 0xA5, (bytes + 16) & ~(size_t)15);
	return s;
}

/* ---- Convolution. ---- */

static void run_conv(const variant *v, const layer *l, bool no_bias)
{
	mote_conv2d_params p = {0};
	quant q;
	char what[160];

	p.batches = l->batches;
	p.in_h = l->in_h;
	p.in_w = l->in_w;
	p.in_c = p.filter_c = l->in_c;
	p.filter_h = l->filter_h;
	p.filter_w = l->filter_w;
	p.out_c = l->out_c;
	p.groups = 1;
	p.stride_h = p.stride_w = l->stride;
	p.dilation_h = p.dilation_w = l->dilation;
	out_dim(p.in_h, p.filter_h, p.stride_h, p.dilation_h, l->pad, &p.out_h,
		&p.pad_h);
	out_dim(p.in_w, p.filter_w, p.stride_w, p.dilation_w, l->pad, &p.out_w,
		&p.pad_w);
	make_quant(&q, p.out_c, l->quant, p.filter_h * p.filter_w * p.in_c);
	p.in_zp = q.in_zp;
	p.out_zp = q.out_zp;
	p.act_min = q.act_min;
	p.act_max = q.act_max;
	p.mult = q.mult;
	p.shift = q.shift;

	size_t n_in = (size_t)p.batches * p.in_h * p.in_w * p.in_c;
	size_t n_f = (size_t)p.out_c * p.filter_h * p.filter_w * p.in_c;
	size_t n_out = (size_t)p.batches * p.out_h * p.out_w * p.out_c;
	/* Exact-size allocations: ASan sees any read past an edge. */
	int8_t *in = malloc(n_in), *f = malloc(n_f);
	int8_t *got = malloc(n_out), *want = malloc(n_out);
	void *s_ref = scratch_alloc(mote_conv2d_s8_scratch_size(&p));
	void *s_var = scratch_alloc(v->conv_scratch(&p));
	const int32_t *bias = no_bias ? NULL : q.bias;

	fill_s8(in, n_in);
	fill_s8(f, n_f);
	memset(got, 0x5A, n_out);
	mote_conv2d_s8(&p, in, f, bias, want, s_ref);
	v->conv(&p, in, f, bias, got, s_var);
	/* Twice: the variant may not depend on the scratch's old contents. */
	v->conv(&p, in, f, bias, got, s_var);
	snprintf(what, sizeof what,
		 "%s conv %s: n%d %dx%dx%d f%dx%d oc%d s%d d%d pad%d q%d%s",
		 v->name, l->name, p.batches, p.in_h, p.in_w, p.in_c,
		 p.filter_h, p.filter_w, p.out_c, l->stride, l->dilation,
		 l->pad, l->quant, no_bias ? " nobias" : "");
	check(what, got, want, n_out);
	free(in);
	free(f);
	free(got);
	free(want);
	free(s_ref);
	free(s_var);
	free_quant(&q);
}

/* ---- Depthwise convolution (depth_mult 1, or one input channel). ---- */

static void run_dw(const variant *v, const layer *l, bool no_bias)
{
	mote_depthwise_conv2d_params p = {0};
	quant q;
	char what[160];

	p.batches = l->batches;
	p.in_h = l->in_h;
	p.in_w = l->in_w;
	/* One input channel: a one-channel convolution as TFLite converts it
	 * (depth_mult = out_c); else depth_mult 1. */
	p.in_c = l->in_c;
	p.depth_mult = l->in_c == 1 ? l->out_c : 1;
	p.out_c = p.in_c * p.depth_mult;
	p.filter_h = l->filter_h;
	p.filter_w = l->filter_w;
	p.stride_h = p.stride_w = l->stride;
	p.dilation_h = p.dilation_w = l->dilation;
	out_dim(p.in_h, p.filter_h, p.stride_h, p.dilation_h, l->pad, &p.out_h,
		&p.pad_h);
	out_dim(p.in_w, p.filter_w, p.stride_w, p.dilation_w, l->pad, &p.out_w,
		&p.pad_w);
	make_quant(&q, p.out_c, l->quant, p.filter_h * p.filter_w);
	p.in_zp = q.in_zp;
	p.out_zp = q.out_zp;
	p.act_min = q.act_min;
	p.act_max = q.act_max;
	p.mult = q.mult;
	p.shift = q.shift;

	size_t n_in = (size_t)p.batches * p.in_h * p.in_w * p.in_c;
	size_t n_f = (size_t)p.out_c * p.filter_h * p.filter_w;
	size_t n_out = (size_t)p.batches * p.out_h * p.out_w * p.out_c;
	int8_t *in = malloc(n_in), *f = malloc(n_f);
	int8_t *got = malloc(n_out), *want = malloc(n_out);
	void *s_ref = scratch_alloc(mote_depthwise_conv2d_s8_scratch_size(&p));
	void *s_var = scratch_alloc(v->dw_scratch(&p));
	const int32_t *bias = no_bias ? NULL : q.bias;

	fill_s8(in, n_in);
	fill_s8(f, n_f);
	memset(got, 0x5A, n_out);
	mote_depthwise_conv2d_s8(&p, in, f, bias, want, s_ref);
	v->dw(&p, in, f, bias, got, s_var);
	snprintf(what, sizeof what,
		 "%s dw %s: n%d %dx%dx%d f%dx%d dm%d s%d d%d pad%d q%d%s",
		 v->name, l->name, p.batches, p.in_h, p.in_w, p.in_c,
		 p.filter_h, p.filter_w, p.depth_mult, l->stride, l->dilation,
		 l->pad, l->quant, no_bias ? " nobias" : "");
	check(what, got, want, n_out);
	free(in);
	free(f);
	free(got);
	free(want);
	free(s_ref);
	free(s_var);
	free_quant(&q);
}

/* ---- Fully connected: accum = in_h * in_w * in_c, batches rows. ---- */

static void run_fc(const variant *v, const layer *l, bool no_bias)
{
	mote_fc_params p = {0};
	quant q;
	char what[160];
	bool per_channel = next() % 2;

	p.batches = l->batches;
	p.accum = l->in_h * l->in_w * l->in_c;
	p.out_c = l->out_c;
	make_quant(&q, p.out_c, l->quant, p.accum);
	p.in_offset = -q.in_zp;
	p.filter_offset = l->quant == 0 ? 0 : -range(-128, 127);
	p.out_zp = q.out_zp;
	p.act_min = q.act_min;
	p.act_max = q.act_max;
	p.mult = q.mult[0];
	p.shift = q.shift[0];
	p.ch_mult = per_channel ? q.mult : NULL;
	p.ch_shift = per_channel ? q.shift : NULL;
	/* The reference adds the zero point without wrapping: keep extreme
	 * multipliers clear of int32 overflow there. */
	if (l->quant == 1)
		p.out_zp = 0;

	size_t n_in = (size_t)p.batches * p.accum;
	size_t n_f = (size_t)p.out_c * p.accum;
	size_t n_out = (size_t)p.batches * p.out_c;
	int8_t *in = malloc(n_in), *f = malloc(n_f);
	int8_t *got = malloc(n_out), *want = malloc(n_out);
	void *s_var = scratch_alloc(v->fc_scratch(&p));
	const int32_t *bias = no_bias ? NULL : q.bias;

	fill_s8(in, n_in);
	fill_s8(f, n_f);
	memset(got, 0x5A, n_out);
	mote_fully_connected_s8(&p, in, f, bias, want);
	v->fc(&p, in, f, bias, got, s_var);
	snprintf(what, sizeof what, "%s fc %s: n%d accum %d oc%d fo%d q%d%s%s",
		 v->name, l->name, p.batches, p.accum, p.out_c, p.filter_offset,
		 l->quant, per_channel ? " per-channel" : "",
		 no_bias ? " nobias" : "");
	check(what, got, want, n_out);
	free(in);
	free(f);
	free(got);
	free(want);
	free(s_var);
	free_quant(&q);
}

/* Hand-picked rows, the shapes of the benchmark models among them. */
static const layer layers[] = {
	{"1x1", 1, 5, 7, 16, 1, 1, 16, 1, 1, 0, 0},
	{"1x1 odd", 1, 3, 5, 13, 1, 1, 7, 1, 1, 0, 0},
	{"1x1 c1", 1, 4, 4, 1, 1, 1, 1, 1, 1, 0, 0},
	{"person 3x3 c1 to 8 stride 2", 1, 13, 12, 1, 3, 3, 8, 2, 1, 1, 0},
	{"3x3 c1 to 37", 2, 7, 6, 1, 3, 3, 37, 1, 1, 1, 1},
	{"3x3 c1 to 16 dilation 2", 1, 9, 8, 1, 3, 3, 16, 1, 2, 1, 0},
	{"1x1 stride 2", 1, 9, 9, 24, 1, 1, 20, 2, 1, 0, 0},
	{"1x1 rgb to 23: short filters end", 1, 4, 5, 3, 1, 1, 23, 1, 1, 0, 0},
	{"1x1 in place, 32 to 40", 2, 3, 5, 32, 1, 1, 40, 2, 1, 0, 0},
	{"3x3 same", 1, 8, 8, 16, 3, 3, 32, 1, 1, 1, 0},
	{"3x3 same stride 2", 1, 9, 10, 8, 3, 3, 8, 2, 1, 1, 0},
	{"3x3 rgb stride 2", 1, 12, 12, 3, 3, 3, 8, 2, 1, 1, 0},
	{"3x3 dilation 2", 1, 9, 9, 5, 3, 3, 6, 1, 2, 1, 0},
	{"3x3 dilation 3 stride 2", 2, 11, 13, 17, 3, 3, 9, 2, 3, 1, 0},
	{"kws 10x4 stride 2", 1, 49, 10, 1, 10, 4, 64, 2, 1, 1, 0},
	{"5x5 beyond", 1, 6, 7, 4, 5, 5, 5, 1, 1, 2, 0},
	{"4x2 beyond stride 2", 2, 5, 5, 9, 4, 2, 11, 2, 1, 2, 0},
	{"batch 2", 2, 6, 6, 32, 3, 3, 12, 1, 1, 1, 0},
	{"extreme", 1, 6, 6, 33, 3, 3, 19, 1, 1, 1, 1},
	{"extreme 1x1", 2, 5, 3, 64, 1, 1, 64, 1, 1, 0, 1},
	{"limits", 1, 7, 7, 48, 3, 3, 17, 2, 1, 1, 2},
	{"filter larger than input", 1, 2, 3, 7, 5, 5, 6, 1, 1, 1, 0},
	{"1x1 input", 2, 1, 1, 40, 3, 3, 10, 1, 1, 1, 0},
	{"wide", 1, 3, 3, 200, 3, 3, 37, 1, 1, 1, 0},
	{"deep accumulate", 1, 4, 4, 512, 3, 3, 5, 1, 1, 1, 1},
};

/* A random row: small shapes with every feature in play. */
static layer random_layer(int k)
{
	static const int32_t chans[] = { 1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16,
					 17, 23, 24, 31, 32, 33, 40, 47, 64 };
	layer l;

	l.name = "random";
	l.batches = range(1, 2);
	l.in_h = range(1, 12);
	l.in_w = range(1, 12);
	l.in_c = chans[next() % 20];
	l.filter_h = range(1, 5);
	l.filter_w = range(1, 5);
	l.out_c = chans[next() % 20];
	l.stride = range(1, 3);
	l.dilation = next() % 4 == 0 ? range(2, 3) : 1;
	l.pad = range(0, 2);
	l.quant = k % 5 == 0 ? 1 : (k % 5 == 1 ? 2 : 0);
	return l;
}

static void test_variant(const variant *v)
{
	size_t n = sizeof layers / sizeof layers[0];
	int before = failed;

	for (size_t i = 0; i < n; i++) {
		rng = 1000u + (uint32_t)i;
		run_conv(v, &layers[i], i % 4 == 3);
		run_dw(v, &layers[i], i % 4 == 2);
		run_fc(v, &layers[i], i % 4 == 1);
	}
	for (int k = 0; k < 400; k++) {
		layer l;
		rng = 77777u + (uint32_t)k;
		l = random_layer(k);
		run_conv(v, &l, k % 6 == 5);
		run_dw(v, &l, k % 6 == 4);
		run_fc(v, &l, k % 6 == 3);
	}
	printf("%s: %s\n", v->name,
	       failed == before ? "all cases bit-exact" : "MISMATCHES");
}

static const variant variants[] = {
	{"avx2", MOTE_X86_AVX2, mote_conv2d_s8_avx2_scratch_size,
	 mote_conv2d_s8_avx2, mote_depthwise_conv2d_s8_avx2_scratch_size,
	 mote_depthwise_conv2d_s8_avx2,
	 mote_fully_connected_s8_avx2_scratch_size,
	 mote_fully_connected_s8_avx2},
	{"sse41", MOTE_X86_SSE41, mote_conv2d_s8_sse41_scratch_size,
	 mote_conv2d_s8_sse41, mote_depthwise_conv2d_s8_sse41_scratch_size,
	 mote_depthwise_conv2d_s8_sse41,
	 mote_fully_connected_s8_sse41_scratch_size,
	 mote_fully_connected_s8_sse41},
};

int main(void)
{
	unsigned have = mote__x86_features();

	printf("kernels: %s; CPU:%s%s\n", mote_kernels_variant,
	       have & MOTE_X86_SSE41 ? " sse4.1" : "",
	       have & MOTE_X86_AVX2 ? " avx2" : "");
	if (have & MOTE_X86_AVX2)
		test_requant("avx2", rq_avx2);
	if (have & MOTE_X86_SSE41)
		test_requant("sse41", rq_sse41);
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		if (!(have & variants[i].need)) {
			printf("%s: skipped: not available (CPU, or "
			       "MOTE_X86_FEATURE_MASK)\n",
			       variants[i].name);
			continue;
		}
		test_variant(&variants[i]);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
