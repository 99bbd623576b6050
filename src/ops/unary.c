/* SPDX-License-Identifier: Apache-2.0 */
/*
 * unary.c - element-wise math and data operators: ABS (builtin 101), NEG
 * (59), SIN (66), COS (108), EXP (47), LOG (73), SQRT (75), RSQRT (76),
 * FLOOR (8), CEIL (104), ROUND (116), SQUARE (92), LOGICAL_NOT (87), CAST
 * (53), ZEROS_LIKE (93), FILL (94): check the model, pick the kernel
 * (kernels/unary.h).
 *
 * One input and one output with as many elements (FILL: see below).
 * Types, as TFLM supports them unless marked "mote":
 *  - NEG, SIN, COS, EXP, LOG, SQRT, FLOOR, CEIL, ROUND, SQUARE: float32.
 *  - ABS: float32; int8 (quantized); int16 quantized with zero points 0,
 *    or int16 without quantization (plain integer ABS).
 *  - RSQRT: float32; int8 and int16 (quantized; int16 zero points 0). A
 *    quantized input below its zero point makes invoke fail (E_EVAL).
 *  - LOGICAL_NOT: bool.
 *  - CAST: from float32, int8, int16, int32, uint32, bool to float32,
 *    int8, int16, int32, uint32; mote also casts from and to uint8,
 *    uint16, int64 and to bool.
 *  - ZEROS_LIKE: int8, int32, int64, float32; mote also uint8, int16,
 *    uint16, uint32, bool. Output type = input type.
 *  - FILL: input 0 the output shape (constant, rank 1, an integer type),
 *    input 1 the scalar value of the output's type: float32, int8, int32;
 *    mote also uint8, int16, int64, bool.
 * Element-wise operators whose element sizes match let the output share
 * the input's memory.
 */
#include <math.h>
#include <string.h>

#include "kernels/fixedpoint.h"
#include "kernels/unary.h"
#include "ops/op_util.h"

/* Eval params: the element count (float kernels) ... */
typedef struct n_op {
	size_t n; /* number of elements */
} n_op;

/* ... the count and quantization (ABS, RSQRT) ... */
typedef struct q_op {
	size_t n; /* number of elements */
	mote_unary_q_params k; /* the kernel's params */
} q_op;

/* ... or FILL's element size and count. */
typedef struct fill_op {
	size_t size; /* bytes per element */
	size_t n; /* number of elements */
} fill_op;

/* Evals of element-wise kernels without params: kernel(in, out, n). */
#define EVAL_F(name, kernel)                                                  \
	static mote_status name(const mote__node *n, void *const *t)          \
	{                                                                      \
		const n_op *op = n->params;                                    \
		kernel(mote__in(n, t, 0), mote__out(n, t, 0), op->n);          \
		return MOTE_OK;                                                \
	}

EVAL_F(eval_abs_f32, mote_abs_f32)
EVAL_F(eval_abs_i16, mote_abs_i16)
EVAL_F(eval_neg_f32, mote_neg_f32)
EVAL_F(eval_sin_f32, mote_sin_f32)
EVAL_F(eval_cos_f32, mote_cos_f32)
EVAL_F(eval_exp_f32, mote_exp_f32)
EVAL_F(eval_log_f32, mote_log_f32)
EVAL_F(eval_sqrt_f32, mote_sqrt_f32)
EVAL_F(eval_rsqrt_f32, mote_rsqrt_f32)
EVAL_F(eval_floor_f32, mote_floor_f32)
EVAL_F(eval_ceil_f32, mote_ceil_f32)
EVAL_F(eval_round_f32, mote_round_f32)
EVAL_F(eval_square_f32, mote_square_f32)
EVAL_F(eval_logical_not, mote_logical_not_bool)

#undef EVAL_F

static mote_status eval_abs_s8(const mote__node *n, void *const *t)
{
	const q_op *op = n->params;

	mote_abs_s8(&op->k, mote__in(n, t, 0), mote__out(n, t, 0), op->n);
	return MOTE_OK;
}

static mote_status eval_abs_s16(const mote__node *n, void *const *t)
{
	const q_op *op = n->params;

	mote_abs_s16(&op->k, mote__in(n, t, 0), mote__out(n, t, 0), op->n);
	return MOTE_OK;
}

static mote_status eval_rsqrt_s8(const mote__node *n, void *const *t)
{
	const q_op *op = n->params;

	if (!mote_rsqrt_s8(&op->k, mote__in(n, t, 0), mote__out(n, t, 0),
			   op->n))
		return MOTE_E_EVAL; /* an input below its zero point */
	return MOTE_OK;
}

static mote_status eval_rsqrt_s16(const mote__node *n, void *const *t)
{
	const q_op *op = n->params;

	if (!mote_rsqrt_s16(&op->k, mote__in(n, t, 0), mote__out(n, t, 0),
			    op->n))
		return MOTE_E_EVAL; /* an input below its zero point */
	return MOTE_OK;
}

static mote_status eval_cast(const mote__node *n, void *const *t)
{
	mote_cast(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_zeros_like(const mote__node *n, void *const *t)
{
	const n_op *op = n->params;

	mote_zeros_like(mote__out(n, t, 0), op->n);
	return MOTE_OK;
}

static mote_status eval_fill(const mote__node *n, void *const *t)
{
	const fill_op *op = n->params;

	mote_fill(mote__in(n, t, 1), op->size, mote__out(n, t, 0), op->n);
	return MOTE_OK;
}

/* The common end of every prepare: optionally share the input's memory,
 * copy the params to persistent memory, set the eval. */
static mote_status finish(mote__prep *p, bool share, mote__eval_fn fn,
			  const void *op, size_t size)
{
	mote_status s = mote__prep_status(p);
	void *dst;

	if (s != MOTE_OK)
		return s;
	if (share)
		mote__prep_share(p, 0, 0);
	dst = mote__prep_alloc(p, size);
	if (dst == NULL)
		return MOTE_OK; /* measuring */
	memcpy(dst, op, size);
	mote__prep_set(p, fn, NULL, dst);
	return MOTE_OK;
}

/* A float32 -> float32 element-wise operator. */
static mote_status prepare_float(mote__prep *p, mote__eval_fn fn)
{
	mote__tensor in, out;
	mote_status s = mote__unary_io(p, &in, &out, true);
	n_op op;

	if (s != MOTE_OK)
		return s;
	if (in.type != MOTE_FLOAT32)
		return mote__unsupported(p, &in);
	op.n = in.elems;
	return finish(p, true, fn, &op, sizeof op);
}

static mote_status prepare_neg(mote__prep *p)
{
	return prepare_float(p, eval_neg_f32);
}

static mote_status prepare_sin(mote__prep *p)
{
	return prepare_float(p, eval_sin_f32);
}

static mote_status prepare_cos(mote__prep *p)
{
	return prepare_float(p, eval_cos_f32);
}

static mote_status prepare_exp(mote__prep *p)
{
	return prepare_float(p, eval_exp_f32);
}

static mote_status prepare_log(mote__prep *p)
{
	return prepare_float(p, eval_log_f32);
}

static mote_status prepare_sqrt(mote__prep *p)
{
	return prepare_float(p, eval_sqrt_f32);
}

static mote_status prepare_floor(mote__prep *p)
{
	return prepare_float(p, eval_floor_f32);
}

static mote_status prepare_ceil(mote__prep *p)
{
	return prepare_float(p, eval_ceil_f32);
}

static mote_status prepare_round(mote__prep *p)
{
	return prepare_float(p, eval_round_f32);
}

static mote_status prepare_square(mote__prep *p)
{
	return prepare_float(p, eval_square_f32);
}

/* Checks that t has a positive finite first scale and a zero point in
 * its type's range; `sym` requires zero point 0. */
static mote_status quantized(mote__prep *p, const mote__tensor *t, bool sym)
{
	mote_status s = mote__check_quant(p, t);

	if (s != MOTE_OK)
		return s;
	if (sym && mote__zp(t, 0) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, t->index,
				       "int16 zero point must be 0");
	return MOTE_OK;
}

/* Quantization checks of ABS/RSQRT and the zero points into k. */
static mote_status q_params(mote__prep *p, const mote__tensor *in,
			    const mote__tensor *out, mote_unary_q_params *k)
{
	bool sym = in->type == MOTE_INT16;
	mote_status s = quantized(p, in, sym);

	if (s == MOTE_OK)
		s = quantized(p, out, sym);
	k->in_zp = mote__zp(in, 0);
	k->out_zp = mote__zp(out, 0);
	return s;
}

static mote_status prepare_abs(mote__prep *p)
{
	mote__tensor in, out;
	q_op op = { 0, { 0 } };
	int shift;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	op.n = in.elems;
	if (in.type == MOTE_FLOAT32)
		return finish(p, true, eval_abs_f32, &op, sizeof op);
	if (in.type == MOTE_INT16 && in.n_scale == 0)
		return finish(p, true, eval_abs_i16, &op, sizeof op);
	if (in.type != MOTE_INT8 && in.type != MOTE_INT16)
		return mote__unsupported(p, &in);
	s = q_params(p, &in, &out, &op.k);
	if (s != MOTE_OK)
		return s;
	float in_scale = mote__scale(&in, 0), out_scale = mote__scale(&out, 0);
	op.k.rescale = in_scale != out_scale;
	if (op.k.rescale) {
		/* The ratio is divided in float, as TFLM does. */
		mote_quantize_multiplier((double)(in_scale / out_scale),
					 &op.k.mult, &shift);
		op.k.shift = shift;
	}
	return finish(p, true,
		      in.type == MOTE_INT8 ? eval_abs_s8 : eval_abs_s16, &op,
		      sizeof op);
}

static mote_status prepare_rsqrt(mote__prep *p)
{
	mote__tensor in, out;
	q_op op = { 0, { 0 } };
	int shift;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	op.n = in.elems;
	if (in.type == MOTE_FLOAT32)
		return finish(p, true, eval_rsqrt_f32, &op, sizeof op);
	if (in.type != MOTE_INT8 && in.type != MOTE_INT16)
		return mote__unsupported(p, &in);
	s = q_params(p, &in, &out, &op.k);
	if (s != MOTE_OK)
		return s;
	/* 1 / (sqrtf(in_scale) * out_scale): the product in float, the
	 * reciprocal in double, as TFLM computes it. */
	float den = sqrtf(mote__scale(&in, 0)) * mote__scale(&out, 0);
	mote_quantize_multiplier(1.0 / (double)den, &op.k.mult, &shift);
	op.k.shift = shift;
	return finish(p, true,
		      in.type == MOTE_INT8 ? eval_rsqrt_s8 : eval_rsqrt_s16,
		      &op, sizeof op);
}

static mote_status prepare_logical_not(mote__prep *p)
{
	mote__tensor in, out;
	n_op op;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (in.type != MOTE_BOOL)
		return mote__unsupported(p, &in);
	op.n = in.elems;
	return finish(p, true, eval_logical_not, &op, sizeof op);
}

/* The cast kind of a tensor type; false if CAST does not handle it. */
static bool cast_kind(mote_type t, mote_cast_kind *k)
{
	static const struct {
		mote_type type; /* tensor type */
		mote_cast_kind kind; /* its cast kind */
	} kinds[] = {
		{ MOTE_FLOAT32, MOTE_CAST_F32 }, { MOTE_INT8, MOTE_CAST_S8 },
		{ MOTE_UINT8, MOTE_CAST_U8 },	 { MOTE_INT16, MOTE_CAST_S16 },
		{ MOTE_UINT16, MOTE_CAST_U16 },	 { MOTE_INT32, MOTE_CAST_S32 },
		{ MOTE_UINT32, MOTE_CAST_U32 },	 { MOTE_INT64, MOTE_CAST_S64 },
		{ MOTE_BOOL, MOTE_CAST_BOOL },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (kinds[i].type == t) {
			*k = kinds[i].kind;
			return true;
		}
	}
	return false;
}

static mote_status prepare_cast(mote__prep *p)
{
	mote__tensor in, out;
	mote_cast_params op = { MOTE_CAST_F32, MOTE_CAST_F32, 0 };
	mote_status s = mote__unary_io(p, &in, &out, false);

	if (s != MOTE_OK)
		return s;
	if (!cast_kind(in.type, &op.in))
		return mote__unsupported(p, &in);
	if (!cast_kind(out.type, &op.out))
		return mote__unsupported(p, &out);
	op.n = in.elems;
	return finish(p, in.bytes == out.bytes, eval_cast, &op, sizeof op);
}

/* True for the types ZEROS_LIKE and FILL handle. */
static bool plain_type(mote_type t)
{
	switch (t) {
	case MOTE_FLOAT32:
	case MOTE_INT8:
	case MOTE_UINT8:
	case MOTE_INT16:
	case MOTE_UINT16:
	case MOTE_INT32:
	case MOTE_UINT32:
	case MOTE_INT64:
	case MOTE_BOOL:
		return true;
	default:
		return false;
	}
}

static mote_status prepare_zeros_like(mote__prep *p)
{
	mote__tensor in, out;
	n_op op;
	mote_status s = mote__unary_io(p, &in, &out, true);

	if (s != MOTE_OK)
		return s;
	if (!plain_type(in.type))
		return mote__unsupported(p, &in);
	op.n = out.bytes;
	return finish(p, false, eval_zeros_like, &op, sizeof op);
}

/* Entry i of a constant integer vector of type t. */
static int64_t int_at(const mote__tensor *t, size_t i)
{
	switch (t->type) {
	case MOTE_INT8:
		return ((const int8_t *)t->data)[i];
	case MOTE_INT16:
		return ((const int16_t *)t->data)[i];
	case MOTE_INT32:
		return ((const int32_t *)t->data)[i];
	default:
		return ((const int64_t *)t->data)[i];
	}
}

/* FILL's dims input: constant, rank 1, integer, equal to out's shape. */
static mote_status check_dims(mote__prep *p, const mote__tensor *dims,
			      const mote__tensor *out)
{
	if (dims->type != MOTE_INT8 && dims->type != MOTE_INT16 &&
	    dims->type != MOTE_INT32 && dims->type != MOTE_INT64)
		return mote__unsupported(p, dims);
	if (dims->data == NULL)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, dims->index,
				       "FILL dims must be constant");
	if (dims->rank != 1 || dims->dims[0] != out->rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, dims->index,
				       "FILL dims length differs from the "
				       "output rank");
	for (int32_t i = 0; i < out->rank; i++) {
		if (int_at(dims, (size_t)i) != out->dims[i])
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
					       "FILL dims differ from the "
					       "output shape");
	}
	return MOTE_OK;
}

static mote_status prepare_fill(mote__prep *p)
{
	mote__tensor dims, value, out;
	fill_op op;
	mote_status s = mote__prep_expect_io(p, 2, 2, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &dims);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 1, &value);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s == MOTE_OK)
		s = check_dims(p, &dims, &out);
	if (s != MOTE_OK)
		return s;
	if (value.rank != 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, value.index,
				       "FILL value must be a scalar");
	if (value.type != out.type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out.index,
				       "FILL value and output types differ");
	if (!plain_type(out.type) || out.type == MOTE_UINT16 ||
	    out.type == MOTE_UINT32)
		return mote__unsupported(p, &out);
	op.size = mote_type_size(out.type);
	op.n = out.elems;
	return finish(p, false, eval_fill, &op, sizeof op);
}

const mote_op mote_op_abs = { 101, NULL, "ABS", prepare_abs };
const mote_op mote_op_neg = { 59, NULL, "NEG", prepare_neg };
const mote_op mote_op_sin = { 66, NULL, "SIN", prepare_sin };
const mote_op mote_op_cos = { 108, NULL, "COS", prepare_cos };
const mote_op mote_op_exp = { 47, NULL, "EXP", prepare_exp };
const mote_op mote_op_log = { 73, NULL, "LOG", prepare_log };
const mote_op mote_op_sqrt = { 75, NULL, "SQRT", prepare_sqrt };
const mote_op mote_op_rsqrt = { 76, NULL, "RSQRT", prepare_rsqrt };
const mote_op mote_op_floor = { 8, NULL, "FLOOR", prepare_floor };
const mote_op mote_op_ceil = { 104, NULL, "CEIL", prepare_ceil };
const mote_op mote_op_round = { 116, NULL, "ROUND", prepare_round };
const mote_op mote_op_square = { 92, NULL, "SQUARE", prepare_square };
const mote_op mote_op_logical_not = { 87, NULL, "LOGICAL_NOT",
				      prepare_logical_not };
const mote_op mote_op_cast = { 53, NULL, "CAST", prepare_cast };
const mote_op mote_op_zeros_like = { 93, NULL, "ZEROS_LIKE",
				     prepare_zeros_like };
const mote_op mote_op_fill = { 94, NULL, "FILL", prepare_fill };
