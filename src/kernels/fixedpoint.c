/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fixedpoint.c - prepare-time helpers of fixedpoint.h that work on doubles.
 *
 * frexp/round/floor are written here on the IEEE-754 bit patterns so the
 * core needs no libm and gives the same answers on every target.
 */
#include "kernels/fixedpoint.h"

#include <string.h>

static uint64_t bits_of(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static double double_of(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

double mote_frexp(double m, int *exp)
{
	uint64_t u = bits_of(m);
	int e = (int)((u >> 52) & 0x7ff);
	*exp = 0;
	if (m == 0.0 || e == 0x7ff)
		return m; /* zero, inf and nan pass through with exponent 0 */
	if (e == 0) { /* subnormal: normalise first */
		m *= 18014398509481984.0; /* 2^54 */
		u = bits_of(m);
		e = (int)((u >> 52) & 0x7ff) - 54;
	}
	*exp = e - 1022;
	u = (u & ~(0x7ffULL << 52)) | (1022ULL << 52);
	return double_of(u);
}

double mote_floor(double x)
{
	if (!(x > -9.2e18 && x < 9.2e18))
		return x; /* huge, inf or nan: already integral */
	double t = (double)(int64_t)x;
	return t > x ? t - 1.0 : t;
}

double mote_round(double x)
{
	if (!(x > -4.5e15 && x < 4.5e15))
		return x; /* |x| >= 2^52: already integral */
	double a = x < 0 ? -x : x;
	double t = (double)(int64_t)a; /* truncate */
	if (a - t >= 0.5)
		t += 1.0;
	return x < 0 ? -t : t;
}

float mote_roundf(float x)
{
	if (!(x > -8.4e6f && x < 8.4e6f))
		return x; /* |x| >= 2^23: already integral */
	float a = x < 0 ? -x : x;
	float t = (float)(int32_t)a;
	if (a - t >= 0.5f)
		t += 1.0f;
	return x < 0 ? -t : t;
}

void mote_quantize_multiplier(double m, int32_t *mult, int *shift)
{
	if (m == 0.0) {
		*mult = 0;
		*shift = 0;
		return;
	}
	double q = mote_frexp(m, shift);
	int64_t q_fixed = (int64_t)mote_round(q * 2147483648.0);
	if (q_fixed == (1LL << 31)) {
		q_fixed /= 2;
		++*shift;
	}
	if (*shift < -31) {
		*shift = 0;
		q_fixed = 0;
	}
	*mult = (int32_t)q_fixed;
}
