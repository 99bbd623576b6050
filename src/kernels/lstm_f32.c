/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lstm_f32.c - float32 LSTM reference kernel; see lstm.h.
 *
 * The fully connected layers are the FULLY_CONNECTED float kernel, the
 * sigmoid and tanh the LOGISTIC and TANH float kernels. Products are
 * clamped to +-FLT_MAX as TFLM's Mul with no activation does; gate sums
 * and the cell sum are plain float additions. The build must not contract
 * a*b+c into fused multiply-adds (-ffp-contract=off).
 */
#include "kernels/lstm.h"

#include <float.h>
#include <string.h>

/* Scratch buffers of one step. */
typedef struct bufs {
	float *b[4]; /* four buffers of rows x units */
} bufs;

static bufs split(const mote_lstm_params *p, void *scratch)
{
	size_t n = (p->time_major ? (size_t)p->batches : 1) * (size_t)p->units;
	float *s = scratch;
	bufs r = { { s, s + n, s + 2 * n, s + 3 * n } };
	return r;
}

/* a * b clamped to +-FLT_MAX (std::min/max's comparisons). */
static void mul(const float *a, const float *b, float *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float v = a[i] * b[i];
		v = v < -FLT_MAX ? -FLT_MAX : v;
		out[i] = FLT_MAX < v ? FLT_MAX : v;
	}
}

/* One gate: both layers, their sum, the activation; `tmp` is scratch. */
static void gate(const mote_lstm_params *p, const mote_lstm_data *d, int g,
		 size_t in_off, size_t st_off, float *out, float *tmp)
{
	size_t n = (size_t)p->rec_fc[g].batches * (size_t)p->units;

	mote_fully_connected_f32(&p->in_fc[g], (const float *)d->in + in_off,
				 d->w_in[g], d->bias[g], out);
	mote_fully_connected_f32(&p->rec_fc[g],
				 (const float *)d->hidden + st_off,
				 d->w_rec[g], NULL, tmp);
	for (size_t i = 0; i < n; i++)
		out[i] = out[i] + tmp[i];
	if (g == MOTE_LSTM_CELL_GATE)
		mote_tanh_f32(out, out, n);
	else
		mote_logistic_f32(out, out, n);
}

static void step(const mote_lstm_params *p, const mote_lstm_data *d,
		 size_t in_off, size_t out_off, size_t st_off, void *scratch)
{
	bufs s = split(p, scratch);
	size_t n = (size_t)p->rec_fc[0].batches * (size_t)p->units;
	float *cell = (float *)d->cell + st_off;
	float *hidden = (float *)d->hidden + st_off;
	float clip = p->cell_clip;

	gate(p, d, MOTE_LSTM_FORGET_GATE, in_off, st_off, s.b[0], s.b[3]);
	gate(p, d, MOTE_LSTM_INPUT_GATE, in_off, st_off, s.b[1], s.b[3]);
	gate(p, d, MOTE_LSTM_CELL_GATE, in_off, st_off, s.b[2], s.b[3]);

	mul(s.b[0], cell, cell, n);
	mul(s.b[1], s.b[2], s.b[1], n);
	for (size_t i = 0; i < n; i++)
		cell[i] = cell[i] + s.b[1][i];
	if (clip > 0.0f) {
		for (size_t i = 0; i < n; i++) {
			float v = cell[i] < clip ? cell[i] : clip;
			cell[i] = v < -clip ? -clip : v;
		}
	}

	gate(p, d, MOTE_LSTM_OUTPUT_GATE, in_off, st_off, s.b[1], s.b[3]);
	mote_tanh_f32(cell, s.b[0], n);
	mul(s.b[0], s.b[1], hidden, n);
	memcpy((float *)d->out + out_off, hidden, n * sizeof(float));
}

void mote_lstm_f32(const mote_lstm_params *p, const mote_lstm_data *d,
		   void *scratch)
{
	mote__lstm_run(p, d, scratch, step);
}
