/* SPDX-License-Identifier: Apache-2.0 */
/*
 * split.c - the SPLIT (49) and SPLIT_V (102) operators.
 *
 * SPLIT: inputs 0 axis (constant int32 or int64 scalar, negative counts
 * from the end), 1 the tensor; option num_splits (field 0) equals the
 * number of outputs, which cut the axis into equal parts.
 * SPLIT_V: inputs 0 the tensor, 1 size_splits (1-D int32 or int64, one
 * per output; one entry may be -1), 2 axis (constant). As in TFLM the
 * output shapes decide where the cuts fall; constant size_splits must
 * agree with them.
 * Every output has the input's type and dims except along the axis. TFLM
 * requires a constant axis and covers float32, int8, int16 and int32;
 * mote moves any fixed-size type (kernels/concat.h, mote_split_any).
 */
#include "kernels/concat.h"
#include "ops/movement.h"

/* What eval needs. */
typedef struct split_op {
	mote_concat_params k; /* part layout */
	int32_t input; /* index of the data input among the op's inputs */
} split_op;

static mote_status eval(const mote__node *n, void *const *t)
{
	const split_op *o = n->params;
	const void *in = mote__in(n, t, o->input);
	for (int32_t i = 0; i < o->k.n_parts; i++)
		mote_split_any(&o->k, i, in, mote__out(n, t, i));
	return MOTE_OK;
}

/* Reads the constant axis tensor and normalizes it against `rank`. */
static mote_status read_axis(mote__prep *p, int i, int32_t rank,
			     int32_t *axis)
{
	mote__tensor t;
	int32_t v;
	mote_status s;

	if ((s = mote__prep_in(p, i, &t)) != MOTE_OK ||
	    (s = mote__prep_const_indices(p, &t, 1, &v,
					  "axis must be constant")) != MOTE_OK)
		return s;
	if (!mote__axis(v, rank, axis))
		return mote__prep_fail(p, MOTE_E_INVALID, t.index,
				       "axis out of range");
	return MOTE_OK;
}

/* Checks the outputs against the input; sums their lengths on the axis.
 * `equal`: every output must have the same length (SPLIT). */
static mote_status check_outputs(mote__prep *p, const mote__tensor *in,
				 int32_t axis, bool equal)
{
	mote__tensor out;
	int64_t total = 0;
	int32_t first = -1;
	mote_status s;

	for (int i = 0; i < mote__prep_n_out(p); i++) {
		if ((s = mote__prep_out(p, i, &out)) != MOTE_OK ||
		    (s = mote__prep_same_type(p, in, &out)) != MOTE_OK)
			return s;
		bool ok = out.rank == in->rank;
		for (int32_t d = 0; ok && d < in->rank; d++)
			ok = d == axis || out.dims[d] == in->dims[d];
		if (ok && equal && first >= 0)
			ok = out.dims[axis] == first;
		if (!ok)
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
					       "output does not fit the split");
		first = out.dims[axis];
		total += out.dims[axis];
	}
	if (total != in->dims[axis])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "outputs do not add up to the input");
	return MOTE_OK;
}

/* SPLIT_V: constant size_splits must match the output lengths. */
static mote_status check_sizes(mote__prep *p, const mote__tensor *in,
			       int32_t axis)
{
	mote__tensor sz, out;
	int32_t n = mote__prep_n_out(p), v;
	int64_t known = 0;
	int unknown = -1;
	mote_status s;

	if ((s = mote__prep_in(p, 1, &sz)) != MOTE_OK)
		return s;
	if (sz.type != MOTE_INT32 && sz.type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, sz.index,
				       "size_splits must be int32 or int64");
	if (sz.rank != 1 || sz.dims[0] != n)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, sz.index,
				       "need one size per output");
	bool same = true;
	size_t es = mote_type_size(sz.type);
	for (int32_t i = 0; sz.data && same && i < n; i++) {
		const uint8_t *at = (const uint8_t *)sz.data + (size_t)i * es;
		mote__prep_out(p, i, &out);
		same = mote__index_values(sz.type, at, 1, &v) &&
		       (v == -1 ? unknown < 0 : v == out.dims[axis]);
		unknown = v == -1 ? i : unknown;
		known += v == -1 ? 0 : v;
	}
	if (!same)
		return mote__prep_fail(p, MOTE_E_INVALID, sz.index,
				       "size_splits differ from outputs");
	if (sz.data && unknown < 0 && known != in->dims[axis])
		return mote__prep_fail(p, MOTE_E_INVALID, sz.index,
				       "size_splits do not sum to input");
	return MOTE_OK;
}

/* Common tail: the part layout over the outputs. */
static mote_status finish(mote__prep *p, const mote__tensor *in,
			  int32_t axis, int32_t input)
{
	uint32_t es = mote__prep_elem_size(p, in);
	int64_t outer = 1, inner = es;

	if (!es)
		return MOTE_E_UNSUPPORTED;
	for (int32_t d = 0; d < in->rank; d++) {
		if (d < axis)
			outer *= in->dims[d];
		if (d > axis)
			inner *= in->dims[d];
	}
	split_op *o = mote__prep_alloc(p, sizeof *o);
	if (!mote__prep_parts(p, o ? &o->k : NULL, false, axis,
			      (int32_t)outer, inner, in->dims[axis]))
		return MOTE_OK;
	o->input = input;
	mote__prep_set(p, eval, NULL, o);
	return MOTE_OK;
}

static mote_status prepare_split(mote__prep *p)
{
	mote__tensor in;
	int32_t axis = 0, n = mote__prep_n_out(p);
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, n)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &in)) != MOTE_OK ||
	    (s = read_axis(p, 0, in.rank, &axis)) != MOTE_OK)
		return s;
	if (n < 1 || mote__opt_i32(p, 0, n) != n)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "num_splits differs from the outputs");
	if ((s = check_outputs(p, &in, axis, true)) != MOTE_OK)
		return s;
	return finish(p, &in, axis, 1);
}

static mote_status prepare_split_v(mote__prep *p)
{
	mote__tensor in;
	int32_t axis = 0, n = mote__prep_n_out(p);
	mote_status s;

	if ((s = mote__prep_expect_io(p, 3, 3, n)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = read_axis(p, 2, in.rank, &axis)) != MOTE_OK)
		return s;
	if (n < 1 || mote__opt_i32(p, 0, n) != n)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "num_splits differs from the outputs");
	if ((s = check_outputs(p, &in, axis, false)) != MOTE_OK ||
	    (s = check_sizes(p, &in, axis)) != MOTE_OK)
		return s;
	return finish(p, &in, axis, 0);
}

const mote_op mote_op_split = { 49, NULL, "SPLIT", prepare_split };
const mote_op mote_op_split_v = { 102, NULL, "SPLIT_V", prepare_split_v };
