/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode.h - the kernels of TFLM's DECODE custom operator ("TFLM_DECODE"):
 * decompression of a constant tensor at invoke time. Each kernel expands
 * an encoded stream into `count` output elements of elem_size bytes (1, 2,
 * 4 or 8), copying element bytes, so one kernel serves every type.
 *
 * LUT: the stream is a big-endian bit string of `bits`-wide indices (the
 * first index in the most significant bits of byte 0), one per output
 * element in order. Each index selects a value from its channel's table;
 * channel c's table starts `stride` elements after channel c - 1's. The
 * channel of element i is i / (count / n_channels) when the channels are
 * the outermost dim, i % n_channels when they are the innermost
 * (alt_axis).
 *
 * Prune: the stream is a big-endian bit mask, one bit per element: a 1
 * takes the next unused value of `values`, a 0 the zero point of the
 * element's channel (channels as for LUT; one zero point for all when
 * zp is NULL).
 *
 * Huffman: the stream is a big-endian bit string of code words walked
 * through tables of 16- or 32-bit entries. A lookup reads `first_bits`
 * bits and indexes the table with them. An entry whose top bit is set is
 * a symbol: its low bits (the element, truncated to elem_size) and, in
 * its count field, how many of the bits just read the code used; the
 * rest are given back to the stream. An entry without the top bit leads
 * to a sub-table: read count + 1 more bits and index from the current
 * position plus the entry's offset field plus those bits. 16-bit entries
 * have count in bits 11-14 and value/offset in bits 0-10; 32-bit entries
 * count in bits 27-30 and value/offset in bits 0-26.
 *
 * Every kernel checks each read against the sizes given and returns false
 * (having written a prefix of the output) if the stream or a table is too
 * short; with out == NULL it only checks, so the operator can validate a
 * constant stream once at prepare. For Huffman, bits up to 32 past the
 * end of the stream read as 0 (TFLM reads whole 32-bit words there, and a
 * lookup may look past the last code word), and reading further fails;
 * for LUT and Prune, any bit past the end is an error.
 */
#ifndef MOTE_KERNELS_DECODE_H
#define MOTE_KERNELS_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct mote_decode_lut_params {
	const uint8_t *indices; /* the index bit string (borrowed) */
	size_t n_index_bytes; /* its size */
	const uint8_t *table; /* the value tables (borrowed, any alignment) */
	size_t n_table; /* their total number of elements */
	size_t count; /* output elements */
	size_t n_channels; /* channels, >= 1, dividing count */
	bool alt_axis; /* channels are the innermost dim */
	uint32_t stride; /* elements from one channel's table to the next */
	uint32_t bits; /* index width, 1 .. 7 */
	uint32_t elem_size; /* bytes per element: 1, 2, 4 or 8 */
} mote_decode_lut_params;

typedef struct mote_decode_prune_params {
	const uint8_t *mask; /* the bit mask (borrowed) */
	size_t n_mask_bytes; /* its size */
	const uint8_t *values; /* the kept values in order (borrowed) */
	size_t n_values; /* their number */
	size_t count; /* output elements */
	size_t n_channels; /* channels, >= 1, dividing count */
	bool alt_axis; /* channels are the innermost dim */
	const int8_t *zp; /* per-channel zero points (int8 output), or NULL */
	int8_t zp0; /* the zero point when zp is NULL (0 unless int8) */
	uint32_t elem_size; /* bytes per element: 1, 2, 4 or 8 */
} mote_decode_prune_params;

typedef struct mote_decode_huffman_params {
	const uint8_t *stream; /* the code words (borrowed) */
	size_t n_stream_bytes; /* its size */
	const uint8_t *table; /* the tables (borrowed, little-endian) */
	size_t n_entries; /* their number of entries */
	size_t count; /* output elements */
	bool wide; /* 32-bit entries (else 16-bit) */
	uint32_t first_bits; /* bits of the first lookup, 1 .. 16 */
	uint32_t elem_size; /* bytes per element: 1 or 2 */
} mote_decode_huffman_params;

/* Each writes p->count elements to `out` (NULL: check only) and returns
 * false if a read falls outside the sizes in p. */
bool mote_decode_lut(const mote_decode_lut_params *p, void *out);
bool mote_decode_prune(const mote_decode_prune_params *p, void *out);
bool mote_decode_huffman(const mote_decode_huffman_params *p, void *out);

#endif /* MOTE_KERNELS_DECODE_H */
