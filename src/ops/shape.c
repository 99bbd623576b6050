/* SPDX-License-Identifier: Apache-2.0 */
/*
 * shape.c - the SHAPE operator (77).
 *
 * Input: any tensor (only its shape is used). Output: 1-D int32 or int64
 * (the output tensor's type decides; TFLM supports int32 only) holding
 * the input's dims. Shapes are static, so prepare stores the answer and
 * eval copies it.
 */
#include "ops/movement.h"

#include <string.h>

/* What eval needs: the output bytes. */
typedef struct shape_op {
	uint32_t bytes; /* output size in bytes */
	uint8_t data[8 * MOTE_MAX_DIMS]; /* the dims, in the output type */
} shape_op;

static mote_status eval(const mote__node *n, void *const *t)
{
	const shape_op *o = n->params;
	if (o->bytes > 0)
		memcpy(mote__out(n, t, 0), o->data, o->bytes);
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, out;
	shape_op o;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK)
		return s;
	if (out.type != MOTE_INT32 && out.type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, out.index,
				       "output must be int32 or int64");
	if (out.rank != 1 || out.dims[0] != in.rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output needs one value per dim");
	memset(&o, 0, sizeof o);
	for (int32_t d = 0; d < in.rank; d++) {
		int64_t v64 = in.dims[d];
		int32_t v32 = in.dims[d];
		if (out.type == MOTE_INT64)
			memcpy(o.data + 8 * d, &v64, 8);
		else
			memcpy(o.data + 4 * d, &v32, 4);
	}
	o.bytes = (uint32_t)out.bytes;

	shape_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = o;
	mote__prep_set(p, eval, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_shape = { 77, NULL, "SHAPE", prepare };
