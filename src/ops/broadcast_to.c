/* SPDX-License-Identifier: Apache-2.0 */
/*
 * broadcast_to.c - the BROADCAST_TO operator (130).
 *
 * Inputs: 0 the tensor (any fixed-size type), 1 the target shape
 * (constant 1-D int32 or int64, as TFLM requires). The input's dims,
 * aligned to the right, must each be 1 or the target's; the output has the
 * target shape. TFLM stops at rank 5; mote goes to 8. The result is a view
 * (kernels/strided_copy.h) that steps 0 along broadcast dims.
 */
#include "ops/movement.h"

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, shape_t, out;
	int32_t shape[MOTE_MAX_DIMS], in_dims[MOTE_MAX_DIMS];
	int32_t start[MOTE_MAX_DIMS], step[MOTE_MAX_DIMS];
	mote_view view;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &shape_t)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	if (in.rank > out.rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output rank below input rank");
	if ((s = mote__prep_const_indices(p, &shape_t, (size_t)out.rank, shape,
					  "shape must be constant")) != MOTE_OK)
		return s;

	int32_t r = out.rank, lead = out.rank - in.rank;
	for (int32_t d = 0; d < r; d++) {
		in_dims[d] = d < lead ? 1 : in.dims[d - lead];
		if (shape[d] != out.dims[d])
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
					       "output differs from shape");
		if (in_dims[d] != 1 && in_dims[d] != shape[d])
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
					       "input does not broadcast");
		start[d] = 0;
		step[d] = in_dims[d] == 1 ? 0 : 1;
	}
	if (!mote_view_init(&view, in_dims, r, start, step, shape, es))
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, out.index,
				       "tensor too large");
	return mote__prep_set_view(p, &view);
}

const mote_op mote_op_broadcast_to = { 130, NULL, "BROADCAST_TO", prepare };
