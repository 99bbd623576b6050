/* SPDX-License-Identifier: Apache-2.0 */
/*
 * prelu.c - PRELU (builtin 54): out = x >= 0 ? x : x * alpha, alpha
 * broadcast onto x (numpy rules, rank up to 8). float32 (float alpha),
 * int8 (int8 alpha) and int16 (int8 alpha), as TFLM.
 *
 * Quantized multipliers, in double as TFLM: input scale / output scale for
 * non-negative inputs, input scale * alpha scale / output scale for
 * negative ones; the output is clamped to its type's range.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"

MOTE__EVAL_BINARY(eval_f32, mote_prelu_f32)
MOTE__EVAL_BINARY(eval_s8, mote_prelu_s8)
MOTE__EVAL_BINARY(eval_s16, mote_prelu_s16)

static mote_status quant_params(mote__prep *p, const mote__binary *b,
				mote_prelu_params *pp)
{
	double si = mote__scale(&b->in1, 0);
	double sa = mote__scale(&b->in2, 0);
	double so = mote__scale(&b->out, 0);
	mote_status s = mote__expect_quant(p, &b->in1);

	if (s == MOTE_OK)
		s = mote__expect_quant(p, &b->in2);
	if (s == MOTE_OK)
		s = mote__expect_quant(p, &b->out);
	if (s == MOTE_OK)
		s = mote__quant_mult(p, si / so, b->out.index, &pp->pos_mult,
				     &pp->pos_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult(p, si * sa / so, b->out.index,
				     &pp->neg_mult, &pp->neg_shift);
	pp->in_offset = -mote__zp(&b->in1, 0);
	pp->alpha_offset = -mote__zp(&b->in2, 0);
	pp->out_offset = mote__zp(&b->out, 0);
	return s;
}

static mote_status prepare(mote__prep *p)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT8,
					   MOTE_INT16 };
	static const mote_type alpha_types[] = { MOTE_FLOAT32, MOTE_INT8,
						 MOTE_INT8 };
	static const mote__eval_fn evals[] = { eval_f32, eval_s8, eval_s16 };
	mote__binary b;
	mote_prelu_params pp = { 0 };
	mote_prelu_params *params;
	int k = 0;
	mote_status s = mote__binary_begin(p, &b, false);

	if (s == MOTE_OK)
		s = mote__expect_types(p, &b.in1, types, 3, &k);
	if (s == MOTE_OK && b.out.type != b.in1.type)
		s = mote__prep_fail(p, MOTE_E_INVALID, b.out.index,
				    "output type differs from the input's");
	if (s == MOTE_OK && b.in2.type != alpha_types[k])
		s = mote__prep_fail(p, MOTE_E_UNSUPPORTED, b.in2.index,
				    "alpha type");
	if (s == MOTE_OK && k > 0)
		s = quant_params(p, &b, &pp);
	if (s != MOTE_OK)
		return s;
	pp.bc = b.params.bc;
	params = mote__prep_alloc(p, sizeof *params);
	if (params == NULL)
		return mote__prep_status(p);
	*params = pp;
	mote__prep_set(p, evals[k], NULL, params);
	return MOTE_OK;
}

const mote_op mote_op_prelu = { 54, NULL, "PRELU", prepare };
