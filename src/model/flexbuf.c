/* SPDX-License-Identifier: Apache-2.0 */
/*
 * flexbuf.c - a bounds-checked FlexBuffers reader for untrusted bytes.
 *
 * The format and the contract are described in flexbuf.h. How the checks
 * are arranged:
 * - A reference always names a slot that lies inside the buffer, with known
 *   widths and a known type; every public function re-checks this, so a
 *   reference built by hand cannot lead outside the buffer either.
 * - Offsets are resolved by target(): an offset larger than its own slot
 *   position would point before the buffer (or, read naively, wrap around to
 *   point forwards) and is refused.
 * - A container is opened by open_vec(), which reads the element count and
 *   checks that count * (width + type byte) fits between the data and the
 *   end of the buffer, by division, so nothing can overflow.
 * - Strings are checked for their NUL inside the buffer; keys are scanned
 *   with memchr bounded by the buffer end.
 * - Scalars are assembled byte by byte (little-endian), never loaded
 *   through a wider pointer, so any alignment is fine.
 * - The verifier recurses once per container with a depth limit, which also
 *   stops reference cycles, and charges one unit per value and per key byte
 *   compared against a budget proportional to the buffer size, which stops
 *   exponential walks through shared values.
 */
#include "model/flexbuf.h"

#include <string.h>

/* Largest finite float, spelled out so that <float.h> is not needed. */
static const double flt_max = 3.40282346638528859811704183484516925e+38;
/* Largest finite double: anything above it is +infinity. */
static const double dbl_max = 1.79769313486231570814527423731704357e+308;

/* Element layout of an opened vector, typed vector, fixed vector or map. */
typedef struct vec_view {
  size_t data;       /* Offset of element 0 within the buffer. */
  size_t n;          /* Number of elements. */
  uint8_t width;     /* Width of each element slot in bytes. */
  uint8_t elem_type; /* Element type of a typed vector; unused if untyped. */
  bool untyped;      /* Whether one packed type byte per element follows. */
} vec_view;

/* Layout of a map's keys vector. */
typedef struct keys_view {
  size_t data;   /* Offset of key slot 0 within the buffer. */
  size_t n;      /* Number of keys, equal to the number of values. */
  uint8_t width; /* Width of each key slot (an offset) in bytes. */
} keys_view;

/* State of one mote__flex_verify() walk. */
typedef struct walk {
  const uint8_t *buf; /* The buffer being verified. */
  size_t len;         /* Its length in bytes. */
  size_t budget;      /* Work units left before E_BUDGET. */
} walk;

#define MOTE__FLEX_ERR_TEXT(name, text) text,
static const char *const err_text[] = {
  MOTE__FLEX_ERR_LIST(MOTE__FLEX_ERR_TEXT)
};
#undef MOTE__FLEX_ERR_TEXT

const char *mote__flex_err_str(mote__flex_err err)
{
  if ((unsigned)err >= (unsigned)MOTE__FLEX_ERR_COUNT)
    return "unknown flexbuffer error";
  return err_text[err];
}

static bool width_ok(uint64_t w)
{
  return w == 1 || w == 2 || w == 4 || w == 8;
}

static bool type_known(unsigned t)
{
  return t <= MOTE__FLEX_T_BOOL || t == MOTE__FLEX_T_VECTOR_BOOL;
}

static bool is_typed_vector(unsigned t)
{
  return (t >= MOTE__FLEX_T_VECTOR_INT &&
          t <= MOTE__FLEX_T_VECTOR_STRING_DEPRECATED) ||
         t == MOTE__FLEX_T_VECTOR_BOOL;
}

static bool is_fixed_vector(unsigned t)
{
  return t >= MOTE__FLEX_T_VECTOR_INT2 && t <= MOTE__FLEX_T_VECTOR_FLOAT4;
}

static bool is_container(unsigned t)
{
  return t == MOTE__FLEX_T_MAP || t == MOTE__FLEX_T_VECTOR ||
         is_typed_vector(t) || is_fixed_vector(t);
}

/* Reads w bytes at p as an unsigned little-endian integer. */
static uint64_t read_u(const uint8_t *p, unsigned w)
{
  uint64_t v = 0;
  unsigned i;

  for (i = w; i > 0; i--)
    v = (v << 8) | p[i - 1];
  return v;
}

/* Reads w bytes at p as a two's complement integer, sign-extended to 64
 * bits and returned as its bit pattern. */
static uint64_t read_s(const uint8_t *p, unsigned w)
{
  uint64_t v = read_u(p, w);

  if (w < 8 && (v >> (8 * w - 1)) != 0)
    v |= ~(uint64_t)0 << (8 * w);
  return v;
}

/* Converts a 64-bit two's complement pattern to int64_t without relying on
 * implementation-defined conversion. */
static int64_t bits_to_i64(uint64_t v)
{
  if (v <= (uint64_t)INT64_MAX)
    return (int64_t)v;
  return -(int64_t)(~v) - 1;
}

/* Checks that r names a slot inside its buffer with sane widths and type. */
static bool ref_ok(const mote__flex_ref *r)
{
  if (r == NULL || r->buf == NULL)
    return false;
  if (!width_ok(r->parent_width) || !width_ok(r->byte_width))
    return false;
  if (r->pos > r->len || r->parent_width > r->len - r->pos)
    return false;
  return type_known(r->type);
}

/* Resolves the offset stored in r's slot to the position it points at. */
static mote__flex_err target(const mote__flex_ref *r, size_t *at)
{
  uint64_t off = read_u(r->buf + r->pos, r->parent_width);

  if (off > (uint64_t)r->pos)
    return MOTE__FLEX_E_BAD_OFFSET;
  *at = r->pos - (size_t)off;
  return MOTE__FLEX_OK;
}

/* Reads the count stored in the w bytes before data, and checks that count
 * items of per bytes each fit between data and the end of the buffer. */
static mote__flex_err read_count(const uint8_t *buf, size_t len, size_t data,
                                 unsigned w, unsigned per, size_t *n)
{
  uint64_t count;

  if (data < w)
    return MOTE__FLEX_E_BAD_OFFSET;
  count = read_u(buf + data - w, w);
  if (count > (uint64_t)((len - data) / per))
    return MOTE__FLEX_E_TRUNCATED;
  *n = (size_t)count;
  return MOTE__FLEX_OK;
}

/* Finds the length of the NUL-terminated key starting at buf[at]. */
static mote__flex_err key_span(const uint8_t *buf, size_t len, size_t at,
                               size_t *n)
{
  const uint8_t *nul;

  if (at >= len)
    return MOTE__FLEX_E_TRUNCATED;
  nul = memchr(buf + at, 0, len - at);
  if (nul == NULL)
    return MOTE__FLEX_E_BAD_STRING;
  *n = (size_t)(nul - (buf + at));
  return MOTE__FLEX_OK;
}

/* Element type of a typed or fixed vector type t. */
static uint8_t element_type(unsigned t)
{
  if (t == MOTE__FLEX_T_VECTOR_BOOL)
    return MOTE__FLEX_T_BOOL;
  if (t == MOTE__FLEX_T_VECTOR_STRING_DEPRECATED)
    return MOTE__FLEX_T_KEY;
  if (is_fixed_vector(t))
    return (uint8_t)((t - MOTE__FLEX_T_VECTOR_INT2) % 3 + MOTE__FLEX_T_INT);
  return (uint8_t)(t - MOTE__FLEX_T_VECTOR_INT + MOTE__FLEX_T_INT);
}

/* Opens any container (a map opens as its value vector). r is checked. */
static mote__flex_err open_vec(const mote__flex_ref *r, vec_view *v)
{
  unsigned t = r->type;
  unsigned per;
  mote__flex_err err;

  if (!is_container(t))
    return MOTE__FLEX_E_BAD_TYPE;
  err = target(r, &v->data);
  if (err != MOTE__FLEX_OK)
    return err;
  v->width = r->byte_width;
  v->untyped = t == MOTE__FLEX_T_MAP || t == MOTE__FLEX_T_VECTOR;
  v->elem_type = v->untyped ? MOTE__FLEX_T_NULL : element_type(t);
  if (v->elem_type == MOTE__FLEX_T_FLOAT && v->width < 4)
    return MOTE__FLEX_E_BAD_WIDTH;
  per = v->width + (v->untyped ? 1u : 0u);
  if (!is_fixed_vector(t))
    return read_count(r->buf, r->len, v->data, v->width, per, &v->n);
  v->n = (t - MOTE__FLEX_T_VECTOR_INT2) / 3 + 2;
  if (v->n > (r->len - v->data) / v->width)
    return MOTE__FLEX_E_TRUNCATED;
  return MOTE__FLEX_OK;
}

/* Opens a map's value vector and its keys vector. map is checked. */
static mote__flex_err open_map(const mote__flex_ref *map, vec_view *vals,
                               keys_view *keys)
{
  size_t w = map->byte_width;
  size_t slot;
  uint64_t off, kw;
  mote__flex_err err;

  if (map->type != MOTE__FLEX_T_MAP)
    return MOTE__FLEX_E_BAD_TYPE;
  err = open_vec(map, vals);
  if (err != MOTE__FLEX_OK)
    return err;
  if (vals->data < 3 * w)
    return MOTE__FLEX_E_BAD_OFFSET;
  slot = vals->data - 3 * w;
  off = read_u(map->buf + slot, (unsigned)w);
  kw = read_u(map->buf + slot + w, (unsigned)w);
  if (off > (uint64_t)slot)
    return MOTE__FLEX_E_BAD_OFFSET;
  if (!width_ok(kw))
    return MOTE__FLEX_E_BAD_WIDTH;
  keys->data = slot - (size_t)off;
  keys->width = (uint8_t)kw;
  err = read_count(map->buf, map->len, keys->data, keys->width, keys->width,
                   &keys->n);
  if (err != MOTE__FLEX_OK)
    return err;
  if (keys->n != vals->n)
    return MOTE__FLEX_E_BAD_MAP;
  return MOTE__FLEX_OK;
}

/* Resolves key slot i (i < keys->n) to the position of its first byte. */
static mote__flex_err key_pos(const mote__flex_ref *map,
                              const keys_view *keys, size_t i, size_t *at)
{
  mote__flex_ref slot;

  slot.buf = map->buf;
  slot.len = map->len;
  slot.pos = keys->data + i * keys->width;
  slot.parent_width = keys->width;
  slot.byte_width = 1;
  slot.type = MOTE__FLEX_T_KEY;
  return target(&slot, at);
}

/* Compares the C string q with the key at buf[at] in strcmp order. */
static mote__flex_err key_cmp(const uint8_t *buf, size_t len, size_t at,
                              const char *q, int *cmp)
{
  size_t i;

  for (i = 0; i < len - at; i++) {
    uint8_t a = (uint8_t)q[i];
    uint8_t b = buf[at + i];

    if (a != b) {
      *cmp = a < b ? -1 : 1;
      return MOTE__FLEX_OK;
    }
    if (a == 0) {
      *cmp = 0;
      return MOTE__FLEX_OK;
    }
  }
  return MOTE__FLEX_E_BAD_STRING;
}

/* Fills *out with element i (i < v->n) of the opened container v. */
static mote__flex_err element(const mote__flex_ref *vec, const vec_view *v,
                              size_t i, mote__flex_ref *out)
{
  mote__flex_ref e;
  uint8_t packed;

  e.buf = vec->buf;
  e.len = vec->len;
  e.pos = v->data + i * v->width;
  e.parent_width = v->width;
  e.byte_width = 1;
  e.type = v->elem_type;
  if (v->untyped) {
    packed = vec->buf[v->data + v->n * v->width + i];
    e.type = (uint8_t)(packed >> 2);
    e.byte_width = (uint8_t)(1u << (packed & 3u));
  }
  if (!type_known(e.type))
    return MOTE__FLEX_E_BAD_TYPE;
  *out = e;
  return MOTE__FLEX_OK;
}

/* Locates the bytes of an inline or indirect scalar. r is checked. */
static mote__flex_err scalar_at(const mote__flex_ref *r, size_t *at,
                                unsigned *w)
{
  mote__flex_err err;
  bool indirect = r->type >= MOTE__FLEX_T_INDIRECT_INT &&
                  r->type <= MOTE__FLEX_T_INDIRECT_FLOAT;

  if (!indirect) {
    *at = r->pos;
    *w = r->parent_width;
    return MOTE__FLEX_OK;
  }
  err = target(r, at);
  if (err != MOTE__FLEX_OK)
    return err;
  *w = r->byte_width;
  if (*w > r->len - *at)
    return MOTE__FLEX_E_TRUNCATED;
  return MOTE__FLEX_OK;
}

/* Reads any integer-like value (INT, UINT, BOOL, indirect INT or UINT) as
 * a 64-bit pattern and whether it is signed. r is checked. */
static mote__flex_err read_int(const mote__flex_ref *r, uint64_t *bits,
                               bool *is_signed)
{
  size_t at;
  unsigned w;
  mote__flex_err err;
  unsigned t = r->type;

  if (t != MOTE__FLEX_T_INT && t != MOTE__FLEX_T_UINT &&
      t != MOTE__FLEX_T_BOOL && t != MOTE__FLEX_T_INDIRECT_INT &&
      t != MOTE__FLEX_T_INDIRECT_UINT)
    return MOTE__FLEX_E_BAD_TYPE;
  err = scalar_at(r, &at, &w);
  if (err != MOTE__FLEX_OK)
    return err;
  *is_signed = t == MOTE__FLEX_T_INT || t == MOTE__FLEX_T_INDIRECT_INT;
  if (*is_signed)
    *bits = read_s(r->buf + at, w);
  else
    *bits = read_u(r->buf + at, w);
  if (t == MOTE__FLEX_T_BOOL)
    *bits = *bits != 0;
  return MOTE__FLEX_OK;
}

/* Reads a FLOAT or INDIRECT_FLOAT value. r is checked. */
static mote__flex_err read_float(const mote__flex_ref *r, double *out)
{
  size_t at;
  unsigned w;
  uint32_t b32;
  uint64_t b64;
  float f;
  mote__flex_err err = scalar_at(r, &at, &w);

  if (err != MOTE__FLEX_OK)
    return err;
  if (w == 4) {
    b32 = (uint32_t)read_u(r->buf + at, 4);
    memcpy(&f, &b32, sizeof f);
    *out = (double)f;
    return MOTE__FLEX_OK;
  }
  if (w != 8)
    return MOTE__FLEX_E_BAD_WIDTH;
  b64 = read_u(r->buf + at, 8);
  memcpy(out, &b64, sizeof *out);
  return MOTE__FLEX_OK;
}

/* Reads a STRING (size-prefixed, NUL-terminated) at its target. */
static mote__flex_err read_string(const mote__flex_ref *r, size_t *at,
                                  size_t *n)
{
  mote__flex_err err = target(r, at);

  if (err != MOTE__FLEX_OK)
    return err;
  /* One byte per character plus the terminator, so count <= bytes left - 1;
   * *at <= r->pos < r->len, so r->len - 1 - *at cannot wrap. */
  err = read_count(r->buf, r->len - 1, *at, r->byte_width, 1, n);
  if (err != MOTE__FLEX_OK)
    return err;
  if (r->buf[*at + *n] != 0)
    return MOTE__FLEX_E_BAD_STRING;
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_root(const uint8_t *buf, size_t len,
                               mote__flex_ref *out)
{
  uint8_t w, packed;

  if (buf == NULL || out == NULL)
    return MOTE__FLEX_E_ARG;
  if (len < 2)
    return MOTE__FLEX_E_TRUNCATED;
  w = buf[len - 1];
  packed = buf[len - 2];
  if (!width_ok(w))
    return MOTE__FLEX_E_BAD_WIDTH;
  if (w > len - 2)
    return MOTE__FLEX_E_TRUNCATED;
  if (!type_known((unsigned)packed >> 2))
    return MOTE__FLEX_E_BAD_TYPE;
  out->buf = buf;
  out->len = len;
  out->pos = len - 2 - w;
  out->parent_width = w;
  out->byte_width = (uint8_t)(1u << (packed & 3u));
  out->type = (uint8_t)(packed >> 2);
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_len(const mote__flex_ref *r, size_t *n)
{
  vec_view v;
  size_t at;
  const uint8_t *data;
  mote__flex_err err;

  if (!ref_ok(r) || n == NULL)
    return MOTE__FLEX_E_ARG;
  if (r->type == MOTE__FLEX_T_STRING)
    return read_string(r, &at, n);
  if (r->type == MOTE__FLEX_T_BLOB)
    return mote__flex_as_blob(r, &data, n);
  err = open_vec(r, &v);
  if (err != MOTE__FLEX_OK)
    return err;
  *n = v.n;
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_index(const mote__flex_ref *vec, size_t i,
                                mote__flex_ref *out)
{
  vec_view v;
  mote__flex_err err;

  if (!ref_ok(vec) || out == NULL)
    return MOTE__FLEX_E_ARG;
  err = open_vec(vec, &v);
  if (err != MOTE__FLEX_OK)
    return err;
  if (i >= v.n)
    return MOTE__FLEX_E_RANGE;
  return element(vec, &v, i, out);
}

mote__flex_err mote__flex_map_get(const mote__flex_ref *map, const char *key,
                                  mote__flex_ref *out)
{
  vec_view vals;
  keys_view keys;
  size_t lo = 0, hi, mid, at;
  int cmp;
  mote__flex_err err;

  if (!ref_ok(map) || key == NULL || out == NULL)
    return MOTE__FLEX_E_ARG;
  err = open_map(map, &vals, &keys);
  if (err != MOTE__FLEX_OK)
    return err;
  /* Invariant: if the key is present in sorted keys, it is in [lo, hi). */
  hi = keys.n;
  while (lo < hi) {
    mid = lo + (hi - lo) / 2;
    err = key_pos(map, &keys, mid, &at);
    if (err == MOTE__FLEX_OK)
      err = key_cmp(map->buf, map->len, at, key, &cmp);
    if (err != MOTE__FLEX_OK)
      return err;
    if (cmp == 0)
      return element(map, &vals, mid, out);
    if (cmp < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return MOTE__FLEX_E_NOT_FOUND;
}

mote__flex_err mote__flex_map_key(const mote__flex_ref *map, size_t i,
                                  const char **key, size_t *key_len)
{
  vec_view vals;
  keys_view keys;
  size_t at;
  mote__flex_err err;

  if (!ref_ok(map) || key == NULL || key_len == NULL)
    return MOTE__FLEX_E_ARG;
  err = open_map(map, &vals, &keys);
  if (err != MOTE__FLEX_OK)
    return err;
  if (i >= keys.n)
    return MOTE__FLEX_E_RANGE;
  err = key_pos(map, &keys, i, &at);
  if (err == MOTE__FLEX_OK)
    err = key_span(map->buf, map->len, at, key_len);
  if (err != MOTE__FLEX_OK)
    return err;
  *key = (const char *)(map->buf + at);
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_as_i64(const mote__flex_ref *r, int64_t *out)
{
  uint64_t bits;
  bool is_signed;
  mote__flex_err err;

  if (!ref_ok(r) || out == NULL)
    return MOTE__FLEX_E_ARG;
  err = read_int(r, &bits, &is_signed);
  if (err != MOTE__FLEX_OK)
    return err;
  if (!is_signed && bits > (uint64_t)INT64_MAX)
    return MOTE__FLEX_E_RANGE;
  *out = bits_to_i64(bits);
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_as_u64(const mote__flex_ref *r, uint64_t *out)
{
  uint64_t bits;
  bool is_signed;
  mote__flex_err err;

  if (!ref_ok(r) || out == NULL)
    return MOTE__FLEX_E_ARG;
  err = read_int(r, &bits, &is_signed);
  if (err != MOTE__FLEX_OK)
    return err;
  if (is_signed && (bits >> 63) != 0)
    return MOTE__FLEX_E_RANGE;
  *out = bits;
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_as_f64(const mote__flex_ref *r, double *out)
{
  uint64_t bits;
  bool is_signed;
  mote__flex_err err;

  if (!ref_ok(r) || out == NULL)
    return MOTE__FLEX_E_ARG;
  if (r->type == MOTE__FLEX_T_FLOAT || r->type == MOTE__FLEX_T_INDIRECT_FLOAT)
    return read_float(r, out);
  if (r->type == MOTE__FLEX_T_BOOL)
    return MOTE__FLEX_E_BAD_TYPE;
  err = read_int(r, &bits, &is_signed);
  if (err != MOTE__FLEX_OK)
    return err;
  if (is_signed)
    *out = (double)bits_to_i64(bits);
  else
    *out = (double)bits;
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_as_bool(const mote__flex_ref *r, bool *out)
{
  uint64_t bits;
  bool is_signed;
  mote__flex_err err;

  if (!ref_ok(r) || out == NULL)
    return MOTE__FLEX_E_ARG;
  err = read_int(r, &bits, &is_signed);
  if (err != MOTE__FLEX_OK)
    return err;
  *out = bits != 0;
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_as_string(const mote__flex_ref *r, const char **str,
                                    size_t *len)
{
  size_t at;
  mote__flex_err err;

  if (!ref_ok(r) || str == NULL || len == NULL)
    return MOTE__FLEX_E_ARG;
  if (r->type == MOTE__FLEX_T_STRING) {
    err = read_string(r, &at, len);
  } else if (r->type == MOTE__FLEX_T_KEY) {
    err = target(r, &at);
    if (err == MOTE__FLEX_OK)
      err = key_span(r->buf, r->len, at, len);
  } else {
    err = MOTE__FLEX_E_BAD_TYPE;
  }
  if (err != MOTE__FLEX_OK)
    return err;
  *str = (const char *)(r->buf + at);
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_as_blob(const mote__flex_ref *r,
                                  const uint8_t **data, size_t *len)
{
  size_t at;
  mote__flex_err err;

  if (!ref_ok(r) || data == NULL || len == NULL)
    return MOTE__FLEX_E_ARG;
  if (r->type != MOTE__FLEX_T_BLOB && r->type != MOTE__FLEX_T_STRING)
    return MOTE__FLEX_E_BAD_TYPE;
  err = target(r, &at);
  if (err == MOTE__FLEX_OK)
    err = read_count(r->buf, r->len, at, r->byte_width, 1, len);
  if (err != MOTE__FLEX_OK)
    return err;
  *data = r->buf + at;
  return MOTE__FLEX_OK;
}

/* Spends units of the walk's budget. */
static mote__flex_err charge(walk *wk, size_t units)
{
  if (units > wk->budget)
    return MOTE__FLEX_E_BUDGET;
  wk->budget -= units;
  return MOTE__FLEX_OK;
}

/* Checks every key of a map: in bounds, terminated, strictly increasing. */
static mote__flex_err walk_keys(walk *wk, const mote__flex_ref *map)
{
  vec_view vals;
  keys_view keys;
  size_t i, at, n, prev_at = 0, prev_n = 0, common;
  mote__flex_err err = open_map(map, &vals, &keys);

  if (err != MOTE__FLEX_OK)
    return err;
  for (i = 0; i < keys.n; i++) {
    err = key_pos(map, &keys, i, &at);
    if (err == MOTE__FLEX_OK)
      err = key_span(wk->buf, wk->len, at, &n);
    if (err == MOTE__FLEX_OK)
      err = charge(wk, n + 1);
    if (err != MOTE__FLEX_OK)
      return err;
    /* Both keys end in a NUL inside the buffer, so comparing up to and
     * including the shorter one's NUL stays in bounds. */
    common = (prev_n < n ? prev_n : n) + 1;
    if (i > 0 && memcmp(wk->buf + prev_at, wk->buf + at, common) >= 0)
      return MOTE__FLEX_E_BAD_MAP;
    prev_at = at;
    prev_n = n;
  }
  return MOTE__FLEX_OK;
}

static mote__flex_err walk_value(walk *wk, const mote__flex_ref *r,
                                 unsigned depth);

/* Checks a container at nesting level depth and every value inside it. */
static mote__flex_err walk_container(walk *wk, const mote__flex_ref *r,
                                     unsigned depth)
{
  vec_view v;
  mote__flex_ref e;
  size_t i;
  mote__flex_err err;

  if (depth > MOTE__FLEX_MAX_DEPTH)
    return MOTE__FLEX_E_TOO_DEEP;
  err = open_vec(r, &v);
  if (err == MOTE__FLEX_OK && r->type == MOTE__FLEX_T_MAP)
    err = walk_keys(wk, r);
  for (i = 0; err == MOTE__FLEX_OK && i < v.n; i++) {
    err = element(r, &v, i, &e);
    if (err == MOTE__FLEX_OK)
      err = walk_value(wk, &e, depth);
  }
  return err;
}

/* Checks one value found inside containers nested depth levels deep. */
static mote__flex_err walk_value(walk *wk, const mote__flex_ref *r,
                                 unsigned depth)
{
  const char *s;
  const uint8_t *data;
  size_t n;
  double d;
  bool b;
  mote__flex_err err = charge(wk, 1);

  if (err != MOTE__FLEX_OK)
    return err;
  switch (r->type) {
  case MOTE__FLEX_T_NULL:
    return MOTE__FLEX_OK;
  case MOTE__FLEX_T_INT:
  case MOTE__FLEX_T_UINT:
  case MOTE__FLEX_T_BOOL:
  case MOTE__FLEX_T_INDIRECT_INT:
  case MOTE__FLEX_T_INDIRECT_UINT:
    return mote__flex_as_bool(r, &b);
  case MOTE__FLEX_T_FLOAT:
  case MOTE__FLEX_T_INDIRECT_FLOAT:
    return mote__flex_as_f64(r, &d);
  case MOTE__FLEX_T_KEY:
    err = mote__flex_as_string(r, &s, &n);
    return err == MOTE__FLEX_OK ? charge(wk, n) : err;
  case MOTE__FLEX_T_STRING:
    return mote__flex_as_string(r, &s, &n);
  case MOTE__FLEX_T_BLOB:
    return mote__flex_as_blob(r, &data, &n);
  default:
    return walk_container(wk, r, depth + 1);
  }
}

mote__flex_err mote__flex_verify(const uint8_t *buf, size_t len)
{
  mote__flex_ref root;
  walk wk;
  mote__flex_err err = mote__flex_root(buf, len, &root);

  if (err != MOTE__FLEX_OK)
    return err;
  wk.buf = buf;
  wk.len = len;
  wk.budget = (size_t)-1;
  if (len <= ((size_t)-1 - MOTE__FLEX_WORK_BASE) / MOTE__FLEX_WORK_PER_BYTE)
    wk.budget = len * MOTE__FLEX_WORK_PER_BYTE + MOTE__FLEX_WORK_BASE;
  return walk_value(&wk, &root, 0);
}

mote__flex_err mote__flex_open_map(const uint8_t *buf, size_t len,
                                   mote__flex_ref *map)
{
  mote__flex_err err;

  if (map == NULL)
    return MOTE__FLEX_E_ARG;
  err = mote__flex_verify(buf, len);
  if (err == MOTE__FLEX_OK)
    err = mote__flex_root(buf, len, map);
  if (err == MOTE__FLEX_OK && map->type != MOTE__FLEX_T_MAP)
    err = MOTE__FLEX_E_BAD_TYPE;
  return err;
}

mote__flex_err mote__flex_get_i32(const mote__flex_ref *map, const char *key,
                                  int32_t dflt, int32_t *out)
{
  mote__flex_ref v;
  int64_t i;
  mote__flex_err err;

  if (out == NULL)
    return MOTE__FLEX_E_ARG;
  err = mote__flex_map_get(map, key, &v);
  if (err == MOTE__FLEX_E_NOT_FOUND) {
    *out = dflt;
    return MOTE__FLEX_OK;
  }
  if (err == MOTE__FLEX_OK)
    err = mote__flex_as_i64(&v, &i);
  if (err != MOTE__FLEX_OK)
    return err;
  if (i < INT32_MIN || i > INT32_MAX)
    return MOTE__FLEX_E_RANGE;
  *out = (int32_t)i;
  return MOTE__FLEX_OK;
}

mote__flex_err mote__flex_get_bool(const mote__flex_ref *map, const char *key,
                                   bool dflt, bool *out)
{
  mote__flex_ref v;
  mote__flex_err err;

  if (out == NULL)
    return MOTE__FLEX_E_ARG;
  err = mote__flex_map_get(map, key, &v);
  if (err == MOTE__FLEX_E_NOT_FOUND) {
    *out = dflt;
    return MOTE__FLEX_OK;
  }
  if (err != MOTE__FLEX_OK)
    return err;
  return mote__flex_as_bool(&v, out);
}

mote__flex_err mote__flex_get_f32(const mote__flex_ref *map, const char *key,
                                  float dflt, float *out)
{
  mote__flex_ref v;
  double d;
  mote__flex_err err;

  if (out == NULL)
    return MOTE__FLEX_E_ARG;
  err = mote__flex_map_get(map, key, &v);
  if (err == MOTE__FLEX_E_NOT_FOUND) {
    *out = dflt;
    return MOTE__FLEX_OK;
  }
  if (err == MOTE__FLEX_OK)
    err = mote__flex_as_f64(&v, &d);
  if (err != MOTE__FLEX_OK)
    return err;
  /* Converting a finite double outside the float range is undefined. */
  if ((d > flt_max && d <= dbl_max) || (d < -flt_max && d >= -dbl_max))
    return MOTE__FLEX_E_RANGE;
  *out = (float)d;
  return MOTE__FLEX_OK;
}
