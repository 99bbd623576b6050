/* SPDX-License-Identifier: Apache-2.0 */
/*
 * activations.c - the activation operators LOGISTIC (builtin 14), TANH
 * (28), RELU (19), RELU6 (21), HARD_SWISH (117), LEAKY_RELU (98), ELU
 * (111), LOG_SOFTMAX (50) and L2_NORMALIZATION (11): check the model,
 * precompute the scaling, pick the kernel (kernels/activations.h).
 *
 * One input and one output of the same type and size (same shape for
 * LOG_SOFTMAX and L2_NORMALIZATION, which work on the last dimension).
 * Types and quantization, as TFLM accepts them:
 *  - LOGISTIC, TANH: float32; int8 (LOGISTIC output zero point -128;
 *    the output scale is not read, as in TFLM); int16 with zero points 0,
 *    output scale 2^-15 and input scale a power of two (2^-12, or 2^-11
 *    for TANH) or below 32767 / 12288.
 *  - RELU: float32, int8, int16 (zero points 0). RELU6: float32, int8,
 *    int16 (clamped on the input scale; the output quantization is not
 *    read, as in TFLM).
 *  - HARD_SWISH: float32, int8 (output multiplier below 1).
 *  - LEAKY_RELU: float32, int8, int16; options alpha (default 0).
 *  - ELU: float32, int8 (a table built here).
 *  - LOG_SOFTMAX: float32, int8 (output scale 16/256, zero point 127;
 *    input scale above 2^-26: TFLM aborts on smaller ones).
 *  - L2_NORMALIZATION: float32, int8 (output read as scale 1/128, zero
 *    point 0), rank <= 4, no fused activation.
 * Every element-wise operator lets its output share the input's memory.
 */
#include <math.h>
#include <string.h>

#include "kernels/activations.h"
#include "kernels/fixedpoint.h"
#include "kernels/lut.h"
#include "ops/op_util.h"

/* BuiltinOptions union types and option field numbers (TFLite schema). */
enum { L2NORM_OPTIONS_TYPE = 12, LEAKY_RELU_OPTIONS_TYPE = 75 };
enum { OPT_L2NORM_ACTIVATION = 0, OPT_LEAKY_RELU_ALPHA = 0 };

/* Eval params: the element count (float kernels) ... */
typedef struct n_op {
	size_t n; /* number of elements */
} n_op;

/* ... or the element count and a kernel params struct. */
#define OP_TYPE(name, kparams)                                                \
	typedef struct name {                                                  \
		size_t n; /* number of elements */                             \
		kparams k; /* the kernel's params */                           \
	} name;

OP_TYPE(sigmoid_s8_op, mote_sigmoid_s8_params)
OP_TYPE(sigmoid_s16_op, mote_sigmoid_s16_params)
OP_TYPE(relu_op, mote_relu_params)
OP_TYPE(relu6_op, mote_relu6_params)
OP_TYPE(hard_swish_op, mote_hard_swish_s8_params)
OP_TYPE(leaky_op, mote_leaky_relu_params)
OP_TYPE(elu_op, mote_elu_s8_params)

#undef OP_TYPE

/* Evals of element-wise float kernels: kernel(in, out, n). */
#define EVAL_F(name, kernel)                                                  \
	static mote_status name(const mote__node *n, void *const *t)          \
	{                                                                      \
		const n_op *op = n->params;                                    \
		kernel(mote__in(n, t, 0), mote__out(n, t, 0), op->n);          \
		return MOTE_OK;                                                \
	}

/* Evals of element-wise kernels with params: kernel(&k, in, out, n). */
#define EVAL_K(name, optype, kernel)                                          \
	static mote_status name(const mote__node *n, void *const *t)          \
	{                                                                      \
		const optype *op = n->params;                                  \
		kernel(&op->k, mote__in(n, t, 0), mote__out(n, t, 0), op->n);  \
		return MOTE_OK;                                                \
	}

/* Evals of row kernels: kernel(params, in, out). */
#define EVAL_R(name, kernel)                                                  \
	static mote_status name(const mote__node *n, void *const *t)          \
	{                                                                      \
		kernel(n->params, mote__in(n, t, 0), mote__out(n, t, 0));      \
		return MOTE_OK;                                                \
	}

EVAL_F(eval_logistic_f32, mote_logistic_f32)
EVAL_K(eval_logistic_s8, sigmoid_s8_op, mote_logistic_s8)
EVAL_K(eval_logistic_s16, sigmoid_s16_op, mote_logistic_s16)
EVAL_F(eval_tanh_f32, mote_tanh_f32)
EVAL_K(eval_tanh_s8, sigmoid_s8_op, mote_tanh_s8)
EVAL_K(eval_tanh_s16, sigmoid_s16_op, mote_tanh_s16)
EVAL_F(eval_relu_f32, mote_relu_f32)
EVAL_K(eval_relu_s8, relu_op, mote_relu_s8)
EVAL_K(eval_relu_s16, relu_op, mote_relu_s16)
EVAL_F(eval_relu6_f32, mote_relu6_f32)
EVAL_K(eval_relu6_s8, relu6_op, mote_relu6_s8)
EVAL_K(eval_relu6_s16, relu6_op, mote_relu6_s16)
EVAL_F(eval_hard_swish_f32, mote_hard_swish_f32)
EVAL_K(eval_hard_swish_s8, hard_swish_op, mote_hard_swish_s8)
EVAL_K(eval_leaky_f32, leaky_op, mote_leaky_relu_f32)
EVAL_K(eval_leaky_s8, leaky_op, mote_leaky_relu_s8)
EVAL_K(eval_leaky_s16, leaky_op, mote_leaky_relu_s16)
EVAL_F(eval_elu_f32, mote_elu_f32)
EVAL_K(eval_elu_s8, elu_op, mote_elu_s8)
EVAL_R(eval_log_softmax_f32, mote_log_softmax_f32)
EVAL_R(eval_log_softmax_s8, mote_log_softmax_s8)
EVAL_R(eval_l2norm_f32, mote_l2norm_f32)
EVAL_R(eval_l2norm_s8, mote_l2norm_s8)

#undef EVAL_F
#undef EVAL_K
#undef EVAL_R

/* Both tensors quantized (mote__check_quant), input first. */
static mote_status quantized_io(mote__prep *p, const mote__tensor *in,
				const mote__tensor *out)
{
	mote_status s = mote__check_quant(p, in);

	if (s == MOTE_OK)
		s = mote__check_quant(p, out);
	return s;
}

/* Both tensors quantized with zero point 0 (TFLM's int16 kernels). */
static mote_status quantized_sym(mote__prep *p, const mote__tensor *in,
				 const mote__tensor *out)
{
	mote_status s = quantized_io(p, in, out);

	if (s != MOTE_OK)
		return s;
	if (mote__zp(in, 0) != 0 || mote__zp(out, 0) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "int16 zero points must be 0");
	return MOTE_OK;
}

/* The common end of every prepare: share the input's memory, copy the
 * params to persistent memory, set the eval. */
static mote_status finish(mote__prep *p, mote__eval_fn fn, const void *op,
			  size_t size)
{
	mote_status s = mote__prep_status(p);
	void *dst;

	if (s != MOTE_OK)
		return s;
	mote__prep_share(p, 0, 0);
	dst = mote__prep_alloc(p, size);
	if (dst == NULL)
		return MOTE_OK; /* measuring */
	memcpy(dst, op, size);
	mote__prep_set(p, fn, NULL, dst);
	return MOTE_OK;
}

/* A float kernel: only the count. */
static mote_status finish_f32(mote__prep *p, mote__eval_fn fn,
			      const mote__tensor *in)
{
	n_op op = { in->elems };

	return finish(p, fn, &op, sizeof op);
}

/*
 * TFLite CheckedLog2: log2(x) rounded, computed as logf(x) / logf(2) in
 * float; true when x is within 1e-3 (in log2) of that power of two.
 */
static bool checked_log2(float x, int *log2)
{
	float l = logf(x) * (1.0f / logf(2.0f));
	float r = mote_roundf(l);

	*log2 = (int)r;
	return fabsf(l - r) < 1e-3f;
}

/* int8 LOGISTIC/TANH input scaling: in_scale * 2^27 split with frexp into
 * a Q0.31 mantissa and a left shift, and the saturation radius
 * floor(15 * 2^27 / 2^shift) (TFLite CalculateInputRadius). */
static void sigmoid_s8(const mote__tensor *in, mote_sigmoid_s8_params *k)
{
	double m = (double)mote__scale(in, 0) * 134217728.0;
	int shift;
	double q = mote_frexp(m, &shift);
	int64_t mult = (int64_t)mote_round(q * 2147483648.0);

	if (mult == (1LL << 31)) { /* TFLM would overflow; same value */
		mult /= 2;
		shift++;
	}
	double radius = mote_floor(15.0 * 134217728.0 / ldexp(1.0, shift));
	k->in_zp = mote__zp(in, 0);
	k->in_mult = (int32_t)mult;
	k->in_shift = shift;
	k->in_radius = radius < 2147483647.0 ? (int32_t)radius : INT32_MAX;
}

/*
 * int16 LOGISTIC/TANH input scaling (TFLM's prepare): a power-of-two
 * input scale 2^(e - 12) with e in [0, max_pot_shift] gives multiplier
 * 3 * 2^e and no shift; any other scale gives in_scale * 3 * 2^12
 * doubled up to just above 32767 / 2 (at most 31 times), truncated.
 */
static mote_status sigmoid_s16(mote__prep *p, const mote__tensor *in,
			       const mote__tensor *out, int max_pot_shift,
			       mote_sigmoid_s16_params *k)
{
	int log2;
	mote_status s = quantized_sym(p, in, out);

	if (s != MOTE_OK)
		return s;
	if (!checked_log2(mote__scale(out, 0), &log2) || log2 != -15)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "int16 output scale must be 2^-15");
	bool pot = checked_log2(mote__scale(in, 0), &log2);
	int shift = 12 + log2;
	if (pot && shift >= 0 && shift <= max_pot_shift) {
		k->in_mult = 3 << shift;
		k->in_shift = 0;
		return MOTE_OK;
	}
	double m = (double)mote__scale(in, 0) * 4096.0 * 3.0;
	shift = 0;
	while (m <= 32767.0 / 2.0 && shift <= 30) {
		shift++;
		m *= 2.0;
	}
	if (!(m <= 32767.0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "int16 input scale too large");
	k->in_mult = (int32_t)m;
	k->in_shift = shift;
	return MOTE_OK;
}

/* LOGISTIC and TANH: `is_tanh` picks the int8 output rule, the int16
 * power-of-two shifts and the kernels. */
static mote_status prepare_sigmoid(mote__prep *p, bool is_tanh)
{
	mote__tensor in, out;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (in.type == MOTE_FLOAT32)
		return finish_f32(p, is_tanh ? eval_tanh_f32 : eval_logistic_f32,
				  &in);
	if (in.type == MOTE_INT8) {
		sigmoid_s8_op op = { in.elems, { 0 } };
		s = mote__check_quant(p, &in);
		if (s != MOTE_OK)
			return s;
		if (!is_tanh && (out.n_zp < 1 || out.zp[0] != -128))
			return mote__prep_fail(p, MOTE_E_BAD_QUANT, out.index,
					       "int8 LOGISTIC output zero "
					       "point must be -128");
		sigmoid_s8(&in, &op.k);
		return finish(p, is_tanh ? eval_tanh_s8 : eval_logistic_s8, &op,
			      sizeof op);
	}
	if (in.type == MOTE_INT16) {
		sigmoid_s16_op op = { in.elems, { 0 } };
		s = sigmoid_s16(p, &in, &out, is_tanh ? 1 : 0, &op.k);
		if (s != MOTE_OK)
			return s;
		return finish(p, is_tanh ? eval_tanh_s16 : eval_logistic_s16,
			      &op, sizeof op);
	}
	return mote__unsupported(p, &in);
}

static mote_status prepare_logistic(mote__prep *p)
{
	return prepare_sigmoid(p, false);
}

static mote_status prepare_tanh(mote__prep *p)
{
	return prepare_sigmoid(p, true);
}

static mote_status prepare_relu(mote__prep *p)
{
	mote__tensor in, out;
	relu_op op = { 0, { 0 } };
	int shift;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (in.type == MOTE_FLOAT32)
		return finish_f32(p, eval_relu_f32, &in);
	if (in.type != MOTE_INT8 && in.type != MOTE_INT16)
		return mote__unsupported(p, &in);
	if (in.type == MOTE_INT16)
		s = quantized_sym(p, &in, &out);
	else
		s = quantized_io(p, &in, &out);
	if (s != MOTE_OK)
		return s;
	/* in_scale / out_scale is divided in float, as TFLM does. */
	float ratio = mote__scale(&in, 0) / mote__scale(&out, 0);
	mote_quantize_multiplier((double)ratio, &op.k.mult, &shift);
	op.n = in.elems;
	op.k.shift = shift;
	op.k.in_zp = mote__zp(&in, 0);
	op.k.out_zp = mote__zp(&out, 0);
	mote__type_range(out.type, &op.k.act_min, &op.k.act_max);
	op.k.act_min = mote_max_i32(op.k.act_min, op.k.out_zp);
	return finish(p, in.type == MOTE_INT8 ? eval_relu_s8 : eval_relu_s16,
		      &op, sizeof op);
}

static mote_status prepare_relu6(mote__prep *p)
{
	mote__tensor in, out;
	relu6_op op = { 0, { 0, 0 } };
	int32_t lo, hi;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (in.type == MOTE_FLOAT32)
		return finish_f32(p, eval_relu6_f32, &in);
	if (in.type != MOTE_INT8 && in.type != MOTE_INT16)
		return mote__unsupported(p, &in);
	s = mote__check_quant(p, &in);
	if (s != MOTE_OK)
		return s;
	/* zp + round(6 / in_scale), clamped (TFLM FloatToQuantizedType);
	 * an out-of-int32 quotient becomes INT32_MIN as on x86-64. */
	float six = mote_roundf(6.0f / mote__scale(&in, 0));
	int32_t q6 = six < 2147483648.0f ? (int32_t)six : INT32_MIN;
	mote__type_range(in.type, &lo, &hi);
	op.n = in.elems;
	op.k.lo = mote__zp(&in, 0);
	op.k.hi = mote_clamp_i32(mote_wrap_add(q6, op.k.lo), lo, hi);
	return finish(p, in.type == MOTE_INT8 ? eval_relu6_s8 : eval_relu6_s16,
		      &op, sizeof op);
}

/* TFLite DownScaleInt32ToInt16Multiplier: round a Q0.31 to a Q0.15. */
static int16_t mult_to_q15(int32_t m)
{
	if (m >= INT32_MAX - (1 << 15))
		return INT16_MAX;
	return (int16_t)((m + (1 << 15)) >> 16);
}

static mote_status prepare_hard_swish(mote__prep *p)
{
	mote__tensor in, out;
	hard_swish_op op = { 0, { 0 } };
	int32_t m;
	int shift;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (in.type == MOTE_FLOAT32)
		return finish_f32(p, eval_hard_swish_f32, &in);
	if (in.type != MOTE_INT8)
		return mote__unsupported(p, &in);
	if ((s = quantized_io(p, &in, &out)) != MOTE_OK)
		return s;
	/* TFLM's float arithmetic: in_scale / 128 against the output scale
	 * and against 3 / 32768 (the scale where 3.0 is 2^15). */
	float hires = (1.0f / 128.0f) * mote__scale(&in, 0);
	mote_quantize_multiplier((double)(hires / mote__scale(&out, 0)), &m,
				 &shift);
	op.k.out_mult = mult_to_q15(m);
	op.k.out_exp = shift;
	if (shift > 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out.index,
				       "HARD_SWISH output scale too small");
	mote_quantize_multiplier((double)(hires / (3.0f / 32768.0f)), &m,
				 &shift);
	op.k.relu_mult = mult_to_q15(m);
	op.k.relu_exp = shift;
	if (shift > 31)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in.index,
				       "HARD_SWISH input scale too large");
	op.n = in.elems;
	op.k.in_zp = mote__zp(&in, 0);
	op.k.out_zp = mote__zp(&out, 0);
	return finish(p, eval_hard_swish_s8, &op, sizeof op);
}

static mote_status prepare_leaky_relu(mote__prep *p)
{
	mote__tensor in, out;
	leaky_op op = { 0, { 0 } };
	uint8_t ot = mote__prep_opts_type(p);
	int shift;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (ot != 0 && ot != LEAKY_RELU_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not LeakyReluOptions");
	op.n = in.elems;
	op.k.alpha = mote__opt_f32(p, OPT_LEAKY_RELU_ALPHA, 0.0f);
	if (in.type == MOTE_FLOAT32)
		return finish(p, eval_leaky_f32, &op, sizeof op);
	if (in.type != MOTE_INT8 && in.type != MOTE_INT16)
		return mote__unsupported(p, &in);
	if ((s = quantized_io(p, &in, &out)) != MOTE_OK)
		return s;
	/* Both ratios in float, as TFLM computes them. */
	float in_scale = mote__scale(&in, 0), out_scale = mote__scale(&out, 0);
	int32_t m;
	mote_quantize_multiplier((double)(in_scale * op.k.alpha / out_scale),
				 &m, &shift);
	op.k.alpha_negative = m < 0;
	op.k.mult_alpha = m < 0 ? mote_wrap_sub(0, m) : m;
	op.k.shift_alpha = shift;
	mote_quantize_multiplier((double)(in_scale / out_scale),
				 &op.k.mult_identity, &shift);
	op.k.shift_identity = shift;
	op.k.in_zp = mote__zp(&in, 0);
	op.k.out_zp = mote__zp(&out, 0);
	return finish(p, in.type == MOTE_INT8 ? eval_leaky_s8 : eval_leaky_s16,
		      &op, sizeof op);
}

/* The function the int8 ELU table holds. */
static float elu_value(float x, const void *ctx)
{
	(void)ctx;
	return x < 0.0f ? expf(x) - 1.0f : x;
}

static mote_status prepare_elu(mote__prep *p)
{
	mote__tensor in, out;
	elu_op op;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (in.type == MOTE_FLOAT32)
		return finish_f32(p, eval_elu_f32, &in);
	if (in.type != MOTE_INT8)
		return mote__unsupported(p, &in);
	if ((s = quantized_io(p, &in, &out)) != MOTE_OK)
		return s;
	op.n = in.elems;
	mote_lut_populate_s8(mote__scale(&in, 0), mote__zp(&in, 0),
			     mote__scale(&out, 0), mote__zp(&out, 0), elu_value,
			     NULL, op.k.lut);
	return finish(p, eval_elu_s8, &op, sizeof op);
}

/* Same shape, rank >= 1; the rows of the last dimension. */
static mote_status rows(mote__prep *p, const mote__tensor *in,
			const mote__tensor *out, mote_rows *r)
{
	if (in->rank < 1 || !mote__same_shape(in, out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "input and output shapes differ");
	r->depth = (size_t)in->dims[in->rank - 1];
	r->outer = r->depth > 0 ? in->elems / r->depth : 0;
	return MOTE_OK;
}

/* int8 LOG_SOFTMAX scaling: TFLite PreprocessLogSoftmaxScalingExp with
 * beta 1 and 5 integer bits, and diff_min = -CalculateInputRadius. */
static mote_status log_softmax_s8(mote__prep *p, const mote__tensor *in,
				  mote_log_softmax_s8_params *k)
{
	double m = (double)mote__scale(in, 0) * 67108864.0;
	int shift, rshift;

	m = m < 2147483647.0 ? m : 2147483647.0;
	if (!(m > 1.0))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "LOG_SOFTMAX input scale too small");
	mote_quantize_multiplier(m, &k->in_mult, &shift);
	/* 2^(31 - shift) / mult is 1 / m, below 1 since m > 1. */
	double reverse = (double)(1LL << (31 - shift)) / (double)k->in_mult;
	mote_quantize_multiplier(reverse, &k->reverse_mult, &rshift);
	k->in_shift = shift;
	k->reverse_shift = rshift;
	k->diff_min = -(int32_t)mote_floor(31.0 * 67108864.0 /
					   ldexp(1.0, shift));
	return MOTE_OK;
}

static mote_status prepare_log_softmax(mote__prep *p)
{
	mote__tensor in, out;
	mote_log_softmax_s8_params op = { { 0, 0 }, 0, 0, 0, 0, 0 };
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s == MOTE_OK)
		s = rows(p, &in, &out, &op.rows);
	if (s != MOTE_OK)
		return s;
	if (in.type == MOTE_FLOAT32)
		return finish(p, eval_log_softmax_f32, &op.rows, sizeof op.rows);
	if (in.type != MOTE_INT8)
		return mote__unsupported(p, &in);
	s = mote__check_quant(p, &in);
	if (s != MOTE_OK)
		return s;
	if (out.n_scale < 1 || mote__scale(&out, 0) != 16.0f / 256.0f ||
	    mote__zp(&out, 0) != 127)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out.index,
				       "int8 LOG_SOFTMAX output must have "
				       "scale 16/256 and zero point 127");
	s = log_softmax_s8(p, &in, &op);
	if (s != MOTE_OK)
		return s;
	return finish(p, eval_log_softmax_s8, &op, sizeof op);
}

static mote_status prepare_l2norm(mote__prep *p)
{
	mote__tensor in, out;
	mote_l2norm_s8_params op = { { 0, 0 }, 0 };
	uint8_t ot = mote__prep_opts_type(p);
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s == MOTE_OK)
		s = rows(p, &in, &out, &op.rows);
	if (s != MOTE_OK)
		return s;
	if (ot != 0 && ot != L2NORM_OPTIONS_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "options are not L2NormOptions");
	if (mote__opt_u8(p, OPT_L2NORM_ACTIVATION, MOTE_ACT_NONE) !=
	    MOTE_ACT_NONE)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "L2_NORMALIZATION fused activation");
	if (in.rank > 4)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "L2_NORMALIZATION rank above 4");
	if (in.type == MOTE_FLOAT32)
		return finish(p, eval_l2norm_f32, &op.rows, sizeof op.rows);
	if (in.type != MOTE_INT8)
		return mote__unsupported(p, &in);
	s = mote__check_quant(p, &in);
	if (s != MOTE_OK)
		return s;
	op.in_zp = mote__zp(&in, 0);
	return finish(p, eval_l2norm_s8, &op, sizeof op);
}

const mote_op mote_op_logistic = { 14, NULL, "LOGISTIC", prepare_logistic };
const mote_op mote_op_tanh = { 28, NULL, "TANH", prepare_tanh };
const mote_op mote_op_relu = { 19, NULL, "RELU", prepare_relu };
const mote_op mote_op_relu6 = { 21, NULL, "RELU6", prepare_relu6 };
const mote_op mote_op_hard_swish = { 117, NULL, "HARD_SWISH",
				     prepare_hard_swish };
const mote_op mote_op_leaky_relu = { 98, NULL, "LEAKY_RELU",
				     prepare_leaky_relu };
const mote_op mote_op_elu = { 111, NULL, "ELU", prepare_elu };
const mote_op mote_op_log_softmax = { 50, NULL, "LOG_SOFTMAX",
				      prepare_log_softmax };
const mote_op mote_op_l2_normalization = { 11, NULL, "L2_NORMALIZATION",
					   prepare_l2norm };
