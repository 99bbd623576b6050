/* SPDX-License-Identifier: Apache-2.0 */
/*
 * floor_divmod.c - FLOOR_DIV (builtin 90) and FLOOR_MOD (95) for float32
 * (as TFLM) and int32 (mote's own, with TFLite's semantics), with numpy
 * broadcasting up to rank 8. The three tensors share one type.
 *
 * A zero divisor makes FLOOR_DIV's eval return MOTE_E_EVAL (TFLM refuses
 * the invoke too); float FLOOR_MOD by zero gives nan, as in TFLM, and int32
 * FLOOR_MOD by zero returns MOTE_E_EVAL.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"

MOTE__EVAL_BINARY_CHECKED(eval_div_f32, mote_floor_div_f32)
MOTE__EVAL_BINARY_CHECKED(eval_div_s32, mote_floor_div_s32)
MOTE__EVAL_BINARY(eval_mod_f32, mote_floor_mod_f32)
MOTE__EVAL_BINARY_CHECKED(eval_mod_s32, mote_floor_mod_s32)

static mote_status prepare(mote__prep *p, const mote__eval_fn *evals)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT32 };
	mote__binary b;
	int k = 0;
	mote_status s = mote__binary_begin(p, &b, true);

	if (s == MOTE_OK)
		s = mote__expect_types(p, &b.in1, types, 2, &k);
	if (s == MOTE_OK && b.out.type != b.in1.type)
		s = mote__prep_fail(p, MOTE_E_INVALID, b.out.index,
				    "output type differs from the inputs'");
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, evals[k]);
}

static mote_status floor_div_prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_div_f32, eval_div_s32 };
	return prepare(p, evals);
}

static mote_status floor_mod_prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_mod_f32, eval_mod_s32 };
	return prepare(p, evals);
}

const mote_op mote_op_floor_div = { 90, NULL, "FLOOR_DIV", floor_div_prepare };
const mote_op mote_op_floor_mod = { 95, NULL, "FLOOR_MOD", floor_mod_prepare };
