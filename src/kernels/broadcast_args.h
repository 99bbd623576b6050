/* SPDX-License-Identifier: Apache-2.0 */
/*
 * broadcast_args.h - BROADCAST_ARGS: the broadcast of two shapes given as
 * 1-D int32 or int64 tensors. Shapes are aligned at their last element; a
 * missing dim counts as 1, a dim of 1 takes the other's value, and two
 * dims other than 1 must be equal.
 */
#ifndef MOTE_KERNELS_BROADCAST_ARGS_H
#define MOTE_KERNELS_BROADCAST_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Writes the n_out = max(na, nb) dims of the broadcast of shape a (na
 * dims) and shape b (nb dims) to `out`. Returns false, with `out` partly
 * written, if two dims are incompatible.
 */
bool mote_broadcast_args_s32(const int32_t *a, int32_t na, const int32_t *b,
			     int32_t nb, int32_t *out, int32_t n_out);
bool mote_broadcast_args_s64(const int64_t *a, int32_t na, const int64_t *b,
			     int32_t nb, int64_t *out, int32_t n_out);

#endif /* MOTE_KERNELS_BROADCAST_ARGS_H */
