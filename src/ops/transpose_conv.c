/* SPDX-License-Identifier: Apache-2.0 */
/*
 * transpose_conv.c - the TRANSPOSE_CONV operator (67).
 *
 * Inputs: 0 output_shape (int32[4]; checked against the output when
 * constant, otherwise unused, as in TFLM), 1 filter [out_c, fh, fw, in_c],
 * 2 input NHWC, 3 optional bias [out_c]. Output NHWC.
 * TransposeConvOptions: padding (0), stride_w (1), stride_h (2),
 * fused_activation_function (3); padding is computed as for a CONV_2D
 * running from the output back to the input.
 * Types: float32; int8 with int8 (per-channel) filter and int32 bias;
 * int16 with int8 filter and int64 bias (an int16 or int32 constant bias
 * is widened here once; TFLM widens int16 at every invoke and misreads
 * int32). Per-tensor filter scales are broadcast to every channel.
 * Stricter than TFLM (whose kernels would ignore them and compute
 * something else): filter zero points must be 0, and for int16 the input
 * and output zero points too.
 */
#include "kernels/fixedpoint.h"
#include "kernels/transpose_conv.h"
#include "ops/op_util.h"

/* TransposeConvOptions field numbers in the TFLite schema. */
enum {
	OPT_PADDING = 0,
	OPT_STRIDE_W = 1,
	OPT_STRIDE_H = 2,
	OPT_ACTIVATION = 3,
};

/* What eval needs, kept in the arena. */
typedef struct tconv_op {
	mote_transpose_conv_params k; /* kernel parameters */
	const int64_t *bias64; /* int16: widened constant bias, or NULL */
} tconv_op;

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	const tconv_op *c = n->params;
	mote_transpose_conv_f32(&c->k, mote__in(n, t, 2), mote__in(n, t, 1),
				n->n_in > 3 ? mote__in(n, t, 3) : NULL,
				mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	const tconv_op *c = n->params;
	mote_transpose_conv_s8(&c->k, mote__in(n, t, 2), mote__in(n, t, 1),
			       n->n_in > 3 ? mote__in(n, t, 3) : NULL,
			       mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	const tconv_op *c = n->params;
	const int64_t *bias = c->bias64;
	if (!bias && n->n_in > 3)
		bias = mote__in(n, t, 3);
	mote_transpose_conv_s16(&c->k, mote__in(n, t, 2), mote__in(n, t, 1),
				bias, mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

/* Leading padding of one dimension, as TFLM computes it from the output
 * size (the "input" of the equivalent convolution). */
static int32_t pad_of(int32_t padding, int32_t out, int32_t filter,
		      int32_t stride)
{
	int32_t o, pad;
	if (mote__window(padding, out, filter, stride, 1, &o, &pad))
		return pad;
	if (padding != MOTE_PAD_VALID)
		return 0;
	/* VALID with a window larger than out + stride: TFLM's padding
	 * helper still yields a (positive) padding here. */
	int64_t v = ((int64_t)out + stride - filter) / stride;
	if (v < 0)
		return 0;
	int64_t total = (v - 1) * stride + filter - out;
	return total > 0 ? (int32_t)(total / 2) : 0;
}

static mote_status check_shapes(mote__prep *p, const mote__tensor *shape,
				const mote__tensor *filter,
				const mote__tensor *in,
				const mote__tensor *out)
{
	if (in->rank != 4 || filter->rank != 4 || out->rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input, filter and output must be 4-D");
	if (in->dims[0] != out->dims[0] || in->dims[3] != filter->dims[3] ||
	    filter->dims[0] != out->dims[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, filter->index,
				       "input, filter and output disagree");
	if (shape->data == NULL)
		return MOTE_OK;
	if (shape->type != MOTE_INT32 || shape->elems != 4)
		return mote__prep_fail(p, MOTE_E_INVALID, shape->index,
				       "output_shape must be int32[4]");
	const int32_t *v = shape->data;
	for (int d = 0; d < 4; d++) {
		if (v[d] != out->dims[d])
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE,
					       shape->index,
					       "output_shape differs from output");
	}
	return MOTE_OK;
}

/* Expected filter and bias types for input type `in`, false if none. */
static bool types_for(mote_type in, mote_type *filter, mote_type *bias)
{
	switch (in) {
	case MOTE_FLOAT32:
		*filter = MOTE_FLOAT32;
		*bias = MOTE_FLOAT32;
		return true;
	case MOTE_INT8:
		*filter = MOTE_INT8;
		*bias = MOTE_INT32;
		return true;
	case MOTE_INT16:
		*filter = MOTE_INT8;
		*bias = MOTE_INT64;
		return true;
	default:
		return false;
	}
}

static mote_status check_types(mote__prep *p, const mote__tensor *filter,
			       const mote__tensor *in, const mote__tensor *bias,
			       const mote__tensor *out)
{
	mote_type ft, bt;
	if (!types_for(in->type, &ft, &bt))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "input type");
	if (filter->type != ft)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, filter->index,
				       "filter type (hybrid models unsupported)");
	if (out->type != in->type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out->index,
				       "output type differs from input");
	if (!bias)
		return MOTE_OK;
	if (bias->elems != (size_t)out->dims[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, bias->index,
				       "bias size is not the output depth");
	bool widen = in->type == MOTE_INT16 && bias->data != NULL &&
		     (bias->type == MOTE_INT16 || bias->type == MOTE_INT32);
	if (bias->type != bt && !widen)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, bias->index,
				       "bias type");
	return MOTE_OK;
}

/* Per-channel multipliers (arrays allocated by the caller) and range. */
static mote_status prepare_quant(mote__prep *p, const mote__tensor *filter,
				 const mote__tensor *in,
				 const mote__tensor *out, int32_t act,
				 int32_t *mult, int32_t *shift,
				 mote_transpose_conv_params *k)
{
	int32_t oc = out->dims[3];
	if (in->n_scale == 0 || out->n_scale == 0 || filter->n_scale == 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, filter->index,
				       "tensors must be quantized");
	if (filter->n_scale != 1 && filter->n_scale != (uint32_t)oc)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, filter->index,
				       "filter scales are not per output channel");
	for (int32_t c = 0; mult && c < oc; c++) {
		double real = (double)mote__scale(in, 0) *
			      (double)mote__scale(filter, (uint32_t)c) /
			      (double)mote__scale(out, 0);
		int s;
		mote_quantize_multiplier(real, &mult[c], &s);
		shift[c] = s;
	}
	for (uint32_t c = 0; c < filter->n_zp; c++) {
		if (filter->zp[c] != 0)
			return mote__prep_fail(p, MOTE_E_BAD_QUANT,
					       filter->index,
					       "filter zero point must be 0");
	}
	if (in->type == MOTE_INT16 &&
	    (mote__zp(in, 0) != 0 || mote__zp(out, 0) != 0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "int16 zero points must be 0");
	k->in_zp = mote__zp(in, 0);
	k->out_zp = mote__zp(out, 0);
	return mote__act_range_q(p, act, out, &k->act_min, &k->act_max);
}

static void widen_bias(const mote__tensor *bias, int64_t *b64)
{
	for (size_t i = 0; i < bias->elems; i++) {
		if (bias->type == MOTE_INT16)
			b64[i] = ((const int16_t *)bias->data)[i];
		else
			b64[i] = ((const int32_t *)bias->data)[i];
	}
}

static mote_status fill_geometry(mote__prep *p, const mote__tensor *filter,
				 const mote__tensor *in,
				 const mote__tensor *out,
				 mote_transpose_conv_params *k)
{
	int32_t padding = mote__opt_u8(p, OPT_PADDING, MOTE_PAD_SAME);
	k->stride_w = mote__opt_i32(p, OPT_STRIDE_W, 0);
	k->stride_h = mote__opt_i32(p, OPT_STRIDE_H, 0);
	if (k->stride_w <= 0 || k->stride_h <= 0 ||
	    (padding != MOTE_PAD_SAME && padding != MOTE_PAD_VALID))
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "stride or padding");
	k->batches = in->dims[0];
	k->in_h = in->dims[1];
	k->in_w = in->dims[2];
	k->in_c = in->dims[3];
	k->filter_h = filter->dims[1];
	k->filter_w = filter->dims[2];
	k->out_h = out->dims[1];
	k->out_w = out->dims[2];
	k->out_c = out->dims[3];
	k->pad_h = pad_of(padding, k->out_h, k->filter_h, k->stride_h);
	k->pad_w = pad_of(padding, k->out_w, k->filter_w, k->stride_w);
	/* A valid model scatters every input pixel near the output: (in - 1)
	 * x stride stays below out + filter. Larger strides (hostile models)
	 * would overflow the kernels' int32 position arithmetic. */
	if ((int64_t)(k->in_h - 1) * k->stride_h > (int64_t)k->out_h + k->filter_h ||
	    (int64_t)(k->in_w - 1) * k->stride_w > (int64_t)k->out_w + k->filter_w)
		return mote__prep_fail(p, MOTE_E_INVALID, out->index,
				       "stride too large for the output");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor shape, filter, in, bias, out;
	mote_transpose_conv_params k = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 3, 4, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &shape)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &filter)) != MOTE_OK ||
	    (s = mote__prep_in(p, 2, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK)
		return s;
	bool has_bias = mote__prep_has_in(p, 3);
	if (has_bias && (s = mote__prep_in(p, 3, &bias)) != MOTE_OK)
		return s;
	const mote__tensor *bp = has_bias ? &bias : NULL;
	if ((s = check_shapes(p, &shape, &filter, &in, &out)) != MOTE_OK ||
	    (s = check_types(p, &filter, &in, bp, &out)) != MOTE_OK ||
	    (s = fill_geometry(p, &filter, &in, &out, &k)) != MOTE_OK)
		return s;
	int32_t act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	if (in.type == MOTE_FLOAT32 &&
	    (s = mote__act_range_f(p, act, &k.act_min_f, &k.act_max_f)) !=
		    MOTE_OK)
		return s;
	bool quant = in.type != MOTE_FLOAT32;
	bool widen = bp && in.type == MOTE_INT16 && bias.type != MOTE_INT64;
	if (quant && (s = prepare_quant(p, &filter, &in, &out, act, NULL, NULL,
					&k)) != MOTE_OK)
		return s;
	if (in.type == MOTE_INT8)
		mote__prep_scratch(p, mote_transpose_conv_s8_scratch_size(&k));
	if (in.type == MOTE_INT16)
		mote__prep_scratch(p, mote_transpose_conv_s16_scratch_size(&k));

	size_t oc = (size_t)k.out_c;
	tconv_op *c = mote__prep_alloc(p, sizeof *c);
	int32_t *mult = quant ? mote__prep_alloc(p, oc * sizeof *mult) : NULL;
	int32_t *shift = quant ? mote__prep_alloc(p, oc * sizeof *shift) : NULL;
	int64_t *b64 = widen ? mote__prep_alloc(p, oc * sizeof *b64) : NULL;
	if (!c)
		return MOTE_OK;
	c->k = k;
	if (quant) {
		prepare_quant(p, &filter, &in, &out, act, mult, shift, &c->k);
		c->k.mult = mult;
		c->k.shift = shift;
	}
	if (widen) {
		widen_bias(&bias, b64);
		c->bias64 = b64;
	}
	mote__eval_fn eval = in.type == MOTE_FLOAT32 ? eval_f32
			     : in.type == MOTE_INT8  ? eval_s8
						     : eval_s16;
	mote__prep_set(p, eval, NULL, c);
	return MOTE_OK;
}

const mote_op mote_op_transpose_conv = { 67, NULL, "TRANSPOSE_CONV", prepare };
