/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_plan.c - the memory planner (src/plan/plan.c).
 *
 * 1. Hand-made lifetimes whose placement follows from the planner's rule
 *    (first fit at the lowest aligned offset free of every live placed
 *    buffer, in several greedy orders, keeping the first order with the
 *    smallest total; largest first wins ties), one row each: expected
 *    offsets and total. Several are also optimal (total = the live-bytes
 *    lower bound), one only in an order other than largest first.
 * 2. Alias folding: an alias takes its root's offset, the root's lifetime
 *    and size grow to cover it, chains resolve to the final root.
 * 3. 5000 seeded random instances (up to 48 buffers, sizes 0..4096, random
 *    lifetimes, random acyclic aliases) checked for: every offset aligned;
 *    no two buffers whose lifetimes overlap (and that are not aliases of one
 *    another) overlap in memory; every buffer inside the total; the total
 *    equal to the highest end and never below the largest sum of live
 *    bytes at one time (a true lower bound); the same result on a second
 *    run (determinism); aligned placement for every power-of-two
 *    alignment 1..64.
 * 4. Buffers that cannot fit below 4 GiB: the planner returns SIZE_MAX
 *    (or an exact total), never a wrapped one, and does not loop.
 *
 * Prints one line per failed check; ends with "N passed, N failed".
 */
#include "plan/plan.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int n_pass, n_fail;

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;
	if (ok) {
		n_pass++;
		return;
	}
	n_fail++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define MAX_BUFS 48
#define NONE MOTE_PLAN_NONE

/* A buffer of a hand-made case: size, first, last, alias, want offset. */
typedef struct pbuf {
	uint32_t size;
	uint16_t first, last;
	int32_t alias;
	uint32_t want;
} pbuf;

typedef struct pcase {
	const char *name;
	uint32_t align;
	size_t want_total;
	uint32_t n;
	pbuf b[8];
} pcase;

static const pcase cases[] = {
	{ "nothing", 16, 0, 0, { { 0 } } },
	{ "one buffer", 16, 100, 1, { { 100, 0, 0, -1, 0 } } },
	{ "zero-size buffer is not placed", 16, 64, 2,
	  { { 0, 0, 3, -1, NONE }, { 64, 0, 3, -1, 0 } } },
	{ "two live together: larger first", 16, 96, 2,
	  { { 32, 0, 1, -1, 64 }, { 64, 1, 2, -1, 0 } } },
	{ "two apart in time share memory", 16, 64, 2,
	  { { 64, 0, 0, -1, 0 }, { 32, 1, 1, -1, 0 } } },
	{ "lifetimes touching at one op overlap", 16, 96, 2,
	  { { 64, 0, 1, -1, 0 }, { 32, 1, 2, -1, 64 } } },
	/* A chain A->B->C: B (largest) at 0, A and C at 208 (disjoint in
	 * time); total 308 = the live maximum at op 1 (300) plus alignment. */
	{ "sequential chain", 16, 308, 3,
	  { { 100, 0, 1, -1, 208 }, { 200, 1, 2, -1, 0 }, { 50, 2, 3, -1, 208 } } },
	{ "alignment 16 of 1-byte buffers", 16, 33, 3,
	  { { 1, 0, 0, -1, 0 }, { 1, 0, 0, -1, 16 }, { 1, 0, 0, -1, 32 } } },
	{ "alignment 1 packs tightly", 1, 3, 3,
	  { { 1, 0, 0, -1, 0 }, { 1, 0, 0, -1, 1 }, { 1, 0, 0, -1, 2 } } },
	{ "alignment 64", 64, 129, 3,
	  { { 1, 0, 0, -1, 0 }, { 1, 0, 0, -1, 64 }, { 1, 0, 0, -1, 128 } } },
	{ "ties: earlier first use goes lower", 16, 128, 2,
	  { { 64, 1, 2, -1, 64 }, { 64, 0, 2, -1, 0 } } },
	{ "ties: then lower index goes lower", 16, 128, 2,
	  { { 64, 0, 2, -1, 0 }, { 64, 0, 2, -1, 64 } } },
	/* First fit reuses freed memory: once B (ops 0-1) is dead, C and D
	 * both fit below A, at 0 and 96. */
	{ "first fit fills a hole", 16, 292, 4,
	  { { 100, 0, 3, -1, 192 }, { 192, 0, 1, -1, 0 }, { 96, 2, 3, -1, 0 },
	    { 80, 2, 2, -1, 96 } } },
	/* Alias: 1 shares 0; the root's lifetime becomes [0, 2] so 2, live
	 * at op 2 only, may not take offset 0. */
	{ "alias widens its root's lifetime", 16, 128, 3,
	  { { 64, 0, 1, -1, 0 }, { 64, 1, 2, 0, 0 }, { 64, 2, 2, -1, 64 } } },
	{ "alias chain resolves to the final root", 16, 32, 3,
	  { { 32, 0, 0, -1, 0 }, { 32, 0, 1, 0, 0 }, { 32, 1, 2, 1, 0 } } },
	{ "alias larger than its root grows it", 16, 160, 3,
	  { { 16, 0, 0, -1, 0 }, { 100, 0, 1, 0, 0 }, { 48, 1, 1, -1, 112 } } },
	/* Largest first leaves a hole (304 bytes); latest last use first
	 * reaches the lower bound, 256. */
	{ "another order beats largest first", 16, 256, 4,
	  { { 80, 2, 3, -1, 112 }, { 64, 3, 3, -1, 192 }, { 112, 1, 3, -1, 0 },
	    { 128, 1, 1, -1, 112 } } },
	{ "zero-size alias changes nothing", 16, 32, 3,
	  { { 32, 0, 0, -1, 0 }, { 0, 0, 5, 0, 0 }, { 32, 1, 1, -1, 0 } } },
};

static void fill(mote__buf *bufs, const pcase *c)
{
	for (uint32_t i = 0; i < c->n; i++) {
		bufs[i].size = c->b[i].size;
		bufs[i].first = c->b[i].first;
		bufs[i].last = c->b[i].last;
		bufs[i].alias = c->b[i].alias;
		bufs[i].offset = 12345;
	}
}

static void test_cases(void)
{
	mote__buf bufs[8];
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const pcase *c = &cases[k];
		fill(bufs, c);
		size_t total = mote__plan(bufs, c->n, c->align);
		check(total == c->want_total, "%s: total %zu, want %zu", c->name,
		      total, c->want_total);
		for (uint32_t i = 0; i < c->n; i++) {
			uint32_t want = c->b[i].want;
			if (c->b[i].size == 0 && c->b[i].alias >= 0)
				continue; /* offset of an empty alias: unspecified */
			check(bufs[i].offset == want, "%s: buffer %u at %u, want %u",
			      c->name, i, bufs[i].offset, want);
		}
	}
}

/* ---- random instances ---------------------------------------------------- */

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return n ? (uint32_t)((rng_state * 0x2545f4914f6cdd1dull >> 33) % n) : 0;
}

static int32_t root_of(const mote__buf *b, int32_t i)
{
	while (b[i].alias >= 0)
		i = b[i].alias;
	return i;
}

/* Fills n random buffers over `ops` operators; aliases point to lower
 * indices only (acyclic), as the interpreter builds them. */
static void random_instance(mote__buf *b, uint32_t n, uint32_t ops)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t f = rnd(ops), len = rnd(4) ? rnd(4) : rnd(ops);
		b[i].first = (uint16_t)f;
		b[i].last = (uint16_t)(f + len < ops ? f + len : ops - 1);
		b[i].size = rnd(8) == 0 ? 0 : 1 + rnd(rnd(2) ? 4096 : 64);
		b[i].alias = i > 0 && rnd(6) == 0 ? (int32_t)rnd(i) : -1;
		b[i].offset = 0;
	}
}

/* Largest sum of live bytes at one operator, counting each alias group
 * once with its largest member over the group's whole span. */
static size_t live_bound(const mote__buf *orig, uint32_t n, uint32_t ops)
{
	size_t gsize[MAX_BUFS] = { 0 };
	uint32_t gfirst[MAX_BUFS], glast[MAX_BUFS];
	bool used[MAX_BUFS] = { false };
	for (uint32_t i = 0; i < n; i++) {
		if (orig[i].size == 0)
			continue;
		int32_t r = root_of(orig, (int32_t)i);
		if (!used[r] || orig[i].first < gfirst[r])
			gfirst[r] = orig[i].first;
		if (!used[r] || orig[i].last > glast[r])
			glast[r] = orig[i].last;
		if (orig[i].size > gsize[r])
			gsize[r] = orig[i].size;
		used[r] = true;
	}
	size_t best = 0;
	for (uint32_t t = 0; t < ops; t++) {
		size_t sum = 0;
		for (uint32_t r = 0; r < n; r++) {
			if (used[r] && gfirst[r] <= t && t <= glast[r])
				sum += gsize[r];
		}
		if (sum > best)
			best = sum;
	}
	return best;
}

/* Checks one planned instance; returns false at the first violation. */
static bool valid(const char *tag, const mote__buf *orig,
		  const mote__buf *out, uint32_t n, uint32_t ops,
		  uint32_t align, size_t total)
{
	size_t high = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (orig[i].size == 0)
			continue;
		if (out[i].offset == NONE || out[i].offset % align != 0) {
			check(false, "%s: buffer %u offset %u not aligned to %u", tag,
			      i, out[i].offset, align);
			return false;
		}
		size_t end = (size_t)out[i].offset + orig[i].size;
		if (end > high)
			high = end;
		for (uint32_t j = 0; j < i; j++) {
			if (orig[j].size == 0 ||
			    root_of(orig, (int32_t)i) == root_of(orig, (int32_t)j))
				continue;
			/* Lifetimes as the planner sees them: each group spans
			 * the union of its members. */
			const mote__buf *ri = &out[root_of(orig, (int32_t)i)];
			const mote__buf *rj = &out[root_of(orig, (int32_t)j)];
			bool live = ri->first <= rj->last && rj->first <= ri->last;
			bool mem = out[i].offset < out[j].offset + orig[j].size &&
				   out[j].offset < out[i].offset + orig[i].size;
			if (live && mem) {
				check(false,
				      "%s: buffers %u [%u,%u) and %u [%u,%u) live together overlap",
				      tag, i, out[i].offset, out[i].offset + orig[i].size,
				      j, out[j].offset, out[j].offset + orig[j].size);
				return false;
			}
		}
	}
	if (total != high) {
		check(false, "%s: total %zu but highest end %zu", tag, total, high);
		return false;
	}
	size_t bound = live_bound(orig, n, ops);
	if (total < bound) {
		check(false, "%s: total %zu below the live lower bound %zu", tag,
		      total, bound);
		return false;
	}
	return true;
}

static void test_random(void)
{
	mote__buf orig[MAX_BUFS], a[MAX_BUFS], b[MAX_BUFS];
	int bad = 0, instances = 5000, tight = 0;
	for (int k = 0; k < instances && bad < 10; k++) {
		uint32_t n = 1 + rnd(MAX_BUFS), ops = 1 + rnd(40);
		uint32_t align = 1u << rnd(7);
		char tag[64];
		snprintf(tag, sizeof tag, "random #%d (n %u, align %u)", k, n,
			 align);
		random_instance(orig, n, ops);
		memcpy(a, orig, sizeof orig);
		memcpy(b, orig, sizeof orig);
		size_t ta = mote__plan(a, n, align);
		size_t tb = mote__plan(b, n, align);
		if (!valid(tag, orig, a, n, ops, align, ta)) {
			bad++;
			continue;
		}
		if (ta != tb || memcmp(a, b, n * sizeof a[0]) != 0) {
			check(false, "%s: second run differs", tag);
			bad++;
			continue;
		}
		tight += ta == live_bound(orig, n, ops);
		for (uint32_t i = 0; i < n; i++) {
			if (orig[i].alias >= 0 && orig[i].size > 0 &&
			    a[i].offset != a[root_of(orig, (int32_t)i)].offset) {
				check(false, "%s: alias %u not at its root", tag, i);
				bad++;
				break;
			}
		}
	}
	check(bad == 0, "random: %d invalid instances (stopped at 10)", bad);
	printf("random: %d instances, %d planned at the live lower bound\n",
	       instances, tight);
}

/* A long network: 200 operators, each output feeding the next and a skip
 * connection; the planner must stay within twice the lower bound. */
static void test_long_chain(void)
{
	enum { N = 200 };
	static mote__buf b[N], orig[N];
	for (uint32_t i = 0; i < N; i++) {
		b[i].size = 1000 + 37 * (i % 13);
		b[i].first = (uint16_t)i;
		b[i].last = (uint16_t)(i % 5 == 0 && i + 4 < N ? i + 4 : i + 1);
		b[i].alias = -1;
	}
	memcpy(orig, b, sizeof b);
	size_t total = mote__plan(b, N, 16);
	size_t high = 0;
	for (uint32_t i = 0; i < N; i++) {
		size_t end = (size_t)b[i].offset + b[i].size;
		high = end > high ? end : high;
	}
	check(total == high, "long chain: total %zu, highest end %zu", total, high);
	size_t bound = 0;
	for (uint32_t t = 0; t < N; t++) {
		size_t sum = 0;
		for (uint32_t i = 0; i < N; i++)
			sum += orig[i].first <= t && t <= orig[i].last ? orig[i].size : 0;
		bound = sum > bound ? sum : bound;
	}
	check(total >= bound && total <= 2 * bound + 16 * 8,
	      "long chain: total %zu, lower bound %zu", total, bound);
}

/* Sizes near 2^31: two or three live together exceed 4 GiB of offsets. */
static void test_huge(void)
{
	static const struct {
		uint32_t n, size;
	} rows[] = { { 2, 0x7fffffffu }, { 3, 0x7fffffffu }, { 5, 0x40000000u },
		     { 2, 0x7ffffff0u }, { 4, 0x3ffffff0u } };
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		mote__buf b[8];
		for (uint32_t i = 0; i < rows[k].n; i++) {
			b[i].size = rows[k].size;
			b[i].first = 0;
			b[i].last = 1;
			b[i].alias = -1;
		}
		size_t total = mote__plan(b, rows[k].n, 16);
		uint64_t sum = (uint64_t)rows[k].n * rows[k].size;
		check(total == SIZE_MAX || (uint64_t)total >= sum,
		      "%u live buffers of %#x bytes: total %zu (a wrapped offset?)",
		      rows[k].n, rows[k].size, total);
	}
}

int main(void)
{
	test_cases();
	test_huge();
	test_random();
	test_long_chain();
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}
