/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv_2d.c - the DEPTHWISE_CONV_2D operator (builtin 4): checks
 * the model, computes the per-channel multipliers once and picks the kernel
 * (kernels/depthwise_conv2d.h).
 *
 * Inputs: 0 input [N, H, W, C], 1 filter [1, KH, KW, C * M], 2 bias [C * M]
 * (optional, -1 when absent). Output 0: [N, OH, OW, C * M].
 * Supported, as in TFLM: float32; int8 with int8 or packed int4 filter and
 * int32 bias; int16 activations with int8 filter and int64 bias. Per-tensor
 * filter scales are broadcast to every channel as TFLM does.
 * Stricter than TFLM: the filter's first dimension must be 1, the options'
 * depth_multiplier must match the shapes (0 is taken as "from the shapes"),
 * filter zero points and int16 zero points must be 0, and an int16 model
 * with an int32 bias is refused (TFLM would read that bias as int64).
 */
#include "kernels/depthwise_conv2d.h"
#include "kernels/fixedpoint.h"
#include "kernels/select.h"
#include "ops/op_util.h"

/* DepthwiseConv2DOptions field numbers in the TFLite schema. */
enum {
	OPT_PADDING = 0,
	OPT_STRIDE_W = 1,
	OPT_STRIDE_H = 2,
	OPT_DEPTH_MULTIPLIER = 3,
	OPT_ACTIVATION = 4,
	OPT_DILATION_W = 5,
	OPT_DILATION_H = 6,
};

/* The operator's params: the kernels' struct first (every eval passes the
 * node's params on as a mote_depthwise_conv2d_params), then the int8
 * kernel that mote_select_depthwise_conv2d_s8() chose at prepare. */
typedef struct dw_op {
	mote_depthwise_conv2d_params k; /* kernel params, multipliers follow */
	mote_depthwise_conv2d_s8_fn s8; /* int8 kernel (NULL for other types) */
} dw_op;

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_depthwise_conv2d_f32(n->params, mote__in(n, t, 0),
				  mote__in(n, t, 1), mote__in(n, t, 2),
				  mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	const dw_op *op = n->params;

	op->s8(&op->k, mote__in(n, t, 0), mote__in(n, t, 1), mote__in(n, t, 2),
	       mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8w4(const mote__node *n, void *const *t)
{
	mote_depthwise_conv2d_s8w4(n->params, mote__in(n, t, 0),
				   mote__in(n, t, 1), mote__in(n, t, 2),
				   mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_depthwise_conv2d_s16(n->params, mote__in(n, t, 0),
				  mote__in(n, t, 1), mote__in(n, t, 2),
				  mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

/* Which kernel runs. */
typedef enum kind { K_F32, K_S8, K_S8W4, K_S16 } kind;

/*
 * One spatial dimension: checks the option values for overflow, computes
 * the output size and leading padding, and compares with the output shape.
 */
static mote_status window_dim(mote__prep *p, int32_t padding, int32_t in,
			      int32_t filter, int32_t stride, int32_t dilation,
			      int32_t want_out, int32_t *pad)
{
	int32_t out;
	int64_t eff;

	if (stride < 1 || dilation < 1)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "stride and dilation must be >= 1");
	eff = ((int64_t)filter - 1) * dilation + 1;
	if (eff > INT32_MAX / 2 || (int64_t)in + stride > INT32_MAX / 2)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "stride or dilation too large");
	if (!mote__window(padding, in, filter, stride, dilation, &out, pad))
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "filter larger than padded input");
	if (out != want_out)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, -1,
				       "output size does not match options");
	return MOTE_OK;
}

/* Channel counts from the shapes and options; validates them. */
static mote_status channels(mote__prep *p, const mote__conv_io *io,
			    mote_depthwise_conv2d_params *dp)
{
	const int32_t *id = io->in.dims, *fd = io->filter.dims;
	int32_t dm_opt = mote__opt_i32(p, OPT_DEPTH_MULTIPLIER, 0);

	if (io->in.rank != 4 || io->filter.rank != 4 || io->out.rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->in.index,
				       "depthwise tensors must have rank 4");
	if (fd[0] != 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->filter.index,
				       "filter dimension 0 must be 1");
	if (id[3] < 1 || fd[3] % id[3] != 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->filter.index,
				       "filter channels not a multiple of in");
	if (dm_opt != 0 && (int64_t)dm_opt * id[3] != fd[3])
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "depth_multiplier mismatches shapes");
	if (io->out.dims[0] != id[0] || io->out.dims[3] != fd[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->out.index,
				       "output batch or channels mismatch");
	if (io->has_bias && io->bias.elems != (size_t)fd[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->bias.index,
				       "bias size is not output channels");
	dp->batches = id[0];
	dp->in_h = id[1];
	dp->in_w = id[2];
	dp->in_c = id[3];
	dp->filter_h = fd[1];
	dp->filter_w = fd[2];
	dp->out_c = fd[3];
	dp->depth_mult = fd[3] / id[3];
	dp->out_h = io->out.dims[1];
	dp->out_w = io->out.dims[2];
	return MOTE_OK;
}

/* Geometry from the shapes and options into dp; validates both. */
static mote_status geometry(mote__prep *p, const mote__conv_io *io,
			    mote_depthwise_conv2d_params *dp)
{
	int32_t padding = mote__opt_u8(p, OPT_PADDING, MOTE_PAD_SAME);
	mote_status s = channels(p, io, dp);

	if (s != MOTE_OK)
		return s;
	if (padding != MOTE_PAD_SAME && padding != MOTE_PAD_VALID)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, "padding");
	dp->stride_w = mote__opt_i32(p, OPT_STRIDE_W, 0);
	dp->stride_h = mote__opt_i32(p, OPT_STRIDE_H, 0);
	dp->dilation_w = mote__opt_i32(p, OPT_DILATION_W, 1);
	dp->dilation_h = mote__opt_i32(p, OPT_DILATION_H, 1);
	s = window_dim(p, padding, dp->in_h, dp->filter_h, dp->stride_h,
		       dp->dilation_h, dp->out_h, &dp->pad_h);
	if (s != MOTE_OK)
		return s;
	return window_dim(p, padding, dp->in_w, dp->filter_w, dp->stride_w,
			  dp->dilation_w, dp->out_w, &dp->pad_w);
}

/* Checks the element types; says which kernel runs. */
static mote_status types(mote__prep *p, const mote__conv_io *io, kind *k)
{
	mote_type it = io->in.type, ft = io->filter.type;
	mote_type bt = io->has_bias ? io->bias.type : MOTE_FLOAT32;

	if (io->out.type != it)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, io->out.index,
				       "output type differs from input");
	if (it == MOTE_FLOAT32 && ft == MOTE_FLOAT32 && bt == MOTE_FLOAT32) {
		*k = K_F32;
		return MOTE_OK;
	}
	if (it == MOTE_INT8 && (ft == MOTE_INT8 || ft == MOTE_INT4) &&
	    (!io->has_bias || bt == MOTE_INT32)) {
		*k = ft == MOTE_INT8 ? K_S8 : K_S8W4;
		return MOTE_OK;
	}
	if (it == MOTE_INT16 && ft == MOTE_INT8 &&
	    (!io->has_bias || bt == MOTE_INT64)) {
		*k = K_S16;
		return MOTE_OK;
	}
	return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->filter.index,
			       "depthwise types (input/filter/bias)");
}

/* Largest shift the kernel's requantization handles exactly. */
static int max_shift(kind k)
{
	return k == K_S16 ? 14 : 30;
}

/* Activation range, quantization and multipliers of the integer kernels. */
static mote_status quantized(mote__prep *p, const mote__conv_io *io, kind k,
			     mote_depthwise_conv2d_params *dp)
{
	int32_t act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	mote_status s = mote__conv_check_quant(p, io, dp->out_c, &dp->in_zp,
					       &dp->out_zp, "depthwise tensors must be quantized");

	if (s != MOTE_OK)
		return s;
	s = mote__act_range_q(p, act, &io->out, &dp->act_min, &dp->act_max);
	if (s != MOTE_OK)
		return s;
	return mote__conv_multipliers(p, io, dp->out_c, max_shift(k), NULL, NULL);
}

/* Scratch bytes of kernel k. */
static size_t scratch_size(kind k, const mote_depthwise_conv2d_params *dp)
{
	switch (k) {
	case K_S8:
		return mote_depthwise_conv2d_s8_scratch_size(dp);
	case K_S8W4:
		return mote_depthwise_conv2d_s8w4_scratch_size(dp);
	case K_S16:
		return mote_depthwise_conv2d_s16_scratch_size(dp);
	default:
		return mote_depthwise_conv2d_f32_scratch_size(dp);
	}
}

static mote_status prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_f32, eval_s8, eval_s8w4,
					       eval_s16 };
	mote_depthwise_conv2d_params g = { 0 }, *dp;
	mote_depthwise_conv2d_s8_fn s8 = NULL;
	size_t arrays, scratch;
	dw_op *op;
	mote__conv_io io;
	mote_status s;
	kind k = K_F32;

	s = mote__conv_tensors(p, &io);
	if (s == MOTE_OK)
		s = types(p, &io, &k);
	if (s == MOTE_OK)
		s = geometry(p, &io, &g);
	if (s == MOTE_OK && k != K_F32)
		s = quantized(p, &io, k, &g);
	if (s == MOTE_OK && k == K_F32)
		s = mote__act_range_f(p, mote__opt_u8(p, OPT_ACTIVATION, 0),
				      &g.act_min_f, &g.act_max_f);
	if (s == MOTE_OK)
		s = mote__prep_status(p);
	if (s != MOTE_OK)
		return s;

	scratch = scratch_size(k, &g);
	if (k == K_S8)
		s8 = mote_select_depthwise_conv2d_s8(&g, &scratch);
	mote__prep_scratch(p, scratch);
	arrays = k == K_F32 ? 0 : 2u * (size_t)g.out_c * sizeof(int32_t);
	op = mote__prep_alloc(p, sizeof *op + arrays);
	if (op == NULL)
		return MOTE_OK; /* measuring */
	dp = &op->k;
	*dp = g;
	op->s8 = s8;
	if (k != K_F32) {
		int32_t *mult = (int32_t *)(op + 1);
		int32_t *shift = mult + g.out_c;
		mote__conv_multipliers(p, &io, g.out_c, max_shift(k), mult, shift);
		dp->mult = mult;
		dp->shift = shift;
	}
	mote__prep_set(p, evals[k], NULL, dp);
	return MOTE_OK;
}

const mote_op mote_op_depthwise_conv_2d = { 4, NULL, "DEPTHWISE_CONV_2D",
					    prepare };
