/* SPDX-License-Identifier: Apache-2.0 */
/*
 * plan.h - places buffers with known lifetimes in one arena (see plan.c).
 */
#ifndef MOTE_PLAN_PLAN_H
#define MOTE_PLAN_PLAN_H

#include <stddef.h>
#include <stdint.h>

/* Offset of a buffer not (yet) placed. */
#define MOTE_PLAN_NONE UINT32_MAX

/* One buffer to place: a tensor's data or an operator's scratch. */
typedef struct mote__buf {
	uint32_t size; /* bytes; 0 = nothing to place */
	uint32_t offset; /* result: byte offset in the arena */
	uint16_t first; /* first operator that uses it (inclusive) */
	uint16_t last; /* last operator that uses it (inclusive) */
	int32_t alias; /* buffer whose memory this one shares, or -1 */
} mote__buf;

/*
 * Places bufs[0..n) and returns the bytes the arena head needs. Buffers
 * with alias >= 0 take their root's offset; the root's lifetime is widened
 * to cover them. Every offset is a multiple of `align` (a power of two).
 * Returns SIZE_MAX when the buffers cannot be placed below 4 GiB.
 */
size_t mote__plan(mote__buf *bufs, uint32_t n, uint32_t align);

#endif /* MOTE_PLAN_PLAN_H */
