/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lstm.h - LSTM kernels (TFLite UNIDIRECTIONAL_SEQUENCE_LSTM, the
 * standard LSTM cell: no peephole, projection, layer normalisation or
 * coupled input and forget gates).
 *
 * Shapes: input [batches, steps, in_n] ([steps, batches, in_n] when
 * time_major); per gate g (input, forget, cell, output) input weights
 * w_in[g] [units, in_n], recurrent weights w_rec[g] [units, units], bias
 * bias[g] [units]; hidden and cell state [batches, units], variables kept
 * across invokes; output shaped as the input with `units` values per
 * step. Each time step, for each batch row b:
 *     gate[g] = act_g(w_in[g] . x + bias[g] + w_rec[g] . hidden)
 *         act_g = sigmoid, except tanh for the cell gate
 *     cell    = clip(forget * cell + input * gate[cell])
 *     hidden  = output * tanh(cell);  output row = hidden
 * When time_major, a step runs all batch rows at once; otherwise batch b
 * runs all its steps before batch b + 1 (as TFLM does: the results are
 * the same, the rounding is per element).
 *
 * Every kernel computes exactly what TFLM's kernel computes (micro/kernels/
 * lstm_eval.h, lstm_eval.cc, lstm_eval_common.cc at TFLM 90b983c2), step
 * by step in its order:
 *  - float: fully connected layers clamped to +-FLT_MAX, the two gate sums
 *    added, sigmoid/tanh as the LOGISTIC/TANH kernels, products clamped to
 *    +-FLT_MAX, the cell clipped to [-cell_clip, cell_clip] if cell_clip > 0.
 *  - integer (int8 activations with int32 bias, or int16 activations with
 *    int64 bias; int8 weights; int16 cell): each fully connected layer is
 *    requantized to int16 Q3.12 (scale 2^-12) and the two are added with
 *    int16 saturation; sigmoid and tanh are the int16 LOGISTIC/TANH table
 *    kernels (output Q0.15); the products forget * cell, input * cell gate
 *    and output * tanh(cell) are requantized to the cell, cell and hidden
 *    scales; the cell sum saturates to int16 and is clipped to
 *    +-cell_clip_q; tanh(cell) reads the cell as 2^cell_power units.
 *
 * The params struct is plain data filled once at prepare. Data pointers
 * are borrowed for the call; the hidden and cell states are read and
 * written; the scratch buffer (mote_lstm_*_scratch_size() bytes, aligned
 * to 4) holds nothing between calls.
 */
#ifndef MOTE_KERNELS_LSTM_H
#define MOTE_KERNELS_LSTM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/activations.h"
#include "kernels/fully_connected.h"

/* Gate order, as the weights appear among the operator's inputs. */
enum {
	MOTE_LSTM_INPUT_GATE = 0,
	MOTE_LSTM_FORGET_GATE = 1,
	MOTE_LSTM_CELL_GATE = 2,
	MOTE_LSTM_OUTPUT_GATE = 3,
	MOTE_LSTM_GATES = 4,
};

/* Requantization of an element-wise product of two int16 values. */
typedef struct mote_lstm_mul {
	int32_t mult; /* Q0.31 mantissa of scale1 * scale2 / out_scale */
	int32_t shift; /* its exponent, positive = left */
	int32_t out_zp; /* output zero point */
	int32_t act_min; /* lowest output: the output type's minimum */
	int32_t act_max; /* highest output: the output type's maximum */
} mote_lstm_mul;

/* Geometry and quantization of one LSTM layer. */
typedef struct mote_lstm_params {
	int32_t batches; /* batch rows */
	int32_t steps; /* time steps */
	int32_t in_n; /* input values per step and row */
	int32_t units; /* state values per row */
	bool time_major; /* input is [steps, batches, in_n] */
	float cell_clip; /* clip the cell to +-cell_clip if > 0 */
	int16_t cell_clip_q; /* the same on the int16 cell's scale */
	/* Fully connected layers of each gate: input x w_in[g] + bias[g],
	 * and hidden x w_rec[g] (no bias). `batches` is the rows of one step
	 * (batches when time_major, else 1); the integer ones have output
	 * zero point 0 and the full int16 range, the float ones +-FLT_MAX. */
	mote_fc_params in_fc[MOTE_LSTM_GATES]; /* input layers */
	mote_fc_params rec_fc[MOTE_LSTM_GATES]; /* recurrent layers */
	mote_lstm_mul forget_mul; /* forget gate x cell -> cell */
	mote_lstm_mul input_mul; /* input gate x cell gate -> cell */
	mote_lstm_mul output_mul; /* output gate x tanh(cell) -> hidden */
	mote_sigmoid_s16_params gate_sigmoid; /* Q3.12 -> sigmoid Q0.15 */
	mote_sigmoid_s16_params gate_tanh; /* Q3.12 -> tanh Q0.15 */
	mote_sigmoid_s16_params cell_tanh; /* cell scale -> tanh Q0.15 */
} mote_lstm_params;

/* The operator's data for one call. */
typedef struct mote_lstm_data {
	const void *in; /* input */
	const void *w_in[MOTE_LSTM_GATES]; /* input weights per gate */
	const void *w_rec[MOTE_LSTM_GATES]; /* recurrent weights per gate */
	const void *bias[MOTE_LSTM_GATES]; /* biases per gate */
	void *hidden; /* hidden state (read and written) */
	void *cell; /* cell state (read and written) */
	void *out; /* output */
} mote_lstm_data;

/* Scratch bytes: four buffers of one step's rows x units floats. */
size_t mote_lstm_f32_scratch_size(const mote_lstm_params *p);

/* Scratch bytes of both integer kernels: four int16 buffers. */
size_t mote_lstm_s8_scratch_size(const mote_lstm_params *p);

/* float32 everything. */
void mote_lstm_f32(const mote_lstm_params *p, const mote_lstm_data *d,
		   void *scratch);

/* int8 input, hidden state and output; int8 weights; int32 biases; int16
 * cell state. */
void mote_lstm_s8(const mote_lstm_params *p, const mote_lstm_data *d,
		  void *scratch);

/* int16 input, hidden state and output; int8 weights; int64 biases; int16
 * cell state. */
void mote_lstm_s16(const mote_lstm_params *p, const mote_lstm_data *d,
		   void *scratch);

/*
 * Internal: runs `step` once per time step (and per batch row unless
 * time_major), in TFLM's order. A step reads `rows` input rows at element
 * offset in_off, the states at st_off, and writes the output at out_off.
 */
typedef void (*mote__lstm_step_fn)(const mote_lstm_params *p,
				   const mote_lstm_data *d, size_t in_off,
				   size_t out_off, size_t st_off,
				   void *scratch);
void mote__lstm_run(const mote_lstm_params *p, const mote_lstm_data *d,
		    void *scratch, mote__lstm_step_fn step);

#endif /* MOTE_KERNELS_LSTM_H */
