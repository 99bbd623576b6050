/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_inflate.c - DEFLATE and zlib decoding (see ex_inflate.h).
 *
 * The decoder follows the structure of Mark Adler's "puff": canonical
 * Huffman codes are kept as a count of codes per length plus the symbols
 * in code order, and decoded one bit at a time (slow, small and easy to
 * check; a PNG of a few hundred kilobytes decodes in milliseconds). Errors
 * are latched in the state: a read past the input returns zero bits and
 * sets `err`, and every loop tests it, so no longjmp is needed.
 */
#include "ex_inflate.h"

#include <string.h>

#define MAX_BITS 15 /* longest code */
#define MAX_LCODES 286 /* literal/length codes */
#define MAX_DCODES 30 /* distance codes */
#define FIXED_LCODES 288 /* the fixed table defines two unused codes */

typedef struct state {
	const uint8_t *in; /* input */
	size_t in_len; /* its length */
	size_t in_pos; /* next byte to load */
	uint32_t bitbuf; /* bits not yet used, LSB first */
	int bitcnt; /* how many */
	uint8_t *out; /* output */
	size_t cap; /* its capacity */
	size_t pos; /* bytes written */
	int err; /* first error, or 0 */
} state;

/* A canonical Huffman code. */
typedef struct huffman {
	int16_t count[MAX_BITS + 1]; /* number of codes of each length */
	int16_t symbol[FIXED_LCODES]; /* symbols ordered by code */
} huffman;

/* Takes `need` bits (at most 16) from the input, LSB first. */
static int bits(state *s, int need)
{
	uint32_t val = s->bitbuf;
	while (s->bitcnt < need) {
		if (s->in_pos >= s->in_len) {
			if (!s->err)
				s->err = EX_INFLATE_E_INPUT;
			return 0;
		}
		val |= (uint32_t)s->in[s->in_pos++] << s->bitcnt;
		s->bitcnt += 8;
	}
	s->bitbuf = val >> need;
	s->bitcnt -= need;
	return (int)(val & ((1u << need) - 1));
}

static void fail(state *s, int code)
{
	if (!s->err)
		s->err = code;
}

/* A stored block: byte-aligned LEN, ~LEN, then LEN bytes. */
static void stored(state *s)
{
	s->bitbuf = 0;
	s->bitcnt = 0;
	if (s->in_len - s->in_pos < 4) {
		fail(s, EX_INFLATE_E_INPUT);
		return;
	}
	const uint8_t *p = s->in + s->in_pos;
	unsigned len = (unsigned)p[0] | (unsigned)p[1] << 8;
	unsigned nlen = (unsigned)p[2] | (unsigned)p[3] << 8;
	s->in_pos += 4;
	if (len != (~nlen & 0xFFFFu)) {
		fail(s, EX_INFLATE_E_STORED);
		return;
	}
	if (s->in_len - s->in_pos < len) {
		fail(s, EX_INFLATE_E_INPUT);
		return;
	}
	if (s->cap - s->pos < len) {
		fail(s, EX_INFLATE_E_OUTPUT);
		return;
	}
	memcpy(s->out + s->pos, s->in + s->in_pos, len);
	s->pos += len;
	s->in_pos += len;
}

/* Decodes one symbol, or returns -1 (with err set) if none matches. */
static int decode(state *s, const huffman *h)
{
	int code = 0; /* bits read so far, MSB first */
	int first = 0; /* first code of the current length */
	int index = 0; /* index of that code's symbol */
	for (int len = 1; len <= MAX_BITS; len++) {
		code |= bits(s, 1);
		int count = h->count[len];
		if (code - count < first)
			return h->symbol[index + (code - first)];
		index += count;
		first = (first + count) << 1;
		code <<= 1;
	}
	fail(s, EX_INFLATE_E_SYMBOL);
	return -1;
}

/*
 * Builds a code from n code lengths. Returns 0 for a complete code, > 0
 * for an incomplete one (codes left unused), < 0 if over-subscribed.
 */
static int construct(huffman *h, const int16_t *length, int n)
{
	int16_t offs[MAX_BITS + 1];
	memset(h->count, 0, sizeof h->count);
	for (int i = 0; i < n; i++)
		h->count[length[i]]++;
	if (h->count[0] == n)
		return 0; /* no codes: complete, but decode() will fail */
	int left = 1;
	for (int len = 1; len <= MAX_BITS; len++) {
		left = (left << 1) - h->count[len];
		if (left < 0)
			return left;
	}
	offs[1] = 0;
	for (int len = 1; len < MAX_BITS; len++)
		offs[len + 1] = (int16_t)(offs[len] + h->count[len]);
	for (int i = 0; i < n; i++) {
		if (length[i] != 0)
			h->symbol[offs[length[i]]++] = (int16_t)i;
	}
	return left;
}

static const uint16_t len_base[29] = { 3,  4,  5,  6,   7,   8,   9,   10,
				       11, 13, 15, 17,  19,  23,  27,  31,
				       35, 43, 51, 59,  67,  83,  99,  115,
				       131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
				       1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
				       4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
	1,   2,   3,   4,   5,   7,    9,    13,   17,   25,
	33,  49,  65,  97,  129, 193,  257,  385,  513,  769,
	1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
};
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2,  2,  3,  3,
					4, 4, 5, 5, 6, 6, 7,  7,  8,  8,
					9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* Copies a match of `len` bytes from `dist` back (may overlap). */
static void copy_match(state *s, int len, int dist)
{
	if ((size_t)dist > s->pos) {
		fail(s, EX_INFLATE_E_SYMBOL);
		return;
	}
	if (s->cap - s->pos < (size_t)len) {
		fail(s, EX_INFLATE_E_OUTPUT);
		return;
	}
	for (int i = 0; i < len; i++, s->pos++)
		s->out[s->pos] = s->out[s->pos - (size_t)dist];
}

/* Literals and matches until the end-of-block symbol. */
static void codes(state *s, const huffman *lencode, const huffman *distcode)
{
	while (!s->err) {
		int sym = decode(s, lencode);
		if (sym < 256) {
			if (sym < 0 || s->err)
				return;
			if (s->pos >= s->cap) {
				fail(s, EX_INFLATE_E_OUTPUT);
				return;
			}
			s->out[s->pos++] = (uint8_t)sym;
			continue;
		}
		if (sym == 256)
			return;
		sym -= 257;
		if (sym >= 29) {
			fail(s, EX_INFLATE_E_SYMBOL);
			return;
		}
		int len = len_base[sym] + bits(s, len_extra[sym]);
		int dsym = decode(s, distcode);
		if (dsym < 0 || dsym >= 30) {
			fail(s, EX_INFLATE_E_SYMBOL);
			return;
		}
		int dist = dist_base[dsym] + bits(s, dist_extra[dsym]);
		if (!s->err)
			copy_match(s, len, dist);
	}
}

static void fixed(state *s)
{
	int16_t lengths[FIXED_LCODES];
	huffman lencode, distcode;
	for (int i = 0; i < FIXED_LCODES; i++)
		lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
	construct(&lencode, lengths, FIXED_LCODES);
	for (int i = 0; i < MAX_DCODES; i++)
		lengths[i] = 5;
	construct(&distcode, lengths, MAX_DCODES);
	codes(s, &lencode, &distcode);
}

/* Reads the literal/length and distance code lengths of a dynamic block
 * (themselves Huffman-coded with the code-length code `lencode`). */
static int read_lengths(state *s, const huffman *lencode, int16_t *lengths,
			int n)
{
	int index = 0;
	while (index < n && !s->err) {
		int sym = decode(s, lencode);
		if (sym < 0)
			return -1;
		if (sym < 16) {
			lengths[index++] = (int16_t)sym;
			continue;
		}
		int16_t value = 0;
		int repeat;
		if (sym == 16) {
			if (index == 0)
				return -1;
			value = lengths[index - 1];
			repeat = 3 + bits(s, 2);
		} else if (sym == 17) {
			repeat = 3 + bits(s, 3);
		} else {
			repeat = 11 + bits(s, 7);
		}
		if (index + repeat > n)
			return -1;
		while (repeat--)
			lengths[index++] = value;
	}
	return s->err ? -1 : 0;
}

static void dynamic(state *s)
{
	static const uint8_t order[19] = { 16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
					   11, 4,  12, 3, 13, 2, 14, 1, 15 };
	int16_t lengths[MAX_LCODES + MAX_DCODES];
	huffman lencode, distcode;
	int nlen = bits(s, 5) + 257;
	int ndist = bits(s, 5) + 1;
	int ncode = bits(s, 4) + 4;
	if (s->err)
		return;
	if (nlen > MAX_LCODES || ndist > MAX_DCODES) {
		fail(s, EX_INFLATE_E_CODES);
		return;
	}
	memset(lengths, 0, 19 * sizeof lengths[0]);
	for (int i = 0; i < ncode; i++)
		lengths[order[i]] = (int16_t)bits(s, 3);
	if (s->err)
		return;
	if (construct(&lencode, lengths, 19) != 0 ||
	    read_lengths(s, &lencode, lengths, nlen + ndist) != 0 ||
	    lengths[256] == 0) {
		fail(s, EX_INFLATE_E_CODES);
		return;
	}
	/* An incomplete code is allowed only as a single one-bit code. */
	int left = construct(&lencode, lengths, nlen);
	if (left < 0 ||
	    (left > 0 && nlen != lencode.count[0] + lencode.count[1])) {
		fail(s, EX_INFLATE_E_CODES);
		return;
	}
	left = construct(&distcode, lengths + nlen, ndist);
	if (left < 0 ||
	    (left > 0 && ndist != distcode.count[0] + distcode.count[1])) {
		fail(s, EX_INFLATE_E_CODES);
		return;
	}
	codes(s, &lencode, &distcode);
}

int ex_inflate(uint8_t *out, size_t cap, size_t *out_len, const uint8_t *in,
	       size_t in_len, size_t *in_used)
{
	state s = { .in = in, .in_len = in_len, .out = out, .cap = cap };
	int last = 0;
	while (!last && !s.err) {
		last = bits(&s, 1);
		int type = bits(&s, 2);
		if (s.err)
			break;
		if (type == 0)
			stored(&s);
		else if (type == 1)
			fixed(&s);
		else if (type == 2)
			dynamic(&s);
		else
			fail(&s, EX_INFLATE_E_BLOCK);
	}
	*out_len = s.pos;
	if (in_used)
		*in_used = s.in_pos;
	return s.err;
}

int ex_zlib_decompress(uint8_t *out, size_t cap, size_t *out_len,
		       const uint8_t *in, size_t in_len)
{
	*out_len = 0;
	if (in_len < 6)
		return EX_INFLATE_E_INPUT;
	unsigned cmf = in[0], flg = in[1];
	if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || (cmf * 256 + flg) % 31 != 0 ||
	    (flg & 0x20))
		return EX_INFLATE_E_HEADER;
	size_t used = 0;
	int rc = ex_inflate(out, cap, out_len, in + 2, in_len - 2, &used);
	if (rc != EX_INFLATE_OK)
		return rc;
	if (in_len - 2 - used < 4)
		return EX_INFLATE_E_INPUT;
	const uint8_t *p = in + 2 + used;
	uint32_t want = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			(uint32_t)p[2] << 8 | p[3];
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < *out_len; i++) {
		a = (a + out[i]) % 65521u;
		b = (b + a) % 65521u;
	}
	return ((b << 16) | a) == want ? EX_INFLATE_OK : EX_INFLATE_E_CHECK;
}
