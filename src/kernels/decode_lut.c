/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode_lut.c - reference LUT decompression of the DECODE operator; see
 * decode.h. Indices are at most 7 bits wide, so each spans at most two
 * bytes of the bit string; elements are read and written in order.
 */
#include "kernels/decode.h"

#include <string.h>

/* The `bits`-wide index that starts at bit `pos` (0: the most significant
 * bit of s[0]); the caller has checked that it lies within n bytes. */
static uint32_t index_at(const uint8_t *s, size_t n, uint64_t pos,
			 uint32_t bits)
{
	size_t byte = (size_t)(pos >> 3);
	uint32_t two = (uint32_t)s[byte] << 8;
	if (byte + 1 < n)
		two |= s[byte + 1];
	uint32_t shift = 16u - (uint32_t)(pos & 7u) - bits;
	return (two >> shift) & ((1u << bits) - 1u);
}

bool mote_decode_lut(const mote_decode_lut_params *p, void *out)
{
	const size_t per_channel = p->count / p->n_channels;
	uint8_t *o = out;

	if ((uint64_t)p->count * p->bits > (uint64_t)p->n_index_bytes * 8u)
		return false;
	for (size_t i = 0; i < p->count; i++) {
		size_t c = p->alt_axis ? i % p->n_channels : i / per_channel;
		uint64_t j = (uint64_t)c * p->stride +
			     index_at(p->indices, p->n_index_bytes,
				      (uint64_t)i * p->bits, p->bits);
		if (j >= p->n_table)
			return false;
		if (o)
			memcpy(o + i * p->elem_size,
			       p->table + (size_t)j * p->elem_size,
			       p->elem_size);
	}
	return true;
}
