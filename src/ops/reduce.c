/* SPDX-License-Identifier: Apache-2.0 */
/*
 * reduce.c - the reduction operators MEAN (40), SUM (74), REDUCE_MAX (82),
 * REDUCE_MIN (89) and REDUCE_ALL (140).
 *
 * Inputs: 0 data, 1 axis (int32, any shape; negative and repeated axes
 * allowed). Output: the reduction, whose element count must match the
 * reduced shape; keep_dims (ReducerOptions field 0) changes only the
 * output's shape, so the kernels do not need it.
 * Types (as TFLM): MEAN and SUM float32/int8/int16, REDUCE_MAX/MIN
 * float32/int8 (output quantized as the input), REDUCE_ALL bool.
 * A constant axis is resolved here; otherwise eval resolves it from the
 * tensor on each invoke and fails if it is out of range or gives another
 * element count. Quantized MEAN/SUM use one int32 scratch per output.
 */
#include "kernels/fixedpoint.h"
#include "kernels/reduce.h"
#include "ops/op_util.h"

enum reduce_kind { K_MEAN, K_SUM, K_MAX, K_MIN, K_ALL };

/* What eval needs, kept in the arena. */
typedef struct reduce_op {
	mote_reduce_q_params q; /* shape and (quantized) rescaling */
	int32_t base_mult; /* scale_in / scale_out before folding 1/count */
	int32_t base_shift; /* its shift */
	bool fold_count; /* quantized MEAN: fold 1/count into q.mult */
	bool dynamic_axis; /* the axis tensor is read at every invoke */
	int32_t n_axis; /* number of axis values (dynamic axis) */
	int32_t out_elems; /* output element count (dynamic axis) */
} reduce_op;

/* Sets the multiplier of q for its shape's count. */
static void fold(const reduce_op *r, mote_reduce_q_params *q)
{
	q->mult = r->base_mult;
	q->shift = r->base_shift;
	if (r->fold_count && q->shape.count > 0)
		mote_mean_multiplier(r->base_mult, r->base_shift,
				     q->shape.count, &q->mult, &q->shift);
}

/* The parameters of this invoke: the prepared ones, or for a dynamic
 * axis a copy in `local` resolved from the axis tensor (NULL if bad). */
static const mote_reduce_q_params *
current(const mote__node *n, void *const *t, mote_reduce_q_params *local)
{
	const reduce_op *r = n->params;
	if (!r->dynamic_axis)
		return &r->q;
	*local = r->q;
	if (!mote_reduce_shape_init(&local->shape, r->q.shape.dims,
				    r->q.shape.rank, mote__in(n, t, 1),
				    r->n_axis))
		return NULL;
	if (local->shape.n_out != r->out_elems)
		return NULL;
	fold(r, local);
	return local;
}

static mote_status eval_mean_f32(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_mean_f32(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_mean_s8(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_mean_s8(q, mote__in(n, t, 0), mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_mean_s16(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_mean_s16(q, mote__in(n, t, 0), mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_sum_f32(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_sum_f32(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_sum_s8(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_sum_s8(q, mote__in(n, t, 0), mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_sum_s16(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_sum_s16(q, mote__in(n, t, 0), mote__out(n, t, 0), n->scratch);
	return MOTE_OK;
}

static mote_status eval_max_f32(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_reduce_max_f32(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_max_s8(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_reduce_max_s8(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_min_f32(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_reduce_min_f32(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_min_s8(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_reduce_min_s8(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_all_bool(const mote__node *n, void *const *t)
{
	mote_reduce_q_params l;
	const mote_reduce_q_params *q = current(n, t, &l);
	if (!q)
		return MOTE_E_EVAL;
	mote_reduce_all_bool(&q->shape, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

/* The eval function of `kind` for input type `type`, or NULL. */
static mote__eval_fn pick(enum reduce_kind kind, mote_type type)
{
	static const struct {
		enum reduce_kind kind;
		mote_type type;
		mote__eval_fn fn;
	} table[] = {
		{ K_MEAN, MOTE_FLOAT32, eval_mean_f32 },
		{ K_MEAN, MOTE_INT8, eval_mean_s8 },
		{ K_MEAN, MOTE_INT16, eval_mean_s16 },
		{ K_SUM, MOTE_FLOAT32, eval_sum_f32 },
		{ K_SUM, MOTE_INT8, eval_sum_s8 },
		{ K_SUM, MOTE_INT16, eval_sum_s16 },
		{ K_MAX, MOTE_FLOAT32, eval_max_f32 },
		{ K_MAX, MOTE_INT8, eval_max_s8 },
		{ K_MIN, MOTE_FLOAT32, eval_min_f32 },
		{ K_MIN, MOTE_INT8, eval_min_s8 },
		{ K_ALL, MOTE_BOOL, eval_all_bool },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (table[i].kind == kind && table[i].type == type)
			return table[i].fn;
	}
	return NULL;
}

/* Quantization checks and the multiplier of int8/int16 reductions. */
static mote_status prepare_quant(mote__prep *p, enum reduce_kind kind,
				 const mote__tensor *in,
				 const mote__tensor *out, reduce_op *r)
{
	float si = mote__scale(in, 0), so = mote__scale(out, 0);

	if (in->n_scale == 0 || !(si > 0.0f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, in->index,
				       "input is not quantized");
	if (out->n_scale == 0 || !(so > 0.0f))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "output is not quantized");
	if ((kind == K_MAX || kind == K_MIN) &&
	    (si != so || mote__zp(in, 0) != mote__zp(out, 0)))
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "output quantization differs from input");
	int shift;
	mote_quantize_multiplier((double)si / (double)so, &r->base_mult,
				 &shift);
	r->base_shift = shift;
	r->q.in_zp = mote__zp(in, 0);
	r->q.out_zp = mote__zp(out, 0);
	r->fold_count = kind == K_MEAN;
	mote__type_range(out->type, &r->q.act_min, &r->q.act_max);
	return MOTE_OK;
}

/* Resolves a constant axis (or records a dynamic one) into r. */
static mote_status prepare_axis(mote__prep *p, const mote__tensor *in,
				const mote__tensor *axis,
				const mote__tensor *out, reduce_op *r)
{
	if (axis->elems > INT32_MAX)
		return mote__prep_fail(p, MOTE_E_INVALID, axis->index,
				       "too many axes");
	r->n_axis = (int32_t)axis->elems;
	r->out_elems = (int32_t)out->elems;
	r->dynamic_axis = axis->data == NULL;
	/* With a dynamic axis, reduce over nothing for now: this checks the
	 * dims; the real shape comes at eval. */
	if (!mote_reduce_shape_init(&r->q.shape, in->dims, in->rank,
				    axis->data, r->dynamic_axis ? 0 : r->n_axis))
		return mote__prep_fail(p, MOTE_E_INVALID, axis->index,
				       "axis out of range or shape too large");
	if (!r->dynamic_axis && (size_t)r->q.shape.n_out != out->elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output size does not match the reduction");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p, enum reduce_kind kind)
{
	mote__tensor in, axis, out;
	reduce_op r = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &axis)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK)
		return s;
	mote__eval_fn eval = pick(kind, in.type);
	if (!eval)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "input type");
	if (out.type != in.type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, out.index,
				       "output type differs from input");
	if (axis.type != MOTE_INT32)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, axis.index,
				       "axis must be int32");
	if ((s = prepare_axis(p, &in, &axis, &out, &r)) != MOTE_OK)
		return s;
	bool quant = in.type == MOTE_INT8 || in.type == MOTE_INT16;
	if (quant && (s = prepare_quant(p, kind, &in, &out, &r)) != MOTE_OK)
		return s;
	if (quant && (kind == K_MEAN || kind == K_SUM))
		mote__prep_scratch(p, out.elems * sizeof(int32_t));

	reduce_op *rp = mote__prep_alloc(p, sizeof *rp);
	if (!rp)
		return MOTE_OK;
	*rp = r;
	fold(rp, &rp->q);
	mote__prep_set(p, eval, NULL, rp);
	return MOTE_OK;
}

static mote_status prepare_mean(mote__prep *p)
{
	return prepare(p, K_MEAN);
}

static mote_status prepare_sum(mote__prep *p)
{
	return prepare(p, K_SUM);
}

static mote_status prepare_max(mote__prep *p)
{
	return prepare(p, K_MAX);
}

static mote_status prepare_min(mote__prep *p)
{
	return prepare(p, K_MIN);
}

static mote_status prepare_all(mote__prep *p)
{
	return prepare(p, K_ALL);
}

const mote_op mote_op_mean = { 40, NULL, "MEAN", prepare_mean };
const mote_op mote_op_sum = { 74, NULL, "SUM", prepare_sum };
const mote_op mote_op_reduce_max = { 82, NULL, "REDUCE_MAX", prepare_max };
const mote_op mote_op_reduce_min = { 89, NULL, "REDUCE_MIN", prepare_min };
const mote_op mote_op_reduce_all = { 140, NULL, "REDUCE_ALL", prepare_all };
