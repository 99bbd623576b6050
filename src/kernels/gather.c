/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gather.c - see gather.h.
 */
#include "kernels/gather.h"

#include <string.h>

/*
 * Empty slices copy nothing (the data pointers of empty tensors may be
 * NULL), but their indices are still checked.
 */

/* Index k of an int32 or int64 index array. */
static int64_t index_at(const void *idx, bool idx64, size_t k)
{
	if (idx64)
		return ((const int64_t *)idx)[k];
	return ((const int32_t *)idx)[k];
}

/* Copies the `coords` slices chosen by idx[first...] out of the axis
 * block starting at slice `base` to output slice `at` onwards. */
static bool gather_block(const mote_gather_params *p, const uint8_t *src,
			 size_t base, const void *idx, size_t first,
			 uint8_t *dst, size_t at)
{
	size_t slice = (size_t)p->inner * p->elem_size;
	for (int32_t c = 0; c < p->coords; c++) {
		int64_t i = index_at(idx, p->idx64, first + (size_t)c);
		if (i < 0 || i >= p->axis_size)
			return false;
		if (slice > 0)
			memcpy(dst + (at + (size_t)c) * slice,
			       src + (base + (size_t)i) * slice, slice);
	}
	return true;
}

bool mote_gather_any(const mote_gather_params *p, const void *in,
		     const void *idx, void *out)
{
	for (int32_t b = 0; b < p->batch; b++) {
		for (int32_t o = 0; o < p->outer; o++) {
			size_t block = (size_t)b * (size_t)p->outer + (size_t)o;
			if (!gather_block(p, (const uint8_t *)in,
					  block * (size_t)p->axis_size, idx,
					  (size_t)b * (size_t)p->coords,
					  (uint8_t *)out,
					  block * (size_t)p->coords))
				return false;
		}
	}
	return true;
}

bool mote_gather_nd_any(const mote_gather_nd_params *p, const void *in,
			const void *idx, void *out)
{
	size_t slice = (size_t)p->slice * p->elem_size;
	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out;

	for (int32_t s = 0; s < p->n_slices; s++) {
		size_t from = 0;
		for (int32_t j = 0; j < p->nd; j++) {
			size_t k = (size_t)s * (size_t)p->nd + (size_t)j;
			int64_t i = index_at(idx, p->idx64, k);
			if (i < 0 || i >= p->dims[j])
				return false;
			from += (size_t)i * (size_t)p->stride[j];
		}
		if (slice > 0)
			memcpy(dst + (size_t)s * slice,
			       src + from * p->elem_size, slice);
	}
	return true;
}

bool mote_embedding_lookup_s8_f32(const mote_gather_params *p, float scale,
				  const int8_t *in, const void *idx,
				  float *out)
{
	size_t n = (size_t)p->inner;
	for (int32_t c = 0; c < p->coords; c++) {
		int64_t i = index_at(idx, p->idx64, (size_t)c);
		if (i < 0 || i >= p->axis_size)
			return false;
		const int8_t *row = in + (size_t)i * n;
		for (size_t k = 0; k < n; k++)
			out[(size_t)c * n + k] = (float)row[k] * scale;
	}
	return true;
}
