/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_options.c - option and tensor helpers of the signal operators;
 * see signal_options.h.
 */
#include "ops/signal_options.h"

mote_status mote__signal_opts(mote__prep *p, mote__flex_ref *map)
{
	size_t len;
	const uint8_t *buf = mote__prep_custom(p, &len);
	if (len == 0)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "custom options missing");
	mote__flex_err e = mote__flex_open_map(buf, len, map);
	if (e == MOTE__FLEX_E_BAD_TYPE)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "custom options are not a FlexBuffer map");
	if (e != MOTE__FLEX_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       mote__flex_err_str(e));
	return MOTE_OK;
}

mote_status mote__signal_opt_int(mote__prep *p, const mote__flex_ref *map,
				 const char *key, int64_t lo, int64_t hi,
				 const char *missing, const char *bad,
				 int32_t *out)
{
	mote__flex_ref v;
	int64_t x;
	if (mote__flex_map_get(map, key, &v) != MOTE__FLEX_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, missing);
	if (mote__flex_as_i64(&v, &x) != MOTE__FLEX_OK || x < lo || x > hi)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, bad);
	*out = (int32_t)x;
	return MOTE_OK;
}

mote_status mote__signal_opt_bool(mote__prep *p, const mote__flex_ref *map,
				  const char *key, const char *missing,
				  const char *bad, bool *out)
{
	mote__flex_ref v;
	if (mote__flex_map_get(map, key, &v) != MOTE__FLEX_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, missing);
	if (mote__flex_as_bool(&v, out) != MOTE__FLEX_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, bad);
	return MOTE_OK;
}

mote_status mote__signal_expect(mote__prep *p, const mote__tensor *t,
				mote_type type, int32_t rank,
				const char *what)
{
	if (t->type != type)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, t->index, what);
	if (rank >= 0 && t->rank != rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, t->index, what);
	return MOTE_OK;
}

int32_t mote__signal_outer(const mote__tensor *t)
{
	int64_t n = 1;
	for (int32_t d = 0; d + 1 < t->rank; d++)
		n *= t->dims[d];
	return (int32_t)n;
}

int32_t mote__signal_inner(const mote__tensor *t)
{
	return t->rank > 0 ? t->dims[t->rank - 1] : 1;
}
