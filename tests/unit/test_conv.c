/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_conv.c - tests of the convolution kernels (kernels/conv2d.h,
 * kernels/depthwise_conv2d.h).
 *
 * A standalone host program: prints one line per failed check (first
 * mismatch: index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * Each row of the case tables is run for every dtype (int8, int8 with int4
 * filter, 16x8 with int64 and with int32 bias, float32) on seeded random
 * data, and each kernel is compared with:
 * - a naive re-derivation written here the way TFLM's reference kernel is
 *   written (one output element at a time, every tap bounds-checked,
 *   int32 sums wrapping): integer outputs must match bit for bit and float
 *   outputs must match exactly, since the float sum runs in the same order;
 * - an independent float64 evaluation of the real-valued convolution:
 *   quantized outputs within 1 LSB (the double rounding of TFLite's
 *   requantization costs at most one), float outputs within
 *   1e-6 + (taps + 2) * 2^-24 * (sum|x * w| + |bias|), the worst case of
 *   float32 round-to-nearest summation of that many terms.
 * Rows cover odd shapes, channels % 4 != 0, strides 2, SAME/VALID padding
 * wider than the input, dilation, batch 2, groups, depth multipliers,
 * absent bias, extreme zero points, multipliers above one and fused
 * activation clamps. Separate checks cover the tap range helper, int4
 * unpacking and the wrap-around of the 32-bit 16x8 accumulator.
 *
 * The operators (src/ops/conv_2d.c, depthwise_conv_2d.c) are tested through
 * one-operator models built with tfl_builder and run by the interpreter:
 * every case row again, with the same naive reference (this checks option
 * parsing, padding, multipliers and kernel choice), and a table of broken
 * models, each with the status prepare must return.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/fixedpoint.h"
#include "mote.h"
#include "tfl_builder.h"

/* ---- Random data (seeded in main). -------------------------------------- */

/* Uniform float in [-1, 1). */
static float rnd_float(void)
{
	return (float)((double)(rnd() >> 8) / 8388608.0 - 1.0);
}

/* ---- Cases. ------------------------------------------------------------ */

/* One convolution geometry and quantization; run for every dtype. */
typedef struct conv_case {
	const char *name; /* row label */
	int32_t n, h, w, c; /* input shape */
	int32_t oc; /* output channels (conv); depth multiplier (depthwise) */
	int32_t kh, kw; /* filter size */
	int32_t groups; /* conv groups (ignored for depthwise) */
	int32_t sh, sw; /* strides */
	int32_t dh, dw; /* dilations */
	int same; /* 1: SAME padding, 0: VALID */
	int bias; /* 1: with bias */
	int32_t in_zp, out_zp; /* int8 zero points */
	double in_scale; /* input scale */
	double w_scale; /* largest filter scale */
	double out_scale; /* output scale */
	int clamp; /* 1: a narrow fused-activation range */
} conv_case;

static const conv_case conv_cases[] = {
	{ "1x1 pointwise", 1, 5, 7, 8, 16, 1, 1, 1, 1, 1, 1, 1, 0, 1, -128,
	  -128, 0.02, 0.01, 0.05, 0 },
	{ "3x3 same odd c", 1, 7, 6, 3, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 5, -3,
	  0.03, 0.02, 0.04, 0 },
	{ "3x3 stride 2 same", 2, 9, 8, 5, 7, 3, 3, 1, 2, 2, 1, 1, 1, 1, 127,
	  -128, 0.01, 0.02, 0.03, 1 },
	{ "5x3 valid stride 2x1", 1, 11, 9, 6, 3, 5, 3, 1, 2, 1, 1, 1, 0, 0,
	  -7, 12, 0.05, 0.01, 0.08, 0 },
	{ "dilated same", 2, 8, 9, 4, 6, 3, 2, 1, 1, 1, 2, 3, 1, 1, -1, 0,
	  0.02, 0.03, 0.07, 0 },
	{ "filter wider than input", 1, 3, 2, 7, 4, 5, 5, 1, 1, 1, 1, 1, 1, 1,
	  -20, 30, 0.02, 0.02, 0.02, 0 },
	{ "groups 2", 1, 6, 5, 8, 6, 3, 3, 2, 1, 2, 1, 1, 1, 1, 3, 1, 0.04,
	  0.02, 0.06, 0 },
	{ "groups 3 dilated valid", 2, 9, 7, 9, 3, 2, 3, 3, 2, 1, 2, 2, 0, 0,
	  -100, 100, 0.02, 0.02, 0.05, 1 },
	{ "multiplier above one", 1, 4, 4, 2, 3, 1, 1, 1, 1, 1, 1, 1, 0, 1,
	  0, 0, 0.5, 0.5, 0.01, 0 },
	{ "tiny multiplier", 1, 5, 5, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 10, 2,
	  0.0001, 0.0001, 10.0, 0 },
	{ "1x1 input", 2, 1, 1, 13, 9, 3, 3, 1, 2, 2, 1, 1, 1, 1, -50, 20,
	  0.02, 0.02, 0.03, 0 },
	{ "wide row", 1, 2, 31, 17, 5, 1, 7, 1, 1, 3, 1, 1, 1, 0, 60, -60,
	  0.01, 0.01, 0.03, 0 },
};

static const conv_case dw_cases[] = {
	{ "3x3 same", 1, 7, 6, 8, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, -128, -128,
	  0.02, 0.02, 0.05, 0 },
	{ "3x3 stride 2 odd c", 2, 9, 8, 5, 1, 3, 3, 1, 2, 2, 1, 1, 1, 1, 17,
	  -5, 0.03, 0.03, 0.04, 1 },
	{ "multiplier 2", 1, 6, 7, 3, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 127, 0,
	  0.01, 0.02, 0.02, 0 },
	{ "multiplier 3 valid", 2, 8, 5, 7, 3, 2, 3, 1, 2, 1, 1, 1, 0, 0, -9,
	  9, 0.02, 0.02, 0.03, 0 },
	{ "dilated same", 1, 10, 9, 6, 1, 3, 3, 1, 1, 2, 2, 3, 1, 1, 0, 3,
	  0.02, 0.04, 0.05, 0 },
	{ "filter wider than input", 1, 2, 3, 4, 2, 5, 5, 1, 1, 1, 1, 1, 1, 1,
	  -30, 4, 0.02, 0.02, 0.02, 0 },
	{ "5x5 stride 2 valid", 1, 12, 11, 9, 1, 5, 5, 1, 2, 2, 1, 1, 0, 1,
	  40, -40, 0.01, 0.03, 0.03, 1 },
	{ "multiplier above one", 1, 4, 4, 3, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0,
	  0, 0.5, 0.5, 0.01, 0 },
	{ "1x1 input dm 4", 2, 1, 1, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 0, -2, 2,
	  0.02, 0.02, 0.03, 0 },
};

/* ---- Shared set-up. ---------------------------------------------------- */

/* Output size and leading padding as TFLite's padding.h defines them. */
static void out_dim(int same, int32_t in, int32_t k, int32_t s, int32_t d,
		    int32_t *out, int32_t *pad)
{
	int32_t eff = (k - 1) * d + 1;
	int32_t total;

	*out = same ? (in + s - 1) / s : (in + s - eff) / s;
	total = (*out - 1) * s + eff - in;
	*pad = total > 0 ? total / 2 : 0;
}

/* Everything one run needs: shapes, quantization and buffers. */
typedef struct setup {
	int32_t oh, ow, pad_h, pad_w; /* output geometry */
	int32_t out_c; /* output channels */
	size_t n_in, n_filter, n_out; /* element counts */
	double *w_scale; /* per output channel filter scale */
	int32_t *mult, *shift; /* per output channel multipliers */
} setup;

static void make_setup(const conv_case *cc, int32_t out_c, setup *s)
{
	out_dim(cc->same, cc->h, cc->kh, cc->sh, cc->dh, &s->oh, &s->pad_h);
	out_dim(cc->same, cc->w, cc->kw, cc->sw, cc->dw, &s->ow, &s->pad_w);
	s->out_c = out_c;
	s->n_in = (size_t)cc->n * cc->h * cc->w * cc->c;
	s->n_out = (size_t)cc->n * s->oh * s->ow * out_c;
	s->w_scale = calloc((size_t)out_c, sizeof(double));
	s->mult = calloc((size_t)out_c, sizeof(int32_t));
	s->shift = calloc((size_t)out_c, sizeof(int32_t));
	for (int32_t i = 0; i < out_c; i++) {
		int sh;
		/* Per-channel scales between w_scale / 4 and w_scale, stored as
		 * float like a model's, then widened as TFLite does. */
		float ws = (float)(cc->w_scale * (0.25 + 0.75 * (rnd() % 1000) /
								999.0));
		float is = (float)cc->in_scale, os = (float)cc->out_scale;
		s->w_scale[i] = (double)ws;
		mote_quantize_multiplier((double)is * (double)ws / (double)os,
					 &s->mult[i], &sh);
		s->shift[i] = sh;
	}
}

static void free_setup(setup *s)
{
	free(s->w_scale);
	free(s->mult);
	free(s->shift);
}

/* Fused activation range: full type range or a narrow window. */
static void act_range(const conv_case *cc, int bits, int32_t zp,
		      int32_t *lo, int32_t *hi)
{
	*lo = bits == 8 ? -128 : -32768;
	*hi = bits == 8 ? 127 : 32767;
	if (cc->clamp) {
		*lo = zp > *lo + 10 ? zp - 10 : *lo;
		*hi = zp < *hi - 20 ? zp + 20 : *hi;
	}
}

/* Compares n elements; counts one check and prints the first mismatch. */
static void check_i32(const char *what, const char *name, const int32_t *got,
		      const int32_t *want, size_t n, int32_t tol)
{
	for (size_t i = 0; i < n; i++) {
		int32_t d = got[i] - want[i];
		if (d > tol || d < -tol) {
			n_fail++;
			printf("FAIL %s [%s]: index %zu got %d want %d\n", what,
			       name, i, (int)got[i], (int)want[i]);
			return;
		}
	}
	n_pass++;
}

/* ---- Naive references (TFLM's loop order, one element at a time). ------ */

/* Index of an output element decomposed as (b, y, x, c). */
typedef struct pos {
	int32_t b, y, x, c;
} pos;

static pos decompose(size_t i, int32_t oh, int32_t ow, int32_t oc)
{
	pos p;

	p.c = (int32_t)(i % (size_t)oc);
	i /= (size_t)oc;
	p.x = (int32_t)(i % (size_t)ow);
	i /= (size_t)ow;
	p.y = (int32_t)(i % (size_t)oh);
	p.b = (int32_t)(i / (size_t)oh);
	return p;
}

/* Input coordinate of filter tap (fy, fx) for output o; -1 if outside. */
static long tap_index(const conv_case *cc, const setup *s, pos o, int32_t fy,
		      int32_t fx)
{
	int32_t iy = o.y * cc->sh - s->pad_h + fy * cc->dh;
	int32_t ix = o.x * cc->sw - s->pad_w + fx * cc->dw;

	if (iy < 0 || iy >= cc->h || ix < 0 || ix >= cc->w)
		return -1;
	return (((long)o.b * cc->h + iy) * cc->w + ix) * cc->c;
}

/*
 * Conv window sum of output o the TFLM way: sum of w * (x + off) over the
 * taps inside the input, in int64 (xs16 or xs8 is the input), plus the sum
 * of the real products in *real (unscaled, for the float64 check).
 */
static int64_t conv_sum(const conv_case *cc, const setup *s, pos o,
			const int8_t *xs8, const int16_t *xs16,
			const int8_t *f, int32_t off)
{
	int32_t fc = cc->c / cc->groups;
	int32_t g = o.c / (s->out_c / cc->groups);
	int64_t acc = 0;

	for (int32_t t = 0; t < cc->kh * cc->kw * fc; t++) {
		int32_t fy = t / (cc->kw * fc), fx = t / fc % cc->kw;
		long at = tap_index(cc, s, o, fy, fx);
		int32_t x;
		if (at < 0)
			continue;
		at += g * fc + t % fc;
		x = xs8 != NULL ? xs8[at] : xs16[at];
		acc += (int64_t)f[(long)o.c * cc->kh * cc->kw * fc + t] *
		       (x + off);
	}
	return acc;
}

/* Depthwise window sum of output o (input channel o.c / dm). */
static int64_t dw_sum(const conv_case *cc, const setup *s, pos o,
		      const int8_t *xs8, const int16_t *xs16, const int8_t *f,
		      int32_t off)
{
	int64_t acc = 0;

	for (int32_t t = 0; t < cc->kh * cc->kw; t++) {
		long at = tap_index(cc, s, o, t / cc->kw, t % cc->kw);
		int32_t x;
		if (at < 0)
			continue;
		at += o.c / cc->oc;
		x = xs8 != NULL ? xs8[at] : xs16[at];
		acc += (int64_t)f[(long)t * s->out_c + o.c] * (x + off);
	}
	return acc;
}

/* Float window sum in TFLM's order (float32 steps), returned; also the
 * same sum in float64 (*real, the real value for the tolerance) and the
 * sum of |x * w| (*mag). */
static float f32_sum(const conv_case *cc, const setup *s, pos o, int dw,
		     const float *x, const float *f, double *real,
		     double *mag)
{
	int32_t fc = dw ? 1 : cc->c / cc->groups;
	int32_t c0 = dw ? o.c / cc->oc : o.c / (s->out_c / cc->groups) * fc;
	float total = 0.0f;

	*real = 0.0;
	*mag = 0.0;
	for (int32_t t = 0; t < cc->kh * cc->kw * fc; t++) {
		int32_t fy = t / (cc->kw * fc), fx = t / fc % cc->kw;
		long at = tap_index(cc, s, o, fy, fx);
		float w;
		if (at < 0)
			continue;
		if (dw)
			w = f[(long)t * s->out_c + o.c];
		else
			w = f[(long)o.c * cc->kh * cc->kw * fc + t];
		total += x[at + c0 + t % fc] * w;
		*real += (double)x[at + c0 + t % fc] * (double)w;
		*mag += fabs((double)x[at + c0 + t % fc] * (double)w);
	}
	return total;
}

/* Bias of channel c, 0 when absent. */
static float b_of(const float *b, int32_t c)
{
	return b != NULL ? b[c] : 0.0f;
}

/* ---- Quantized runs. --------------------------------------------------- */

/* The buffers of one quantized run. */
typedef struct qbufs {
	int8_t *x8; /* int8 input, or NULL */
	int16_t *x16; /* int16 input, or NULL */
	int8_t *f; /* int8 filter (int4 range for s8w4) */
	uint8_t *f4; /* the same filter packed as int4, or NULL */
	int32_t *b32; /* int32 bias, or NULL */
	int64_t *b64; /* int64 bias, or NULL */
	int32_t *got; /* kernel output widened */
	int32_t *want; /* naive reference output */
	int32_t *approx; /* float64 evaluation, rounded */
} qbufs;

/* Packs int8 values in [-8, 7] two per byte, low nibble first. */
static uint8_t *pack_int4(const int8_t *v, size_t n)
{
	uint8_t *p = calloc((n + 1) / 2, 1);

	for (size_t i = 0; i < n; i++)
		p[i / 2] |= (uint8_t)((v[i] & 0x0F) << (4 * (i % 2)));
	return p;
}

/* Random filter, input and bias for one run. */
static void fill_q(const conv_case *cc, const setup *s, int bits, int w4,
		   qbufs *q)
{
	int32_t lo = bits == 8 ? -128 : -32768, hi = bits == 8 ? 127 : 32767;

	memset(q, 0, sizeof *q);
	if (bits == 8)
		q->x8 = malloc(s->n_in);
	else
		q->x16 = malloc(s->n_in * 2);
	for (size_t i = 0; i < s->n_in; i++) {
		if (bits == 8)
			q->x8[i] = (int8_t)rnd_int(lo, hi);
		else
			q->x16[i] = (int16_t)rnd_int(lo, hi);
	}
	q->f = malloc(s->n_filter);
	for (size_t i = 0; i < s->n_filter; i++)
		q->f[i] = (int8_t)(w4 ? rnd_int(-8, 7) : rnd_int(-127, 127));
	if (w4)
		q->f4 = pack_int4(q->f, s->n_filter);
	if (cc->bias) {
		q->b32 = malloc((size_t)s->out_c * 4);
		q->b64 = malloc((size_t)s->out_c * 8);
		for (int32_t i = 0; i < s->out_c; i++) {
			q->b32[i] = rnd_int(-40000, 40000);
			q->b64[i] = (int64_t)rnd_int(-4000000, 4000000) * 16;
		}
	}
	q->got = calloc(s->n_out, 4);
	q->want = calloc(s->n_out, 4);
	q->approx = calloc(s->n_out, 4);
}

static void free_q(qbufs *q)
{
	free(q->x8);
	free(q->x16);
	free(q->f);
	free(q->f4);
	free(q->b32);
	free(q->b64);
	free(q->got);
	free(q->want);
	free(q->approx);
}

/* The path of a quantized run. */
typedef enum qkind { Q_S8, Q_S8W4, Q_S16, Q_S16_ACC32 } qkind;

static const char *const qkind_name[] = { "s8", "s8w4", "s16", "s16_acc32" };

/*
 * The naive TFLM result of one element from its window sum, and the
 * float64 value of the real convolution quantized to the output.
 */
static void ref_element(const conv_case *cc, const setup *s, qkind k,
			const qbufs *q, pos o, int64_t sum, int32_t lo,
			int32_t hi, size_t i)
{
	int32_t zp = k <= Q_S8W4 ? cc->out_zp : 0;
	double real, r;
	int32_t v;

	if (k == Q_S16) {
		int64_t a = sum + (q->b64 != NULL ? q->b64[o.c] : 0);
		v = mote_mul_by_quant_mult_64(a, s->mult[o.c], s->shift[o.c]);
		real = (double)a;
	} else {
		int32_t b = q->b32 != NULL ? q->b32[o.c] : 0;
		uint32_t a = (uint32_t)sum + (uint32_t)b;
		v = mote_mul_by_quant_mult((int32_t)a, s->mult[o.c],
					   s->shift[o.c]) +
		    zp;
		real = (double)sum + (double)b;
	}
	q->want[i] = mote_clamp_i32(v, lo, hi);
	real *= (double)(float)cc->in_scale * s->w_scale[o.c] /
		(double)(float)cc->out_scale;
	r = floor(real + 0.5) + zp;
	r = r < lo ? lo : (r > hi ? hi : r);
	q->approx[i] = (int32_t)r;
}

/* Runs the kernel of kind k (conv or depthwise) into q->got. */
static void run_conv(qkind k, const mote_conv2d_params *p, qbufs *q,
		     size_t n_out)
{
	void *scratch = NULL;
	int8_t *o8 = malloc(n_out);
	int16_t *o16 = malloc(n_out * 2);

	if (k == Q_S8) {
		scratch = malloc(mote_conv2d_s8_scratch_size(p));
		mote_conv2d_s8(p, q->x8, q->f, q->b32, o8, scratch);
	} else if (k == Q_S8W4) {
		scratch = malloc(mote_conv2d_s8w4_scratch_size(p));
		mote_conv2d_s8w4(p, q->x8, q->f4, q->b32, o8, scratch);
	} else if (k == Q_S16) {
		mote_conv2d_s16(p, q->x16, q->f, q->b64, o16);
	} else {
		mote_conv2d_s16_acc32(p, q->x16, q->f, q->b32, o16);
	}
	for (size_t i = 0; i < n_out; i++)
		q->got[i] = k <= Q_S8W4 ? o8[i] : o16[i];
	free(scratch);
	free(o8);
	free(o16);
}

static void run_dw(qkind k, const mote_depthwise_conv2d_params *p, qbufs *q,
		   size_t n_out)
{
	void *scratch = NULL;
	int8_t *o8 = malloc(n_out);
	int16_t *o16 = malloc(n_out * 2);

	if (k == Q_S8) {
		scratch = malloc(mote_depthwise_conv2d_s8_scratch_size(p));
		mote_depthwise_conv2d_s8(p, q->x8, q->f, q->b32, o8, scratch);
	} else if (k == Q_S8W4) {
		scratch = malloc(mote_depthwise_conv2d_s8w4_scratch_size(p));
		mote_depthwise_conv2d_s8w4(p, q->x8, q->f4, q->b32, o8,
					   scratch);
	} else {
		scratch = malloc(mote_depthwise_conv2d_s16_scratch_size(p));
		mote_depthwise_conv2d_s16(p, q->x16, q->f, q->b64, o16,
					  scratch);
	}
	for (size_t i = 0; i < n_out; i++)
		q->got[i] = k <= Q_S8W4 ? o8[i] : o16[i];
	free(scratch);
	free(o8);
	free(o16);
}

/* Conv params of a case (shared by every dtype). */
static mote_conv2d_params conv_params(const conv_case *cc, const setup *s)
{
	mote_conv2d_params p = { 0 };

	p.batches = cc->n;
	p.in_h = cc->h;
	p.in_w = cc->w;
	p.in_c = cc->c;
	p.filter_h = cc->kh;
	p.filter_w = cc->kw;
	p.filter_c = cc->c / cc->groups;
	p.out_h = s->oh;
	p.out_w = s->ow;
	p.out_c = s->out_c;
	p.groups = cc->groups;
	p.stride_h = cc->sh;
	p.stride_w = cc->sw;
	p.dilation_h = cc->dh;
	p.dilation_w = cc->dw;
	p.pad_h = s->pad_h;
	p.pad_w = s->pad_w;
	p.mult = s->mult;
	p.shift = s->shift;
	return p;
}

static mote_depthwise_conv2d_params dw_params(const conv_case *cc,
					      const setup *s)
{
	mote_depthwise_conv2d_params p = { 0 };

	p.batches = cc->n;
	p.in_h = cc->h;
	p.in_w = cc->w;
	p.in_c = cc->c;
	p.filter_h = cc->kh;
	p.filter_w = cc->kw;
	p.out_h = s->oh;
	p.out_w = s->ow;
	p.out_c = s->out_c;
	p.depth_mult = cc->oc;
	p.stride_h = cc->sh;
	p.stride_w = cc->sw;
	p.dilation_h = cc->dh;
	p.dilation_w = cc->dw;
	p.pad_h = s->pad_h;
	p.pad_w = s->pad_w;
	p.mult = s->mult;
	p.shift = s->shift;
	return p;
}

/* Naive reference outputs of a quantized run into q->want / q->approx. */
static void reference_q(const conv_case *cc, int dw, qkind k, const setup *s,
			qbufs *q, int32_t lo, int32_t hi)
{
	int32_t in_zp = k <= Q_S8W4 ? cc->in_zp : 0;

	for (size_t i = 0; i < s->n_out; i++) {
		pos o = decompose(i, s->oh, s->ow, s->out_c);
		int64_t sum = dw ? dw_sum(cc, s, o, q->x8, q->x16, q->f, -in_zp)
				 : conv_sum(cc, s, o, q->x8, q->x16, q->f,
					    -in_zp);
		ref_element(cc, s, k, q, o, sum, lo, hi, i);
	}
}

/* Set-up and random data of a quantized run. */
static void prepare_q(const conv_case *cc, int dw, qkind k, setup *s,
		      qbufs *q)
{
	int32_t out_c = dw ? cc->c * cc->oc : cc->oc;

	make_setup(cc, out_c, s);
	s->n_filter = dw ? (size_t)cc->kh * cc->kw * out_c :
			   (size_t)out_c * cc->kh * cc->kw *
				   (cc->c / cc->groups);
	fill_q(cc, s, k <= Q_S8W4 ? 8 : 16, k == Q_S8W4, q);
}

/* One quantized run of a case: kernel vs naive vs float64. */
static void quantized_case(const conv_case *cc, int dw, qkind k)
{
	int bits = k <= Q_S8W4 ? 8 : 16;
	int32_t in_zp = bits == 8 ? cc->in_zp : 0;
	int32_t out_zp = bits == 8 ? cc->out_zp : 0;
	char what[96];
	setup s;
	qbufs q;
	int32_t lo, hi;

	prepare_q(cc, dw, k, &s, &q);
	act_range(cc, bits, out_zp, &lo, &hi);
	reference_q(cc, dw, k, &s, &q, lo, hi);
	if (dw) {
		mote_depthwise_conv2d_params p = dw_params(cc, &s);
		p.in_zp = in_zp;
		p.out_zp = out_zp;
		p.act_min = lo;
		p.act_max = hi;
		run_dw(k, &p, &q, s.n_out);
	} else {
		mote_conv2d_params p = conv_params(cc, &s);
		p.in_zp = in_zp;
		p.out_zp = out_zp;
		p.act_min = lo;
		p.act_max = hi;
		run_conv(k, &p, &q, s.n_out);
	}
	snprintf(what, sizeof what, "%s %s exact", dw ? "depthwise" : "conv",
		 qkind_name[k]);
	check_i32(what, cc->name, q.got, q.want, s.n_out, 0);
	snprintf(what, sizeof what, "%s %s float64", dw ? "depthwise" : "conv",
		 qkind_name[k]);
	check_i32(what, cc->name, q.got, q.approx, s.n_out, 1);
	free_q(&q);
	free_setup(&s);
}

/* ---- Float runs. ------------------------------------------------------- */

static void float_case(const conv_case *cc, int dw)
{
	int32_t out_c = dw ? cc->c * cc->oc : cc->oc;
	float lo = cc->clamp ? -0.5f : -3.40282347e38f;
	float hi = cc->clamp ? 0.75f : 3.40282347e38f;
	size_t n_filter, bad_exact = (size_t)-1, bad_tol = (size_t)-1;
	double taps = (double)cc->kh * cc->kw * (dw ? 1 : cc->c / cc->groups);
	float *x, *f, *b = NULL, *got;
	setup s;

	make_setup(cc, out_c, &s);
	n_filter = dw ? (size_t)cc->kh * cc->kw * out_c :
			(size_t)out_c * cc->kh * cc->kw * (cc->c / cc->groups);
	x = malloc(s.n_in * 4);
	f = malloc(n_filter * 4);
	got = malloc(s.n_out * 4);
	for (size_t i = 0; i < s.n_in; i++)
		x[i] = rnd_float() * 4.0f;
	for (size_t i = 0; i < n_filter; i++)
		f[i] = rnd_float();
	if (cc->bias) {
		b = malloc((size_t)out_c * 4);
		for (int32_t i = 0; i < out_c; i++)
			b[i] = rnd_float();
	}
	if (dw) {
		mote_depthwise_conv2d_params p = dw_params(cc, &s);
		void *scratch =
			malloc(mote_depthwise_conv2d_f32_scratch_size(&p));
		p.act_min_f = lo;
		p.act_max_f = hi;
		mote_depthwise_conv2d_f32(&p, x, f, b, got, scratch);
		free(scratch);
	} else {
		mote_conv2d_params p = conv_params(cc, &s);
		p.act_min_f = lo;
		p.act_max_f = hi;
		mote_conv2d_f32(&p, x, f, b, got);
	}
	for (size_t i = 0; i < s.n_out; i++) {
		pos o = decompose(i, s.oh, s.ow, out_c);
		double mag, real;
		float t = f32_sum(cc, &s, o, dw, x, f, &real, &mag);
		float want = t + (b != NULL ? b[o.c] : 0.0f);
		want = want < lo ? lo : want;
		want = hi < want ? hi : want;
		if (memcmp(&got[i], &want, 4) != 0 && bad_exact == (size_t)-1)
			bad_exact = i;
		real += (double)b_of(b, o.c);
		real = real < lo ? lo : (real > hi ? hi : real);
		mag += fabs((double)b_of(b, o.c));
		if (fabs(real - got[i]) > 1e-6 + (taps + 2) * 0x1p-24 * mag &&
		    bad_tol == (size_t)-1)
			bad_tol = i;
	}
	if (bad_exact != (size_t)-1) {
		n_fail++;
		printf("FAIL %s f32 exact [%s]: index %zu got %.9g\n",
		       dw ? "depthwise" : "conv", cc->name, bad_exact,
		       (double)got[bad_exact]);
	} else {
		n_pass++;
	}
	if (bad_tol != (size_t)-1) {
		n_fail++;
		printf("FAIL %s f32 float64 [%s]: index %zu\n",
		       dw ? "depthwise" : "conv", cc->name, bad_tol);
	} else {
		n_pass++;
	}
	free(x);
	free(f);
	free(b);
	free(got);
	free_setup(&s);
}

/* ---- Helpers and corner cases. ----------------------------------------- */

/* One mote__tap_range call against a brute-force scan; 1 if it agrees. */
static int tap_range_ok(int32_t origin, int32_t taps, int32_t d, int32_t size)
{
	int32_t lo, hi, want_lo = -1, want_hi = -1;

	for (int32_t t = 0; t < taps; t++) {
		int32_t at = origin + t * d;
		if (at < 0 || at >= size)
			continue;
		if (want_lo < 0)
			want_lo = t;
		want_hi = t + 1;
	}
	mote__tap_range(origin, taps, d, size, &lo, &hi);
	if (want_lo < 0 ? lo == hi : lo == want_lo && hi == want_hi)
		return 1;
	printf("FAIL tap_range(%d, %d, %d, %d) = [%d, %d)\n", (int)origin,
	       (int)taps, (int)d, (int)size, (int)lo, (int)hi);
	return 0;
}

/* mote__tap_range over origins -9..9, 1-6 taps, dilation 1-3, size 1-7. */
static void test_tap_range(void)
{
	int ok = 1;

	for (int i = 0; i < 19 * 6 * 3 * 7 && ok; i++)
		ok = tap_range_ok(i % 19 - 9, i / 19 % 6 + 1, i / 114 % 3 + 1,
				  i / 342 + 1);
	tally(ok);
}

/* mote__unpack_int4 on an odd count, including both extremes. */
static void test_unpack_int4(void)
{
	static const uint8_t packed[] = { 0x87, 0xF0, 0x1E, 0x09 };
	static const int8_t want[] = { 7, -8, 0, -1, -2, 1, -7 };
	int8_t got[8];

	memset(got, 0x55, sizeof got);
	mote__unpack_int4(packed, 7, got);
	check_i32("unpack_int4", "7 values", (int32_t[]){ got[0], got[1],
							  got[2], got[3],
							  got[4], got[5],
							  got[6], got[7] },
		  (int32_t[]){ want[0], want[1], want[2], want[3], want[4],
			       want[5], want[6], 0x55 },
		  8, 0);
}

/*
 * 16x8 with a 32-bit accumulator wraps as TFLM's int32 sum does: a 1x1
 * conv over 300 channels of 32767 * 127 sums past 2^31.
 */
static void test_acc32_wrap(void)
{
	enum { C = 300 };
	static int16_t x[C];
	static int8_t f[C];
	int32_t mult, shift, bias = 1000;
	int sh;
	int16_t got;
	uint32_t acc = 0;
	mote_conv2d_params p = { 0 };

	for (int i = 0; i < C; i++) {
		x[i] = 32767;
		f[i] = 127;
		acc += (uint32_t)(x[i] * f[i]);
	}
	acc += (uint32_t)bias;
	mote_quantize_multiplier(0.00001, &mult, &sh);
	shift = sh;
	p.batches = p.in_h = p.in_w = p.filter_h = p.filter_w = 1;
	p.out_h = p.out_w = p.out_c = p.groups = 1;
	p.in_c = p.filter_c = C;
	p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
	p.act_min = -32768;
	p.act_max = 32767;
	p.mult = &mult;
	p.shift = &shift;
	mote_conv2d_s16_acc32(&p, x, f, &bias, &got);
	check_i32("acc32 wrap", "300 channels", (int32_t[]){ got },
		  (int32_t[]){ mote_clamp_i32(
			  mote_mul_by_quant_mult((int32_t)acc, mult, shift),
			  -32768, 32767) },
		  1, 0);
}

/* ---- Operators, through one-operator models. --------------------------- */

/* A one-operator CONV_2D or DEPTHWISE_CONV_2D model. */
typedef struct model_desc {
	int dw; /* 0: CONV_2D, 1: DEPTHWISE_CONV_2D */
	mote_type in_t, f_t, b_t, out_t; /* tensor types (b_t if has_bias) */
	int has_bias; /* input 2 present */
	int32_t in[4], f[4], out[4]; /* shapes */
	int32_t stride_h, stride_w, dil_h, dil_w; /* options */
	int32_t padding, act, dm, qbt; /* options (dm: depthwise only) */
	float in_scale, out_scale; /* activation scales */
	int64_t in_zp, out_zp, f_zp; /* zero points (f_zp on every channel) */
	uint32_t n_fscale; /* filter scales: 1 or per channel */
	const float *fscale; /* NULL: all 0.01 */
	int32_t qdim; /* filter quantized dimension */
	int in_quant; /* 0: the input has no quantization */
	const void *f_data, *b_data; /* NULL: zero-filled */
} model_desc;

/* Elements of a 4-D shape. */
static size_t elems4(const int32_t *d)
{
	return (size_t)d[0] * d[1] * d[2] * d[3];
}

/* Bytes of n elements of type t (int4 packed). */
static size_t type_bytes(mote_type t, size_t n)
{
	return t == MOTE_INT4 ? (n + 1) / 2 : n * mote_type_size(t);
}

/* The filter tensor of a model. */
static int add_filter(tfl_builder *b, const model_desc *d)
{
	size_t n = elems4(d->f), bytes = type_bytes(d->f_t, n);
	uint32_t nq = d->n_fscale;
	float *sc = calloc(nq, sizeof(float));
	int64_t *zp = calloc(nq, sizeof(int64_t));
	void *zero = calloc(bytes, 1);
	int t;

	for (uint32_t i = 0; i < nq; i++) {
		sc[i] = d->fscale != NULL ? d->fscale[i] : 0.01f;
		zp[i] = d->f_zp;
	}
	t = tfl_tensor(b, &(tfl_tensor_desc){
				  .type = d->f_t, .rank = 4, .dims = d->f,
				  .name = "filter",
				  .data = d->f_data != NULL ? d->f_data : zero,
				  .data_bytes = bytes,
				  .n_scale = d->f_t == MOTE_FLOAT32 ? 0 : nq,
				  .scale = sc,
				  .n_zp = d->f_t == MOTE_FLOAT32 ? 0 : nq,
				  .zp = zp, .qdim = d->qdim });
	free(sc);
	free(zp);
	free(zero);
	return t;
}

/* The bias tensor of a model (scales are not read by the operators). */
static int add_bias(tfl_builder *b, const model_desc *d)
{
	int32_t c = d->f[d->dw ? 3 : 0];
	size_t bytes = type_bytes(d->b_t, (size_t)c);
	void *zero = calloc(bytes, 1);
	int t = tfl_tensor(b, &(tfl_tensor_desc){
				      .type = d->b_t, .rank = 1, .dims = &c,
				      .name = "bias",
				      .data = d->b_data != NULL ? d->b_data
								: zero,
				      .data_bytes = bytes });

	free(zero);
	return t;
}

/* Builds the model of d; returns it (free()) and its length. */
static uint8_t *build_model(const model_desc *d, size_t *len)
{
	int quant = d->in_t != MOTE_FLOAT32;
	int x, w, bias = -1, y, code;
	tfl_builder b;
	uint8_t *model;

	tfl_builder_init(&b);
	x = tfl_tensor(&b, &(tfl_tensor_desc){
				   .type = d->in_t, .rank = 4, .dims = d->in,
				   .name = "in",
				   .n_scale = quant && d->in_quant ? 1 : 0,
				   .scale = &d->in_scale,
				   .n_zp = quant && d->in_quant ? 1 : 0,
				   .zp = &d->in_zp });
	w = add_filter(&b, d);
	if (d->has_bias)
		bias = add_bias(&b, d);
	y = tfl_tensor(&b, &(tfl_tensor_desc){
				   .type = d->out_t, .rank = 4, .dims = d->out,
				   .name = "out", .n_scale = quant ? 1 : 0,
				   .scale = &d->out_scale,
				   .n_zp = quant ? 1 : 0, .zp = &d->out_zp });
	code = tfl_opcode(&b, d->dw ? 4 : 3, 1);
	if (d->dw)
		tfl_op(&b, &(tfl_op_desc){
				   .opcode = (uint32_t)code,
				   TFL_INPUTS(x, w, bias), TFL_OUTPUTS(y),
				   .opts_type = 2,
				   TFL_OPTIONS(TFL_U8(0, d->padding),
					       TFL_I32(1, d->stride_w),
					       TFL_I32(2, d->stride_h),
					       TFL_I32(3, d->dm),
					       TFL_U8(4, d->act),
					       TFL_I32(5, d->dil_w),
					       TFL_I32(6, d->dil_h)) });
	else
		tfl_op(&b, &(tfl_op_desc){
				   .opcode = (uint32_t)code,
				   TFL_INPUTS(x, w, bias), TFL_OUTPUTS(y),
				   .opts_type = 1,
				   TFL_OPTIONS(TFL_U8(0, d->padding),
					       TFL_I32(1, d->stride_w),
					       TFL_I32(2, d->stride_h),
					       TFL_U8(3, d->act),
					       TFL_I32(4, d->dil_w),
					       TFL_I32(5, d->dil_h),
					       TFL_U8(6, d->qbt)) });
	tfl_inputs(&b, TFL_INTS(x));
	tfl_outputs(&b, TFL_INTS(y));
	model = tfl_finish(&b, len);
	tfl_builder_free(&b);
	return model;
}

static const mote_op *const conv_ops[] = { &mote_op_conv_2d,
					   &mote_op_depthwise_conv_2d };
static const mote_op_table conv_table = { conv_ops, 2 };

enum { ARENA_BYTES = 1 << 20 };

/*
 * Opens and prepares model d; with `in` runs it once on `in_bytes` bytes
 * and copies the output to `out`. Returns the first failing status.
 */
static mote_status run_model(const model_desc *d, const void *in,
			     size_t in_bytes, void *out, size_t out_bytes)
{
	static uint8_t arena[ARENA_BYTES] __attribute__((aligned(16)));
	size_t len;
	uint8_t *bytes = build_model(d, &len);
	mote_model m;
	mote_interp it;
	mote_status s = model_prepare(&m, &it, bytes, len, &conv_table, arena,
				      sizeof arena);

	if (s == MOTE_OK && in != NULL)
		s = model_run(&it, &in, &in_bytes, &out, &out_bytes);
	free(bytes);
	return s;
}

/* The model of a case row and dtype (data from q), no fused activation. */
static void case_model(const conv_case *cc, int dw, qkind k, const setup *s,
		       const qbufs *q, float *fscale, model_desc *d)
{
	static const mote_type in_t[] = { MOTE_INT8, MOTE_INT8, MOTE_INT16,
					  MOTE_INT16 };
	static const mote_type b_t[] = { MOTE_INT32, MOTE_INT32, MOTE_INT64,
					 MOTE_INT32 };
	int32_t fc = dw ? s->out_c : cc->c / cc->groups;

	memset(d, 0, sizeof *d);
	for (int32_t i = 0; i < s->out_c; i++)
		fscale[i] = (float)s->w_scale[i];
	d->dw = dw;
	d->in_t = d->out_t = in_t[k];
	d->f_t = k == Q_S8W4 ? MOTE_INT4 : MOTE_INT8;
	d->b_t = b_t[k];
	d->has_bias = cc->bias;
	memcpy(d->in, (int32_t[]){ cc->n, cc->h, cc->w, cc->c }, 16);
	memcpy(d->f, (int32_t[]){ dw ? 1 : s->out_c, cc->kh, cc->kw, fc }, 16);
	memcpy(d->out, (int32_t[]){ cc->n, s->oh, s->ow, s->out_c }, 16);
	d->stride_h = cc->sh;
	d->stride_w = cc->sw;
	d->dil_h = cc->dh;
	d->dil_w = cc->dw;
	d->padding = cc->same ? 0 : 1;
	d->dm = dw ? cc->oc : 0;
	d->qbt = k == Q_S16_ACC32 ? MOTE_INT32 : 0;
	d->in_scale = (float)cc->in_scale;
	d->out_scale = (float)cc->out_scale;
	d->in_zp = k <= Q_S8W4 ? cc->in_zp : 0;
	d->out_zp = k <= Q_S8W4 ? cc->out_zp : 0;
	d->n_fscale = (uint32_t)s->out_c;
	d->fscale = fscale;
	d->qdim = dw ? 3 : 0;
	d->in_quant = 1;
	d->f_data = k == Q_S8W4 ? (const void *)q->f4 : (const void *)q->f;
	d->b_data = k == Q_S16 ? (const void *)q->b64 : (const void *)q->b32;
}

/* A case row through the operator and the interpreter. */
static void model_case(const conv_case *cc, int dw, qkind k)
{
	int bytes = k <= Q_S8W4 ? 1 : 2;
	char what[96];
	model_desc d;
	setup s;
	qbufs q;
	float *fscale;
	int32_t lo, hi;
	void *out;
	mote_status st;

	prepare_q(cc, dw, k, &s, &q);
	lo = bytes == 1 ? -128 : -32768;
	hi = bytes == 1 ? 127 : 32767;
	reference_q(cc, dw, k, &s, &q, lo, hi);
	fscale = calloc((size_t)s.out_c, sizeof(float));
	case_model(cc, dw, k, &s, &q, fscale, &d);
	out = calloc(s.n_out, (size_t)bytes);
	st = run_model(&d, bytes == 1 ? (void *)q.x8 : (void *)q.x16,
		       s.n_in * (size_t)bytes, out, s.n_out * (size_t)bytes);
	for (size_t i = 0; i < s.n_out; i++)
		q.got[i] = bytes == 1 ? ((int8_t *)out)[i]
				      : ((int16_t *)out)[i];
	snprintf(what, sizeof what, "%s op %s", dw ? "depthwise" : "conv",
		 qkind_name[k]);
	if (st != MOTE_OK) {
		n_fail++;
		printf("FAIL %s [%s]: %s\n", what, cc->name,
		       mote_status_str(st));
	} else {
		check_i32(what, cc->name, q.got, q.want, s.n_out, 0);
	}
	free(out);
	free(fscale);
	free_q(&q);
	free_setup(&s);
}

/* A valid int8 3x3 conv (or depthwise) that broken rows start from. */
static model_desc base_model(int dw)
{
	model_desc d = { 0 };

	d.dw = dw;
	d.in_t = d.out_t = d.f_t = MOTE_INT8;
	d.b_t = MOTE_INT32;
	d.has_bias = 1;
	memcpy(d.in, (int32_t[]){ 1, 5, 5, 4 }, 16);
	memcpy(d.f, dw ? (int32_t[]){ 1, 3, 3, 4 } : (int32_t[]){ 6, 3, 3, 4 },
	       16);
	memcpy(d.out, (int32_t[]){ 1, 5, 5, dw ? 4 : 6 }, 16);
	d.stride_h = d.stride_w = d.dil_h = d.dil_w = 1;
	d.dm = dw ? 1 : 0;
	d.in_scale = 0.05f;
	d.out_scale = 0.1f;
	d.in_zp = 3;
	d.out_zp = -2;
	d.n_fscale = 1;
	d.qdim = dw ? 3 : 0;
	d.in_quant = 1;
	return d;
}

/* One broken model: what changes from base_model() and the status. */
typedef struct broken {
	const char *name; /* row label */
	int dw; /* operator */
	mote_status want; /* status prepare must return */
	void (*edit)(model_desc *d); /* the change */
} broken;

static void e_none(model_desc *d) { (void)d; }
static void e_stride0(model_desc *d) { d->stride_w = 0; }
static void e_padding(model_desc *d) { d->padding = 2; }
static void e_dilation0(model_desc *d) { d->dil_h = 0; }
static void e_out_h(model_desc *d) { d->out[1] = 4; }
static void e_out_c(model_desc *d) { d->out[3] = 5; }
static void e_valid_big(model_desc *d)
{
	d->padding = 1;
	d->f[1] = 7;
}
static void e_in_c(model_desc *d) { d->in[3] = 6; }
static void e_in_c0(model_desc *d) { d->in[3] = 0; }
static void e_empty(model_desc *d) { d->f[0] = 0; }
static void e_fzp(model_desc *d) { d->f_zp = 1; }
static void e_bias64(model_desc *d) { d->b_t = MOTE_INT64; }
static void e_noquant(model_desc *d) { d->in_quant = 0; }
static void e_nscale(model_desc *d) { d->n_fscale = 3; }
static void e_tanh(model_desc *d) { d->act = 4; }
static void e_act9(model_desc *d) { d->act = 9; }
static void e_out_t(model_desc *d) { d->out_t = MOTE_INT16; }
static void e_s16_zp(model_desc *d)
{
	d->in_t = d->out_t = MOTE_INT16;
	d->b_t = MOTE_INT64;
	d->in_zp = 0;
	d->out_zp = 5;
}
static void e_s16_ok(model_desc *d)
{
	d->in_t = d->out_t = MOTE_INT16;
	d->b_t = MOTE_INT64;
	d->in_zp = d->out_zp = 0;
}
static void e_s16_b32(model_desc *d)
{
	e_s16_ok(d);
	d->b_t = MOTE_INT32;
}
static void e_f32_ok(model_desc *d)
{
	d->in_t = d->out_t = d->f_t = d->b_t = MOTE_FLOAT32;
}
static void e_hybrid(model_desc *d)
{
	e_f32_ok(d);
	d->f_t = MOTE_INT8;
}
static void e_dw_f0(model_desc *d)
{
	d->f[0] = 2;
	d->f[3] = 2;
}
static void e_dw_dm(model_desc *d) { d->dm = 2; }
static void e_dw_dm0(model_desc *d) { d->dm = 0; }
static void e_dw_dm2(model_desc *d)
{
	d->dm = 2;
	d->f[3] = d->out[3] = 8;
}
static void e_no_bias(model_desc *d) { d->has_bias = 0; }
static void e_int4(model_desc *d) { d->f_t = MOTE_INT4; }
static void e_small_out(model_desc *d) { d->out_scale = 1e-20f; }

static const broken broken_rows[] = {
	{ "valid conv", 0, MOTE_OK, e_none },
	{ "valid conv int16", 0, MOTE_OK, e_s16_ok },
	{ "valid conv int16 int32 bias", 0, MOTE_OK, e_s16_b32 },
	{ "valid conv float", 0, MOTE_OK, e_f32_ok },
	{ "valid conv int4", 0, MOTE_OK, e_int4 },
	{ "valid conv no bias", 0, MOTE_OK, e_no_bias },
	{ "stride 0", 0, MOTE_E_BAD_OPTIONS, e_stride0 },
	{ "padding 2", 0, MOTE_E_BAD_OPTIONS, e_padding },
	{ "dilation 0", 0, MOTE_E_BAD_OPTIONS, e_dilation0 },
	{ "output height", 0, MOTE_E_BAD_SHAPE, e_out_h },
	{ "output channels", 0, MOTE_E_BAD_SHAPE, e_out_c },
	{ "filter taller than input", 0, MOTE_E_INVALID, e_valid_big },
	{ "channels not a multiple", 0, MOTE_E_BAD_SHAPE, e_in_c },
	{ "no input channels", 0, MOTE_E_BAD_SHAPE, e_in_c0 },
	{ "depthwise no input channels", 1, MOTE_E_BAD_SHAPE, e_in_c0 },
	{ "filter zero point", 0, MOTE_E_UNSUPPORTED, e_fzp },
	{ "int8 with int64 bias", 0, MOTE_E_UNSUPPORTED, e_bias64 },
	{ "input not quantized", 0, MOTE_E_BAD_QUANT, e_noquant },
	{ "filter scale count", 0, MOTE_E_BAD_QUANT, e_nscale },
	{ "fused tanh (TFLM: no clamp)", 0, MOTE_OK, e_tanh },
	{ "unknown fused activation", 0, MOTE_E_BAD_OPTIONS, e_act9 },
	{ "output type", 0, MOTE_E_BAD_TYPE, e_out_t },
	{ "int16 zero point", 0, MOTE_E_UNSUPPORTED, e_s16_zp },
	{ "hybrid float/int8", 0, MOTE_E_UNSUPPORTED, e_hybrid },
	{ "output scale too small", 0, MOTE_E_UNSUPPORTED, e_small_out },
	{ "valid depthwise", 1, MOTE_OK, e_none },
	{ "valid depthwise int16", 1, MOTE_OK, e_s16_ok },
	{ "valid depthwise float", 1, MOTE_OK, e_f32_ok },
	{ "valid depthwise int4", 1, MOTE_OK, e_int4 },
	{ "valid depthwise multiplier 0", 1, MOTE_OK, e_dw_dm0 },
	{ "valid depthwise multiplier 2", 1, MOTE_OK, e_dw_dm2 },
	{ "depthwise filter dim 0", 1, MOTE_E_BAD_SHAPE, e_dw_f0 },
	{ "depthwise multiplier", 1, MOTE_E_BAD_OPTIONS, e_dw_dm },
	{ "depthwise int16 int32 bias", 1, MOTE_E_UNSUPPORTED, e_s16_b32 },
	{ "depthwise int16 zero point", 1, MOTE_E_UNSUPPORTED, e_s16_zp },
	{ "depthwise stride 0", 1, MOTE_E_BAD_OPTIONS, e_stride0 },
	{ "depthwise output width", 1, MOTE_E_BAD_SHAPE, e_out_h },
	{ "depthwise filter zero point", 1, MOTE_E_UNSUPPORTED, e_fzp },
	{ "depthwise empty filter", 1, MOTE_E_BAD_SHAPE, e_empty },
};

static void test_broken_models(void)
{
	for (size_t i = 0; i < sizeof broken_rows / sizeof broken_rows[0];
	     i++) {
		const broken *r = &broken_rows[i];
		model_desc d = base_model(r->dw);
		mote_status s;
		r->edit(&d);
		s = run_model(&d, NULL, 0, NULL, 0);
		if (s == r->want) {
			n_pass++;
			continue;
		}
		n_fail++;
		printf("FAIL model [%s]: got %s, want %s\n", r->name,
		       mote_status_str(s), mote_status_str(r->want));
	}
}

int main(void)
{
	size_t nc = sizeof conv_cases / sizeof conv_cases[0];
	size_t nd = sizeof dw_cases / sizeof dw_cases[0];

	rng_state = 12345;
	test_tap_range();
	test_unpack_int4();
	test_acc32_wrap();
	for (size_t i = 0; i < nc; i++) {
		for (int k = Q_S8; k <= Q_S16_ACC32; k++)
			quantized_case(&conv_cases[i], 0, (qkind)k);
		float_case(&conv_cases[i], 0);
	}
	for (size_t i = 0; i < nd; i++) {
		for (int k = Q_S8; k <= Q_S16; k++)
			quantized_case(&dw_cases[i], 1, (qkind)k);
		float_case(&dw_cases[i], 1);
	}
	for (size_t i = 0; i < nc; i++)
		for (int k = Q_S8; k <= Q_S16_ACC32; k++)
			model_case(&conv_cases[i], 0, (qkind)k);
	for (size_t i = 0; i < nd; i++)
		for (int k = Q_S8; k <= Q_S16; k++)
			model_case(&dw_cases[i], 1, (qkind)k);
	test_broken_models();
	return totals();
}
