/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch_space.h - SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND for any number
 * of spatial dims.
 *
 * The "space" tensor is [batch, space[0..m), depth...] and the "batch"
 * tensor is [prod(block) * batch, grid[0..m), depth...], with all trailing
 * dims folded into `depth`. Batch-tensor batch index
 *     bb = ((s[0] * block[1] + s[1]) * ... + s[m-1]) * batch + b
 * (block offsets s[j] in [0, block[j])) and grid position g hold the
 * space-tensor element of batch b at spatial position
 *     x[j] = g[j] * block[j] + s[j] - before[j].
 * SPACE_TO_BATCH_ND (before = the leading paddings) writes the whole batch
 * tensor, with the pad value where x lies outside the space tensor;
 * BATCH_TO_SPACE_ND (before = the leading crops) writes the whole space
 * tensor and skips batch-tensor elements that fall into the crops. This is
 * TFLM's reference arithmetic (which handles m = 1 and 2) for any m.
 *
 * Values move as raw bytes of `elem_size`; the pad value is one element
 * (TFLite pads with the output zero point, 0 for float).
 */
#ifndef MOTE_KERNELS_BATCH_SPACE_H
#define MOTE_KERNELS_BATCH_SPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Highest number of spatial dims (MOTE_MAX_DIMS - 2). */
#define MOTE_BATCH_SPACE_MAX 6

/* Shape of a space/batch rearrangement. */
typedef struct mote_batch_space_params {
	int32_t batch; /* batch of the space tensor */
	int32_t m; /* number of spatial dims, 1..MOTE_BATCH_SPACE_MAX */
	int32_t space[MOTE_BATCH_SPACE_MAX]; /* spatial dims, space tensor */
	int32_t grid[MOTE_BATCH_SPACE_MAX]; /* spatial dims, batch tensor */
	int32_t block[MOTE_BATCH_SPACE_MAX]; /* block shape, >= 1 */
	int32_t before[MOTE_BATCH_SPACE_MAX]; /* leading paddings or crops */
	int32_t depth; /* elements per spatial position */
	uint32_t elem_size; /* bytes per element */
} mote_batch_space_params;

/* SPACE_TO_BATCH_ND: `in` is the space tensor, `out` the batch tensor. */
void mote_space_to_batch_any(const mote_batch_space_params *p, const void *in,
			     const void *pad_value, void *out);

/* BATCH_TO_SPACE_ND: `in` is the batch tensor, `out` the space tensor. */
void mote_batch_to_space_any(const mote_batch_space_params *p, const void *in,
			     void *out);

#endif /* MOTE_KERNELS_BATCH_SPACE_H */
