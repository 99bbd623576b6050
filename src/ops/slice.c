/* SPDX-License-Identifier: Apache-2.0 */
/*
 * slice.c - the SLICE operator (65).
 *
 * Inputs: 0 the tensor (any fixed-size type, rank 0..8), 1 begin and
 * 2 size (1-D int32 or int64 of the same type, one value per input dim;
 * size -1 means "to the end"). Output: dim d is size[d] (resolved), the
 * elements from begin[d] on. Every slice must lie inside the input and
 * match the output shape. The result is a view (kernels/strided_copy.h):
 * built at prepare when begin and size are constant, else at every eval
 * (TFLM also reads them at eval), where a bad slice returns MOTE_E_EVAL.
 */
#include "ops/movement.h"

/* What eval needs when begin or size is not constant. */
typedef struct slice_op {
	int32_t rank; /* input rank */
	int32_t in_dims[MOTE_MAX_DIMS]; /* input dims */
	int32_t out_dims[MOTE_MAX_DIMS]; /* output dims */
	mote_type index_type; /* int32 or int64 */
	uint32_t elem_size; /* bytes per element */
} slice_op;

/* The view of the slice; false if it leaves the input or does not give
 * the output shape. */
static bool build(const slice_op *o, const int32_t *begin,
		  const int32_t *size, mote_view *v)
{
	int32_t count[MOTE_MAX_DIMS], step[MOTE_MAX_DIMS];

	for (int32_t d = 0; d < o->rank; d++) {
		int32_t n = o->in_dims[d];
		count[d] = size[d] == -1 ? n - begin[d] : size[d];
		step[d] = 1;
		if (begin[d] < 0 || begin[d] > n || count[d] < 0 ||
		    count[d] > n - begin[d] || count[d] != o->out_dims[d])
			return false;
	}
	return mote_view_init(v, o->in_dims, o->rank, begin, step, count,
			      o->elem_size);
}

static mote_status eval_dynamic(const mote__node *n, void *const *t)
{
	const slice_op *o = n->params;
	int32_t begin[MOTE_MAX_DIMS], size[MOTE_MAX_DIMS];
	size_t r = (size_t)o->rank;
	mote_view v;

	if (!mote__index_values(o->index_type, mote__in(n, t, 1), r, begin) ||
	    !mote__index_values(o->index_type, mote__in(n, t, 2), r, size) ||
	    !build(o, begin, size, &v))
		return MOTE_E_EVAL;
	mote_strided_copy_any(&v, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *begin, const mote__tensor *size,
			 const mote__tensor *out)
{
	if (begin->type != size->type ||
	    (begin->type != MOTE_INT32 && begin->type != MOTE_INT64))
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, begin->index,
				       "begin and size must be int32 or int64");
	if (begin->rank != 1 || size->rank != 1 ||
	    begin->dims[0] != in->rank || size->dims[0] != in->rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, begin->index,
				       "need one begin and size per input dim");
	if (out->rank != in->rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output rank differs from input rank");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, begin_tensor, size_tensor, out;
	int32_t begin[MOTE_MAX_DIMS], size[MOTE_MAX_DIMS];
	slice_op o;
	mote_view view;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 3, 3, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &begin_tensor)) != MOTE_OK ||
	    (s = mote__prep_in(p, 2, &size_tensor)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK ||
	    (s = check(p, &in, &begin_tensor, &size_tensor, &out)) != MOTE_OK)
		return s;
	if (!(o.elem_size = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	o.rank = in.rank;
	for (int32_t d = 0; d < in.rank; d++) {
		o.in_dims[d] = in.dims[d];
		o.out_dims[d] = out.dims[d];
	}
	o.index_type = begin_tensor.type;

	if ((begin_tensor.data && size_tensor.data) || in.rank == 0) {
		size_t r = (size_t)in.rank;
		if ((s = mote__prep_const_indices(p, &begin_tensor, r, begin,
						  "begin")) != MOTE_OK ||
		    (s = mote__prep_const_indices(p, &size_tensor, r, size,
						  "size")) != MOTE_OK)
			return s;
		if (!build(&o, begin, size, &view))
			return mote__prep_fail(p, MOTE_E_INVALID,
					       begin_tensor.index,
					       "slice leaves input or output");
		return mote__prep_set_view(p, &view);
	}

	slice_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = o;
	mote__prep_set(p, eval_dynamic, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_slice = { 65, NULL, "SLICE", prepare };
