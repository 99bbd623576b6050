/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch_matmul.c - the BATCH_MATMUL operator (126).
 *
 * Inputs: 0 lhs, 1 rhs, both float32, int8 or int16 (16-bit: all zero
 * points 0), ranks 2..8 (TFLM: 2..5), batch dims broadcasting.
 * Output: same type, element count of the broadcast product.
 * BatchMatMulOptions: adj_x (field 0), adj_y (field 1); the hybrid
 * asymmetric_quantize_inputs (field 2) does not apply (TFLM has no
 * hybrid path either). The quantized multiplier is
 * double(float(scale_lhs * scale_rhs)) / scale_out, as TFLM's
 * GetQuantizedConvolutionMultipler computes it.
 */
#include "kernels/batch_matmul.h"
#include "kernels/fixedpoint.h"
#include "ops/op_util.h"

/* BatchMatMulOptions field numbers in the TFLite schema. */
enum { OPT_ADJ_X = 0, OPT_ADJ_Y = 1 };

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_batch_matmul_f32(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			      mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	mote_batch_matmul_s8(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			     mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_batch_matmul_s16(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			      mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status prepare_quant(mote__prep *p, const mote__tensor *lhs,
				 const mote__tensor *rhs,
				 const mote__tensor *out,
				 mote_batch_matmul_params *k)
{
	const mote__tensor *ts[3] = { lhs, rhs, out };
	for (int i = 0; i < 3; i++) {
		if (ts[i]->n_scale == 0 || !(mote__scale(ts[i], 0) > 0.0f))
			return mote__prep_fail(p, MOTE_E_BAD_QUANT,
					       ts[i]->index, "not quantized");
		if (out->type == MOTE_INT16 && mote__zp(ts[i], 0) != 0)
			return mote__prep_fail(p, MOTE_E_BAD_QUANT,
					       ts[i]->index,
					       "int16 zero point must be 0");
	}
	float prod = mote__scale(lhs, 0) * mote__scale(rhs, 0);
	int shift;
	mote_quantize_multiplier((double)prod / (double)mote__scale(out, 0),
				 &k->mult, &shift);
	k->shift = shift;
	k->lhs_zp = mote__zp(lhs, 0);
	k->rhs_zp = mote__zp(rhs, 0);
	k->out_zp = mote__zp(out, 0);
	mote__type_range(out->type, &k->act_min, &k->act_max);
	return MOTE_OK;
}

static mote_status check_types(mote__prep *p, const mote__tensor *lhs,
			       const mote__tensor *rhs,
			       const mote__tensor *out)
{
	if (lhs->type != MOTE_FLOAT32 && lhs->type != MOTE_INT8 &&
	    lhs->type != MOTE_INT16)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, lhs->index,
				       "input type");
	if (rhs->type != lhs->type)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, rhs->index,
				       "rhs type differs from lhs (hybrid)");
	if (out->type != lhs->type)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, out->index,
				       "output type differs from lhs");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor lhs, rhs, out;
	mote_batch_matmul_params k = { 0 };
	int32_t out_dims[MOTE_MAX_DIMS], out_rank;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &lhs)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &rhs)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check_types(p, &lhs, &rhs, &out)) != MOTE_OK)
		return s;
	bool adj_x = mote__opt_bool(p, OPT_ADJ_X, false);
	bool adj_y = mote__opt_bool(p, OPT_ADJ_Y, false);
	if (!mote_batch_matmul_init(&k, lhs.dims, lhs.rank, rhs.dims, rhs.rank,
				    adj_x, adj_y, out_dims, &out_rank))
		return mote__prep_fail(p, MOTE_E_INVALID, rhs.index,
				       "operand shapes do not multiply");
	size_t elems = 1;
	for (int32_t d = 0; d < out_rank; d++)
		elems *= (size_t)out_dims[d];
	if (elems != out.elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output size does not match");
	if (lhs.type != MOTE_FLOAT32 &&
	    (s = prepare_quant(p, &lhs, &rhs, &out, &k)) != MOTE_OK)
		return s;

	mote_batch_matmul_params *kp = mote__prep_alloc(p, sizeof *kp);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__eval_fn eval = lhs.type == MOTE_FLOAT32 ? eval_f32
			     : lhs.type == MOTE_INT8  ? eval_s8
						      : eval_s16;
	mote__prep_set(p, eval, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_batch_matmul = { 126, NULL, "BATCH_MATMUL", prepare };
