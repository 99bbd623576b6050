/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling.c - the AVERAGE_POOL_2D (builtin 1) and MAX_POOL_2D (builtin 17)
 * operators: check the model, compute the padding and activation range
 * once and pick the kernel (kernels/pooling.h).
 *
 * Input 0 [N, H, W, C], output 0 [N, OH, OW, C] of the same type: float32,
 * int8 or int16. Options (Pool2DOptions): padding, strides, filter size,
 * fused activation. As TFLM, quantized input and output must share their
 * quantization (scales within 1e-6, equal zero points).
 * Stricter than TFLM: the output shape must be the one the options imply.
 */
#include "kernels/pooling.h"
#include "ops/op_util.h"

/* Pool2DOptions field numbers in the TFLite schema. */
enum {
	OPT_PADDING = 0,
	OPT_STRIDE_W = 1,
	OPT_STRIDE_H = 2,
	OPT_FILTER_W = 3,
	OPT_FILTER_H = 4,
	OPT_ACTIVATION = 5,
};

/* BuiltinOptions union type of Pool2DOptions. */
enum { POOL_OPTIONS_TYPE = 5 };

static mote_status eval_avg_f32(const mote__node *n, void *const *t)
{
	mote_avgpool_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_avg_s8(const mote__node *n, void *const *t)
{
	mote_avgpool_s8(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_avg_s16(const mote__node *n, void *const *t)
{
	mote_avgpool_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_max_f32(const mote__node *n, void *const *t)
{
	mote_maxpool_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_max_s8(const mote__node *n, void *const *t)
{
	mote_maxpool_s8(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_max_s16(const mote__node *n, void *const *t)
{
	mote_maxpool_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

/*
 * One spatial dimension: output size and leading padding from the
 * options, compared with the output shape.
 */
static mote_status window_dim(mote__prep *p, int32_t padding, int32_t in,
			      int32_t filter, int32_t stride, int32_t want_out,
			      int32_t *pad)
{
	int32_t out;

	if (stride < 1 || filter < 1)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "pool stride and filter must be >= 1");
	if (filter > INT32_MAX / 2 || stride > INT32_MAX / 2 ||
	    in > INT32_MAX / 2)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "pool stride or filter too large");
	if (!mote__window(padding, in, filter, stride, 1, &out, pad))
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "filter larger than padded input");
	if (out != want_out)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, -1,
				       "output size does not match options");
	return MOTE_OK;
}

/* Geometry from the shapes and options into pp; validates both. */
static mote_status geometry(mote__prep *p, const mote__tensor *in,
			    const mote__tensor *out, mote_pool_params *pp)
{
	const int32_t *id = in->dims, *od = out->dims;
	int32_t padding = mote__opt_u8(p, OPT_PADDING, MOTE_PAD_SAME);
	mote_status s;

	if (in->rank != 4 || out->rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "pool tensors must have rank 4");
	if (od[0] != id[0] || od[3] != id[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output batch or channels mismatch");
	if (padding != MOTE_PAD_SAME && padding != MOTE_PAD_VALID)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, "padding");
	pp->batches = id[0];
	pp->in_h = id[1];
	pp->in_w = id[2];
	pp->c = id[3];
	pp->out_h = od[1];
	pp->out_w = od[2];
	pp->stride_w = mote__opt_i32(p, OPT_STRIDE_W, 0);
	pp->stride_h = mote__opt_i32(p, OPT_STRIDE_H, 0);
	pp->filter_w = mote__opt_i32(p, OPT_FILTER_W, 0);
	pp->filter_h = mote__opt_i32(p, OPT_FILTER_H, 0);
	s = window_dim(p, padding, pp->in_h, pp->filter_h, pp->stride_h,
		       pp->out_h, &pp->pad_h);
	if (s != MOTE_OK)
		return s;
	return window_dim(p, padding, pp->in_w, pp->filter_w, pp->stride_w,
			  pp->out_w, &pp->pad_w);
}

/* Types, shared quantization and the activation range into pp. */
static mote_status activation(mote__prep *p, const mote__tensor *in,
			      const mote__tensor *out, mote_pool_params *pp)
{
	int32_t act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	float ds;

	if (out->type != in->type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out->index,
				       "output type differs from input");
	if (in->type == MOTE_FLOAT32)
		return mote__act_range_f(p, act, &pp->act_min_f,
					 &pp->act_max_f);
	if (in->type != MOTE_INT8 && in->type != MOTE_INT16)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "pool input type");
	ds = mote__scale(in, 0) - mote__scale(out, 0);
	ds = ds < 0 ? -ds : ds;
	if (!((double)ds <= 1.0e-6) || mote__zp(in, 0) != mote__zp(out, 0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "pool input and output quantization "
				       "differ");
	return mote__act_range_q(p, act, out, &pp->act_min, &pp->act_max);
}

/* The shared prepare; evals[] is indexed float32, int8, int16. */
static mote_status prepare_pool(mote__prep *p, const mote__eval_fn *evals)
{
	mote_pool_params g = { 0 }, *pp;
	mote__tensor in, out;
	uint8_t ot = mote__prep_opts_type(p);
	mote_status s = mote__prep_expect_io(p, 1, 1, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &in);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s == MOTE_OK && ot != 0 && ot != POOL_OPTIONS_TYPE)
		s = mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				    "options are not Pool2DOptions");
	if (s == MOTE_OK)
		s = geometry(p, &in, &out, &g);
	if (s == MOTE_OK)
		s = activation(p, &in, &out, &g);
	if (s == MOTE_OK)
		s = mote__prep_status(p);
	if (s != MOTE_OK)
		return s;
	pp = mote__prep_alloc(p, sizeof *pp);
	if (pp == NULL)
		return MOTE_OK; /* measuring */
	*pp = g;
	mote__prep_set(p,
		       evals[in.type == MOTE_FLOAT32 ? 0
			     : in.type == MOTE_INT8  ? 1
						     : 2],
		       NULL, pp);
	return MOTE_OK;
}

static mote_status prepare_avg(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_avg_f32, eval_avg_s8,
					       eval_avg_s16 };
	return prepare_pool(p, evals);
}

static mote_status prepare_max(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_max_f32, eval_max_s8,
					       eval_max_s16 };
	return prepare_pool(p, evals);
}

const mote_op mote_op_average_pool_2d = { 1, NULL, "AVERAGE_POOL_2D",
					  prepare_avg };
const mote_op mote_op_max_pool_2d = { 17, NULL, "MAX_POOL_2D", prepare_max };
