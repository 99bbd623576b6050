/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fb.h - minimal FlatBuffers access for the TFLite schema.
 *
 * Two kinds of accessors:
 *  - fb_*_checked(): used by the verifier; every read is bounds-checked
 *    against the buffer and reports what went wrong;
 *  - fb_*() (unchecked): used after mote_model_open() verified the whole
 *    buffer; they read fields without checks, which is safe only on
 *    verified tables. Their names carry no suffix, the verifier's do.
 * All scalars are read with byte loads (little-endian), so tables may sit at
 * any alignment the format allows on any target.
 *
 * Layout: a table at position t starts with an int32 soffset; the vtable is
 * at t - soffset and holds uint16 {vtable bytes, table bytes, field offsets}.
 * A field offset of 0 means absent. Offsets to tables, vectors and strings
 * are uint32 relative to where they are stored. A vector is a uint32 count
 * followed by the elements; a string is a byte vector followed by a NUL.
 */
#ifndef MOTE_MODEL_FB_H
#define MOTE_MODEL_FB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint16_t fb_u16(const uint8_t *b, size_t pos)
{
	return (uint16_t)(b[pos] | (b[pos + 1] << 8));
}

static inline uint32_t fb_u32(const uint8_t *b, size_t pos)
{
	return (uint32_t)b[pos] | ((uint32_t)b[pos + 1] << 8) |
	       ((uint32_t)b[pos + 2] << 16) | ((uint32_t)b[pos + 3] << 24);
}

static inline uint64_t fb_u64(const uint8_t *b, size_t pos)
{
	return (uint64_t)fb_u32(b, pos) | ((uint64_t)fb_u32(b, pos + 4) << 32);
}

/* Offset of field `id` within the table at t, 0 if absent (unchecked). */
static inline uint32_t fb_field(const uint8_t *b, uint32_t t, unsigned id)
{
	uint32_t vt = t - fb_u32(b, t);
	uint16_t vt_len = fb_u16(b, vt);
	unsigned at = 4 + 2 * id;
	if (at + 2 > vt_len)
		return 0;
	return fb_u16(b, vt + at);
}

/* Scalar field readers with defaults (unchecked). */
static inline uint32_t fb_get_u32(const uint8_t *b, uint32_t t, unsigned id,
				  uint32_t def)
{
	uint32_t f = fb_field(b, t, id);
	return f ? fb_u32(b, t + f) : def;
}

static inline int32_t fb_get_i32(const uint8_t *b, uint32_t t, unsigned id,
				 int32_t def)
{
	return (int32_t)fb_get_u32(b, t, id, (uint32_t)def);
}

static inline uint8_t fb_get_u8(const uint8_t *b, uint32_t t, unsigned id,
				uint8_t def)
{
	uint32_t f = fb_field(b, t, id);
	return f ? b[t + f] : def;
}

static inline uint64_t fb_get_u64(const uint8_t *b, uint32_t t, unsigned id,
				  uint64_t def)
{
	uint32_t f = fb_field(b, t, id);
	return f ? fb_u64(b, t + f) : def;
}

/* Target of an offset field (table, vector or string), 0 if absent. */
static inline uint32_t fb_get_ref(const uint8_t *b, uint32_t t, unsigned id)
{
	uint32_t f = fb_field(b, t, id);
	return f ? t + f + fb_u32(b, t + f) : 0;
}

/* Vector helpers: count, and element positions. */
static inline uint32_t fb_vec_len(const uint8_t *b, uint32_t v)
{
	return v ? fb_u32(b, v) : 0;
}

/* Table i of a vector of tables. */
static inline uint32_t fb_vec_table(const uint8_t *b, uint32_t v, uint32_t i)
{
	uint32_t at = v + 4 + 4 * i;
	return at + fb_u32(b, at);
}

#endif /* MOTE_MODEL_FB_H */
