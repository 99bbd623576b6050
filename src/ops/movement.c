/* SPDX-License-Identifier: Apache-2.0 */
/*
 * movement.c - see movement.h.
 */
#include "ops/movement.h"

bool mote__index_values(mote_type type, const void *data, size_t n,
			int32_t *v)
{
	if (type == MOTE_INT32) {
		const int32_t *d = (const int32_t *)data;
		for (size_t i = 0; i < n; i++)
			v[i] = d[i];
		return true;
	}
	if (type != MOTE_INT64)
		return false;
	const int64_t *d = (const int64_t *)data;
	for (size_t i = 0; i < n; i++) {
		if (d[i] < INT32_MIN || d[i] > INT32_MAX)
			return false;
		v[i] = (int32_t)d[i];
	}
	return true;
}

uint32_t mote__prep_elem_size(mote__prep *p, const mote__tensor *t)
{
	size_t size = mote_type_size(t->type);
	if (size == 0)
		mote__prep_fail(p, MOTE_E_UNSUPPORTED, t->index,
				"element type without a fixed size");
	return (uint32_t)size;
}

mote_status mote__prep_same_type(mote__prep *p, const mote__tensor *a,
				 const mote__tensor *b)
{
	if (a->type != b->type)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, b->index,
				       "tensor types differ");
	return MOTE_OK;
}

mote_status mote__prep_const_indices(mote__prep *p, const mote__tensor *t,
				     size_t n, int32_t *v, const char *what)
{
	if (t->type != MOTE_INT32 && t->type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, t->index,
				       "index tensor must be int32 or int64");
	if (t->elems != n)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, t->index,
				       "index tensor has the wrong size");
	if (n > 0 && !t->data)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, t->index, what);
	if (!mote__index_values(t->type, t->data, n, v))
		return mote__prep_fail(p, MOTE_E_INVALID, t->index,
				       "index value does not fit in int32");
	return MOTE_OK;
}

bool mote__axis(int32_t axis, int32_t rank, int32_t *out)
{
	if (axis < 0)
		axis += rank;
	if (axis < 0 || axis >= rank)
		return false;
	*out = axis;
	return true;
}

mote_status mote__eval_view(const mote__node *n, void *const *t)
{
	mote_strided_copy_any((const mote_view *)n->params, mote__in(n, t, 0),
			      mote__out(n, t, 0));
	return MOTE_OK;
}

mote_status mote__prep_set_view(mote__prep *p, const mote_view *v)
{
	mote_view *copy = mote__prep_alloc(p, sizeof *copy);
	if (!copy)
		return MOTE_OK;
	*copy = *v;
	mote__prep_set(p, mote__eval_view, NULL, copy);
	return MOTE_OK;
}

bool mote__prep_parts(mote__prep *p, mote_concat_params *k, bool inputs,
		      int32_t axis, int32_t outer, int64_t inner_bytes,
		      int32_t axis_len)
{
	int32_t n = inputs ? mote__prep_n_in(p) : mote__prep_n_out(p);
	int32_t *offset = mote__prep_alloc(p, (size_t)n * sizeof *offset);
	int32_t *size = mote__prep_alloc(p, (size_t)n * sizeof *size);
	mote__tensor t;
	int64_t at = 0;

	if (!k || !offset || !size)
		return false;
	for (int32_t i = 0; i < n; i++) {
		int32_t len = 1;
		if (axis >= 0) {
			if (inputs)
				mote__prep_in(p, i, &t);
			else
				mote__prep_out(p, i, &t);
			len = t.dims[axis];
		}
		offset[i] = (int32_t)(at * inner_bytes);
		size[i] = (int32_t)(len * inner_bytes);
		at += len;
	}
	k->outer = outer;
	k->block = (int32_t)(axis_len * inner_bytes);
	k->n_parts = n;
	k->part_offset = offset;
	k->part_size = size;
	k->requant = NULL;
	k->out_zp = 0;
	return true;
}
