/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_options.h - prepare-time helpers shared by the signal library's
 * custom operators (signal_*.c): reading their FlexBuffer options and
 * common tensor checks.
 *
 * TFLM reads these options by position in the map (keys sorted); mote
 * reads them by name from a verified map, which is the same for every
 * well-formed model. A missing key, a value of the wrong type or one out
 * of the operator's range is an E_BAD_OPTIONS error naming the key.
 * Error strings must be static, so the macros below build them from the
 * key literal.
 */
#ifndef MOTE_OPS_SIGNAL_OPTIONS_H
#define MOTE_OPS_SIGNAL_OPTIONS_H

#include "model/flexbuf.h"
#include "runtime/op.h"

/* Verifies the operator's custom options and opens their root map.
 * E_BAD_OPTIONS if absent, malformed or not a map. */
mote_status mote__signal_opts(mote__prep *p, mote__flex_ref *map);

/* Reads integer option `key` (INT, UINT or BOOL) into *out, requiring
 * lo <= value <= hi. `missing` and `bad` are the static messages for an
 * absent key and a wrong or out-of-range value. */
mote_status mote__signal_opt_int(mote__prep *p, const mote__flex_ref *map,
				 const char *key, int64_t lo, int64_t hi,
				 const char *missing, const char *bad,
				 int32_t *out);

/* Reads truth-value option `key` (BOOL, or an integer) into *out. */
mote_status mote__signal_opt_bool(mote__prep *p, const mote__flex_ref *map,
				  const char *key, const char *missing,
				  const char *bad, bool *out);

/* Reads integer option KEY (a string literal) within [LO, HI]. */
#define MOTE__SIGNAL_INT(p, map, KEY, LO, HI, out)                          \
	mote__signal_opt_int(p, map, KEY, LO, HI,                           \
			     "custom option '" KEY "' missing",             \
			     "custom option '" KEY "' has a wrong type or " \
			     "is out of range",                             \
			     out)

/* Reads truth-value option KEY (a string literal). */
#define MOTE__SIGNAL_BOOL(p, map, KEY, out)                      \
	mote__signal_opt_bool(p, map, KEY,                       \
			      "custom option '" KEY "' missing", \
			      "custom option '" KEY "' is not a bool", out)

/* Records E_UNSUPPORTED for tensor t with `what` unless its type is
 * `type`, E_BAD_SHAPE unless its rank is `rank` (rank < 0: any). */
mote_status mote__signal_expect(mote__prep *p, const mote__tensor *t,
				mote_type type, int32_t rank,
				const char *what);

/* Product of all dims of t but the last (1 for rank <= 1). */
int32_t mote__signal_outer(const mote__tensor *t);

/* Last dim of t (1 for a scalar). */
int32_t mote__signal_inner(const mote__tensor *t);

#endif /* MOTE_OPS_SIGNAL_OPTIONS_H */
