/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mul_div.c - MUL (builtin 18: float32, int32, int8, int16) and DIV (42:
 * float32, int32, int8), with numpy broadcasting up to rank 8.
 *
 * TFLM behaviours reproduced:
 * - int32 MUL and DIV apply their fused activation (int32 ranges); int32
 *   products wrap. int32 DIV inputs must not be quantized.
 * - Quantized MUL: multiplier scale1 * scale2 / scale_out in double;
 *   int16 requires zero points of 0.
 * - int8 DIV: multiplier scale1 / (scale2 * scale_out) computed in float32;
 *   the reciprocal-based quotient of TFLite's DivElementwise.
 * - TANH and SIGN_BIT activations clamp nothing.
 * Division by zero (int32, int8) makes eval return MOTE_E_EVAL, as does
 * int32 INT32_MIN / -1 (TFLM crashes on both). mote refuses an int8 DIV
 * whose output multiplier exceeds 2^23, where TFLM's shifts would turn
 * left (unreachable with sane scales).
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"
#include "ops/op_util.h"

/* MulOptions / DivOptions field. */
enum { OPT_FUSED_ACTIVATION = 0 };

MOTE__EVAL_BINARY(eval_mul_f32, mote_mul_f32)
MOTE__EVAL_BINARY(eval_mul_s32, mote_mul_s32)
MOTE__EVAL_BINARY(eval_mul_s8, mote_mul_s8)
MOTE__EVAL_BINARY(eval_mul_s16, mote_mul_s16)
MOTE__EVAL_BINARY(eval_div_f32, mote_div_f32)
MOTE__EVAL_BINARY_CHECKED(eval_div_s32, mote_div_s32)
MOTE__EVAL_BINARY_CHECKED(eval_div_s8, mote_div_s8)

/* Reads tensors and activation; checks that all three share one of the
 * `n` types, whose position goes to *k. */
static mote_status begin(mote__prep *p, mote__binary *b, int32_t *act,
			 const mote_type *types, int n, int *k)
{
	mote_status s = mote__binary_begin(p, b, true);

	*act = mote__opt_u8(p, OPT_FUSED_ACTIVATION, MOTE_ACT_NONE);
	if (s == MOTE_OK)
		s = mote__expect_types(p, &b->in1, types, n, k);
	if (s == MOTE_OK && b->out.type != b->in1.type)
		s = mote__prep_fail(p, MOTE_E_INVALID, b->out.index,
				    "output type differs from the inputs'");
	return s;
}

/* Checks the three tensors are quantized and sets the zero points. */
static mote_status quant_offsets(mote__prep *p, mote__binary *b)
{
	mote_status s = mote__expect_quant(p, &b->in1);

	if (s == MOTE_OK)
		s = mote__expect_quant(p, &b->in2);
	if (s == MOTE_OK)
		s = mote__expect_quant(p, &b->out);
	b->params.in1_offset = -mote__zp(&b->in1, 0);
	b->params.in2_offset = -mote__zp(&b->in2, 0);
	b->params.out_offset = mote__zp(&b->out, 0);
	return s;
}

static mote_status mul_prepare(mote__prep *p)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT32, MOTE_INT8,
					   MOTE_INT16 };
	static const mote__eval_fn evals[] = { eval_mul_f32, eval_mul_s32,
					       eval_mul_s8, eval_mul_s16 };
	mote__binary b;
	int32_t act;
	int k = 0;
	mote_status s = begin(p, &b, &act, types, 4, &k);
	bool quantized = b.out.type == MOTE_INT8 || b.out.type == MOTE_INT16;

	if (s == MOTE_OK && quantized)
		s = quant_offsets(p, &b);
	if (s == MOTE_OK && b.out.type == MOTE_INT16 &&
	    (b.params.in1_offset || b.params.in2_offset || b.params.out_offset))
		s = mote__prep_fail(p, MOTE_E_BAD_QUANT, b.out.index,
				    "int16 MUL needs zero points of 0");
	if (s == MOTE_OK && quantized)
		s = mote__quant_mult(p,
				     (double)mote__scale(&b.in1, 0) *
					     (double)mote__scale(&b.in2, 0) /
					     (double)mote__scale(&b.out, 0),
				     b.out.index, &b.params.out_mult,
				     &b.params.out_shift);
	if (s == MOTE_OK)
		s = mote__binary_act(p, &b, act);
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, evals[k]);
}

/* int8 DIV's multiplier, in float32 as TFLM computes it. */
static mote_status div_s8_params(mote__prep *p, mote__binary *b)
{
	float s1 = mote__scale(&b->in1, 0);
	float den = mote__scale(&b->in2, 0) * mote__scale(&b->out, 0);
	float m = s1 / den;
	mote_status s = quant_offsets(p, b);

	if (s == MOTE_OK)
		s = mote__quant_mult(p, m, b->out.index, &b->params.out_mult,
				     &b->params.out_shift);
	if (s == MOTE_OK && b->params.out_shift > 23)
		s = mote__prep_fail(p, MOTE_E_UNSUPPORTED, b->out.index,
				    "int8 DIV output multiplier above 2^23");
	return s;
}

static mote_status div_prepare(mote__prep *p)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT32,
					   MOTE_INT8 };
	static const mote__eval_fn evals[] = { eval_div_f32, eval_div_s32,
					       eval_div_s8 };
	mote__binary b;
	int32_t act;
	int k = 0;
	mote_status s = begin(p, &b, &act, types, 3, &k);

	if (s == MOTE_OK && b.out.type == MOTE_INT32 &&
	    (b.in1.n_scale || b.in2.n_scale))
		s = mote__prep_fail(p, MOTE_E_UNSUPPORTED, b.in1.index,
				    "int32 tensors must not be quantized");
	if (s == MOTE_OK && b.out.type == MOTE_INT8)
		s = div_s8_params(p, &b);
	if (s == MOTE_OK)
		s = mote__binary_act(p, &b, act);
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, evals[k]);
}

const mote_op mote_op_mul = { 18, NULL, "MUL", mul_prepare };
const mote_op mote_op_div = { 42, NULL, "DIV", div_prepare };
