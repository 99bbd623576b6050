/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_elementwise.c - tests of the broadcast walk (kernels/broadcast.h),
 * the element-wise kernels (kernels/elementwise.h) and, through one-op
 * models, the element-wise operators' prepare rules.
 *
 * A standalone host program: prints the first mismatch of each failed
 * case (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * References are written independently of the kernels:
 * - broadcasting: every output element's multi-index is mapped onto each
 *   input by dropping the dims where the input has extent 1 (numpy);
 * - quantized results are re-derived exactly in 64-bit arithmetic from
 *   TFLite's rounding rules, with multipliers quantized here with libm
 *   frexp/round: the doubling high multiply is floor((a*b + 2^30) / 2^31),
 *   the power-of-two division rounds half away from zero. They are also
 *   checked against the real-number answer: within 1 output step for ADD,
 *   SUB, MUL, PRELU, ADD_N and DIV; within 1 step + 3% for
 *   SQUARED_DIFFERENCE (its inputs are rescaled to 7 fraction bits);
 * - float results are compared with the float64 result rounded to float
 *   within 1e-6 * |want| (one ulp, covering double rounding), except
 *   FLOOR_DIV/FLOOR_MOD, MINIMUM/MAXIMUM, comparisons and SELECT, which
 *   must match exactly;
 * - int32/int64 results are computed exactly with 64-bit arithmetic and
 *   wrapped to 32 bits.
 * Inputs come from a seeded xorshift32 generator.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kernels/broadcast.h"
#include "kernels/elementwise.h"
#include "mote.h"
#include "tfl_builder.h"

/* ---- Shapes and the independent broadcast reference ------------------- */

#define MAX_ELEMS 4096

typedef struct shape {
	int32_t rank;
	int32_t dims[8];
} shape;

/* Broadcast shapes of the tests: pairs (a, b); the output is numpy's. */
static const shape pairs[][2] = {
	{ { 3, { 2, 3, 5 } }, { 3, { 2, 3, 5 } } }, /* same shape */
	{ { 1, { 7 } }, { 1, { 1 } } }, /* scalar-like */
	{ { 0, { 0 } }, { 2, { 3, 5 } } }, /* rank-0 scalar */
	{ { 3, { 2, 1, 4 } }, { 2, { 3, 1 } } },
	{ { 1, { 6 } }, { 3, { 2, 3, 6 } } },
	{ { 2, { 5, 7 } }, { 2, { 5, 1 } } }, /* odd sizes */
	{ { 4, { 2, 4, 4, 3 } }, { 1, { 3 } } }, /* channels % 4 != 0 */
	{ { 4, { 1, 4, 1, 3 } }, { 4, { 2, 1, 5, 1 } } },
	{ { 6, { 2, 1, 3, 1, 2, 1 } }, { 6, { 1, 2, 1, 3, 1, 2 } } },
	{ { 6, { 2, 3, 1, 2, 2, 3 } }, { 5, { 3, 4, 1, 1, 3 } } },
	{ { 8, { 2, 1, 2, 1, 2, 1, 2, 3 } },
	  { 8, { 1, 2, 1, 2, 1, 2, 1, 3 } } },
	{ { 3, { 1, 1, 1 } }, { 1, { 1 } } },
	{ { 2, { 0, 3 } }, { 2, { 1, 3 } } }, /* empty output */
	{ { 5, { 2, 1, 1, 7, 1 } }, { 3, { 3, 1, 9 } } },
};
#define N_PAIRS ((int)(sizeof pairs / sizeof pairs[0]))

/* numpy broadcast of up to three shapes; false if they do not broadcast. */
static bool np_broadcast(const shape *s, int n, shape *out)
{
	int32_t r = 0;

	for (int k = 0; k < n; k++)
		r = s[k].rank > r ? s[k].rank : r;
	out->rank = r;
	for (int32_t i = 0; i < r; i++) {
		int32_t o = 1;
		for (int k = 0; k < n; k++) {
			int32_t j = i - (r - s[k].rank);
			int32_t d = j >= 0 ? s[k].dims[j] : 1;
			if (d == 1)
				continue;
			if (o != 1 && d != o)
				return false;
			o = d;
		}
		out->dims[i] = o;
	}
	return true;
}

static int32_t elems(const shape *s)
{
	int32_t n = 1;
	for (int32_t i = 0; i < s->rank; i++)
		n *= s->dims[i];
	return n;
}

/* Index into input `in` of output element `lin` (row-major). */
static int32_t ref_index(const shape *in, const shape *out, int32_t lin)
{
	int32_t idx = 0, stride = 1;

	for (int32_t i = out->rank - 1; i >= 0; i--) {
		int32_t coord = lin % out->dims[i];
		int32_t j = i - (out->rank - in->rank);
		lin /= out->dims[i];
		if (j < 0)
			continue;
		if (in->dims[j] != 1)
			idx += coord * stride;
		stride *= in->dims[j];
	}
	return idx;
}

/* mote_bcast for shapes s[0..n-1] onto out. */
static bool make_bcast(mote_bcast *bc, const shape *s, int n, const shape *out)
{
	const int32_t *dims[3];
	int32_t rank[3];

	for (int k = 0; k < n; k++) {
		dims[k] = s[k].dims;
		rank[k] = s[k].rank;
	}
	return mote_bcast_init(bc, n, dims, rank, out->dims, out->rank);
}

/* First element of the inner run at `it` whose walked input offsets
 * differ from the reference, or -1. */
static int32_t run_mismatch(const mote_bcast *bc, const mote_bcast_it *it,
			    const shape *s, int n, const shape *out)
{
	for (int32_t i = 0; i < bc->extent[0]; i++) {
		for (int k = 0; k < n; k++) {
			int32_t got = it->in[k] + i * bc->stride[k][0];
			if (got != ref_index(&s[k], out, it->out + i))
				return it->out + i;
		}
	}
	return -1;
}

/* First output element visited out of order or with wrong input offsets,
 * or -1; *seen counts the elements visited. */
static int32_t walk_mismatch(const mote_bcast *bc, const shape *s, int n,
			     const shape *out, int32_t *seen)
{
	mote_bcast_it it;
	int32_t bad;

	*seen = 0;
	for (bool more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it)) {
		if (it.out != *seen)
			return it.out;
		bad = run_mismatch(bc, &it, s, n, out);
		if (bad >= 0)
			return bad;
		*seen += bc->extent[0];
	}
	return -1;
}

/* Pair `c` alone, with a [1] or rank-0 third input, or with a full one. */
static void walk_case(int c, int extra)
{
	static const shape third[] = { { 1, { 1 } }, { 0, { 0 } } };
	shape s[3] = { pairs[c][0], pairs[c][1] }, out;
	mote_bcast bc;
	char name[64];
	int n = extra == 0 ? 2 : 3;
	int32_t seen, bad;

	if (extra)
		s[2] = third[extra == 1 ? 0 : 1];
	np_broadcast(s, n, &out);
	if (extra == 3)
		s[2] = out;
	snprintf(name, sizeof name, "bcast walk case %d extra %d", c, extra);
	if (!make_bcast(&bc, s, n, &out)) {
		reportf(false, name, "init refused");
		return;
	}
	bad = walk_mismatch(&bc, s, n, &out, &seen);
	reportf(bad < 0 && seen == elems(&out) && bc.count == elems(&out), name,
	        "first bad output %d, visited %d of %d", bad, seen,
	        elems(&out));
}

static void test_bcast_walk(void)
{
	for (int c = 0; c < N_PAIRS; c++) {
		for (int extra = 0; extra <= 3; extra++)
			walk_case(c, extra);
	}
}

static void test_bcast_rules(void)
{
	shape a = { 3, { 2, 3, 5 } }, b = { 1, { 4 } };
	shape out = { 3, { 2, 3, 5 } };
	shape s[2] = { a, a };
	mote_bcast bc;

	make_bcast(&bc, s, 2, &out);
	reportf(bc.n_loops == 1 && bc.extent[0] == 30 && bc.stride[0][0] == 1 &&
		        bc.stride[1][0] == 1,
	        "bcast same shape fuses to one loop", "n_loops %d", bc.n_loops);

	s[1] = b;
	report(!make_bcast(&bc, s, 2, &out), "bcast 5 vs 4 refused", "");

	shape big = { 3, { 2, 3, 7 } };
	s[1] = (shape){ 1, { 1 } };
	report(!make_bcast(&bc, s, 2, &big), "bcast output too big refused",
	       "");

	shape small = { 2, { 3, 5 } };
	s[1] = a;
	report(!make_bcast(&bc, s, 2, &small),
	       "bcast output too small refused", "");

	static const int32_t d9[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 2 };
	const int32_t *dims9[2] = { d9, d9 };
	const int32_t rank9[2] = { 9, 9 };
	report(!mote_bcast_init(&bc, 2, dims9, rank9, d9, 9),
	       "bcast rank 9 refused", "");

	/* [4,1] with [1,5] cannot fuse: two loops. */
	s[0] = (shape){ 2, { 4, 1 } };
	s[1] = (shape){ 2, { 1, 5 } };
	shape o2 = { 2, { 4, 5 } };
	reportf(make_bcast(&bc, s, 2, &o2) && bc.n_loops == 2 &&
		        bc.stride[0][0] == 0 && bc.stride[1][0] == 1 &&
		        bc.stride[0][1] == 1 && bc.stride[1][1] == 0,
	        "bcast outer product loops", "n_loops %d", bc.n_loops);
}

/* ---- Independent fixed-point reference --------------------------------- */

static int32_t clampi(int64_t x, int32_t lo, int32_t hi)
{
	return x < lo ? lo : (x > hi ? hi : (int32_t)x);
}

static int32_t round_real(double x)
{
	return (int32_t)llround(x);
}

/* ---- Quantized kernels --------------------------------------------------- */

/* Quantization of one quantized case: inputs, output, activation range. */
typedef struct qcase {
	float s1;
	int32_t z1;
	float s2;
	int32_t z2;
	float so;
	int32_t zo;
	int32_t act_min; /* 0 with act_max 0: the type's range */
	int32_t act_max;
} qcase;

static const qcase q8[] = {
	{ 0.141176477f, 84, 0.0470588244f, 0, 0.15578264f, 80, 0, 0 },
	{ 0.5f, -128, 0.5f, 127, 1.0f, 0, 0, 0 },
	{ 0.00392156886f, -128, 0.2f, 5, 0.01f, -3, 0, 0 },
	{ 0.001f, 0, 0.9f, 10, 0.05f, 0, -20, 100 }, /* extreme ratio */
	{ 0.0235f, 127, 0.0235f, -128, 0.047f, -128, -128, 127 },
};
static const qcase q16[] = {
	{ 1.0f / 32768, 0, 3.0f / 32768, 0, 4.0f / 32768, 0, 0, 0 },
	{ 0.001f, 0, 0.0005f, 0, 0.0012f, 0, 0, 0 },
	{ 0.0002f, 0, 0.05f, 0, 0.04f, 0, 0, 16000 },
};

/* Random quantized test data for one shape pair and type range. */
typedef struct qdata {
	shape s[2];
	shape out;
	int32_t a[MAX_ELEMS];
	int32_t b[MAX_ELEMS];
	int32_t ia[MAX_ELEMS]; /* input a element of each output element */
	int32_t ib[MAX_ELEMS]; /* input b element of each output element */
	int32_t n_a, n_b, n_out;
} qdata;

static void fill_qdata(qdata *d, int pair, int32_t lo, int32_t hi)
{
	d->s[0] = pairs[pair][0];
	d->s[1] = pairs[pair][1];
	np_broadcast(d->s, 2, &d->out);
	d->n_a = elems(&d->s[0]);
	d->n_b = elems(&d->s[1]);
	d->n_out = elems(&d->out);
	for (int32_t i = 0; i < d->n_a; i++)
		d->a[i] = rnd_int(lo, hi);
	for (int32_t i = 0; i < d->n_b; i++)
		d->b[i] = rnd_int(lo, hi);
	for (int32_t i = 0; i < d->n_out; i++) {
		d->ia[i] = ref_index(&d->s[0], &d->out, i);
		d->ib[i] = ref_index(&d->s[1], &d->out, i);
	}
}

enum qop { Q_ADD, Q_SUB, Q_MUL, Q_SQDIFF, Q_DIV };

/* Params of a quantized op, by TFLM's recipes (double, or float for SUB
 * and DIV). */
static void q_params(enum qop op, const qcase *q, bool is16,
		     mote_binary_params *p)
{
	int32_t lo = is16 ? -32768 : -128, hi = is16 ? 32767 : 127;

	p->in1_offset = -q->z1;
	p->in2_offset = -q->z2;
	p->out_offset = q->zo;
	p->act_min = (q->act_min || q->act_max) ? q->act_min : lo;
	p->act_max = (q->act_min || q->act_max) ? q->act_max : hi;
	if (op == Q_ADD || op == Q_SUB || op == Q_SQDIFF) {
		int ls = op == Q_SQDIFF ? (is16 ? 0 : 7) : (is16 ? 15 : 20);
		float mx = q->s1 > q->s2 ? q->s1 : q->s2;
		double tw = 2.0 * mx, r1 = q->s1 / tw, r2 = q->s2 / tw, ro;
		if (op == Q_SUB) {
			float twf = 2.0f * mx;
			volatile float f1 = q->s1 / twf, f2 = q->s2 / twf;
			volatile float den = (float)(1 << ls) * q->so;
			volatile float fo = twf / den;
			r1 = f1;
			r2 = f2;
			ro = fo;
		} else if (op == Q_SQDIFF) {
			volatile float den = (float)(1 << (2 * ls)) * q->so;
			ro = tw * tw / den;
		} else {
			ro = tw / ((double)(1 << ls) * q->so);
		}
		p->left_shift = ls;
		ref_quantize(r1, &p->in1_mult, &p->in1_shift);
		ref_quantize(r2, &p->in2_mult, &p->in2_shift);
		ref_quantize(ro, &p->out_mult, &p->out_shift);
	} else if (op == Q_MUL) {
		ref_quantize((double)q->s1 * q->s2 / q->so, &p->out_mult,
			     &p->out_shift);
	} else {
		volatile float den = q->s2 * q->so;
		volatile float m = q->s1 / den;
		ref_quantize(m, &p->out_mult, &p->out_shift);
	}
}

/* Exact TFLite result of one quantized element (not DIV). */
static int32_t q_ref(enum qop op, const mote_binary_params *p, int32_t x,
		     int32_t y)
{
	int64_t v1 = x + p->in1_offset, v2 = y + p->in2_offset;
	int64_t pot = (int64_t)1 << p->left_shift;
	int64_t raw;

	if (op == Q_MUL) {
		raw = ref_mbqm(v1 * v2, p->out_mult, p->out_shift);
	} else {
		int32_t a = ref_mbqm(v1 * pot, p->in1_mult, p->in1_shift);
		int32_t b = ref_mbqm(v2 * pot, p->in2_mult, p->in2_shift);
		int64_t d = op == Q_ADD ? (int64_t)a + b : (int64_t)a - b;
		if (op == Q_SQDIFF)
			raw = ref_mbqm(d * d, p->out_mult, p->out_shift);
		else
			raw = ref_mbqm(d, p->out_mult, p->out_shift);
	}
	return clampi(raw + p->out_offset, p->act_min, p->act_max);
}

/* The real-number answer, rounded and clamped. */
static int32_t q_real(enum qop op, const qcase *q, const mote_binary_params *p,
		      int32_t x, int32_t y)
{
	double a = (double)q->s1 * (x - q->z1), b = (double)q->s2 * (y - q->z2);
	double r = op == Q_ADD ? a + b
		   : op == Q_SUB ? a - b
		   : op == Q_MUL ? a * b
		   : op == Q_DIV ? a / b
				 : (a - b) * (a - b);
	return clampi(round_real(r / q->so) + q->zo, p->act_min, p->act_max);
}

/* Runs kernel `op` on int8 or int16 data. */
static bool run_q(enum qop op, bool is16, const mote_binary_params *p,
		  const qdata *d, int32_t *out)
{
	static int8_t a8[MAX_ELEMS], b8[MAX_ELEMS], o8[MAX_ELEMS];
	static int16_t a16[MAX_ELEMS], b16[MAX_ELEMS], o16[MAX_ELEMS];
	bool ok = true;

	for (int32_t i = 0; i < d->n_a; i++) {
		a8[i] = (int8_t)d->a[i];
		a16[i] = (int16_t)d->a[i];
	}
	for (int32_t i = 0; i < d->n_b; i++) {
		b8[i] = (int8_t)d->b[i];
		b16[i] = (int16_t)d->b[i];
	}
	switch (op * 2 + is16) {
	case Q_ADD * 2: mote_add_s8(p, a8, b8, o8); break;
	case Q_ADD * 2 + 1: mote_add_s16(p, a16, b16, o16); break;
	case Q_SUB * 2: mote_sub_s8(p, a8, b8, o8); break;
	case Q_SUB * 2 + 1: mote_sub_s16(p, a16, b16, o16); break;
	case Q_MUL * 2: mote_mul_s8(p, a8, b8, o8); break;
	case Q_MUL * 2 + 1: mote_mul_s16(p, a16, b16, o16); break;
	case Q_SQDIFF * 2: mote_squared_difference_s8(p, a8, b8, o8); break;
	case Q_SQDIFF * 2 + 1:
		mote_squared_difference_s16(p, a16, b16, o16);
		break;
	default: ok = mote_div_s8(p, a8, b8, o8); break;
	}
	for (int32_t i = 0; i < d->n_out; i++)
		out[i] = is16 ? o16[i] : o8[i];
	return ok;
}

static const char *const qop_name[] = { "ADD", "SUB", "MUL", "SQDIFF",
					"DIV" };

/* One quantized kernel on one quantization and shape pair, checked
 * exactly and against the real answer. */
static void q_case(enum qop op, bool is16, const qcase *q, int qi, int c)
{
	static qdata d;
	static int32_t got[MAX_ELEMS];
	mote_binary_params p = { 0 };
	char name[80];
	int32_t bad = -1, want = 0, real = 0;

	fill_qdata(&d, c, is16 ? -32768 : -128, is16 ? 32767 : 127);
	q_params(op, q, is16, &p);
	make_bcast(&p.bc, d.s, 2, &d.out);
	run_q(op, is16, &p, &d, got);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		int32_t x = d.a[d.ia[i]], y = d.b[d.ib[i]];
		int32_t tol = 1;
		want = q_ref(op, &p, x, y);
		real = q_real(op, q, &p, x, y);
		if (op == Q_SQDIFF)
			tol += abs(real - q->zo) * 3 / 100;
		if (got[i] != want || abs(want - real) > tol)
			bad = i;
	}
	snprintf(name, sizeof name, "%s s%d q%d shapes %d", qop_name[op],
		 is16 ? 16 : 8, qi, c);
	reportf(bad < 0, name, "index %d got %d want %d real %d", bad,
	        bad >= 0 ? got[bad] : 0, want, real);
}

static void test_quantized_binary(void)
{
	static const struct {
		enum qop op;
		bool is16;
	} kernels[] = { { Q_ADD, false }, { Q_ADD, true },
			{ Q_SUB, false }, { Q_SUB, true },
			{ Q_MUL, false }, { Q_MUL, true },
			{ Q_SQDIFF, false }, { Q_SQDIFF, true } };

	for (unsigned k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
		bool is16 = kernels[k].is16;
		int nq = is16 ? 3 : 5;
		for (int qi = 0; qi < nq; qi++) {
			for (int c = 0; c < N_PAIRS; c++)
				q_case(kernels[k].op, is16,
				       is16 ? &q16[qi] : &q8[qi], qi, c);
		}
	}
}

/* int8 DIV on one quantization and shape pair: within one step of the
 * real quotient (no divisor equals its zero point). */
static void div_case(int qi, int c)
{
	static qdata d;
	static int32_t got[MAX_ELEMS];
	const qcase *q = &q8[qi];
	mote_binary_params p = { 0 };
	char name[64];
	int32_t bad = -1, real = 0;

	fill_qdata(&d, c, -128, 127);
	for (int32_t i = 0; i < d.n_b; i++) {
		if (d.b[i] == q->z2)
			d.b[i] = q->z2 == 127 ? 126 : q->z2 + 1;
	}
	q_params(Q_DIV, q, false, &p);
	make_bcast(&p.bc, d.s, 2, &d.out);
	bool ok = run_q(Q_DIV, false, &p, &d, got);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		real = q_real(Q_DIV, q, &p, d.a[d.ia[i]], d.b[d.ib[i]]);
		if (abs(got[i] - real) > 1)
			bad = i;
	}
	snprintf(name, sizeof name, "DIV s8 q%d shapes %d", qi, c);
	reportf(ok && bad < 0, name, "index %d got %d real %d", bad,
	        bad >= 0 ? got[bad] : 0, real);
}

static void test_div_s8(void)
{
	for (int qi = 0; qi < 5; qi++) {
		for (int c = 0; c < N_PAIRS; c++)
			div_case(qi, c);
	}

	/* A zero divisor fails; a zero dividend with a small multiplier
	 * (TFLM's over-wide shift) gives the output zero point. */
	mote_binary_params p = { 0 };
	shape s[2] = { { 1, { 2 } }, { 1, { 2 } } }, out = { 1, { 2 } };
	int8_t a[2] = { 3, 0 }, b[2] = { 5, 2 }, o[2];
	p.in1_offset = 0;
	p.in2_offset = -2;
	p.out_offset = -7;
	p.act_min = -128;
	p.act_max = 127;
	ref_quantize(1.25, &p.out_mult, &p.out_shift);
	make_bcast(&p.bc, s, 2, &out);
	report(!mote_div_s8(&p, a, b, o), "DIV s8 zero divisor fails", "");
	b[1] = 120;
	reportf(mote_div_s8(&p, a, b, o) && o[0] == -6 && o[1] == -7,
	        "DIV s8 zero dividend", "got %d %d want -6 -7", o[0], o[1]);
}

/* The six int8 comparisons on one quantization and shape pair, against
 * TFLM's rescaled values; a third of b repeats a so that ties occur. */
static void compare_case(int qi, int c)
{
	static qdata d;
	static bool got[6][MAX_ELEMS];
	static int8_t a[MAX_ELEMS], b[MAX_ELEMS];
	const qcase *q = &q8[qi];
	mote_binary_params p = { 0 };
	char name[64];
	int32_t bad = -1;

	fill_qdata(&d, c, -128, 127);
	for (int32_t i = 0; i < d.n_b; i++) {
		if (i % 3 == 0 && i < d.n_a)
			d.b[i] = d.a[i];
	}
	for (int32_t i = 0; i < d.n_a; i++)
		a[i] = (int8_t)d.a[i];
	for (int32_t i = 0; i < d.n_b; i++)
		b[i] = (int8_t)d.b[i];
	p.in1_offset = -q->z1;
	p.in2_offset = -q->z2;
	p.left_shift = 8;
	ref_quantize(q->s1, &p.in1_mult, &p.in1_shift);
	ref_quantize(q->s2, &p.in2_mult, &p.in2_shift);
	make_bcast(&p.bc, d.s, 2, &d.out);
	mote_equal_s8(&p, a, b, got[0]);
	mote_not_equal_s8(&p, a, b, got[1]);
	mote_less_s8(&p, a, b, got[2]);
	mote_less_equal_s8(&p, a, b, got[3]);
	mote_greater_s8(&p, a, b, got[4]);
	mote_greater_equal_s8(&p, a, b, got[5]);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		int64_t x = d.a[d.ia[i]] - q->z1, y = d.b[d.ib[i]] - q->z2;
		int32_t sx = ref_mbqm(x * 256, p.in1_mult, p.in1_shift);
		int32_t sy = ref_mbqm(y * 256, p.in2_mult, p.in2_shift);
		bool want[6] = { sx == sy, sx != sy, sx < sy,
				 sx <= sy, sx > sy, sx >= sy };
		for (int k = 0; k < 6; k++)
			bad = got[k][i] != want[k] ? i * 8 + k : bad;
	}
	snprintf(name, sizeof name, "compare s8 q%d shapes %d", qi, c);
	reportf(bad < 0, name, "index %d op %d", bad / 8, bad % 8);
}

static void test_compare_s8(void)
{
	for (int qi = 0; qi < 5; qi++) {
		for (int c = 0; c < N_PAIRS; c++)
			compare_case(qi, c);
	}
}

/* Quantization of a PRELU case: input, alpha (int8), output. */
typedef struct prelu_q {
	float si;
	int32_t zi;
	float sa;
	int32_t za;
	float so;
	int32_t zo;
	bool is16;
} prelu_q;

/* The exact and the real PRELU result of input x and alpha a. */
static void prelu_ref(const prelu_q *q, const mote_prelu_params *p, int32_t x,
		      int32_t a, int32_t *want, int32_t *real)
{
	int32_t lo = q->is16 ? -32768 : -128, hi = q->is16 ? 32767 : 127;
	int64_t v = x - q->zi, va = a - q->za;
	int64_t raw = v >= 0 ? ref_mbqm(v, p->pos_mult, p->pos_shift)
			     : ref_mbqm(v * va, p->neg_mult, p->neg_shift);
	double r = q->si * (double)v * (v < 0 ? q->sa * (double)va : 1.0);

	*want = clampi(raw + q->zo, lo, hi);
	*real = clampi(round_real(r / q->so) + q->zo, lo, hi);
}

static void prelu_case(const prelu_q *q, int qi, int c)
{
	static qdata d;
	static int8_t x8[MAX_ELEMS], al[MAX_ELEMS], o8[MAX_ELEMS];
	static int16_t x16[MAX_ELEMS], o16[MAX_ELEMS];
	mote_prelu_params p = { 0 };
	int32_t bad = -1, want = 0, real = 0, got = 0;
	char name[64];

	fill_qdata(&d, c, q->is16 ? -32768 : -128, q->is16 ? 32767 : 127);
	for (int32_t i = 0; i < d.n_a; i++) {
		x8[i] = (int8_t)d.a[i];
		x16[i] = (int16_t)d.a[i];
	}
	for (int32_t i = 0; i < d.n_b; i++)
		al[i] = (int8_t)(d.b[i] >> (q->is16 ? 8 : 0));
	p.in_offset = -q->zi;
	p.alpha_offset = -q->za;
	p.out_offset = q->zo;
	ref_quantize((double)q->si / q->so, &p.pos_mult, &p.pos_shift);
	ref_quantize((double)q->si * q->sa / q->so, &p.neg_mult,
		     &p.neg_shift);
	make_bcast(&p.bc, d.s, 2, &d.out);
	if (q->is16)
		mote_prelu_s16(&p, x16, al, o16);
	else
		mote_prelu_s8(&p, x8, al, o8);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		prelu_ref(q, &p, d.a[d.ia[i]], al[d.ib[i]], &want, &real);
		got = q->is16 ? o16[i] : o8[i];
		if (got != want || abs(want - real) > 1)
			bad = i;
	}
	snprintf(name, sizeof name, "PRELU q%d shapes %d", qi, c);
	reportf(bad < 0, name, "index %d got %d want %d real %d", bad, got,
	        want, real);
}

static void test_prelu_q(void)
{
	static const prelu_q cases[] = {
		{ 0.05f, -10, 0.002f, -128, 0.04f, -20, false },
		{ 0.0039f, 127, 0.01f, 3, 0.5f, -128, false },
		{ 0.9f, -128, 0.0039f, 0, 0.01f, 0, false }, /* saturating */
		{ 0.0003f, 0, 0.004f, 10, 0.0002f, 0, true },
		{ 1.0f / 32768, 0, 0.0078f, -1, 1.0f / 32768, 0, true },
	};

	for (int qi = 0; qi < (int)(sizeof cases / sizeof cases[0]); qi++) {
		for (int c = 0; c < N_PAIRS; c++)
			prelu_case(&cases[qi], qi, c);
	}
}

/* Quantization of an int8 ADD_N case. */
typedef struct add_n_q {
	float s; /* common input scale */
	int32_t z; /* common input zero point */
	float so;
	int32_t zo;
	int n; /* number of inputs */
} add_n_q;

static int8_t add_n_in[4][64];

/* Exact and real result of element i (TFLM's seed: the rescaled input
 * offset, i.e. the real value of raw 0, is added once). */
static void add_n_ref(const add_n_q *q, const mote_add_n_params *p, int32_t i,
		      int32_t *want, int32_t *real)
{
	int64_t sum = ref_mbqm((int64_t)-q->z * (1 << 20), p->in_mult,
			       p->in_shift);
	double r = q->s * (double)-q->z;

	for (int j = 0; j < q->n; j++) {
		int64_t v = add_n_in[j][i] - q->z;
		sum += ref_mbqm(v * (1 << 20), p->in_mult, p->in_shift);
		r += q->s * (double)v;
	}
	*want = clampi(ref_mbqm(sum, p->out_mult, p->out_shift) + q->zo, -128,
		       127);
	*real = clampi(round_real(r / q->so) + q->zo, -128, 127);
}

static void add_n_case(const add_n_q *q, int qi)
{
	static int8_t out[64];
	const int8_t *ptrs[4] = { add_n_in[0], add_n_in[1], add_n_in[2],
				  add_n_in[3] };
	mote_add_n_params p = { 0 };
	int32_t bad = -1, want = 0, real = 0;
	double tw = 2.0 * q->s;
	char name[64];

	p.n_in = q->n;
	p.count = 37;
	p.in_offset = -q->z;
	p.out_offset = q->zo;
	p.left_shift = 20;
	p.act_min = -128;
	p.act_max = 127;
	ref_quantize(q->s / tw, &p.in_mult, &p.in_shift);
	ref_quantize(tw / ((double)(1 << 20) * q->so), &p.out_mult,
		     &p.out_shift);
	for (int j = 0; j < p.n_in; j++) {
		for (int32_t i = 0; i < p.count; i++)
			add_n_in[j][i] = (int8_t)rnd_int(-128, 127);
	}
	mote_add_n_s8(&p, ptrs, out);
	for (int32_t i = 0; i < p.count && bad < 0; i++) {
		add_n_ref(q, &p, i, &want, &real);
		if (out[i] != want || abs(want - real) > 1)
			bad = i;
	}
	snprintf(name, sizeof name, "ADD_N s8 case %d", qi);
	reportf(bad < 0, name, "index %d got %d want %d real %d", bad,
	        bad >= 0 ? out[bad] : 0, want, real);
}

static void test_add_n_s8(void)
{
	static const add_n_q cases[] = {
		{ 0.1f, 3, 0.25f, -5, 2 },
		{ 0.0039f, -128, 0.02f, -128, 4 },
		{ 0.5f, 127, 0.3f, 10, 3 },
	};

	for (int qi = 0; qi < 3; qi++)
		add_n_case(&cases[qi], qi);
}

/* ---- Float kernels ------------------------------------------------------- */

enum fop { F_ADD, F_SUB, F_MUL, F_DIV, F_SQDIFF, F_MIN, F_MAX, F_FDIV,
	   F_FMOD, F_PRELU, N_FOP };
static const char *const fop_name[] = { "ADD", "SUB", "MUL", "DIV", "SQDIFF",
					"MIN", "MAX", "FLOOR_DIV", "FLOOR_MOD",
					"PRELU" };

/* The float64 reference of one element, before the activation clamp. */
static double f_ref(enum fop op, float x, float y)
{
	double a = x, b = y;

	switch (op) {
	case F_ADD: return a + b;
	case F_SUB: return a - b;
	case F_MUL: return a * b;
	case F_DIV: return a / b;
	case F_SQDIFF: return (float)(a - b) * (double)(float)(a - b);
	case F_MIN: return x < y ? x : y;
	case F_MAX: return x > y ? x : y;
	case F_FDIV: return floor(a / b);
	case F_FMOD: {
		double r = fmod(a, b);
		return (r != 0 && ((b < 0) != (r < 0))) ? r + b : r;
	}
	default: return x >= 0 ? a : a * b;
	}
}

static void run_f(enum fop op, const mote_binary_params *p, const float *a,
		  const float *b, float *o)
{
	mote_prelu_params pp;

	switch (op) {
	case F_ADD: mote_add_f32(p, a, b, o); break;
	case F_SUB: mote_sub_f32(p, a, b, o); break;
	case F_MUL: mote_mul_f32(p, a, b, o); break;
	case F_DIV: mote_div_f32(p, a, b, o); break;
	case F_SQDIFF: mote_squared_difference_f32(p, a, b, o); break;
	case F_MIN: mote_minimum_f32(p, a, b, o); break;
	case F_MAX: mote_maximum_f32(p, a, b, o); break;
	case F_FDIV: mote_floor_div_f32(p, a, b, o); break;
	case F_FMOD: mote_floor_mod_f32(p, a, b, o); break;
	default:
		memset(&pp, 0, sizeof pp);
		pp.bc = p->bc;
		mote_prelu_f32(&pp, a, b, o);
		break;
	}
}

/* One float kernel on one shape pair; ADD..DIV with activation c % 4. */
static void float_case(enum fop op, int c)
{
	static const float acts[][2] = { { -FLT_MAX, FLT_MAX },
					 { 0.0f, FLT_MAX },
					 { -1.0f, 1.0f },
					 { 0.0f, 6.0f } };
	static qdata d;
	static float a[MAX_ELEMS], b[MAX_ELEMS], o[MAX_ELEMS];
	mote_binary_params p = { 0 };
	int act = op <= F_DIV ? c % 4 : 0;
	bool exact = op >= F_MIN && op != F_PRELU;
	int32_t bad = -1;
	double want = 0;
	char name[64];

	fill_qdata(&d, c, 0, 0);
	for (int32_t i = 0; i < d.n_a; i++)
		a[i] = rnd_f(-8.0f, 8.0f);
	for (int32_t i = 0; i < d.n_b; i++) {
		b[i] = rnd_f(-4.0f, 4.0f);
		b[i] = b[i] == 0.0f ? 0.5f : b[i];
	}
	p.act_min_f = acts[act][0];
	p.act_max_f = acts[act][1];
	make_bcast(&p.bc, d.s, 2, &d.out);
	run_f(op, &p, a, b, o);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		want = f_ref(op, a[d.ia[i]], b[d.ib[i]]);
		if (op <= F_DIV)
			want = fmin(fmax(want, acts[act][0]), acts[act][1]);
		want = (float)want;
		if (exact ? o[i] != want
			  : fabs(o[i] - want) > 1e-6 * fabs(want))
			bad = i;
	}
	snprintf(name, sizeof name, "%s f32 shapes %d", fop_name[op], c);
	reportf(bad < 0, name, "index %d got %.9g want %.9g", bad,
	        bad >= 0 ? o[bad] : 0.0f, want);
}

static void test_float(void)
{
	for (int op = 0; op < N_FOP; op++) {
		for (int c = 0; c < N_PAIRS; c++)
			float_case((enum fop)op, c);
	}
}

/* TFLM's clamp order on special values; FLOOR_DIV by zero; ADD_N order. */
static void test_float_special(void)
{
	mote_binary_params p = { 0 };
	shape s[2] = { { 1, { 4 } }, { 1, { 4 } } }, out = { 1, { 4 } };
	float a[4] = { FLT_MAX, -FLT_MAX, NAN, 1.0f };
	float b[4] = { FLT_MAX, -FLT_MAX, 1.0f, 0.0f };
	float o[4];

	make_bcast(&p.bc, s, 2, &out);
	p.act_min_f = -FLT_MAX;
	p.act_max_f = FLT_MAX;
	mote_add_f32(&p, a, b, o);
	reportf(o[0] == FLT_MAX && o[1] == -FLT_MAX && isnan(o[2]) &&
		        o[3] == 1.0f,
	        "ADD f32 inf clamps to FLT_MAX, nan passes", "%g %g %g %g",
	        o[0], o[1], o[2], o[3]);
	mote_div_f32(&p, a, b, o);
	reportf(o[3] == FLT_MAX, "DIV f32 1/0 clamps to FLT_MAX", "%g", o[3]);
	report(!mote_floor_div_f32(&p, a, b, o), "FLOOR_DIV f32 by 0 fails",
	       "");
	mote_floor_mod_f32(&p, a, b, o);
	reportf(isnan(o[3]), "FLOOR_MOD f32 by 0 is nan", "%g", o[3]);

	float z[4] = { -0.0f, 0.0f, -3.0f, 3.0f };
	float w[4] = { 5.0f, -5.0f, 2.0f, -2.0f };
	mote_floor_div_f32(&p, z, w, o);
	reportf(signbit(o[0]) && signbit(o[1]) && o[2] == -2.0f &&
		        o[3] == -2.0f,
	        "FLOOR_DIV f32 signed zeros", "%g %g %g %g", o[0], o[1], o[2],
	        o[3]);
	/* The quotient 3 - 2^-24 rounds to 3 in float; in double it floors
	 * to 2, as in TFLM. */
	z[2] = 2.9999998f;
	w[2] = 0.99999994f;
	mote_floor_div_f32(&p, z, w, o);
	reportf(o[2] == 2.0f, "FLOOR_DIV f32 divides in double", "%g", o[2]);
	z[2] = -3.0f;
	w[2] = 2.0f;
	mote_floor_mod_f32(&p, z, w, o);
	reportf(o[2] == 1.0f && o[3] == -1.0f, "FLOOR_MOD f32 signs",
	        "%g %g", o[2], o[3]);

	float n1[4] = { NAN, 1.0f, 0.0f, -0.0f };
	float n2[4] = { 1.0f, NAN, -0.0f, 0.0f };
	mote_maximum_f32(&p, n1, n2, o);
	reportf(o[0] == 1.0f && isnan(o[1]) && signbit(o[2]) && !signbit(o[3]),
	        "MAXIMUM f32 nan and zeros as TFLM", "%g %g %g %g", o[0], o[1],
	        o[2], o[3]);

	mote_add_n_params np = { 0 };
	float x0[2] = { 1e8f, -0.0f }, x1[2] = { 1.0f, -0.0f };
	float x2[2] = { -1e8f, -0.0f };
	const float *ins[3] = { x0, x1, x2 };
	np.n_in = 3;
	np.count = 2;
	mote_add_n_f32(&np, ins, o);
	reportf(o[0] == 0.0f && !signbit(o[1]), "ADD_N f32 order and zero seed",
	        "%g %g", o[0], o[1]);
}

/* ---- int32 / int64 / bool / select ------------------------------------ */

static int64_t floor_div64(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* The exact int32 result of op k (see int32_case) before clamping. */
static int64_t int32_ref(int k, int64_t x, int64_t y)
{
	uint64_t d = (uint64_t)(x - y);

	switch (k) {
	case 0: return wrap32(x + y);
	case 1: return wrap32(x - y);
	case 2: return wrap32(x * y);
	case 3: return x / y;
	case 4: return wrap32((int64_t)(uint32_t)(d * d));
	case 5: return floor_div64(x, y);
	case 6: return x - y * floor_div64(x, y);
	default: return x < y ? x : y;
	}
}

/* Runs int32 op k: ADD, SUB, MUL, DIV, SQDIFF, FLOOR_DIV, FLOOR_MOD, MIN. */
static bool int32_run(int k, const mote_binary_params *p, const int32_t *a,
		      const int32_t *b, int32_t *o)
{
	switch (k) {
	case 0: mote_add_s32(p, a, b, o); return true;
	case 1: mote_sub_s32(p, a, b, o); return true;
	case 2: mote_mul_s32(p, a, b, o); return true;
	case 3: return mote_div_s32(p, a, b, o);
	case 4: mote_squared_difference_s32(p, a, b, o); return true;
	case 5: return mote_floor_div_s32(p, a, b, o);
	case 6: return mote_floor_mod_s32(p, a, b, o);
	default: mote_minimum_s32(p, a, b, o); return true;
	}
}

/* int32 op k on shape pair c: large values wrap; ADD..DIV clamp with
 * activation c % 4; divisors avoid 0 and -1. */
static void int32_case(int k, int c)
{
	static const int32_t acts[][2] = { { INT32_MIN, INT32_MAX },
					   { 0, INT32_MAX },
					   { -1, 1 },
					   { 0, 6 } };
	static qdata d;
	static int32_t a[MAX_ELEMS], b[MAX_ELEMS], o[MAX_ELEMS];
	mote_binary_params p = { 0 };
	int32_t bad = -1;
	int64_t want = 0;
	char name[64];

	fill_qdata(&d, c, -1000, 1000);
	for (int32_t i = 0; i < d.n_a; i++)
		a[i] = i % 5 == 0 ? (int32_t)rnd() : d.a[i];
	for (int32_t i = 0; i < d.n_b; i++) {
		b[i] = i % 7 == 0 ? (int32_t)rnd() : d.b[i] / 20;
		b[i] = (b[i] == 0 || b[i] == -1) ? 3 : b[i];
	}
	p.act_min = acts[c % 4][0];
	p.act_max = acts[c % 4][1];
	make_bcast(&p.bc, d.s, 2, &d.out);
	bool ok = int32_run(k, &p, a, b, o);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		want = int32_ref(k, a[d.ia[i]], b[d.ib[i]]);
		if (k <= 3)
			want = clampi(want, p.act_min, p.act_max);
		if (o[i] != want)
			bad = i;
	}
	snprintf(name, sizeof name, "int32 op %d shapes %d", k, c);
	reportf(ok && bad < 0, name, "index %d got %d want %lld", bad,
	        bad >= 0 ? o[bad] : 0, (long long)want);
}

static void test_int32(void)
{
	for (int k = 0; k < 8; k++) {
		for (int c = 0; c < N_PAIRS; c++)
			int32_case(k, c);
	}

	/* Division failures. */
	mote_binary_params p = { 0 };
	shape s[2] = { { 1, { 2 } }, { 1, { 2 } } }, out = { 1, { 2 } };
	int32_t x[2] = { INT32_MIN, 5 }, y[2] = { -1, 0 }, r[2];
	p.act_min = INT32_MIN;
	p.act_max = INT32_MAX;
	make_bcast(&p.bc, s, 2, &out);
	report(!mote_div_s32(&p, x, y, r), "DIV s32 INT32_MIN/-1 fails", "");
	y[0] = 2;
	report(!mote_div_s32(&p, x, y, r), "DIV s32 zero divisor fails", "");
	report(!mote_floor_div_s32(&p, x, y, r), "FLOOR_DIV s32 zero fails",
	       "");
	report(!mote_floor_mod_s32(&p, x, y, r), "FLOOR_MOD s32 zero fails",
	       "");
	y[0] = -1;
	y[1] = 3;
	reportf(mote_floor_mod_s32(&p, x, y, r) && r[0] == 0 && r[1] == 2,
	        "FLOOR_MOD s32 INT32_MIN % -1", "%d %d", r[0], r[1]);
}

/* A random int64 of random magnitude. */
static int64_t rnd_i64(void)
{
	uint64_t u = ((uint64_t)rnd() << 32) | rnd();
	int sh = (int)(rnd() % 60);
	int64_t v = (int64_t)(u >> sh);
	return (u & 1) ? -v : v;
}

/* Raw-value kernels on one shape pair: MIN/MAX of int8, int16, int64,
 * comparisons of int16, int64 and bool, the logical ops. */
typedef struct raw_data {
	int64_t a[MAX_ELEMS], b[MAX_ELEMS], o64[MAX_ELEMS];
	int8_t a8[MAX_ELEMS], b8[MAX_ELEMS], o8[MAX_ELEMS];
	int16_t a16[MAX_ELEMS], b16[MAX_ELEMS], o16[MAX_ELEMS];
	uint8_t ab[MAX_ELEMS], bb[MAX_ELEMS]; /* bool bytes: nonzero is true */
	bool cmp[8][MAX_ELEMS];
} raw_data;

static void raw_fill(raw_data *r, const qdata *d)
{
	for (int32_t i = 0; i < d->n_a; i++) {
		r->a[i] = rnd_i64();
		r->a8[i] = (int8_t)r->a[i];
		r->a16[i] = (int16_t)r->a[i];
		r->ab[i] = (uint8_t)(r->a[i] & 3); /* 2 and 3 are true too */
	}
	for (int32_t i = 0; i < d->n_b; i++) {
		r->b[i] = (i % 4 == 0 && i < d->n_a) ? r->a[i] : rnd_i64();
		r->b8[i] = (int8_t)r->b[i];
		r->b16[i] = (int16_t)r->b[i];
		r->bb[i] = (uint8_t)(r->b[i] & 3);
	}
}

/* True if output element i of every raw kernel is right. */
static bool raw_ok(const raw_data *r, int32_t ia, int32_t ib, int32_t i)
{
	int64_t x = r->a[ia], y = r->b[ib];
	int16_t x16 = r->a16[ia], y16 = r->b16[ib];
	bool xb = r->ab[ia] != 0, yb = r->bb[ib] != 0;
	bool want[8] = { x < y,	    x16 >= y16, x == y,	    xb != yb,
			 xb && yb,  xb || yb,	x16 <= y16, xb == yb };

	for (int k = 0; k < 8; k++) {
		if (r->cmp[k][i] != want[k])
			return false;
	}
	return r->o8[i] == (r->a8[ia] < r->b8[ib] ? r->a8[ia] : r->b8[ib]) &&
	       r->o16[i] == (x16 > y16 ? x16 : y16) &&
	       r->o64[i] == (x > y ? x : y);
}

static void raw_case(int c)
{
	static qdata d;
	static raw_data r;
	mote_binary_params p = { 0 };
	int32_t bad = -1;
	char name[64];

	fill_qdata(&d, c, 0, 0);
	raw_fill(&r, &d);
	make_bcast(&p.bc, d.s, 2, &d.out);
	mote_minimum_s8(&p, r.a8, r.b8, r.o8);
	mote_maximum_s16(&p, r.a16, r.b16, r.o16);
	mote_maximum_s64(&p, r.a, r.b, r.o64);
	mote_less_s64(&p, r.a, r.b, r.cmp[0]);
	mote_greater_equal_s16(&p, r.a16, r.b16, r.cmp[1]);
	mote_equal_s64(&p, r.a, r.b, r.cmp[2]);
	mote_not_equal_bool(&p, r.ab, r.bb, r.cmp[3]);
	mote_logical_and_bool(&p, r.ab, r.bb, r.cmp[4]);
	mote_logical_or_bool(&p, r.ab, r.bb, r.cmp[5]);
	mote_less_equal_s16(&p, r.a16, r.b16, r.cmp[6]);
	mote_equal_bool(&p, r.ab, r.bb, r.cmp[7]);
	for (int32_t i = 0; i < d.n_out && bad < 0; i++) {
		if (!raw_ok(&r, d.ia[i], d.ib[i], i))
			bad = i;
	}
	snprintf(name, sizeof name, "raw types shapes %d", c);
	reportf(bad < 0, name, "index %d", bad);
}

static void test_raw_types(void)
{
	for (int c = 0; c < N_PAIRS; c++)
		raw_case(c);
}

/* SELECT on pair c with a small third shape in the cond, x or y slot
 * (perm), for every element size. */
static void select_case(int c, int perm)
{
	static const shape third[] = { { 1, { 1 } },
				       { 0, { 0 } },
				       { 2, { 1, 1 } } };
	static uint8_t cond[MAX_ELEMS]; /* bool bytes: nonzero is true */
	static uint64_t x[MAX_ELEMS], y[MAX_ELEMS], o64[MAX_ELEMS];
	static uint8_t x8[MAX_ELEMS], y8[MAX_ELEMS], o8[MAX_ELEMS];
	static uint16_t x16[MAX_ELEMS], y16[MAX_ELEMS], o16[MAX_ELEMS];
	static uint32_t x32[MAX_ELEMS], y32[MAX_ELEMS], o32[MAX_ELEMS];
	shape s[3], out;
	mote_select_params p;
	int32_t bad = -1;
	char name[64];

	s[perm] = third[perm];
	s[(perm + 1) % 3] = pairs[c][0];
	s[(perm + 2) % 3] = pairs[c][1];
	if (!np_broadcast(s, 3, &out))
		return;
	make_bcast(&p.bc, s, 3, &out);
	for (int32_t i = 0; i < elems(&s[0]); i++)
		cond[i] = (uint8_t)(rnd() & 3);
	for (int32_t i = 0; i < elems(&s[1]); i++) {
		x[i] = ((uint64_t)rnd() << 32) | rnd();
		x8[i] = (uint8_t)x[i];
		x16[i] = (uint16_t)x[i];
		x32[i] = (uint32_t)x[i];
	}
	for (int32_t i = 0; i < elems(&s[2]); i++) {
		y[i] = ((uint64_t)rnd() << 32) | rnd();
		y8[i] = (uint8_t)y[i];
		y16[i] = (uint16_t)y[i];
		y32[i] = (uint32_t)y[i];
	}
	mote_select_u8(&p, cond, x8, y8, o8);
	mote_select_u16(&p, cond, x16, y16, o16);
	mote_select_u32(&p, cond, x32, y32, o32);
	mote_select_u64(&p, cond, x, y, o64);
	for (int32_t i = 0; i < elems(&out) && bad < 0; i++) {
		bool cv = cond[ref_index(&s[0], &out, i)] != 0;
		uint64_t want = cv ? x[ref_index(&s[1], &out, i)]
				   : y[ref_index(&s[2], &out, i)];
		if (o64[i] != want || o32[i] != (uint32_t)want ||
		    o16[i] != (uint16_t)want || o8[i] != (uint8_t)want)
			bad = i;
	}
	snprintf(name, sizeof name, "SELECT shapes %d perm %d", c, perm);
	reportf(bad < 0, name, "index %d", bad);
}

static void test_select(void)
{
	for (int c = 0; c < N_PAIRS; c++) {
		for (int perm = 0; perm < 3; perm++)
			select_case(c, perm);
	}
}

/* ---- Operators through one-op models ---------------------------------- */

/* One-op models (op_model) run through run_op() of harness.h. */

static tfl_tensor_desc tensor(mote_type type, const shape *s)
{
	tfl_tensor_desc t = { .type = type, .rank = s->rank, .dims = s->dims };
	return t;
}

static tfl_tensor_desc qtensor(mote_type type, const shape *s,
			       const float *scale, const int64_t *zp)
{
	tfl_tensor_desc t = tensor(type, s);
	t.n_scale = 1;
	t.scale = scale;
	t.n_zp = 1;
	t.zp = zp;
	return t;
}

static void test_ops(void)
{
	static const shape r6a = { 6, { 2, 1, 3, 1, 2, 1 } };
	static const shape r6b = { 6, { 1, 2, 1, 3, 1, 2 } };
	static const shape r6o = { 6, { 2, 2, 3, 3, 2, 2 } };
	static const shape v2 = { 1, { 2 } }, v3 = { 1, { 3 } };
	static const shape m23 = { 2, { 2, 3 } };
	static float fa[144], fb[144], fo[144];
	op_model m;
	int stage;
	mote_status s;

	/* Rank-6 float ADD with RELU through the interpreter. */
	memset(&m, 0, sizeof m);
	m.builtin = 0;
	m.opts_type = 11; /* AddOptions */
	m.opts[0] = TFL_U8(0, 1);
	m.n_opts = 1;
	m.n_in = 2;
	m.in[0] = tensor(MOTE_FLOAT32, &r6a);
	m.in[1] = tensor(MOTE_FLOAT32, &r6b);
	m.out = tensor(MOTE_FLOAT32, &r6o);
	for (int i = 0; i < 12; i++) {
		fa[i] = rnd_f(-2, 2);
		fb[i] = rnd_f(-2, 2);
	}
	s = run_op(&m, (const void *const[]){ fa, fb }, fo, 144 * 4, &stage);
	int32_t bad = -1;
	for (int32_t i = 0; i < 144 && bad < 0; i++) {
		float want = fa[ref_index(&r6a, &r6o, i)] +
			     fb[ref_index(&r6b, &r6o, i)];
		if (fo[i] != (want < 0 ? 0.0f : want))
			bad = i;
	}
	reportf(s == MOTE_OK && stage == 3 && bad < 0, "op ADD f32 rank 6 relu",
	        "status %d stage %d index %d", s, stage, bad);

	/* Shapes that do not broadcast to the output. */
	m.out = tensor(MOTE_FLOAT32, &r6a);
	s = run_op(&m, (const void *const[]){ fa, fb }, fo, 12 * 4, &stage);
	reportf(s == MOTE_E_INVALID && stage == 1, "op ADD bad output shape",
	        "status %d stage %d", s, stage);

	/* int32: ADD ignores RELU, SUB applies it. */
	int32_t ia[2] = { -5, 7 }, ib[2] = { 2, 9 }, io[2];
	m.in[0] = tensor(MOTE_INT32, &v2);
	m.in[1] = tensor(MOTE_INT32, &v2);
	m.out = tensor(MOTE_INT32, &v2);
	s = run_op(&m, (const void *const[]){ ia, ib }, io, 8, &stage);
	reportf(s == MOTE_OK && io[0] == -3 && io[1] == 16,
	        "op ADD s32 ignores activation", "%d %d", io[0], io[1]);
	m.builtin = 41;
	m.opts_type = 28; /* SubOptions */
	s = run_op(&m, (const void *const[]){ ia, ib }, io, 8, &stage);
	reportf(s == MOTE_OK && io[0] == 0 && io[1] == 0,
	        "op SUB s32 applies activation", "%d %d", io[0], io[1]);

	/* int32 DIV by zero fails at invoke. */
	m.builtin = 42;
	m.opts_type = 29; /* DivOptions */
	m.n_opts = 0;
	ib[1] = 0;
	s = run_op(&m, (const void *const[]){ ia, ib }, io, 8, &stage);
	reportf(s == MOTE_E_EVAL && stage == 2, "op DIV s32 by zero",
	        "status %d stage %d", s, stage);

	/* int32 FLOOR_DIV and FLOOR_MOD (mote's own). */
	m.builtin = 90;
	m.opts_type = 0;
	ib[1] = -4;
	s = run_op(&m, (const void *const[]){ ia, ib }, io, 8, &stage);
	reportf(s == MOTE_OK && io[0] == -3 && io[1] == -2, "op FLOOR_DIV s32",
	        "%d %d", io[0], io[1]);
	m.builtin = 95;
	s = run_op(&m, (const void *const[]){ ia, ib }, io, 8, &stage);
	reportf(s == MOTE_OK && io[0] == 1 && io[1] == -1, "op FLOOR_MOD s32",
	        "%d %d", io[0], io[1]);

	/* ADD_N int32 (mote's own) with three inputs. */
	int32_t ic[2] = { 100, -100 };
	m.builtin = 106;
	m.n_in = 3;
	m.in[2] = tensor(MOTE_INT32, &v2);
	s = run_op(&m, (const void *const[]){ ia, ib, ic }, io, 8, &stage);
	reportf(s == MOTE_OK && io[0] == 97 && io[1] == -97, "op ADD_N s32",
	        "%d %d", io[0], io[1]);

	/* int16 comparisons need one quantization. */
	static const float sc1[1] = { 0.5f }, sc2[1] = { 0.25f };
	static const int64_t zp0[1] = { 0 };
	int16_t ha[2] = { 3, -4 }, hb[2] = { 3, 5 };
	bool bo[2];
	m.builtin = 61; /* GREATER_EQUAL is 62; GREATER 61 */
	m.n_in = 2;
	m.in[0] = qtensor(MOTE_INT16, &v2, sc1, zp0);
	m.in[1] = qtensor(MOTE_INT16, &v2, sc1, zp0);
	m.out = tensor(MOTE_BOOL, &v2);
	s = run_op(&m, (const void *const[]){ ha, hb }, bo, 2, &stage);
	reportf(s == MOTE_OK && !bo[0] && !bo[1], "op GREATER s16", "%d %d",
	        bo[0], bo[1]);
	m.builtin = 63;
	s = run_op(&m, (const void *const[]){ ha, hb }, bo, 2, &stage);
	reportf(s == MOTE_OK && bo[0] && bo[1], "op LESS_EQUAL s16", "%d %d",
	        bo[0], bo[1]);
	m.in[1] = qtensor(MOTE_INT16, &v2, sc2, zp0);
	s = run_op(&m, (const void *const[]){ ha, hb }, bo, 2, &stage);
	reportf(s == MOTE_E_UNSUPPORTED && stage == 1,
	        "op LESS_EQUAL s16 mixed quantization refused", "status %d", s);

	/* bool LESS is refused (TFLM has bool only for (NOT_)EQUAL). */
	m.in[0] = tensor(MOTE_BOOL, &v2);
	m.in[1] = tensor(MOTE_BOOL, &v2);
	s = run_op(&m, (const void *const[]){ bo, bo }, bo, 2, &stage);
	reportf(s == MOTE_E_UNSUPPORTED && stage == 1,
	        "op LESS_EQUAL bool refused",
	        "status %d", s);

	/* SELECT (v1) with a row-vector condition, int32 values. */
	bool cond[2] = { true, false };
	int32_t sx[6] = { 1, 2, 3, 4, 5, 6 };
	int32_t sy[6] = { -1, -2, -3, -4, -5, -6 };
	int32_t so[6];
	m.builtin = 64;
	m.n_in = 3;
	m.in[0] = tensor(MOTE_BOOL, &v2);
	m.in[1] = tensor(MOTE_INT32, &m23);
	m.in[2] = tensor(MOTE_INT32, &m23);
	m.out = tensor(MOTE_INT32, &m23);
	s = run_op(&m, (const void *const[]){ cond, sx, sy }, so, 24, &stage);
	reportf(s == MOTE_OK && so[0] == 1 && so[2] == 3 && so[3] == -4 &&
		        so[5] == -6,
	        "op SELECT row condition", "status %d %d %d %d %d", s, so[0],
	        so[2], so[3], so[5]);

	/* SELECT_V2 broadcasting a [3] condition over [2,3]. */
	bool cond3[3] = { true, false, true };
	m.builtin = 123;
	m.in[0] = tensor(MOTE_BOOL, &v3);
	s = run_op(&m, (const void *const[]){ cond3, sx, sy }, so, 24, &stage);
	reportf(s == MOTE_OK && so[0] == 1 && so[1] == -2 && so[4] == -5 &&
		        so[5] == 6,
	        "op SELECT_V2 broadcast condition", "status %d", s);

	/* SELECT (v1) refuses a [3] condition over [2,3]. */
	m.builtin = 64;
	s = run_op(&m, (const void *const[]){ cond3, sx, sy }, so, 24, &stage);
	reportf(s == MOTE_E_INVALID && stage == 1, "op SELECT bad condition",
	        "status %d", s);

	/* Quantized ADD needs quantization on every tensor. */
	int8_t qa[2] = { 1, 2 }, qo[2];
	m.builtin = 0;
	m.n_in = 2;
	m.opts_type = 11;
	m.in[0] = qtensor(MOTE_INT8, &v2, sc1, zp0);
	m.in[1] = tensor(MOTE_INT8, &v2);
	m.out = qtensor(MOTE_INT8, &v2, sc1, zp0);
	s = run_op(&m, (const void *const[]){ qa, qa }, qo, 2, &stage);
	reportf(s == MOTE_E_BAD_QUANT && stage == 1,
	        "op ADD s8 unquantized input refused", "status %d", s);
}

int main(void)
{
	rng_state = 2463534242u;
	test_bcast_walk();
	test_bcast_rules();
	test_quantized_binary();
	test_div_s8();
	test_compare_s8();
	test_prelu_q();
	test_add_n_s8();
	test_float();
	test_float_special();
	test_int32();
	test_raw_types();
	test_select();
	test_ops();
	return totals();
}
