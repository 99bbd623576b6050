/* SPDX-License-Identifier: Apache-2.0 */
/*
 * logical.c - LOGICAL_AND (builtin 86) and LOGICAL_OR (84) on bool
 * tensors, with numpy broadcasting up to rank 8.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"

MOTE__EVAL_BINARY(eval_and, mote_logical_and_bool)
MOTE__EVAL_BINARY(eval_or, mote_logical_or_bool)

static mote_status prepare(mote__prep *p, mote__eval_fn eval)
{
	mote__binary b;
	mote_status s = mote__binary_begin(p, &b, true);

	if (s == MOTE_OK)
		s = mote__prep_expect_type(p, &b.in1, MOTE_BOOL);
	if (s == MOTE_OK)
		s = mote__prep_expect_type(p, &b.out, MOTE_BOOL);
	if (s != MOTE_OK)
		return s;
	return mote__binary_finish(p, &b, eval);
}

static mote_status logical_and_prepare(mote__prep *p)
{
	return prepare(p, eval_and);
}

static mote_status logical_or_prepare(mote__prep *p)
{
	return prepare(p, eval_or);
}

const mote_op mote_op_logical_and = { 86, NULL, "LOGICAL_AND",
				      logical_and_prepare };
const mote_op mote_op_logical_or = { 84, NULL, "LOGICAL_OR",
				     logical_or_prepare };
