/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode_huffman.c - reference Huffman decompression of the DECODE
 * operator; see decode.h. The stream is read through a bit cursor:
 * reading advances it, giving bits back moves it back. Bits up to 32
 * past the end of the stream read as 0 (TFLM fetches whole 32-bit words,
 * and a lookup may look past the last code word); a read reaching
 * further fails, which also ends a walk through tables that never reach
 * a symbol.
 */
#include "kernels/decode.h"

#include <string.h>

/* How far past the stream a read may reach, in bits. */
#define SLACK_BITS 32u

/* A bit cursor on the stream. */
typedef struct cursor {
	const uint8_t *s; /* the stream */
	uint64_t n_bits; /* its length in bits */
	uint64_t pos; /* the next bit to read */
} cursor;

/* Reads n (1 .. 16) bits, most significant first, into *v; false if the
 * read reaches more than SLACK_BITS past the end. */
static bool get_bits(cursor *c, uint32_t n, uint32_t *v)
{
	if (c->pos + n > c->n_bits + SLACK_BITS)
		return false;
	uint32_t x = 0;
	for (uint32_t k = 0; k < n; k++, c->pos++) {
		uint32_t bit = 0;
		if (c->pos < c->n_bits)
			bit = (c->s[c->pos >> 3] >> (7u - (c->pos & 7u))) & 1u;
		x = (x << 1) | bit;
	}
	*v = x;
	return true;
}

/* Table entry i, little-endian. */
static uint32_t entry(const mote_decode_huffman_params *p, size_t i)
{
	const uint8_t *e = p->table + i * (p->wide ? 4u : 2u);
	uint32_t v = (uint32_t)e[0] | (uint32_t)e[1] << 8;
	if (p->wide)
		v |= (uint32_t)e[2] << 16 | (uint32_t)e[3] << 24;
	return v;
}

bool mote_decode_huffman(const mote_decode_huffman_params *p, void *out)
{
	const uint32_t found = p->wide ? 0x80000000u : 0x8000u;
	const uint32_t count_shift = p->wide ? 27u : 11u;
	const uint32_t value_mask = p->wide ? 0x07ffffffu : 0x07ffu;
	cursor c = { p->stream, (uint64_t)p->n_stream_bytes * 8u, 0 };
	uint8_t *o = out;

	for (size_t i = 0; i < p->count; i++) {
		uint32_t used = p->first_bits, bits;
		if (!get_bits(&c, used, &bits) || bits >= p->n_entries)
			return false;
		size_t at = bits;
		uint32_t e = entry(p, at);
		while (!(e & found)) {
			used = ((e >> count_shift) & 15u) + 1u;
			if (!get_bits(&c, used, &bits))
				return false;
			at += (size_t)(e & value_mask) + bits;
			if (at >= p->n_entries)
				return false;
			e = entry(p, at);
		}
		uint32_t kept = (e >> count_shift) & 15u;
		if (used > kept)
			c.pos -= used - kept;
		if (o && p->elem_size == 1)
			o[i] = (uint8_t)e;
		if (o && p->elem_size == 2) {
			uint16_t v = (uint16_t)e;
			memcpy(o + 2 * i, &v, 2);
		}
	}
	return true;
}
