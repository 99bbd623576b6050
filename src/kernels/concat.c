/* SPDX-License-Identifier: Apache-2.0 */
/*
 * concat.c - see concat.h.
 *
 * Empty parts and empty tensors (whose data pointers may be NULL) return
 * before any pointer arithmetic.
 */
#include "kernels/concat.h"

#include <string.h>

#include "kernels/fixedpoint.h"

void mote_concat_any(const mote_concat_params *p, int32_t i, const void *in,
		     void *out)
{
	size_t size = (size_t)p->part_size[i];
	if (size == 0 || p->outer <= 0)
		return;

	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out + p->part_offset[i];
	for (int32_t k = 0; k < p->outer; k++) {
		memcpy(dst, src, size);
		src += size;
		dst += p->block;
	}
}

void mote_concat_s8(const mote_concat_params *p, int32_t i, const int8_t *in,
		    int8_t *out)
{
	const mote_concat_requant *rq = &p->requant[i];
	int32_t size = p->part_size[i];
	if (!rq->enabled || size == 0 || p->outer <= 0) {
		mote_concat_any(p, i, in, out);
		return;
	}

	int8_t *dst = out + p->part_offset[i];
	for (int32_t k = 0; k < p->outer; k++) {
		for (int32_t j = 0; j < size; j++) {
			float f = (float)in[j] * rq->scale + rq->bias;
			float r = mote_roundf(f);
			/* Bounded first so the conversion cannot overflow; the
			 * final clamp gives the same result. */
			r = r > 512.0f ? 512.0f : (r < -512.0f ? -512.0f : r);
			int32_t v = (int32_t)r + p->out_zp;
			dst[j] = (int8_t)mote_clamp_i32(v, -128, 127);
		}
		in += size;
		dst += p->block;
	}
}

void mote_split_any(const mote_concat_params *p, int32_t i, const void *in,
		    void *out)
{
	size_t size = (size_t)p->part_size[i];
	if (size == 0 || p->outer <= 0)
		return;

	const uint8_t *src = (const uint8_t *)in + p->part_offset[i];
	uint8_t *dst = (uint8_t *)out;
	for (int32_t k = 0; k < p->outer; k++) {
		memcpy(dst, src, size);
		src += p->block;
		dst += size;
	}
}
