/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_lstm.c - tests of the LSTM kernels (src/kernels/lstm.h) and of the
 * UNIDIRECTIONAL_SEQUENCE_LSTM operator (src/ops/unidirectional_sequence_
 * lstm.c) against independent references.
 *
 * A standalone host program: prints the first mismatch of each failing
 * case (invoke, index, got, want) and ends with "N passed, N failed"; the
 * exit status is non-zero if any case failed.
 *
 * Every case is a model built in memory (tools/host/tfl_builder.h) and run
 * through the interpreter for three invokes (the states carry over), then
 * mote_reset() and the first input again, which must give the first
 * output again. Rows cover batch 1-3, 1-5 steps, odd input and unit
 * counts, time-major and batch-major layouts, cell clipping, asymmetric
 * hidden states, cell scales 2^-11, 2^-12 and one that is not a power of
 * two. The references are written here, row by row with the state of
 * each batch row kept on its own:
 *  - float32 models: the LSTM equations in double; outputs within 1e-6
 *    (values lie in (-1, 1), sums have at most 23 terms below 0.5 each;
 *    the largest difference seen is printed, about 7e-8);
 *  - int8 and int16 models, exactly: TFLM's integer arithmetic re-derived
 *    with exact int64 sums (reduced modulo 2^32 where TFLM's int32 sum
 *    would wrap), the double-rounding (int8) or 64-bit (int16) requant-
 *    ization as closed formulas, multipliers from the tensor scales as TFLM
 *    computes them; only sigmoid and tanh are the int16 LOGISTIC/TANH
 *    kernels (tested on their own), as TFLM's LSTM calls its own;
 *  - the same integer models against the LSTM equations in double on the
 *    dequantized weights and inputs: every output within 0.02 (2.5 steps
 *    of the int8 hidden scale 1/128; the largest difference seen, printed,
 *    is about 0.0045), a check that the quantization means what it should
 *    independent of how TFLM rounds. As TFLM does, tanh(cell) takes the
 *    cell scale to be the nearest power of two, and so does this
 *    reference.
 * Then models prepare must refuse, each with a precise status: the LSTM
 * variants TFLM does not run (peephole, projection), a cell activation
 * other than TANH, per-channel weights, a hidden state that is not a
 * variable, a cell zero point, mismatched types.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/activations.h"
#include "harness.h"
#include "kernels/fixedpoint.h"
#include "tfl_builder.h"

/* Uniform float in [-r, r] with 6 decimals. */
static float rng_f(float r)
{
	return (float)rnd_int(-1000000, 1000000) * 1e-6f * r;
}

/* ---- Model description. ---- */

enum { GATES = 4, MAXB = 3, MAXT = 5, MAXI = 13, MAXU = 9, INVOKES = 3 };

/* Tolerance of integer models against the double equations (real
 * units; hidden values lie in (-1, 1)). */
#define REAL_TOL 0.02

/* What a model varies. */
typedef struct lstm_spec {
	mote_type act; /* float32, int8 or int16 activations */
	int32_t batches, steps, in_n, units; /* shape */
	bool time_major; /* input [steps, batches, in_n] */
	float cell_clip; /* cell_clip option */
	float s_x, s_h, s_c; /* input, hidden, cell scales */
	int32_t zx, zh; /* input and hidden zero points */
	float s_w; /* base weight scale (varies per tensor) */
	/* Refusal tests: */
	int32_t cell_act; /* fused activation option */
	bool peephole; /* add a cell-to-forget weight (input 10) */
	bool projection; /* add projection weights (input 16) */
	bool per_channel; /* input-to-forget weights with per-unit scales */
	bool hidden_const; /* hidden state not a variable */
	int32_t zc; /* cell zero point */
	mote_type bias_type; /* 0: the natural one */
} lstm_spec;

/* Scale of input weights (rec false) or recurrent weights of gate g. */
static float w_scale(const lstm_spec *k, bool rec, int g)
{
	return k->s_w * (rec ? 0.8f + 0.15f * (float)g : 1.0f + 0.1f * (float)g);
}

/* The model's constant data and the inputs of every invoke. */
typedef struct lstm_data {
	int8_t w8[2][GATES][MAXU * MAXU + MAXU * MAXI];
	float wf[2][GATES][MAXU * MAXU + MAXU * MAXI];
	int32_t b32[GATES][MAXU];
	int64_t b64[GATES][MAXU];
	float bf[GATES][MAXU];
	int8_t x8[INVOKES][MAXB * MAXT * MAXI];
	int16_t x16[INVOKES][MAXB * MAXT * MAXI];
	float xf[INVOKES][MAXB * MAXT * MAXI];
} lstm_data;

static void fill_data(const lstm_spec *k, lstm_data *d)
{
	size_t nx = (size_t)k->batches * k->steps * k->in_n;

	for (int r = 0; r < 2; r++) {
		for (int g = 0; g < GATES; g++) {
			for (int i = 0; i < MAXU * MAXU + MAXU * MAXI; i++) {
				d->w8[r][g][i] = (int8_t)rnd_int(-127, 127);
				d->wf[r][g][i] = rng_f(0.5f);
			}
		}
	}
	for (int g = 0; g < GATES; g++) {
		double bs = (double)(k->s_x * w_scale(k, false, g));
		int32_t lim = (int32_t)fmin(0.5 / bs, 1e9);
		for (int u = 0; u < MAXU; u++) {
			d->b32[g][u] = rnd_int(-lim, lim);
			d->b64[g][u] = rnd_int(-lim, lim);
			d->bf[g][u] = rng_f(0.5f);
		}
	}
	for (int v = 0; v < INVOKES; v++) {
		for (size_t i = 0; i < nx; i++) {
			d->x8[v][i] = (int8_t)rnd_int(-128, 127);
			d->x16[v][i] = (int16_t)rnd_int(-32767, 32767);
			d->xf[v][i] = rng_f(1.0f);
		}
	}
}

/* Bytes of an element of the activation type. */
static size_t act_size(const lstm_spec *k)
{
	return k->act == MOTE_FLOAT32 ? 4 : (k->act == MOTE_INT16 ? 2 : 1);
}

/* Adds a weight tensor [rows, cols] of gate g. */
static int add_weight(tfl_builder *b, const lstm_spec *k, const lstm_data *d,
		      bool rec, int g, int32_t cols)
{
	bool f32 = k->act == MOTE_FLOAT32;
	float s = w_scale(k, rec, g);
	float scales[MAXU];
	int64_t zps[MAXU] = { 0 };
	tfl_tensor_desc t = { .type = f32 ? MOTE_FLOAT32 : MOTE_INT8,
			      .data = f32 ? (const void *)d->wf[rec][g]
					  : (const void *)d->w8[rec][g],
			      .data_bytes = (size_t)k->units * cols *
					    (f32 ? 4 : 1),
			      .dims = (const int32_t[]){ k->units, cols },
			      .rank = 2, TFL_QUANT(s, 0) };

	if (k->per_channel && !rec && g == 1) {
		for (int u = 0; u < k->units; u++)
			scales[u] = s * (1.0f + 0.01f * (float)u);
		t.n_scale = t.n_zp = (uint32_t)k->units;
		t.scale = scales;
		t.zp = zps;
	}
	return tfl_tensor(b, &t);
}

/* Adds the bias of gate g. */
static int add_bias(tfl_builder *b, const lstm_spec *k, const lstm_data *d,
		    int g)
{
	mote_type bt = k->act == MOTE_FLOAT32 ? MOTE_FLOAT32
		       : k->act == MOTE_INT16 ? MOTE_INT64
					      : MOTE_INT32;
	if (k->bias_type)
		bt = k->bias_type;
	const void *data = bt == MOTE_FLOAT32 ? (const void *)d->bf[g]
			   : bt == MOTE_INT64 ? (const void *)d->b64[g]
					      : (const void *)d->b32[g];
	tfl_tensor_desc t = { .type = bt, .data = data,
			      .data_bytes = (size_t)k->units *
					    (bt == MOTE_INT64 ? 8 : 4),
			      .dims = (const int32_t[]){ k->units }, .rank = 1,
			      TFL_QUANT(k->s_x * w_scale(k, false, g), 0) };
	return tfl_tensor(b, &t);
}

static uint8_t *build_model(const lstm_spec *k, const lstm_data *d,
			    size_t *len)
{
	bool f32 = k->act == MOTE_FLOAT32;
	int32_t d0 = k->time_major ? k->steps : k->batches;
	int32_t d1 = k->time_major ? k->batches : k->steps;
	tfl_tensor_desc xd = { .type = k->act, .name = "x",
			       .dims = (const int32_t[]){ d0, d1, k->in_n },
			       .rank = 3, TFL_QUANT(k->s_x, k->zx) };
	tfl_tensor_desc hd = { .type = k->act, .name = "hidden",
			       .is_variable = !k->hidden_const,
			       .dims = (const int32_t[]){ k->batches, k->units },
			       .rank = 2, TFL_QUANT(k->s_h, k->zh) };
	tfl_tensor_desc cd = { .type = f32 ? MOTE_FLOAT32 : MOTE_INT16,
			       .name = "cell", .is_variable = true,
			       .dims = (const int32_t[]){ k->batches, k->units },
			       .rank = 2, TFL_QUANT(k->s_c, k->zc) };
	tfl_tensor_desc yd = { .type = k->act, .name = "y",
			       .dims = (const int32_t[]){ d0, d1, k->units },
			       .rank = 3, TFL_QUANT(0.5f, 3) };
	tfl_tensor_desc extra = { .type = f32 ? MOTE_FLOAT32 : MOTE_INT16,
				  .data = d->b64[0], .data_bytes = 2 * MAXU,
				  .dims = (const int32_t[]){ k->units },
				  .rank = 1, TFL_QUANT(1.0f, 0) };
	tfl_field opts[3] = { TFL_U8(0, k->cell_act), TFL_F32(1, k->cell_clip),
			      TFL_BOOL(3, k->time_major) };
	int32_t in[24];
	tfl_builder b;

	extra.data_bytes = (size_t)k->units * (f32 ? 4 : 2);
	tfl_builder_init(&b);
	for (int i = 0; i < 24; i++)
		in[i] = -1;
	in[0] = tfl_tensor(&b, &xd);
	for (int g = 0; g < GATES; g++) {
		in[1 + g] = add_weight(&b, k, d, false, g, k->in_n);
		in[5 + g] = add_weight(&b, k, d, true, g, k->units);
		in[12 + g] = add_bias(&b, k, d, g);
	}
	if (k->peephole)
		in[10] = tfl_tensor(&b, &extra);
	if (k->projection)
		in[16] = add_weight(&b, k, d, true, 0, k->units);
	in[18] = tfl_tensor(&b, &hd);
	in[19] = tfl_tensor(&b, &cd);
	int y = tfl_tensor(&b, &yd);
	tfl_op_desc op = { .opcode = (uint32_t)tfl_opcode(&b, 44, 1),
			   .in = in, .n_in = 24, TFL_OUTPUTS(y),
			   .opts_type = 71, .opts = opts, .n_opts = 3 };
	tfl_op(&b, &op);
	tfl_inputs(&b, TFL_INTS(in[0]));
	tfl_outputs(&b, TFL_INTS(y));
	uint8_t *model = tfl_finish(&b, len);
	tfl_builder_free(&b);
	return model;
}

/* ---- References. ---- */

/* Element (b, t, i) of a [batches, steps, n] or [steps, batches, n]
 * tensor. */
static size_t at(const lstm_spec *k, int32_t b, int32_t t, int32_t n,
		 int32_t i)
{
	size_t row = k->time_major ? (size_t)t * k->batches + b
				   : (size_t)b * k->steps + t;
	return row * (size_t)n + (size_t)i;
}

static double sigmoid(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

/*
 * What TFLM's integer tanh(cell) reads the cell as, relative to its
 * value: it takes the cell scale to be 2^round(log2(s_c)).
 */
static double tanh_gain(const lstm_spec *k)
{
	if (k->act == MOTE_FLOAT32)
		return 1.0;
	return ldexp(1.0, (int)lround(log2((double)k->s_c))) / (double)k->s_c;
}

/*
 * The LSTM equations in double for one invoke. Weights are real values
 * w[rec][g][unit * cols + col]; x(b, t, i) comes from `xr`; h and c are
 * [batches][units], updated; y receives the outputs at their positions.
 */
static void ref_double(const lstm_spec *k, const double *w[2][GATES],
		       const double *bias[GATES], const double *xr, double *h,
		       double *c, double *y)
{
	for (int32_t b = 0; b < k->batches; b++) {
		for (int32_t t = 0; t < k->steps; t++) {
			double gate[GATES][MAXU];
			double *hb = h + (size_t)b * k->units;
			double *cb = c + (size_t)b * k->units;
			for (int g = 0; g < GATES; g++) {
				for (int32_t u = 0; u < k->units; u++) {
					double s = bias[g][u];
					for (int32_t i = 0; i < k->in_n; i++)
						s += w[0][g][u * k->in_n + i] *
						     xr[at(k, b, t, k->in_n, i)];
					for (int32_t j = 0; j < k->units; j++)
						s += w[1][g][u * k->units + j] *
						     hb[j];
					gate[g][u] = g == 2 ? tanh(s) : sigmoid(s);
				}
			}
			for (int32_t u = 0; u < k->units; u++) {
				double cv = gate[1][u] * cb[u] +
					    gate[0][u] * gate[2][u];
				if (k->cell_clip > 0)
					cv = fmax(-k->cell_clip,
						  fmin(k->cell_clip, cv));
				cb[u] = cv;
			}
			for (int32_t u = 0; u < k->units; u++) {
				hb[u] = gate[3][u] * tanh(cb[u] * tanh_gain(k));
				y[at(k, b, t, k->units, u)] = hb[u];
			}
		}
	}
}

/* Multipliers of the integer reference, from the scales as TFLM does. */
typedef struct int_mults {
	int32_t m[2][GATES]; /* layer multipliers, [rec][gate] */
	int s[2][GATES]; /* their shifts */
	int32_t mf, mi, mo; /* forget x cell, input x cell gate, output */
	int sf, si, so; /* their shifts */
	int16_t clip; /* quantized cell clip */
	mote_sigmoid_s16_params sig, tanh_gate, tanh_cell; /* table params */
} int_mults;

static void int_mults_of(const lstm_spec *k, int_mults *q)
{
	const double q12 = 1.0 / 4096, q15 = 1.0 / 32768;

	for (int r = 0; r < 2; r++) {
		for (int g = 0; g < GATES; g++) {
			float prod = (r ? k->s_h : k->s_x) * w_scale(k, r, g);
			mote_quantize_multiplier((double)prod / q12, &q->m[r][g],
						 &q->s[r][g]);
		}
	}
	mote_quantize_multiplier(q15 * (double)k->s_c / (double)k->s_c, &q->mf,
				 &q->sf);
	mote_quantize_multiplier(q15 * q15 / (double)k->s_c, &q->mi, &q->si);
	mote_quantize_multiplier(q15 * q15 / (double)k->s_h, &q->mo, &q->so);
	double clip = fmin(fmax((double)k->cell_clip / (double)k->s_c, -32768),
			   32767);
	q->clip = (int16_t)clip;
	/* tanh(cell) reads the cell as 2^p units, p = round(log2(s_c)):
	 * input * 3 * 2^(p + 12), a multiply or a rounding right shift. */
	int p = (int)lround(log2((double)k->s_c));
	int left = p + 12;
	q->tanh_cell.in_mult = left >= 0 ? 3 << left : 3;
	q->tanh_cell.in_shift = left >= 0 ? 0 : -left;
	q->sig.in_mult = q->tanh_gate.in_mult = 3;
	q->sig.in_shift = q->tanh_gate.in_shift = 0;
}

/* One gate layer of the integer reference for one row: Q3.12. */
static int64_t ref_layer(const lstm_spec *k, const int_mults *q, int r,
			 int g, const int8_t *w, const int32_t *v, int32_t n,
			 int32_t zp, int64_t bias)
{
	int64_t acc = 0;
	for (int32_t i = 0; i < n; i++)
		acc += (int64_t)w[i] * (v[i] - zp);
	acc += bias;
	int64_t out = k->act == MOTE_INT16
			      ? ref_requant64(acc, q->m[r][g], q->s[r][g])
			      : ref_requant32(wrap32(acc), q->m[r][g],
					      q->s[r][g]);
	return clamp64(out, INT16_MIN, INT16_MAX);
}

/* One invoke of the integer reference; h, c are [batches][units]. */
static void ref_int(const lstm_spec *k, const lstm_data *d, const int_mults *q,
		    const int32_t *x, int32_t *h, int32_t *c, int32_t *y)
{
	int32_t hlo = k->act == MOTE_INT16 ? INT16_MIN : INT8_MIN;
	int32_t hhi = k->act == MOTE_INT16 ? INT16_MAX : INT8_MAX;

	for (int32_t b = 0; b < k->batches; b++) {
		for (int32_t t = 0; t < k->steps; t++) {
			int16_t gate[GATES][MAXU];
			int32_t *hb = h + (size_t)b * k->units;
			int32_t *cb = c + (size_t)b * k->units;
			const int32_t *xb = x + at(k, b, t, k->in_n, 0);
			for (int g = 0; g < GATES; g++) {
				for (int32_t u = 0; u < k->units; u++) {
					int64_t bias = k->act == MOTE_INT16
							       ? d->b64[g][u]
							       : d->b32[g][u];
					int64_t a = ref_layer(
						k, q, 0, g,
						d->w8[0][g] + u * k->in_n, xb,
						k->in_n, k->zx, bias);
					int64_t r = ref_layer(
						k, q, 1, g,
						d->w8[1][g] + u * k->units, hb,
						k->units, k->zh, 0);
					gate[g][u] = (int16_t)clamp64(
						a + r, INT16_MIN, INT16_MAX);
				}
				if (g == 2)
					mote_tanh_s16(&q->tanh_gate, gate[g],
						      gate[g], (size_t)k->units);
				else
					mote_logistic_s16(&q->sig, gate[g],
							  gate[g],
							  (size_t)k->units);
			}
			for (int32_t u = 0; u < k->units; u++) {
				int64_t fc = clamp64(
					ref_requant32(gate[1][u] * cb[u], q->mf,
						      q->sf),
					INT16_MIN, INT16_MAX);
				int64_t ig = clamp64(
					ref_requant32(gate[0][u] * gate[2][u],
						      q->mi, q->si),
					INT16_MIN, INT16_MAX);
				int64_t cv = clamp64(fc + ig, INT16_MIN,
						     INT16_MAX);
				if (k->cell_clip > 0)
					cv = clamp64(cv, -q->clip, q->clip);
				cb[u] = (int32_t)cv;
			}
			int16_t cell16[MAXU], th[MAXU];
			for (int32_t u = 0; u < k->units; u++)
				cell16[u] = (int16_t)cb[u];
			mote_tanh_s16(&q->tanh_cell, cell16, th,
				      (size_t)k->units);
			for (int32_t u = 0; u < k->units; u++) {
				int64_t v = ref_requant32(th[u] * gate[3][u],
							  q->mo, q->so);
				hb[u] = (int32_t)clamp64(v + k->zh, hlo, hhi);
				y[at(k, b, t, k->units, u)] = hb[u];
			}
		}
	}
}

/* ---- Running a model. ---- */

static _Alignas(16) uint8_t arena[65536];

/* Reads element i of an output of the activation type. */
static double out_at(const lstm_spec *k, const void *p, size_t i)
{
	if (k->act == MOTE_FLOAT32)
		return ((const float *)p)[i];
	if (k->act == MOTE_INT16)
		return ((const int16_t *)p)[i];
	return ((const int8_t *)p)[i];
}

/* The inputs of invoke v as integers and as real values. */
static void inputs_of(const lstm_spec *k, const lstm_data *d, int v,
		      int32_t *xi, double *xr)
{
	size_t nx = (size_t)k->batches * k->steps * k->in_n;
	for (size_t i = 0; i < nx; i++) {
		if (k->act == MOTE_FLOAT32) {
			xi[i] = 0;
			xr[i] = d->xf[v][i];
			continue;
		}
		xi[i] = k->act == MOTE_INT16 ? d->x16[v][i] : d->x8[v][i];
		xr[i] = (double)k->s_x * (xi[i] - k->zx);
	}
}

/* The weights and biases as real values. */
typedef struct real_weights {
	double w[2][GATES][MAXU * MAXU + MAXU * MAXI];
	double b[GATES][MAXU];
} real_weights;

static void real_weights_of(const lstm_spec *k, const lstm_data *d,
			    real_weights *rw)
{
	bool f32 = k->act == MOTE_FLOAT32;
	for (int r = 0; r < 2; r++)
		for (int g = 0; g < GATES; g++)
			for (int i = 0; i < MAXU * MAXU + MAXU * MAXI; i++)
				rw->w[r][g][i] =
					f32 ? (double)d->wf[r][g][i]
					    : (double)w_scale(k, r, g) *
						      d->w8[r][g][i];
	for (int g = 0; g < GATES; g++) {
		double bs = (double)k->s_x * (double)w_scale(k, false, g);
		for (int u = 0; u < MAXU; u++)
			rw->b[g][u] = f32 ? (double)d->bf[g][u]
				      : k->act == MOTE_INT16
					      ? bs * (double)d->b64[g][u]
					      : bs * (double)d->b32[g][u];
	}
}

/* Largest difference from the double reference seen, per type. */
static double worst[3];

/* Compares one invoke's output; prints the first mismatch. */
static bool check_output(const lstm_spec *k, int v, const void *got,
			 const int32_t *want_i, const double *want_r)
{
	size_t ny = (size_t)k->batches * k->steps * k->units;
	bool f32 = k->act == MOTE_FLOAT32;
	double tol = f32 ? 1e-6 : REAL_TOL;
	int w = f32 ? 0 : (k->act == MOTE_INT8 ? 1 : 2);

	for (size_t i = 0; !f32 && i < ny; i++) {
		if (out_at(k, got, i) != want_i[i]) {
			printf("FAIL exact: invoke %d index %zu: got %.0f want "
			       "%d\n", v, i, out_at(k, got, i), want_i[i]);
			return false;
		}
	}
	for (size_t i = 0; i < ny; i++) {
		double g = out_at(k, got, i);
		double real = f32 ? g : (double)k->s_h * (g - k->zh);
		double err = fabs(real - want_r[i]);
		worst[w] = fmax(worst[w], err);
		if (err > tol) {
			printf("FAIL vs double: invoke %d index %zu: got %.9g "
			       "want %.9g (tolerance %g)\n", v, i, real,
			       want_r[i], tol);
			return false;
		}
	}
	return true;
}

/* Runs INVOKES invokes, mote_reset() and the first invoke again. */
static bool run_model(const lstm_spec *k)
{
	static lstm_data d;
	static real_weights rw;
	size_t len, nx = (size_t)k->batches * k->steps * k->in_n;
	size_t ny = (size_t)k->batches * k->steps * k->units;
	int32_t xi[MAXB * MAXT * MAXI], hi[MAXB * MAXU], ci[MAXB * MAXU];
	int32_t yi[MAXB * MAXT * MAXU];
	double y0[MAXB * MAXT * MAXU];
	double xr[MAXB * MAXT * MAXI], hr[MAXB * MAXU], cr[MAXB * MAXU];
	double yr[MAXB * MAXT * MAXU];
	const double *wp[2][GATES], *bp[GATES];
	int_mults q;
	bool ok = true;

	fill_data(k, &d);
	real_weights_of(k, &d, &rw);
	for (int g = 0; g < GATES; g++) {
		wp[0][g] = rw.w[0][g];
		wp[1][g] = rw.w[1][g];
		bp[g] = rw.b[g];
	}
	int_mults_of(k, &q);
	uint8_t *bytes = build_model(k, &d, &len);
	mote_model m;
	mote_interp it;
	mote_tensor tin, tout;
	mote_status s = model_prepare(&m, &it, bytes, len, &mote_all_ops,
				      arena, sizeof arena);
	if (s != MOTE_OK) {
		printf("FAIL model did not prepare: %s (%s)\n",
		       mote_status_str(s), it.err.what ? it.err.what : "");
		free(bytes);
		return false;
	}
	for (int i = 0; i < k->batches * k->units; i++) {
		hi[i] = k->zh;
		ci[i] = 0;
		hr[i] = cr[i] = 0;
	}
	for (int v = 0; ok && v <= INVOKES; v++) {
		int src = v == INVOKES ? 0 : v;
		if (v == INVOKES)
			mote_reset(&it);
		mote_input(&it, 0, &tin);
		memcpy(tin.data,
		       k->act == MOTE_FLOAT32 ? (const void *)d.xf[src]
		       : k->act == MOTE_INT16 ? (const void *)d.x16[src]
					      : (const void *)d.x8[src],
		       nx * act_size(k));
		if (mote_invoke(&it) != MOTE_OK) {
			printf("FAIL invoke %d\n", v);
			ok = false;
			break;
		}
		mote_output(&it, 0, &tout);
		if (v == INVOKES) {
			for (size_t i = 0; ok && i < ny; i++) {
				if (out_at(k, tout.data, i) != y0[i]) {
					printf("FAIL after mote_reset(): index "
					       "%zu differs\n", i);
					ok = false;
				}
			}
			break;
		}
		inputs_of(k, &d, v, xi, xr);
		if (k->act != MOTE_FLOAT32)
			ref_int(k, &d, &q, xi, hi, ci, yi);
		ref_double(k, wp, bp, xr, hr, cr, yr);
		ok = check_output(k, v, tout.data, yi, yr);
		for (size_t i = 0; v == 0 && i < ny; i++)
			y0[i] = out_at(k, tout.data, i);
	}
	free(bytes);
	return ok;
}

/* A spec with the common defaults for its activation type. */
static lstm_spec spec(mote_type act, int32_t b, int32_t t, int32_t in_n,
		      int32_t units, bool time_major, float clip)
{
	lstm_spec k = { 0 };
	k.act = act;
	k.batches = b;
	k.steps = t;
	k.in_n = in_n;
	k.units = units;
	k.time_major = time_major;
	k.cell_clip = clip;
	k.cell_act = 4;
	k.s_c = 1.0f / 2048;
	k.s_w = act == MOTE_FLOAT32 ? 1.0f : 0.5f / 127;
	if (act == MOTE_INT16) {
		k.s_x = 1.0f / 32768;
		k.s_h = 1.0f / 32768;
	} else {
		k.s_x = 1.0f / 128;
		k.s_h = 1.0f / 128;
		k.zx = -3;
	}
	return k;
}

static void test_models(void)
{
	lstm_spec rows[16];
	int n = 0;

	rows[n++] = spec(MOTE_FLOAT32, 1, 3, 5, 4, false, 0);
	rows[n++] = spec(MOTE_FLOAT32, 2, 4, 7, 3, true, 0);
	rows[n++] = spec(MOTE_FLOAT32, 3, 2, 13, 9, false, 0.3f);
	rows[n++] = spec(MOTE_FLOAT32, 2, 5, 1, 1, true, 0);
	rows[n++] = spec(MOTE_INT8, 1, 5, 6, 5, false, 0);
	rows[n++] = spec(MOTE_INT8, 2, 3, 7, 9, true, 0);
	rows[n] = spec(MOTE_INT8, 3, 2, 13, 3, false, 0.25f);
	rows[n].zh = 9;
	rows[n++].s_c = 1.0f / 4096;
	rows[n] = spec(MOTE_INT8, 2, 4, 3, 6, true, 0);
	rows[n].s_c = 0.0004f; /* not a power of two: read as 2^-11 */
	rows[n++].zh = -20;
	rows[n++] = spec(MOTE_INT16, 1, 4, 5, 7, false, 0);
	rows[n] = spec(MOTE_INT16, 2, 3, 9, 4, true, 0.5f);
	rows[n++].s_c = 1.0f / 4096;
	rows[n] = spec(MOTE_INT16, 3, 2, 2, 8, false, 0);
	rows[n++].s_c = 1.0f / 256;

	for (int i = 0; i < n; i++) {
		rng_state = 2024 + (uint32_t)i;
		bool ok = run_model(&rows[i]);
		if (!ok)
			printf("  (model row %d)\n", i);
		tally(ok);
	}
}

/* Models prepare must refuse, with the status it must give. */
static void test_refusals(void)
{
	static lstm_data d;
	struct {
		const char *what;
		lstm_spec k;
		mote_status want;
	} rows[8];
	int n = 0;

	rows[n].what = "peephole weights";
	rows[n].k = spec(MOTE_INT8, 1, 2, 3, 4, false, 0);
	rows[n].k.peephole = true;
	rows[n++].want = MOTE_E_UNSUPPORTED;
	rows[n].what = "projection weights";
	rows[n].k = spec(MOTE_FLOAT32, 1, 2, 3, 4, false, 0);
	rows[n].k.projection = true;
	rows[n++].want = MOTE_E_UNSUPPORTED;
	rows[n].what = "cell activation RELU";
	rows[n].k = spec(MOTE_FLOAT32, 1, 2, 3, 4, false, 0);
	rows[n].k.cell_act = 1;
	rows[n++].want = MOTE_E_UNSUPPORTED;
	rows[n].what = "per-channel weights";
	rows[n].k = spec(MOTE_INT8, 1, 2, 3, 4, false, 0);
	rows[n].k.per_channel = true;
	rows[n++].want = MOTE_E_BAD_QUANT;
	rows[n].what = "hidden state not a variable";
	rows[n].k = spec(MOTE_INT8, 1, 2, 3, 4, false, 0);
	rows[n].k.hidden_const = true;
	rows[n++].want = MOTE_E_INVALID;
	rows[n].what = "cell zero point 5";
	rows[n].k = spec(MOTE_INT8, 1, 2, 3, 4, false, 0);
	rows[n].k.zc = 5;
	rows[n++].want = MOTE_E_BAD_QUANT;
	rows[n].what = "int8 activations with int64 biases";
	rows[n].k = spec(MOTE_INT8, 1, 2, 3, 4, false, 0);
	rows[n].k.bias_type = MOTE_INT64;
	rows[n++].want = MOTE_E_UNSUPPORTED;

	memset(&d, 0, sizeof d);
	for (int i = 0; i < n; i++) {
		size_t len;
		uint8_t *bytes = build_model(&rows[i].k, &d, &len);
		expect_refused(rows[i].what, bytes, len, arena, sizeof arena,
			       rows[i].want);
	}
}

int main(void)
{
	test_models();
	test_refusals();
	printf("largest difference from the double equations: float %.3g, "
	       "int8 %.3g, int16 %.3g\n", worst[0], worst[1], worst[2]);
	return totals();
}
