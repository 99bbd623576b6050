/* SPDX-License-Identifier: Apache-2.0 */
/*
 * minmax.c - MINIMUM (builtin 57) and MAXIMUM (55) for float32, int8,
 * int16, int32 and int64, with numpy broadcasting up to rank 8.
 *
 * As in TFLM, raw values are compared with no rescaling whatever the
 * quantization of the tensors, and the three tensors share one type.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"

MOTE__EVAL_BINARY(eval_min_f32, mote_minimum_f32)
MOTE__EVAL_BINARY(eval_min_s8, mote_minimum_s8)
MOTE__EVAL_BINARY(eval_min_s16, mote_minimum_s16)
MOTE__EVAL_BINARY(eval_min_s32, mote_minimum_s32)
MOTE__EVAL_BINARY(eval_min_s64, mote_minimum_s64)
MOTE__EVAL_BINARY(eval_max_f32, mote_maximum_f32)
MOTE__EVAL_BINARY(eval_max_s8, mote_maximum_s8)
MOTE__EVAL_BINARY(eval_max_s16, mote_maximum_s16)
MOTE__EVAL_BINARY(eval_max_s32, mote_maximum_s32)
MOTE__EVAL_BINARY(eval_max_s64, mote_maximum_s64)

static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT8, MOTE_INT16,
				   MOTE_INT32, MOTE_INT64 };

static mote_status prepare(mote__prep *p, const mote__eval_fn *evals)
{
	mote__binary b;
	int k = 0;
	mote_status s = mote__binary_begin(p, &b, true);

	if (s == MOTE_OK)
		s = mote__expect_types(p, &b.out, types, 5, &k);
	if (s == MOTE_OK && b.in1.type != b.out.type)
		s = mote__prep_fail(p, MOTE_E_INVALID, b.out.index,
				    "output type differs from the inputs'");
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, evals[k]);
}

static mote_status minimum_prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_min_f32, eval_min_s8,
					       eval_min_s16, eval_min_s32,
					       eval_min_s64 };
	return prepare(p, evals);
}

static mote_status maximum_prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_max_f32, eval_max_s8,
					       eval_max_s16, eval_max_s32,
					       eval_max_s64 };
	return prepare(p, evals);
}

const mote_op mote_op_minimum = { 57, NULL, "MINIMUM", minimum_prepare };
const mote_op mote_op_maximum = { 55, NULL, "MAXIMUM", maximum_prepare };
