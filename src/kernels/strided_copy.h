/* SPDX-License-Identifier: Apache-2.0 */
/*
 * strided_copy.h - one data-movement kernel for every operator whose output
 * is an affine view of its input: TRANSPOSE, SLICE, STRIDED_SLICE,
 * REVERSE_V2, BROADCAST_TO, SPACE_TO_DEPTH and DEPTH_TO_SPACE.
 *
 * A view describes the output, in row-major order, as a walk through the
 * input: output element (i0, ..., i{r-1}) is input element
 *     offset + i0 * stride[0] + ... + i{r-1} * stride[r-1]
 * (strides in elements; 0 repeats an element, negative walks backwards).
 * The builders below fill a view from an operator's parameters and then
 * simplify it: output dims of size 1 are dropped and neighbouring dims that
 * walk the input contiguously are merged, so a transpose that keeps the
 * channels together copies whole channel runs with memcpy.
 *
 * Values are moved as raw bytes, so one kernel serves every element type
 * of a fixed size (bool, int8 ... int64, float). The copy is exact: there
 * is nothing to round. Output and input must not overlap.
 *
 * All element counts and offsets fit in int32 (the verifier caps tensors
 * at 2^31 - 1 bytes); builders return false when they would not.
 */
#ifndef MOTE_KERNELS_STRIDED_COPY_H
#define MOTE_KERNELS_STRIDED_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Highest rank of a view (equals MOTE_MAX_DIMS). */
#define MOTE_VIEW_MAX_DIMS 8

/* The output of a data-movement operator as a walk through its input. */
typedef struct mote_view {
	int32_t rank; /* number of output dims, 1..MOTE_VIEW_MAX_DIMS */
	int32_t dims[MOTE_VIEW_MAX_DIMS]; /* output dims, outermost first */
	int32_t stride[MOTE_VIEW_MAX_DIMS]; /* input elements stepped per step
					     * of output dim d */
	int32_t offset; /* input element of output element 0 */
	int32_t n_elems; /* output elements (0: nothing to copy) */
	uint32_t elem_size; /* bytes per element, >= 1 */
} mote_view;

/*
 * A general view: input of `rank` dims `in_dims`; along input axis d the
 * output takes `count[d]` elements starting at index `start[d]` and moving
 * `step[d]` indices each time (step may be 0 or negative). Every output dim
 * is one input axis, in order (SLICE, STRIDED_SLICE, REVERSE_V2,
 * BROADCAST_TO with step 0). The caller guarantees that every index visited
 * lies inside the input when count[d] > 0. rank 0 is a single element.
 * Returns false if rank exceeds MOTE_VIEW_MAX_DIMS or a size overflows.
 */
bool mote_view_init(mote_view *v, const int32_t *in_dims, int32_t rank,
		    const int32_t *start, const int32_t *step,
		    const int32_t *count, uint32_t elem_size);

/*
 * A transpose: output dim d is input axis perm[d] (a permutation of
 * 0..rank-1, checked by the caller). Returns false as mote_view_init().
 */
bool mote_view_init_transpose(mote_view *v, const int32_t *in_dims,
			      int32_t rank, const int32_t *perm,
			      uint32_t elem_size);

/* Copies the view of `in` into `out` (v->n_elems elements, row-major). */
void mote_strided_copy_any(const mote_view *v, const void *in, void *out);

#endif /* MOTE_KERNELS_STRIDED_COPY_H */
