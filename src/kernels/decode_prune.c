/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode_prune.c - reference Prune decompression of the DECODE operator;
 * see decode.h. One pass over the mask: kept values are consumed in
 * order, pruned elements take their channel's zero point, sign-extended
 * to the element size.
 */
#include "kernels/decode.h"

#include <string.h>

/* Writes zero point z as an element of `size` bytes (two's complement,
 * little-endian). */
static void put_zp(uint8_t *dst, int8_t z, uint32_t size)
{
	memset(dst, z < 0 ? 0xff : 0, size);
	dst[0] = (uint8_t)z;
}

bool mote_decode_prune(const mote_decode_prune_params *p, void *out)
{
	const size_t per_channel = p->count / p->n_channels;
	const uint32_t es = p->elem_size;
	uint8_t *o = out;
	size_t next = 0;

	if ((p->count + 7u) / 8u > p->n_mask_bytes)
		return false;
	for (size_t i = 0; i < p->count; i++) {
		bool kept = (p->mask[i >> 3] >> (7u - (i & 7u))) & 1u;
		if (kept && next >= p->n_values)
			return false;
		if (!o) {
			next += kept;
			continue;
		}
		if (kept) {
			memcpy(o + i * es, p->values + next * es, es);
			next++;
			continue;
		}
		size_t c = p->alt_axis ? i % p->n_channels : i / per_channel;
		put_zp(o + i * es, p->zp ? p->zp[c] : p->zp0, es);
	}
	return true;
}
