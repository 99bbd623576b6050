/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_inflate.h - a small DEFLATE decoder (RFC 1951) and the zlib wrapper
 * (RFC 1950) around it, enough to read PNG files without zlib.
 *
 * Decodes into a caller-provided buffer of known capacity (a PNG says how
 * many bytes its image data inflates to); every length, distance and code
 * is checked, so corrupt or hostile input ends in an error code, never in
 * a read or write out of bounds.
 */
#ifndef EX_INFLATE_H
#define EX_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/* Result codes, one per line. */
#define EX_INFLATE_OK 0 /* decoded completely */
#define EX_INFLATE_E_INPUT -1 /* input ended inside the stream */
#define EX_INFLATE_E_OUTPUT -2 /* output would exceed the capacity */
#define EX_INFLATE_E_BLOCK -3 /* reserved block type 3 */
#define EX_INFLATE_E_STORED -4 /* stored block length check failed */
#define EX_INFLATE_E_CODES -5 /* bad Huffman code lengths */
#define EX_INFLATE_E_SYMBOL -6 /* invalid symbol or distance */
#define EX_INFLATE_E_HEADER -7 /* bad zlib header (or preset dictionary) */
#define EX_INFLATE_E_CHECK -8 /* Adler-32 mismatch */

/*
 * Decodes the raw DEFLATE stream in[0..in_len) into out[0..cap).
 * On EX_INFLATE_OK, *out_len is the number of bytes produced and
 * *in_used (if not NULL) the bytes consumed up to the end of the last
 * block. On error, out holds partial data.
 */
int ex_inflate(uint8_t *out, size_t cap, size_t *out_len, const uint8_t *in,
	       size_t in_len, size_t *in_used);

/* Decodes a zlib stream: header, DEFLATE data, Adler-32 of the output. */
int ex_zlib_decompress(uint8_t *out, size_t cap, size_t *out_len,
		       const uint8_t *in, size_t in_len);

#endif /* EX_INFLATE_H */
