/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dynamic_update_slice.c - the DYNAMIC_UPDATE_SLICE operator (151).
 *
 * Inputs: 0 operand, 1 update (same type and rank, each dim <= the
 * operand's), 2 start indices (1-D int32 or int64, one per dim).
 * Output: the operand's shape and type, with the update written at the
 * start indices clamped so that it fits. Types: float32, int8, int16,
 * int32 (as TFLM) and also bool, uint8, int64. The output may share the
 * operand's memory (then only the block is written).
 */
#include "kernels/dynamic_update_slice.h"
#include "ops/op_util.h"

/* What eval needs, kept in the arena. */
typedef struct dus_op {
	mote_dus_params k; /* kernel parameters */
	bool idx_i64; /* start indices are int64 */
} dus_op;

static mote_status eval(const mote__node *n, void *const *t)
{
	const dus_op *d = n->params;
	int64_t start[MOTE_DUS_MAX_DIMS];
	const void *idx = mote__in(n, t, 2);

	for (int32_t i = 0; i < d->k.rank; i++)
		start[i] = d->idx_i64 ? ((const int64_t *)idx)[i]
				      : ((const int32_t *)idx)[i];
	mote_dynamic_update_slice(&d->k, mote__in(n, t, 0), mote__in(n, t, 1),
				  start, mote__out(n, t, 0));
	return MOTE_OK;
}

static bool type_ok(mote_type t)
{
	return t == MOTE_FLOAT32 || t == MOTE_INT8 || t == MOTE_INT16 ||
	       t == MOTE_INT32 || t == MOTE_BOOL || t == MOTE_UINT8 ||
	       t == MOTE_INT64;
}

static mote_status check(mote__prep *p, const mote__tensor *op,
			 const mote__tensor *up, const mote__tensor *idx,
			 const mote__tensor *out)
{
	if (!type_ok(op->type))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, op->index,
				       "operand type");
	if (up->type != op->type || out->type != op->type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, up->index,
				       "update or output type differs");
	if (idx->type != MOTE_INT32 && idx->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, idx->index,
				       "start indices must be int32 or int64");
	if (op->rank < 1 || up->rank != op->rank || !mote__same_shape(op, out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, up->index,
				       "update or output rank/shape");
	if (idx->rank != 1 || idx->dims[0] != op->rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, idx->index,
				       "need one start index per dim");
	for (int32_t d = 0; d < op->rank; d++) {
		if (up->dims[d] > op->dims[d])
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, up->index,
					       "update larger than operand");
	}
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor op, up, idx, out;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 3, 3, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &op)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &up)) != MOTE_OK ||
	    (s = mote__prep_in(p, 2, &idx)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &op, &up, &idx, &out)) != MOTE_OK)
		return s;
	mote__prep_share(p, 0, 0);

	dus_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	d->k.rank = op.rank;
	for (int32_t i = 0; i < op.rank; i++) {
		d->k.dims[i] = op.dims[i];
		d->k.update_dims[i] = up.dims[i];
	}
	d->k.elem_size = mote_type_size(op.type);
	d->idx_i64 = idx.type == MOTE_INT64;
	mote__prep_set(p, eval, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_dynamic_update_slice = { 151, NULL,
					       "DYNAMIC_UPDATE_SLICE",
					       prepare };
