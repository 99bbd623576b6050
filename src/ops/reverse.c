/* SPDX-License-Identifier: Apache-2.0 */
/*
 * reverse.c - the REVERSE_V2 operator (105).
 *
 * Inputs: 0 the tensor (any fixed-size type, rank 0..8), 1 the axes to
 * reverse (1-D int32 or int64, negative values count from the end, no
 * repeats). Output: same shape and type. TFLM accepts only axes that form
 * one contiguous run; mote reverses any set of axes. The result is a view
 * (kernels/strided_copy.h) walking the reversed axes backwards: built once
 * at prepare when the axes are constant, else at every eval (an invalid
 * axis then returns MOTE_E_EVAL).
 */
#include "ops/movement.h"

/* What eval needs when the axes are not constant. */
typedef struct reverse_op {
	int32_t rank; /* input rank */
	int32_t dims[MOTE_MAX_DIMS]; /* input dims */
	int32_t n_axes; /* number of axes */
	mote_type axis_type; /* int32 or int64 */
	uint32_t elem_size; /* bytes per element */
} reverse_op;

/* The view reversing `axes` (n of them); false if an axis is invalid. */
static bool build(const int32_t *dims, int32_t rank, const int32_t *axes,
		  int32_t n, uint32_t es, mote_view *v)
{
	int32_t start[MOTE_MAX_DIMS], step[MOTE_MAX_DIMS];

	for (int32_t d = 0; d < rank; d++) {
		start[d] = 0;
		step[d] = 1;
	}
	for (int32_t i = 0; i < n; i++) {
		int32_t a;
		if (!mote__axis(axes[i], rank, &a) || step[a] != 1)
			return false;
		start[a] = dims[a] - 1;
		step[a] = -1;
	}
	return mote_view_init(v, dims, rank, start, step, dims, es);
}

static mote_status eval_dynamic(const mote__node *n, void *const *t)
{
	const reverse_op *r = n->params;
	int32_t axes[MOTE_MAX_DIMS];
	mote_view v;

	if (!mote__index_values(r->axis_type, mote__in(n, t, 1),
				(size_t)r->n_axes, axes) ||
	    !build(r->dims, r->rank, axes, r->n_axes, r->elem_size, &v))
		return MOTE_E_EVAL;
	mote_strided_copy_any(&v, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *axis, const mote__tensor *out)
{
	if (!mote__same_shape(in, out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output shape differs from input");
	if (axis->type != MOTE_INT32 && axis->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, axis->index,
				       "axis must be int32 or int64");
	if (axis->rank != 1 || axis->dims[0] > in->rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, axis->index,
				       "axis: 1-D, at most rank values");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, axis, out;
	int32_t axes[MOTE_MAX_DIMS];
	mote_view view;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &axis)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK ||
	    (s = check(p, &in, &axis, &out)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	int32_t n_axes = axis.dims[0];
	if (axis.data || n_axes == 0) {
		if ((s = mote__prep_const_indices(p, &axis, (size_t)n_axes,
						  axes, "axis")) != MOTE_OK)
			return s;
		if (!build(in.dims, in.rank, axes, n_axes, es, &view))
			return mote__prep_fail(p, MOTE_E_INVALID, axis.index,
					       "axis out of range or repeated");
		return mote__prep_set_view(p, &view);
	}

	reverse_op *r = mote__prep_alloc(p, sizeof *r);
	if (!r)
		return MOTE_OK;
	r->rank = in.rank;
	for (int32_t d = 0; d < in.rank; d++)
		r->dims[d] = in.dims[d];
	r->n_axes = n_axes;
	r->axis_type = axis.type;
	r->elem_size = es;
	mote__prep_set(p, eval_dynamic, NULL, r);
	return MOTE_OK;
}

const mote_op mote_op_reverse_v2 = { 105, NULL, "REVERSE_V2", prepare };
