/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected.c - the FULLY_CONNECTED operator (builtin 9): checks the
 * model, computes the requantization multipliers once and picks the kernel
 * (kernels/fully_connected.h).
 *
 * Inputs: 0 input [..., accum] (read as rows of accum values), 1 filter
 * [units, accum], 2 bias [units] (optional: absent or -1). Output 0:
 * [batches, units], or the input's leading shape with units last
 * (keep_num_dims); either way batches * accum = input elements.
 * Supported, as in TFLM: float32; int8 with int8 (per-tensor or
 * per-channel) or packed int4 filter and int32 bias; int16 activations
 * with int8 filter and int32 bias (32-bit accumulator) or int64 bias
 * (64-bit accumulator). Without bias, int16 takes the 64-bit path unless
 * the options' quantized_bias_type is INT32, as TFLM does.
 * Multipliers follow TFLM exactly: per-tensor from the float product
 * in_scale * filter_scale divided in double by out_scale (after TFLM's
 * bias-scale sanity check), per-channel from the double product.
 * Stricter than TFLM: the output shape must match the filter and input,
 * per-channel scales must run along filter dimension 0.
 */
#include "kernels/fully_connected.h"
#include "kernels/fixedpoint.h"
#include "kernels/select.h"
#include "ops/op_util.h"

/* FullyConnectedOptions field numbers in the TFLite schema. */
enum {
	OPT_ACTIVATION = 0,
	OPT_WEIGHTS_FORMAT = 1,
	OPT_QUANTIZED_BIAS_TYPE = 4,
};

/* BuiltinOptions union type of FullyConnectedOptions. */
enum { FC_OPTIONS_TYPE = 8 };

/* The bias data, or NULL when the optional input is absent. */
static void *bias_of(const mote__node *n, void *const *t)
{
	return n->n_in > 2 ? mote__in(n, t, 2) : NULL;
}

/* The operator's params: the kernels' struct first (every eval passes the
 * node's params on as a mote_fc_params), then the int8 kernel that
 * mote_select_fully_connected_s8() chose at prepare. */
typedef struct fc_op {
	mote_fc_params k; /* kernel params, per-channel multipliers follow */
	mote_fully_connected_s8_fn s8; /* int8 kernel (NULL for other types) */
} fc_op;

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_fully_connected_f32(n->params, mote__in(n, t, 0),
				 mote__in(n, t, 1), bias_of(n, t),
				 mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	const fc_op *op = n->params;

	op->s8(&op->k, mote__in(n, t, 0), mote__in(n, t, 1), bias_of(n, t),
	       mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8w4(const mote__node *n, void *const *t)
{
	mote_fully_connected_s8w4(n->params, mote__in(n, t, 0),
				  mote__in(n, t, 1), bias_of(n, t),
				  mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_fully_connected_s16(n->params, mote__in(n, t, 0),
				 mote__in(n, t, 1), bias_of(n, t),
				 mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s16_acc64(const mote__node *n, void *const *t)
{
	mote_fully_connected_s16_acc64(n->params, mote__in(n, t, 0),
				       mote__in(n, t, 1), bias_of(n, t),
				       mote__out(n, t, 0));
	return MOTE_OK;
}

/* The operator's tensors. */
typedef struct fc_io {
	mote__tensor in; /* input 0 */
	mote__tensor filter; /* input 1 */
	mote__tensor bias; /* input 2, valid if has_bias */
	mote__tensor out; /* output 0 */
	bool has_bias; /* input 2 is present */
} fc_io;

/* Which kernel runs; indexes the evals table in prepare. */
typedef enum kind { K_F32, K_S8, K_S8W4, K_S16, K_S16_ACC64 } kind;

/* Checks the element types and options; says which kernel runs. */
static mote_status types(mote__prep *p, const fc_io *io, kind *k)
{
	mote_type it = io->in.type, ft = io->filter.type;
	mote_type bt = io->has_bias ? io->bias.type : MOTE_FLOAT32;
	int32_t qbt = mote__opt_u8(p, OPT_QUANTIZED_BIAS_TYPE, MOTE_FLOAT32);
	uint8_t ot = mote__prep_opts_type(p);

	if (ot != 0 && ot != FC_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not FullyConnectedOptions");
	if (mote__opt_u8(p, OPT_WEIGHTS_FORMAT, 0) != 0)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->filter.index,
				       "shuffled weights format");
	if (io->out.type != it)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, io->out.index,
				       "output type differs from input");
	if (it == MOTE_FLOAT32 && ft == MOTE_FLOAT32 && bt == MOTE_FLOAT32) {
		*k = K_F32;
		return MOTE_OK;
	}
	if (it == MOTE_INT8 && (ft == MOTE_INT8 || ft == MOTE_INT4) &&
	    (!io->has_bias || bt == MOTE_INT32)) {
		*k = ft == MOTE_INT8 ? K_S8 : K_S8W4;
		return MOTE_OK;
	}
	if (it == MOTE_INT16 && ft == MOTE_INT8 && io->has_bias &&
	    (bt == MOTE_INT32 || bt == MOTE_INT64)) {
		*k = bt == MOTE_INT32 ? K_S16 : K_S16_ACC64;
		return MOTE_OK;
	}
	if (it == MOTE_INT16 && ft == MOTE_INT8 && !io->has_bias) {
		*k = qbt == MOTE_INT32 ? K_S16 : K_S16_ACC64;
		return MOTE_OK;
	}
	return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->filter.index,
			       "fully connected type combination "
			       "(input/filter/bias)");
}

/* Rows, depth and units from the shapes; validates them. */
static mote_status geometry(mote__prep *p, const fc_io *io, mote_fc_params *fp)
{
	const mote__tensor *f = &io->filter, *o = &io->out;

	if (f->rank != 2 || f->dims[0] < 1 || f->dims[1] < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, f->index,
				       "filter must be [units, depth]");
	if (o->rank < 1 || o->dims[o->rank - 1] != f->dims[0])
		return mote__prep_fail(
			p, MOTE_E_BAD_SHAPE, o->index,
			"output depth is not the filter's units");
	fp->out_c = f->dims[0];
	fp->accum = f->dims[1];
	if (o->elems % (size_t)fp->out_c != 0 ||
	    o->elems / (size_t)fp->out_c > (size_t)INT32_MAX)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, o->index,
				       "output size");
	fp->batches = (int32_t)(o->elems / (size_t)fp->out_c);
	if (io->in.elems != (size_t)fp->batches * (size_t)fp->accum)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->in.index,
				       "input size is not batches x depth");
	if (io->has_bias && io->bias.elems != (size_t)fp->out_c)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->bias.index,
				       "bias size is not the filter's units");
	return MOTE_OK;
}

/* Zero point of t as an integer of its type; false if out of range. */
static bool zp_in_range(const mote__tensor *t, int32_t *zp)
{
	int32_t lo, hi;
	int64_t z = t->n_zp > 0 ? t->zp[0] : 0;

	mote__type_range(t->type == MOTE_INT4 ? MOTE_INT8 : t->type, &lo, &hi);
	*zp = (int32_t)z;
	return z >= lo && z <= hi;
}

/* Quantization checks of the integer kernels; fills the zero points. */
static mote_status check_quant(mote__prep *p, const fc_io *io,
			       mote_fc_params *fp)
{
	const mote__tensor *f = &io->filter;
	int32_t zp;

	if (io->in.n_scale < 1 || f->n_scale < 1 || io->out.n_scale < 1)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, f->index,
				       "fully connected tensors must be "
				       "quantized");
	if (f->n_scale > 1 &&
	    (f->n_scale != (uint32_t)fp->out_c || f->qdim != 0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, f->index,
				       "filter scales are not per unit");
	if (!zp_in_range(&io->in, &zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->in.index,
				       "zero point out of range");
	fp->in_offset = -zp;
	if (!zp_in_range(&io->out, &fp->out_zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->out.index,
				       "zero point out of range");
	if (!zp_in_range(f, &zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, f->index,
				       "zero point out of range");
	/* TFLM's per-channel kernel ignores the filter zero point. */
	fp->filter_offset = f->n_scale > 1 ? 0 : -zp;
	return MOTE_OK;
}

/* Records an unusable multiplier. */
static mote_status bad_mult(mote__prep *p, int32_t tensor, int max_shift,
			    int shift)
{
	if (shift > max_shift)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, tensor,
				       "output scale too small");
	return MOTE_OK;
}

/*
 * Per-tensor multiplier as TFLM's GetQuantizedConvolutionMultipler: the
 * bias scale must be close to in_scale * filter_scale, and the multiplier
 * is the float product over out_scale in double.
 */
static mote_status per_tensor(mote__prep *p, const fc_io *io, int max_shift,
			      mote_fc_params *fp)
{
	float in_s = mote__scale(&io->in, 0), f_s = mote__scale(&io->filter, 0);
	double out_s = (double)mote__scale(&io->out, 0);
	float product = in_s * f_s;
	int shift;

	if (io->has_bias) {
		double diff = (double)in_s * (double)f_s -
			      (double)mote__scale(&io->bias, 0);
		diff = diff < 0 ? -diff : diff;
		if (!(diff / out_s <= 0.02))
			return mote__prep_fail(
				p, MOTE_E_BAD_QUANT, io->bias.index,
				"bias scale is not input x filter "
				"scale");
	}
	if (!(product >= 0.0f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->filter.index,
				       "negative scale");
	mote_quantize_multiplier((double)product / out_s, &fp->mult, &shift);
	fp->shift = shift;
	return bad_mult(p, io->out.index, max_shift, shift);
}

/*
 * Per-channel multipliers as TFLM's CalculateOpDataFullyConnected:
 * (double)in_scale * (double)filter_scale / (double)out_scale. With mult
 * NULL (measuring) it only validates.
 */
static mote_status per_channel(mote__prep *p, const fc_io *io, int max_shift,
			       int32_t out_c, int32_t *mult, int32_t *shift)
{
	double in_s = (double)mote__scale(&io->in, 0);
	double out_s = (double)mote__scale(&io->out, 0);

	for (int32_t c = 0; c < out_c; c++) {
		double f_s = (double)mote__scale(&io->filter, (uint32_t)c);
		int32_t m;
		int sh;
		mote_quantize_multiplier(in_s * f_s / out_s, &m, &sh);
		mote_status s = bad_mult(p, io->out.index, max_shift, sh);
		if (s != MOTE_OK)
			return s;
		if (mult != NULL) {
			mult[c] = m;
			shift[c] = sh;
		}
	}
	return MOTE_OK;
}

/*
 * Quantization, activation range and (per-tensor) multiplier of the
 * integer kernels; per-channel multipliers are validated only.
 */
static mote_status quantized(mote__prep *p, const fc_io *io, int max_shift,
			     mote_fc_params *fp)
{
	int32_t act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	mote_status s = check_quant(p, io, fp);

	if (s != MOTE_OK)
		return s;
	if (!(mote__scale(&io->out, 0) > 0.0f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->out.index,
				       "output scale must be positive");
	s = mote__act_range_q(p, act, &io->out, &fp->act_min, &fp->act_max);
	if (s != MOTE_OK)
		return s;
	if (io->filter.n_scale > 1)
		return per_channel(p, io, max_shift, fp->out_c, NULL, NULL);
	return per_tensor(p, io, max_shift, fp);
}

/* Reads the operator's tensors. */
static mote_status read_io(mote__prep *p, fc_io *io)
{
	mote_status s = mote__prep_expect_io(p, 2, 3, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &io->in);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 1, &io->filter);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &io->out);
	io->has_bias = mote__prep_has_in(p, 2);
	if (s == MOTE_OK && io->has_bias)
		s = mote__prep_in(p, 2, &io->bias);
	return s;
}

static mote_status prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_f32, eval_s8, eval_s8w4,
					       eval_s16, eval_s16_acc64 };
	mote_fc_params g = { 0 }, *fp;
	mote_fully_connected_s8_fn s8 = NULL;
	size_t scratch = 0;
	fc_op *op;
	fc_io io;
	mote_status s;
	kind k = K_F32;
	/* 64-bit requantization needs 15 - shift >= 1. */
	int max_shift = 30;
	bool per_ch;

	s = read_io(p, &io);
	if (s == MOTE_OK)
		s = types(p, &io, &k);
	if (k == K_S16_ACC64)
		max_shift = 14;
	if (s == MOTE_OK)
		s = geometry(p, &io, &g);
	if (s == MOTE_OK && k != K_F32)
		s = quantized(p, &io, max_shift, &g);
	if (s == MOTE_OK && k == K_F32)
		s = mote__act_range_f(p, mote__opt_u8(p, OPT_ACTIVATION, 0),
				      &g.act_min_f, &g.act_max_f);
	if (s == MOTE_OK)
		s = mote__prep_status(p);
	if (s != MOTE_OK)
		return s;

	per_ch = k != K_F32 && io.filter.n_scale > 1;
	if (k == K_S8)
		s8 = mote_select_fully_connected_s8(&g, &scratch);
	if (scratch > 0)
		mote__prep_scratch(p, scratch);
	op = mote__prep_alloc(p, sizeof *op + (per_ch ? 2u : 0u) *
						      (size_t)g.out_c *
						      sizeof(int32_t));
	if (op == NULL)
		return MOTE_OK; /* measuring */
	fp = &op->k;
	*fp = g;
	op->s8 = s8;
	if (per_ch) {
		int32_t *mult = (int32_t *)(op + 1);
		int32_t *shift = mult + g.out_c;
		per_channel(p, &io, max_shift, g.out_c, mult, shift);
		fp->ch_mult = mult;
		fp->ch_shift = shift;
	}
	mote__prep_set(p, evals[k], NULL, fp);
	return MOTE_OK;
}

const mote_op mote_op_fully_connected = { 9, NULL, "FULLY_CONNECTED", prepare };
