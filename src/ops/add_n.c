/* SPDX-License-Identifier: Apache-2.0 */
/*
 * add_n.c - ADD_N (builtin 106): the sum of two or more tensors of one
 * shape and type; float32 and int8 as TFLM, int32 (wrapping) as mote's
 * own. int8 inputs must share scale and zero point (TFLM's rule); the
 * input multiplier is 1/2 and the output multiplier 2 * input scale /
 * (2^20 * output scale), in double, and TFLM's constant seed of the
 * accumulator is reproduced (see elementwise_add_n.c).
 *
 * Eval gathers the input data pointers into the op's scratch buffer.
 */
#include "kernels/elementwise.h"
#include "ops/binary_common.h"
#include "ops/op_util.h"

/* Each eval first fills the scratch table with the inputs' data pointers. */
#define EVAL_ADD_N(name, kernel, T)                                            \
	static mote_status name(const mote__node *n, void *const *t)           \
	{                                                                      \
		const T **in = n->scratch;                                     \
		for (int i = 0; i < n->n_in; i++)                              \
			in[i] = mote__in(n, t, i);                             \
		kernel(n->params, in, mote__out(n, t, 0));                     \
		return MOTE_OK;                                                \
	}

EVAL_ADD_N(eval_f32, mote_add_n_f32, float)
EVAL_ADD_N(eval_s32, mote_add_n_s32, int32_t)
EVAL_ADD_N(eval_s8, mote_add_n_s8, int8_t)

/* Every input has the first one's shape and type (and int8 quantization). */
static mote_status check_inputs(mote__prep *p, const mote__tensor *first)
{
	mote__tensor in;
	mote_status s = MOTE_OK;

	for (int i = 1; i < mote__prep_n_in(p) && s == MOTE_OK; i++) {
		s = mote__prep_in(p, i, &in);
		if (s != MOTE_OK)
			break;
		if (in.type != first->type || !mote__same_shape(&in, first))
			s = mote__prep_fail(p, MOTE_E_INVALID, in.index,
					    "ADD_N inputs differ in shape or "
					    "type");
		else if (in.type == MOTE_INT8 &&
			 (mote__scale(&in, 0) != mote__scale(first, 0) ||
			  mote__zp(&in, 0) != mote__zp(first, 0)))
			s = mote__prep_fail(p, MOTE_E_BAD_QUANT, in.index,
					    "ADD_N inputs differ in "
					    "quantization");
	}
	return s;
}

static mote_status s8_params(mote__prep *p, const mote__tensor *in,
			     const mote__tensor *out, mote_add_n_params *np)
{
	double twice = 2.0 * (double)mote__scale(in, 0);
	mote_status s = mote__expect_quant(p, in);

	if (s == MOTE_OK)
		s = mote__expect_quant(p, out);
	np->in_offset = -mote__zp(in, 0);
	np->out_offset = mote__zp(out, 0);
	np->left_shift = 20;
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(p, (double)mote__scale(in, 0) / twice,
					 in->index, &np->in_mult,
					 &np->in_shift);
	if (s == MOTE_OK)
		s = mote__quant_mult_lt1(
			p, twice / ((double)(1 << 20) * mote__scale(out, 0)),
			out->index, &np->out_mult, &np->out_shift);
	if (s == MOTE_OK)
		s = mote__act_range_q(p, MOTE_ACT_NONE, out, &np->act_min,
				      &np->act_max);
	return s;
}

static mote_status prepare(mote__prep *p)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT32,
					   MOTE_INT8 };
	static const mote__eval_fn evals[] = { eval_f32, eval_s32, eval_s8 };
	mote__tensor first, out;
	mote_add_n_params np = { 0 };
	mote_add_n_params *params;
	int k = 0;
	mote_status s = mote__prep_expect_io(p, 2, 0x7fff, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &first);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s == MOTE_OK)
		s = mote__expect_types(p, &first, types, 3, &k);
	if (s == MOTE_OK &&
	    (out.type != first.type || !mote__same_shape(&out, &first)))
		s = mote__prep_fail(p, MOTE_E_INVALID, out.index,
				    "ADD_N output differs from its inputs");
	if (s == MOTE_OK)
		s = check_inputs(p, &first);
	if (s == MOTE_OK && first.elems > INT32_MAX)
		s = mote__prep_fail(p, MOTE_E_TOO_LARGE, out.index,
				    "tensor has more than 2^31-1 elements");
	if (s == MOTE_OK && k == 2)
		s = s8_params(p, &first, &out, &np);
	if (s != MOTE_OK)
		return s;
	np.n_in = mote__prep_n_in(p);
	np.count = (int32_t)first.elems;
	mote__prep_scratch(p, mote_add_n_scratch_size(np.n_in));
	params = mote__prep_alloc(p, sizeof *params);
	if (params == NULL)
		return mote__prep_status(p);
	*params = np;
	mote__prep_set(p, evals[k], NULL, params);
	return MOTE_OK;
}

const mote_op mote_op_add_n = { 106, NULL, "ADD_N", prepare };
