/* SPDX-License-Identifier: Apache-2.0 */
/*
 * broadcast.h - the broadcast walk shared by every element-wise kernel
 * (ADD, SUB, MUL, DIV, MINIMUM, MAXIMUM, SQUARED_DIFFERENCE, FLOOR_DIV,
 * FLOOR_MOD, PRELU, the comparisons, LOGICAL_AND/OR, SELECT, SELECT_V2).
 *
 * Shapes follow numpy broadcasting: shapes are aligned at their last
 * dimension, missing leading dims count as 1, and a dim of 1 repeats along
 * the output's. mote_bcast_init() runs once at prepare: it checks that
 * every input broadcasts to the output shape and describes the output as
 * at most MOTE_BCAST_MAX_DIMS nested loops, innermost first, after
 * dropping dims of extent 1 and fusing neighbouring dims in which every
 * input either is contiguous across both or repeats across both (TFLite's
 * BroadcastBinaryOpSimple does the same fusion). Inputs of the same shape
 * therefore become one loop over all elements with stride 1: the
 * "same-shape fast path" is not a separate code path, it is the walk with
 * one loop.
 *
 * In the innermost loop each input's stride is 0 (repeat one element) or 1
 * (contiguous). A kernel walks the output in order, one inner run at a
 * time:
 *
 *   mote_bcast_it it;
 *   for (bool more = mote_bcast_first(bc, &it); more;
 *        more = mote_bcast_next(bc, &it))
 *           for (int32_t i = 0; i < bc->extent[0]; i++)
 *                   out[it.out + i] = f(a[it.in[0] + i * bc->stride[0][0]],
 *                                       b[it.in[1] + i * bc->stride[1][0]]);
 *
 * Element offsets are int32: mote_bcast_init() refuses shapes whose element
 * counts do not fit. An empty output (a dim of 0) has count 0 and the walk
 * visits nothing.
 */
#ifndef MOTE_KERNELS_BROADCAST_H
#define MOTE_KERNELS_BROADCAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Highest rank the walk accepts (equals MOTE_MAX_DIMS). */
#define MOTE_BCAST_MAX_DIMS 8

/* Most inputs one walk describes (SELECT has three). */
#define MOTE_BCAST_MAX_IN 3

/* A broadcast of up to MOTE_BCAST_MAX_IN inputs onto one output. */
typedef struct mote_bcast {
	int32_t n_in; /* number of inputs described */
	int32_t n_loops; /* loops after fusion, 1..MOTE_BCAST_MAX_DIMS */
	int32_t count; /* output elements; 0 when the output is empty */
	int32_t extent[MOTE_BCAST_MAX_DIMS]; /* loop trip counts, innermost
					       * first */
	int32_t stride[MOTE_BCAST_MAX_IN][MOTE_BCAST_MAX_DIMS]; /* element
			   * step of input k per step of loop d; 0 repeats */
} mote_bcast;

/* Position of a walk: the start of the current inner run. */
typedef struct mote_bcast_it {
	int32_t idx[MOTE_BCAST_MAX_DIMS]; /* counter of each outer loop */
	int32_t in[MOTE_BCAST_MAX_IN]; /* element offset of each input */
	int32_t out; /* element offset in the output */
} mote_bcast_it;

/*
 * Describes broadcasting `n_in` inputs (input k has rank[k] dims dims[k],
 * outermost first) onto an output of `out_rank` dims `out_dims`. Every
 * input dim must be 1 or equal the output dim, and each output dim must be
 * what numpy broadcasting of the inputs gives (the largest input dim, or 0
 * if an input dim is 0). Returns false if not, if a rank exceeds
 * MOTE_BCAST_MAX_DIMS, if n_in is not 1..MOTE_BCAST_MAX_IN, if a dim is
 * negative, or if an element count exceeds INT32_MAX.
 */
bool mote_bcast_init(mote_bcast *b, int32_t n_in,
		     const int32_t *const *dims, const int32_t *rank,
		     const int32_t *out_dims, int32_t out_rank);

/* Starts a walk; false if there is nothing to visit. */
static inline bool mote_bcast_first(const mote_bcast *b, mote_bcast_it *it)
{
	memset(it, 0, sizeof *it);
	return b->count > 0;
}

/* Moves to the next inner run; false when the walk is over. */
static inline bool mote_bcast_next(const mote_bcast *b, mote_bcast_it *it)
{
	it->out += b->extent[0];
	for (int32_t d = 1; d < b->n_loops; d++) {
		for (int32_t k = 0; k < b->n_in; k++)
			it->in[k] += b->stride[k][d];
		if (++it->idx[d] < b->extent[d])
			return true;
		for (int32_t k = 0; k < b->n_in; k++)
			it->in[k] -= b->stride[k][d] * b->extent[d];
		it->idx[d] = 0;
	}
	return false;
}

#endif /* MOTE_KERNELS_BROADCAST_H */
