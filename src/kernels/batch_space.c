/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch_space.c - see batch_space.h.
 *
 * Both kernels walk the batch tensor in order (batch index, then grid
 * position) and move `depth` elements at a time; each grid position is
 * mapped to its space-tensor position by decomposing it over the grid
 * dims, innermost first.
 */
#include "kernels/batch_space.h"

#include <string.h>

/* Product of n dims. */
static int32_t product(const int32_t *dims, int32_t n)
{
	int32_t r = 1;
	for (int32_t j = 0; j < n; j++)
		r *= dims[j];
	return r;
}

/* Writes n copies of the element `value` (es bytes) to dst. */
static void fill(uint8_t *dst, const void *value, int32_t n, size_t es)
{
	for (int32_t k = 0; k < n; k++)
		memcpy(dst + (size_t)k * es, value, es);
}

/* Block offsets s[] of block number `off` (innermost fastest). */
static void block_offsets(const mote_batch_space_params *p, int32_t off,
			  int32_t *s)
{
	for (int32_t j = p->m - 1; j >= 0; j--) {
		s[j] = off % p->block[j];
		off /= p->block[j];
	}
}

/* Space-tensor position (within one batch) of grid position `pos` with
 * block offsets s, or -1 if it lies in the paddings or crops. */
static int32_t space_pos(const mote_batch_space_params *p, const int32_t *s,
			 int32_t pos)
{
	int32_t at = 0, stride = 1;
	for (int32_t j = p->m - 1; j >= 0; j--) {
		int32_t g = pos % p->grid[j];
		int32_t x = g * p->block[j] + s[j] - p->before[j];
		pos /= p->grid[j];
		if (x < 0 || x >= p->space[j])
			return -1;
		at += x * stride;
		stride *= p->space[j];
	}
	return at;
}

void mote_space_to_batch_any(const mote_batch_space_params *p, const void *in,
			     const void *pad_value, void *out)
{
	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out;
	size_t es = p->elem_size, run = (size_t)p->depth * es;
	int32_t n_grid = product(p->grid, p->m);
	int32_t n_space = product(p->space, p->m);
	int32_t n_batch = product(p->block, p->m) * p->batch;
	int32_t s[MOTE_BATCH_SPACE_MAX];

	if (run == 0)
		return;
	for (int32_t bb = 0; bb < n_batch; bb++) {
		int32_t b = bb % p->batch;
		block_offsets(p, bb / p->batch, s);
		for (int32_t pos = 0; pos < n_grid; pos++) {
			int32_t x = space_pos(p, s, pos);
			size_t at = (size_t)b * (size_t)n_space + (size_t)x;
			if (x >= 0)
				memcpy(dst, src + at * run, run);
			else
				fill(dst, pad_value, p->depth, es);
			dst += run;
		}
	}
}

void mote_batch_to_space_any(const mote_batch_space_params *p, const void *in,
			     void *out)
{
	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out;
	size_t run = (size_t)p->depth * p->elem_size;
	int32_t n_grid = product(p->grid, p->m);
	int32_t n_space = product(p->space, p->m);
	int32_t n_batch = product(p->block, p->m) * p->batch;
	int32_t s[MOTE_BATCH_SPACE_MAX];

	if (run == 0)
		return;
	for (int32_t bb = 0; bb < n_batch; bb++) {
		int32_t b = bb % p->batch;
		block_offsets(p, bb / p->batch, s);
		for (int32_t pos = 0; pos < n_grid; pos++) {
			int32_t x = space_pos(p, s, pos);
			size_t at = (size_t)b * (size_t)n_space + (size_t)x;
			if (x >= 0)
				memcpy(dst + at * run, src, run);
			src += run;
		}
	}
}
