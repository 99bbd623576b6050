/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv_2d.c - the CONV_2D operator (builtin 3): checks the model, computes
 * the per-channel multipliers once and picks the kernel (kernels/conv2d.h).
 *
 * Inputs: 0 input [N, H, W, C], 1 filter [OC, KH, KW, C / groups],
 * 2 bias [OC] (optional, -1 when absent). Output 0: [N, OH, OW, OC].
 * Supported, as in TFLM: float32; int8 with int8 or packed int4 filter and
 * int32 bias; int16 activations with int8 filter and int64 bias (64-bit
 * accumulator) or int32 bias (32-bit accumulator; also chosen without bias
 * when the options' quantized_bias_type is INT32). Per-tensor filter scales
 * are broadcast to every output channel as TFLM does.
 * Stricter than TFLM (these would make TFLM compute something other than
 * the quantized convolution): filter zero points must be 0, int16 zero
 * points must be 0, the output shape must be the one the options imply.
 */
#include "kernels/conv2d.h"
#include "kernels/fixedpoint.h"
#include "kernels/select.h"
#include "ops/op_util.h"

/* Conv2DOptions field numbers in the TFLite schema. */
enum {
	OPT_PADDING = 0,
	OPT_STRIDE_W = 1,
	OPT_STRIDE_H = 2,
	OPT_ACTIVATION = 3,
	OPT_DILATION_W = 4,
	OPT_DILATION_H = 5,
	OPT_QUANTIZED_BIAS_TYPE = 6,
};

/* The operator's params: the kernels' struct first (every eval passes the
 * node's params on as a mote_conv2d_params), then the int8 kernel that
 * mote_select_conv2d_s8() chose for this layer at prepare. */
typedef struct conv_op {
	mote_conv2d_params k; /* kernel params, multipliers follow the struct */
	mote_conv2d_s8_fn s8; /* int8 kernel (NULL for other types) */
} conv_op;

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_conv2d_f32(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			mote__in(n, t, 2), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	const conv_op *op = n->params;

	op->s8(&op->k, mote__in(n, t, 0), mote__in(n, t, 1), mote__in(n, t, 2),
	       mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s8w4(const mote__node *n, void *const *t)
{
	mote_conv2d_s8w4(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			 mote__in(n, t, 2), mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_conv2d_s16(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			mote__in(n, t, 2), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s16_acc32(const mote__node *n, void *const *t)
{
	mote_conv2d_s16_acc32(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			      mote__in(n, t, 2), mote__out(n, t, 0));
	return MOTE_OK;
}

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

/* Geometry from the shapes and options into cp; validates both. */
static mote_status geometry(mote__prep *p, const mote__conv_io *io,
			    mote_conv2d_params *cp)
{
	const int32_t *id = io->in.dims, *fd = io->filter.dims;
	const int32_t *od = io->out.dims;
	int32_t padding = mote__opt_u8(p, OPT_PADDING, MOTE_PAD_SAME);
	mote_status s;

	if (io->in.rank != 4 || io->filter.rank != 4 || io->out.rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->in.index,
				       "conv tensors must have rank 4");
	if (od[0] != id[0] || od[3] != fd[0])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->out.index,
				       "output batch or channels mismatch");
	if (id[3] < 1 || fd[3] < 1 || id[3] % fd[3] != 0 ||
	    fd[0] % (id[3] / fd[3]) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->filter.index,
				       "filter depth does not divide channels");
	if (io->has_bias && io->bias.elems != (size_t)fd[0])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, io->bias.index,
				       "bias size is not output channels");
	if (padding != MOTE_PAD_SAME && padding != MOTE_PAD_VALID)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, "padding");
	cp->batches = id[0];
	cp->in_h = id[1];
	cp->in_w = id[2];
	cp->in_c = id[3];
	cp->out_c = fd[0];
	cp->filter_h = fd[1];
	cp->filter_w = fd[2];
	cp->filter_c = fd[3];
	cp->groups = id[3] / fd[3];
	cp->out_h = od[1];
	cp->out_w = od[2];
	cp->stride_w = mote__opt_i32(p, OPT_STRIDE_W, 0);
	cp->stride_h = mote__opt_i32(p, OPT_STRIDE_H, 0);
	cp->dilation_w = mote__opt_i32(p, OPT_DILATION_W, 1);
	cp->dilation_h = mote__opt_i32(p, OPT_DILATION_H, 1);
	s = window_dim(p, padding, cp->in_h, cp->filter_h, cp->stride_h,
		       cp->dilation_h, cp->out_h, &cp->pad_h);
	if (s != MOTE_OK)
		return s;
	return window_dim(p, padding, cp->in_w, cp->filter_w, cp->stride_w,
			  cp->dilation_w, cp->out_w, &cp->pad_w);
}

/* Checks the element types; says which kernel runs. */
typedef enum kind { K_F32, K_S8, K_S8W4, K_S16, K_S16_ACC32 } kind;

static mote_status types(mote__prep *p, const mote__conv_io *io, kind *k)
{
	mote_type it = io->in.type, ft = io->filter.type;
	mote_type bt = io->has_bias ? io->bias.type : MOTE_FLOAT32;
	int32_t qbt = mote__opt_u8(p, OPT_QUANTIZED_BIAS_TYPE, MOTE_FLOAT32);

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
	if (it == MOTE_INT16 && ft == MOTE_INT8 && io->has_bias &&
	    (bt == MOTE_INT32 || bt == MOTE_INT64)) {
		*k = bt == MOTE_INT32 ? K_S16_ACC32 : K_S16;
		return MOTE_OK;
	}
	if (it == MOTE_INT16 && ft == MOTE_INT8 && !io->has_bias) {
		*k = qbt == MOTE_INT32 ? K_S16_ACC32 : K_S16;
		return MOTE_OK;
	}
	return mote__prep_fail(p, MOTE_E_UNSUPPORTED, io->filter.index,
			       "conv type combination (input/filter/bias)");
}

/* Largest shift the kernel's requantization handles exactly. */
static int max_shift(kind k)
{
	return k == K_S16 ? 14 : 30;
}

/* Activation range, quantization and multipliers of the integer kernels. */
static mote_status quantized(mote__prep *p, const mote__conv_io *io, kind k,
			     mote_conv2d_params *cp)
{
	int32_t act = mote__opt_u8(p, OPT_ACTIVATION, MOTE_ACT_NONE);
	mote_status s = mote__conv_check_quant(p, io, cp->out_c, &cp->in_zp,
					       &cp->out_zp, "conv tensors must be quantized");

	if (s != MOTE_OK)
		return s;
	s = mote__act_range_q(p, act, &io->out, &cp->act_min, &cp->act_max);
	if (s != MOTE_OK)
		return s;
	return mote__conv_multipliers(p, io, cp->out_c, max_shift(k), NULL, NULL);
}

static mote_status prepare(mote__prep *p)
{
	static const mote__eval_fn evals[] = { eval_f32, eval_s8, eval_s8w4,
					       eval_s16, eval_s16_acc32 };
	mote_conv2d_params g = { 0 }, *cp;
	mote_conv2d_s8_fn s8 = NULL;
	conv_op *op;
	mote__conv_io io;
	size_t scratch = 0, arrays;
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

	if (k == K_S8)
		s8 = mote_select_conv2d_s8(&g, &scratch);
	if (k == K_S8W4)
		scratch = mote_conv2d_s8w4_scratch_size(&g);
	if (scratch > 0)
		mote__prep_scratch(p, scratch);
	arrays = k == K_F32 ? 0 : 2u * (size_t)g.out_c * sizeof(int32_t);
	op = mote__prep_alloc(p, sizeof *op + arrays);
	if (op == NULL)
		return MOTE_OK; /* measuring */
	cp = &op->k;
	*cp = g;
	op->s8 = s8;
	if (k != K_F32) {
		int32_t *mult = (int32_t *)(op + 1);
		int32_t *shift = mult + g.out_c;
		mote__conv_multipliers(p, &io, g.out_c, max_shift(k), mult, shift);
		cp->mult = mult;
		cp->shift = shift;
	}
	mote__prep_set(p, evals[k], NULL, cp);
	return MOTE_OK;
}

const mote_op mote_op_conv_2d = { 3, NULL, "CONV_2D", prepare };
