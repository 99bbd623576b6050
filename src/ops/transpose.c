/* SPDX-License-Identifier: Apache-2.0 */
/*
 * transpose.c - the TRANSPOSE operator (39).
 *
 * Inputs: 0 the tensor (any fixed-size type, rank 0..8), 1 perm (constant
 * 1-D int32 or int64, a permutation of 0..rank-1, as TFLM requires).
 * Output: dim d is input dim perm[d]. Prepare turns the permutation into a
 * view (kernels/strided_copy.h); TFLM stops at rank 5 and three types,
 * mote moves any fixed-size type up to rank 8.
 */
#include "ops/movement.h"

static mote_status check_perm(mote__prep *p, const mote__tensor *in,
			      const mote__tensor *perm_t,
			      const mote__tensor *out, const int32_t *perm)
{
	bool seen[MOTE_MAX_DIMS] = { false };

	for (int32_t d = 0; d < in->rank; d++) {
		if (perm[d] < 0 || perm[d] >= in->rank || seen[perm[d]])
			return mote__prep_fail(p, MOTE_E_INVALID,
					       perm_t->index,
					       "perm is not a permutation");
		seen[perm[d]] = true;
	}
	bool same = out->rank == in->rank;
	for (int32_t d = 0; same && d < in->rank; d++)
		same = out->dims[d] == in->dims[perm[d]];
	if (!same)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output is not the input permuted");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, perm_t, out;
	int32_t perm[MOTE_MAX_DIMS];
	mote_view view;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &perm_t)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	s = mote__prep_const_indices(p, &perm_t, (size_t)in.rank, perm,
				     "perm must be constant");
	if (s != MOTE_OK ||
	    (s = check_perm(p, &in, &perm_t, &out, perm)) != MOTE_OK)
		return s;

	if (!mote_view_init_transpose(&view, in.dims, in.rank, perm, es))
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, in.index,
				       "tensor too large");
	return mote__prep_set_view(p, &view);
}

const mote_op mote_op_transpose = { 39, NULL, "TRANSPOSE", prepare };
