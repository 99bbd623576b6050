/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_fc.c - tests of the fully connected kernels
 * (src/kernels/fully_connected.h) against an independent reference.
 *
 * A standalone host program: prints the first mismatch of each failing
 * case (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any case failed.
 *
 * Each row of the table is a layer (batch 1-4, odd depths and unit counts,
 * per-tensor and per-channel multipliers from 2^-31 to 3.7, input zero
 * points at both ends of the range, a non-zero per-tensor filter zero
 * point, bias or none, narrow activation ranges) run through every kernel
 * on seeded pseudo-random data:
 *  - integer kernels are compared bit for bit with a re-derivation of
 *    TFLite's arithmetic written independently here: exact sums in int64,
 *    then the double-rounding requantization as closed formulas
 *    (floor((x * m + 2^30) / 2^31), then a division by 2^-shift rounded
 *    half away from zero), or the 64-bit requantization with its 16-bit
 *    reduced multiplier; each result must also lie within 1 of the real
 *    value sum * multiplier computed in double;
 *  - the packed int4 kernel must equal the int8 kernel on the unpacked
 *    filter;
 *  - the float kernel is compared with a double-precision sum within
 *    1e-6 * (1 + sum of |terms|).
 * Then a few models built in memory (tools/host/tfl_builder.h) run through
 * the interpreter: int16 without bias takes TFLM's 64-bit path by default
 * and the 32-bit one when quantized_bias_type is INT32 (checked against
 * the matching re-derivation; the data make the two differ); an int8 layer
 * whose filter is a RESHAPE of a flat constant (a constant cannot be
 * shared, so the reshape copies, and the layer reads a non-constant
 * filter); and models prepare must refuse with a precise code.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kernels/fixedpoint.h"
#include "kernels/fully_connected.h"
#include "tfl_builder.h"

/* One layer of the table. */
typedef struct fc_case {
	int32_t batches, accum, out_c; /* shape */
	bool per_channel; /* one multiplier per unit */
	bool has_bias; /* bias input present */
	int32_t in_zp, filter_zp, out_zp; /* int8 zero points */
	double mult; /* real multiplier (unit c: mult * (1 + c / 7.0)) */
	int32_t act_lo, act_hi; /* int8 activation range */
} fc_case;

static const fc_case cases[] = {
	{ 1, 1, 1, false, false, 0, 0, 0, 0.5, -128, 127 },
	{ 2, 7, 5, true, true, 63, 0, 7, 0.003, -128, 127 },
	{ 3, 16, 5, true, true, -128, 0, -1, 0.02, -20, 20 },
	{ 1, 33, 10, false, true, 127, 0, -128, 1e-4, -128, 127 },
	{ 2, 64, 8, true, false, 5, 0, 3, 3.7, -128, 127 },
	{ 4, 10, 2, false, true, -3, 2, 0, 0.01, 0, 127 },
	{ 1, 25, 12, true, true, 0, 0, 0, 7e-10, -128, 127 },
	{ 2, 8, 31, true, true, -50, 0, 100, 0.0009, -128, 127 },
	{ 1, 3, 1, false, true, 1, -5, -7, 0.9999999999, -100, 50 },
	{ 3, 32, 3, false, false, 10, 0, 0, 0.0015, -128, 127 },
};

/* Multiplier of unit c as (mult, shift). */
static void unit_mult(const fc_case *k, int32_t c, int32_t *m, int *s)
{
	double real = k->per_channel ? k->mult * (1 + c / 7.0) : k->mult;
	mote_quantize_multiplier(real, m, s);
}

/* The kernels under test. */
typedef enum kind { K_S8, K_S8W4, K_S16, K_S16_ACC64, K_F32, K_COUNT } kind;

static const char *const kind_names[] = { "s8", "s8w4", "s16", "s16_acc64",
					  "f32" };

/* Buffers of one run, sized for the case. */
typedef struct fc_data {
	int8_t *in8, *filter8, *out8, *out8b;
	int16_t *in16, *out16;
	uint8_t *packed;
	int32_t *bias32, *mult, *shift;
	int64_t *bias64;
	float *inf, *filterf, *biasf, *outf;
} fc_data;

static void alloc_data(const fc_case *k, fc_data *d)
{
	size_t ni = (size_t)k->batches * k->accum;
	size_t nf = (size_t)k->out_c * k->accum;
	size_t no = (size_t)k->batches * k->out_c;

	d->in8 = malloc(ni);
	d->filter8 = malloc(nf);
	d->out8 = malloc(no);
	d->out8b = malloc(no);
	d->in16 = malloc(ni * 2);
	d->out16 = malloc(no * 2);
	d->packed = calloc((nf + 1) / 2, 1);
	d->bias32 = malloc((size_t)k->out_c * 4);
	d->mult = malloc((size_t)k->out_c * 4);
	d->shift = malloc((size_t)k->out_c * 4);
	d->bias64 = malloc((size_t)k->out_c * 8);
	d->inf = malloc(ni * 4);
	d->filterf = malloc(nf * 4);
	d->biasf = malloc((size_t)k->out_c * 4);
	d->outf = malloc(no * 4);
}

static void free_data(fc_data *d)
{
	void *all[] = { d->in8,	   d->filter8, d->out8,	   d->out8b, d->in16,
			d->out16,  d->packed,  d->bias32,  d->mult,  d->shift,
			d->bias64, d->inf,     d->filterf, d->biasf, d->outf };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]);
}

/* Random data; the filter holds int4 values when `int4` is set. */
static void fill_data(const fc_case *k, fc_data *d, bool int4)
{
	size_t ni = (size_t)k->batches * k->accum;
	size_t nf = (size_t)k->out_c * k->accum;

	for (size_t i = 0; i < ni; i++) {
		d->in8[i] = (int8_t)rnd_int(-128, 127);
		d->in16[i] = (int16_t)rnd_int(-32768, 32767);
		d->inf[i] = (float)rnd_int(-1000000, 1000000) * 1e-6f;
	}
	for (size_t i = 0; i < nf; i++) {
		int32_t v = int4 ? rnd_int(-8, 7) : rnd_int(-127, 127);
		d->filter8[i] = (int8_t)v;
		d->packed[i / 2] |= (uint8_t)((v & 0x0f) << (i % 2 ? 4 : 0));
		d->filterf[i] = (float)rnd_int(-1000000, 1000000) * 1e-6f;
	}
	for (int32_t c = 0; c < k->out_c; c++) {
		int shift;
		d->bias32[c] = rnd_int(-(1 << 20), 1 << 20);
		d->bias64[c] = (int64_t)rnd_int(-(1 << 30), 1 << 30) * 3;
		d->biasf[c] = (float)rnd_int(-1000000, 1000000) * 1e-6f;
		unit_mult(k, c, &d->mult[c], &shift);
		d->shift[c] = shift;
	}
}

static void fill_params(const fc_case *k, const fc_data *d, kind t,
			mote_fc_params *p)
{
	bool wide = t == K_S16 || t == K_S16_ACC64;

	p->batches = k->batches;
	p->accum = k->accum;
	p->out_c = k->out_c;
	p->in_offset = -k->in_zp * (wide ? 100 : 1);
	p->filter_offset = k->per_channel ? 0 : -k->filter_zp;
	p->out_zp = k->out_zp * (wide ? 100 : 1);
	p->act_min = wide ? (k->act_lo == -128 ? -32768 : k->act_lo * 256)
			  : k->act_lo;
	p->act_max =
		wide ? (k->act_hi == 127 ? 32767 : k->act_hi * 256) : k->act_hi;
	p->act_min_f = k->act_lo == -128 ? -3.0e38f : (float)k->act_lo / 16;
	p->act_max_f = k->act_hi == 127 ? 3.0e38f : (float)k->act_hi / 16;
	p->mult = d->mult[0];
	p->shift = d->shift[0];
	p->ch_mult = k->per_channel ? d->mult : NULL;
	p->ch_shift = k->per_channel ? d->shift : NULL;
}

/* Exact integer sum of output (b, c), bias included. */
static int64_t ref_sum(const mote_fc_params *p, const fc_data *d, kind t,
		       int32_t b, int32_t c)
{
	int64_t acc = 0;
	bool wide = t == K_S16 || t == K_S16_ACC64;

	for (int32_t i = 0; i < p->accum; i++) {
		int64_t x = wide ? d->in16[b * p->accum + i]
				 : d->in8[b * p->accum + i];
		int64_t w = d->filter8[c * p->accum + i];
		acc += (w + p->filter_offset) * (x + p->in_offset);
	}
	return acc;
}

/* Checks one integer output against the re-derivation; false on mismatch. */
static bool check_int(const fc_case *k, const mote_fc_params *p,
		      const fc_data *d, kind t, bool has_bias, size_t i,
		      int32_t got)
{
	int32_t b = (int32_t)(i / (size_t)p->out_c),
		c = (int32_t)(i % (size_t)p->out_c);
	int32_t m = k->per_channel ? d->mult[c] : d->mult[0];
	int s = k->per_channel ? d->shift[c] : d->shift[0];
	int64_t acc = ref_sum(p, d, t, b, c);
	int64_t want;
	double real = ldexp((double)m, s - 31);

	if (has_bias)
		acc += t == K_S16_ACC64 ? d->bias64[c] : d->bias32[c];
	want = t == K_S16_ACC64 ? ref_requant64(acc, m, s)
				: ref_requant32(acc, m, s);
	/* the 64-bit path keeps 15 bits of the multiplier */
	double tol =
		1.0 + fabs((double)want) * (t == K_S16_ACC64 ? 0x1p-14 : 1e-9);
	if (fabs((double)want - (double)acc * real) > tol) {
		printf("FAIL fc_%s case %d: index %zu reference %lld is not "
		       "sum %lld x %.9g\n",
		       kind_names[t], (int)(k - cases), i, (long long)want,
		       (long long)acc, real);
		return false;
	}
	want += p->out_zp;
	want = want < p->act_min ? p->act_min
				 : (want > p->act_max ? p->act_max : want);
	if (got == want)
		return true;
	printf("FAIL fc_%s case %d: index %zu got %d want %lld\n",
	       kind_names[t], (int)(k - cases), i, got, (long long)want);
	return false;
}

/* Checks one float output against a double-precision sum. */
static bool check_f32(const fc_case *k, const mote_fc_params *p,
		      const fc_data *d, bool has_bias, size_t i, float got)
{
	int32_t b = (int32_t)(i / (size_t)p->out_c),
		c = (int32_t)(i % (size_t)p->out_c);
	double sum = 0, mag = 0;

	for (int32_t j = 0; j < p->accum; j++) {
		double term = (double)d->inf[b * p->accum + j] *
			      (double)d->filterf[c * p->accum + j];
		sum += term;
		mag += fabs(term);
	}
	if (has_bias) {
		sum += d->biasf[c];
		mag += fabs(d->biasf[c]);
	}
	sum = sum < p->act_min_f ? p->act_min_f
				 : (sum > p->act_max_f ? p->act_max_f : sum);
	if (fabs((double)got - sum) <= 1e-6 * (1 + mag))
		return true;
	printf("FAIL fc_f32 case %d: index %zu got %.9g want %.9g\n",
	       (int)(k - cases), i, got, sum);
	return false;
}

/* Runs kernel t on case k; returns true if every output matched. */
static bool run_case(const fc_case *k, kind t)
{
	fc_data d;
	mote_fc_params p = { 0 };
	size_t no = (size_t)k->batches * k->out_c;
	bool ok = true;

	alloc_data(k, &d);
	rng_state = 12345u + (uint32_t)(k - cases);
	fill_data(k, &d, t == K_S8W4);
	fill_params(k, &d, t, &p);
	const int32_t *b32 = k->has_bias ? d.bias32 : NULL;
	if (t == K_S8 || t == K_S8W4)
		mote_fully_connected_s8(&p, d.in8, d.filter8, b32, d.out8);
	if (t == K_S8W4)
		mote_fully_connected_s8w4(&p, d.in8, d.packed, b32, d.out8b);
	if (t == K_S16)
		mote_fully_connected_s16(&p, d.in16, d.filter8, b32, d.out16);
	if (t == K_S16_ACC64)
		mote_fully_connected_s16_acc64(&p, d.in16, d.filter8,
					       k->has_bias ? d.bias64 : NULL,
					       d.out16);
	if (t == K_F32)
		mote_fully_connected_f32(&p, d.inf, d.filterf,
					 k->has_bias ? d.biasf : NULL, d.outf);
	for (size_t i = 0; i < no && ok; i++) {
		if (t == K_S8W4 && d.out8b[i] != d.out8[i]) {
			printf("FAIL fc_s8w4 case %d: index %zu got %d want %d "
			       "(int8 kernel)\n",
			       (int)(k - cases), i, d.out8b[i], d.out8[i]);
			ok = false;
		}
		if (t == K_S8 || t == K_S8W4)
			ok = ok &&
			     check_int(k, &p, &d, t, k->has_bias, i, d.out8[i]);
		if (t == K_S16 || t == K_S16_ACC64)
			ok = check_int(k, &p, &d, t, k->has_bias, i,
				       d.out16[i]);
		if (t == K_F32)
			ok = check_f32(k, &p, &d, k->has_bias, i, d.outf[i]);
	}
	free_data(&d);
	return ok;
}

/* ---- Models through the interpreter. -------------------------------- */

enum { M_BATCH = 2, M_ACCUM = 64, M_UNITS = 3 };

/* Tensors of the model-level tests. */
typedef struct model_spec {
	mote_type act; /* input and output type (int8 or int16) */
	mote_type filter_type; /* filter type */
	int32_t units_out; /* units of the output shape (M_UNITS if valid) */
	int qbt; /* quantized_bias_type option, -1: not written */
	bool bias; /* with an int32 bias of scale in x filter x bias_skew */
	float bias_skew; /* bias scale relative to in_scale x filter_scale */
	bool reshape; /* the filter is a RESHAPE of a flat constant */
} model_spec;

static const float m_in_s = 0.0003f, m_f_s = 0.0071f, m_out_s = 0.00125f;

/* Adds the filter: a constant, or a RESHAPE of a flat constant. */
static int add_filter(tfl_builder *b, const model_spec *ms, const int8_t *w)
{
	size_t w_size = ms->filter_type == MOTE_FLOAT32 ? 4 : 1;
	tfl_tensor_desc fd = { .type = ms->filter_type, .data = w,
			       .data_bytes = M_UNITS * M_ACCUM * w_size,
			       TFL_SHAPE(M_UNITS, M_ACCUM),
			       TFL_QUANT(m_f_s, 0) };
	tfl_tensor_desc flat = fd;
	tfl_field opts[1] = { TFL_VEC_I32(0, M_UNITS, M_ACCUM) };

	if (!ms->reshape)
		return tfl_tensor(b, &fd);
	flat.dims = (const int32_t[]){ M_UNITS * M_ACCUM };
	flat.rank = 1;
	fd.data = NULL;
	fd.data_bytes = 0;
	int c = tfl_tensor(b, &flat), f = tfl_tensor(b, &fd);
	tfl_op_desc rs = { .opcode = (uint32_t)tfl_opcode(b, 22, 1),
			   TFL_INPUTS(c), TFL_OUTPUTS(f), .opts_type = 17,
			   .opts = opts, .n_opts = 1 };
	tfl_op(b, &rs);
	return f;
}

/* Builds the model; returns it (free()) and its length. */
static uint8_t *build_model(const model_spec *ms, const int8_t *w,
			    const int32_t *bias, size_t *len)
{
	tfl_tensor_desc xd = { .type = ms->act, .name = "x",
			       TFL_SHAPE(M_BATCH, M_ACCUM),
			       TFL_QUANT(m_in_s, 0) };
	tfl_tensor_desc bd = { .type = MOTE_INT32, .data = bias,
			       .data_bytes = M_UNITS * 4, TFL_SHAPE(M_UNITS),
			       TFL_QUANT(m_in_s * m_f_s * ms->bias_skew, 0) };
	tfl_tensor_desc yd = { .type = ms->act, .name = "y",
			       TFL_SHAPE(M_BATCH, ms->units_out),
			       TFL_QUANT(m_out_s, 0) };
	tfl_field opts[2] = { TFL_U8(0, 0), TFL_U8(4, ms->qbt) };
	tfl_builder b;

	tfl_builder_init(&b);
	int x = tfl_tensor(&b, &xd), f = add_filter(&b, ms, w);
	int bi = ms->bias ? tfl_tensor(&b, &bd) : -1;
	int y = tfl_tensor(&b, &yd);
	tfl_op_desc fc = { .opcode = (uint32_t)tfl_opcode(&b, 9, 1),
			   TFL_INPUTS(x, f, bi), TFL_OUTPUTS(y),
			   .opts_type = 8, .opts = opts,
			   .n_opts = ms->qbt < 0 ? 1 : 2 };
	tfl_op(&b, &fc);
	tfl_inputs(&b, TFL_INTS(x));
	tfl_outputs(&b, TFL_INTS(y));
	uint8_t *model = tfl_finish(&b, len);
	tfl_builder_free(&b);
	return model;
}

static _Alignas(16) uint8_t arena[65536];

/*
 * Builds and prepares the model; with `in` set, runs it and copies the
 * output to `out`. Returns the init or invoke status.
 */
static mote_status run_model(const model_spec *ms, const int8_t *w,
			     const int32_t *bias, const void *in, void *out)
{
	size_t len, act = ms->act == MOTE_INT16 ? 2 : 1;
	size_t in_bytes = M_BATCH * M_ACCUM * act;
	size_t out_bytes = M_BATCH * M_UNITS * act;
	uint8_t *bytes = build_model(ms, w, bias, &len);
	mote_model m;
	mote_interp it;
	mote_status s = model_prepare(&m, &it, bytes, len, &mote_all_ops,
				      arena, sizeof arena);

	if (s == MOTE_OK && in != NULL)
		s = model_run(&it, &in, &in_bytes, &out, &out_bytes);
	free(bytes);
	return s;
}

/* Expected int16 outputs without bias: 64-bit or 32-bit requantization. */
static void ref_s16_model(const int16_t *in, const int8_t *w, bool wide,
			  int16_t *want)
{
	float product = m_in_s * m_f_s;
	int32_t m;
	int shift;

	mote_quantize_multiplier((double)product / (double)m_out_s, &m, &shift);
	for (int i = 0; i < M_BATCH * M_UNITS; i++) {
		int64_t acc = 0;
		for (int d = 0; d < M_ACCUM; d++)
			acc += (int64_t)w[i % M_UNITS * M_ACCUM + d] *
			       in[i / M_UNITS * M_ACCUM + d];
		int64_t v = wide ? ref_requant64(acc, m, shift)
				 : ref_requant32(acc, m, shift);
		want[i] = (int16_t)(v < -32768 ? -32768
					       : (v > 32767 ? 32767 : v));
	}
}

/* Compares n outputs; prints the first mismatch. */
static void expect_same(const char *what, const int16_t *got,
			const int16_t *want, int n)
{
	for (int i = 0; i < n; i++) {
		if (got[i] != want[i]) {
			printf("FAIL %s: index %d got %d want %d\n", what, i,
			       got[i], want[i]);
			n_fail++;
			return;
		}
	}
	n_pass++;
}

static void test_s16_bias_type(void)
{
	int8_t w[M_UNITS * M_ACCUM];
	int16_t in[M_BATCH * M_ACCUM], got[M_BATCH * M_UNITS];
	int16_t want32[M_BATCH * M_UNITS], want64[M_BATCH * M_UNITS];
	model_spec ms = { MOTE_INT16, MOTE_INT8, M_UNITS, -1, false, 1, false };

	rng_state = 777;
	for (int i = 0; i < M_UNITS * M_ACCUM; i++)
		w[i] = (int8_t)rnd_int(-127, 127);
	for (int i = 0; i < M_BATCH * M_ACCUM; i++)
		in[i] = (int16_t)rnd_int(-32768, 32767);
	ref_s16_model(in, w, false, want32);
	ref_s16_model(in, w, true, want64);
	if (memcmp(want32, want64, sizeof want32) == 0)
		printf("note: int16 paths agree on this data; the test is "
		       "weak\n");
	if (run_model(&ms, w, NULL, in, got) != MOTE_OK)
		printf("FAIL int16 no-bias model did not run\n");
	expect_same("int16 no bias (64-bit path)", got, want64,
		    M_BATCH * M_UNITS);
	ms.qbt = MOTE_INT32;
	if (run_model(&ms, w, NULL, in, got) != MOTE_OK)
		printf("FAIL int16 no-bias INT32 model did not run\n");
	expect_same("int16 no bias, quantized_bias_type INT32", got, want32,
		    M_BATCH * M_UNITS);
}

static void test_reshaped_filter(void)
{
	int8_t w[M_UNITS * M_ACCUM], in[M_BATCH * M_ACCUM];
	int8_t got[M_BATCH * M_UNITS], want[M_BATCH * M_UNITS];
	int32_t bias[M_UNITS] = { 1000, -2000, 30000 };
	model_spec ms = { MOTE_INT8, MOTE_INT8, M_UNITS, -1, true, 1, true };
	mote_fc_params p = { M_BATCH, M_ACCUM, M_UNITS, 0, 0, 0, -128, 127,
			     0, 0, 0, 0, NULL, NULL };
	int shift;

	rng_state = 4242;
	for (int i = 0; i < M_UNITS * M_ACCUM; i++)
		w[i] = (int8_t)rnd_int(-127, 127);
	for (int i = 0; i < M_BATCH * M_ACCUM; i++)
		in[i] = (int8_t)rnd_int(-128, 127);
	mote_quantize_multiplier((double)(m_in_s * m_f_s) / (double)m_out_s,
				 &p.mult, &shift);
	p.shift = shift;
	mote_fully_connected_s8(&p, in, w, bias, want);
	bool ran = run_model(&ms, w, bias, in, got) == MOTE_OK;
	bool ok = ran && memcmp(got, want, sizeof got) == 0;
	if (!ok)
		printf("FAIL int8 model with a RESHAPEd constant filter%s\n",
		       ran ? ": wrong values" : " did not run");
	tally(ok);
}

/* Models prepare must refuse, with the status it must give. */
static void test_refusals(void)
{
	static const struct {
		const char *what;
		model_spec ms;
		mote_status want;
	} rows[] = {
		{ "int8 input with float filter",
		  { MOTE_INT8, MOTE_FLOAT32, M_UNITS, -1, false, 1, false },
		  MOTE_E_UNSUPPORTED },
		{ "bias scale 50 x input x filter scale",
		  { MOTE_INT8, MOTE_INT8, M_UNITS, -1, true, 50.0f, false },
		  MOTE_E_BAD_QUANT },
		{ "output units differ from the filter's",
		  { MOTE_INT8, MOTE_INT8, M_UNITS + 1, -1, false, 1, false },
		  MOTE_E_BAD_SHAPE },
	};
	static const int8_t w[M_UNITS * M_ACCUM * 4];
	static const int32_t bias[M_UNITS];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t len;
		uint8_t *bytes = build_model(&rows[i].ms, w, bias, &len);
		expect_refused(rows[i].what, bytes, len, arena, sizeof arena,
			       rows[i].want);
	}
}

int main(void)
{
	const int n_cases = (int)(sizeof cases / sizeof cases[0]);

	for (int j = 0; j < n_cases * K_COUNT; j++) {
		tally(run_case(&cases[j / K_COUNT], (kind)(j % K_COUNT)));
	}
	test_s16_bias_type();
	test_reshaped_filter();
	test_refusals();
	return totals();
}
