/* SPDX-License-Identifier: Apache-2.0 */
/*
 * binary_common.c - see binary_common.h.
 */
#include "ops/binary_common.h"

#include <string.h>

#include "kernels/fixedpoint.h"
#include "ops/op_util.h"

mote_status mote__binary_begin(mote__prep *p, mote__binary *b, bool same_type)
{
	mote_status s;

	memset(b, 0, sizeof *b);
	s = mote__prep_expect_io(p, 2, 2, 1);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &b->in1);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 1, &b->in2);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &b->out);
	if (s != MOTE_OK)
		return s;
	if (same_type && b->in1.type != b->in2.type)
		return mote__prep_fail(p, MOTE_E_INVALID, b->in2.index,
				       "inputs differ in type");
	if (b->out.elems > INT32_MAX || b->in1.elems > INT32_MAX ||
	    b->in2.elems > INT32_MAX)
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, b->out.index,
				       "tensor has more than 2^31-1 elements");

	const int32_t *dims[2] = { b->in1.dims, b->in2.dims };
	const int32_t rank[2] = { b->in1.rank, b->in2.rank };
	if (!mote_bcast_init(&b->params.bc, 2, dims, rank, b->out.dims,
			     b->out.rank))
		return mote__prep_fail(p, MOTE_E_INVALID, b->out.index,
				       "inputs do not broadcast to the output "
				       "shape");
	if (b->in1.type == b->out.type && mote__same_shape(&b->in1, &b->out))
		mote__prep_share(p, 0, 0);
	else if (b->in2.type == b->out.type &&
		 mote__same_shape(&b->in2, &b->out))
		mote__prep_share(p, 0, 1);
	return MOTE_OK;
}

mote_status mote__binary_finish(mote__prep *p, const mote__binary *b,
				mote__eval_fn eval)
{
	mote_binary_params *params = mote__prep_alloc(p, sizeof *params);

	if (params == NULL)
		return mote__prep_status(p);
	*params = b->params;
	mote__prep_set(p, eval, NULL, params);
	return MOTE_OK;
}

/* TFLite CalculateActivationRange<int32_t>. */
static void int32_act_range(int32_t act, int32_t *lo, int32_t *hi)
{
	*lo = INT32_MIN;
	*hi = INT32_MAX;
	switch (act) {
	case MOTE_ACT_RELU:
		*lo = 0;
		break;
	case MOTE_ACT_RELU6:
		*lo = 0;
		*hi = 6;
		break;
	case MOTE_ACT_RELU_N1_TO_1:
		*lo = -1;
		*hi = 1;
		break;
	default:
		break;
	}
}

mote_status mote__binary_act(mote__prep *p, mote__binary *b, int32_t act)
{
	mote_binary_params *bp = &b->params;

	if (act != MOTE_ACT_RELU && act != MOTE_ACT_RELU6 &&
	    act != MOTE_ACT_RELU_N1_TO_1)
		act = MOTE_ACT_NONE;
	switch (b->out.type) {
	case MOTE_FLOAT32:
		return mote__act_range_f(p, act, &bp->act_min_f,
					 &bp->act_max_f);
	case MOTE_INT32:
		int32_act_range(act, &bp->act_min, &bp->act_max);
		return MOTE_OK;
	default:
		return mote__act_range_q(p, act, &b->out, &bp->act_min,
					 &bp->act_max);
	}
}

mote_status mote__expect_types(mote__prep *p, const mote__tensor *t,
			       const mote_type *types, int n, int *index)
{
	for (int i = 0; i < n; i++) {
		*index = i;
		if (t->type == types[i])
			return MOTE_OK;
	}
	return mote__prep_fail(p, MOTE_E_UNSUPPORTED, t->index,
			       "tensor type not supported by this operator");
}

mote_status mote__expect_quant(mote__prep *p, const mote__tensor *t)
{
	if (t->n_scale == 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "quantized tensor has no scale");
	return MOTE_OK;
}

mote_status mote__quant_mult_lt1(mote__prep *p, double m, int32_t tensor,
				 int32_t *mult, int32_t *shift)
{
	int sh = 0;

	if (!(m > 0.0 && m < 1.0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, tensor,
				       "rescale multiplier not in (0, 1)");
	mote_quantize_multiplier(m, mult, &sh);
	if (sh > 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, tensor,
				       "rescale multiplier rounds to 1");
	*shift = sh;
	return MOTE_OK;
}

mote_status mote__quant_mult(mote__prep *p, double m, int32_t tensor,
			     int32_t *mult, int32_t *shift)
{
	int sh = 0;

	if (!(m >= 0.0 && m <= 1.7976931348623157e308))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, tensor,
				       "rescale multiplier not finite");
	mote_quantize_multiplier(m, mult, &sh);
	if (sh > 31)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, tensor,
				       "rescale multiplier above 2^31");
	*shift = sh;
	return MOTE_OK;
}
