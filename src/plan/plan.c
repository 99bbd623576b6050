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
 * Placement: take the unplaced buffers in a priority order and put each at
 * the lowest aligned offset where it overlaps no already placed buffer that
 * is live at the same time (first fit). Largest first is TFLM's greedy
 * planner; it can leave holes (on VWW it needs 9 KiB more than the live
 * peak), so the planner tries a few orders (largest first; earliest first
 * use; latest last use; largest size x lifetime; ties always by size, first
 * use, index) and keeps the smallest result, re-running the winner. Fully
 * deterministic, and no memory beyond the buffer records themselves.
 * Cost is O(n^3) per order in the worst case for n buffers, typically
 * O(n^2): a few thousand steps for the MLPerf Tiny models.
 */
#include "plan/plan.h"

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

/* Placement orders tried (see the top of the file). */
enum { BY_SIZE, BY_FIRST_USE, BY_LAST_USE, BY_AREA, N_ORDERS };

/* The primary key of an order: larger goes first. */
static uint64_t key(const mote__buf *b, int order)
{
	switch (order) {
	case BY_FIRST_USE:
		return UINT16_MAX - (uint64_t)b->first;
	case BY_LAST_USE:
		return b->last;
	case BY_AREA:
		return (uint64_t)b->size * (uint64_t)(b->last - b->first + 1);
	default:
		return b->size;
	}
}

/* True if a should be placed before b in the given order. */
static int before(const mote__buf *a, uint32_t ia, const mote__buf *b,
		  uint32_t ib, int order)
{
	uint64_t ka = key(a, order), kb = key(b, order);
	if (ka != kb)
		return ka > kb;
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

/* Lowest aligned offset where b fits among the placed buffers, or
 * MOTE_PLAN_NONE when it would end beyond 4 GiB. */
static uint32_t first_fit(const mote__buf *bufs, uint32_t n, const mote__buf *b,
			  uint32_t align)
{
	uint64_t at = 0;
	int moved = 1;
	while (moved) {
		moved = 0;
		for (uint32_t j = 0; j < n; j++) {
			const mote__buf *p = &bufs[j];
			if (p->offset == MOTE_PLAN_NONE || p->alias >= 0 ||
			    p->size == 0 || !live_together(p, b))
				continue;
			uint64_t end = (uint64_t)p->offset + p->size;
			if (at < end && p->offset < at + b->size) {
				at = (end + align - 1) & ~(uint64_t)(align - 1);
				moved = 1;
			}
		}
		if (at + b->size >= MOTE_PLAN_NONE)
			return MOTE_PLAN_NONE;
	}
	return (uint32_t)at;
}

/* Places every buffer in one order; returns the bytes needed. */
static size_t place(mote__buf *bufs, uint32_t n, uint32_t align, int order)
{
	size_t total = 0;
	for (uint32_t i = 0; i < n; i++)
		bufs[i].offset = MOTE_PLAN_NONE;
	for (;;) {
		int32_t pick = -1;
		for (uint32_t i = 0; i < n; i++) {
			const mote__buf *b = &bufs[i];
			if (b->offset != MOTE_PLAN_NONE || b->alias >= 0 ||
			    b->size == 0)
				continue;
			if (pick < 0 ||
			    before(b, i, &bufs[pick], (uint32_t)pick, order))
				pick = (int32_t)i;
		}
		if (pick < 0)
			break;
		mote__buf *b = &bufs[pick];
		b->offset = first_fit(bufs, n, b, align);
		if (b->offset == MOTE_PLAN_NONE)
			return SIZE_MAX; /* beyond 4 GiB: no arena holds it */
		if (b->offset + (size_t)b->size > total)
			total = b->offset + (size_t)b->size;
	}
	return total;
}

size_t mote__plan(mote__buf *bufs, uint32_t n, uint32_t align)
{
	fold_aliases(bufs, n);
	int best = BY_SIZE;
	size_t best_total = place(bufs, n, align, BY_SIZE);
	for (int order = BY_SIZE + 1; order < N_ORDERS; order++) {
		size_t t = place(bufs, n, align, order);
		if (t < best_total) {
			best_total = t;
			best = order;
		}
	}
	size_t total = place(bufs, n, align, best);
	for (uint32_t i = 0; i < n; i++) {
		if (bufs[i].alias >= 0 && bufs[i].size > 0)
			bufs[i].offset = bufs[root_of(bufs, (int32_t)i)].offset;
	}
	return total;
}
