/* SPDX-License-Identifier: Apache-2.0 */
/*
 * op_util.c - see op_util.h.
 */
#include "ops/op_util.h"

#include "kernels/fixedpoint.h"

void mote__type_range(mote_type t, int32_t *lo, int32_t *hi)
{
	switch (t) {
	case MOTE_UINT8:
		*lo = 0;
		*hi = 255;
		break;
	case MOTE_INT8:
		*lo = -128;
		*hi = 127;
		break;
	case MOTE_INT16:
		*lo = -32768;
		*hi = 32767;
		break;
	default:
		*lo = INT32_MIN;
		*hi = INT32_MAX;
		break;
	}
}

/* TFLite's Quantize() helper: zp + round(f / scale) in float. */
static bool quantize_bound(float scale, int32_t zp, float f, int32_t *q)
{
	float tmp = mote_roundf(f / scale);
	if (!(tmp >= -2147483648.0f && tmp <= 2147483520.0f))
		return false;
	*q = zp + (int32_t)tmp;
	return true;
}

mote_status mote__act_range_q(mote__prep *p, int32_t act,
			      const mote__tensor *out, int32_t *act_min,
			      int32_t *act_max)
{
	int32_t qmin, qmax, q = 0;
	float scale = mote__scale(out, 0);
	int32_t zp = mote__zp(out, 0);
	bool ok = true;

	mote__type_range(out->type, &qmin, &qmax);
	*act_min = qmin;
	*act_max = qmax;
	switch (act) {
	case MOTE_ACT_NONE:
		return MOTE_OK;
	case MOTE_ACT_RELU:
		ok = quantize_bound(scale, zp, 0.0f, &q);
		*act_min = mote_max_i32(qmin, q);
		break;
	case MOTE_ACT_RELU6:
		ok = quantize_bound(scale, zp, 0.0f, &q);
		*act_min = mote_max_i32(qmin, q);
		ok = ok && quantize_bound(scale, zp, 6.0f, &q);
		*act_max = mote_min_i32(qmax, q);
		break;
	case MOTE_ACT_RELU_N1_TO_1:
		ok = quantize_bound(scale, zp, -1.0f, &q);
		*act_min = mote_max_i32(qmin, q);
		ok = ok && quantize_bound(scale, zp, 1.0f, &q);
		*act_max = mote_min_i32(qmax, q);
		break;
	case MOTE_ACT_TANH:
	case MOTE_ACT_SIGN_BIT:
		return MOTE_OK; /* TFLM clamps nothing for these */
	default:
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, out->index,
				       "unknown fused activation");
	}
	if (!ok)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "activation bound not representable");
	return MOTE_OK;
}

mote_status mote__act_range_f(mote__prep *p, int32_t act, float *act_min,
			      float *act_max)
{
	switch (act) {
	case MOTE_ACT_NONE:
		*act_min = -3.40282347e38f;
		*act_max = 3.40282347e38f;
		return MOTE_OK;
	case MOTE_ACT_RELU:
		*act_min = 0.0f;
		*act_max = 3.40282347e38f;
		return MOTE_OK;
	case MOTE_ACT_RELU6:
		*act_min = 0.0f;
		*act_max = 6.0f;
		return MOTE_OK;
	case MOTE_ACT_RELU_N1_TO_1:
		*act_min = -1.0f;
		*act_max = 1.0f;
		return MOTE_OK;
	case MOTE_ACT_TANH:
	case MOTE_ACT_SIGN_BIT: /* TFLM clamps nothing for these */
		*act_min = -3.40282347e38f;
		*act_max = 3.40282347e38f;
		return MOTE_OK;
	default:
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "unknown fused activation");
	}
}

bool mote__window(int32_t padding, int32_t in, int32_t filter, int32_t stride,
		  int32_t dilation, int32_t *out, int32_t *pad)
{
	int32_t eff = (filter - 1) * dilation + 1;
	int32_t o;

	if (stride <= 0 || dilation <= 0 || filter <= 0 || in <= 0)
		return false;
	if (padding == MOTE_PAD_SAME)
		o = (in + stride - 1) / stride;
	else
		o = (in + stride - eff) / stride;
	if (o <= 0)
		return false;
	int32_t total = (o - 1) * stride + eff - in;
	*pad = total > 0 ? total / 2 : 0;
	*out = o;
	return true;
}

mote_status mote__unary_io(mote__prep *p, mote__tensor *in, mote__tensor *out,
			   bool same_type)
{
	mote_status s = mote__prep_expect_io(p, 1, 1, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, in);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, out);
	if (s != MOTE_OK)
		return s;
	if (same_type && out->type != in->type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out->index,
				       "output type differs from input");
	if (out->elems != in->elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output and input sizes differ");
	return MOTE_OK;
}

mote_status mote__check_quant(mote__prep *p, const mote__tensor *t)
{
	int32_t lo, hi;
	float scale = mote__scale(t, 0);

	if (t->n_scale < 1 || !(scale > 0.0f && scale <= 3.4e38f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "tensor needs a positive scale");
	mote__type_range(t->type, &lo, &hi);
	if (t->n_zp > 0 && (t->zp[0] < lo || t->zp[0] > hi))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "zero point outside the type's range");
	return MOTE_OK;
}

mote_status mote__unsupported(mote__prep *p, const mote__tensor *t)
{
	return mote__prep_fail(p, MOTE_E_UNSUPPORTED, t->index,
			       "tensor type not supported by this operator");
}

mote_status mote__conv_tensors(mote__prep *p, mote__conv_io *io)
{
	mote_status s = mote__prep_expect_io(p, 2, 3, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &io->in);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 1, &io->filter);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &io->out);
	io->has_bias = mote__prep_has_in(p, 2);
	if (s == MOTE_OK && io->has_bias)
		s = mote__prep_in(p, 2, &io->bias);
	return s;
}

mote_status mote__conv_multipliers(mote__prep *p, const mote__conv_io *io,
				   int32_t out_c, int max_shift, int32_t *mult,
				   int32_t *shift)
{
	double in_s = (double)mote__scale(&io->in, 0);
	double out_s = (double)mote__scale(&io->out, 0);
	int32_t oc;

	if (!(in_s > 0.0 && out_s > 0.0 && in_s < 1e30 && out_s < 1e30))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->in.index,
				       "scale must be positive and finite");
	for (oc = 0; oc < out_c; oc++) {
		double f_s = (double)mote__scale(&io->filter, (uint32_t)oc);
		int32_t m;
		int sh;
		if (!(f_s >= 0.0 && f_s < 1e30))
			return mote__prep_fail(p, MOTE_E_BAD_QUANT,
					       io->filter.index,
					       "filter scale must be finite");
		mote_quantize_multiplier(in_s * f_s / out_s, &m, &sh);
		if (sh > max_shift)
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED,
					       io->out.index,
					       "output scale too small");
		if (mult != NULL) {
			mult[oc] = m;
			shift[oc] = sh;
		}
	}
	return MOTE_OK;
}

/* Zero point of t as an integer of its type; false if out of range. */
static bool zp_in_range(const mote__tensor *t, int32_t *zp)
{
	int32_t lo, hi;
	int64_t z = t->n_zp > 0 ? t->zp[0] : 0;

	mote__type_range(t->type, &lo, &hi);
	*zp = (int32_t)z;
	return z >= lo && z <= hi;
}

mote_status mote__conv_check_quant(mote__prep *p, const mote__conv_io *io,
				   int32_t out_c, int32_t *in_zp,
				   int32_t *out_zp, const char *unquantized)
{
	const mote__tensor *f = &io->filter;
	uint32_t i;

	if (io->in.n_scale < 1 || f->n_scale < 1 || io->out.n_scale < 1)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, f->index,
				       unquantized);
	if (f->n_scale != 1 &&
	    (f->n_scale != (uint32_t)out_c || f->qdim < 0 ||
	     f->qdim >= f->rank || f->dims[f->qdim] != out_c))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, f->index,
				       "filter scales are not per channel");
	for (i = 0; i < f->n_zp; i++)
		if (f->zp[i] != 0)
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED, f->index,
					       "filter zero point must be 0");
	if (!zp_in_range(&io->in, in_zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->in.index,
				       "zero point out of range");
	if (!zp_in_range(&io->out, out_zp))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, io->out.index,
				       "zero point out of range");
	if (io->in.type == MOTE_INT16 && (*in_zp != 0 || *out_zp != 0))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->in.index,
				       "int16 zero points must be 0");
	return MOTE_OK;
}
