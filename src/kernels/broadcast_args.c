/* SPDX-License-Identifier: Apache-2.0 */
/*
 * broadcast_args.c - reference BROADCAST_ARGS; see broadcast_args.h.
 */
#include "kernels/broadcast_args.h"

/* Broadcast of two dims; false if they are incompatible. */
static bool pair(int64_t x, int64_t y, int64_t *r)
{
	if (x == 1)
		*r = y;
	else if (y == 1 || x == y)
		*r = x;
	else
		return false;
	return true;
}

bool mote_broadcast_args_s32(const int32_t *a, int32_t na, const int32_t *b,
			     int32_t nb, int32_t *out, int32_t n_out)
{
	for (int32_t i = 0; i < n_out; i++) {
		int64_t x = i < na ? a[na - 1 - i] : 1;
		int64_t y = i < nb ? b[nb - 1 - i] : 1;
		int64_t r;
		if (!pair(x, y, &r))
			return false;
		out[n_out - 1 - i] = (int32_t)r;
	}
	return true;
}

bool mote_broadcast_args_s64(const int64_t *a, int32_t na, const int64_t *b,
			     int32_t nb, int64_t *out, int32_t n_out)
{
	for (int32_t i = 0; i < n_out; i++) {
		int64_t x = i < na ? a[na - 1 - i] : 1;
		int64_t y = i < nb ? b[nb - 1 - i] : 1;
		int64_t r;
		if (!pair(x, y, &r))
			return false;
		out[n_out - 1 - i] = r;
	}
	return true;
}
