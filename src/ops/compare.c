/* SPDX-License-Identifier: Apache-2.0 */
/*
 * compare.c - EQUAL (builtin 71), NOT_EQUAL (72), LESS (58), LESS_EQUAL
 * (63), GREATER (61), GREATER_EQUAL (62): bool output, numpy broadcasting
 * up to rank 8. Inputs share one type: float32, int8, int32, int64 (as
 * TFLM), bool for EQUAL and NOT_EQUAL (as TFLM), and int16 (mote's own).
 *
 * int8 inputs are compared as TFLM does: each is offset by its zero point,
 * shifted left by 8 and scaled by its own scale (QuantizeMultiplier-
 * SmallerThanOneExp of the scale, which must be in (0, 1)); the scaled
 * values are compared, so close inputs with different quantization may
 * compare equal. TFLM reads uninitialised parameters for int16 (only
 * GREATER accepts it); mote compares int16 raw values and therefore
 * requires both inputs to share scale and zero point.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"

#define EVALS(op)                                                              \
	MOTE__EVAL_BINARY(eval_##op##_f32, mote_##op##_f32)                    \
	MOTE__EVAL_BINARY(eval_##op##_s8, mote_##op##_s8)                      \
	MOTE__EVAL_BINARY(eval_##op##_s16, mote_##op##_s16)                    \
	MOTE__EVAL_BINARY(eval_##op##_s32, mote_##op##_s32)                    \
	MOTE__EVAL_BINARY(eval_##op##_s64, mote_##op##_s64)                    \
	static const mote__eval_fn op##_evals[] = {                            \
		eval_##op##_f32, eval_##op##_s8,  eval_##op##_s16,             \
		eval_##op##_s32, eval_##op##_s64, NULL                         \
	};

EVALS(less)
EVALS(less_equal)
EVALS(greater)
EVALS(greater_equal)
#undef EVALS

/* EQUAL and NOT_EQUAL also take bool. */
#define EVALS_EQ(op)                                                           \
	MOTE__EVAL_BINARY(eval_##op##_f32, mote_##op##_f32)                    \
	MOTE__EVAL_BINARY(eval_##op##_s8, mote_##op##_s8)                      \
	MOTE__EVAL_BINARY(eval_##op##_s16, mote_##op##_s16)                    \
	MOTE__EVAL_BINARY(eval_##op##_s32, mote_##op##_s32)                    \
	MOTE__EVAL_BINARY(eval_##op##_s64, mote_##op##_s64)                    \
	MOTE__EVAL_BINARY(eval_##op##_bool, mote_##op##_bool)                  \
	static const mote__eval_fn op##_evals[] = {                            \
		eval_##op##_f32, eval_##op##_s8,  eval_##op##_s16,             \
		eval_##op##_s32, eval_##op##_s64, eval_##op##_bool             \
	};

EVALS_EQ(equal)
EVALS_EQ(not_equal)
#undef EVALS_EQ

/* Input types, in the order of the eval tables. */
static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT8,  MOTE_INT16,
				   MOTE_INT32,	 MOTE_INT64, MOTE_BOOL };

/* int8: TFLM's rescale of each input onto its own real scale. */
static mote_status s8_params(mote__prep *p, mote__binary *b)
{
	mote_binary_params *bp = &b->params;
	mote_status s = mote__expect_quant(p, &b->in1);

	if (s == MOTE_OK)
		s = mote__expect_quant(p, &b->in2);
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(p, mote__scale(&b->in1, 0),
					 b->in1.index, &bp->in1_mult,
					 &bp->in1_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(p, mote__scale(&b->in2, 0),
					 b->in2.index, &bp->in2_mult,
					 &bp->in2_shift);
	bp->in1_offset = -mote__zp(&b->in1, 0);
	bp->in2_offset = -mote__zp(&b->in2, 0);
	bp->left_shift = 8;
	return s;
}

/* int16: raw comparison, valid only on a common quantization. */
static mote_status s16_check(mote__prep *p, const mote__binary *b)
{
	if (mote__scale(&b->in1, 0) != mote__scale(&b->in2, 0) ||
	    mote__zp(&b->in1, 0) != mote__zp(&b->in2, 0))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, b->in2.index,
				       "int16 comparison needs equal input "
				       "quantization");
	return MOTE_OK;
}

/* `n_types` is 6 for EQUAL and NOT_EQUAL (bool allowed), else 5. */
static mote_status prepare(mote__prep *p, const mote__eval_fn *evals,
			   int n_types)
{
	mote__binary b;
	int k = 0;
	mote_status s = mote__binary_begin(p, &b, true);

	if (s == MOTE_OK)
		s = mote__expect_types(p, &b.in1, types, n_types, &k);
	if (s == MOTE_OK && b.out.type != MOTE_BOOL)
		s = mote__prep_fail(p, MOTE_E_INVALID, b.out.index,
				    "comparison output must be bool");
	if (s == MOTE_OK && b.in1.type == MOTE_INT8)
		s = s8_params(p, &b);
	if (s == MOTE_OK && b.in1.type == MOTE_INT16)
		s = s16_check(p, &b);
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, evals[k]);
}

static mote_status equal_prepare(mote__prep *p)
{
	return prepare(p, equal_evals, 6);
}

static mote_status not_equal_prepare(mote__prep *p)
{
	return prepare(p, not_equal_evals, 6);
}

static mote_status less_prepare(mote__prep *p)
{
	return prepare(p, less_evals, 5);
}

static mote_status less_equal_prepare(mote__prep *p)
{
	return prepare(p, less_equal_evals, 5);
}

static mote_status greater_prepare(mote__prep *p)
{
	return prepare(p, greater_evals, 5);
}

static mote_status greater_equal_prepare(mote__prep *p)
{
	return prepare(p, greater_equal_evals, 5);
}

const mote_op mote_op_equal = { 71, NULL, "EQUAL", equal_prepare };
const mote_op mote_op_not_equal = { 72, NULL, "NOT_EQUAL", not_equal_prepare };
const mote_op mote_op_less = { 58, NULL, "LESS", less_prepare };
const mote_op mote_op_less_equal = { 63, NULL, "LESS_EQUAL",
				     less_equal_prepare };
const mote_op mote_op_greater = { 61, NULL, "GREATER", greater_prepare };
const mote_op mote_op_greater_equal = { 62, NULL, "GREATER_EQUAL",
					greater_equal_prepare };
