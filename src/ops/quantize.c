/* SPDX-License-Identifier: Apache-2.0 */
/*
 * quantize.c - the QUANTIZE (builtin 114) and DEQUANTIZE (6) operators:
 * check the model, compute the scaling once, pick the kernel
 * (kernels/quantize.h).
 *
 * One input, one output with as many elements. Supported, as in TFLM:
 *  - QUANTIZE float32 -> int8 / int16; requantization int8 -> int8 /
 *    uint8 / int16 / int32, int16 -> int8 / int16 / int32, int32 -> int8 /
 *    int16, uint8 -> int8. The output has exactly one scale (per-tensor);
 *    an integer input is read with its first scale and zero point, and
 *    the multiplier is in_scale / out_scale computed in double.
 *  - DEQUANTIZE int8 / int16 / uint8 -> float32 with the input's first
 *    scale and zero point.
 * Zero points must lie in their type's range, scales must be positive.
 */
#include "kernels/quantize.h"
#include "kernels/fixedpoint.h"
#include "ops/op_util.h"

/* What eval needs. */
typedef struct quantize_op {
	size_t n; /* number of elements */
	union {
		mote_quantize_params q; /* float -> int */
		mote_requantize_params rq; /* int -> int */
		mote_dequantize_params dq; /* int -> float */
	} k; /* the kernel's params */
} quantize_op;

/* One eval per kernel: quantize_op `op`, input `in`, output `out`. */
#define EVAL(name, member, kernel)                                            \
	static mote_status name(const mote__node *n, void *const *t)          \
	{                                                                      \
		const quantize_op *op = n->params;                             \
		kernel(&op->k.member, mote__in(n, t, 0), mote__out(n, t, 0),   \
		       op->n);                                                 \
		return MOTE_OK;                                                \
	}

EVAL(eval_f32_s8, q, mote_quantize_f32_s8)
EVAL(eval_f32_s16, q, mote_quantize_f32_s16)
EVAL(eval_s8_s8, rq, mote_requantize_s8_s8)
EVAL(eval_s8_u8, rq, mote_requantize_s8_u8)
EVAL(eval_s8_s16, rq, mote_requantize_s8_s16)
EVAL(eval_s8_s32, rq, mote_requantize_s8_s32)
EVAL(eval_u8_s8, rq, mote_requantize_u8_s8)
EVAL(eval_s16_s8, rq, mote_requantize_s16_s8)
EVAL(eval_s16_s16, rq, mote_requantize_s16_s16)
EVAL(eval_s16_s32, rq, mote_requantize_s16_s32)
EVAL(eval_s32_s8, rq, mote_requantize_s32_s8)
EVAL(eval_s32_s16, rq, mote_requantize_s32_s16)
EVAL(eval_s8_f32, dq, mote_dequantize_s8_f32)
EVAL(eval_s16_f32, dq, mote_dequantize_s16_f32)
EVAL(eval_u8_f32, dq, mote_dequantize_u8_f32)

#undef EVAL

/* One supported type pair and its eval. */
typedef struct pair {
	mote_type in; /* input type */
	mote_type out; /* output type */
	mote__eval_fn eval; /* its eval */
} pair;

static const pair quantize_pairs[] = {
	{ MOTE_FLOAT32, MOTE_INT8, eval_f32_s8 },
	{ MOTE_FLOAT32, MOTE_INT16, eval_f32_s16 },
	{ MOTE_INT8, MOTE_INT8, eval_s8_s8 },
	{ MOTE_INT8, MOTE_UINT8, eval_s8_u8 },
	{ MOTE_INT8, MOTE_INT16, eval_s8_s16 },
	{ MOTE_INT8, MOTE_INT32, eval_s8_s32 },
	{ MOTE_UINT8, MOTE_INT8, eval_u8_s8 },
	{ MOTE_INT16, MOTE_INT8, eval_s16_s8 },
	{ MOTE_INT16, MOTE_INT16, eval_s16_s16 },
	{ MOTE_INT16, MOTE_INT32, eval_s16_s32 },
	{ MOTE_INT32, MOTE_INT8, eval_s32_s8 },
	{ MOTE_INT32, MOTE_INT16, eval_s32_s16 },
};

static const pair dequantize_pairs[] = {
	{ MOTE_INT8, MOTE_FLOAT32, eval_s8_f32 },
	{ MOTE_INT16, MOTE_FLOAT32, eval_s16_f32 },
	{ MOTE_UINT8, MOTE_FLOAT32, eval_u8_f32 },
};

/* The eval for a type pair, or NULL. */
static mote__eval_fn find(const pair *pairs, size_t n_pairs, mote_type in,
			mote_type out)
{
	for (size_t i = 0; i < n_pairs; i++) {
		if (pairs[i].in == in && pairs[i].out == out)
			return pairs[i].eval;
	}
	return NULL;
}

/* The common end: share when sizes allow, allocate, set eval. */
static mote_status finish(mote__prep *p, const mote__tensor *in,
			  const mote__tensor *out, mote__eval_fn fn,
			  const quantize_op *op)
{
	mote_status s = mote__prep_status(p);
	quantize_op *dst;

	if (s != MOTE_OK)
		return s;
	if (in->bytes == out->bytes)
		mote__prep_share(p, 0, 0);
	dst = mote__prep_alloc(p, sizeof *dst);
	if (dst == NULL)
		return MOTE_OK; /* measuring */
	*dst = *op;
	mote__prep_set(p, fn, NULL, dst);
	return MOTE_OK;
}

static mote_status prepare_quantize(mote__prep *p)
{
	mote__tensor in, out;
	quantize_op op = { 0 };
	mote__eval_fn fn;
	mote_status s = mote__unary_io(p, &in, &out, false);

	if (s != MOTE_OK)
		return s;
	fn = find(quantize_pairs,
		  sizeof quantize_pairs / sizeof quantize_pairs[0], in.type,
		  out.type);
	if (fn == NULL)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, out.index,
				       "QUANTIZE type combination");
	if (out.n_scale != 1)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out.index,
				       "QUANTIZE output must be per-tensor");
	s = mote__check_quant(p, &out);
	if (s != MOTE_OK)
		return s;
	op.n = in.elems;
	if (in.type == MOTE_FLOAT32) {
		op.k.q.scale = mote__scale(&out, 0);
		op.k.q.zp = mote__zp(&out, 0);
		return finish(p, &in, &out, fn, &op);
	}
	s = mote__check_quant(p, &in);
	if (s != MOTE_OK)
		return s;
	int shift;
	double m = (double)mote__scale(&in, 0) / (double)mote__scale(&out, 0);
	mote_quantize_multiplier(m, &op.k.rq.mult, &shift);
	op.k.rq.shift = shift;
	op.k.rq.in_zp = mote__zp(&in, 0);
	op.k.rq.out_zp = mote__zp(&out, 0);
	return finish(p, &in, &out, fn, &op);
}

static mote_status prepare_dequantize(mote__prep *p)
{
	mote__tensor in, out;
	quantize_op op = { 0 };
	mote__eval_fn fn;
	mote_status s = mote__unary_io(p, &in, &out, false);

	if (s != MOTE_OK)
		return s;
	fn = find(dequantize_pairs,
		  sizeof dequantize_pairs / sizeof dequantize_pairs[0], in.type,
		  out.type);
	if (fn == NULL)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "DEQUANTIZE type combination");
	s = mote__check_quant(p, &in);
	if (s != MOTE_OK)
		return s;
	op.n = in.elems;
	op.k.dq.scale = mote__scale(&in, 0);
	op.k.dq.zp = mote__zp(&in, 0);
	return finish(p, &in, &out, fn, &op);
}

const mote_op mote_op_quantize = { 114, NULL, "QUANTIZE", prepare_quantize };
const mote_op mote_op_dequantize = { 6, NULL, "DEQUANTIZE",
				     prepare_dequantize };
