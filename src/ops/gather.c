/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gather.c - the GATHER (36) and GATHER_ND (107) operators.
 *
 * GATHER: inputs 0 params (any fixed-size type, rank >= 1), 1 indices
 * (int32 or int64, any shape; constant or computed). Options: axis (field
 * 0, negative counts from the end), batch_dims (field 1, negative counts
 * from the end of the indices' rank; 0 <= batch_dims <= axis, and the
 * first batch_dims dims of params and indices agree). Output shape:
 * params[:axis] + indices[batch_dims:] + params[axis + 1:].
 * GATHER_ND: inputs 0 params (rank >= 1), 1 indices (int32 or int64,
 * rank >= 1, last dim nd <= rank of params). Output shape:
 * indices[:-1] + params[nd:].
 * An index outside its dim returns MOTE_E_EVAL (TFLM reads out of bounds
 * for GATHER and checks GATHER_ND only against the whole input). TFLM
 * covers float32 and int8 with int32 indices; mote moves any fixed-size
 * type (kernels/gather.h).
 */
#include "kernels/gather.h"
#include "ops/movement.h"

static mote_status eval_gather(const mote__node *n, void *const *t)
{
	if (!mote_gather_any(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			     mote__out(n, t, 0)))
		return MOTE_E_EVAL;
	return MOTE_OK;
}

static mote_status eval_gather_nd(const mote__node *n, void *const *t)
{
	if (!mote_gather_nd_any(n->params, mote__in(n, t, 0),
				mote__in(n, t, 1), mote__out(n, t, 0)))
		return MOTE_E_EVAL;
	return MOTE_OK;
}

/* The three tensors with their common checks. */
static mote_status inputs(mote__prep *p, mote__tensor *in, mote__tensor *idx,
			  mote__tensor *out, uint32_t *es)
{
	mote_status s;
	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, idx)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, in, out)) != MOTE_OK)
		return s;
	if (!(*es = mote__prep_elem_size(p, in)))
		return MOTE_E_UNSUPPORTED;
	if (idx->type != MOTE_INT32 && idx->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, idx->index,
				       "indices must be int32 or int64");
	if (in->rank < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "params must have rank >= 1");
	return MOTE_OK;
}

/* Checks that `out` is the concatenation of three dim ranges. */
static bool out_is(const mote__tensor *out, const int32_t *a, int32_t na,
		   const int32_t *b, int32_t nb, const int32_t *c, int32_t nc)
{
	int32_t r = 0;
	if (out->rank != na + nb + nc)
		return false;
	for (int32_t i = 0; i < na; i++)
		r += out->dims[i] != a[i];
	for (int32_t i = 0; i < nb; i++)
		r += out->dims[na + i] != b[i];
	for (int32_t i = 0; i < nc; i++)
		r += out->dims[na + nb + i] != c[i];
	return r == 0;
}

static int32_t prod(const int32_t *dims, int32_t from, int32_t to)
{
	int32_t r = 1;
	for (int32_t d = from; d < to; d++)
		r *= dims[d];
	return r;
}

static mote_status prepare_gather(mote__prep *p)
{
	mote__tensor in, idx, out;
	mote_gather_params g;
	int32_t axis, bd;
	uint32_t es;
	mote_status s;

	if ((s = inputs(p, &in, &idx, &out, &es)) != MOTE_OK)
		return s;
	if (!mote__axis(mote__opt_i32(p, 0, 0), in.rank, &axis))
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "axis out of range");
	bd = mote__opt_i32(p, 1, 0);
	bd += bd < 0 ? idx.rank : 0;
	if (bd < 0 || bd > axis || bd > idx.rank)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "batch_dims out of range");
	bool same = true;
	for (int32_t d = 0; d < bd; d++)
		same = same && in.dims[d] == idx.dims[d];
	if (!same)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, idx.index,
				       "batch dims of params, indices differ");
	if (!out_is(&out, in.dims, axis, idx.dims + bd, idx.rank - bd,
		    in.dims + axis + 1, in.rank - axis - 1))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output is not the gathered shape");
	g.batch = prod(in.dims, 0, bd);
	g.outer = prod(in.dims, bd, axis);
	g.axis_size = in.dims[axis];
	g.inner = prod(in.dims, axis + 1, in.rank);
	g.coords = prod(idx.dims, bd, idx.rank);
	g.elem_size = es;
	g.idx64 = idx.type == MOTE_INT64;

	mote_gather_params *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = g;
	mote__prep_set(p, eval_gather, NULL, d);
	return MOTE_OK;
}

static mote_status prepare_gather_nd(mote__prep *p)
{
	mote__tensor in, idx, out;
	mote_gather_nd_params g;
	uint32_t es;
	mote_status s;

	if ((s = inputs(p, &in, &idx, &out, &es)) != MOTE_OK)
		return s;
	int32_t nd = idx.rank >= 1 ? idx.dims[idx.rank - 1] : -1;
	if (nd < 0 || nd > in.rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, idx.index,
				       "indices' last dim above params rank");
	if (!out_is(&out, idx.dims, idx.rank - 1, in.dims + nd, in.rank - nd,
		    NULL, 0))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output is not the gathered shape");
	g.n_slices = prod(idx.dims, 0, idx.rank - 1);
	g.nd = nd;
	for (int32_t j = 0; j < MOTE_GATHER_ND_MAX; j++) {
		g.dims[j] = j < nd ? in.dims[j] : 0;
		g.stride[j] = j < nd ? prod(in.dims, j + 1, in.rank) : 0;
	}
	g.slice = prod(in.dims, nd, in.rank);
	g.elem_size = es;
	g.idx64 = idx.type == MOTE_INT64;

	mote_gather_nd_params *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = g;
	mote__prep_set(p, eval_gather_nd, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_gather = { 36, NULL, "GATHER", prepare_gather };
const mote_op mote_op_gather_nd = { 107, NULL, "GATHER_ND",
				    prepare_gather_nd };
