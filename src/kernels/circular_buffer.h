/* SPDX-License-Identifier: Apache-2.0 */
/*
 * circular_buffer.h - the CIRCULAR_BUFFER custom operator's kernel: a
 * buffer of n_slots samples of `depth` int8 values, oldest first. One
 * step drops the oldest sample, moves the others one slot towards the
 * front and appends the new sample at the back. The buffer is the
 * operator's state (a variable output tensor, or persistent memory) and
 * outlives every call; when the step is due is decided by the operator
 * (src/ops/circular_buffer.c), not here.
 */
#ifndef MOTE_KERNELS_CIRCULAR_BUFFER_H
#define MOTE_KERNELS_CIRCULAR_BUFFER_H

#include <stddef.h>
#include <stdint.h>

typedef struct mote_circular_buffer_params {
	int32_t n_slots; /* samples held, >= 1 */
	int32_t depth; /* values per sample, >= 0 */
} mote_circular_buffer_params;

/*
 * One step: buf[0 .. (n_slots - 1) * depth) takes the values that were at
 * buf[depth ..], then the last slot takes in[0 .. depth). `buf` holds
 * n_slots * depth values; `in` must not overlap it.
 */
void mote_circular_buffer_s8(const mote_circular_buffer_params *p,
			     const int8_t *in, int8_t *buf);

#endif /* MOTE_KERNELS_CIRCULAR_BUFFER_H */
