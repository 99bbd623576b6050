/* SPDX-License-Identifier: Apache-2.0 */
/*
 * flexbuf.h - a bounds-checked FlexBuffers reader for untrusted bytes.
 *
 * FlexBuffers is the schemaless binary format TFLite uses for the
 * custom_options of custom operators (the signal library, detection
 * postprocess, ...). This reader never allocates, uses no stdio, and reads
 * every scalar byte by byte, so the bytes may sit at any alignment.
 *
 * Contract:
 * - The buffer is borrowed: it is never written and must outlive every
 *   mote__flex_ref made from it.
 * - Every accessor is checked on its own. Hostile offsets, widths, lengths
 *   and types yield an error code, never an out-of-bounds read, so a caller
 *   may use the accessors without verifying first.
 * - mote__flex_verify() walks the whole tree once, with a nesting budget
 *   (MOTE__FLEX_MAX_DEPTH) and a work budget, and additionally checks what
 *   single accessors cannot see cheaply: map keys strictly sorted, key and
 *   value counts equal, every string terminated. After it returns
 *   MOTE__FLEX_OK, every structural access on that buffer succeeds and map
 *   lookup by binary search is exact. Custom ops should verify once, at
 *   prepare time, then read their options.
 *
 * Format, as read here (all integers little-endian):
 * - The root sits at the end: the last byte is the root's width W (1, 2, 4
 *   or 8), the byte before it the root's packed type, and the W bytes before
 *   that the root value itself.
 * - A packed type byte is (type << 2) | c, where 1 << c is the byte width of
 *   the data an offset-typed value points to. Inline values (null, int, uint,
 *   float, bool) are stored in their slot, at the slot's width.
 * - Offset-typed values store an unsigned distance back from their own slot
 *   to their data. Strings, blobs and vectors carry their element count in
 *   the W bytes just before the data; strings are followed by a NUL byte.
 * - An untyped vector (and a map's value vector) is followed by one packed
 *   type byte per element. Typed vectors hold elements of one type; fixed
 *   typed vectors (2 to 4 elements) carry no count.
 * - A map is a value vector preceded by the offset of its keys vector (at
 *   data - 3W) and that keys vector's byte width (at data - 2W). Keys are
 *   NUL-terminated strings sorted in strcmp order.
 */
#ifndef MOTE_MODEL_FLEXBUF_H
#define MOTE_MODEL_FLEXBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The deepest container nesting mote__flex_verify() accepts. The root
 * container counts as depth 1, so 16 nested vectors pass and 17 fail. */
#define MOTE__FLEX_MAX_DEPTH 16

/* The work budget of mote__flex_verify(), in visited values plus key bytes
 * compared: MOTE__FLEX_WORK_PER_BYTE per buffer byte plus
 * MOTE__FLEX_WORK_BASE. A buffer that shares values (legal in FlexBuffers)
 * could otherwise make a walk exponential in its size. */
#define MOTE__FLEX_WORK_PER_BYTE 16u
#define MOTE__FLEX_WORK_BASE 1024u

/* Result codes, one per line with their message; this list generates both
 * the enum and mote__flex_err_str(). */
#define MOTE__FLEX_ERR_LIST(X)                                                \
  X(MOTE__FLEX_OK, "ok")                                                      \
  X(MOTE__FLEX_E_ARG, "invalid argument or reference")                        \
  X(MOTE__FLEX_E_TRUNCATED, "data runs past the end of the buffer")           \
  X(MOTE__FLEX_E_BAD_OFFSET, "offset points before the start of the buffer")  \
  X(MOTE__FLEX_E_BAD_TYPE, "unknown type, or not the type asked for")         \
  X(MOTE__FLEX_E_BAD_WIDTH, "byte width not 1, 2, 4 or 8 (or 4, 8 for float)") \
  X(MOTE__FLEX_E_BAD_STRING, "string or key not NUL-terminated")              \
  X(MOTE__FLEX_E_BAD_MAP, "map keys unsorted, duplicated or miscounted")      \
  X(MOTE__FLEX_E_TOO_DEEP, "nesting deeper than MOTE__FLEX_MAX_DEPTH")        \
  X(MOTE__FLEX_E_BUDGET, "verification exceeds its work budget")              \
  X(MOTE__FLEX_E_NOT_FOUND, "key not in map")                                 \
  X(MOTE__FLEX_E_RANGE, "index out of range, or value out of target range")

#define MOTE__FLEX_ERR_ENUM(name, text) name,
typedef enum mote__flex_err {
  MOTE__FLEX_ERR_LIST(MOTE__FLEX_ERR_ENUM)
  MOTE__FLEX_ERR_COUNT
} mote__flex_err;
#undef MOTE__FLEX_ERR_ENUM

/* Value types, as stored in the upper six bits of a packed type byte. */
typedef enum mote__flex_type {
  MOTE__FLEX_T_NULL = 0,
  MOTE__FLEX_T_INT = 1,
  MOTE__FLEX_T_UINT = 2,
  MOTE__FLEX_T_FLOAT = 3,
  MOTE__FLEX_T_KEY = 4,
  MOTE__FLEX_T_STRING = 5,
  MOTE__FLEX_T_INDIRECT_INT = 6,
  MOTE__FLEX_T_INDIRECT_UINT = 7,
  MOTE__FLEX_T_INDIRECT_FLOAT = 8,
  MOTE__FLEX_T_MAP = 9,
  MOTE__FLEX_T_VECTOR = 10,
  MOTE__FLEX_T_VECTOR_INT = 11,
  MOTE__FLEX_T_VECTOR_UINT = 12,
  MOTE__FLEX_T_VECTOR_FLOAT = 13,
  MOTE__FLEX_T_VECTOR_KEY = 14,
  MOTE__FLEX_T_VECTOR_STRING_DEPRECATED = 15,
  MOTE__FLEX_T_VECTOR_INT2 = 16,
  MOTE__FLEX_T_VECTOR_UINT2 = 17,
  MOTE__FLEX_T_VECTOR_FLOAT2 = 18,
  MOTE__FLEX_T_VECTOR_INT3 = 19,
  MOTE__FLEX_T_VECTOR_UINT3 = 20,
  MOTE__FLEX_T_VECTOR_FLOAT3 = 21,
  MOTE__FLEX_T_VECTOR_INT4 = 22,
  MOTE__FLEX_T_VECTOR_UINT4 = 23,
  MOTE__FLEX_T_VECTOR_FLOAT4 = 24,
  MOTE__FLEX_T_BLOB = 25,
  MOTE__FLEX_T_BOOL = 26,
  MOTE__FLEX_T_VECTOR_BOOL = 36
} mote__flex_type;

/* A value inside a FlexBuffer: where its slot is and how to read it. Made by
 * mote__flex_root(), mote__flex_index() and mote__flex_map_get(); plain data,
 * copy freely. */
typedef struct mote__flex_ref {
  const uint8_t *buf;   /* The whole buffer, borrowed from the caller. */
  size_t len;           /* Length of buf in bytes. */
  size_t pos;           /* Offset of the value's slot within buf. */
  uint8_t parent_width; /* Width of the slot in bytes: 1, 2, 4 or 8. */
  uint8_t byte_width;   /* Width of the data an offset-typed value points to
                           (element width for vectors, count width for
                           strings); 1 for elements of typed vectors. */
  uint8_t type;         /* A mote__flex_type; typed vectors of strings are
                           presented as keys, as the format requires. */
} mote__flex_ref;

/* Returns a static English message for err; never NULL. */
const char *mote__flex_err_str(mote__flex_err err);

/* Reads the root value of buf[0..len) into *out. Checks only the root's own
 * slot, width and type. buf is borrowed and must outlive *out.
 * Returns OK; E_ARG if buf or out is NULL; E_TRUNCATED if len is too short
 * for the root; E_BAD_WIDTH if the root width byte is not 1, 2, 4 or 8;
 * E_BAD_TYPE if the root type is unknown. */
mote__flex_err mote__flex_root(const uint8_t *buf, size_t len,
                               mote__flex_ref *out);

/* Walks every value reachable from the root of buf[0..len) and checks it
 * (see the file header). Reads only; buf is borrowed for the call.
 * Returns OK, or the first problem found: E_ARG, E_TRUNCATED, E_BAD_OFFSET,
 * E_BAD_TYPE, E_BAD_WIDTH, E_BAD_STRING, E_BAD_MAP, E_TOO_DEEP (nesting
 * beyond MOTE__FLEX_MAX_DEPTH, including reference cycles) or E_BUDGET. */
mote__flex_err mote__flex_verify(const uint8_t *buf, size_t len);

/* Verifies buf[0..len) and reads its root into *map, which must be a map:
 * the usual first call of a custom op reading its options.
 * Returns what mote__flex_verify() returns, or E_BAD_TYPE if the root is not
 * a map. */
mote__flex_err mote__flex_open_map(const uint8_t *buf, size_t len,
                                   mote__flex_ref *map);

/* Stores in *n the number of elements of a vector, typed vector, fixed
 * typed vector or map, or the byte length of a string or blob.
 * Returns OK; E_ARG for a NULL or malformed argument; E_BAD_TYPE for other
 * types; E_BAD_OFFSET, E_TRUNCATED or E_BAD_STRING if the data is out of
 * bounds or a string lacks its terminator. */
mote__flex_err mote__flex_len(const mote__flex_ref *r, size_t *n);

/* Reads element i of a vector, typed vector or fixed typed vector, or value
 * i of a map (in key order), into *out.
 * Returns OK; E_ARG; E_BAD_TYPE if vec is not a container or the element's
 * type is unknown; E_RANGE if i >= length; E_BAD_OFFSET or E_TRUNCATED if
 * the container is out of bounds. */
mote__flex_err mote__flex_index(const mote__flex_ref *vec, size_t i,
                                mote__flex_ref *out);

/* Looks up key (a NUL-terminated C string, borrowed for the call) in a map
 * by binary search and reads its value into *out. On a map that failed
 * verification (unsorted keys) a present key may be reported missing, but no
 * access leaves the buffer.
 * Returns OK; E_NOT_FOUND; E_ARG; E_BAD_TYPE if map is not a map; or a
 * structural error met on the way (E_BAD_OFFSET, E_TRUNCATED, E_BAD_WIDTH,
 * E_BAD_STRING, E_BAD_MAP). */
mote__flex_err mote__flex_map_get(const mote__flex_ref *map, const char *key,
                                  mote__flex_ref *out);

/* Reads key i of a map: *key points into the buffer at a NUL-terminated
 * string of *key_len bytes, valid as long as the buffer.
 * Returns OK; E_ARG; E_BAD_TYPE if map is not a map; E_RANGE if i is out of
 * range; or a structural error as for mote__flex_map_get(). */
mote__flex_err mote__flex_map_key(const mote__flex_ref *map, size_t i,
                                  const char **key, size_t *key_len);

/* Reads an integer: INT, UINT, BOOL (0 or 1) or their indirect forms.
 * Floats are refused rather than truncated.
 * Returns OK; E_ARG; E_BAD_TYPE for other types (floats included); E_RANGE
 * for a UINT above INT64_MAX; E_BAD_OFFSET or E_TRUNCATED for a bad
 * indirect value. *out is written only on OK. */
mote__flex_err mote__flex_as_i64(const mote__flex_ref *r, int64_t *out);

/* Reads an unsigned integer: UINT, INT, BOOL or their indirect forms.
 * Returns as mote__flex_as_i64(), with E_RANGE for a negative INT. */
mote__flex_err mote__flex_as_u64(const mote__flex_ref *r, uint64_t *out);

/* Reads a number as double: FLOAT (4 or 8 bytes), INT, UINT or their
 * indirect forms. Integers beyond 2^53 are rounded to the nearest double.
 * Returns OK; E_ARG; E_BAD_TYPE for other types; E_BAD_WIDTH for a float
 * of 1 or 2 bytes; E_BAD_OFFSET or E_TRUNCATED for a bad indirect value. */
mote__flex_err mote__flex_as_f64(const mote__flex_ref *r, double *out);

/* Reads a truth value: BOOL, or INT/UINT and their indirect forms (non-zero
 * is true).
 * Returns OK; E_ARG; E_BAD_TYPE for other types; E_BAD_OFFSET or
 * E_TRUNCATED for a bad indirect value. */
mote__flex_err mote__flex_as_bool(const mote__flex_ref *r, bool *out);

/* Reads a STRING or KEY: *str points into the buffer at *len bytes followed
 * by a NUL (a STRING may also contain NULs; *len is authoritative).
 * Returns OK; E_ARG; E_BAD_TYPE; E_BAD_OFFSET, E_TRUNCATED or
 * E_BAD_STRING if the data is out of bounds or unterminated. */
mote__flex_err mote__flex_as_string(const mote__flex_ref *r, const char **str,
                                    size_t *len);

/* Reads a BLOB (or the bytes of a STRING, without its NUL): *data points
 * into the buffer at *len bytes.
 * Returns OK; E_ARG; E_BAD_TYPE; E_BAD_OFFSET or E_TRUNCATED. */
mote__flex_err mote__flex_as_blob(const mote__flex_ref *r,
                                  const uint8_t **data, size_t *len);

/* Option helpers for custom ops. Each looks key up in map: if absent it
 * stores dflt in *out and returns OK; if present it converts the value as the
 * matching mote__flex_as_* function does and stores it. *out is written only
 * on OK. Returns OK; E_BAD_TYPE if the value has the wrong type; E_RANGE if
 * it does not fit the target type; or any error of mote__flex_map_get(). */
mote__flex_err mote__flex_get_i32(const mote__flex_ref *map, const char *key,
                                  int32_t dflt, int32_t *out);
mote__flex_err mote__flex_get_bool(const mote__flex_ref *map, const char *key,
                                   bool dflt, bool *out);
/* A double beyond the float range gives E_RANGE; others round to nearest. */
mote__flex_err mote__flex_get_f32(const mote__flex_ref *map, const char *key,
                                  float dflt, float *out);

#endif /* MOTE_MODEL_FLEXBUF_H */
