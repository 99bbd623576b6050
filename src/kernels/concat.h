/* SPDX-License-Identifier: Apache-2.0 */
/*
 * concat.h - joining tensors along an axis and cutting one apart:
 * CONCATENATION and PACK (mote_concat_*), SPLIT, SPLIT_V and UNPACK
 * (mote_split_any).
 *
 * Seen around the axis, every tensor is `outer` blocks one after the
 * other; in the joined tensor each block is `block` bytes long and holds
 * one piece of every part, part i at byte `part_offset[i]` and
 * `part_size[i]` bytes long (its axis length times the inner size times the
 * element size). PACK is a concatenation along a new axis of length 1 per
 * part, UNPACK the matching split. The kernels handle one part per call;
 * the operator calls them for every part, in any order, since parts never
 * overlap.
 *
 * Values move as raw bytes, as TFLM does for every type (int16 parts with
 * different scales are copied unchanged, exactly like TFLM).
 * mote_concat_s8 additionally requantizes an int8 part whose scale or zero
 * point differs from the output's, with TFLite's float formula
 *     out = clamp(round(in * scale + bias) + out_zp, -128, 127)
 * where scale = in_scale / out_scale and bias = -in_zp * scale (TFLM
 * itself refuses such models; TFLite does this for uint8).
 */
#ifndef MOTE_KERNELS_CONCAT_H
#define MOTE_KERNELS_CONCAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How an int8 part is requantized into the output. */
typedef struct mote_concat_requant {
	bool enabled; /* false: the part is copied unchanged */
	float scale; /* in_scale / out_scale */
	float bias; /* -in_zp * scale */
} mote_concat_requant;

/* The layout of the parts around the axis. */
typedef struct mote_concat_params {
	int32_t outer; /* number of blocks (product of dims before the axis) */
	int32_t block; /* bytes of one block of the joined tensor */
	int32_t n_parts; /* number of parts */
	const int32_t *part_offset; /* n_parts byte offsets inside a block */
	const int32_t *part_size; /* n_parts byte sizes inside a block */
	const mote_concat_requant *requant; /* n_parts entries (int8
					       * requantizing kernel only),
					       * else NULL */
	int32_t out_zp; /* output zero point (int8 requantizing kernel) */
} mote_concat_params;

/* Copies part i (`in`, outer * part_size[i] bytes) into the joined `out`. */
void mote_concat_any(const mote_concat_params *p, int32_t i, const void *in,
		     void *out);

/* Same for int8, requantizing the part if p->requant[i].enabled. */
void mote_concat_s8(const mote_concat_params *p, int32_t i, const int8_t *in,
		    int8_t *out);

/* Copies part i of the joined `in` into `out` (outer * part_size[i]). */
void mote_split_any(const mote_concat_params *p, int32_t i, const void *in,
		    void *out);

#endif /* MOTE_KERNELS_CONCAT_H */
