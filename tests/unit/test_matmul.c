/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_matmul.c - tests of BATCH_MATMUL (kernels/batch_matmul.h) and
 * TRANSPOSE_CONV (kernels/transpose_conv.h).
 *
 * A standalone host program: prints the first mismatch of each failed
 * case (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * References are written independently of the kernels:
 * - BATCH_MATMUL indexes every operand element by its (broadcast) batch
 *   multi-index, row, column and depth, honouring adj_x/adj_y, instead of
 *   the kernel's strides;
 * - TRANSPOSE_CONV is computed in "gather" form: for each output element,
 *   every (input pixel, filter tap) pair that lands on it;
 * - float results are compared with float64 within the bound of recursive
 *   float summation, 1e-6 + n * 2^-24 * sum(|terms|) (plus the bias);
 * - integer results are re-derived exactly with 64-bit arithmetic from
 *   TFLite's rounding rules (32-bit path: high multiply rounding half up,
 *   power-of-two division rounding half away from zero; 64-bit path:
 *   multiplier rounded to 16 bits, one shift rounding half up), and checked
 *   against the real-number answer within 1 output step.
 * Inputs come from a seeded xorshift32 generator.
 *
 * A last group runs one-operator TRANSPOSE_CONV and BATCH_MATMUL models
 * through the interpreter (built with tfl_builder): the int16 bias that
 * prepare widens must give the same result as the int64 bias, and
 * prepare must reject the models listed in a table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/batch_matmul.h"
#include "kernels/transpose_conv.h"
#include "harness.h"
#include "mote.h"
#include "tfl_builder.h"

/* ---- Independent fixed-point re-derivation ----------------------------- */

static int64_t floor_pow2(int64_t a, int e)
{
	int64_t d = (int64_t)1 << e;
	int64_t q = a / d;
	return (a % d != 0 && a < 0) ? q - 1 : q;
}

/* TFLite's 64-bit MultiplyByQuantizedMultiplier. */
static int32_t ref_mbqm64(int64_t x, int32_t mult, int shift)
{
	int64_t reduced = mult < 0x7FFF0000 ? ((int64_t)mult + 32768) / 65536
					    : 0x7FFF;
	int total = 15 - shift;
	return (int32_t)floor_pow2(x * reduced + ((int64_t)1 << (total - 1)),
				   total);
}

static int32_t clamp(int64_t v, int32_t lo, int32_t hi)
{
	return (int32_t)(v < lo ? lo : (v > hi ? hi : v));
}

/* ---- BATCH_MATMUL ------------------------------------------------------- */

typedef struct bmm_case {
	const char *name; /* case name */
	int32_t lrank; /* lhs rank */
	int32_t ldims[6]; /* lhs dims */
	int32_t rrank; /* rhs rank */
	int32_t rdims[6]; /* rhs dims */
	bool adj_x; /* lhs stored transposed */
	bool adj_y; /* rhs stored transposed */
	float ls, rs, os; /* int8 scales */
	int32_t lzp, rzp, ozp; /* int8 zero points */
} bmm_case;

static const bmm_case bmm_cases[] = {
	{ "3d", 3, { 3, 2, 8 }, 3, { 3, 8, 5 }, false, false, 0.00196f,
	  0.0314f, 0.056f, -128, 0, 5 },
	{ "adj_xy", 4, { 3, 3, 6, 3 }, 4, { 3, 3, 1, 6 }, true, true, 0.0118f,
	  0.094f, 0.498f, 0, 84, -25 },
	{ "2d", 2, { 6, 14 }, 2, { 14, 7 }, false, false, 0.094f, 0.0706f,
	  6.01f, 0, -128, -15 },
	{ "adj_x", 3, { 2, 5, 3 }, 3, { 2, 5, 4 }, true, false, 0.02f, 0.03f,
	  0.05f, 7, -3, 1 },
	{ "adj_y_bcast_lhs", 4, { 1, 3, 2, 4 }, 4, { 2, 1, 5, 4 }, false,
	  true, 0.01f, 0.02f, 0.015f, -5, 9, 0 },
	{ "rank2_rhs", 4, { 2, 1, 4, 3 }, 2, { 3, 5 }, false, false, 0.05f,
	  0.04f, 0.1f, 12, -7, -2 },
	{ "rank5", 5, { 2, 1, 2, 3, 4 }, 5, { 1, 3, 1, 4, 2 }, false, false,
	  0.03f, 0.01f, 0.02f, -1, 2, 3 },
	{ "rank6", 6, { 2, 1, 2, 1, 3, 4 }, 6, { 1, 2, 1, 2, 3, 4 }, false,
	  true, 0.03f, 0.01f, 0.004f, 0, 0, 0 },
	{ "depth1", 2, { 4, 1 }, 3, { 3, 1, 6 }, false, false, 0.5f, 0.25f,
	  0.3f, 1, 2, 3 },
};

/* Extended dim i of a shape seen with `to` dims (leading 1s). */
static int32_t ext(const int32_t *dims, int32_t rank, int32_t to, int32_t i)
{
	return i < to - rank ? 1 : dims[i - (to - rank)];
}

/* Flat offset of element (batch index b[], row/col pair a0, a1) of an
 * operand, broadcasting its batch dims of size 1. */
static int32_t operand_at(const int32_t *dims, int32_t rank, int32_t to,
			  const int32_t *b, int32_t a0, int32_t a1)
{
	int32_t off = 0;
	for (int32_t i = 0; i < to - 2; i++) {
		int32_t d = ext(dims, rank, to, i);
		off = off * d + (d == 1 ? 0 : b[i]);
	}
	off = off * ext(dims, rank, to, to - 2) + a0;
	return off * ext(dims, rank, to, to - 1) + a1;
}

static int32_t count_of(const int32_t *dims, int32_t rank)
{
	int32_t n = 1;
	for (int32_t i = 0; i < rank; i++)
		n *= dims[i];
	return n;
}

static void test_bmm(const bmm_case *c)
{
	mote_batch_matmul_params p = { 0 };
	int32_t od[8], orank;
	char name[80], msg[160] = "ok";
	int okf = 1, ok8 = 1, ok16 = 1;

	if (!mote_batch_matmul_init(&p, c->ldims, c->lrank, c->rdims, c->rrank,
				    c->adj_x, c->adj_y, od, &orank)) {
		report(0, c->name, "init failed");
		return;
	}
	int32_t nl = count_of(c->ldims, c->lrank);
	int32_t nr = count_of(c->rdims, c->rrank);
	int32_t no = count_of(od, orank);
	float *lf = malloc(sizeof(float) * (size_t)nl);
	float *rf = malloc(sizeof(float) * (size_t)nr);
	float *of = malloc(sizeof(float) * (size_t)no);
	int8_t *l8 = malloc((size_t)nl), *r8 = malloc((size_t)nr);
	int8_t *o8 = malloc((size_t)no);
	int16_t *l16 = malloc(sizeof(int16_t) * (size_t)nl);
	int16_t *r16 = malloc(sizeof(int16_t) * (size_t)nr);
	int16_t *o16 = malloc(sizeof(int16_t) * (size_t)no);
	for (int32_t i = 0; i < nl; i++) {
		lf[i] = rnd_f(-2.0f, 2.0f);
		l8[i] = (int8_t)(rnd() & 0xff);
		l16[i] = (int16_t)(rnd() & 0xffff);
	}
	for (int32_t i = 0; i < nr; i++) {
		rf[i] = rnd_f(-2.0f, 2.0f);
		r8[i] = (int8_t)(rnd() & 0xff);
		r16[i] = (int16_t)(rnd() & 0xffff);
	}
	mote_batch_matmul_f32(&p, lf, rf, of);

	int32_t m8, s8, m16, s16;
	double real8 = (double)(c->ls * c->rs) / c->os;
	/* int16: a scale that keeps products of full-range values in range. */
	double real16 = real8 / 4096.0;
	ref_quantize(real8, &m8, &s8);
	ref_quantize(real16, &m16, &s16);
	p.lhs_zp = c->lzp;
	p.rhs_zp = c->rzp;
	p.out_zp = c->ozp;
	p.mult = m8;
	p.shift = s8;
	p.act_min = -128;
	p.act_max = 127;
	mote_batch_matmul_s8(&p, l8, r8, o8);
	p.lhs_zp = p.rhs_zp = p.out_zp = 0;
	p.mult = m16;
	p.shift = s16;
	p.act_min = -32768;
	p.act_max = 32767;
	mote_batch_matmul_s16(&p, l16, r16, o16);

	int32_t rows = od[orank - 2], cols = od[orank - 1];
	int32_t depth = c->adj_x ? c->ldims[c->lrank - 2]
				 : c->ldims[c->lrank - 1];
	for (int32_t o = 0; o < no; o++) {
		int32_t b[6], rest = o / (rows * cols);
		int32_t r = o / cols % rows, col = o % cols;
		for (int32_t i = orank - 3; i >= 0; i--) {
			b[i] = rest % od[i];
			rest /= od[i];
		}
		double sf = 0, sabs = 0;
		int64_t s8a = 0, s16a = 0;
		for (int32_t k = 0; k < depth; k++) {
			int32_t li = c->adj_x
					     ? operand_at(c->ldims, c->lrank, orank, b, k, r)
					     : operand_at(c->ldims, c->lrank, orank, b, r, k);
			int32_t ri = c->adj_y
					     ? operand_at(c->rdims, c->rrank, orank, b, col, k)
					     : operand_at(c->rdims, c->rrank, orank, b, k, col);
			sf += (double)lf[li] * rf[ri];
			sabs += fabs((double)lf[li] * rf[ri]);
			s8a += (int64_t)(l8[li] - c->lzp) * (r8[ri] - c->rzp);
			s16a += (int64_t)l16[li] * r16[ri];
		}
		double tol = 1e-6 + depth * 0x1p-24 * sabs;
		int32_t w8 = clamp(ref_mbqm((int32_t)s8a, m8, s8) + c->ozp,
				   -128, 127);
		int32_t w16 = clamp(ref_mbqm64(s16a, m16, s16), -32768, 32767);
		double x8 = s8a * real8 + c->ozp, x16 = s16a * real16;
		x8 = x8 < -128 ? -128 : (x8 > 127 ? 127 : x8);
		x16 = x16 < -32768 ? -32768 : (x16 > 32767 ? 32767 : x16);
		if (okf && fabs(of[o] - sf) > tol) {
			okf = 0;
			snprintf(msg, sizeof msg, "f32 index %d got %.9g want %.9g",
				 (int)o, of[o], sf);
		}
		if (ok8 && (o8[o] != w8 || fabs(o8[o] - x8) > 1.0)) {
			ok8 = 0;
			snprintf(msg, sizeof msg, "s8 index %d got %d want %d",
				 (int)o, o8[o], (int)w8);
		}
		if (ok16 && (o16[o] != w16 || fabs(o16[o] - x16) > 1.0)) {
			ok16 = 0;
			snprintf(msg, sizeof msg, "s16 index %d got %d want %d",
				 (int)o, o16[o], (int)w16);
		}
	}
	snprintf(name, sizeof name, "batch_matmul_f32.%s", c->name);
	report(okf, name, msg);
	snprintf(name, sizeof name, "batch_matmul_s8.%s", c->name);
	report(ok8, name, msg);
	snprintf(name, sizeof name, "batch_matmul_s16.%s", c->name);
	report(ok16, name, msg);
	free(lf);
	free(rf);
	free(of);
	free(l8);
	free(r8);
	free(o8);
	free(l16);
	free(r16);
	free(o16);
}

static void test_bmm_errors(void)
{
	mote_batch_matmul_params p;
	int32_t od[8], orank;
	int32_t a[3] = { 2, 3, 4 }, b[3] = { 3, 5, 6 }, d[3] = { 2, 5, 6 };
	int32_t one[1] = { 4 };

	report(!mote_batch_matmul_init(&p, a, 3, b, 3, false, false, od,
				       &orank),
	       "batch_matmul_init.batch_mismatch", "accepted");
	report(!mote_batch_matmul_init(&p, a, 3, d, 3, false, false, od,
				       &orank),
	       "batch_matmul_init.depth_mismatch", "accepted");
	report(!mote_batch_matmul_init(&p, one, 1, d, 3, false, false, od,
				       &orank),
	       "batch_matmul_init.rank1", "accepted");
}

/* ---- TRANSPOSE_CONV ----------------------------------------------------- */

typedef struct tc_case {
	const char *name; /* case name */
	int32_t n, ih, iw, ic; /* input shape */
	int32_t oc, fh, fw; /* filter shape (oc, fh, fw, ic) */
	int32_t sh, sw; /* strides */
	int32_t oh, ow; /* output size */
	bool same; /* SAME padding (else VALID: 0) */
	bool bias; /* has bias */
	bool per_channel; /* per-channel filter scales */
	bool relu6; /* fused RELU6 */
	float is, os; /* int8 input/output scales */
	int32_t izp, ozp; /* int8 input/output zero points */
} tc_case;

static const tc_case tc_cases[] = {
	{ "s2_valid", 1, 3, 2, 5, 3, 3, 3, 2, 2, 7, 5, false, true, true,
	  false, 0.0039f, 0.0044f, 0, -19 },
	{ "s2_same", 1, 3, 2, 5, 3, 3, 3, 2, 2, 6, 4, true, true, true, false,
	  0.0039f, 0.0044f, -3, 4 },
	{ "1x1_s2", 1, 1, 4, 3, 8, 1, 1, 2, 2, 1, 7, false, true, true, false,
	  0.0078f, 0.0209f, 63, 10 },
	{ "s1_same_crop", 1, 5, 1, 2, 1, 4, 4, 1, 1, 5, 1, true, true, false,
	  false, 0.047f, 0.0247f, 0, 8 },
	{ "batch2_odd", 2, 4, 3, 3, 5, 2, 3, 2, 1, 8, 5, false, false, true,
	  true, 0.02f, 0.01f, -7, -100 },
	{ "s2_same_odd_out", 1, 3, 3, 7, 6, 3, 3, 2, 2, 5, 5, true, true, true,
	  true, 0.01f, 0.02f, 11, -5 },
	{ "s3_big_filter", 1, 2, 3, 1, 2, 5, 4, 3, 3, 8, 9, true, true, false,
	  false, 0.05f, 0.1f, -1, 0 },
};

/* Leading padding of one dim (the kernel takes it as given). */
static int32_t tc_pad(bool same, int32_t out, int32_t f, int32_t s)
{
	if (!same)
		return 0;
	int32_t o = (out + s - 1) / s;
	int32_t total = (o - 1) * s + f - out;
	return total > 0 ? total / 2 : 0;
}

/* Test-case tensors of one transpose conv case. */
typedef struct tc_data {
	int32_t ni, nf, no; /* element counts */
	float *inf, *wf, *bf, *outf; /* float tensors */
	int8_t *in8, *w8, *out8; /* int8 tensors */
	int32_t *b32; /* int8 bias */
	int16_t *in16, *out16; /* int16 tensors */
	int64_t *b64; /* int16 bias */
	int32_t *m8, *s8, *m16, *s16; /* per-channel multipliers */
	float *wscale; /* per-channel filter scales */
} tc_data;

static void tc_alloc(const tc_case *c, tc_data *d)
{
	d->ni = c->n * c->ih * c->iw * c->ic;
	d->nf = c->oc * c->fh * c->fw * c->ic;
	d->no = c->n * c->oh * c->ow * c->oc;
	d->inf = malloc(sizeof(float) * (size_t)d->ni);
	d->wf = malloc(sizeof(float) * (size_t)d->nf);
	d->bf = malloc(sizeof(float) * (size_t)c->oc);
	d->outf = malloc(sizeof(float) * (size_t)d->no);
	d->in8 = malloc((size_t)d->ni);
	d->w8 = malloc((size_t)d->nf);
	d->out8 = malloc((size_t)d->no);
	d->b32 = malloc(sizeof(int32_t) * (size_t)c->oc);
	d->in16 = malloc(sizeof(int16_t) * (size_t)d->ni);
	d->out16 = malloc(sizeof(int16_t) * (size_t)d->no);
	d->b64 = malloc(sizeof(int64_t) * (size_t)c->oc);
	d->m8 = malloc(sizeof(int32_t) * (size_t)c->oc);
	d->s8 = malloc(sizeof(int32_t) * (size_t)c->oc);
	d->m16 = malloc(sizeof(int32_t) * (size_t)c->oc);
	d->s16 = malloc(sizeof(int32_t) * (size_t)c->oc);
	d->wscale = malloc(sizeof(float) * (size_t)c->oc);
	for (int32_t i = 0; i < d->ni; i++) {
		d->inf[i] = rnd_f(-1.0f, 1.0f);
		d->in8[i] = (int8_t)(rnd() & 0xff);
		d->in16[i] = (int16_t)(rnd() & 0xffff);
	}
	for (int32_t i = 0; i < d->nf; i++) {
		d->wf[i] = rnd_f(-1.0f, 1.0f);
		d->w8[i] = (int8_t)((rnd() % 255) - 127);
	}
	for (int32_t o = 0; o < c->oc; o++) {
		d->bf[o] = rnd_f(-0.5f, 0.5f);
		d->b32[o] = (int32_t)(rnd() % 20001) - 10000;
		d->b64[o] = (int64_t)(rnd() % 2000001) - 1000000;
		d->wscale[o] = c->per_channel ? 0.001f + 0.0005f * (float)o
					      : 0.002f;
		ref_quantize((double)c->is * d->wscale[o] / c->os, &d->m8[o],
			     &d->s8[o]);
		/* int16: input 1/4096, output 1/256 of the int8 scales. */
		ref_quantize((double)(c->is / 4096) * d->wscale[o] /
				     (c->os / 256),
			     &d->m16[o], &d->s16[o]);
	}
}

static void tc_free(tc_data *d)
{
	void *all[] = { d->inf, d->wf,  d->bf,    d->outf, d->in8, d->w8,
			d->out8, d->b32, d->in16, d->out16, d->b64, d->m8,
			d->s8,  d->m16, d->s16,   d->wscale };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]);
}

/* Gather-form sums for output element (b, y, x, o). */
static void tc_ref(const tc_case *c, const tc_data *d, int32_t ph, int32_t pw,
		   int32_t idx, double *sf, double *sabs, int64_t *s8,
		   int64_t *s16)
{
	int32_t o = idx % c->oc, px = idx / c->oc;
	int32_t x = px % c->ow, y = px / c->ow % c->oh, b = px / (c->ow * c->oh);
	*sf = *sabs = 0;
	*s8 = *s16 = 0;
	for (int32_t iy = 0; iy < c->ih; iy++) {
		int32_t fy = y - (iy * c->sh - ph);
		for (int32_t ix = 0; fy >= 0 && fy < c->fh && ix < c->iw; ix++) {
			int32_t fx = x - (ix * c->sw - pw);
			if (fx < 0 || fx >= c->fw)
				continue;
			for (int32_t i = 0; i < c->ic; i++) {
				int32_t ii = ((b * c->ih + iy) * c->iw + ix) * c->ic + i;
				int32_t wi = ((o * c->fh + fy) * c->fw + fx) * c->ic + i;
				*sf += (double)d->inf[ii] * d->wf[wi];
				*sabs += fabs((double)d->inf[ii] * d->wf[wi]);
				*s8 += (int64_t)(d->in8[ii] - c->izp) * d->w8[wi];
				*s16 += (int64_t)d->in16[ii] * d->w8[wi];
			}
		}
	}
}

static void test_tc(const tc_case *c)
{
	mote_transpose_conv_params p = { 0 };
	tc_data d;
	char name[80], msg[160] = "ok";
	int okf = 1, ok8 = 1, ok16 = 1;
	int32_t lo8 = -128, hi8 = 127, lo16 = -32768, hi16 = 32767;
	float flo = -3.4e38f, fhi = 3.4e38f;

	tc_alloc(c, &d);
	if (c->relu6) {
		flo = 0.0f;
		fhi = 6.0f;
		lo8 = c->ozp;
		hi8 = clamp(c->ozp + (int64_t)lrintf(6.0f / c->os), -128, 127);
		lo16 = 0;
	}
	p.batches = c->n;
	p.in_h = c->ih;
	p.in_w = c->iw;
	p.in_c = c->ic;
	p.filter_h = c->fh;
	p.filter_w = c->fw;
	p.out_h = c->oh;
	p.out_w = c->ow;
	p.out_c = c->oc;
	p.stride_h = c->sh;
	p.stride_w = c->sw;
	p.pad_h = tc_pad(c->same, c->oh, c->fh, c->sh);
	p.pad_w = tc_pad(c->same, c->ow, c->fw, c->sw);
	p.act_min_f = flo;
	p.act_max_f = fhi;
	mote_transpose_conv_f32(&p, d.inf, d.wf, c->bias ? d.bf : NULL, d.outf);
	p.in_zp = c->izp;
	p.out_zp = c->ozp;
	p.act_min = lo8;
	p.act_max = hi8;
	p.mult = d.m8;
	p.shift = d.s8;
	int32_t *sc32 = malloc(mote_transpose_conv_s8_scratch_size(&p));
	int64_t *sc64 = malloc(mote_transpose_conv_s16_scratch_size(&p));
	mote_transpose_conv_s8(&p, d.in8, d.w8, c->bias ? d.b32 : NULL, d.out8,
			       sc32);
	p.in_zp = p.out_zp = 0;
	p.act_min = lo16;
	p.act_max = hi16;
	p.mult = d.m16;
	p.shift = d.s16;
	mote_transpose_conv_s16(&p, d.in16, d.w8, c->bias ? d.b64 : NULL,
				d.out16, sc64);

	for (int32_t i = 0; i < d.no; i++) {
		int32_t o = i % c->oc;
		double sf, sabs;
		int64_t a8, a16;
		tc_ref(c, &d, p.pad_h, p.pad_w, i, &sf, &sabs, &a8, &a16);
		double tol = 1e-6 + (c->fh * c->fw * c->ic + 1) * 0x1p-24 *
					    (sabs + 0.5);
		sf += c->bias ? d.bf[o] : 0;
		sf = sf < flo ? flo : (sf > fhi ? fhi : sf);
		a8 += c->bias ? d.b32[o] : 0;
		a16 += c->bias ? d.b64[o] : 0;
		int32_t w8 = clamp(ref_mbqm((int32_t)a8, d.m8[o], d.s8[o]) +
					   c->ozp,
				   lo8, hi8);
		int32_t w16 = clamp(ref_mbqm64(a16, d.m16[o], d.s16[o]), lo16,
				    hi16);
		double x8 = a8 * ((double)c->is * d.wscale[o] / c->os) + c->ozp;
		double x16 = a16 * ((double)(c->is / 4096) * d.wscale[o] /
				    (c->os / 256));
		x8 = x8 < lo8 ? lo8 : (x8 > hi8 ? hi8 : x8);
		x16 = x16 < lo16 ? lo16 : (x16 > hi16 ? hi16 : x16);
		if (okf && fabs(d.outf[i] - sf) > tol) {
			okf = 0;
			snprintf(msg, sizeof msg, "f32 index %d got %.9g want %.9g",
				 (int)i, d.outf[i], sf);
		}
		if (ok8 && (d.out8[i] != w8 || fabs(d.out8[i] - x8) > 1.0)) {
			ok8 = 0;
			snprintf(msg, sizeof msg, "s8 index %d got %d want %d",
				 (int)i, d.out8[i], (int)w8);
		}
		if (ok16 && (d.out16[i] != w16 || fabs(d.out16[i] - x16) > 1.0)) {
			ok16 = 0;
			snprintf(msg, sizeof msg, "s16 index %d got %d want %d",
				 (int)i, d.out16[i], (int)w16);
		}
	}
	snprintf(name, sizeof name, "transpose_conv_f32.%s", c->name);
	report(okf, name, msg);
	snprintf(name, sizeof name, "transpose_conv_s8.%s", c->name);
	report(ok8, name, msg);
	snprintf(name, sizeof name, "transpose_conv_s16.%s", c->name);
	report(ok16, name, msg);
	free(sc32);
	free(sc64);
	tc_free(&d);
}


/* ---- Operators through the interpreter ---------------------------------- */

static const mote_op *const ops[] = { &mote_op_transpose_conv,
				      &mote_op_batch_matmul };
static const mote_op_table op_table = { ops, 2 };

/* A 16x8 TRANSPOSE_CONV model variant. */
typedef struct tc_model {
	mote_type bias_type; /* int16, int32 or int64 bias */
	int32_t shape[4]; /* the output_shape input's values */
	int64_t filter_zp; /* filter zero point */
	int64_t out_zp; /* output zero point */
} tc_model;

/* Builds and prepares the model, and runs it on `in` (NULL: prepare only). */
static mote_status run_tc(const tc_model *v, const int16_t *in, int16_t *out)
{
	static uint8_t arena[1 << 16] __attribute__((aligned(16)));
	static const int8_t w[2 * 3 * 3 * 2] = { 1,  -2, 3,  -4, 5,  -6,
						 7,  -8, 9,  10, 11, 12,
						 -13, 14, 15, 16, 17, 18,
						 19, 20, -21, 22, 23, 24,
						 -25, 26, 27, 28, -29, 30,
						 31, 32, 33, 34, -35, 36 };
	static const int64_t b64[2] = { 1000, -700 };
	const int16_t b16[2] = { 1000, -700 };
	const int32_t b32[2] = { 1000, -700 };
	const float ws[2] = { 0.01f, 0.02f }, is = 0.001f, os = 0.002f;
	const int64_t wzp[2] = { v->filter_zp, 0 }, zero = 0;
	const void *bias = v->bias_type == MOTE_INT64   ? (const void *)b64
			   : v->bias_type == MOTE_INT16 ? (const void *)b16
							: (const void *)b32;
	size_t bsize = 2 * mote_type_size(v->bias_type);
	tfl_builder b;
	size_t len;
	mote_model m;
	mote_interp it;

	tfl_builder_init(&b);
	int ts = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32,
						     TFL_SHAPE(4),
						     .data = v->shape,
						     .data_bytes = 16 });
	int tw = tfl_tensor(&b, &(tfl_tensor_desc){
					.type = MOTE_INT8, TFL_SHAPE(2, 3, 3, 2),
					.data = w, .data_bytes = sizeof w,
					.n_scale = 2, .scale = ws, .n_zp = 2,
					.zp = wzp });
	int tx = tfl_tensor(&b, &(tfl_tensor_desc){
					.type = MOTE_INT16, TFL_SHAPE(1, 2, 2, 2),
					.n_scale = 1, .scale = &is, .n_zp = 1,
					.zp = &zero });
	int tb = tfl_tensor(&b, &(tfl_tensor_desc){ .type = v->bias_type,
						     TFL_SHAPE(2),
						     .data = bias,
						     .data_bytes = bsize });
	int ty = tfl_tensor(&b, &(tfl_tensor_desc){
					.type = MOTE_INT16, TFL_SHAPE(1, 4, 4, 2),
					.n_scale = 1, .scale = &os, .n_zp = 1,
					.zp = &v->out_zp });
	int code = tfl_opcode(&b, 67, 3);
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)code,
				    TFL_INPUTS(ts, tw, tx, tb), TFL_OUTPUTS(ty),
				    .opts_type = 49,
				    TFL_OPTIONS(TFL_U8(0, 0), TFL_I32(1, 2),
						TFL_I32(2, 2)) });
	tfl_inputs(&b, TFL_INTS(tx));
	tfl_outputs(&b, TFL_INTS(ty));
	uint8_t *bytes = tfl_finish(&b, &len);
	tfl_builder_free(&b);
	mote_status s = model_prepare(&m, &it, bytes, len, &op_table, arena,
				      sizeof arena);
	if (s == MOTE_OK && in)
		s = model_run(&it, (const void *const[]){ in },
			      (const size_t[]){ 16 }, (void *const[]){ out },
			      (const size_t[]){ 64 });
	free(bytes);
	return s;
}

static void test_op_tc_bias(void)
{
	int16_t in[8] = { 3000, -2000, 1000, 500, -32768, 32767, 7, -7 };
	int16_t ref[32], out[32];
	tc_model v = { MOTE_INT64, { 1, 4, 4, 2 }, 0, 0 };
	mote_status s = run_tc(&v, in, ref);

	report(s == MOTE_OK, "op.transpose_conv_s16.int64_bias",
	       mote_status_str(s));
	v.bias_type = MOTE_INT16;
	s = run_tc(&v, in, out);
	report(s == MOTE_OK && memcmp(out, ref, sizeof out) == 0,
	       "op.transpose_conv_s16.int16_bias", mote_status_str(s));
	v.bias_type = MOTE_INT32;
	s = run_tc(&v, in, out);
	report(s == MOTE_OK && memcmp(out, ref, sizeof out) == 0,
	       "op.transpose_conv_s16.int32_bias", mote_status_str(s));
}

typedef struct tc_err_case {
	const char *name; /* case name */
	tc_model v; /* the model variant */
	mote_status want; /* expected prepare status */
} tc_err_case;

static const tc_err_case tc_err_cases[] = {
	{ "output_shape_differs", { MOTE_INT64, { 1, 5, 4, 2 }, 0, 0 },
	  MOTE_E_BAD_SHAPE },
	{ "filter_zero_point", { MOTE_INT64, { 1, 4, 4, 2 }, 3, 0 },
	  MOTE_E_BAD_QUANT },
	{ "int16_output_zero_point", { MOTE_INT64, { 1, 4, 4, 2 }, 0, 5 },
	  MOTE_E_BAD_QUANT },
	{ "float_bias", { MOTE_FLOAT32, { 1, 4, 4, 2 }, 0, 0 },
	  MOTE_E_BAD_TYPE },
};

static void test_op_tc_errors(void)
{
	for (size_t i = 0; i < sizeof tc_err_cases / sizeof tc_err_cases[0];
	     i++) {
		char name[80];
		mote_status s = run_tc(&tc_err_cases[i].v, NULL, NULL);
		snprintf(name, sizeof name, "op.transpose_conv.%s",
			 tc_err_cases[i].name);
		report(s == tc_err_cases[i].want, name, mote_status_str(s));
	}
}

/* BATCH_MATMUL float models: a right output size prepares, a wrong one
 * and mismatched depths do not. */
static void test_op_bmm_errors(void)
{
	static const struct {
		const char *name; /* case name */
		int32_t rdims[2]; /* rhs shape */
		int32_t odims[2]; /* output shape */
		mote_status want; /* expected status */
	} rows[] = {
		{ "ok", { 4, 5 }, { 3, 5 }, MOTE_OK },
		{ "output_size", { 4, 5 }, { 3, 4 }, MOTE_E_BAD_SHAPE },
		{ "depth", { 3, 5 }, { 3, 5 }, MOTE_E_INVALID },
	};
	static uint8_t arena[1 << 14] __attribute__((aligned(16)));
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		tfl_builder b;
		size_t len;
		mote_model m;
		mote_interp it;
		char name[80];
		tfl_builder_init(&b);
		int tl = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32,
							     TFL_SHAPE(3, 4) });
		int tr = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32,
							     .rank = 2,
							     .dims = rows[i].rdims });
		int to = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32,
							     .rank = 2,
							     .dims = rows[i].odims });
		int code = tfl_opcode(&b, 126, 1);
		tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)code,
					    TFL_INPUTS(tl, tr), TFL_OUTPUTS(to) });
		tfl_inputs(&b, TFL_INTS(tl, tr));
		tfl_outputs(&b, TFL_INTS(to));
		uint8_t *bytes = tfl_finish(&b, &len);
		tfl_builder_free(&b);
		mote_status s = model_prepare(&m, &it, bytes, len, &op_table,
					      arena, sizeof arena);
		free(bytes);
		snprintf(name, sizeof name, "op.batch_matmul.%s", rows[i].name);
		report(s == rows[i].want, name, mote_status_str(s));
	}
}

int main(void)
{
	size_t i;

	rng_state = 2024;
	for (i = 0; i < sizeof bmm_cases / sizeof bmm_cases[0]; i++)
		test_bmm(&bmm_cases[i]);
	test_bmm_errors();
	for (i = 0; i < sizeof tc_cases / sizeof tc_cases[0]; i++)
		test_tc(&tc_cases[i]);
	test_op_tc_bias();
	test_op_tc_errors();
	test_op_bmm_errors();
	return totals();
}
