/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gather.h - kernels that copy slices chosen by index tensors: GATHER,
 * GATHER_ND and EMBEDDING_LOOKUP.
 *
 * GATHER along `axis` with `batch_dims` b sees the input as
 * [batch, outer, axis_size, inner] (batch: the first b dims, outer: the
 * dims up to the axis, inner: the dims after it) and the indices as
 * [batch, coords]; output slice (batch, outer, coord) is input slice
 * (batch, outer, indices[batch][coord]). EMBEDDING_LOOKUP is GATHER on
 * axis 0 with 1-D ids; its hybrid form (int8 table, float output)
 * dequantizes each copied value as (float)value * scale, like TFLM.
 *
 * GATHER_ND reads `nd` indices per slice; slice i starts at input element
 * sum_j indices[i][j] * stride[j] and is `slice` elements long.
 *
 * Indices are int32 or int64 and come from tensor data, so the kernels
 * check every one: an index outside [0, size) stops the kernel, which
 * returns false (the operator reports MOTE_E_EVAL; TFLM does not check
 * GATHER at all and checks GATHER_ND only against the whole input).
 * Values move as raw bytes of `elem_size`.
 */
#ifndef MOTE_KERNELS_GATHER_H
#define MOTE_KERNELS_GATHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Highest index depth of GATHER_ND (equals MOTE_MAX_DIMS). */
#define MOTE_GATHER_ND_MAX 8

/* Shape of a GATHER or EMBEDDING_LOOKUP. */
typedef struct mote_gather_params {
	int32_t batch; /* product of the batch dims */
	int32_t outer; /* product of the dims between batch dims and axis */
	int32_t axis_size; /* input dim along the axis */
	int32_t inner; /* elements per slice (product of dims after axis) */
	int32_t coords; /* indices per batch */
	uint32_t elem_size; /* bytes per element */
	bool idx64; /* indices are int64 (else int32) */
} mote_gather_params;

/* Shape of a GATHER_ND. */
typedef struct mote_gather_nd_params {
	int32_t n_slices; /* number of index tuples */
	int32_t nd; /* indices per tuple, 1..MOTE_GATHER_ND_MAX */
	int32_t dims[MOTE_GATHER_ND_MAX]; /* input dims the tuple indexes */
	int32_t stride[MOTE_GATHER_ND_MAX]; /* input elements per step of
					     * those dims */
	int32_t slice; /* elements per slice */
	uint32_t elem_size; /* bytes per element */
	bool idx64; /* indices are int64 (else int32) */
} mote_gather_nd_params;

/* GATHER; false on an index out of range (output then incomplete). */
bool mote_gather_any(const mote_gather_params *p, const void *in,
		     const void *idx, void *out);

/* GATHER_ND; false on an index out of range. */
bool mote_gather_nd_any(const mote_gather_nd_params *p, const void *in,
			const void *idx, void *out);

/* Hybrid EMBEDDING_LOOKUP: int8 rows dequantized with `scale` (zero point
 * 0); p->elem_size is ignored. False on an id out of range. */
bool mote_embedding_lookup_s8_f32(const mote_gather_params *p, float scale,
				  const int8_t *in, const void *idx,
				  float *out);

#endif /* MOTE_KERNELS_GATHER_H */
