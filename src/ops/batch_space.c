/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch_space.c - the SPACE_TO_BATCH_ND (38) and BATCH_TO_SPACE_ND (37)
 * operators.
 *
 * Inputs: 0 the tensor (any fixed-size type), 1 block_shape (1-D int32 or
 * int64, m >= 1 values >= 1), 2 paddings (SPACE_TO_BATCH_ND) or crops
 * (BATCH_TO_SPACE_ND), [m, 2] int32 or int64 >= 0. The tensor's dims are
 * [batch, m spatial dims, the rest]; TFLM handles ranks 3 and 4 (m = 1
 * or 2), mote any m up to 6 (kernels/batch_space.h).
 * SPACE_TO_BATCH_ND: output [batch * prod(block), (space + pads) / block,
 * rest], padded with the output zero point for int8/uint8 and zeros
 * otherwise (TFLite's choice; TFLM leaves its pad value uninitialized).
 * BATCH_TO_SPACE_ND: output [batch / prod(block), grid * block - crops,
 * rest].
 * TFLM reads block shape and paddings at eval, so they may be computed by
 * the graph: mote then checks them at every eval (MOTE_E_EVAL if bad).
 */
#include "kernels/batch_space.h"
#include "ops/movement.h"

#include <string.h>

/* What eval needs. */
typedef struct bs_op {
	mote_batch_space_params k; /* layout (constant inputs) */
	uint8_t pad_value[8]; /* SPACE_TO_BATCH_ND pad element */
	bool to_batch; /* SPACE_TO_BATCH_ND */
	bool dynamic; /* block shape or paddings read at eval */
	int32_t rank; /* rank of input and output (dynamic) */
	int32_t in_dims[MOTE_MAX_DIMS]; /* input dims (dynamic) */
	int32_t out_dims[MOTE_MAX_DIMS]; /* output dims (dynamic) */
	mote_type block_type; /* block shape type (dynamic) */
	mote_type pads_type; /* paddings type (dynamic) */
} bs_op;

/* Fills k from block and pads (2 m values) and checks them against the
 * shapes in o; false if they do not fit. */
static bool build(const bs_op *o, int32_t m, const int32_t *block,
		  const int32_t *pads, mote_batch_space_params *k)
{
	const int32_t *space = o->to_batch ? o->in_dims : o->out_dims;
	const int32_t *grid = o->to_batch ? o->out_dims : o->in_dims;
	int64_t blocks = 1, depth = 1;
	uint32_t es = o->k.elem_size;

	memset(k, 0, sizeof *k);
	if (m < 1 || m > MOTE_BATCH_SPACE_MAX || o->rank < m + 1)
		return false;
	for (int32_t j = 0; j < m; j++) {
		int64_t full = (int64_t)space[j + 1] + pads[2 * j] +
			       pads[2 * j + 1];
		if (block[j] < 1 || pads[2 * j] < 0 || pads[2 * j + 1] < 0 ||
		    full != (int64_t)grid[j + 1] * block[j])
			return false;
		k->space[j] = space[j + 1];
		k->grid[j] = grid[j + 1];
		k->block[j] = block[j];
		k->before[j] = pads[2 * j];
		blocks *= block[j];
	}
	for (int32_t d = m + 1; d < o->rank; d++) {
		if (o->in_dims[d] != o->out_dims[d])
			return false;
		depth *= o->in_dims[d];
	}
	k->batch = space[0];
	if ((int64_t)space[0] * blocks != grid[0] || depth > INT32_MAX)
		return false;
	k->m = m;
	k->depth = (int32_t)depth;
	k->elem_size = es;
	return true;
}

static mote_status eval(const mote__node *n, void *const *t)
{
	const bs_op *o = n->params;
	mote_batch_space_params dyn;
	const mote_batch_space_params *k = &o->k;
	int32_t block[MOTE_BATCH_SPACE_MAX], pads[2 * MOTE_BATCH_SPACE_MAX];
	int32_t m = o->k.m;

	if (o->dynamic) {
		if (!mote__index_values(o->block_type, mote__in(n, t, 1),
					(size_t)m, block) ||
		    !mote__index_values(o->pads_type, mote__in(n, t, 2),
					2 * (size_t)m, pads) ||
		    !build(o, m, block, pads, &dyn))
			return MOTE_E_EVAL;
		k = &dyn;
	}
	if (o->to_batch)
		mote_space_to_batch_any(k, mote__in(n, t, 0), o->pad_value,
					mote__out(n, t, 0));
	else
		mote_batch_to_space_any(k, mote__in(n, t, 0),
					mote__out(n, t, 0));
	return MOTE_OK;
}

/* Checks the index inputs' types and shapes; returns m. */
static mote_status check_index_inputs(mote__prep *p, const mote__tensor *b,
				      const mote__tensor *pads, int32_t rank,
				      int32_t *m)
{
	if ((b->type != MOTE_INT32 && b->type != MOTE_INT64) ||
	    (pads->type != MOTE_INT32 && pads->type != MOTE_INT64))
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, b->index,
				       "block, paddings: int32 or int64");
	*m = b->rank == 1 ? b->dims[0] : -1;
	if (*m < 1 || *m > MOTE_BATCH_SPACE_MAX || *m > rank - 1 ||
	    pads->rank != 2 || pads->dims[0] != *m || pads->dims[1] != 2)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, b->index,
				       "block shape [m] and paddings [m, 2]");
	return MOTE_OK;
}

static mote_status prepare_common(mote__prep *p, bool to_batch)
{
	mote__tensor in, blk, pads, out;
	int32_t m = 0, block[MOTE_BATCH_SPACE_MAX];
	int32_t pad[2 * MOTE_BATCH_SPACE_MAX];
	bs_op o;
	mote_status s;

	memset(&o, 0, sizeof o);
	if ((s = mote__prep_expect_io(p, 3, 3, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &blk)) != MOTE_OK ||
	    (s = mote__prep_in(p, 2, &pads)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK ||
	    (s = check_index_inputs(p, &blk, &pads, in.rank, &m)) != MOTE_OK)
		return s;
	if (!(o.k.elem_size = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	if (out.rank != in.rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output rank differs from input rank");
	o.to_batch = to_batch;
	o.rank = in.rank;
	memcpy(o.in_dims, in.dims, sizeof o.in_dims);
	memcpy(o.out_dims, out.dims, sizeof o.out_dims);
	o.block_type = blk.type;
	o.pads_type = pads.type;
	bool q8 = out.type == MOTE_INT8 || out.type == MOTE_UINT8;
	o.pad_value[0] = q8 ? (uint8_t)mote__zp(&out, 0) : 0;
	o.dynamic = !blk.data || !pads.data;
	o.k.m = m;
	if (!o.dynamic) {
		if ((s = mote__prep_const_indices(p, &blk, (size_t)m, block,
						  "block shape")) != MOTE_OK ||
		    (s = mote__prep_const_indices(p, &pads, 2 * (size_t)m, pad,
						  "paddings")) != MOTE_OK)
			return s;
		if (!build(&o, m, block, pad, &o.k))
			return mote__prep_fail(p, MOTE_E_INVALID, blk.index,
					       "block, paddings misfit shapes");
	}

	bs_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = o;
	mote__prep_set(p, eval, NULL, d);
	return MOTE_OK;
}

static mote_status prepare_s2b(mote__prep *p)
{
	return prepare_common(p, true);
}

static mote_status prepare_b2s(mote__prep *p)
{
	return prepare_common(p, false);
}

const mote_op mote_op_space_to_batch_nd = { 38, NULL, "SPACE_TO_BATCH_ND",
					    prepare_s2b };
const mote_op mote_op_batch_to_space_nd = { 37, NULL, "BATCH_TO_SPACE_ND",
					    prepare_b2s };
