/* SPDX-License-Identifier: Apache-2.0 */
/*
 * reshape.c - the RESHAPE (builtin 22), SQUEEZE (43) and EXPAND_DIMS (70)
 * operators: they change only the shape, so the output holds the input's
 * bytes unchanged.
 *
 * Prepare validates the shapes and asks the planner to let output 0 share
 * input 0's memory; eval copies (memmove) only when the planner could not
 * (the input is constant or still needed later). Any element type with a
 * fixed size is accepted, plus packed int4.
 *  - RESHAPE: input 0, optional input 1 (the new shape, int32). The output
 *    tensor's shape is the result, as in TFLM; a constant shape input, or
 *    else the options' new_shape, is checked too (one -1 entry stands for
 *    the remaining size). TFLM's legacy scalar output of shape [0] is not
 *    supported.
 *  - SQUEEZE: the options' squeeze_dims (negative counts from the end;
 *    empty: every dimension of size 1) must name dimensions of size 1.
 *  - EXPAND_DIMS: input 1 is a constant int32 axis (one value; negative
 *    counts from the end); the output shape must be the input's with a 1
 *    inserted at the axis.
 */
#include <string.h>

#include "ops/op_util.h"

/* ReshapeOptions and SqueezeOptions field numbers in the TFLite schema. */
enum { OPT_NEW_SHAPE = 0, OPT_SQUEEZE_DIMS = 0 };

/* BuiltinOptions union types. */
enum { RESHAPE_OPTIONS_TYPE = 17, SQUEEZE_OPTIONS_TYPE = 30 };

/* What eval needs: the size of the data. */
typedef struct copy_params {
	size_t bytes; /* bytes of input 0 and output 0 */
} copy_params;

static mote_status eval_copy(const mote__node *n, void *const *t)
{
	const copy_params *cp = n->params;
	void *in = mote__in(n, t, 0), *out = mote__out(n, t, 0);

	if (in != out)
		memmove(out, in, cp->bytes);
	return MOTE_OK;
}

/* Checks that output 0 can hold input 0's bytes; fills both tensors. */
static mote_status same_data(mote__prep *p, mote__tensor *in, mote__tensor *out)
{
	mote_status s = mote__prep_in(p, 0, in);

	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, out);
	if (s != MOTE_OK)
		return s;
	if (out->type != in->type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out->index,
				       "output type differs from input");
	if (mote_type_size(in->type) == 0 && in->type != MOTE_INT4)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "element type without a fixed size");
	if (out->elems != in->elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output and input sizes differ");
	return MOTE_OK;
}

/* The common end of every prepare: share, allocate, set eval. */
static mote_status finish(mote__prep *p, const mote__tensor *in)
{
	mote_status s = mote__prep_status(p);
	copy_params *cp;

	if (s != MOTE_OK)
		return s;
	mote__prep_share(p, 0, 0);
	cp = mote__prep_alloc(p, sizeof *cp);
	if (cp == NULL)
		return MOTE_OK; /* measuring */
	cp->bytes = in->bytes;
	mote__prep_set(p, eval_copy, NULL, cp);
	return MOTE_OK;
}

/*
 * Checks a requested shape (n values, one of them possibly -1) against the
 * input's element count.
 */
static mote_status check_new_shape(mote__prep *p, const int32_t *dims,
				   uint32_t n, size_t elems, int32_t tensor)
{
	uint64_t known = 1;
	int stretch = 0;

	for (uint32_t i = 0; i < n; i++) {
		int32_t d;
		memcpy(&d, dims + i, sizeof d);
		if (d == -1 && stretch == 0) {
			stretch = 1;
			continue;
		}
		if (d < 0 || (known *= (uint64_t)d) > (uint64_t)SIZE_MAX)
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, tensor,
					       "bad reshape dimension");
	}
	if (stretch ? (known == 0 || elems % known != 0) : known != elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, tensor,
				       "new shape does not match input size");
	return MOTE_OK;
}

static mote_status prepare_reshape(mote__prep *p)
{
	mote__tensor in, out, shape;
	const int32_t *v;
	uint32_t n;
	uint8_t ot = mote__prep_opts_type(p);
	mote_status s = mote__prep_expect_io(p, 1, 2, 1);

	if (s == MOTE_OK)
		s = same_data(p, &in, &out);
	if (s != MOTE_OK)
		return s;
	if (ot != 0 && ot != RESHAPE_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not ReshapeOptions");
	if (mote__prep_has_in(p, 1)) {
		s = mote__prep_in(p, 1, &shape);
		if (s != MOTE_OK)
			return s;
		if (shape.type != MOTE_INT32 || shape.rank > 1)
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED,
					       shape.index,
					       "shape must be an int32 vector");
		if (shape.data != NULL)
			s = check_new_shape(p, shape.data,
					    (uint32_t)shape.elems, in.elems,
					    shape.index);
	} else if (mote__opt_vec_i32(p, OPT_NEW_SHAPE, &v, &n) == MOTE_OK &&
		   v != NULL) {
		s = check_new_shape(p, v, n, in.elems, out.index);
	}
	if (s != MOTE_OK)
		return s;
	return finish(p, &in);
}

static mote_status prepare_squeeze(mote__prep *p)
{
	mote__tensor in, out;
	const int32_t *v = NULL;
	uint32_t n = 0;
	uint8_t ot = mote__prep_opts_type(p);
	mote_status s = mote__prep_expect_io(p, 1, 1, 1);

	if (s == MOTE_OK)
		s = same_data(p, &in, &out);
	if (s == MOTE_OK && ot != 0 && ot != SQUEEZE_OPTIONS_TYPE)
		s = mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				    "options are not SqueezeOptions");
	if (s == MOTE_OK)
		s = mote__opt_vec_i32(p, OPT_SQUEEZE_DIMS, &v, &n);
	if (s != MOTE_OK)
		return s;
	for (uint32_t i = 0; i < n; i++) {
		int32_t d = v[i] < 0 ? v[i] + in.rank : v[i];
		if (d < 0 || d >= in.rank || in.dims[d] != 1)
			return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, in.index,
					       "squeeze dimension is not 1");
	}
	return finish(p, &in);
}

/* The axis value of EXPAND_DIMS from its constant int32 tensor. */
static mote_status expand_axis(mote__prep *p, int32_t rank, int32_t *axis)
{
	mote__tensor a;
	mote_status s = mote__prep_in(p, 1, &a);

	if (s != MOTE_OK)
		return s;
	if (a.type != MOTE_INT32 || a.rank > 1 || a.elems < 1 || a.data == NULL)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, a.index,
				       "axis must be one constant int32");
	memcpy(axis, a.data, sizeof *axis);
	if (*axis < 0)
		*axis += rank + 1;
	if (*axis < 0 || *axis > rank)
		return mote__prep_fail(p, MOTE_E_INVALID, a.index,
				       "axis out of range");
	return MOTE_OK;
}

static mote_status prepare_expand_dims(mote__prep *p)
{
	mote__tensor in, out;
	int32_t axis = 0;
	mote_status s = mote__prep_expect_io(p, 2, 2, 1);

	if (s == MOTE_OK)
		s = same_data(p, &in, &out);
	if (s == MOTE_OK)
		s = expand_axis(p, in.rank, &axis);
	if (s != MOTE_OK)
		return s;
	if (out.rank != in.rank + 1 || out.dims[axis] != 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output is not the input with a 1 "
				       "at the axis");
	for (int32_t i = 0; i < in.rank; i++) {
		if (out.dims[i < axis ? i : i + 1] != in.dims[i])
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
					       "output is not the input with "
					       "a 1 at the axis");
	}
	return finish(p, &in);
}

const mote_op mote_op_reshape = { 22, NULL, "RESHAPE", prepare_reshape };
const mote_op mote_op_squeeze = { 43, NULL, "SQUEEZE", prepare_squeeze };
const mote_op mote_op_expand_dims = { 70, NULL, "EXPAND_DIMS",
				      prepare_expand_dims };
