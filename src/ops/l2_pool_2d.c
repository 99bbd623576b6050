/* SPDX-License-Identifier: Apache-2.0 */
/*
 * l2_pool_2d.c - the L2_POOL_2D operator (12), float32 only (as TFLM).
 *
 * Input and output NHWC, rank 4. Pool2DOptions: padding (0), stride_w
 * (1), stride_h (2), filter_width (3), filter_height (4),
 * fused_activation_function (5). The output shape must be the one the
 * window gives (TFLM overwrites it; mote checks it).
 */
#include "kernels/l2_pool.h"
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

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_l2_pool_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status geometry(mote__prep *p, const mote__tensor *in,
			    const mote__tensor *out, mote_l2_pool_params *k)
{
	int32_t padding = mote__opt_u8(p, OPT_PADDING, MOTE_PAD_SAME);
	int32_t oh, ow;

	k->stride_w = mote__opt_i32(p, OPT_STRIDE_W, 0);
	k->stride_h = mote__opt_i32(p, OPT_STRIDE_H, 0);
	k->filter_w = mote__opt_i32(p, OPT_FILTER_W, 0);
	k->filter_h = mote__opt_i32(p, OPT_FILTER_H, 0);
	if (padding != MOTE_PAD_SAME && padding != MOTE_PAD_VALID)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, "padding");
	if (!mote__window(padding, in->dims[1], k->filter_h, k->stride_h, 1,
			  &oh, &k->pad_h) ||
	    !mote__window(padding, in->dims[2], k->filter_w, k->stride_w, 1,
			  &ow, &k->pad_w))
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "window, stride or input size");
	if (out->dims[0] != in->dims[0] || out->dims[1] != oh ||
	    out->dims[2] != ow || out->dims[3] != in->dims[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output shape does not match the window");
	k->batches = in->dims[0];
	k->in_h = in->dims[1];
	k->in_w = in->dims[2];
	k->c = in->dims[3];
	k->out_h = oh;
	k->out_w = ow;
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, out;
	mote_l2_pool_params k = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK)
		return s;
	if (in.type != MOTE_FLOAT32)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "input type (float32 only)");
	if (out.type != MOTE_FLOAT32)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out.index,
				       "output type differs from input");
	if (in.rank != 4 || out.rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "input and output must be 4-D");
	if ((s = geometry(p, &in, &out, &k)) != MOTE_OK)
		return s;
	int32_t act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	if ((s = mote__act_range_f(p, act, &k.act_min, &k.act_max)) != MOTE_OK)
		return s;

	mote_l2_pool_params *kp = mote__prep_alloc(p, sizeof *kp);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__prep_set(p, eval_f32, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_l2_pool_2d = { 12, NULL, "L2_POOL_2D", prepare };
