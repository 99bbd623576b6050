/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dynamic_update_slice.h - DYNAMIC_UPDATE_SLICE: the operand with the
 * block `update` written at `start`. Each start index is clamped to
 * [0, operand_dim - update_dim] so the block always fits (as TFLM and
 * XLA do). Works on any element type by size.
 */
#ifndef MOTE_KERNELS_DYNAMIC_UPDATE_SLICE_H
#define MOTE_KERNELS_DYNAMIC_UPDATE_SLICE_H

#include <stddef.h>
#include <stdint.h>

/* Highest rank (equals MOTE_MAX_DIMS). */
#define MOTE_DUS_MAX_DIMS 8

typedef struct mote_dus_params {
	int32_t rank; /* rank of operand and update (>= 1) */
	int32_t dims[MOTE_DUS_MAX_DIMS]; /* operand (and output) dims */
	int32_t update_dims[MOTE_DUS_MAX_DIMS]; /* update dims, each <= dims */
	size_t elem_size; /* bytes per element */
} mote_dus_params;

/*
 * out = operand with update written at the clamped `start` (rank values).
 * `out` may equal `operand` (then only the block is written); otherwise
 * they must not overlap, nor may `update` overlap `out`.
 */
void mote_dynamic_update_slice(const mote_dus_params *p, const void *operand,
			       const void *update, const int64_t *start,
			       void *out);

#endif /* MOTE_KERNELS_DYNAMIC_UPDATE_SLICE_H */
