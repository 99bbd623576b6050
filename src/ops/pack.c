/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pack.c - the PACK (83) and UNPACK (88) operators.
 *
 * PACK: N inputs of one fixed-size type and shape are stacked along a new
 * axis (options: values_count field 0, axis field 1, negative counting
 * from the end of the output). The output has rank + 1 dims, N at the axis.
 * UNPACK is the inverse (options: num field 0, axis field 1): the input is
 * cut along the axis into its dims[axis] outputs, each without that dim.
 * Both are CONCATENATION / SPLIT with one element of the axis per part
 * (kernels/concat.h). TFLM covers float32, int8, int16, int32 (and int64
 * for PACK); mote moves any fixed-size type.
 */
#include "kernels/concat.h"
#include "ops/movement.h"

static mote_status eval_pack(const mote__node *n, void *const *t)
{
	const mote_concat_params *k = n->params;
	for (int32_t i = 0; i < k->n_parts; i++)
		mote_concat_any(k, i, mote__in(n, t, i), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_unpack(const mote__node *n, void *const *t)
{
	const mote_concat_params *k = n->params;
	for (int32_t i = 0; i < k->n_parts; i++)
		mote_split_any(k, i, mote__in(n, t, 0), mote__out(n, t, i));
	return MOTE_OK;
}

/* True if `big` is `small` with one dim inserted at `axis` (any size). */
static bool inserted(const mote__tensor *small, const mote__tensor *big,
		     int32_t axis)
{
	if (big->rank != small->rank + 1)
		return false;
	for (int32_t d = 0; d < small->rank; d++) {
		if (small->dims[d] != big->dims[d < axis ? d : d + 1])
			return false;
	}
	return true;
}

/* Outer blocks and bytes per axis element of `big` around `axis`. */
static void layout(const mote__tensor *big, int32_t axis, uint32_t es,
		   int32_t *outer, int64_t *inner)
{
	int64_t o = 1, in = es;
	for (int32_t d = 0; d < big->rank; d++) {
		if (d < axis)
			o *= big->dims[d];
		if (d > axis)
			in *= big->dims[d];
	}
	*outer = (int32_t)o;
	*inner = in;
}

static mote_status prepare_pack(mote__prep *p)
{
	mote__tensor in0, in, out;
	int32_t n = mote__prep_n_in(p), axis, outer;
	int64_t inner;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 65535, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in0)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in0, &out)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &in0)))
		return MOTE_E_UNSUPPORTED;
	int32_t count = mote__opt_i32(p, 0, n);
	if (count != n)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "values_count differs from the inputs");
	if (!mote__axis(mote__opt_i32(p, 1, 0), out.rank, &axis))
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "axis out of range");
	if (!inserted(&in0, &out, axis) || out.dims[axis] != n)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output is not the inputs stacked");
	for (int32_t i = 1; i < n; i++) {
		if ((s = mote__prep_in(p, i, &in)) != MOTE_OK ||
		    (s = mote__prep_same_type(p, &in0, &in)) != MOTE_OK)
			return s;
		if (!mote__same_shape(&in0, &in))
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
					       "inputs differ in shape");
	}
	layout(&out, axis, es, &outer, &inner);

	mote_concat_params *k = mote__prep_alloc(p, sizeof *k);
	if (!mote__prep_parts(p, k, true, -1, outer, inner, n))
		return MOTE_OK;
	mote__prep_set(p, eval_pack, NULL, k);
	return MOTE_OK;
}

static mote_status prepare_unpack(mote__prep *p)
{
	mote__tensor in, out;
	int32_t n = mote__prep_n_out(p), axis, outer;
	int64_t inner;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, n)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	if (!mote__axis(mote__opt_i32(p, 1, 0), in.rank, &axis))
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "axis out of range");
	int32_t num = mote__opt_i32(p, 0, n);
	if (num != n || in.dims[axis] != n)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "num and outputs must equal dims[axis]");
	for (int32_t i = 0; i < n; i++) {
		if ((s = mote__prep_out(p, i, &out)) != MOTE_OK ||
		    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK)
			return s;
		if (!inserted(&out, &in, axis))
			break;
	}
	if (n > 0 && !inserted(&out, &in, axis))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output is not input minus axis");
	layout(&in, axis, es, &outer, &inner);

	mote_concat_params *k = mote__prep_alloc(p, sizeof *k);
	if (!mote__prep_parts(p, k, false, -1, outer, inner, n))
		return MOTE_OK;
	mote__prep_set(p, eval_unpack, NULL, k);
	return MOTE_OK;
}

const mote_op mote_op_pack = { 83, NULL, "PACK", prepare_pack };
const mote_op mote_op_unpack = { 88, NULL, "UNPACK", prepare_unpack };
