/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dynamic_update_slice.c - reference DYNAMIC_UPDATE_SLICE; see
 * dynamic_update_slice.h. The block is copied one innermost row at a
 * time: the update is walked row by row in row-major order and each row
 * lands at the clamped start plus the row's index.
 */
#include "kernels/dynamic_update_slice.h"

#include <string.h>

static size_t count(const int32_t *dims, int32_t rank)
{
	size_t n = 1;
	for (int32_t i = 0; i < rank; i++)
		n *= (size_t)dims[i];
	return n;
}

/* Offset in the output of update row `row` (all dims but the last). */
static size_t row_offset(const mote_dus_params *p, const int32_t *first,
			 size_t row)
{
	size_t off = 0, stride = (size_t)p->dims[p->rank - 1];

	off += (size_t)first[p->rank - 1];
	for (int32_t d = p->rank - 2; d >= 0; d--) {
		size_t idx = row % (size_t)p->update_dims[d];
		row /= (size_t)p->update_dims[d];
		off += ((size_t)first[d] + idx) * stride;
		stride *= (size_t)p->dims[d];
	}
	return off;
}

void mote_dynamic_update_slice(const mote_dus_params *p, const void *operand,
			       const void *update, const int64_t *start,
			       void *out)
{
	size_t n = count(p->dims, p->rank);
	size_t nu = count(p->update_dims, p->rank);
	size_t row_len = (size_t)p->update_dims[p->rank - 1];
	int32_t first[MOTE_DUS_MAX_DIMS];

	if (nu == n) {
		memcpy(out, update, n * p->elem_size);
		return;
	}
	if (out != operand)
		memcpy(out, operand, n * p->elem_size);
	if (nu == 0)
		return;
	for (int32_t d = 0; d < p->rank; d++) {
		int64_t hi = (int64_t)p->dims[d] - p->update_dims[d];
		int64_t s = start[d] < 0 ? 0 : start[d];
		first[d] = (int32_t)(s > hi ? hi : s);
	}
	for (size_t r = 0; r < nu / row_len; r++)
		memcpy((uint8_t *)out + row_offset(p, first, r) * p->elem_size,
		       (const uint8_t *)update + r * row_len * p->elem_size,
		       row_len * p->elem_size);
}
