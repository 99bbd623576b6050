/* SPDX-License-Identifier: Apache-2.0 */
/*
 * softmax.c - the SOFTMAX operator (builtin 25): checks the model,
 * computes the input scaling once and picks the kernel (kernels/softmax.h).
 *
 * Input 0 and output 0 have the same shape (rank >= 1); softmax runs over
 * the last dimension with the options' beta (schema default 0).
 * Supported, as in TFLM: float32 -> float32; int8 -> int8 (output scale
 * exactly 1/256, zero point -128); int8 -> int16 (output scale 1/65536
 * within 0.1%, zero point -32768); int16 -> int16 (zero points 0, output
 * scale 1/32768 within 0.1%).
 * Scaling as TFLM: int8 input uses PreprocessSoftmaxScaling (beta *
 * in_scale * 2^26 capped at 2^31 - 1; TFLM aborts when it is <= 1, mote
 * refuses the model) and diff_min = -floor(31 * 2^26 / 2^shift)
 * (CalculateInputRadius); int16 input uses in_scale * beta / (10 / 65535).
 * Stricter than TFLM where its arithmetic overflows: rows of more than 4095
 * (int8) or 65536 (int16) values, int16 beta x scale beyond 2^15 x 10 /
 * 65535.
 */
#include "kernels/softmax.h"
#include "kernels/fixedpoint.h"
#include "ops/op_util.h"

/* SoftmaxOptions field numbers in the TFLite schema. */
enum { OPT_BETA = 0 };

/* BuiltinOptions union type of SoftmaxOptions. */
enum { SOFTMAX_OPTIONS_TYPE = 9 };

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_softmax_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	mote_softmax_s8(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8_s16(const mote__node *n, void *const *t)
{
	mote_softmax_s8_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_softmax_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

/* Which kernel runs; indexes the evals table in prepare. */
typedef enum kind { K_F32, K_S8, K_S8_S16, K_S16 } kind;

/* True if |scale - want| <= want / 1000 in float, as TF_LITE_ENSURE_NEAR. */
static bool scale_near(float scale, float want)
{
	float delta = scale > want ? scale - want : want - scale;
	return !(delta > 0.001f * want);
}

/* Checks types and the fixed output quantization; says which kernel. */
static mote_status types(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *out, kind *k)
{
	float os = mote__scale(out, 0);
	int32_t ozp = mote__zp(out, 0);

	if (in->type == MOTE_FLOAT32 && out->type == MOTE_FLOAT32) {
		*k = K_F32;
		return MOTE_OK;
	}
	if (in->n_scale < 1 || out->n_scale < 1)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "softmax tensors must be quantized");
	if (in->type == MOTE_INT8 && out->type == MOTE_INT8) {
		*k = K_S8;
		if (ozp == -128 && os == 1.0f / 256)
			return MOTE_OK;
	} else if (in->type == MOTE_INT8 && out->type == MOTE_INT16) {
		*k = K_S8_S16;
		if (ozp == -32768 && scale_near(os, 1.0f / 65536))
			return MOTE_OK;
	} else if (in->type == MOTE_INT16 && out->type == MOTE_INT16) {
		*k = K_S16;
		if (mote__zp(in, 0) == 0 && ozp == 0 &&
		    scale_near(os, 1.0f / 32768))
			return MOTE_OK;
	} else {
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, out->index,
				       "softmax type combination");
	}
	return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
			       "softmax output quantization is not the "
			       "fixed one TFLM requires");
}

/* int8 input: PreprocessSoftmaxScaling and CalculateInputRadius. */
static mote_status scaling_s8(mote__prep *p, const mote__tensor *in, float beta,
			      mote_softmax_params *sp)
{
	double m = (double)beta * (double)mote__scale(in, 0) * 67108864.0;
	int shift;

	m = m < 2147483647.0 ? m : 2147483647.0;
	if (!(m > 1.0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "beta x input scale too small");
	mote_quantize_multiplier(m, &sp->mult, &shift);
	/* 31 * 2^26 / 2^shift, floored; 0 once shift >= 31, and then only
	 * zero differences are scaled, so a shift of 31 is as good. */
	sp->diff_min = -(int32_t)((31LL << 26) >> shift);
	sp->shift = shift < 31 ? shift : 31;
	return MOTE_OK;
}

/* int16 input: the scaling that maps [-10, 0] onto [-65535, 0]. */
static mote_status scaling_s16(mote__prep *p, const mote__tensor *in,
			       float beta, mote_softmax_params *sp)
{
	double m = (double)mote__scale(in, 0) * (double)beta / (10.0 / 65535.0);
	int shift;

	if (!(m >= 0.0 && m < 1e9))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "beta x input scale out of range");
	mote_quantize_multiplier(m, &sp->mult, &shift);
	sp->shift = shift;
	/* TFLM shifts differences down to -65535 left before multiplying;
	 * beyond 15 that overflows int32. */
	if (shift > 15)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "beta x input scale too large for "
				       "int16 softmax");
	return MOTE_OK;
}

/* Shapes, types and scaling into sp; says which kernel runs. */
static mote_status check(mote__prep *p, mote_softmax_params *sp, kind *k)
{
	mote__tensor in, out;
	uint8_t ot = mote__prep_opts_type(p);
	mote_status s = mote__prep_expect_io(p, 1, 1, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &in);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s != MOTE_OK)
		return s;
	if (ot != 0 && ot != SOFTMAX_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not SoftmaxOptions");
	if (in.rank < 1 || !mote__same_shape(&in, &out) ||
	    in.dims[in.rank - 1] < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "softmax input and output shapes");
	sp->depth = in.dims[in.rank - 1];
	sp->outer = (int32_t)(in.elems / (size_t)sp->depth);
	sp->beta = mote__opt_f32(p, OPT_BETA, 0.0f);
	s = types(p, &in, &out, k);
	if (s != MOTE_OK || *k == K_F32)
		return s;
	if (sp->depth > (*k == K_S16 ? 65536 : 4095))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "softmax row too long for TFLM's int32 "
				       "sum of exps");
	if (*k == K_S16)
		return scaling_s16(p, &in, sp->beta, sp);
	return scaling_s8(p, &in, sp->beta, sp);
}

static mote_status prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_f32, eval_s8, eval_s8_s16,
					       eval_s16 };
	mote_softmax_params g = { 0 }, *sp;
	kind k = K_F32;
	mote_status s = check(p, &g, &k);

	if (s == MOTE_OK)
		s = mote__prep_status(p);
	if (s != MOTE_OK)
		return s;
	sp = mote__prep_alloc(p, sizeof *sp);
	if (sp == NULL)
		return MOTE_OK; /* measuring */
	*sp = g;
	mote__prep_set(p, evals[k], NULL, sp);
	return MOTE_OK;
}

const mote_op mote_op_softmax = { 25, NULL, "SOFTMAX", prepare };
