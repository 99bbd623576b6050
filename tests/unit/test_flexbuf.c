/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_flexbuf.c - tests of the FlexBuffers reader (src/model/flexbuf.c).
 *
 * A standalone host program: prints one line per failed check and ends with
 * "N passed, N failed"; the exit status is non-zero if any check failed.
 *
 * Buffers come from three sources:
 * - a small FlexBuffers builder below (host-only), which lays values out the
 *   way the reference builder does and can force a minimum width of 1, 2, 4
 *   or 8 bytes on every vector and map;
 * - hand-assembled hostile byte arrays, one per row of a table, each with
 *   the error verification must report;
 * - the custom_options of the signal ops in the conformance models under
 *   $MOTE_SHARED (default ../shared). Only key names and expected values
 *   are written here; the bytes are read from the model at run time. If the
 *   model is absent, that is printed and nothing is counted.
 *
 * Every buffer is copied into an allocation of exactly its size before it is
 * read, so AddressSanitizer reports any read past its end.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/flexbuf.h"

static int n_pass;
static int n_fail;

/* Counts one check; prints the formatted message if it failed. */
static void check(int ok, const char *fmt, ...)
{
  va_list ap;

  if (ok) {
    n_pass++;
    return;
  }
  n_fail++;
  printf("FAIL: ");
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

/* Checks that an error code is the expected one; returns whether it was. */
static int check_err(mote__flex_err got, mote__flex_err want,
                     const char *what)
{
  check(got == want, "%s: got %s, want %s", what, mote__flex_err_str(got),
        mote__flex_err_str(want));
  return got == want;
}

/* ---- A test-only FlexBuffers builder. ---------------------------------- */

enum { BUF_CAP = 16384, STACK_CAP = 512 };

/* A value waiting on the builder's stack to be written into its parent. */
typedef struct bval {
  uint8_t type; /* mote__flex_type of the value. */
  uint64_t u;   /* Inline bits, or the absolute position of the data. */
  double f;     /* Value of an inline float. */
  unsigned w;   /* Inline: minimum width; offset types: width of the data. */
} bval;

/* Builder state: the bytes written so far and the value stack. */
typedef struct bld {
  uint8_t buf[BUF_CAP]; /* Output bytes. */
  size_t n;             /* Bytes used in buf. */
  bval st[STACK_CAP];   /* Values not yet placed in a parent. */
  size_t sp;            /* Values on the stack. */
  unsigned force_w;     /* Minimum width of every vector and map. */
  int no_sort;          /* Non-zero: write map keys in the given order. */
  int bad;              /* Non-zero once the builder was misused. */
} bld;

static void b_init(bld *b, unsigned force_w)
{
  memset(b, 0, sizeof *b);
  b->force_w = force_w;
}

static unsigned width_u(uint64_t u)
{
  if (u < 0x100u)
    return 1;
  if (u < 0x10000u)
    return 2;
  return u < 0x100000000u ? 4 : 8;
}

static unsigned width_i(int64_t i)
{
  uint64_t u = (uint64_t)i << 1;

  return width_u(i >= 0 ? u : ~u);
}

static unsigned width_code(unsigned w)
{
  return w == 1 ? 0u : w == 2 ? 1u : w == 4 ? 2u : 3u;
}

static unsigned umax(unsigned a, unsigned b)
{
  return a > b ? a : b;
}

static void put(bld *b, uint8_t byte)
{
  if (b->n >= BUF_CAP) {
    b->bad = 1;
    return;
  }
  b->buf[b->n++] = byte;
}

static void put_le(bld *b, uint64_t v, unsigned w)
{
  unsigned i;

  for (i = 0; i < w; i++)
    put(b, (uint8_t)(v >> (8 * i)));
}

static size_t pad_for(size_t n, unsigned w)
{
  return (w - n % w) % w;
}

static void align(bld *b, unsigned w)
{
  size_t pad = pad_for(b->n, w);

  while (pad-- > 0)
    put(b, 0);
}

static void push(bld *b, uint8_t type, uint64_t u, double f, unsigned w)
{
  bval v;

  if (b->sp >= STACK_CAP) {
    b->bad = 1;
    return;
  }
  v.type = type;
  v.u = u;
  v.f = f;
  v.w = w;
  b->st[b->sp++] = v;
}

static int is_inline(unsigned t)
{
  return t <= MOTE__FLEX_T_FLOAT || t == MOTE__FLEX_T_BOOL;
}

static void b_null(bld *b) { push(b, MOTE__FLEX_T_NULL, 0, 0, 1); }
static void b_bool(bld *b, int v) { push(b, MOTE__FLEX_T_BOOL, v != 0, 0, 1); }

static void b_int(bld *b, int64_t i)
{
  push(b, MOTE__FLEX_T_INT, (uint64_t)i, 0, width_i(i));
}

static void b_uint(bld *b, uint64_t u)
{
  push(b, MOTE__FLEX_T_UINT, u, 0, width_u(u));
}

static void b_float(bld *b, double f, unsigned w)
{
  push(b, MOTE__FLEX_T_FLOAT, 0, f, w);
}

static void b_key(bld *b, const char *s)
{
  size_t at = b->n;
  size_t i, len = strlen(s);

  for (i = 0; i <= len; i++)
    put(b, (uint8_t)s[i]);
  push(b, MOTE__FLEX_T_KEY, at, 0, 1);
}

/* Writes a size-prefixed string (with NUL) or blob (without). */
static void b_sized(bld *b, uint8_t type, const char *s, size_t len)
{
  unsigned w = width_u(len);
  size_t at, i;

  align(b, w);
  put_le(b, len, w);
  at = b->n;
  for (i = 0; i < len; i++)
    put(b, (uint8_t)s[i]);
  if (type == MOTE__FLEX_T_STRING)
    put(b, 0);
  push(b, type, at, 0, w);
}

/* Writes a scalar out of line; the value refers to it by offset. */
static void b_indirect(bld *b, uint8_t type, uint64_t bits, double f,
                       unsigned w)
{
  size_t at;
  float f32 = (float)f;
  uint32_t b32;

  align(b, w);
  at = b->n;
  if (type == MOTE__FLEX_T_INDIRECT_FLOAT && w == 4) {
    memcpy(&b32, &f32, 4);
    bits = b32;
  } else if (type == MOTE__FLEX_T_INDIRECT_FLOAT) {
    memcpy(&bits, &f, 8);
  }
  put_le(b, bits, w);
  push(b, type, at, 0, w);
}

/* Pushes the top value again, so that two slots share its data. */
static void b_dup(bld *b)
{
  if (b->sp == 0 || b->sp >= STACK_CAP) {
    b->bad = 1;
    return;
  }
  b->st[b->sp] = b->st[b->sp - 1];
  b->sp++;
}

/* Width value v needs when written as element idx of a vector whose
 * prefix starts at the current end of the buffer. */
static unsigned elem_width(const bld *b, const bval *v, size_t idx)
{
  unsigned bw;

  if (is_inline(v->type))
    return v->w;
  for (bw = 1; bw < 8; bw *= 2) {
    size_t loc = b->n + pad_for(b->n, bw) + idx * bw;

    if (width_u(loc - v->u) <= bw)
      return bw;
  }
  return 8;
}

static uint8_t stored_packed(const bval *v, unsigned parent_w)
{
  unsigned w = is_inline(v->type) ? umax(v->w, parent_w) : v->w;

  return (uint8_t)((unsigned)v->type << 2 | width_code(w));
}

static void write_any(bld *b, const bval *v, unsigned w)
{
  float f32 = (float)v->f;
  uint32_t b32;
  uint64_t b64;

  if (v->type == MOTE__FLEX_T_FLOAT && w == 4) {
    memcpy(&b32, &f32, 4);
    put_le(b, b32, 4);
  } else if (v->type == MOTE__FLEX_T_FLOAT && w == 8) {
    memcpy(&b64, &v->f, 8);
    put_le(b, b64, 8);
  } else if (v->type == MOTE__FLEX_T_FLOAT) {
    b->bad = 1;
  } else if (is_inline(v->type)) {
    put_le(b, v->u, w);
  } else {
    put_le(b, b->n - v->u, w);
  }
}

/* Type of a typed vector of elem_type elements; fixed is 0 or 2..4. */
static uint8_t typed_type(uint8_t elem_type, unsigned fixed)
{
  if (elem_type == MOTE__FLEX_T_BOOL)
    return MOTE__FLEX_T_VECTOR_BOOL;
  if (fixed == 0)
    return (uint8_t)(elem_type - MOTE__FLEX_T_INT + MOTE__FLEX_T_VECTOR_INT);
  return (uint8_t)(MOTE__FLEX_T_VECTOR_INT2 + (fixed - 2) * 3 +
                   (elem_type - MOTE__FLEX_T_INT));
}

/* Writes a vector of cnt values; elem_type 0 means untyped. With keys it
 * writes a map's value vector. Returns the value referring to it. */
static bval create_vec(bld *b, const bval *el, size_t cnt, uint8_t elem_type,
                       unsigned fixed, const bval *keys)
{
  unsigned w = umax(b->force_w, width_u(cnt));
  size_t prefix = keys ? 3 : 1, i, at;
  bval r;

  if (keys)
    w = umax(w, elem_width(b, keys, 0));
  for (i = 0; i < cnt; i++)
    w = umax(w, elem_width(b, &el[i], i + prefix));
  align(b, w);
  if (keys) {
    put_le(b, b->n - keys->u, w);
    put_le(b, keys->w, w);
  }
  if (fixed == 0)
    put_le(b, cnt, w);
  at = b->n;
  for (i = 0; i < cnt; i++)
    write_any(b, &el[i], w);
  for (i = 0; elem_type == 0 && i < cnt; i++)
    put(b, stored_packed(&el[i], w));
  r.type = MOTE__FLEX_T_VECTOR;
  if (elem_type != 0)
    r.type = typed_type(elem_type, fixed);
  if (keys != NULL)
    r.type = MOTE__FLEX_T_MAP;
  r.u = at;
  r.f = 0;
  r.w = w;
  return r;
}

/* Replaces the values from stack index start up with one vector. */
static void b_end_vec(bld *b, size_t start, uint8_t elem_type, unsigned fixed)
{
  bval v = create_vec(b, &b->st[start], b->sp - start, elem_type, fixed, NULL);

  b->sp = start;
  push(b, v.type, v.u, 0, v.w);
}

static int key_less(const bld *b, const bval *x, const bval *y)
{
  return strcmp((const char *)b->buf + x->u, (const char *)b->buf + y->u) < 0;
}

/* Replaces the key/value pairs from stack index start up with one map,
 * sorting the pairs by key unless b->no_sort is set. */
static void b_end_map(bld *b, size_t start)
{
  bval keys[STACK_CAP / 2], vals[STACK_CAP / 2], kv, mv, t;
  size_t cnt = (b->sp - start) / 2, i, j;

  for (i = 0; i < cnt; i++) {
    keys[i] = b->st[start + 2 * i];
    vals[i] = b->st[start + 2 * i + 1];
  }
  for (i = 1; !b->no_sort && i < cnt; i++) {
    for (j = i; j > 0 && key_less(b, &keys[j], &keys[j - 1]); j--) {
      t = keys[j];
      keys[j] = keys[j - 1];
      keys[j - 1] = t;
      t = vals[j];
      vals[j] = vals[j - 1];
      vals[j - 1] = t;
    }
  }
  kv = create_vec(b, keys, cnt, MOTE__FLEX_T_KEY, 0, NULL);
  mv = create_vec(b, vals, cnt, 0, 0, &kv);
  b->sp = start;
  push(b, mv.type, mv.u, 0, mv.w);
}

/* Writes the single remaining value as the root. */
static void b_finish(bld *b)
{
  unsigned w;

  if (b->sp != 1) {
    b->bad = 1;
    return;
  }
  w = elem_width(b, &b->st[0], 0);
  align(b, w);
  write_any(b, &b->st[0], w);
  put(b, stored_packed(&b->st[0], 1));
  put(b, (uint8_t)w);
}

/* Copies bytes into an allocation of exactly n bytes (at least 1). */
static uint8_t *exact_copy(const uint8_t *src, size_t n)
{
  uint8_t *p = malloc(n ? n : 1);

  if (p == NULL) {
    printf("out of memory\n");
    exit(2);
  }
  if (n)
    memcpy(p, src, n);
  return p;
}

/* ---- A full walk through the accessors, used to cross-check verify. ---- */

/* Reads every value under r with the accessors; returns the first
 * structural error (type mismatches are not errors here). */
static mote__flex_err deep_walk(const mote__flex_ref *r, unsigned depth,
                                long *visits)
{
  mote__flex_ref e;
  size_t n, i, klen;
  const char *s;
  const uint8_t *data;
  double d;
  int64_t v;
  bool bb;
  mote__flex_err err;

  if (++*visits > 100000 || depth > MOTE__FLEX_MAX_DEPTH)
    return MOTE__FLEX_E_TOO_DEEP;
  (void)mote__flex_as_i64(r, &v);
  (void)mote__flex_as_bool(r, &bb);
  err = mote__flex_as_f64(r, &d);
  if (err != MOTE__FLEX_OK && err != MOTE__FLEX_E_BAD_TYPE)
    return err;
  err = mote__flex_as_string(r, &s, &n);
  if (err != MOTE__FLEX_OK && err != MOTE__FLEX_E_BAD_TYPE)
    return err;
  err = mote__flex_as_blob(r, &data, &n);
  if (err != MOTE__FLEX_OK && err != MOTE__FLEX_E_BAD_TYPE)
    return err;
  err = mote__flex_len(r, &n);
  if (err == MOTE__FLEX_E_BAD_TYPE || r->type == MOTE__FLEX_T_STRING ||
      r->type == MOTE__FLEX_T_BLOB)
    return MOTE__FLEX_OK;
  for (i = 0; err == MOTE__FLEX_OK && i < n; i++) {
    err = mote__flex_index(r, i, &e);
    if (err == MOTE__FLEX_OK)
      err = deep_walk(&e, depth + 1, visits);
    if (err != MOTE__FLEX_OK || r->type != MOTE__FLEX_T_MAP)
      continue;
    err = mote__flex_map_key(r, i, &s, &klen);
    if (err == MOTE__FLEX_OK)
      err = mote__flex_map_get(r, s, &e);
  }
  return err;
}

/* Verifies an exact copy of buf and returns the result. */
static mote__flex_err verify_copy(const uint8_t *buf, size_t n)
{
  uint8_t *p = exact_copy(buf, n);
  mote__flex_err err = mote__flex_verify(p, n);

  free(p);
  return err;
}

/* ---- Scalars: one row per value, read back at every width. ------------- */

enum kind {
  K_NULL, K_BOOL, K_INT, K_UINT, K_FLOAT4, K_FLOAT8, K_STR, K_BLOB,
  K_IINT, K_IUINT, K_IFLOAT4, K_IFLOAT8
};

/* A value to build and what each accessor must return for it. */
typedef struct scalar_row {
  const char *key;         /* Map key of the value (unique). */
  enum kind kind;          /* How the builder stores the value. */
  int64_t i;               /* Value of K_BOOL, K_INT, K_IINT. */
  uint64_t u;              /* Value of K_UINT, K_IUINT. */
  double f;                /* Value of the float kinds. */
  const char *s;           /* Bytes of K_STR and K_BLOB. */
  size_t slen;             /* Their length. */
  uint8_t type;            /* Expected type of the value read back. */
  mote__flex_err i64_err;  /* Expected mote__flex_as_i64() result ... */
  int64_t i64;             /* ... and value. */
  mote__flex_err f64_err;  /* Expected mote__flex_as_f64() result ... */
  double f64;              /* ... and value. */
  mote__flex_err bool_err; /* Expected mote__flex_as_bool() result ... */
  bool b;                  /* ... and value. */
} scalar_row;

#define BAD MOTE__FLEX_E_BAD_TYPE
#define RNG MOTE__FLEX_E_RANGE

static const scalar_row scalar_rows[] = {
  {.key = "null", .kind = K_NULL, .type = MOTE__FLEX_T_NULL,
   .i64_err = BAD, .f64_err = BAD, .bool_err = BAD},
  {.key = "false", .kind = K_BOOL, .i = 0, .type = MOTE__FLEX_T_BOOL,
   .i64 = 0, .f64_err = BAD, .b = false},
  {.key = "true", .kind = K_BOOL, .i = 1, .type = MOTE__FLEX_T_BOOL,
   .i64 = 1, .f64_err = BAD, .b = true},
  {.key = "i0", .kind = K_INT, .i = 0, .type = MOTE__FLEX_T_INT,
   .i64 = 0, .f64 = 0.0, .b = false},
  {.key = "im1", .kind = K_INT, .i = -1, .type = MOTE__FLEX_T_INT,
   .i64 = -1, .f64 = -1.0, .b = true},
  {.key = "i127", .kind = K_INT, .i = 127, .type = MOTE__FLEX_T_INT,
   .i64 = 127, .f64 = 127.0, .b = true},
  {.key = "im128", .kind = K_INT, .i = -128, .type = MOTE__FLEX_T_INT,
   .i64 = -128, .f64 = -128.0, .b = true},
  {.key = "i128", .kind = K_INT, .i = 128, .type = MOTE__FLEX_T_INT,
   .i64 = 128, .f64 = 128.0, .b = true},
  {.key = "im40000", .kind = K_INT, .i = -40000, .type = MOTE__FLEX_T_INT,
   .i64 = -40000, .f64 = -40000.0, .b = true},
  {.key = "i2p31", .kind = K_INT, .i = 2147483648LL, .type = MOTE__FLEX_T_INT,
   .i64 = 2147483648LL, .f64 = 2147483648.0, .b = true},
  {.key = "imin", .kind = K_INT, .i = INT64_MIN, .type = MOTE__FLEX_T_INT,
   .i64 = INT64_MIN, .f64 = -9223372036854775808.0, .b = true},
  {.key = "imax", .kind = K_INT, .i = INT64_MAX, .type = MOTE__FLEX_T_INT,
   .i64 = INT64_MAX, .f64 = 9223372036854775807.0, .b = true},
  {.key = "u255", .kind = K_UINT, .u = 255, .type = MOTE__FLEX_T_UINT,
   .i64 = 255, .f64 = 255.0, .b = true},
  {.key = "u65536", .kind = K_UINT, .u = 65536, .type = MOTE__FLEX_T_UINT,
   .i64 = 65536, .f64 = 65536.0, .b = true},
  {.key = "umax", .kind = K_UINT, .u = UINT64_MAX, .type = MOTE__FLEX_T_UINT,
   .i64_err = RNG, .f64 = 18446744073709551615.0, .b = true},
  {.key = "f_half", .kind = K_FLOAT4, .f = 0.5, .type = MOTE__FLEX_T_FLOAT,
   .i64_err = BAD, .f64 = 0.5, .bool_err = BAD},
  {.key = "f_m2", .kind = K_FLOAT4, .f = -2.0, .type = MOTE__FLEX_T_FLOAT,
   .i64_err = BAD, .f64 = -2.0, .bool_err = BAD},
  {.key = "f_third", .kind = K_FLOAT8, .f = 1.0 / 3.0,
   .type = MOTE__FLEX_T_FLOAT, .i64_err = BAD, .f64 = 1.0 / 3.0,
   .bool_err = BAD},
  {.key = "f_huge", .kind = K_FLOAT8, .f = -1e300, .type = MOTE__FLEX_T_FLOAT,
   .i64_err = BAD, .f64 = -1e300, .bool_err = BAD},
  {.key = "f_big", .kind = K_FLOAT8, .f = 1e39, .type = MOTE__FLEX_T_FLOAT,
   .i64_err = BAD, .f64 = 1e39, .bool_err = BAD},
  {.key = "f_inf", .kind = K_FLOAT8, .f = INFINITY,
   .type = MOTE__FLEX_T_FLOAT, .i64_err = BAD, .f64 = INFINITY,
   .bool_err = BAD},
  {.key = "s_hello", .kind = K_STR, .s = "hello", .slen = 5,
   .type = MOTE__FLEX_T_STRING, .i64_err = BAD, .f64_err = BAD,
   .bool_err = BAD},
  {.key = "s_empty", .kind = K_STR, .s = "", .slen = 0,
   .type = MOTE__FLEX_T_STRING, .i64_err = BAD, .f64_err = BAD,
   .bool_err = BAD},
  {.key = "s_nul", .kind = K_STR, .s = "a\0b", .slen = 3,
   .type = MOTE__FLEX_T_STRING, .i64_err = BAD, .f64_err = BAD,
   .bool_err = BAD},
  {.key = "blob", .kind = K_BLOB, .s = "\x01\x00\xff", .slen = 3,
   .type = MOTE__FLEX_T_BLOB, .i64_err = BAD, .f64_err = BAD,
   .bool_err = BAD},
  {.key = "ii_m5", .kind = K_IINT, .i = -5, .type = MOTE__FLEX_T_INDIRECT_INT,
   .i64 = -5, .f64 = -5.0, .b = true},
  {.key = "ii_big", .kind = K_IINT, .i = -(1LL << 40),
   .type = MOTE__FLEX_T_INDIRECT_INT, .i64 = -(1LL << 40),
   .f64 = -1099511627776.0, .b = true},
  {.key = "iu_70000", .kind = K_IUINT, .u = 70000,
   .type = MOTE__FLEX_T_INDIRECT_UINT, .i64 = 70000, .f64 = 70000.0,
   .b = true},
  {.key = "if_2.5", .kind = K_IFLOAT4, .f = 2.5,
   .type = MOTE__FLEX_T_INDIRECT_FLOAT, .i64_err = BAD, .f64 = 2.5,
   .bool_err = BAD},
  {.key = "if_0.1", .kind = K_IFLOAT8, .f = 0.1,
   .type = MOTE__FLEX_T_INDIRECT_FLOAT, .i64_err = BAD, .f64 = 0.1,
   .bool_err = BAD},
};

#define N_SCALAR_ROWS (sizeof scalar_rows / sizeof scalar_rows[0])

/* Pushes the value of row r onto the builder's stack. */
static void push_row(bld *b, const scalar_row *r)
{
  switch (r->kind) {
  case K_NULL: b_null(b); break;
  case K_BOOL: b_bool(b, r->i != 0); break;
  case K_INT: b_int(b, r->i); break;
  case K_UINT: b_uint(b, r->u); break;
  case K_FLOAT4: b_float(b, r->f, 4); break;
  case K_FLOAT8: b_float(b, r->f, 8); break;
  case K_STR: b_sized(b, MOTE__FLEX_T_STRING, r->s, r->slen); break;
  case K_BLOB: b_sized(b, MOTE__FLEX_T_BLOB, r->s, r->slen); break;
  case K_IINT:
    b_indirect(b, MOTE__FLEX_T_INDIRECT_INT, (uint64_t)r->i, 0, width_i(r->i));
    break;
  case K_IUINT:
    b_indirect(b, MOTE__FLEX_T_INDIRECT_UINT, r->u, 0, width_u(r->u));
    break;
  case K_IFLOAT4: b_indirect(b, MOTE__FLEX_T_INDIRECT_FLOAT, 0, r->f, 4); break;
  case K_IFLOAT8: b_indirect(b, MOTE__FLEX_T_INDIRECT_FLOAT, 0, r->f, 8); break;
  }
}

/* Checks every accessor on value v built from row r; ctx names the case. */
static void check_row_value(const mote__flex_ref *v, const scalar_row *r,
                            const char *ctx)
{
  int64_t i = 0;
  uint64_t u = 0, want_u;
  double d = 0;
  bool bv = false;
  const char *s = NULL;
  const uint8_t *data = NULL;
  size_t n = 0;
  mote__flex_err err, want;
  int is_str = r->kind == K_STR, is_blob = r->kind == K_BLOB;

  check(v->type == r->type, "%s %s: type %u, want %u", ctx, r->key, v->type,
        r->type);
  err = mote__flex_as_i64(v, &i);
  check(err == r->i64_err && (err != MOTE__FLEX_OK || i == r->i64),
        "%s %s: as_i64 %s %lld", ctx, r->key, mote__flex_err_str(err),
        (long long)i);
  want = r->i64_err;
  want_u = (uint64_t)r->i64;
  if (r->kind == K_UINT || r->kind == K_IUINT) {
    want = MOTE__FLEX_OK;
    want_u = r->u;
  } else if (want == MOTE__FLEX_OK && r->i64 < 0) {
    want = MOTE__FLEX_E_RANGE;
  }
  err = mote__flex_as_u64(v, &u);
  check(err == want && (err != MOTE__FLEX_OK || u == want_u),
        "%s %s: as_u64 %s %llu", ctx, r->key, mote__flex_err_str(err),
        (unsigned long long)u);
  err = mote__flex_as_f64(v, &d);
  check(err == r->f64_err && (err != MOTE__FLEX_OK || d == r->f64),
        "%s %s: as_f64 %s %.17g", ctx, r->key, mote__flex_err_str(err), d);
  err = mote__flex_as_bool(v, &bv);
  check(err == r->bool_err && (err != MOTE__FLEX_OK || bv == r->b),
        "%s %s: as_bool %s %d", ctx, r->key, mote__flex_err_str(err), bv);
  err = mote__flex_as_string(v, &s, &n);
  check(is_str ? err == MOTE__FLEX_OK && n == r->slen &&
                     memcmp(s, r->s, n) == 0 && s[n] == 0
               : err == MOTE__FLEX_E_BAD_TYPE,
        "%s %s: as_string %s", ctx, r->key, mote__flex_err_str(err));
  err = mote__flex_as_blob(v, &data, &n);
  check(is_str || is_blob ? err == MOTE__FLEX_OK && n == r->slen &&
                                memcmp(data, r->s, n) == 0
                          : err == MOTE__FLEX_E_BAD_TYPE,
        "%s %s: as_blob %s", ctx, r->key, mote__flex_err_str(err));
}

/* Checks the option helpers on map for row r. */
static void check_row_helpers(const mote__flex_ref *map, const scalar_row *r,
                              const char *ctx)
{
  int32_t i32 = 0;
  float f32 = 0;
  mote__flex_err want = r->i64_err, err;

  if (want == MOTE__FLEX_OK && (r->i64 < INT32_MIN || r->i64 > INT32_MAX))
    want = MOTE__FLEX_E_RANGE;
  err = mote__flex_get_i32(map, r->key, 99, &i32);
  check(err == want && (err != MOTE__FLEX_OK || i32 == r->i64),
        "%s %s: get_i32 %s %d", ctx, r->key, mote__flex_err_str(err), i32);
  want = r->f64_err;
  if (want == MOTE__FLEX_OK && r->f64 != INFINITY &&
      (r->f64 > 3.5e38 || r->f64 < -3.5e38))
    want = MOTE__FLEX_E_RANGE;
  err = mote__flex_get_f32(map, r->key, 9.0f, &f32);
  check(err == want && (err != MOTE__FLEX_OK || f32 == (float)r->f64),
        "%s %s: get_f32 %s %g", ctx, r->key, mote__flex_err_str(err), f32);
}

/* Each row alone: as the root, inside a one-entry map and inside a
 * one-element vector, at every forced width. */
static void test_scalars_alone(void)
{
  static bld b;
  static const unsigned widths[] = {1, 2, 4, 8};
  char ctx[64];
  mote__flex_ref root, v;
  size_t i, wi, start;
  uint8_t *p;

  for (i = 0; i < N_SCALAR_ROWS; i++) {
    const scalar_row *r = &scalar_rows[i];

    b_init(&b, 1);
    push_row(&b, r);
    b_finish(&b);
    p = exact_copy(b.buf, b.n);
    check_err(mote__flex_verify(p, b.n), MOTE__FLEX_OK, r->key);
    if (check_err(mote__flex_root(p, b.n, &root), MOTE__FLEX_OK, r->key))
      check_row_value(&root, r, "root");
    free(p);
    for (wi = 0; wi < 4; wi++) {
      b_init(&b, widths[wi]);
      start = b.sp;
      b_key(&b, r->key);
      push_row(&b, r);
      b_end_map(&b, start);
      b_finish(&b);
      p = exact_copy(b.buf, b.n);
      snprintf(ctx, sizeof ctx, "map w%u", widths[wi]);
      check(!b.bad, "%s %s: builder failed", ctx, r->key);
      check_err(mote__flex_open_map(p, b.n, &root), MOTE__FLEX_OK, ctx);
      if (check_err(mote__flex_map_get(&root, r->key, &v), MOTE__FLEX_OK,
                    ctx))
        check_row_value(&v, r, ctx);
      check_row_helpers(&root, r, ctx);
      free(p);

      b_init(&b, widths[wi]);
      start = b.sp;
      push_row(&b, r);
      b_end_vec(&b, start, 0, 0);
      b_finish(&b);
      p = exact_copy(b.buf, b.n);
      snprintf(ctx, sizeof ctx, "vec w%u", widths[wi]);
      check_err(mote__flex_verify(p, b.n), MOTE__FLEX_OK, ctx);
      check_err(mote__flex_root(p, b.n, &root), MOTE__FLEX_OK, ctx);
      if (check_err(mote__flex_index(&root, 0, &v), MOTE__FLEX_OK, ctx))
        check_row_value(&v, r, ctx);
      free(p);
    }
  }
}

/* Builds one map holding every row; used by several tests. */
static void build_all_rows_map(bld *b, unsigned force_w)
{
  size_t i, start;

  b_init(b, force_w);
  start = b->sp;
  for (i = 0; i < N_SCALAR_ROWS; i++) {
    b_key(b, scalar_rows[i].key);
    push_row(b, &scalar_rows[i]);
  }
  b_end_map(b, start);
  b_finish(b);
}

/* All rows in one map: lookup hits and misses, key order, helpers, and the
 * same buffer read at every alignment. */
static void test_big_map(void)
{
  static bld b;
  static const char *const misses[] = {
    "", "a", "zzz", "i", "i00", "null ", "nul", "s_hello!", "BLOB", "\xff",
  };
  uint8_t *store;
  mote__flex_ref map, v;
  const char *key, *prev = "";
  size_t i, n = 0, klen, off;
  int32_t i32;
  bool bv;
  float f;

  build_all_rows_map(&b, 1);
  check(!b.bad, "big map: builder failed");
  for (off = 0; off < 8; off++) {
    char ctx[32];

    snprintf(ctx, sizeof ctx, "big map at +%zu", off);
    store = malloc(b.n + off);
    memcpy(store + off, b.buf, b.n);
    memset(&map, 0, sizeof map);
    check_err(mote__flex_open_map(store + off, b.n, &map), MOTE__FLEX_OK, ctx);
    for (i = 0; i < N_SCALAR_ROWS; i++) {
      if (check_err(mote__flex_map_get(&map, scalar_rows[i].key, &v),
                    MOTE__FLEX_OK, scalar_rows[i].key))
        check_row_value(&v, &scalar_rows[i], ctx);
    }
    free(store);
  }
  store = exact_copy(b.buf, b.n);
  memset(&map, 0, sizeof map);
  check_err(mote__flex_open_map(store, b.n, &map), MOTE__FLEX_OK, "big map");
  for (i = 0; i < sizeof misses / sizeof misses[0]; i++)
    check_err(mote__flex_map_get(&map, misses[i], &v), MOTE__FLEX_E_NOT_FOUND,
              misses[i]);
  check_err(mote__flex_len(&map, &n), MOTE__FLEX_OK, "big map len");
  check(n == N_SCALAR_ROWS, "big map len %zu", n);
  for (i = 0; i < n; i++) {
    check_err(mote__flex_map_key(&map, i, &key, &klen), MOTE__FLEX_OK, "key");
    check(strlen(key) == klen && strcmp(prev, key) < 0,
          "keys out of order at %zu", i);
    prev = key;
  }
  check_err(mote__flex_map_key(&map, n, &key, &klen), MOTE__FLEX_E_RANGE,
            "key past end");
  check_err(mote__flex_index(&map, n, &v), MOTE__FLEX_E_RANGE,
            "value past end");
  check_err(mote__flex_get_i32(&map, "absent", -7, &i32), MOTE__FLEX_OK,
            "get_i32 default");
  check(i32 == -7, "get_i32 default value %d", i32);
  check_err(mote__flex_get_bool(&map, "absent", true, &bv), MOTE__FLEX_OK,
            "get_bool default");
  check(bv, "get_bool default value");
  check_err(mote__flex_get_bool(&map, "true", false, &bv), MOTE__FLEX_OK,
            "get_bool");
  check(bv, "get_bool value");
  check_err(mote__flex_get_bool(&map, "s_hello", false, &bv),
            MOTE__FLEX_E_BAD_TYPE, "get_bool on string");
  check_err(mote__flex_get_f32(&map, "absent", 1.5f, &f), MOTE__FLEX_OK,
            "get_f32 default");
  check(f == 1.5f, "get_f32 default value");
  check_err(mote__flex_index(&map, 0, &v), MOTE__FLEX_OK, "value 0");
  check_err(mote__flex_map_get(&v, "x", &v), MOTE__FLEX_E_BAD_TYPE,
            "map_get on a non-map");
  free(store);
}

/* ---- Nested containers. ------------------------------------------------- */

/* [1, [2, [3, "x"]], {"k": [true, 2.5], "m": {"n": -9}}] at every width. */
static void test_nested(void)
{
  static bld b;
  mote__flex_ref root, a, c, d;
  size_t s0, s1, s2, s3, n = 0;
  int64_t i = 0;
  double f = 0;
  bool bv = false;
  const char *str;
  unsigned w;
  uint8_t *p;

  for (w = 1; w <= 8; w *= 2) {
    /* A failed lookup leaves its output alone: start from null refs. */
    memset(&root, 0, sizeof root);
    a = c = d = root;
    b_init(&b, w);
    s0 = b.sp;
    b_int(&b, 1);
    s1 = b.sp;
    b_int(&b, 2);
    s2 = b.sp;
    b_int(&b, 3);
    b_sized(&b, MOTE__FLEX_T_STRING, "x", 1);
    b_end_vec(&b, s2, 0, 0);
    b_end_vec(&b, s1, 0, 0);
    s1 = b.sp;
    b_key(&b, "k");
    s2 = b.sp;
    b_bool(&b, 1);
    b_float(&b, 2.5, 4);
    b_end_vec(&b, s2, 0, 0);
    b_key(&b, "m");
    s3 = b.sp;
    b_key(&b, "n");
    b_int(&b, -9);
    b_end_map(&b, s3);
    b_end_map(&b, s1);
    b_end_vec(&b, s0, 0, 0);
    b_finish(&b);
    p = exact_copy(b.buf, b.n);
    check_err(mote__flex_verify(p, b.n), MOTE__FLEX_OK, "nested verify");
    mote__flex_root(p, b.n, &root);
    check(root.type == MOTE__FLEX_T_VECTOR, "nested root type %u", root.type);
    mote__flex_len(&root, &n);
    check(n == 3, "nested len %zu", n);
    mote__flex_index(&root, 0, &a);
    check(mote__flex_as_i64(&a, &i) == MOTE__FLEX_OK && i == 1, "nested [0]");
    mote__flex_index(&root, 1, &a);
    mote__flex_index(&a, 1, &c);
    mote__flex_index(&c, 0, &d);
    check(mote__flex_as_i64(&d, &i) == MOTE__FLEX_OK && i == 3,
          "nested [1][1][0]");
    mote__flex_index(&c, 1, &d);
    check(mote__flex_as_string(&d, &str, &n) == MOTE__FLEX_OK &&
              strcmp(str, "x") == 0,
          "nested [1][1][1]");
    check_err(mote__flex_index(&c, 2, &d), MOTE__FLEX_E_RANGE, "nested [2]");
    mote__flex_index(&root, 2, &a);
    check_err(mote__flex_map_get(&a, "k", &c), MOTE__FLEX_OK, "nested k");
    mote__flex_index(&c, 0, &d);
    check(mote__flex_as_bool(&d, &bv) == MOTE__FLEX_OK && bv, "nested k[0]");
    mote__flex_index(&c, 1, &d);
    check(mote__flex_as_f64(&d, &f) == MOTE__FLEX_OK && f == 2.5,
          "nested k[1]");
    check_err(mote__flex_map_get(&a, "m", &c), MOTE__FLEX_OK, "nested m");
    check_err(mote__flex_map_get(&c, "n", &d), MOTE__FLEX_OK, "nested m.n");
    check(mote__flex_as_i64(&d, &i) == MOTE__FLEX_OK && i == -9,
          "nested m.n value");
    check_err(mote__flex_map_get(&c, "k", &d), MOTE__FLEX_E_NOT_FOUND,
              "nested m.k");
    free(p);
  }
}

/* ---- Typed and fixed typed vectors. ------------------------------------ */

/* A typed vector to build and read back. */
typedef struct typed_row {
  const char *name;  /* Case name. */
  uint8_t elem;      /* Element type: INT, UINT, FLOAT, BOOL or KEY. */
  unsigned fixed;    /* 0 for a counted vector, else 2, 3 or 4. */
  unsigned force_w;  /* Minimum element width. */
  size_t n;          /* Number of elements. */
  double v[5];       /* Values (integers exactly representable). */
  uint8_t want_type; /* Expected vector type. */
} typed_row;

static const typed_row typed_rows[] = {
  {"int w1", MOTE__FLEX_T_INT, 0, 1, 3, {1, -2, 3}, MOTE__FLEX_T_VECTOR_INT},
  {"int w2", MOTE__FLEX_T_INT, 0, 1, 2, {300, -300}, MOTE__FLEX_T_VECTOR_INT},
  {"int w4", MOTE__FLEX_T_INT, 0, 4, 2, {-70000, 5}, MOTE__FLEX_T_VECTOR_INT},
  {"int w8", MOTE__FLEX_T_INT, 0, 8, 2, {-5e15, 7}, MOTE__FLEX_T_VECTOR_INT},
  {"int empty", MOTE__FLEX_T_INT, 0, 1, 0, {0}, MOTE__FLEX_T_VECTOR_INT},
  {"uint w2", MOTE__FLEX_T_UINT, 0, 1, 3, {1, 65535, 0},
   MOTE__FLEX_T_VECTOR_UINT},
  {"float w4", MOTE__FLEX_T_FLOAT, 0, 4, 3, {0.5, -2, 1e10},
   MOTE__FLEX_T_VECTOR_FLOAT},
  {"float w8", MOTE__FLEX_T_FLOAT, 0, 8, 2, {0.1, -1e200},
   MOTE__FLEX_T_VECTOR_FLOAT},
  {"bool", MOTE__FLEX_T_BOOL, 0, 1, 4, {1, 0, 1, 1},
   MOTE__FLEX_T_VECTOR_BOOL},
  {"key", MOTE__FLEX_T_KEY, 0, 1, 3, {0, 1, 2}, MOTE__FLEX_T_VECTOR_KEY},
  {"int2", MOTE__FLEX_T_INT, 2, 1, 2, {1, -2}, MOTE__FLEX_T_VECTOR_INT2},
  {"uint3 w2", MOTE__FLEX_T_UINT, 3, 2, 3, {1, 2, 60000},
   MOTE__FLEX_T_VECTOR_UINT3},
  {"float4 w4", MOTE__FLEX_T_FLOAT, 4, 4, 4, {1, 2, 3, 4.5},
   MOTE__FLEX_T_VECTOR_FLOAT4},
  {"float3 w8", MOTE__FLEX_T_FLOAT, 3, 8, 3, {0.1, 0.2, 0.3},
   MOTE__FLEX_T_VECTOR_FLOAT3},
  {"int4 w8", MOTE__FLEX_T_INT, 4, 8, 4, {-1, 2, -3, 4},
   MOTE__FLEX_T_VECTOR_INT4},
};

static const char *const key_names[] = {"alpha", "b", "gamma"};

static void test_typed(void)
{
  static bld b;
  mote__flex_ref root, e;
  size_t i, k, n = 0, start, klen;
  double f;
  int64_t iv;
  bool bv;
  const char *s;
  uint8_t *p;

  for (i = 0; i < sizeof typed_rows / sizeof typed_rows[0]; i++) {
    const typed_row *r = &typed_rows[i];

    memset(&root, 0, sizeof root);
    e = root;
    b_init(&b, r->force_w);
    start = b.sp;
    for (k = 0; k < r->n; k++) {
      if (r->elem == MOTE__FLEX_T_INT)
        b_int(&b, (int64_t)r->v[k]);
      else if (r->elem == MOTE__FLEX_T_UINT)
        b_uint(&b, (uint64_t)r->v[k]);
      else if (r->elem == MOTE__FLEX_T_FLOAT)
        b_float(&b, r->v[k], r->force_w);
      else if (r->elem == MOTE__FLEX_T_BOOL)
        b_bool(&b, r->v[k] != 0);
      else
        b_key(&b, key_names[(size_t)r->v[k]]);
    }
    b_end_vec(&b, start, r->elem, r->fixed);
    b_finish(&b);
    p = exact_copy(b.buf, b.n);
    check_err(mote__flex_verify(p, b.n), MOTE__FLEX_OK, r->name);
    mote__flex_root(p, b.n, &root);
    check(root.type == r->want_type, "%s: type %u", r->name, root.type);
    check(mote__flex_len(&root, &n) == MOTE__FLEX_OK && n == r->n,
          "%s: len %zu", r->name, n);
    for (k = 0; k < r->n; k++) {
      check_err(mote__flex_index(&root, k, &e), MOTE__FLEX_OK, r->name);
      check(e.type == r->elem, "%s[%zu]: type %u", r->name, k, e.type);
      if (r->elem == MOTE__FLEX_T_FLOAT) {
        f = 0;
        mote__flex_as_f64(&e, &f);
        check(f == (r->force_w == 4 ? (double)(float)r->v[k] : r->v[k]),
              "%s[%zu]: %.17g", r->name, k, f);
      } else if (r->elem == MOTE__FLEX_T_BOOL) {
        bv = false;
        mote__flex_as_bool(&e, &bv);
        check(bv == (r->v[k] != 0), "%s[%zu]: %d", r->name, k, bv);
      } else if (r->elem == MOTE__FLEX_T_KEY) {
        s = "";
        mote__flex_as_string(&e, &s, &klen);
        check(strcmp(s, key_names[(size_t)r->v[k]]) == 0, "%s[%zu]: %s",
              r->name, k, s);
      } else {
        iv = 0;
        mote__flex_as_i64(&e, &iv);
        check(iv == (int64_t)r->v[k], "%s[%zu]: %lld", r->name, k,
              (long long)iv);
      }
    }
    check_err(mote__flex_index(&root, r->n, &e), MOTE__FLEX_E_RANGE, r->name);
    free(p);
  }
}

/* ---- Hostile buffers. --------------------------------------------------- */

/* A hand-assembled buffer and the error verification must give. */
typedef struct hostile_row {
  const char *name;       /* What is wrong with it. */
  uint8_t bytes[24];      /* The buffer. */
  size_t len;             /* Its length. */
  mote__flex_err want;    /* Expected mote__flex_verify() result. */
} hostile_row;

/* A valid map {"a": 1} at width 1, and single-byte patches of it. */
#define MAP_A1 {0x61, 0x00, 0x01, 0x03, 0x01, 0x01, 0x01, 0x01, 0x04, 0x02, \
                0x24, 0x01}

/* The same map with the value's packed type byte set to type 27. */
#define MAP_A1_TYPE27 {0x61, 0x00, 0x01, 0x03, 0x01, 0x01, 0x01, 0x01, 0x6c, \
                       0x02, 0x24, 0x01}

static const hostile_row hostile_rows[] = {
  {"empty", {0}, 0, MOTE__FLEX_E_TRUNCATED},
  {"one byte", {0x01}, 1, MOTE__FLEX_E_TRUNCATED},
  {"root slot missing", {0x04, 0x01}, 2, MOTE__FLEX_E_TRUNCATED},
  {"root width 8 in 4 bytes", {0x00, 0x00, 0x04, 0x08}, 4,
   MOTE__FLEX_E_TRUNCATED},
  {"root width 0", {0x00, 0x04, 0x00}, 3, MOTE__FLEX_E_BAD_WIDTH},
  {"root width 3", {0x00, 0x00, 0x00, 0x04, 0x03}, 5, MOTE__FLEX_E_BAD_WIDTH},
  {"root width 16", {[16] = 0x04, [17] = 0x10}, 18, MOTE__FLEX_E_BAD_WIDTH},
  {"type 27", {0x00, 0x6c, 0x01}, 3, MOTE__FLEX_E_BAD_TYPE},
  {"type 35", {0x00, 0x8c, 0x01}, 3, MOTE__FLEX_E_BAD_TYPE},
  {"type 63", {0x00, 0xfc, 0x01}, 3, MOTE__FLEX_E_BAD_TYPE},
  {"inline float width 1", {0x00, 0x0c, 0x01}, 3, MOTE__FLEX_E_BAD_WIDTH},
  {"inline float width 2", {0x00, 0x00, 0x0c, 0x02}, 4,
   MOTE__FLEX_E_BAD_WIDTH},
  {"indirect float width 2", {0x00, 0x00, 0x02, 0x21, 0x01}, 5,
   MOTE__FLEX_E_BAD_WIDTH},
  {"typed float vector width 2",
   {0x01, 0x00, 0x00, 0x00, 0x02, 0x35, 0x01}, 7, MOTE__FLEX_E_BAD_WIDTH},
  {"empty typed float vector width 2", {0x00, 0x00, 0x00, 0x35, 0x01}, 5,
   MOTE__FLEX_E_BAD_WIDTH},
  {"indirect int past end", {0x00, 0x00, 0x02, 0x1b, 0x01}, 5,
   MOTE__FLEX_E_TRUNCATED},
  {"string offset before start", {0x05, 0x14, 0x01}, 3,
   MOTE__FLEX_E_BAD_OFFSET},
  {"offset wraps forwards",
   {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x14, 0x08}, 10,
   MOTE__FLEX_E_BAD_OFFSET},
  {"string size before start", {0x61, 0x00, 0x01, 0x15, 0x01}, 5,
   MOTE__FLEX_E_BAD_OFFSET},
  {"string size huge", {0xff, 0x61, 0x00, 0x02, 0x14, 0x01}, 6,
   MOTE__FLEX_E_TRUNCATED},
  {"string unterminated", {0x01, 0x61, 0x62, 0x02, 0x14, 0x01}, 6,
   MOTE__FLEX_E_BAD_STRING},
  {"key unterminated", {0x61, 0x62, 0x02, 0x10, 0x01}, 5,
   MOTE__FLEX_E_BAD_STRING},
  {"blob size huge", {0xff, 0x00, 0x01, 0x64, 0x01}, 5,
   MOTE__FLEX_E_TRUNCATED},
  {"vector length 255", {0xff, 0x00, 0x28, 0x01}, 4, MOTE__FLEX_E_TRUNCATED},
  {"vector type bytes past end", {0x03, 0x00, 0x01, 0x28, 0x01}, 5,
   MOTE__FLEX_E_TRUNCATED},
  {"int vector length 2^32-1",
   {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x2e, 0x04}, 10,
   MOTE__FLEX_E_TRUNCATED},
  {"int vector length 2^64-1",
   {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0,
    0x2f, 0x08}, 18, MOTE__FLEX_E_TRUNCATED},
  {"fixed vector past end", {0x01, 0x00, 0x5b, 0x01}, 4,
   MOTE__FLEX_E_TRUNCATED},
  {"vector refers to itself", {0x01, 0x00, 0x28, 0x02, 0x28, 0x01}, 6,
   MOTE__FLEX_E_TOO_DEEP},
  {"map value is the map itself",
   {0x61, 0x00, 0x01, 0x03, 0x01, 0x01, 0x01, 0x00, 0x24, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_TOO_DEEP},
  {"map {a: 1} is valid", MAP_A1, 12, MOTE__FLEX_OK},
  {"map key unterminated",
   {0x61, 0x62, 0x01, 0x03, 0x01, 0x01, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_BAD_STRING},
  {"map keys count 2 for 1 value",
   {0x61, 0x00, 0x02, 0x03, 0x01, 0x01, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_BAD_MAP},
  {"map key offset before start",
   {0x61, 0x00, 0x01, 0x04, 0x01, 0x01, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_BAD_OFFSET},
  {"map keys offset before start",
   {0x61, 0x00, 0x01, 0x03, 0x09, 0x01, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_BAD_OFFSET},
  {"map keys width 3",
   {0x61, 0x00, 0x01, 0x03, 0x01, 0x03, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_BAD_WIDTH},
  {"map keys width 0",
   {0x61, 0x00, 0x01, 0x03, 0x01, 0x00, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_BAD_WIDTH},
  {"map value type 27", MAP_A1_TYPE27, 12, MOTE__FLEX_E_BAD_TYPE},
  {"map length 255",
   {0x61, 0x00, 0x01, 0x03, 0x01, 0x01, 0xff, 0x01, 0x04, 0x02, 0x24, 0x01},
   12, MOTE__FLEX_E_TRUNCATED},
  {"map prefix before start", {0x00, 0x01, 0x00, 0x24, 0x01}, 5,
   MOTE__FLEX_E_BAD_OFFSET},
};

static void test_hostile_rows(void)
{
  size_t i;
  mote__flex_ref root, v;
  long visits;

  for (i = 0; i < sizeof hostile_rows / sizeof hostile_rows[0]; i++) {
    const hostile_row *r = &hostile_rows[i];
    uint8_t *p = exact_copy(r->bytes, r->len);

    check_err(mote__flex_verify(p, r->len), r->want, r->name);
    /* Whatever verification says, the accessors must stay in bounds. */
    visits = 0;
    if (mote__flex_root(p, r->len, &root) == MOTE__FLEX_OK) {
      (void)deep_walk(&root, 0, &visits);
      (void)mote__flex_map_get(&root, "a", &v);
    }
    free(p);
  }
  /* The accessors report an unknown element type themselves. */
  {
    static const uint8_t bad_elem[] = MAP_A1_TYPE27;
    mote__flex_ref map;

    mote__flex_root(bad_elem, sizeof bad_elem, &map);
    check_err(mote__flex_index(&map, 0, &v), MOTE__FLEX_E_BAD_TYPE,
              "index to a type 27 value");
    check_err(mote__flex_map_get(&map, "a", &v), MOTE__FLEX_E_BAD_TYPE,
              "map_get to a type 27 value");
  }
}

/* Keys out of order or duplicated are caught by verify; lookups on such a
 * map stay in bounds. */
static void test_bad_key_order(void)
{
  static bld b;
  static const char *const cases[][3] = {
    {"b", "a", NULL}, {"a", "a", NULL}, {"a", "c", "b"}, {"ab", "a", NULL},
  };
  mote__flex_ref root, v;
  size_t i, k, start;
  uint8_t *p;

  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    b_init(&b, 1);
    b.no_sort = 1;
    start = b.sp;
    for (k = 0; k < 3 && cases[i][k] != NULL; k++) {
      b_key(&b, cases[i][k]);
      b_int(&b, (int64_t)k);
    }
    b_end_map(&b, start);
    b_finish(&b);
    p = exact_copy(b.buf, b.n);
    check_err(mote__flex_verify(p, b.n), MOTE__FLEX_E_BAD_MAP, cases[i][0]);
    memset(&root, 0, sizeof root);
    mote__flex_root(p, b.n, &root);
    for (k = 0; k < 3 && cases[i][k] != NULL; k++) {
      mote__flex_err err = mote__flex_map_get(&root, cases[i][k], &v);

      check(err == MOTE__FLEX_OK || err == MOTE__FLEX_E_NOT_FOUND,
            "unsorted map_get %s: %s", cases[i][k], mote__flex_err_str(err));
    }
    free(p);
  }
}

/* depth nested vectors around an int. */
static void build_nested(bld *b, unsigned depth)
{
  size_t starts[64];
  unsigned k;

  b_init(b, 1);
  for (k = 0; k < depth; k++)
    starts[k] = b->sp;
  b_int(b, 42);
  for (k = depth; k > 0; k--)
    b_end_vec(b, starts[k - 1], 0, 0);
  b_finish(b);
}

static void test_depth_and_budget(void)
{
  static bld b;
  unsigned k, levels;
  size_t start;
  mote__flex_err err;

  build_nested(&b, MOTE__FLEX_MAX_DEPTH);
  check_err(verify_copy(b.buf, b.n), MOTE__FLEX_OK, "depth 16");
  build_nested(&b, MOTE__FLEX_MAX_DEPTH + 1);
  check_err(verify_copy(b.buf, b.n), MOTE__FLEX_E_TOO_DEEP, "depth 17");
  build_nested(&b, 40);
  check_err(verify_copy(b.buf, b.n), MOTE__FLEX_E_TOO_DEEP, "depth 40");

  /* Shared values: each level is a vector of two references to the level
   * below, so the tree has 2^levels leaves in a few bytes per level. */
  for (levels = 3; levels <= 14; levels += 11) {
    b_init(&b, 1);
    b_int(&b, 7);
    for (k = 0; k < levels; k++) {
      start = b.sp - 1;
      b_dup(&b);
      b_end_vec(&b, start, 0, 0);
    }
    b_finish(&b);
    err = verify_copy(b.buf, b.n);
    check_err(err, levels == 3 ? MOTE__FLEX_OK : MOTE__FLEX_E_BUDGET,
              levels == 3 ? "shared values, 8 leaves"
                          : "shared values, 16384 leaves");
  }
}

/* Every strict prefix and every strict suffix of a valid buffer. A suffix
 * lacks leading bytes that the tree refers to (a builder never leaves the
 * first byte unreferenced), so verify must reject every one. A prefix is
 * read from its own last bytes and is sometimes a well-formed FlexBuffer
 * by coincidence (the format is written front to back, so a prefix ending
 * just after an inner value can look like a root); verify must then agree
 * with a full walk through the accessors, and with ASan no read may leave
 * the exact-size copy. */
static void check_truncations(const uint8_t *buf, size_t n, const char *name)
{
  size_t k;
  int bad_suffix = 0, inconsistent = 0;
  mote__flex_ref root;
  long visits;

  for (k = 0; k < n; k++) {
    uint8_t *p = exact_copy(buf, k);

    if (mote__flex_verify(p, k) == MOTE__FLEX_OK) {
      visits = 0;
      mote__flex_root(p, k, &root);
      inconsistent += deep_walk(&root, 0, &visits) != MOTE__FLEX_OK;
    }
    free(p);
    p = exact_copy(buf + k + 1, n - k - 1);
    bad_suffix += mote__flex_verify(p, n - k - 1) == MOTE__FLEX_OK;
    free(p);
  }
  check(bad_suffix == 0, "%s: %d truncated suffixes verified", name,
        bad_suffix);
  check(inconsistent == 0, "%s: %d prefixes verified but not walkable", name,
        inconsistent);
}

static void test_truncations(void)
{
  static bld b;
  unsigned w;
  char name[32];

  for (w = 1; w <= 8; w *= 2) {
    build_all_rows_map(&b, w);
    snprintf(name, sizeof name, "big map w%u", w);
    check_truncations(b.buf, b.n, name);
  }
  build_nested(&b, 5);
  check_truncations(b.buf, b.n, "nested 5");
}

/* Every single-byte change of a valid buffer: verify may accept or reject,
 * but when it accepts, every access must succeed. */
static void test_mutations(void)
{
  static bld b;
  size_t k;
  unsigned v;
  int inconsistent = 0;
  mote__flex_ref root;
  long visits;
  uint8_t *p;

  build_all_rows_map(&b, 1);
  p = exact_copy(b.buf, b.n);
  for (k = 0; k < b.n; k++) {
    for (v = 0; v < 256; v++) {
      p[k] = (uint8_t)v;
      if (mote__flex_verify(p, b.n) != MOTE__FLEX_OK)
        continue;
      visits = 0;
      mote__flex_root(p, b.n, &root);
      inconsistent += deep_walk(&root, 0, &visits) != MOTE__FLEX_OK;
    }
    p[k] = b.buf[k];
  }
  check(inconsistent == 0, "mutations: %d verified but not walkable",
        inconsistent);
  free(p);
}

/* ---- Arguments and messages. -------------------------------------------- */

static void test_args(void)
{
  static const uint8_t one_int[] = {0x05, 0x04, 0x01};
  mote__flex_ref r, bad;
  int64_t i;
  size_t n;
  int e, distinct = 1, k;

  check_err(mote__flex_root(NULL, 3, &r), MOTE__FLEX_E_ARG, "root NULL buf");
  check_err(mote__flex_root(one_int, 3, NULL), MOTE__FLEX_E_ARG,
            "root NULL out");
  check_err(mote__flex_verify(NULL, 3), MOTE__FLEX_E_ARG, "verify NULL");
  check_err(mote__flex_open_map(one_int, 3, NULL), MOTE__FLEX_E_ARG,
            "open_map NULL");
  check_err(mote__flex_open_map(one_int, 3, &r), MOTE__FLEX_E_BAD_TYPE,
            "open_map on an int");
  check_err(mote__flex_root(one_int, 3, &r), MOTE__FLEX_OK, "root int");
  check(mote__flex_as_i64(&r, &i) == MOTE__FLEX_OK && i == 5, "root int 5");
  check_err(mote__flex_as_i64(&r, NULL), MOTE__FLEX_E_ARG, "as_i64 NULL");
  check_err(mote__flex_index(&r, 0, &bad), MOTE__FLEX_E_BAD_TYPE,
            "index on an int");
  check_err(mote__flex_len(&r, &n), MOTE__FLEX_E_BAD_TYPE, "len of an int");
  check_err(mote__flex_map_get(&r, NULL, &bad), MOTE__FLEX_E_ARG,
            "map_get NULL key");
  memset(&bad, 0, sizeof bad);
  check_err(mote__flex_as_i64(&bad, &i), MOTE__FLEX_E_ARG, "zeroed ref");
  bad = r;
  bad.pos = 3;
  check_err(mote__flex_as_i64(&bad, &i), MOTE__FLEX_E_ARG, "slot past end");
  bad.pos = 2;
  bad.parent_width = 2;
  check_err(mote__flex_as_i64(&bad, &i), MOTE__FLEX_E_ARG, "slot overlaps end");
  bad = r;
  bad.parent_width = 3;
  check_err(mote__flex_as_i64(&bad, &i), MOTE__FLEX_E_ARG, "width 3 ref");
  bad = r;
  bad.type = 30;
  check_err(mote__flex_as_i64(&bad, &i), MOTE__FLEX_E_ARG, "type 30 ref");
  bad = r;
  bad.pos = (size_t)-1;
  check_err(mote__flex_len(&bad, &n), MOTE__FLEX_E_ARG, "pos SIZE_MAX ref");

  for (e = 0; e < MOTE__FLEX_ERR_COUNT; e++) {
    for (k = 0; k < e; k++)
      distinct &= strcmp(mote__flex_err_str((mote__flex_err)e),
                         mote__flex_err_str((mote__flex_err)k)) != 0;
  }
  check(distinct, "error messages not distinct");
  check(strcmp(mote__flex_err_str(MOTE__FLEX_ERR_COUNT),
               "unknown flexbuffer error") == 0,
        "message of an unknown code");
}

/* ---- Real data: custom_options of the signal ops in a model. ----------- */

/* One expected option of one custom op; key NULL means "empty map". */
typedef struct real_row {
  const char *op;  /* custom_code of the operator. */
  const char *key; /* Option name, or NULL for an op without options. */
  int is_bool;     /* Whether the value is stored as a bool. */
  int32_t value;   /* Expected value. */
} real_row;

/* Observed once with a throwaway script that decoded the models; these are
 * the option names and values only, not model bytes. */
static const real_row real_rows[] = {
  {"SignalWindow", "shift", 0, 12},
  {"SignalFftAutoScale", NULL, 0, 0},
  {"SignalRfft", "T", 0, 7},
  {"SignalRfft", "fft_length", 0, 512},
  {"SignalEnergy", "end_index", 0, 241},
  {"SignalEnergy", "start_index", 0, 5},
  {"SignalFilterBank", "num_channels", 0, 40},
  {"SignalFilterBankSquareRoot", NULL, 0, 0},
  {"SignalFilterBankSpectralSubtraction", "alternate_one_minus_smoothing", 0,
   15401},
  {"SignalFilterBankSpectralSubtraction", "alternate_smoothing", 0, 983},
  {"SignalFilterBankSpectralSubtraction", "clamping", 1, 0},
  {"SignalFilterBankSpectralSubtraction", "min_signal_remaining", 0, 819},
  {"SignalFilterBankSpectralSubtraction", "num_channels", 0, 40},
  {"SignalFilterBankSpectralSubtraction", "one_minus_smoothing", 0, 15975},
  {"SignalFilterBankSpectralSubtraction", "smoothing", 0, 409},
  {"SignalFilterBankSpectralSubtraction", "smoothing_bits", 0, 10},
  {"SignalFilterBankSpectralSubtraction", "spectral_subtraction_bits", 0, 14},
  {"SignalPCAN", "snr_shift", 0, 6},
  {"SignalFilterBankLog", "input_correction_bits", 0, 3},
  {"SignalFilterBankLog", "output_scale", 0, 64},
};

#define N_REAL_ROWS (sizeof real_rows / sizeof real_rows[0])

/* Minimal, bounds-checked flatbuffer reading for the .tflite container. */
typedef struct fbuf {
  const uint8_t *b; /* File bytes. */
  size_t n;         /* File size. */
  int bad;          /* Set when a read would leave the file. */
} fbuf;

static uint32_t fb_u32(fbuf *f, size_t at)
{
  if (at > f->n || f->n - at < 4) {
    f->bad = 1;
    return 0;
  }
  return (uint32_t)f->b[at] | (uint32_t)f->b[at + 1] << 8 |
         (uint32_t)f->b[at + 2] << 16 | (uint32_t)f->b[at + 3] << 24;
}

static unsigned fb_u16(fbuf *f, size_t at)
{
  if (at > f->n || f->n - at < 2) {
    f->bad = 1;
    return 0;
  }
  return (unsigned)f->b[at] | (unsigned)f->b[at + 1] << 8;
}

/* Position of field id of the table at t, or 0 if absent. */
static size_t fb_field(fbuf *f, size_t t, unsigned id)
{
  size_t vt = t - (size_t)(int32_t)fb_u32(f, t);
  unsigned vlen = fb_u16(f, vt);

  if (f->bad || 4 + 2 * id + 2 > vlen)
    return 0;
  return fb_u16(f, vt + 4 + 2 * id) ? t + fb_u16(f, vt + 4 + 2 * id) : 0;
}

/* Follows the offset stored at at. */
static size_t fb_deref(fbuf *f, size_t at)
{
  return at + fb_u32(f, at);
}

/* Opens the vector referred to from field position at: first element and
 * element count. */
static size_t fb_vec(fbuf *f, size_t at, size_t *count)
{
  size_t v = fb_deref(f, at);

  *count = fb_u32(f, v);
  if (*count > f->n)
    f->bad = 1;
  return v + 4;
}

/* Checks one op's custom_options against real_rows; returns 1 if op is in
 * the table. */
static int check_real_op(const char *op, const uint8_t *opts, size_t len,
                         const char *model)
{
  mote__flex_ref map, v;
  size_t i, want_n = 0, n = 0;
  int known = 0;
  int32_t i32 = -1;
  bool bv = true;
  uint8_t *p = exact_copy(opts, len);

  memset(&map, 0, sizeof map);
  check_err(mote__flex_open_map(p, len, &map), MOTE__FLEX_OK, op);
  for (i = 0; i < N_REAL_ROWS; i++) {
    const real_row *r = &real_rows[i];

    if (strcmp(r->op, op) != 0)
      continue;
    known = 1;
    if (r->key == NULL)
      continue;
    want_n++;
    check_err(mote__flex_map_get(&map, r->key, &v), MOTE__FLEX_OK, r->key);
    if (r->is_bool) {
      check(v.type == MOTE__FLEX_T_BOOL, "%s %s %s: type %u", model, op,
            r->key, v.type);
      check(mote__flex_get_bool(&map, r->key, true, &bv) == MOTE__FLEX_OK &&
                bv == (r->value != 0),
            "%s %s %s: %d", model, op, r->key, bv);
      continue;
    }
    check(mote__flex_get_i32(&map, r->key, -1, &i32) == MOTE__FLEX_OK &&
              i32 == r->value,
          "%s %s %s: %d, want %d", model, op, r->key, i32, r->value);
  }
  check(mote__flex_len(&map, &n) == MOTE__FLEX_OK && n == want_n,
        "%s %s: %zu options, want %zu", model, op, n, want_n);
  check_truncations(p, len, op);
  free(p);
  return known;
}

/* Reads a whole file; returns NULL if it cannot be opened. */
static uint8_t *read_file(const char *path, size_t *n)
{
  FILE *fp = fopen(path, "rb");
  uint8_t *data;
  long size;

  if (fp == NULL)
    return NULL;
  if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
      fseek(fp, 0, SEEK_SET) != 0) {
    fclose(fp);
    return NULL;
  }
  data = malloc((size_t)size + 1);
  if (data == NULL || fread(data, 1, (size_t)size, fp) != (size_t)size) {
    free(data);
    fclose(fp);
    return NULL;
  }
  fclose(fp);
  *n = (size_t)size;
  return data;
}

static void test_real_model(const char *file)
{
  const char *shared = getenv("MOTE_SHARED");
  char path[1024], code[128];
  fbuf f;
  size_t root, codes, n_codes, subs, n_subs, ops, n_ops, g, k, at, clen;
  size_t opts, n_opts;
  int found = 0, known = 0;
  uint8_t *data;

  snprintf(path, sizeof path, "%s/conformance/models/%s",
           shared ? shared : "../shared", file);
  data = read_file(path, &f.n);
  if (data == NULL) {
    printf("model not found, real-data checks skipped (not counted): %s\n",
           path);
    return;
  }
  f.b = data;
  f.bad = 0;
  root = fb_deref(&f, 0);
  codes = fb_vec(&f, fb_field(&f, root, 1), &n_codes);
  subs = fb_vec(&f, fb_field(&f, root, 2), &n_subs);
  for (g = 0; g < n_subs && !f.bad; g++) {
    size_t sg = fb_deref(&f, subs + 4 * g);

    ops = fb_vec(&f, fb_field(&f, sg, 3), &n_ops);
    for (k = 0; k < n_ops && !f.bad; k++) {
      size_t op = fb_deref(&f, ops + 4 * k);
      size_t idx_at = fb_field(&f, op, 0);
      size_t idx = idx_at ? fb_u32(&f, idx_at) : 0;
      size_t opts_at = fb_field(&f, op, 5), oc, cc;

      if (opts_at == 0 || idx >= n_codes)
        continue;
      opts = fb_vec(&f, opts_at, &n_opts);
      oc = fb_deref(&f, codes + 4 * idx);
      cc = fb_field(&f, oc, 1);
      if (cc == 0 || f.bad)
        continue;
      at = fb_vec(&f, cc, &clen);
      if (f.bad || clen >= sizeof code || at + clen > f.n ||
          opts + n_opts > f.n)
        continue;
      memcpy(code, f.b + at, clen);
      code[clen] = 0;
      found++;
      known += check_real_op(code, f.b + opts, n_opts, file);
    }
  }
  check(!f.bad, "%s: model structure unreadable", file);
  check(found == 9 && known == 9, "%s: %d ops with options, %d known, want 9",
        file, found, known);
  free(data);
}

int main(void)
{
  test_args();
  test_scalars_alone();
  test_big_map();
  test_nested();
  test_typed();
  test_hostile_rows();
  test_bad_key_order();
  test_depth_and_budget();
  test_truncations();
  test_mutations();
  test_real_model("audio_preprocessor_int8.tflite");
  test_real_model("audio_preprocessor_float.tflite");
  printf("%d passed, %d failed\n", n_pass, n_fail);
  return n_fail != 0;
}
