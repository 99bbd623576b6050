/* SPDX-License-Identifier: Apache-2.0 */
/*
 * strided_copy.c - see strided_copy.h.
 *
 * The kernel walks the output row by row (a row is the innermost output
 * dim) and keeps the input position of the row start in a running offset,
 * updated like an odometer over the outer dims. A row whose input stride
 * is 1 is one memcpy; other rows are copied element by element with the
 * element size fixed per case so the compiler emits plain loads and stores.
 */
#include "kernels/strided_copy.h"

#include <string.h>

/* Drops size-1 dims and merges contiguous neighbours into v. */
static bool simplify(mote_view *v, const int64_t *dims, const int64_t *stride,
		     int32_t rank, int64_t offset, int64_t n_elems)
{
	int32_t r = 0;
	int64_t d_out[MOTE_VIEW_MAX_DIMS], s_out[MOTE_VIEW_MAX_DIMS];

	if (n_elems > INT32_MAX || offset > INT32_MAX || offset < INT32_MIN)
		return false;
	for (int32_t d = 0; d < rank; d++) {
		if (dims[d] == 1)
			continue;
		if (r > 0 && s_out[r - 1] == stride[d] * dims[d]) {
			d_out[r - 1] *= dims[d];
			s_out[r - 1] = stride[d];
			continue;
		}
		d_out[r] = dims[d];
		s_out[r] = stride[d];
		r++;
	}
	if (r == 0 || n_elems == 0) {
		/* A single element, or nothing at all. */
		d_out[0] = n_elems;
		s_out[0] = 1;
		r = 1;
	}
	memset(v, 0, sizeof *v);
	for (int32_t d = 0; d < r; d++) {
		if (s_out[d] > INT32_MAX || s_out[d] < INT32_MIN)
			return false;
		v->dims[d] = (int32_t)d_out[d];
		v->stride[d] = (int32_t)s_out[d];
	}
	v->rank = r;
	v->offset = n_elems == 0 ? 0 : (int32_t)offset;
	v->n_elems = (int32_t)n_elems;
	return true;
}

/* Row-major element strides of a shape; false if the size overflows. */
static bool shape_strides(const int32_t *dims, int32_t rank, int64_t *stride)
{
	int64_t s = 1;
	for (int32_t d = rank - 1; d >= 0; d--) {
		if (dims[d] < 0)
			return false;
		stride[d] = s;
		s *= dims[d] > 0 ? dims[d] : 1;
		if (s > INT32_MAX)
			return false;
	}
	return true;
}

bool mote_view_init(mote_view *v, const int32_t *in_dims, int32_t rank,
		    const int32_t *start, const int32_t *step,
		    const int32_t *count, uint32_t elem_size)
{
	int64_t in_stride[MOTE_VIEW_MAX_DIMS], dims[MOTE_VIEW_MAX_DIMS];
	int64_t stride[MOTE_VIEW_MAX_DIMS], offset = 0, n = 1;

	if (rank < 0 || rank > MOTE_VIEW_MAX_DIMS || elem_size == 0)
		return false;
	if (!shape_strides(in_dims, rank, in_stride))
		return false;
	for (int32_t d = 0; d < rank; d++) {
		if (count[d] < 0)
			return false;
		dims[d] = count[d];
		stride[d] = (int64_t)step[d] * in_stride[d];
		offset += (int64_t)start[d] * in_stride[d];
		n *= count[d];
		if (n > INT32_MAX)
			return false;
	}
	if (!simplify(v, dims, stride, rank, offset, n))
		return false;
	v->elem_size = elem_size;
	return true;
}

bool mote_view_init_transpose(mote_view *v, const int32_t *in_dims,
			      int32_t rank, const int32_t *perm,
			      uint32_t elem_size)
{
	int64_t in_stride[MOTE_VIEW_MAX_DIMS], dims[MOTE_VIEW_MAX_DIMS];
	int64_t stride[MOTE_VIEW_MAX_DIMS], n = 1;

	if (rank < 0 || rank > MOTE_VIEW_MAX_DIMS || elem_size == 0)
		return false;
	if (!shape_strides(in_dims, rank, in_stride))
		return false;
	for (int32_t d = 0; d < rank; d++) {
		if (perm[d] < 0 || perm[d] >= rank)
			return false;
		dims[d] = in_dims[perm[d]];
		stride[d] = in_stride[perm[d]];
		n *= dims[d];
	}
	if (!simplify(v, dims, stride, rank, 0, n))
		return false;
	v->elem_size = elem_size;
	return true;
}

/* Copies n elements of `es` bytes from src (step `step` bytes) to dst. */
static void copy_elems(uint8_t *dst, const uint8_t *src, int32_t n,
		       ptrdiff_t step, size_t es)
{
	int32_t i;
	switch (es) {
	case 1:
		for (i = 0; i < n; i++)
			dst[i] = src[i * step];
		break;
	case 2:
		for (i = 0; i < n; i++)
			memcpy(dst + 2 * i, src + i * step, 2);
		break;
	case 4:
		for (i = 0; i < n; i++)
			memcpy(dst + 4 * i, src + i * step, 4);
		break;
	case 8:
		for (i = 0; i < n; i++)
			memcpy(dst + 8 * i, src + i * step, 8);
		break;
	default:
		for (i = 0; i < n; i++)
			memcpy(dst + es * (size_t)i, src + i * step, es);
		break;
	}
}

/* Advances the odometer over the outer dims; returns the next row start. */
static ptrdiff_t next_row(const mote_view *v, int32_t *idx, ptrdiff_t pos)
{
	for (int32_t d = v->rank - 2; d >= 0; d--) {
		pos += v->stride[d];
		if (++idx[d] < v->dims[d])
			return pos;
		pos -= (ptrdiff_t)v->stride[d] * v->dims[d];
		idx[d] = 0;
	}
	return pos;
}

void mote_strided_copy_any(const mote_view *v, const void *in, void *out)
{
	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out;
	size_t es = v->elem_size;
	int32_t inner = v->dims[v->rank - 1];
	int32_t step = v->stride[v->rank - 1];
	int32_t idx[MOTE_VIEW_MAX_DIMS] = { 0 };
	ptrdiff_t pos = v->offset;

	if (v->n_elems <= 0)
		return;
	for (int32_t row = 0; row < v->n_elems / inner; row++) {
		if (step == 1)
			memcpy(dst, src + pos * (ptrdiff_t)es,
			       (size_t)inner * es);
		else
			copy_elems(dst, src + pos * (ptrdiff_t)es, inner,
				   (ptrdiff_t)step * (ptrdiff_t)es, es);
		dst += (size_t)inner * es;
		pos = next_row(v, idx, pos);
	}
}
