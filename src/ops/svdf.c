/* SPDX-License-Identifier: Apache-2.0 */
/*
 * svdf.c - the SVDF operator (builtin 27): checks the model, computes the
 * requantization multipliers once and picks the kernel (kernels/svdf.h).
 *
 * Inputs: 0 input [batches, in_n], 1 weights_feature [filters, in_n],
 * 2 weights_time [filters, memory], 3 bias [units] (optional: -1),
 * 4 state [batches, filters * memory] (a variable tensor: it persists
 * across invokes and mote_reset() clears it). Output 0 [batches, units].
 * Options (SVDFOptions): rank (filters = units * rank), fused activation.
 * Supported, as in TFLM: float32 throughout; int8 input, feature weights
 * and output with int16 time weights and state, or int8 time weights and
 * state; int32 bias. As in TFLM the integer kernels apply no fused
 * activation and the bias scale must be within 1e-5 of state_scale *
 * time_scale. Multipliers follow TFLM: (in_scale * feature_scale /
 * state_scale) and (state_scale * time_scale / out_scale), each computed
 * in float and then split by QuantizeMultiplier.
 * Unlike TFLM (which crashes there), a missing bias is handled: the sums
 * start from zero.
 */
#include "kernels/fixedpoint.h"
#include "kernels/svdf.h"
#include "ops/op_util.h"

/* SVDFOptions field numbers and union type in the TFLite schema. */
enum { OPT_RANK = 0, OPT_ACTIVATION = 1 };
enum { SVDF_OPTIONS_TYPE = 6 };

/* Operator input positions. */
enum { IN_X = 0, IN_FEATURE = 1, IN_TIME = 2, IN_BIAS = 3, IN_STATE = 4 };

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_svdf_f32(n->params, mote__in(n, t, IN_X),
		      mote__in(n, t, IN_FEATURE), mote__in(n, t, IN_TIME),
		      mote__in(n, t, IN_BIAS), mote__in(n, t, IN_STATE),
		      mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	mote_svdf_s8(n->params, mote__in(n, t, IN_X),
		     mote__in(n, t, IN_FEATURE), mote__in(n, t, IN_TIME),
		     mote__in(n, t, IN_BIAS), mote__in(n, t, IN_STATE),
		     mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8_state8(const mote__node *n, void *const *t)
{
	mote_svdf_s8_state8(n->params, mote__in(n, t, IN_X),
			    mote__in(n, t, IN_FEATURE),
			    mote__in(n, t, IN_TIME), mote__in(n, t, IN_BIAS),
			    mote__in(n, t, IN_STATE), mote__out(n, t, 0),
			    n->scratch);
	return MOTE_OK;
}

/* The operator's tensors. */
typedef struct svdf_io {
	mote__tensor in; /* input 0 */
	mote__tensor feature; /* input 1 */
	mote__tensor time; /* input 2 */
	mote__tensor bias; /* input 3, valid if has_bias */
	mote__tensor state; /* input 4 */
	mote__tensor out; /* output 0 */
	bool has_bias; /* input 3 is present */
} svdf_io;

/* Which kernel runs. */
typedef enum kind { K_F32, K_S8, K_S8_STATE8 } kind;

/* Reads the tensors. */
static mote_status get_io(mote__prep *p, svdf_io *io)
{
	mote_status s = mote__prep_expect_io(p, 5, 5, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_X, &io->in);
	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_FEATURE, &io->feature);
	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_TIME, &io->time);
	if (s == MOTE_OK)
		s = mote__prep_in(p, IN_STATE, &io->state);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &io->out);
	io->has_bias = mote__prep_has_in(p, IN_BIAS);
	if (s == MOTE_OK && io->has_bias)
		s = mote__prep_in(p, IN_BIAS, &io->bias);
	return s;
}

/* Options and shapes; fills the geometry. */
static mote_status geometry(mote__prep *p, const svdf_io *io,
			    mote_svdf_params *sp)
{
	uint8_t ot = mote__prep_opts_type(p);
	int32_t rank = mote__opt_i32(p, OPT_RANK, 0);
	const mote__tensor *f = &io->feature, *tm = &io->time;

	if (ot != 0 && ot != SVDF_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not SVDFOptions");
	sp->act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	if (sp->act > MOTE_ACT_SIGN_BIT)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "unknown fused activation");
	if (io->in.rank != 2)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->in.index,
				       "input must be [batches, input size]");
	if (f->rank != 2 || f->dims[1] != io->in.dims[1] || f->dims[0] < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, f->index,
				       "feature weights must be "
				       "[filters, input size]");
	if (rank < 1 || f->dims[0] % rank != 0)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "rank does not divide the filters");
	if (tm->rank != 2 || tm->dims[0] != f->dims[0] || tm->dims[1] < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, tm->index,
				       "time weights must be [filters, memory]");
	sp->batches = io->in.dims[0];
	sp->in_n = io->in.dims[1];
	sp->filters = f->dims[0];
	sp->rank = rank;
	sp->units = f->dims[0] / rank;
	sp->memory = tm->dims[1];
	if (io->out.rank != 2 || io->out.dims[0] != sp->batches ||
	    io->out.dims[1] != sp->units)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->out.index,
				       "output must be [batches, units]");
	if (io->has_bias && (io->bias.rank != 1 || io->bias.dims[0] != sp->units))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->bias.index,
				       "bias must be [units]");
	if (io->state.rank != 2 || io->state.dims[0] != sp->batches ||
	    (int64_t)io->state.dims[1] != (int64_t)sp->filters * sp->memory)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->state.index,
				       "state must be [batches, filters x memory]");
	if (!io->state.is_variable || io->state.data)
		return mote__prep_fail(p, MOTE_E_INVALID, io->state.index,
				       "state must be a variable tensor");
	return MOTE_OK;
}

/* Element types; says which kernel runs. */
static mote_status types(mote__prep *p, const svdf_io *io, kind *k)
{
	mote_type it = io->in.type, tt = io->time.type;
	mote_type bt = io->has_bias ? io->bias.type : MOTE_INT32;

	if (it == MOTE_FLOAT32 && io->feature.type == MOTE_FLOAT32 &&
	    tt == MOTE_FLOAT32 && io->state.type == MOTE_FLOAT32 &&
	    io->out.type == MOTE_FLOAT32 &&
	    (!io->has_bias || bt == MOTE_FLOAT32)) {
		*k = K_F32;
		return MOTE_OK;
	}
	if (it != MOTE_INT8 || io->feature.type != MOTE_INT8 ||
	    io->out.type != MOTE_INT8 || bt != MOTE_INT32)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->feature.index,
				       "svdf type combination (input/feature/"
				       "bias/output)");
	if ((tt != MOTE_INT16 && tt != MOTE_INT8) || io->state.type != tt)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->state.index,
				       "svdf state and time weights must both "
				       "be int16 or int8");
	*k = tt == MOTE_INT16 ? K_S8 : K_S8_STATE8;
	return MOTE_OK;
}

/* Zero point of t; false unless it fits t's type (int8/int16). */
static bool zp_fits(const mote__tensor *t, int32_t *zp)
{
	int32_t lo, hi;
	int64_t z = t->n_zp > 0 ? t->zp[0] : 0;

	mote__type_range(t->type, &lo, &hi);
	*zp = (int32_t)z;
	return z >= lo && z <= hi;
}

/* Splits a multiplier; refuses one whose left shift would overflow. */
static mote_status split(mote__prep *p, int32_t tensor, float m,
			 int32_t *mult, int32_t *shift)
{
	int sh = 0;

	if (m >= 0.0f && m < 1e30f)
		mote_quantize_multiplier((double)m, mult, &sh);
	if (!(m >= 0.0f && m < 1e30f) || sh > 31)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, tensor,
				       "scale ratio too large");
	*shift = sh;
	return MOTE_OK;
}

/* Quantization of the integer kernels. */
static mote_status quant(mote__prep *p, const svdf_io *io,
			 mote_svdf_params *sp)
{
	const mote__tensor *q[5] = { &io->in, &io->feature, &io->time,
				     &io->state, &io->out };
	float in_s = mote__scale(&io->in, 0);
	float f_s = mote__scale(&io->feature, 0);
	float t_s = mote__scale(&io->time, 0);
	float st_s = mote__scale(&io->state, 0);
	float out_s = mote__scale(&io->out, 0);

	for (int i = 0; i < 5; i++)
		if (q[i]->n_scale < 1 || !(mote__scale(q[i], 0) > 0.0f))
			return mote__prep_fail(p, MOTE_E_BAD_QUANT, q[i]->index,
					       "svdf tensors must be quantized");
	if (!zp_fits(&io->in, &sp->in_zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->in.index,
				       "zero point out of range");
	if (!zp_fits(&io->out, &sp->out_zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->out.index,
				       "zero point out of range");
	if (!zp_fits(&io->state, &sp->state_zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->state.index,
				       "zero point out of range");
	if (io->has_bias) {
		double d = (double)mote__scale(&io->bias, 0) -
			   (double)(st_s * t_s);
		if (!((d < 0 ? -d : d) < 1e-5))
			return mote__prep_fail(p, MOTE_E_BAD_QUANT,
					       io->bias.index,
					       "bias scale is not state x time "
					       "scale");
	}
	mote_status s = split(p, io->state.index, in_s * f_s / st_s,
			      &sp->feature_mult, &sp->feature_shift);
	if (s == MOTE_OK)
		s = split(p, io->out.index, st_s * t_s / out_s, &sp->out_mult,
			  &sp->out_shift);
	return s;
}

static mote_status prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_f32, eval_s8,
					       eval_s8_state8 };
	mote_svdf_params sp = { 0 };
	svdf_io io;
	kind k = K_F32;
	mote_status s = get_io(p, &io);

	if (s == MOTE_OK)
		s = geometry(p, &io, &sp);
	if (s == MOTE_OK)
		s = types(p, &io, &k);
	if (s == MOTE_OK && k != K_F32)
		s = quant(p, &io, &sp);
	if (s != MOTE_OK)
		return s;
	mote__prep_scratch(p, k == K_F32 ? mote_svdf_f32_scratch_size(&sp)
					 : mote_svdf_s8_scratch_size(&sp));
	mote_svdf_params *params = mote__prep_alloc(p, sizeof *params);
	if (!params)
		return MOTE_OK;
	*params = sp;
	mote__prep_set(p, evals[k], NULL, params);
	return MOTE_OK;
}

const mote_op mote_op_svdf = { 27, NULL, "SVDF", prepare };
