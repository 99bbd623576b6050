/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lstm_s8.c - integer LSTM reference kernels, int8 activations
 * (mote_lstm_s8) and int16 activations (mote_lstm_s16); see lstm.h. Both
 * share one step body and differ in their fully connected layers and in
 * the width of the hidden state.
 *
 * int8 layers: sum_d (w + filter_offset) * (x + in_offset) in int32
 * (wrapping as TFLM's would), plus the bias, requantized with TFLite's
 * MultiplyByQuantizedMultiplier to int16. int16 layers are the
 * FULLY_CONNECTED 16x8 kernel with its int64 accumulator. Sigmoid and
 * tanh are the int16 LOGISTIC and TANH kernels. A product of two int16
 * values is exact in int32, requantized, offset and clamped to its
 * output type. Sums of two int16 values saturate.
 */
#include "kernels/lstm.h"

#include <string.h>

#include "kernels/fixedpoint.h"

/* Scratch buffers of one step. */
typedef struct bufs {
	int16_t *b[4]; /* four buffers of rows x units */
} bufs;

static bufs split(const mote_lstm_params *p, void *scratch)
{
	size_t n = (p->time_major ? (size_t)p->batches : 1) * (size_t)p->units;
	int16_t *s = scratch;
	bufs r = { { s, s + n, s + 2 * n, s + 3 * n } };
	return r;
}

/* int8 x int8 fully connected layer with int32 bias, int16 output. */
static void fc_s8(const mote_fc_params *p, const int8_t *in,
		  const int8_t *filter, const int32_t *bias, int16_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *row = in + (size_t)b * (size_t)p->accum;
		for (int32_t c = 0; c < p->out_c; c++) {
			const int8_t *w = filter + (size_t)c * (size_t)p->accum;
			uint32_t acc = 0;
			for (int32_t k = 0; k < p->accum; k++)
				acc += (uint32_t)((w[k] + p->filter_offset) *
						  (row[k] + p->in_offset));
			if (bias)
				acc += (uint32_t)bias[c];
			int32_t v = mote_mul_by_quant_mult((int32_t)acc, p->mult,
							   p->shift);
			v = mote_clamp_i32(mote_wrap_add(v, p->out_zp),
					   p->act_min, p->act_max);
			out[(size_t)b * (size_t)p->out_c + (size_t)c] = (int16_t)v;
		}
	}
}

/* One fully connected layer of either width; `x` is the row offset. */
static void fc(const mote_fc_params *p, bool s16, const void *in, size_t x,
	       const void *filter, const void *bias, int16_t *out)
{
	if (s16)
		mote_fully_connected_s16_acc64(p, (const int16_t *)in + x,
					       filter, bias, out);
	else
		fc_s8(p, (const int8_t *)in + x, filter, bias, out);
}

/* a + b saturated to int16. */
static void add_sat(const int16_t *a, const int16_t *b, int16_t *out,
		    size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)mote_clamp_i32(a[i] + b[i], INT16_MIN,
						 INT16_MAX);
}

/* Requantized a * b into int16 (out8 false) or int8 (out8 true). */
static void mul(const mote_lstm_mul *m, const int16_t *a, const int16_t *b,
		void *out, bool out8, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t v = mote_mul_by_quant_mult(a[i] * b[i], m->mult,
						   m->shift);
		v = mote_clamp_i32(mote_wrap_add(v, m->out_zp), m->act_min,
				   m->act_max);
		if (out8)
			((int8_t *)out)[i] = (int8_t)v;
		else
			((int16_t *)out)[i] = (int16_t)v;
	}
}

/* One gate: both layers, their sum, the activation; `tmp` is scratch. */
static void gate(const mote_lstm_params *p, const mote_lstm_data *d,
		 bool s16, int g, size_t in_off, size_t st_off, int16_t *out,
		 int16_t *tmp)
{
	size_t n = (size_t)p->rec_fc[g].batches * (size_t)p->units;

	fc(&p->in_fc[g], s16, d->in, in_off, d->w_in[g], d->bias[g], out);
	fc(&p->rec_fc[g], s16, d->hidden, st_off, d->w_rec[g], NULL, tmp);
	add_sat(out, tmp, out, n);
	if (g == MOTE_LSTM_CELL_GATE)
		mote_tanh_s16(&p->gate_tanh, out, out, n);
	else
		mote_logistic_s16(&p->gate_sigmoid, out, out, n);
}

static void step(const mote_lstm_params *p, const mote_lstm_data *d,
		 bool s16, size_t in_off, size_t out_off, size_t st_off,
		 void *scratch)
{
	bufs s = split(p, scratch);
	size_t n = (size_t)p->rec_fc[0].batches * (size_t)p->units;
	size_t act_size = s16 ? sizeof(int16_t) : sizeof(int8_t);
	int16_t *cell = (int16_t *)d->cell + st_off;
	uint8_t *hidden = (uint8_t *)d->hidden + st_off * act_size;

	gate(p, d, s16, MOTE_LSTM_FORGET_GATE, in_off, st_off, s.b[0], s.b[3]);
	gate(p, d, s16, MOTE_LSTM_INPUT_GATE, in_off, st_off, s.b[1], s.b[3]);
	gate(p, d, s16, MOTE_LSTM_CELL_GATE, in_off, st_off, s.b[2], s.b[3]);

	mul(&p->forget_mul, s.b[0], cell, cell, false, n);
	mul(&p->input_mul, s.b[1], s.b[2], s.b[1], false, n);
	add_sat(cell, s.b[1], cell, n);
	if (p->cell_clip > 0.0f) {
		int32_t q = p->cell_clip_q;
		for (size_t i = 0; i < n; i++)
			cell[i] = (int16_t)mote_clamp_i32(cell[i], -q, q);
	}

	gate(p, d, s16, MOTE_LSTM_OUTPUT_GATE, in_off, st_off, s.b[1], s.b[3]);
	mote_tanh_s16(&p->cell_tanh, cell, s.b[0], n);
	mul(&p->output_mul, s.b[0], s.b[1], hidden, !s16, n);
	memcpy((uint8_t *)d->out + out_off * act_size, hidden, n * act_size);
}

static void step_s8(const mote_lstm_params *p, const mote_lstm_data *d,
		    size_t in_off, size_t out_off, size_t st_off,
		    void *scratch)
{
	step(p, d, false, in_off, out_off, st_off, scratch);
}

static void step_s16(const mote_lstm_params *p, const mote_lstm_data *d,
		     size_t in_off, size_t out_off, size_t st_off,
		     void *scratch)
{
	step(p, d, true, in_off, out_off, st_off, scratch);
}

void mote_lstm_s8(const mote_lstm_params *p, const mote_lstm_data *d,
		  void *scratch)
{
	mote__lstm_run(p, d, scratch, step_s8);
}

void mote_lstm_s16(const mote_lstm_params *p, const mote_lstm_data *d,
		   void *scratch)
{
	mote__lstm_run(p, d, scratch, step_s16);
}
