/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cumsum.c - the CUMSUM operator (128).
 *
 * Inputs: 0 data (float32 or int8, as TFLM; rank >= 1), 1 axis (one
 * int32). Output: same type and shape. CumsumOptions: exclusive (field
 * 0), reverse (field 1). int8 reproduces TFLM's rescaling, including its
 * nonzero starting sum (see kernels/cumsum.h). A constant axis is resolved
 * here, otherwise at every invoke.
 */
#include "kernels/cumsum.h"
#include "kernels/fixedpoint.h"
#include "ops/op_util.h"

/* CumsumOptions field numbers in the TFLite schema. */
enum { OPT_EXCLUSIVE = 0, OPT_REVERSE = 1 };

/* What eval needs, kept in the arena. */
typedef struct cumsum_op {
	mote_cumsum_params k; /* kernel parameters (constant axis) */
	bool dynamic_axis; /* the axis tensor is read at every invoke */
	int32_t rank; /* data rank (dynamic axis) */
	int32_t dims[MOTE_MAX_DIMS]; /* data dims (dynamic axis) */
} cumsum_op;

/* The parameters of this invoke (NULL if a dynamic axis is bad). */
static const mote_cumsum_params *current(const mote__node *n, void *const *t,
					 mote_cumsum_params *local)
{
	const cumsum_op *c = n->params;
	if (!c->dynamic_axis)
		return &c->k;
	*local = c->k;
	const int32_t *axis = mote__in(n, t, 1);
	if (!mote_cumsum_init_shape(local, c->dims, c->rank, *axis))
		return NULL;
	return local;
}

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_cumsum_params l;
	const mote_cumsum_params *k = current(n, t, &l);
	if (!k)
		return MOTE_E_EVAL;
	mote_cumsum_f32(k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	mote_cumsum_params l;
	const mote_cumsum_params *k = current(n, t, &l);
	if (!k)
		return MOTE_E_EVAL;
	mote_cumsum_s8(k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

/* QuantizeMultiplierSmallerThanOneExp: false unless 0 < m < 1. */
static bool mult_below_one(double m, int32_t *mult, int32_t *shift)
{
	int s;
	if (!(m > 0.0 && m < 1.0))
		return false;
	mote_quantize_multiplier(m, mult, &s);
	*shift = s;
	return s <= 0;
}

/* TFLM's int8 set-up: inputs at half scale after a 2^20 shift. */
static mote_status prepare_s8(mote__prep *p, const mote__tensor *in,
			      const mote__tensor *out, mote_cumsum_params *k)
{
	float si = mote__scale(in, 0), so = mote__scale(out, 0);
	if (in->n_scale == 0 || !(si > 0.0f) || out->n_scale == 0 ||
	    !(so > 0.0f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "int8 tensors must be quantized");
	double twice_in = 2.0 * (double)si;
	double out_real = twice_in / ((double)(1 << MOTE_CUMSUM_LEFT_SHIFT) *
				      (double)so);
	if (!mult_below_one((double)si / twice_in, &k->in_mult,
			    &k->in_shift) ||
	    !mult_below_one(out_real, &k->out_mult, &k->out_shift))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, out->index,
				       "output scale too small for int8 cumsum");
	k->in_zp = mote__zp(in, 0);
	k->out_zp = mote__zp(out, 0);
	mote__type_range(MOTE_INT8, &k->act_min, &k->act_max);
	return MOTE_OK;
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *axis, const mote__tensor *out)
{
	if (in->type != MOTE_FLOAT32 && in->type != MOTE_INT8)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "input type");
	if (out->type != in->type || !mote__same_shape(in, out))
		return mote__prep_fail(p, MOTE_E_INVALID, out->index,
				       "output type or shape differs");
	if (axis->type != MOTE_INT32 || axis->elems != 1)
		return mote__prep_fail(p, MOTE_E_INVALID, axis->index,
				       "axis must be one int32");
	if (in->rank < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input must have rank >= 1");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, axis, out;
	cumsum_op c = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &axis)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &in, &axis, &out)) != MOTE_OK)
		return s;
	c.k.exclusive = mote__opt_bool(p, OPT_EXCLUSIVE, false);
	c.k.reverse = mote__opt_bool(p, OPT_REVERSE, false);
	c.dynamic_axis = axis.data == NULL;
	c.rank = in.rank;
	for (int32_t d = 0; d < in.rank; d++)
		c.dims[d] = in.dims[d];
	/* A dynamic axis is checked at eval; axis 0 checks the shape now. */
	int32_t a = c.dynamic_axis ? 0 : *(const int32_t *)axis.data;
	if (!mote_cumsum_init_shape(&c.k, in.dims, in.rank, a))
		return mote__prep_fail(p, MOTE_E_INVALID, axis.index,
				       "axis out of range");
	if (in.type == MOTE_INT8 &&
	    (s = prepare_s8(p, &in, &out, &c.k)) != MOTE_OK)
		return s;

	cumsum_op *cp = mote__prep_alloc(p, sizeof *cp);
	if (!cp)
		return MOTE_OK;
	*cp = c;
	mote__prep_set(p, in.type == MOTE_INT8 ? eval_s8 : eval_f32, NULL, cp);
	return MOTE_OK;
}

const mote_op mote_op_cumsum = { 128, NULL, "CUMSUM", prepare };
