/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lstm_common.c - what the LSTM kernels share: scratch sizes and the loop
 * over time steps and batch rows (see lstm.h).
 *
 * time_major: step t reads input rows [t][0 .. batches) and writes output
 * rows [t][0 .. batches), all rows sharing one step. Otherwise batch b,
 * step t reads row [b][t] and uses state row b; batch b runs all of its
 * steps before batch b + 1, as TFLM's LstmStepManager walks them.
 */
#include "kernels/lstm.h"

/* Rows one step processes. */
static size_t step_rows(const mote_lstm_params *p)
{
	return p->time_major ? (size_t)p->batches : 1;
}

size_t mote_lstm_f32_scratch_size(const mote_lstm_params *p)
{
	return 4 * step_rows(p) * (size_t)p->units * sizeof(float);
}

size_t mote_lstm_s8_scratch_size(const mote_lstm_params *p)
{
	return 4 * step_rows(p) * (size_t)p->units * sizeof(int16_t);
}

void mote__lstm_run(const mote_lstm_params *p, const mote_lstm_data *d,
		    void *scratch, mote__lstm_step_fn step)
{
	const size_t in_n = (size_t)p->in_n, units = (size_t)p->units;
	const size_t rows = step_rows(p);

	if (p->time_major) {
		for (size_t t = 0; t < (size_t)p->steps; t++)
			step(p, d, t * rows * in_n, t * rows * units, 0,
			     scratch);
		return;
	}
	for (size_t b = 0; b < (size_t)p->batches; b++) {
		for (size_t t = 0; t < (size_t)p->steps; t++) {
			size_t row = b * (size_t)p->steps + t;
			step(p, d, row * in_n, row * units, b * units,
			     scratch);
		}
	}
}
