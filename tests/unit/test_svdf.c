/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_svdf.c - tests of the SVDF kernels (src/kernels/svdf.h) and of the
 * SVDF operator (src/ops/svdf.c) against an independent reference.
 *
 * A standalone host program: prints the first mismatch of each failing
 * case (step, index, got, want) and ends with "N passed, N failed"; the
 * exit status is non-zero if any case failed.
 *
 * The reference keeps each filter's history as its own row (oldest first)
 * rather than one shifted buffer, and runs every case for several steps so
 * that the state carries over:
 *  - integer kernels (int16 and int8 state) are compared bit for bit,
 *    state and output, with a re-derivation written here: exact sums in
 *    int64 reduced modulo 2^32 where TFLM's int32 would wrap, then the
 *    double-rounding requantization as closed formulas (floor((x * m +
 *    2^30) / 2^31), then a division by 2^-shift rounded half away from
 *    zero); each requantized value must also lie within 1 of the real
 *    product sum * multiplier computed in double;
 *  - the float kernel is compared with a double-precision computation
 *    within 1e-5 * (1 + the sum of |terms| that built the value), for
 *    every fused activation.
 * Rows cover batch 1-3, rank 1-3, memory 1-8, odd sizes, with and without
 * bias (TFLM has no cases without bias: it crashes there), non-zero zero
 * points, and multipliers that clamp the state and the output.
 * Then models built in memory (tools/host/tfl_builder.h) run through the
 * interpreter for several invokes, without bias, and mote_reset() must
 * clear the state; and models prepare must refuse with a precise code.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kernels/fixedpoint.h"
#include "kernels/svdf.h"
#include "tfl_builder.h"

/* Uniform float in [-1, 1] with 6 decimals. */
static float rng_f(void)
{
	return (float)rnd_int(-1000000, 1000000) * 1e-6f;
}

/* One row of the table. */
typedef struct svdf_case {
	int32_t batches, in_n, units, rank, memory; /* shape */
	int32_t act; /* fused activation of the float kernel */
	bool bias; /* bias present */
	bool state16; /* int16 state and time weights (else int8) */
	int32_t in_zp, state_zp, out_zp; /* zero points */
	double m1; /* in_scale * feature_scale / state_scale */
	double m2; /* state_scale * time_scale / out_scale */
	int32_t time_max; /* time weights drawn in [-time_max, time_max] */
} svdf_case;

static const svdf_case cases[] = {
	{ 1, 3, 5, 1, 3, 3, true, true, 63, 0, -128, 0.05, 0.002, 1023 },
	{ 2, 7, 3, 2, 4, 0, false, true, -5, 0, 7, 0.3, 1e-4, 2047 },
	{ 3, 1, 1, 1, 1, 1, true, true, 0, 0, 0, 3.7, 0.0007, 1000 },
	{ 1, 16, 4, 3, 8, 4, false, true, -128, 0, -20, 0.01, 3e-5, 1023 },
	{ 2, 5, 2, 2, 2, 2, true, false, 10, 9, 3, 0.02, 0.004, 127 },
	{ 1, 11, 6, 1, 5, 5, false, false, 127, -30, -100, 0.4, 0.01, 127 },
	{ 2, 9, 7, 3, 7, 0, true, false, -1, 100, 0, 0.003, 0.05, 100 },
	{ 1, 20, 10, 1, 2, 3, true, true, 0, 0, -128, 1e-3, 2e-4, 1500 },
};

enum { STEPS = 5 };

/* Sizes of a case. */
static size_t n_filters(const svdf_case *k)
{
	return (size_t)k->units * (size_t)k->rank;
}

/* All buffers of a case; the reference history is hist[b][f][m]. */
typedef struct svdf_data {
	int8_t *in8, *feature8, *time8, *out8;
	int16_t *time16;
	int32_t *bias32;
	void *state; /* kernel state (int8, int16 or float) */
	int64_t *hist; /* integer reference history (stored values) */
	float *inf, *featuref, *timef, *biasf, *outf;
	double *histf, *histmag; /* float reference history and magnitudes */
	void *scratch;
} svdf_data;

static void alloc_data(const svdf_case *k, svdf_data *d)
{
	size_t f = n_filters(k), st = (size_t)k->batches * f * k->memory;
	size_t ni = (size_t)k->batches * k->in_n, no = (size_t)k->batches * k->units;

	d->in8 = malloc(ni);
	d->feature8 = malloc(f * k->in_n);
	d->time8 = malloc(f * k->memory);
	d->time16 = malloc(f * k->memory * 2);
	d->out8 = malloc(no);
	d->bias32 = malloc((size_t)k->units * 4);
	d->state = malloc(st * 4);
	d->hist = malloc(st * 8);
	d->inf = malloc(ni * 4);
	d->featuref = malloc(f * k->in_n * 4);
	d->timef = malloc(f * k->memory * 4);
	d->biasf = malloc((size_t)k->units * 4);
	d->outf = malloc(no * 4);
	d->histf = malloc(st * 8);
	d->histmag = malloc(st * 8);
	d->scratch = malloc((size_t)k->batches * (f + k->units) * 4 + 16);
}

static void free_data(svdf_data *d)
{
	void *all[] = { d->in8,	  d->feature8, d->time8,   d->out8,
			d->time16, d->bias32,  d->state,   d->hist,
			d->inf,	  d->featuref, d->timef,   d->biasf,
			d->outf,  d->histf,    d->histmag, d->scratch };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i]);
}

/* Random weights and bias. */
static void fill_weights(const svdf_case *k, svdf_data *d)
{
	size_t f = n_filters(k);

	for (size_t i = 0; i < f * (size_t)k->in_n; i++) {
		d->feature8[i] = (int8_t)rnd_int(-127, 127);
		d->featuref[i] = rng_f();
	}
	for (size_t i = 0; i < f * (size_t)k->memory; i++) {
		d->time16[i] = (int16_t)rnd_int(-k->time_max, k->time_max);
		d->time8[i] = (int8_t)rnd_int(-k->time_max, k->time_max);
		d->timef[i] = rng_f();
	}
	for (int32_t u = 0; u < k->units; u++) {
		d->bias32[u] = rnd_int(-(1 << 20), 1 << 20);
		d->biasf[u] = rng_f();
	}
}

/* The kernel params of a case. */
static mote_svdf_params params_of(const svdf_case *k)
{
	mote_svdf_params p = { 0 };
	int shift;

	p.batches = k->batches;
	p.in_n = k->in_n;
	p.filters = (int32_t)n_filters(k);
	p.units = k->units;
	p.rank = k->rank;
	p.memory = k->memory;
	p.act = k->act;
	p.in_zp = k->in_zp;
	p.state_zp = k->state_zp;
	p.out_zp = k->out_zp;
	mote_quantize_multiplier(k->m1, &p.feature_mult, &shift);
	p.feature_shift = shift;
	mote_quantize_multiplier(k->m2, &p.out_mult, &shift);
	p.out_shift = shift;
	return p;
}

/* Requantizes and checks the result is within 1 of acc * real. */
static int64_t requant_checked(int64_t acc, int32_t m, int shift,
			       bool *sane)
{
	int64_t v = ref_requant32(acc, m, shift);
	double real = (double)acc * ((double)m * ldexp(1.0, shift - 31));
	if (fabs((double)v - real) > 1.0 + 1e-9 * fabs(real))
		*sane = false;
	return v;
}

/* One step of the integer reference: updates hist, writes want[]. */
static void ref_step_int(const svdf_case *k, const mote_svdf_params *p,
			 const svdf_data *d, int8_t *want, bool *sane)
{
	size_t f = n_filters(k), mem = (size_t)k->memory;
	int64_t lo = k->state16 ? INT16_MIN : INT8_MIN;
	int64_t hi = k->state16 ? INT16_MAX : INT8_MAX;

	for (size_t b = 0; b < (size_t)k->batches; b++) {
		for (size_t j = 0; j < f; j++) {
			int64_t *h = d->hist + (b * f + j) * mem;
			memmove(h, h + 1, (mem - 1) * sizeof *h);
			int64_t acc = 0;
			for (int32_t i = 0; i < k->in_n; i++)
				acc += (int64_t)d->feature8[j * k->in_n + i] *
				       (d->in8[b * k->in_n + i] - k->in_zp);
			int64_t v = requant_checked(acc, p->feature_mult,
						    p->feature_shift, sane);
			int64_t stored = clamp64(v, lo, hi) + k->state_zp;
			/* The kernel stores the sum truncated to the type. */
			stored = k->state16 ? (int16_t)(uint16_t)stored
					    : (int8_t)(uint8_t)stored;
			h[mem - 1] = stored;
		}
		for (int32_t u = 0; u < k->units; u++) {
			int64_t sum = k->bias ? d->bias32[u] : 0;
			for (int32_t r = 0; r < k->rank; r++) {
				size_t j = (size_t)u * k->rank + r;
				const int64_t *h = d->hist + (b * f + j) * mem;
				int64_t dot = 0;
				for (size_t m = 0; m < mem; m++) {
					int64_t w = k->state16
							    ? d->time16[j * mem + m]
							    : d->time8[j * mem + m];
					dot += w * (h[m] - k->state_zp);
				}
				sum = wrap32(sum + wrap32(dot));
			}
			int64_t v = requant_checked(sum, p->out_mult,
						    p->out_shift, sane);
			want[b * k->units + u] =
				(int8_t)clamp64(v + k->out_zp, -128, 127);
		}
	}
}

/* Fused activation in double. */
static double ref_act(int32_t act, double x)
{
	switch (act) {
	case 1:
		return x > 0 ? x : 0;
	case 2:
		return x < -1 ? -1 : (x > 1 ? 1 : x);
	case 3:
		return x < 0 ? 0 : (x > 6 ? 6 : x);
	case 4:
		return tanh(x);
	case 5:
		return x < 0 ? 1 : 0;
	default:
		return x;
	}
}

/* One step of the float reference; want[] and the tolerance tol[]. */
static void ref_step_f32(const svdf_case *k, const svdf_data *d, double *want,
			 double *tol, double *pre)
{
	size_t f = n_filters(k), mem = (size_t)k->memory;

	for (size_t b = 0; b < (size_t)k->batches; b++) {
		for (size_t j = 0; j < f; j++) {
			double *h = d->histf + (b * f + j) * mem;
			double *hm = d->histmag + (b * f + j) * mem;
			memmove(h, h + 1, (mem - 1) * sizeof *h);
			memmove(hm, hm + 1, (mem - 1) * sizeof *hm);
			double acc = 0, mag = 0;
			for (int32_t i = 0; i < k->in_n; i++) {
				double t = (double)d->featuref[j * k->in_n + i] *
					   d->inf[b * k->in_n + i];
				acc += t;
				mag += fabs(t);
			}
			h[mem - 1] = acc;
			hm[mem - 1] = mag;
		}
		for (int32_t u = 0; u < k->units; u++) {
			size_t o = b * k->units + u;
			double sum = k->bias ? d->biasf[u] : 0;
			double mag = fabs(sum);
			for (int32_t r = 0; r < k->rank; r++) {
				size_t j = (size_t)u * k->rank + r;
				const double *h = d->histf + (b * f + j) * mem;
				const double *hm = d->histmag + (b * f + j) * mem;
				for (size_t m = 0; m < mem; m++) {
					double w = d->timef[j * mem + m];
					sum += w * h[m];
					mag += fabs(w) * (hm[m] + fabs(h[m]));
				}
			}
			pre[o] = sum;
			tol[o] = 1e-5 * (1 + mag);
			want[o] = ref_act(k->act, sum);
		}
	}
}

/* Runs the integer kernel of a case for STEPS steps. */
static bool run_int(const svdf_case *k, svdf_data *d)
{
	mote_svdf_params p = params_of(k);
	size_t f = n_filters(k), st = (size_t)k->batches * f * k->memory;
	size_t no = (size_t)k->batches * k->units;
	int8_t want[64];
	bool sane = true;

	for (size_t i = 0; i < st; i++) {
		d->hist[i] = k->state_zp;
		if (k->state16)
			((int16_t *)d->state)[i] = (int16_t)k->state_zp;
		else
			((int8_t *)d->state)[i] = (int8_t)k->state_zp;
	}
	for (int s = 0; s < STEPS; s++) {
		for (size_t i = 0; i < (size_t)k->batches * k->in_n; i++)
			d->in8[i] = (int8_t)rnd_int(-128, 127);
		if (k->state16)
			mote_svdf_s8(&p, d->in8, d->feature8, d->time16,
				     k->bias ? d->bias32 : NULL, d->state,
				     d->out8, d->scratch);
		else
			mote_svdf_s8_state8(&p, d->in8, d->feature8, d->time8,
					    k->bias ? d->bias32 : NULL,
					    d->state, d->out8, d->scratch);
		ref_step_int(k, &p, d, want, &sane);
		for (size_t i = 0; i < st; i++) {
			int64_t got = k->state16 ? ((int16_t *)d->state)[i]
						 : ((int8_t *)d->state)[i];
			if (got != d->hist[i]) {
				printf("FAIL int state step %d index %zu: got "
				       "%lld want %lld\n", s, i, (long long)got,
				       (long long)d->hist[i]);
				return false;
			}
		}
		for (size_t i = 0; i < no; i++) {
			if (d->out8[i] != want[i]) {
				printf("FAIL int output step %d index %zu: got "
				       "%d want %d\n", s, i, d->out8[i], want[i]);
				return false;
			}
		}
	}
	if (!sane)
		printf("FAIL reference requantization is off by more than 1\n");
	return sane;
}

/* Runs the float kernel of a case for STEPS steps. */
static bool run_f32(const svdf_case *k, svdf_data *d)
{
	mote_svdf_params p = params_of(k);
	size_t f = n_filters(k), st = (size_t)k->batches * f * k->memory;
	size_t no = (size_t)k->batches * k->units;
	double want[64], tol[64], pre[64];

	for (size_t i = 0; i < st; i++) {
		((float *)d->state)[i] = 0.0f;
		d->histf[i] = 0;
		d->histmag[i] = 0;
	}
	for (int s = 0; s < STEPS; s++) {
		for (size_t i = 0; i < (size_t)k->batches * k->in_n; i++)
			d->inf[i] = rng_f();
		mote_svdf_f32(&p, d->inf, d->featuref, d->timef,
			      k->bias ? d->biasf : NULL, d->state, d->outf,
			      d->scratch);
		ref_step_f32(k, d, want, tol, pre);
		for (size_t i = 0; i < no; i++) {
			/* A sign test is undecided within the tolerance. */
			if (k->act == 5 && fabs(pre[i]) <= tol[i])
				continue;
			if (fabs(d->outf[i] - want[i]) > tol[i]) {
				printf("FAIL f32 output step %d index %zu: got "
				       "%.9g want %.9g\n", s, i, d->outf[i],
				       want[i]);
				return false;
			}
		}
	}
	return true;
}

static void test_kernels(void)
{
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const svdf_case *k = &cases[c];
		svdf_data d;
		bool ok;

		rng_state = 1000 + (uint32_t)c;
		alloc_data(k, &d);
		fill_weights(k, &d);
		ok = run_int(k, &d);
		if (!ok)
			printf("  (case %zu, integer)\n", c);
		tally(ok);
		ok = run_f32(k, &d);
		if (!ok)
			printf("  (case %zu, float act %d)\n", c, k->act);
		tally(ok);
		free_data(&d);
	}
}

/* ---- Models through the interpreter. ---- */

/* Model geometry: batch 2, 6 inputs, 4 units, rank 2, memory 3. */
enum { MB = 2, MI = 6, MU = 4, MR = 2, MM = 3, MF = MU * MR };

/* What a model test varies. */
typedef struct model_spec {
	mote_type type; /* MOTE_FLOAT32 or MOTE_INT8 */
	mote_type state_type; /* float32, int16 or int8 */
	mote_type time_type; /* type of the time weights */
	bool bias; /* bias present */
	int32_t rank; /* rank option */
	bool state_variable; /* the state tensor is a variable */
	float bias_skew; /* bias scale relative to state x time scale */
	int32_t act; /* fused activation option */
} model_spec;

static const float s_in = 0.02f, s_feat = 0.006f, s_time = 0.0004f;
static const float s_state = 0.05f, s_out = 0.003f;
static const int32_t zp_in = -3, zp_out = 5, zp_state8 = -7;

/* The model's constant data. */
typedef struct model_data {
	int8_t feature8[MF * MI];
	int16_t time16[MF * MM];
	int8_t time8[MF * MM];
	int32_t bias32[MU];
	float featuref[MF * MI], timef[MF * MM], biasf[MU];
} model_data;

static uint8_t *build_model(const model_spec *ms, const model_data *md,
			    size_t *len)
{
	bool f32 = ms->type == MOTE_FLOAT32;
	bool t16 = ms->time_type == MOTE_INT16;
	int32_t st_zp = ms->state_type == MOTE_INT8 ? zp_state8 : 0;
	tfl_tensor_desc xd = { .type = ms->type, .name = "x",
			       TFL_SHAPE(MB, MI), TFL_QUANT(s_in, zp_in) };
	tfl_tensor_desc fd = { .type = ms->type,
			       .data = f32 ? (const void *)md->featuref
					   : (const void *)md->feature8,
			       .data_bytes = MF * MI * (f32 ? 4 : 1),
			       TFL_SHAPE(MF, MI), TFL_QUANT(s_feat, 0) };
	tfl_tensor_desc td = { .type = ms->time_type,
			       .data = f32 ? (const void *)md->timef
				       : t16 ? (const void *)md->time16
					     : (const void *)md->time8,
			       .data_bytes = MF * MM * (f32 ? 4 : t16 ? 2 : 1),
			       TFL_SHAPE(MF, MM), TFL_QUANT(s_time, 0) };
	tfl_tensor_desc bd = { .type = f32 ? MOTE_FLOAT32 : MOTE_INT32,
			       .data = f32 ? (const void *)md->biasf
					   : (const void *)md->bias32,
			       .data_bytes = MU * 4, TFL_SHAPE(MU),
			       TFL_QUANT(s_state * s_time * ms->bias_skew, 0) };
	tfl_tensor_desc sd = { .type = ms->state_type, .name = "state",
			       .is_variable = ms->state_variable,
			       TFL_SHAPE(MB, MF * MM),
			       TFL_QUANT(s_state, st_zp) };
	tfl_tensor_desc yd = { .type = ms->type, .name = "y",
			       TFL_SHAPE(MB, MU), TFL_QUANT(s_out, zp_out) };
	tfl_field opts[2] = { TFL_I32(0, ms->rank), TFL_U8(1, ms->act) };
	tfl_builder b;

	tfl_builder_init(&b);
	int x = tfl_tensor(&b, &xd), f = tfl_tensor(&b, &fd);
	int t = tfl_tensor(&b, &td);
	int bi = ms->bias ? tfl_tensor(&b, &bd) : -1;
	int s = tfl_tensor(&b, &sd), y = tfl_tensor(&b, &yd);
	tfl_op_desc op = { .opcode = (uint32_t)tfl_opcode(&b, 27, 4),
			   TFL_INPUTS(x, f, t, bi, s), TFL_OUTPUTS(y),
			   .opts_type = 6, .opts = opts, .n_opts = 2 };
	tfl_op(&b, &op);
	tfl_inputs(&b, TFL_INTS(x));
	tfl_outputs(&b, TFL_INTS(y));
	uint8_t *model = tfl_finish(&b, len);
	tfl_builder_free(&b);
	return model;
}

static _Alignas(16) uint8_t arena[32768];

static void fill_model_data(model_data *md)
{
	for (int i = 0; i < MF * MI; i++) {
		md->feature8[i] = (int8_t)rnd_int(-127, 127);
		md->featuref[i] = rng_f();
	}
	for (int i = 0; i < MF * MM; i++) {
		md->time16[i] = (int16_t)rnd_int(-2000, 2000);
		md->time8[i] = (int8_t)rnd_int(-127, 127);
		md->timef[i] = rng_f();
	}
	for (int i = 0; i < MU; i++) {
		md->bias32[i] = rnd_int(-5000, 5000);
		md->biasf[i] = rng_f();
	}
}

/* The table case equivalent to a model, for the references. */
static svdf_case case_of(const model_spec *ms)
{
	svdf_case k = { MB, MI, MU, MR, MM, ms->act, ms->bias,
			ms->state_type == MOTE_INT16, zp_in, 0, zp_out,
			0, 0, 0 };
	k.state_zp = ms->state_type == MOTE_INT8 ? zp_state8 : 0;
	/* The multipliers as TFLM computes them: in float. */
	k.m1 = (double)(s_in * s_feat / s_state);
	k.m2 = (double)(s_state * s_time / s_out);
	return k;
}

/*
 * Runs a model for STEPS invokes, then mote_reset() and one more invoke
 * on the first input, checking each output against the reference.
 */
static bool run_model(const model_spec *ms)
{
	model_data md;
	svdf_case k = case_of(ms);
	svdf_data d;
	size_t len;
	bool ok = true, f32 = ms->type == MOTE_FLOAT32;
	int8_t first_in[MB * MI];
	float first_inf[MB * MI];

	fill_model_data(&md);
	uint8_t *bytes = build_model(ms, &md, &len);
	mote_model m;
	mote_interp it;
	mote_tensor tin, tout;
	mote_status s = model_prepare(&m, &it, bytes, len, &mote_all_ops,
				      arena, sizeof arena);
	if (s != MOTE_OK) {
		printf("FAIL model did not prepare: %s\n", mote_status_str(s));
		free(bytes);
		return false;
	}
	alloc_data(&k, &d);
	memcpy(d.feature8, md.feature8, sizeof md.feature8);
	memcpy(d.time16, md.time16, sizeof md.time16);
	memcpy(d.time8, md.time8, sizeof md.time8);
	memcpy(d.bias32, md.bias32, sizeof md.bias32);
	memcpy(d.featuref, md.featuref, sizeof md.featuref);
	memcpy(d.timef, md.timef, sizeof md.timef);
	memcpy(d.biasf, md.biasf, sizeof md.biasf);
	mote_svdf_params p = params_of(&k);
	for (size_t i = 0; i < (size_t)MB * MF * MM; i++) {
		d.hist[i] = k.state_zp;
		d.histf[i] = 0;
		d.histmag[i] = 0;
	}
	for (int step = 0; ok && step <= STEPS; step++) {
		bool again = step == STEPS;
		if (again) {
			mote_reset(&it);
			for (size_t i = 0; i < (size_t)MB * MF * MM; i++) {
				d.hist[i] = k.state_zp;
				d.histf[i] = 0;
				d.histmag[i] = 0;
			}
		}
		for (int i = 0; i < MB * MI; i++) {
			d.in8[i] = again ? first_in[i]
					 : (int8_t)rnd_int(-128, 127);
			d.inf[i] = again ? first_inf[i] : rng_f();
			if (step == 0) {
				first_in[i] = d.in8[i];
				first_inf[i] = d.inf[i];
			}
		}
		mote_input(&it, 0, &tin);
		memcpy(tin.data, f32 ? (void *)d.inf : (void *)d.in8, tin.bytes);
		if (mote_invoke(&it) != MOTE_OK) {
			printf("FAIL model invoke %d\n", step);
			ok = false;
			break;
		}
		mote_output(&it, 0, &tout);
		if (f32) {
			double want[MB * MU], tol[MB * MU], pre[MB * MU];
			ref_step_f32(&k, &d, want, tol, pre);
			for (int i = 0; ok && i < MB * MU; i++) {
				float got = ((const float *)tout.data)[i];
				if (fabs(got - want[i]) > tol[i]) {
					printf("FAIL model step %d index %d: got "
					       "%.9g want %.9g\n", step, i, got,
					       want[i]);
					ok = false;
				}
			}
		} else {
			int8_t want[MB * MU];
			bool sane = true;
			ref_step_int(&k, &p, &d, want, &sane);
			for (int i = 0; ok && i < MB * MU; i++) {
				int8_t got = ((const int8_t *)tout.data)[i];
				if (got != want[i]) {
					printf("FAIL model step %d index %d: got "
					       "%d want %d\n", step, i, got,
					       want[i]);
					ok = false;
				}
			}
		}
	}
	free_data(&d);
	free(bytes);
	return ok;
}

static void test_models(void)
{
	static const struct {
		const char *what;
		model_spec ms;
	} rows[] = {
		{ "int8, int16 state, no bias",
		  { MOTE_INT8, MOTE_INT16, MOTE_INT16, false, MR, true, 1, 0 } },
		{ "int8, int16 state, bias, RELU (ignored)",
		  { MOTE_INT8, MOTE_INT16, MOTE_INT16, true, MR, true, 1, 1 } },
		{ "int8, int8 state, no bias",
		  { MOTE_INT8, MOTE_INT8, MOTE_INT8, false, MR, true, 1, 0 } },
		{ "float, no bias, RELU6",
		  { MOTE_FLOAT32, MOTE_FLOAT32, MOTE_FLOAT32, false, MR, true,
		    1, 3 } },
		{ "float, bias, TANH",
		  { MOTE_FLOAT32, MOTE_FLOAT32, MOTE_FLOAT32, true, MR, true, 1,
		    4 } },
	};

	rng_state = 31337;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		bool ok = run_model(&rows[i].ms);
		if (!ok)
			printf("  (model %s)\n", rows[i].what);
		tally(ok);
	}
}

/* Models prepare must refuse, with the status it must give. */
static void test_refusals(void)
{
	static const struct {
		const char *what;
		model_spec ms;
		mote_status want;
	} rows[] = {
		{ "rank 3 does not divide 8 filters",
		  { MOTE_INT8, MOTE_INT16, MOTE_INT16, true, 3, true, 1, 0 },
		  MOTE_E_BAD_OPTIONS },
		{ "state not a variable",
		  { MOTE_INT8, MOTE_INT16, MOTE_INT16, true, MR, false, 1, 0 },
		  MOTE_E_INVALID },
		{ "bias scale 2 x state x time scale",
		  { MOTE_INT8, MOTE_INT16, MOTE_INT16, true, MR, true, 2, 0 },
		  MOTE_E_BAD_QUANT },
		{ "int8 state with int16 time weights",
		  { MOTE_INT8, MOTE_INT8, MOTE_INT16, true, MR, true, 1, 0 },
		  MOTE_E_UNSUPPORTED },
		{ "float input with int16 state",
		  { MOTE_FLOAT32, MOTE_INT16, MOTE_FLOAT32, true, MR, true, 1,
		    0 },
		  MOTE_E_UNSUPPORTED },
	};
	model_data md;

	memset(&md, 0, sizeof md);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t len;
		uint8_t *bytes = build_model(&rows[i].ms, &md, &len);
		expect_refused(rows[i].what, bytes, len, arena, sizeof arena,
			       rows[i].want);
	}
}

int main(void)
{
	test_kernels();
	test_models();
	test_refusals();
	return totals();
}
