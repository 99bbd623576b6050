/* SPDX-License-Identifier: Apache-2.0 */
/*
 * squared_difference.c - SQUARED_DIFFERENCE (builtin 99) for float32,
 * int32, int8 and int16, with numpy broadcasting up to rank 8.
 *
 * Quantized, as TFLM: left shift 7 (int8; zero points within int8) or 0
 * (int16; zero points 0); input multipliers scale_i / (2 * max input
 * scale) and output multiplier (2 * max input scale)^2 /
 * (2^(2 * left_shift) * output scale), in double except that the
 * denominator's product is taken in float32. No fused activation; the
 * output is clamped to its type's range. int32 squares wrap.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"
#include "ops/op_util.h"

MOTE__EVAL_BINARY(eval_f32, mote_squared_difference_f32)
MOTE__EVAL_BINARY(eval_s32, mote_squared_difference_s32)
MOTE__EVAL_BINARY(eval_s8, mote_squared_difference_s8)
MOTE__EVAL_BINARY(eval_s16, mote_squared_difference_s16)

/* Zero point rule: within int8 for int8, 0 for int16. */
static mote_status check_zp(mote__prep *p, const mote__tensor *t)
{
	int32_t zp = mote__zp(t, 0);
	bool ok = t->type == MOTE_INT8 ? (zp >= -128 && zp <= 127) : zp == 0;

	if (!ok)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "zero point out of range");
	return mote__expect_quant(p, t);
}

static mote_status quant_params(mote__prep *p, mote__binary *b)
{
	mote_binary_params *bp = &b->params;
	float s1 = mote__scale(&b->in1, 0);
	float s2 = mote__scale(&b->in2, 0);
	mote_status s = check_zp(p, &b->in1);

	if (s == MOTE_OK)
		s = check_zp(p, &b->in2);
	if (s == MOTE_OK)
		s = check_zp(p, &b->out);
	if (s != MOTE_OK)
		return s;
	bp->in1_offset = -mote__zp(&b->in1, 0);
	bp->in2_offset = -mote__zp(&b->in2, 0);
	bp->out_offset = mote__zp(&b->out, 0);
	bp->left_shift = b->out.type == MOTE_INT8 ? 7 : 0;
	mote__type_range(b->out.type, &bp->act_min, &bp->act_max);

	double twice = 2.0 * (double)(s1 < s2 ? s2 : s1);
	float so = mote__scale(&b->out, 0);
	float den = (float)(1 << (2 * bp->left_shift)) * so;
	s = mote__quant_mult_lt1(p, (double)s1 / twice, b->in1.index,
				 &bp->in1_mult, &bp->in1_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(p, (double)s2 / twice, b->in2.index,
					 &bp->in2_mult, &bp->in2_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult(p, twice * twice / (double)den,
				     b->out.index, &bp->out_mult,
				     &bp->out_shift);
	return s;
}

static mote_status prepare(mote__prep *p)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT32, MOTE_INT8,
					   MOTE_INT16 };
	static const mote__eval_fn evals[] = { eval_f32, eval_s32, eval_s8,
					       eval_s16 };
	mote__binary b;
	int k = 0;
	mote_status s = mote__binary_begin(p, &b, true);

	if (s == MOTE_OK)
		s = mote__expect_types(p, &b.in1, types, 4, &k);
	if (s == MOTE_OK && b.out.type != b.in1.type)
		s = mote__prep_fail(p, MOTE_E_INVALID, b.out.index,
				    "output type differs from the inputs'");
	if (s == MOTE_OK && (k == 2 || k == 3))
		s = quant_params(p, &b);
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, evals[k]);
}

const mote_op mote_op_squared_difference = { 99, NULL, "SQUARED_DIFFERENCE",
					     prepare };
