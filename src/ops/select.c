/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select.c - SELECT_V2 (builtin 123) and SELECT (64): out = cond ? x : y.
 *
 * SELECT_V2 broadcasts cond, x and y onto the output (numpy rules, rank up
 * to 8), as TFLM. SELECT (which TFLM does not register; TFLite's rules)
 * needs x, y and the output of one shape and cond of that shape, a
 * scalar, or a vector whose length is x's first dim (one choice per row).
 * Values are copied bit for bit: besides TFLM's float32, int8 and int16,
 * mote takes bool, uint8, int32 and int64; quantization is not looked at
 * (TFLM does not rescale either).
 */
#include <string.h>

#include "kernels/elementwise.h"
#include "ops/binary_common.h"

#define EVAL_SELECT(name, kernel)                                              \
	static mote_status name(const mote__node *n, void *const *t)           \
	{                                                                      \
		kernel(n->params, mote__in(n, t, 0), mote__in(n, t, 1),        \
		       mote__in(n, t, 2), mote__out(n, t, 0));                 \
		return MOTE_OK;                                                \
	}

EVAL_SELECT(eval_u8, mote_select_u8)
EVAL_SELECT(eval_u16, mote_select_u16)
EVAL_SELECT(eval_u32, mote_select_u32)
EVAL_SELECT(eval_u64, mote_select_u64)

/* The four tensors of a select. */
typedef struct select_tensors {
	mote__tensor cond; /* input 0, bool */
	mote__tensor x; /* input 1, chosen where cond is true */
	mote__tensor y; /* input 2, chosen where cond is false */
	mote__tensor out; /* output 0 */
} select_tensors;

static mote_status read_tensors(mote__prep *p, select_tensors *st)
{
	static const mote_type types[] = { MOTE_FLOAT32, MOTE_INT8, MOTE_INT16,
					   MOTE_BOOL,	 MOTE_UINT8, MOTE_INT32,
					   MOTE_INT64 };
	int k = 0;
	mote_status s = mote__prep_expect_io(p, 3, 3, 1);

	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &st->cond);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 1, &st->x);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 2, &st->y);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &st->out);
	if (s == MOTE_OK)
		s = mote__prep_expect_type(p, &st->cond, MOTE_BOOL);
	if (s == MOTE_OK)
		s = mote__expect_types(p, &st->x, types, 7, &k);
	if (s == MOTE_OK &&
	    (st->y.type != st->x.type || st->out.type != st->x.type))
		s = mote__prep_fail(p, MOTE_E_INVALID, st->out.index,
				    "x, y and output differ in type");
	return s;
}

/* Persists the params, lets the output reuse x or y, picks the kernel. */
static mote_status finish(mote__prep *p, const select_tensors *st,
			  const mote_select_params *sp)
{
	mote__eval_fn eval = eval_u8;
	mote_select_params *params;

	switch (mote_type_size(st->x.type)) {
	case 2:
		eval = eval_u16;
		break;
	case 4:
		eval = eval_u32;
		break;
	case 8:
		eval = eval_u64;
		break;
	default:
		break;
	}
	if (mote__same_shape(&st->x, &st->out))
		mote__prep_share(p, 0, 1);
	else if (mote__same_shape(&st->y, &st->out))
		mote__prep_share(p, 0, 2);
	params = mote__prep_alloc(p, sizeof *params);
	if (params == NULL)
		return mote__prep_status(p);
	*params = *sp;
	mote__prep_set(p, eval, NULL, params);
	return MOTE_OK;
}

/* Builds the walk of cond (with `cond_dims`/`cond_rank`), x, y. */
static mote_status walk(mote__prep *p, const select_tensors *st,
			const int32_t *cond_dims, int32_t cond_rank,
			mote_select_params *sp)
{
	const int32_t *dims[3] = { cond_dims, st->x.dims, st->y.dims };
	const int32_t rank[3] = { cond_rank, st->x.rank, st->y.rank };

	if (st->out.elems > INT32_MAX || st->cond.elems > INT32_MAX ||
	    st->x.elems > INT32_MAX || st->y.elems > INT32_MAX)
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, st->out.index,
				       "tensor has more than 2^31-1 elements");
	if (!mote_bcast_init(&sp->bc, 3, dims, rank, st->out.dims,
			     st->out.rank))
		return mote__prep_fail(p, MOTE_E_INVALID, st->out.index,
				       "inputs do not broadcast to the output "
				       "shape");
	return MOTE_OK;
}

static mote_status select_v2_prepare(mote__prep *p)
{
	select_tensors st;
	mote_select_params sp;
	mote_status s = read_tensors(p, &st);

	if (s == MOTE_OK)
		s = walk(p, &st, st.cond.dims, st.cond.rank, &sp);
	if (s != MOTE_OK)
		return s;
	return finish(p, &st, &sp);
}

static mote_status select_prepare(mote__prep *p)
{
	select_tensors st;
	mote_select_params sp;
	int32_t cond_dims[MOTE_MAX_DIMS];
	int32_t cond_rank;
	mote_status s = read_tensors(p, &st);

	if (s != MOTE_OK)
		return s;
	if (!mote__same_shape(&st.x, &st.y) ||
	    !mote__same_shape(&st.x, &st.out))
		return mote__prep_fail(p, MOTE_E_INVALID, st.y.index,
				       "SELECT needs x, y and output of one "
				       "shape");
	/* A vector cond of x's first dim picks whole rows: align it left. */
	cond_rank = st.cond.rank;
	memcpy(cond_dims, st.cond.dims, sizeof cond_dims);
	if (cond_rank == 1 && st.x.rank > 1 && cond_dims[0] == st.x.dims[0]) {
		for (int32_t i = 1; i < st.x.rank; i++)
			cond_dims[i] = 1;
		cond_rank = st.x.rank;
	} else if (cond_rank != 0 && !mote__same_shape(&st.cond, &st.x)) {
		return mote__prep_fail(p, MOTE_E_INVALID, st.cond.index,
				       "SELECT cond must match x, be a scalar "
				       "or a vector of x's first dim");
	}
	s = walk(p, &st, cond_dims, cond_rank, &sp);
	if (s != MOTE_OK)
		return s;
	return finish(p, &st, &sp);
}

const mote_op mote_op_select = { 64, NULL, "SELECT", select_prepare };
const mote_op mote_op_select_v2 = { 123, NULL, "SELECT_V2",
				    select_v2_prepare };
