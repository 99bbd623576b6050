/* SPDX-License-Identifier: Apache-2.0 */
/*
 * broadcast_args.c - the BROADCAST_ARGS operator (145).
 *
 * Inputs: 0 and 1, two shapes as 1-D int32 or int64 tensors (same type).
 * Output: their broadcast, 1-D of the same type with max(len0, len1)
 * elements. Incompatible shapes fail the invoke (TFLM aborts).
 */
#include "kernels/broadcast_args.h"
#include "ops/op_util.h"

/* What eval needs, kept in the arena. */
typedef struct bargs_op {
	int32_t na; /* length of shape 0 */
	int32_t nb; /* length of shape 1 */
	int32_t n_out; /* length of the output */
} bargs_op;

static mote_status eval_s32(const mote__node *n, void *const *t)
{
	const bargs_op *b = n->params;
	if (!mote_broadcast_args_s32(mote__in(n, t, 0), b->na,
				     mote__in(n, t, 1), b->nb,
				     mote__out(n, t, 0), b->n_out))
		return MOTE_E_EVAL;
	return MOTE_OK;
}

static mote_status eval_s64(const mote__node *n, void *const *t)
{
	const bargs_op *b = n->params;
	if (!mote_broadcast_args_s64(mote__in(n, t, 0), b->na,
				     mote__in(n, t, 1), b->nb,
				     mote__out(n, t, 0), b->n_out))
		return MOTE_E_EVAL;
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor a, b, out;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &a)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &b)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK)
		return s;
	if (a.type != MOTE_INT32 && a.type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, a.index,
				       "shape type (int32 or int64)");
	if (b.type != a.type || out.type != a.type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out.index,
				       "shape types differ");
	if (a.rank != 1 || b.rank != 1 || out.rank != 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "shapes must be 1-D");
	if (out.dims[0] != (a.dims[0] > b.dims[0] ? a.dims[0] : b.dims[0]))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output length is not the longer shape's");

	bargs_op *bp = mote__prep_alloc(p, sizeof *bp);
	if (!bp)
		return MOTE_OK;
	bp->na = a.dims[0];
	bp->nb = b.dims[0];
	bp->n_out = out.dims[0];
	mote__prep_set(p, a.type == MOTE_INT32 ? eval_s32 : eval_s64, NULL, bp);
	return MOTE_OK;
}

const mote_op mote_op_broadcast_args = { 145, NULL, "BROADCAST_ARGS",
					 prepare };
