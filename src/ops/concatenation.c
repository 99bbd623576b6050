/* SPDX-License-Identifier: Apache-2.0 */
/*
 * concatenation.c - the CONCATENATION operator (2).
 *
 * Inputs: one or more tensors of one fixed-size type and rank, equal in
 * every dim but the axis. Options: axis (field 0, negative counts from the
 * end), fused_activation_function (field 1, must be NONE as in TFLM).
 * Output: the inputs joined along the axis.
 *
 * Quantization follows TFLM: values are copied unchanged, and int16
 * inputs and output must have zero point 0 (their scales are not compared,
 * exactly as TFLM). TFLM refuses int8 inputs quantized unlike the output;
 * mote requantizes them instead, with TFLite's float formula
 * (kernels/concat.h). Other quantized types (uint8) must match the output.
 */
#include "kernels/concat.h"
#include "ops/movement.h"
#include "ops/op_util.h"

/* What eval needs. */
typedef struct concat_op {
	mote_concat_params k; /* part layout */
	bool requant; /* some int8 part needs requantizing */
} concat_op;

static mote_status eval(const mote__node *n, void *const *t)
{
	const concat_op *o = n->params;
	void *out = mote__out(n, t, 0);

	for (int32_t i = 0; i < o->k.n_parts; i++) {
		if (o->requant)
			mote_concat_s8(&o->k, i, mote__in(n, t, i), out);
		else
			mote_concat_any(&o->k, i, mote__in(n, t, i), out);
	}
	return MOTE_OK;
}

/* Checks input i's type, shape and quantization against the output. */
static mote_status check_input(mote__prep *p, const mote__tensor *in,
			       const mote__tensor *out, int32_t axis)
{
	mote_status s;
	if ((s = mote__prep_same_type(p, out, in)) != MOTE_OK)
		return s;
	bool fits = in->rank == out->rank;
	for (int32_t d = 0; fits && d < in->rank; d++)
		fits = d == axis || in->dims[d] == out->dims[d];
	if (!fits)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input differs off the axis");
	if (in->type == MOTE_INT16 && mote__zp(in, 0) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "int16 zero point must be 0");
	bool same = mote__zp(in, 0) == mote__zp(out, 0) &&
		    mote__scale(in, 0) == mote__scale(out, 0);
	if (in->type == MOTE_UINT8 && !same)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "uint8 input quantized unlike output");
	return MOTE_OK;
}

/* Requantization of an int8 input, if it is quantized unlike the output. */
static mote_concat_requant requant_of(const mote__tensor *in,
				      const mote__tensor *out)
{
	mote_concat_requant r = { false, 0.0f, 0.0f };
	float in_scale = mote__scale(in, 0), out_scale = mote__scale(out, 0);
	int32_t in_zp = mote__zp(in, 0);

	if (in->type != MOTE_INT8 || out_scale == 0.0f ||
	    (in_zp == mote__zp(out, 0) && in_scale == out_scale))
		return r;
	r.enabled = true;
	r.scale = in_scale * (1.0f / out_scale);
	r.bias = (float)-in_zp * r.scale;
	return r;
}

/* Checks the options and the output; returns the axis in *axis. */
static mote_status check_output(mote__prep *p, const mote__tensor *out,
				int32_t *axis, uint32_t *es)
{
	if (mote__opt_u8(p, 1, MOTE_ACT_NONE) != MOTE_ACT_NONE)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "fused activation on concatenation");
	if (!mote__axis(mote__opt_i32(p, 0, 0), out->rank, axis))
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "axis out of range");
	if (out->type == MOTE_INT16 && mote__zp(out, 0) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "int16 zero point must be 0");
	if (!(*es = mote__prep_elem_size(p, out)))
		return MOTE_E_UNSUPPORTED;
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, out;
	int32_t axis = 0, n = mote__prep_n_in(p);
	int64_t at = 0;
	uint32_t es = 0;
	bool requant = false;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 65535, 1)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check_output(p, &out, &axis, &es)) != MOTE_OK)
		return s;
	int64_t inner = es, outer = 1;
	for (int32_t d = 0; d < out.rank; d++) {
		if (d < axis)
			outer *= out.dims[d];
		if (d > axis)
			inner *= out.dims[d];
	}
	for (int32_t i = 0; i < n; i++) {
		if ((s = mote__prep_in(p, i, &in)) != MOTE_OK ||
		    (s = check_input(p, &in, &out, axis)) != MOTE_OK)
			return s;
		at += in.dims[axis];
		requant = requant || requant_of(&in, &out).enabled;
	}
	if (at != out.dims[axis])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "inputs do not add up to the output");

	concat_op *o = mote__prep_alloc(p, sizeof *o);
	bool filled = mote__prep_parts(p, o ? &o->k : NULL, true, axis,
				       (int32_t)outer, inner, out.dims[axis]);
	mote_concat_requant *rq =
		requant ? mote__prep_alloc(p, (size_t)n * sizeof *rq) : NULL;
	if (!filled || (requant && !rq))
		return MOTE_OK;
	for (int32_t i = 0; rq && i < n; i++) {
		mote__prep_in(p, i, &in);
		rq[i] = requant_of(&in, &out);
	}
	o->k.requant = rq;
	o->k.out_zp = mote__zp(&out, 0);
	o->requant = requant;
	mote__prep_set(p, eval, NULL, o);
	return MOTE_OK;
}

const mote_op mote_op_concatenation = { 2, NULL, "CONCATENATION", prepare };
