/* SPDX-License-Identifier: Apache-2.0 */
/*
 * plan.c - the memory planner: greedy by size, first fit in offset.
 *
 * Input: buffers, each with a size and a lifetime [first, last] in operator
 * execution order. Two buffers may overlap in memory only when their
 * lifetimes do not overlap. Aliased buffers (an output that shares its
 * input, e.g. RESHAPE) are first folded into their root: the root takes
 * the larger size and the union of the lifetimes.
 *
 * Placement: take the unplaced buffers from largest to smallest (ties:
 * earlier first use, then lower index: fully deterministic); put each at
 * the lowest aligned offset where it overlaps no already placed buffer
 * that is live at the same time. This is the strategy of TFLM's greedy
 * planner; it needs no memory beyond the buffer records themselves.
 * Cost is O(n^3) in the worst case for n buffers, typically O(n^2): a few
 * thousand steps for the MLPerf Tiny models.
 */
#include "plan/plan.h"

static uint32_t align_up(uint32_t x, uint32_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static int32_t root_of(const mote__buf *bufs, int32_t i)
{
	uint32_t guard = 0;
	while (bufs[i].alias >= 0 && guard++ < 65536)
		i = bufs[i].alias;
	return i;
}

static void fold_aliases(mote__buf *bufs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (bufs[i].alias < 0 || bufs[i].size == 0)
			continue;
		mote__buf *r = &bufs[root_of(bufs, (int32_t)i)];
		if (bufs[i].size > r->size)
			r->size = bufs[i].size;
		if (bufs[i].first < r->first)
			r->first = bufs[i].first;
		if (bufs[i].last > r->last)
			r->last = bufs[i].last;
	}
}

/* True if a should be placed before b. */
static int before(const mote__buf *a, uint32_t ia, const mote__buf *b,
		  uint32_t ib)
{
	if (a->size != b->size)
		return a->size > b->size;
	if (a->first != b->first)
		return a->first < b->first;
	return ia < ib;
}

static int live_together(const mote__buf *a, const mote__buf *b)
{
	return a->first <= b->last && b->first <= a->last;
}

/* Lowest aligned offset where b fits among the placed buffers. */
static uint32_t first_fit(const mote__buf *bufs, uint32_t n, const mote__buf *b,
			  uint32_t align)
{
	uint32_t at = 0;
	int moved = 1;
	while (moved) {
		moved = 0;
		for (uint32_t j = 0; j < n; j++) {
			const mote__buf *p = &bufs[j];
			if (p->offset == MOTE_PLAN_NONE || p->alias >= 0 ||
			    p->size == 0 || !live_together(p, b))
				continue;
			if (at < p->offset + p->size && p->offset < at + b->size) {
				at = align_up(p->offset + p->size, align);
				moved = 1;
			}
		}
	}
	return at;
}

size_t mote__plan(mote__buf *bufs, uint32_t n, uint32_t align)
{
	size_t total = 0;

	fold_aliases(bufs, n);
	for (uint32_t i = 0; i < n; i++)
		bufs[i].offset = MOTE_PLAN_NONE;
	for (;;) {
		int32_t pick = -1;
		for (uint32_t i = 0; i < n; i++) {
			const mote__buf *b = &bufs[i];
			if (b->offset != MOTE_PLAN_NONE || b->alias >= 0 ||
			    b->size == 0)
				continue;
			if (pick < 0 || before(b, i, &bufs[pick], (uint32_t)pick))
				pick = (int32_t)i;
		}
		if (pick < 0)
			break;
		mote__buf *b = &bufs[pick];
		b->offset = first_fit(bufs, n, b, align);
		if (b->offset + (size_t)b->size > total)
			total = b->offset + (size_t)b->size;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (bufs[i].alias >= 0 && bufs[i].size > 0)
			bufs[i].offset = bufs[root_of(bufs, (int32_t)i)].offset;
	}
	return total;
}
