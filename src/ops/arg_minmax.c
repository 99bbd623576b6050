/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arg_minmax.c - the operators ARG_MAX (56) and ARG_MIN (79).
 *
 * Inputs: 0 data (float32 or int8, as TFLM), 1 axis (one int32 or int64
 * value; TFLM takes int32 only). Output: int32 or int64 indices (TFLM:
 * int32 only) with the data's shape minus the axis; the output tensor's
 * type decides, ArgMaxOptions.output_type is not consulted. A constant
 * axis is resolved here, otherwise at every invoke (a bad axis then fails
 * the invoke).
 */
#include "kernels/arg_minmax.h"
#include "ops/op_util.h"

/* What eval needs, kept in the arena. */
typedef struct arg_op {
	mote_arg_minmax_params k; /* kernel parameters (constant axis) */
	bool dynamic_axis; /* the axis tensor is read at every invoke */
	bool axis_i64; /* the axis tensor is int64 */
	int32_t rank; /* input rank (dynamic axis) */
	int32_t dims[MOTE_MAX_DIMS]; /* input dims (dynamic axis) */
	int32_t out_elems; /* output element count (dynamic axis) */
} arg_op;

/* The parameters of this invoke (NULL if a dynamic axis is bad). */
static const mote_arg_minmax_params *
current(const mote__node *n, void *const *t, mote_arg_minmax_params *local)
{
	const arg_op *a = n->params;
	if (!a->dynamic_axis)
		return &a->k;
	const void *ax = mote__in(n, t, 1);
	int64_t axis = a->axis_i64 ? *(const int64_t *)ax
				   : *(const int32_t *)ax;
	if (!mote_arg_minmax_init(local, a->dims, a->rank, axis,
				  a->k.out_i64))
		return NULL;
	if ((int64_t)local->outer * local->inner != a->out_elems)
		return NULL;
	return local;
}

static mote_status eval_max_f32(const mote__node *n, void *const *t)
{
	mote_arg_minmax_params l;
	const mote_arg_minmax_params *k = current(n, t, &l);
	if (!k)
		return MOTE_E_EVAL;
	mote_arg_max_f32(k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_max_s8(const mote__node *n, void *const *t)
{
	mote_arg_minmax_params l;
	const mote_arg_minmax_params *k = current(n, t, &l);
	if (!k)
		return MOTE_E_EVAL;
	mote_arg_max_s8(k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_min_f32(const mote__node *n, void *const *t)
{
	mote_arg_minmax_params l;
	const mote_arg_minmax_params *k = current(n, t, &l);
	if (!k)
		return MOTE_E_EVAL;
	mote_arg_min_f32(k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_min_s8(const mote__node *n, void *const *t)
{
	mote_arg_minmax_params l;
	const mote_arg_minmax_params *k = current(n, t, &l);
	if (!k)
		return MOTE_E_EVAL;
	mote_arg_min_s8(k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

/* Reads the checked axis tensor's single value (constant axis). */
static int64_t axis_value(const mote__tensor *axis)
{
	if (axis->type == MOTE_INT64)
		return *(const int64_t *)axis->data;
	return *(const int32_t *)axis->data;
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *axis, const mote__tensor *out)
{
	if (in->type != MOTE_FLOAT32 && in->type != MOTE_INT8)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "input type");
	if (axis->type != MOTE_INT32 && axis->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, axis->index,
				       "axis must be int32 or int64");
	if (axis->elems != 1)
		return mote__prep_fail(p, MOTE_E_INVALID, axis->index,
				       "axis must hold one value");
	if (out->type != MOTE_INT32 && out->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out->index,
				       "output must be int32 or int64");
	if (in->rank < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input must have rank >= 1");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p, bool is_max)
{
	mote__tensor in, axis, out;
	arg_op a = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &axis)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &in, &axis, &out)) != MOTE_OK)
		return s;
	a.dynamic_axis = axis.data == NULL;
	a.axis_i64 = axis.type == MOTE_INT64;
	a.k.out_i64 = out.type == MOTE_INT64;
	a.rank = in.rank;
	a.out_elems = (int32_t)out.elems;
	for (int32_t d = 0; d < in.rank; d++)
		a.dims[d] = in.dims[d];
	if (!a.dynamic_axis) {
		if (!mote_arg_minmax_init(&a.k, in.dims, in.rank,
					  axis_value(&axis), a.k.out_i64))
			return mote__prep_fail(p, MOTE_E_INVALID, axis.index,
					       "axis out of range");
		if ((size_t)a.k.outer * (size_t)a.k.inner != out.elems)
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
					       "output size does not match");
	}

	arg_op *ap = mote__prep_alloc(p, sizeof *ap);
	if (!ap)
		return MOTE_OK;
	*ap = a;
	bool f32 = in.type == MOTE_FLOAT32;
	if (is_max)
		mote__prep_set(p, f32 ? eval_max_f32 : eval_max_s8, NULL, ap);
	else
		mote__prep_set(p, f32 ? eval_min_f32 : eval_min_s8, NULL, ap);
	return MOTE_OK;
}

static mote_status prepare_max(mote__prep *p)
{
	return prepare(p, true);
}

static mote_status prepare_min(mote__prep *p)
{
	return prepare(p, false);
}

const mote_op mote_op_arg_max = { 56, NULL, "ARG_MAX", prepare_max };
const mote_op mote_op_arg_min = { 79, NULL, "ARG_MIN", prepare_min };
