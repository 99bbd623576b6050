/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pad.c - the PAD (34), PADV2 (60) and MIRROR_PAD (100) operators.
 *
 * Inputs: 0 the tensor (any fixed-size type, rank 0..8), 1 paddings
 * ([rank, 2] int32 or int64: before and after per dim, >= 0), and for
 * PADV2 2 the pad value (a one-element tensor of the input's type). Output:
 * the input grown by the paddings, of the input's type.
 *
 * PAD and PADV2 (TFLM serves both with one kernel and so does mote; the
 * paddings must be constant, as in TFLM): without a value input, int8 and
 * uint8 pad with the output zero point and every other type with zeros
 * (int16 too, as TFLM: its zero point is 0 anyway). A quantized value
 * input must share the output's scale and zero point; it is read at every
 * eval, so it may be computed by the graph.
 *
 * MIRROR_PAD (option mode, field 0: REFLECT 0, SYMMETRIC 1): paddings may
 * be computed by the graph (TFLM reads them at eval); they are then checked
 * at every eval and a bad one returns MOTE_E_EVAL.
 */
#include "kernels/pad.h"
#include "ops/movement.h"

#include <string.h>

/* What eval needs. */
typedef struct pad_op {
	mote_pad_params k; /* the padding (constant paddings) */
	uint8_t value[8]; /* pad value when there is no value input */
	bool value_input; /* PADV2: read the value from input 2 */
	bool dynamic; /* MIRROR_PAD: paddings read at eval */
	mote_type pad_type; /* type of the paddings (dynamic) */
	int32_t out_dims[MOTE_PAD_MAX_DIMS]; /* output dims (dynamic) */
} pad_op;

/* Fills k's pads from 2 * rank values; false if the output shape is not
 * the input grown by them, or the padding is invalid. */
static bool set_pads(mote_pad_params *k, const int32_t *pads,
		     const int32_t *out_dims, bool mirror)
{
	for (int32_t d = 0; d < k->rank; d++) {
		k->before[d] = pads[2 * d];
		k->after[d] = pads[2 * d + 1];
		int64_t n = (int64_t)k->in_dims[d] + pads[2 * d];
		if (n + pads[2 * d + 1] != out_dims[d])
			return false;
	}
	return mote_pad_valid(k, mirror);
}

static mote_status eval_pad(const mote__node *n, void *const *t)
{
	const pad_op *o = n->params;
	const void *value = o->value_input ? mote__in(n, t, 2) : o->value;
	mote_pad_any(&o->k, mote__in(n, t, 0), value, mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_mirror(const mote__node *n, void *const *t)
{
	const pad_op *o = n->params;
	mote_pad_params k = o->k;
	int32_t pads[2 * MOTE_PAD_MAX_DIMS];

	if (o->dynamic &&
	    (!mote__index_values(o->pad_type, mote__in(n, t, 1),
				 2 * (size_t)k.rank, pads) ||
	     !set_pads(&k, pads, o->out_dims, true)))
		return MOTE_E_EVAL;
	mote_mirror_pad_any(&k, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

/* Common checks; fills o->k's shape and o->out_dims. */
static mote_status check_common(mote__prep *p, const mote__tensor *in,
				const mote__tensor *pads,
				const mote__tensor *out, pad_op *o)
{
	mote_status s;
	if ((s = mote__prep_same_type(p, in, out)) != MOTE_OK)
		return s;
	if (!(o->k.elem_size = mote__prep_elem_size(p, in)))
		return MOTE_E_UNSUPPORTED;
	if (pads->type != MOTE_INT32 && pads->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, pads->index,
				       "paddings must be int32 or int64");
	if (out->rank != in->rank || pads->elems != 2 * (size_t)in->rank ||
	    (pads->rank == 2 && pads->dims[1] != 2))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, pads->index,
				       "paddings must be [rank, 2]");
	/* A scalar is padded as a one-element vector with no padding. */
	o->k.rank = in->rank > 0 ? in->rank : 1;
	o->k.in_dims[0] = 1;
	o->out_dims[0] = 1;
	for (int32_t d = 0; d < in->rank; d++) {
		o->k.in_dims[d] = in->dims[d];
		o->out_dims[d] = out->dims[d];
	}
	return MOTE_OK;
}

/* Reads the constant paddings into o->k. */
static mote_status const_pads(mote__prep *p, const mote__tensor *pads,
			      pad_op *o, bool mirror)
{
	int32_t v[2 * MOTE_PAD_MAX_DIMS] = { 0 };
	size_t n = pads->elems;
	mote_status s;

	if ((s = mote__prep_const_indices(p, pads, n, v,
					  "paddings must be constant")) !=
	    MOTE_OK)
		return s;
	if (!set_pads(&o->k, v, o->out_dims, mirror))
		return mote__prep_fail(p, MOTE_E_INVALID, pads->index,
				       "bad paddings or output shape");
	return MOTE_OK;
}

/* PAD/PADV2: the pad value, from input 2 or the output zero point. */
static mote_status pad_value(mote__prep *p, const mote__tensor *in,
			     const mote__tensor *out, pad_op *o)
{
	mote__tensor v;
	mote_status s;

	if (!mote__prep_has_in(p, 2)) {
		int32_t zp = mote__zp(out, 0);
		int32_t lo = out->type == MOTE_INT8 ? -128 : 0;
		int32_t hi = out->type == MOTE_INT8 ? 127 : 255;
		bool q8 = out->type == MOTE_INT8 || out->type == MOTE_UINT8;
		if (q8 && (zp < lo || zp > hi))
			return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
					       "zero point outside the type");
		o->value[0] = q8 ? (uint8_t)zp : 0;
		return MOTE_OK;
	}
	if ((s = mote__prep_in(p, 2, &v)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, in, &v)) != MOTE_OK)
		return s;
	if (v.elems != 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, v.index,
				       "pad value must have one element");
	bool q8 = v.type == MOTE_INT8 || v.type == MOTE_UINT8;
	if (q8 && (mote__zp(&v, 0) != mote__zp(out, 0) ||
		   mote__scale(&v, 0) != mote__scale(out, 0)))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, v.index,
				       "pad value quantized unlike the output");
	o->value_input = true;
	return MOTE_OK;
}

static mote_status prepare_pad(mote__prep *p)
{
	mote__tensor in, pads, out;
	pad_op o;
	mote_status s;

	memset(&o, 0, sizeof o);
	if ((s = mote__prep_expect_io(p, 2, 3, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &pads)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check_common(p, &in, &pads, &out, &o)) != MOTE_OK ||
	    (s = const_pads(p, &pads, &o, false)) != MOTE_OK ||
	    (s = pad_value(p, &in, &out, &o)) != MOTE_OK)
		return s;

	pad_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = o;
	mote__prep_set(p, eval_pad, NULL, d);
	return MOTE_OK;
}

static mote_status prepare_mirror(mote__prep *p)
{
	mote__tensor in, pads, out;
	pad_op o;
	mote_status s;

	memset(&o, 0, sizeof o);
	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &pads)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check_common(p, &in, &pads, &out, &o)) != MOTE_OK)
		return s;
	uint8_t mode = mote__opt_u8(p, 0, 0);
	if (mode > 1)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "mirror pad mode");
	o.k.reflect = mode == 0 ? 1 : 0;
	o.dynamic = pads.data == NULL && pads.elems > 0;
	o.pad_type = pads.type;
	if (!o.dynamic && (s = const_pads(p, &pads, &o, true)) != MOTE_OK)
		return s;

	pad_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = o;
	mote__prep_set(p, eval_mirror, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_pad = { 34, NULL, "PAD", prepare_pad };
const mote_op mote_op_padv2 = { 60, NULL, "PADV2", prepare_pad };
const mote_op mote_op_mirror_pad = { 100, NULL, "MIRROR_PAD",
				     prepare_mirror };
