/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pad.c - see pad.h.
 *
 * Both kernels write the output row by row (a row is the innermost dim).
 * The outer coordinates of a row are kept in an odometer; from them the
 * kernel finds the input row (or, for PAD, that the row lies wholly in the
 * padding). A row is then its leading pad, one memcpy of the input row,
 * and its trailing pad.
 */
#include "kernels/pad.h"

#include <string.h>

bool mote_pad_valid(const mote_pad_params *p, bool mirror)
{
	int64_t n = 1;
	if (p->rank < 1 || p->rank > MOTE_PAD_MAX_DIMS || p->elem_size == 0)
		return false;
	for (int32_t d = 0; d < p->rank; d++) {
		int32_t lim = p->in_dims[d] - (p->reflect ? 1 : 0);
		if (p->in_dims[d] < 0 || p->before[d] < 0 || p->after[d] < 0)
			return false;
		if (mirror && (p->before[d] > lim || p->after[d] > lim))
			return false;
		n *= (int64_t)p->in_dims[d] + p->before[d] + p->after[d];
		if (n > INT32_MAX)
			return false;
	}
	return true;
}

/* Writes n copies of the element `value` (es bytes) to dst. */
static void fill(uint8_t *dst, const uint8_t *value, int32_t n, size_t es)
{
	if (es == 1) {
		memset(dst, value[0], (size_t)n);
		return;
	}
	for (int32_t i = 0; i < n; i++)
		memcpy(dst + (size_t)i * es, value, es);
}

/* Input index of output index o along an axis (MIRROR_PAD). */
static int32_t mirror(const mote_pad_params *p, int32_t d, int32_t o)
{
	int32_t n = p->in_dims[d], i = o - p->before[d];
	if (i < 0)
		return -i - 1 + p->reflect;
	if (i >= n)
		return 2 * n - 1 - i - p->reflect;
	return i;
}

/* Input row of the output row at outer coordinates idx: its element
 * offset, or -1 when the row lies in the padding (PAD). */
static int64_t pad_row(const mote_pad_params *p, const int32_t *idx)
{
	int64_t off = 0;
	for (int32_t d = 0; d < p->rank - 1; d++) {
		int32_t i = idx[d] - p->before[d];
		if (i < 0 || i >= p->in_dims[d])
			return -1;
		off = off * p->in_dims[d] + i;
	}
	return off * p->in_dims[p->rank - 1];
}

/* Same for MIRROR_PAD: never in the padding. */
static int64_t mirror_row(const mote_pad_params *p, const int32_t *idx)
{
	int64_t off = 0;
	for (int32_t d = 0; d < p->rank - 1; d++)
		off = off * p->in_dims[d] + mirror(p, d, idx[d]);
	return off * p->in_dims[p->rank - 1];
}

/* Advances the odometer over the outer dims of the output. */
static void next_row(const mote_pad_params *p, int32_t *idx)
{
	for (int32_t d = p->rank - 2; d >= 0; d--) {
		int32_t n = p->before[d] + p->in_dims[d] + p->after[d];
		if (++idx[d] < n)
			return;
		idx[d] = 0;
	}
}

/* Number of output rows and the length of one. */
static int32_t out_rows(const mote_pad_params *p, int32_t *row_len)
{
	int32_t rows = 1, last = p->rank - 1;
	for (int32_t d = 0; d < last; d++)
		rows *= p->before[d] + p->in_dims[d] + p->after[d];
	*row_len = p->before[last] + p->in_dims[last] + p->after[last];
	return rows;
}

void mote_pad_any(const mote_pad_params *p, const void *in, const void *value,
		  void *out)
{
	const uint8_t *src = (const uint8_t *)in, *val = (const uint8_t *)value;
	uint8_t *dst = (uint8_t *)out;
	size_t es = p->elem_size;
	int32_t last = p->rank - 1, len, idx[MOTE_PAD_MAX_DIMS] = { 0 };
	int32_t rows = out_rows(p, &len);
	int32_t n = p->in_dims[last], before = p->before[last];

	if (len == 0)
		return;
	for (int32_t r = 0; r < rows; r++) {
		int64_t off = pad_row(p, idx);
		if (off < 0 || n == 0) {
			fill(dst, val, len, es);
		} else {
			fill(dst, val, before, es);
			memcpy(dst + (size_t)before * es,
			       src + (size_t)off * es, (size_t)n * es);
			fill(dst + (size_t)(before + n) * es, val,
			     p->after[last], es);
		}
		dst += (size_t)len * es;
		next_row(p, idx);
	}
}

/* Writes one mirrored output row from the input row at `row`. */
static void mirror_one_row(const mote_pad_params *p, const uint8_t *row,
			   uint8_t *dst)
{
	size_t es = p->elem_size;
	int32_t last = p->rank - 1, n = p->in_dims[last];
	int32_t before = p->before[last], len = before + n + p->after[last];

	for (int32_t o = 0; o < before; o++)
		memcpy(dst + (size_t)o * es,
		       row + (size_t)mirror(p, last, o) * es, es);
	memcpy(dst + (size_t)before * es, row, (size_t)n * es);
	for (int32_t o = before + n; o < len; o++)
		memcpy(dst + (size_t)o * es,
		       row + (size_t)mirror(p, last, o) * es, es);
}

void mote_mirror_pad_any(const mote_pad_params *p, const void *in, void *out)
{
	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out;
	size_t es = p->elem_size;
	int32_t len, idx[MOTE_PAD_MAX_DIMS] = { 0 };
	int32_t rows = out_rows(p, &len);

	if (len == 0)
		return;
	for (int32_t r = 0; r < rows; r++) {
		int64_t off = mirror_row(p, idx);
		mirror_one_row(p, src + (size_t)off * es, dst);
		dst += (size_t)len * es;
		next_row(p, idx);
	}
}
