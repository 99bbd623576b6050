/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_floor.c - FLOOR_DIV and FLOOR_MOD kernels (see
 * elementwise.h).
 *
 * Float FLOOR_DIV divides in double and floors (TFLite FloorDiv), float
 * FLOOR_MOD takes fmodf and moves a non-zero remainder whose sign differs
 * from the divisor's by one divisor (TFLite FloorMod). The int32 kernels
 * give the same floored results in integer arithmetic (the double
 * quotient of two int32 values never rounds across an integer, so
 * TFLite's formula is exact for them too).
 */
#include "kernels/elementwise_impl.h"

#include <math.h>

static inline float floor_mod_f32(const mote_binary_params *p, float x,
				  float y)
{
	(void)p;
	float r = fmodf(x, y);
	return (r != 0 && ((y < 0) != (r < 0))) ? r + y : r;
}

MOTE__BINARY_KERNEL(mote_floor_mod_f32, mote_binary_params, float, float,
		    float, floor_mod_f32)

/* floor(x / y) for y != 0 and not INT32_MIN / -1. */
static int32_t floor_div_s32(int32_t x, int32_t y)
{
	int32_t q = x / y;
	if (x % y != 0 && ((x < 0) != (y < 0)))
		q--;
	return q;
}

/* x - y * floor(x / y) for y != 0 (0 for INT32_MIN and -1). */
static int32_t floor_mod_s32(int32_t x, int32_t y)
{
	if (y == -1)
		return 0;
	int32_t r = x % y;
	return (r != 0 && ((y < 0) != (r < 0))) ? r + y : r;
}

bool mote_floor_div_f32(const mote_binary_params *p, const float *a,
			const float *b, float *out)
{
	const mote_bcast *bc = &p->bc;
	const int32_t sa = bc->stride[0][0];
	const int32_t sb = bc->stride[1][0];
	mote_bcast_it it;

	for (bool more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it)) {
		for (int32_t i = 0; i < bc->extent[0]; i++) {
			float x = a[it.in[0] + i * sa];
			float y = b[it.in[1] + i * sb];
			if (y == 0.0f)
				return false;
			out[it.out + i] = (float)floor((double)x / (double)y);
		}
	}
	return true;
}

bool mote_floor_div_s32(const mote_binary_params *p, const int32_t *a,
			const int32_t *b, int32_t *out)
{
	const mote_bcast *bc = &p->bc;
	const int32_t sa = bc->stride[0][0];
	const int32_t sb = bc->stride[1][0];
	mote_bcast_it it;

	for (bool more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it)) {
		for (int32_t i = 0; i < bc->extent[0]; i++) {
			int32_t x = a[it.in[0] + i * sa];
			int32_t y = b[it.in[1] + i * sb];
			if (y == 0 || (x == INT32_MIN && y == -1))
				return false;
			out[it.out + i] = floor_div_s32(x, y);
		}
	}
	return true;
}

bool mote_floor_mod_s32(const mote_binary_params *p, const int32_t *a,
			const int32_t *b, int32_t *out)
{
	const mote_bcast *bc = &p->bc;
	const int32_t sa = bc->stride[0][0];
	const int32_t sb = bc->stride[1][0];
	mote_bcast_it it;

	for (bool more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it)) {
		for (int32_t i = 0; i < bc->extent[0]; i++) {
			int32_t x = a[it.in[0] + i * sa];
			int32_t y = b[it.in[1] + i * sb];
			if (y == 0)
				return false;
			out[it.out + i] = floor_mod_s32(x, y);
		}
	}
	return true;
}
