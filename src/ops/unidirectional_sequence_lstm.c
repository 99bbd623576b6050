/* SPDX-License-Identifier: Apache-2.0 */
/*
 * unidirectional_sequence_lstm.c - the UNIDIRECTIONAL_SEQUENCE_LSTM
 * operator (builtin 44): checks the model, computes the gate and product
 * multipliers once and picks the kernel (kernels/lstm.h).
 *
 * 24 inputs (TFLite order): 0 input [batches, steps, in_n] ([steps,
 * batches, in_n] when time_major); 1-4 input weights and 5-8 recurrent
 * weights of the input, forget, cell and output gates; 9-11 peephole
 * weights; 12-15 gate biases; 16-17 projection weights and bias; 18 hidden
 * (output) state and 19 cell state, variable tensors that persist across
 * invokes and are cleared by mote_reset(); 20-23 layer-norm coefficients.
 * Output 0: the hidden state of every step, shaped as the input with
 * `units` values per step.
 * Supported, as in TFLM's kernel: the standard LSTM (every gate's weights
 * and bias present; peephole, projection and layer-norm inputs absent,
 * -1), cell activation TANH, cell_clip, time_major either way, in three
 * type combinations: float32 throughout; int8 input/hidden/output, int8
 * weights, int32 biases, int16 cell; int16 input/hidden/output, int8
 * weights, int64 biases, int16 cell.
 * Integer quantization is TFLM's CreateGateParams / CreateInterGateMulParams
 * / CreateLstmCellStateInfo, not the operator's intermediate tensors
 * (TFLM 90b983c2 does not read those): every gate's layers are scaled to
 * Q3.12 with multipliers float(in_scale * w_scale) / 2^-12 in double; the
 * gate outputs are Q0.15; the products use double(2^-15) * double(s2) /
 * double(out_scale); tanh(cell) reads the cell as 2^round(log2 cell_scale)
 * units (TFLM's CheckedLog2 in float, its result used even when the scale
 * is not a power of two); the cell clip is cell_clip / cell_scale
 * truncated to int16. The output tensor's own quantization is not read:
 * the output is a copy of the hidden state, as in TFLM.
 * Stricter than TFLM, which would compute garbage there: per-channel
 * weights, a cell zero point other than 0, cell activations other than
 * TANH and multipliers whose shifts overflow are refused.
 */
#include <float.h>
#include <math.h>

#include "kernels/fixedpoint.h"
#include "kernels/lstm.h"
#include "ops/op_util.h"

/* UnidirectionalSequenceLSTMOptions fields and union type (TFLite schema). */
enum {
	OPT_ACTIVATION = 0,
	OPT_CELL_CLIP = 1,
	OPT_TIME_MAJOR = 3,
	OPT_DIAGONAL_RECURRENT = 5,
};
enum { LSTM_OPTIONS_TYPE = 71 };

/* Operator input positions. */
enum {
	IN_X = 0,
	IN_W_IN = 1, /* + gate */
	IN_W_REC = 5, /* + gate */
	IN_BIAS = 12, /* + gate */
	IN_HIDDEN = 18,
	IN_CELL = 19,
	N_INPUTS = 24,
};

/* Fixed scales of TFLM's integer LSTM: gate pre-activations (Q3.12) and
 * gate outputs (Q0.15). */
static const float GATE_IN_SCALE = 0.000244140625f;
static const float GATE_OUT_SCALE = 0.000030517578125f;

/* The data pointers of one call. */
static mote_lstm_data data_of(const mote__node *n, void *const *t)
{
	mote_lstm_data d;

	d.in = mote__in(n, t, IN_X);
	for (int g = 0; g < MOTE_LSTM_GATES; g++) {
		d.w_in[g] = mote__in(n, t, IN_W_IN + g);
		d.w_rec[g] = mote__in(n, t, IN_W_REC + g);
		d.bias[g] = mote__in(n, t, IN_BIAS + g);
	}
	d.hidden = mote__in(n, t, IN_HIDDEN);
	d.cell = mote__in(n, t, IN_CELL);
	d.out = mote__out(n, t, 0);
	return d;
}

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_lstm_data d = data_of(n, t);
	mote_lstm_f32(n->params, &d, n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	mote_lstm_data d = data_of(n, t);
	mote_lstm_s8(n->params, &d, n->scratch);
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_lstm_data d = data_of(n, t);
	mote_lstm_s16(n->params, &d, n->scratch);
	return MOTE_OK;
}

/* The operator's tensors. */
typedef struct lstm_io {
	mote__tensor in; /* input 0 */
	mote__tensor w_in[MOTE_LSTM_GATES]; /* inputs 1-4 */
	mote__tensor w_rec[MOTE_LSTM_GATES]; /* inputs 5-8 */
	mote__tensor bias[MOTE_LSTM_GATES]; /* inputs 12-15 */
	mote__tensor hidden; /* input 18 */
	mote__tensor cell; /* input 19 */
	mote__tensor out; /* output 0 */
} lstm_io;

/* Which kernel runs. */
typedef enum kind { K_F32, K_S8, K_S16 } kind;

/* True for the inputs the standard LSTM needs; the others must be -1. */
static bool required(int i)
{
	return i <= 8 || (i >= 12 && i <= 15) || i == IN_HIDDEN ||
	       i == IN_CELL;
}

/* Reads the tensors; refuses the LSTM variants TFLM does not run. */
static mote_status get_io(mote__prep *p, lstm_io *io)
{
	mote_status s = mote__prep_expect_io(p, N_INPUTS, N_INPUTS, 1);

	for (int i = 0; s == MOTE_OK && i < N_INPUTS; i++) {
		if (required(i) && !mote__prep_has_in(p, i))
			return mote__prep_fail(p, MOTE_E_INVALID, -1,
					       "lstm input missing (only the "
					       "standard LSTM is supported)");
		if (!required(i) && mote__prep_has_in(p, i))
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
					       "lstm peephole, projection or "
					       "layer norm inputs");
	}
	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_X, &io->in);
	for (int g = 0; s == MOTE_OK && g < MOTE_LSTM_GATES; g++) {
		s = mote__prep_in(p, IN_W_IN + g, &io->w_in[g]);
		if (s == MOTE_OK)
			s = mote__prep_in(p, IN_W_REC + g, &io->w_rec[g]);
		if (s == MOTE_OK)
			s = mote__prep_in(p, IN_BIAS + g, &io->bias[g]);
	}
	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_HIDDEN, &io->hidden);
	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_CELL, &io->cell);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &io->out);
	return s;
}

/* Options. */
static mote_status options(mote__prep *p, mote_lstm_params *lp)
{
	uint8_t ot = mote__prep_opts_type(p);

	if (ot != 0 && ot != LSTM_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not "
				       "UnidirectionalSequenceLSTMOptions");
	if (mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE) != MOTE_ACT_TANH)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "lstm cell activation must be TANH");
	if (mote__opt_bool(p, OPT_DIAGONAL_RECURRENT, false))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "diagonal recurrent weights");
	lp->cell_clip = mote__opt_f32(p, OPT_CELL_CLIP, 0.0f);
	lp->time_major = mote__opt_bool(p, OPT_TIME_MAJOR, false);
	return MOTE_OK;
}

/* Checks that t is rank 2 [d0, d1] (rank 1 [d0] if d1 < 0). */
static bool shaped(const mote__tensor *t, int32_t d0, int32_t d1)
{
	if (d1 < 0)
		return t->rank == 1 && t->dims[0] == d0;
	return t->rank == 2 && t->dims[0] == d0 && t->dims[1] == d1;
}

/* Shapes; fills the geometry. */
static mote_status geometry(mote__prep *p, const lstm_io *io,
			    mote_lstm_params *lp)
{
	const mote__tensor *x = &io->in, *o = &io->out;
	int32_t units = io->w_in[MOTE_LSTM_FORGET_GATE].dims[0];

	if (x->rank != 3 || x->elems == 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, x->index,
				       "lstm input must be 3-D");
	lp->batches = x->dims[lp->time_major ? 1 : 0];
	lp->steps = x->dims[lp->time_major ? 0 : 1];
	lp->in_n = x->dims[2];
	lp->units = units;
	for (int g = 0; g < MOTE_LSTM_GATES; g++) {
		if (!shaped(&io->w_in[g], units, lp->in_n) || units < 1)
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE,
					       io->w_in[g].index,
					       "input weights must be "
					       "[units, input size]");
		if (!shaped(&io->w_rec[g], units, units))
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE,
					       io->w_rec[g].index,
					       "recurrent weights must be "
					       "[units, units]");
		if (!shaped(&io->bias[g], units, -1))
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE,
					       io->bias[g].index,
					       "bias must be [units]");
	}
	size_t state = (size_t)lp->batches * (size_t)units;
	if (io->hidden.elems != state)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->hidden.index,
				       "hidden state size is not batches x "
				       "units");
	if (io->cell.elems != state)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->cell.index,
				       "cell state size is not batches x units");
	if (o->rank != 3 || o->dims[0] != x->dims[0] ||
	    o->dims[1] != x->dims[1] || o->dims[2] != units)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, o->index,
				       "output shape is not the input's with "
				       "units last");
	if (!io->hidden.is_variable || io->hidden.data)
		return mote__prep_fail(p, MOTE_E_INVALID, io->hidden.index,
				       "hidden state must be a variable tensor");
	if (!io->cell.is_variable || io->cell.data)
		return mote__prep_fail(p, MOTE_E_INVALID, io->cell.index,
				       "cell state must be a variable tensor");
	return MOTE_OK;
}

/* Element types; says which kernel runs. */
static mote_status types(mote__prep *p, const lstm_io *io, kind *k)
{
	mote_type at = io->in.type, wt = io->w_in[0].type;
	mote_type bt = io->bias[0].type;

	if (io->hidden.type != at || io->out.type != at)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, io->hidden.index,
				       "hidden state and output types differ "
				       "from the input's");
	for (int g = 0; g < MOTE_LSTM_GATES; g++) {
		if (io->w_in[g].type != wt || io->w_rec[g].type != wt)
			return mote__prep_fail(p, MOTE_E_BAD_TYPE,
					       io->w_rec[g].index,
					       "lstm weights differ in type");
		if (io->bias[g].type != bt)
			return mote__prep_fail(p, MOTE_E_BAD_TYPE,
					       io->bias[g].index,
					       "lstm biases differ in type");
	}
	if (at == MOTE_FLOAT32 && wt == MOTE_FLOAT32 && bt == MOTE_FLOAT32 &&
	    io->cell.type == MOTE_FLOAT32) {
		*k = K_F32;
		return MOTE_OK;
	}
	if (wt == MOTE_INT8 && io->cell.type == MOTE_INT16 &&
	    ((at == MOTE_INT8 && bt == MOTE_INT32) ||
	     (at == MOTE_INT16 && bt == MOTE_INT64))) {
		*k = at == MOTE_INT8 ? K_S8 : K_S16;
		return MOTE_OK;
	}
	return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->w_in[0].index,
			       "lstm type combination (input/weights/bias/"
			       "cell)");
}

/* Float layers: no requantization, outputs clamped to +-FLT_MAX. */
static void float_layers(mote_lstm_params *lp)
{
	int32_t rows = lp->time_major ? lp->batches : 1;

	for (int g = 0; g < MOTE_LSTM_GATES; g++) {
		mote_fc_params f = { 0 };
		f.batches = rows;
		f.out_c = lp->units;
		f.act_min_f = -FLT_MAX;
		f.act_max_f = FLT_MAX;
		f.accum = lp->in_n;
		lp->in_fc[g] = f;
		f.accum = lp->units;
		lp->rec_fc[g] = f;
	}
}

/* Zero point of t as an integer of its type; false if out of range. */
static bool zp_fits(const mote__tensor *t, int32_t *zp)
{
	int32_t lo, hi;
	int64_t z = t->n_zp > 0 ? t->zp[0] : 0;

	mote__type_range(t->type, &lo, &hi);
	*zp = (int32_t)z;
	return z >= lo && z <= hi;
}

/* Requires a per-tensor quantization with a positive scale. */
static mote_status quantized(mote__prep *p, const mote__tensor *t,
			     int32_t *zp)
{
	if (t->n_scale != 1 || !(t->scale[0] > 0.0f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "lstm tensors need one positive scale");
	if (!zp_fits(t, zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "zero point out of range");
	return MOTE_OK;
}

/* QuantizeMultiplier(m); refuses shifts outside [min_shift, max_shift]. */
static mote_status split(mote__prep *p, int32_t tensor, double m,
			 int max_shift, int32_t *mult, int32_t *shift)
{
	int sh = 0;

	if (m < 1e30)
		mote_quantize_multiplier(m, mult, &sh);
	if (!(m < 1e30) || sh > max_shift)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, tensor,
				       "lstm scale ratio too large");
	*shift = sh;
	return MOTE_OK;
}

/*
 * One integer layer: x (scale, zero point) times weights w, to int16
 * Q3.12. The multiplier is float(x_scale * w_scale) / 2^-12 in double, as
 * TFLM's GetQuantizedConvolutionMultipler; the 64-bit requantization of
 * the int16 kernel takes shifts up to 7 only.
 */
static mote_status int_layer(mote__prep *p, const mote__tensor *x,
			     const mote__tensor *w, int32_t rows, bool s16,
			     mote_fc_params *f)
{
	int32_t x_zp = 0, w_zp = 0;
	mote_status s = quantized(p, x, &x_zp);

	if (s == MOTE_OK)
		s = quantized(p, w, &w_zp);
	if (s != MOTE_OK)
		return s;
	f->batches = rows;
	f->accum = w->dims[1];
	f->out_c = w->dims[0];
	f->in_offset = -x_zp;
	f->filter_offset = -w_zp;
	f->out_zp = 0;
	f->act_min = INT16_MIN;
	f->act_max = INT16_MAX;
	float product = x->scale[0] * w->scale[0];
	return split(p, w->index, (double)product / (double)GATE_IN_SCALE,
		     s16 ? 7 : 31, &f->mult, &f->shift);
}

/* An element-wise product's requantization (CreateInterGateMulParams). */
static mote_status int_mul(mote__prep *p, int32_t tensor, float s1, float s2,
			   const mote__tensor *out, mote_lstm_mul *m)
{
	double r = (double)s1 * (double)s2 / (double)out->scale[0];
	mote__type_range(out->type, &m->act_min, &m->act_max);
	m->out_zp = (int32_t)(out->n_zp > 0 ? out->zp[0] : 0);
	return split(p, tensor, r, 31, &m->mult, &m->shift);
}

/*
 * tanh(cell): TFLM's CheckedLog2 gives the power p (cell scale ~ 2^p),
 * and the table kernel's input is cell * 3 * 2^(p + 12) (a multiply when
 * p >= -12, a rounding right shift when below).
 */
static mote_status cell_tanh(mote__prep *p, const mote__tensor *cell,
			     mote_sigmoid_s16_params *t)
{
	float lg = logf(cell->scale[0]) * (1.0f / logf(2.0f));
	int power = (int)mote_roundf(lg);
	int left = 15 + power - 3;

	if (left > 14 || left < -31)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, cell->index,
				       "lstm cell scale out of range");
	t->in_mult = left < 0 ? 3 : 3 << left;
	t->in_shift = left < 0 ? -left : 0;
	return MOTE_OK;
}

/* Quantization of the integer kernels. */
static mote_status int_params(mote__prep *p, const lstm_io *io, bool s16,
			      mote_lstm_params *lp)
{
	int32_t rows = lp->time_major ? lp->batches : 1;
	const mote__tensor *cell = &io->cell, *hidden = &io->hidden;
	int32_t zp = 0;
	mote_status s = quantized(p, cell, &zp);

	if (s == MOTE_OK && zp != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, cell->index,
				       "lstm cell zero point must be 0");
	for (int g = 0; s == MOTE_OK && g < MOTE_LSTM_GATES; g++) {
		s = int_layer(p, &io->in, &io->w_in[g], rows, s16,
			      &lp->in_fc[g]);
		if (s == MOTE_OK)
			s = int_layer(p, hidden, &io->w_rec[g], rows, s16,
				      &lp->rec_fc[g]);
	}
	if (s == MOTE_OK)
		s = int_mul(p, cell->index, GATE_OUT_SCALE, cell->scale[0],
			    cell, &lp->forget_mul);
	if (s == MOTE_OK)
		s = int_mul(p, cell->index, GATE_OUT_SCALE, GATE_OUT_SCALE,
			    cell, &lp->input_mul);
	if (s == MOTE_OK)
		s = int_mul(p, hidden->index, GATE_OUT_SCALE, GATE_OUT_SCALE,
			    hidden, &lp->output_mul);
	if (s == MOTE_OK)
		s = cell_tanh(p, cell, &lp->cell_tanh);
	if (s != MOTE_OK)
		return s;
	double clip = (double)lp->cell_clip / (double)cell->scale[0];
	clip = clip < -32768.0 ? -32768.0 : clip;
	lp->cell_clip_q = (int16_t)(clip > 32767.0 ? 32767.0 : clip);
	lp->gate_sigmoid.in_mult = 3;
	lp->gate_sigmoid.in_shift = 0;
	lp->gate_tanh.in_mult = 3;
	lp->gate_tanh.in_shift = 0;
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_f32, eval_s8, eval_s16 };
	mote_lstm_params lp = { 0 };
	lstm_io io;
	kind k = K_F32;
	mote_status s = get_io(p, &io);

	if (s == MOTE_OK)
		s = options(p, &lp);
	if (s == MOTE_OK)
		s = geometry(p, &io, &lp);
	if (s == MOTE_OK)
		s = types(p, &io, &k);
	if (s == MOTE_OK && k == K_F32)
		float_layers(&lp);
	if (s == MOTE_OK && k != K_F32)
		s = int_params(p, &io, k == K_S16, &lp);
	if (s != MOTE_OK)
		return s;
	mote__prep_scratch(p, k == K_F32 ? mote_lstm_f32_scratch_size(&lp)
					 : mote_lstm_s8_scratch_size(&lp));
	mote_lstm_params *params = mote__prep_alloc(p, sizeof *params);
	if (!params)
		return MOTE_OK;
	*params = lp;
	mote__prep_set(p, evals[k], NULL, params);
	return MOTE_OK;
}

const mote_op mote_op_unidirectional_sequence_lstm = {
	44, NULL, "UNIDIRECTIONAL_SEQUENCE_LSTM", prepare
};
