/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_flexbuf.c - libFuzzer target for the FlexBuffers reader.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -Isrc
 *        src/model/flexbuf.c tests/fuzz/fuzz_flexbuf.c
 *
 * For every input it runs mote__flex_verify(), then walks whatever
 * mote__flex_root() accepts, recursively, through every accessor: every
 * scalar conversion, every string, key and blob byte, every element and
 * every map key, and a lookup of each key found. The sanitizers catch any
 * out-of-bounds read, overflow or undefined behaviour; the walk is bounded
 * by its own depth and visit limits, since an unverified buffer may hold
 * cycles.
 *
 * When verification succeeded, the walk also asserts what verification
 * promises: every structural access succeeds (only type and range
 * mismatches may fail), nesting stays within MOTE__FLEX_MAX_DEPTH, the
 * number of values stays within the verifier's work budget, and looking up
 * each key by binary search finds that key's own value.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/flexbuf.h"

/* Visits allowed for an input that failed verification; bounds the time
 * spent on shared or cyclic values. A verified input is walked in full: its
 * values are bounded by the verifier's work budget. */
#define UNVERIFIED_VISITS 1024

/* State of one walk. */
typedef struct fuzz_walk {
  bool verified; /* Whether mote__flex_verify() accepted the input. */
  size_t visits; /* Values visited so far. */
  size_t limit;  /* Visits allowed. */
  uint64_t sink; /* Folds in every byte read, so no read is optimised out. */
} fuzz_walk;

/* Stops the run with a crash report if a promise of verify is broken. */
static void promise(const fuzz_walk *fw, bool holds)
{
  if (fw->verified && !holds)
    abort();
}

/* True if err only says "not this type" or "does not fit". */
static bool benign(mote__flex_err err)
{
  return err == MOTE__FLEX_OK || err == MOTE__FLEX_E_BAD_TYPE ||
         err == MOTE__FLEX_E_RANGE;
}

static void touch(fuzz_walk *fw, const uint8_t *p, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++)
    fw->sink = fw->sink * 31u + p[i];
}

/* Reads r through every scalar, string and blob accessor. */
static void read_leaf(fuzz_walk *fw, const mote__flex_ref *r)
{
  int64_t i;
  uint64_t u;
  double d;
  bool b;
  const char *s;
  const uint8_t *data;
  size_t n;
  mote__flex_err err;

  if (mote__flex_as_i64(r, &i) == MOTE__FLEX_OK)
    fw->sink += (uint64_t)i;
  promise(fw, benign(mote__flex_as_u64(r, &u)));
  promise(fw, benign(mote__flex_as_bool(r, &b)));
  err = mote__flex_as_f64(r, &d);
  promise(fw, benign(err));
  if (err == MOTE__FLEX_OK)
    fw->sink += d == d;
  err = mote__flex_as_string(r, &s, &n);
  promise(fw, benign(err));
  if (err == MOTE__FLEX_OK) {
    touch(fw, (const uint8_t *)s, n + 1);
    promise(fw, s[n] == 0);
  }
  err = mote__flex_as_blob(r, &data, &n);
  promise(fw, benign(err));
  if (err == MOTE__FLEX_OK)
    touch(fw, data, n);
}

static void walk(fuzz_walk *fw, const mote__flex_ref *r, unsigned depth);

/* Checks key i of a map and looks it up again by name. */
static void walk_key(fuzz_walk *fw, const mote__flex_ref *map, size_t i,
                     const mote__flex_ref *value)
{
  const char *key;
  size_t klen;
  mote__flex_ref found;
  mote__flex_err err = mote__flex_map_key(map, i, &key, &klen);

  promise(fw, err == MOTE__FLEX_OK);
  if (err != MOTE__FLEX_OK)
    return;
  touch(fw, (const uint8_t *)key, klen + 1);
  err = mote__flex_map_get(map, key, &found);
  promise(fw, err == MOTE__FLEX_OK && found.pos == value->pos);
}

/* Walks r, found inside containers nested depth levels deep. */
static void walk(fuzz_walk *fw, const mote__flex_ref *r, unsigned depth)
{
  mote__flex_ref e;
  size_t n = 0, i;
  mote__flex_err err;

  if (++fw->visits > fw->limit || depth > MOTE__FLEX_MAX_DEPTH + 2)
    return;
  read_leaf(fw, r);
  err = mote__flex_len(r, &n);
  promise(fw, benign(err));
  if (err != MOTE__FLEX_OK || r->type == MOTE__FLEX_T_STRING ||
      r->type == MOTE__FLEX_T_BLOB)
    return;
  promise(fw, depth + 1 <= MOTE__FLEX_MAX_DEPTH);
  for (i = 0; i < n && fw->visits <= fw->limit; i++) {
    err = mote__flex_index(r, i, &e);
    promise(fw, err == MOTE__FLEX_OK);
    if (err != MOTE__FLEX_OK)
      continue;
    if (r->type == MOTE__FLEX_T_MAP)
      walk_key(fw, r, i, &e);
    walk(fw, &e, depth + 1);
  }
  if (r->type == MOTE__FLEX_T_MAP) {
    err = mote__flex_map_get(r, "shift", &e);
    promise(fw, err == MOTE__FLEX_OK || err == MOTE__FLEX_E_NOT_FOUND);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static volatile uint64_t keep;
  fuzz_walk fw;
  mote__flex_ref root;

  fw.verified = mote__flex_verify(data, size) == MOTE__FLEX_OK;
  fw.visits = 0;
  fw.limit = UNVERIFIED_VISITS;
  if (fw.verified)
    fw.limit = size * MOTE__FLEX_WORK_PER_BYTE + MOTE__FLEX_WORK_BASE;
  fw.sink = 0;
  if (mote__flex_root(data, size, &root) == MOTE__FLEX_OK)
    walk(&fw, &root, 0);
  else
    promise(&fw, false);
  promise(&fw, fw.visits <= fw.limit);
  keep = fw.sink;
  (void)keep;
  return 0;
}
