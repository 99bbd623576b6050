/* SPDX-License-Identifier: Apache-2.0 */
/*
 * circular_buffer.c - reference CIRCULAR_BUFFER step; see
 * circular_buffer.h. The slots move with one overlapping memmove, then
 * the new sample is copied into the last slot.
 */
#include "kernels/circular_buffer.h"

#include <string.h>

void mote_circular_buffer_s8(const mote_circular_buffer_params *p,
			     const int8_t *in, int8_t *buf)
{
	size_t depth = (size_t)p->depth;
	size_t kept = (size_t)(p->n_slots - 1) * depth;

	memmove(buf, buf + depth, kept);
	memcpy(buf + kept, in, depth);
}
