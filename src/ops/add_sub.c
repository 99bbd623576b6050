/* SPDX-License-Identifier: Apache-2.0 */
/*
 * add_sub.c - ADD (builtin 0) and SUB (41) for float32, int32, int8 and
 * int16, with numpy broadcasting up to rank 8.
 *
 * TFLM behaviours reproduced:
 * - int32 ADD ignores its fused activation; int32 SUB applies it (TFLite's
 *   CalculateActivationRange<int32_t>). int32 inputs (and SUB's output)
 *   must not be quantized.
 * - Quantized: left shift 20 (int8) or 15 (int16); input multipliers are
 *   scale_i / (2 * max input scale), the output multiplier is
 *   2 * max input scale / (2^left_shift * output scale). ADD computes them
 *   in double, SUB in float32 (each step rounded to float), which changes
 *   a few int16 results.
 * - TANH and SIGN_BIT activations clamp nothing (TFLM's mapping).
 * - AddOptions/SubOptions pot_scale_int16 is ignored: TFLM always takes
 *   the general int16 path.
 * Every multiplier must lie in (0, 1) (TFLM aborts otherwise).
 */
#include "kernels/elementwise.h"
#include "kernels/select.h"
#include "ops/binary_common.h"
#include "ops/op_util.h"

/* AddOptions / SubOptions field. */
enum { OPT_FUSED_ACTIVATION = 0 };

MOTE__EVAL_BINARY(eval_add_f32, mote_add_f32)
MOTE__EVAL_BINARY(eval_add_s32, mote_add_s32)
MOTE__EVAL_BINARY(eval_add_s8, mote_add_s8_best)
MOTE__EVAL_BINARY(eval_add_s16, mote_add_s16)
MOTE__EVAL_BINARY(eval_sub_f32, mote_sub_f32)
MOTE__EVAL_BINARY(eval_sub_s32, mote_sub_s32)
MOTE__EVAL_BINARY(eval_sub_s8, mote_sub_s8)
MOTE__EVAL_BINARY(eval_sub_s16, mote_sub_s16)

/* Offsets, left shift and the three multipliers, computed by ADD's (double)
 * or SUB's (float) recipe. */
static mote_status rescale_params(mote__prep *p, mote__binary *b,
				  bool in_float)
{
	mote_binary_params *bp = &b->params;
	float s1 = mote__scale(&b->in1, 0);
	float s2 = mote__scale(&b->in2, 0);
	float so = mote__scale(&b->out, 0);
	double r1, r2, ro;
	mote_status s;

	bp->in1_offset = -mote__zp(&b->in1, 0);
	bp->in2_offset = -mote__zp(&b->in2, 0);
	bp->out_offset = mote__zp(&b->out, 0);
	bp->left_shift = b->out.type == MOTE_INT16 ? 15 : 20;
	if (in_float) {
		float twice = 2.0f * (s1 < s2 ? s2 : s1);
		float q1 = s1 / twice;
		float q2 = s2 / twice;
		float den = (float)(1 << bp->left_shift) * so;
		float qo = twice / den;
		r1 = q1;
		r2 = q2;
		ro = qo;
	} else {
		double twice = 2.0 * (double)(s1 < s2 ? s2 : s1);
		r1 = (double)s1 / twice;
		r2 = (double)s2 / twice;
		ro = twice / ((double)(1 << bp->left_shift) * (double)so);
	}
	s = mote__quant_mult_lt1(p, r1, b->in1.index, &bp->in1_mult,
				 &bp->in1_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(p, r2, b->in2.index, &bp->in2_mult,
					 &bp->in2_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(p, ro, b->out.index, &bp->out_mult,
					 &bp->out_shift);
	return s;
}

/* Checks common to ADD and SUB; picks the kernel. */
static mote_status prepare(mote__prep *p, bool is_sub)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT32, MOTE_INT8,
					   MOTE_INT16 };
	static const mote__eval_fn add_evals[] = { eval_add_f32, eval_add_s32,
						   eval_add_s8, eval_add_s16 };
	static const mote__eval_fn sub_evals[] = { eval_sub_f32, eval_sub_s32,
						   eval_sub_s8, eval_sub_s16 };
	mote__binary b;
	mote_status s = mote__binary_begin(p, &b, true);
	int32_t act = mote__opt_u8(p, OPT_FUSED_ACTIVATION, MOTE_ACT_NONE);
	int k = 0;

	if (s == MOTE_OK)
		s = mote__expect_types(p, &b.out, types, 4, &k);
	if (s == MOTE_OK && b.in1.type != b.out.type)
		s = mote__prep_fail(p, MOTE_E_INVALID, b.out.index,
				    "output type differs from the inputs'");
	if (s != MOTE_OK)
		return s;
	switch (b.out.type) {
	case MOTE_FLOAT32:
		s = mote__binary_act(p, &b, act);
		break;
	case MOTE_INT32:
		if (b.in1.n_scale || b.in2.n_scale || (is_sub && b.out.n_scale))
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED,
					       b.in1.index,
					       "int32 tensors must not be "
					       "quantized");
		s = mote__binary_act(p, &b, is_sub ? act : MOTE_ACT_NONE);
		break;
	default:
		s = mote__expect_quant(p, &b.in1);
		if (s == MOTE_OK)
			s = mote__expect_quant(p, &b.in2);
		if (s == MOTE_OK)
			s = mote__expect_quant(p, &b.out);
		if (s == MOTE_OK)
			s = rescale_params(p, &b, is_sub);
		if (s == MOTE_OK)
			s = mote__binary_act(p, &b, act);
		break;
	}
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, is_sub ? sub_evals[k] : add_evals[k]);
}

static mote_status add_prepare(mote__prep *p)
{
	return prepare(p, false);
}

static mote_status sub_prepare(mote__prep *p)
{
	return prepare(p, true);
}

const mote_op mote_op_add = { 0, NULL, "ADD", add_prepare };
const mote_op mote_op_sub = { 41, NULL, "SUB", sub_prepare };
