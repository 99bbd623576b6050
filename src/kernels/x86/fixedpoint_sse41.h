/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fixedpoint_sse41.h - fixedpoint.h's requantization four int32 lanes at a
 * time with SSE4.1, for the x86 kernel variants (src/kernels/x86/).
 *
 * mote__sse41_requant() computes in each lane exactly what
 * mote_mul_by_quant_mult() computes, then adds the output zero point
 * modulo 2^32 and clamps to [act_min, act_max] (act_min <= act_max);
 * tests/unit/test_x86_kernels.c compares it with the scalar function on
 * random and extreme values. The high multiply is fixedpoint_avx2.h's
 * (floor((ab + 2^30) / 2^31), INT32_MIN^2 saturated). SSE4.1 has no
 * per-lane shifts, so they are multiplications: the wrapping left shift
 * is x * 2^left (low word), and the arithmetic right shift of
 * RoundingDivideByPOT is done on u = x ^ sign (u >= 0) as the high word of
 * u * 2^(32 - right), then the sign is put back (~(u >> r) = floor(x /
 * 2^r) for x < 0); right == 0 keeps x. The powers of two come from float
 * exponents: (e + 127) << 23 is the float 2^e, which cvttps converts
 * exactly for e <= 30 and to 0x80000000 (= 2^31 as uint32) for e >= 31.
 *
 * Every function carries the "sse4.1" target attribute: the including
 * file may be compiled for baseline x86-64 and must only call these after
 * checking the CPU (the selectors in select.c do).
 */
#ifndef MOTE_KERNELS_X86_FIXEDPOINT_SSE41_H
#define MOTE_KERNELS_X86_FIXEDPOINT_SSE41_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/fixedpoint.h"

/* Compiles one function for SSE4.1 inside a baseline x86-64 file. */
#define MOTE_SSE41 __attribute__((target("sse4.1")))

/*
 * The same for a small helper that must be inlined into its caller, so
 * that constant arguments (flags chosen per layer) specialise its code.
 */
#define MOTE_SSE41_INLINE __attribute__((target("sse4.1"), always_inline))

/* The requantization constants of four lanes, as vectors. */
typedef struct mote__rq4 {
	__m128i mult; /* multipliers */
	__m128i left_mul; /* 2^left modulo 2^32 (left = 0..31) */
	__m128i right_mul; /* 2^(32 - right) as uint32 (right = 1..31) */
	__m128i right_zero; /* -1 where right == 0 */
	__m128i mask; /* remainder masks, 2^right - 1 */
	__m128i half; /* rounding thresholds without the sign term, mask >> 1 */
} mote__rq4;

/* 2^e for 0 <= e <= 32 in each lane; 0x80000000 for e >= 31. */
MOTE_SSE41 static inline __m128i mote__sse41_pow2(__m128i e)
{
	__m128i bits =
		_mm_slli_epi32(_mm_add_epi32(e, _mm_set1_epi32(127)), 23);
	return _mm_cvttps_epi32(_mm_castsi128_ps(bits));
}

/* The constants of lanes with multipliers `mult` and shifts `shift`. */
MOTE_SSE41 static inline void mote__rq4_make(mote__rq4 *q, __m128i mult,
					     __m128i shift)
{
	const __m128i zero = _mm_setzero_si128();
	const __m128i n31 = _mm_set1_epi32(31);
	__m128i left = _mm_min_epi32(_mm_max_epi32(shift, zero), n31);
	/* max(shift, -31) first: -INT32_MIN would wrap. */
	__m128i right = _mm_max_epi32(
		_mm_sub_epi32(zero, _mm_max_epi32(shift, _mm_set1_epi32(-31))),
		zero);

	q->mult = mult;
	q->left_mul = mote__sse41_pow2(left);
	q->right_mul =
		mote__sse41_pow2(_mm_sub_epi32(_mm_set1_epi32(32), right));
	q->right_zero = _mm_cmpeq_epi32(right, zero);
	q->mask = _mm_sub_epi32(mote__sse41_pow2(right), _mm_set1_epi32(1));
	q->half = _mm_srli_epi32(q->mask, 1);
}

/* The constants of channels c .. c + 3 of per-channel arrays. */
MOTE_SSE41 static inline void mote__rq4_load(mote__rq4 *q, const int32_t *mult,
					     const int32_t *shift, int32_t c)
{
	mote__rq4_make(q, _mm_loadu_si128((const __m128i *)(mult + c)),
		       _mm_loadu_si128((const __m128i *)(shift + c)));
}

/* mote_sat_rounding_doubling_high_mul() in each lane. */
MOTE_SSE41 static inline __m128i mote__sse41_srdhm(__m128i a, __m128i b)
{
	const __m128i nudge = _mm_set1_epi64x(1LL << 30);
	const __m128i min32 = _mm_set1_epi32(INT32_MIN);
	__m128i even = _mm_mul_epi32(a, b);
	__m128i odd =
		_mm_mul_epi32(_mm_srli_epi64(a, 32), _mm_srli_epi64(b, 32));
	__m128i r;

	even = _mm_srli_epi64(_mm_add_epi64(even, nudge), 31);
	odd = _mm_slli_epi64(_mm_add_epi64(odd, nudge), 1);
	r = _mm_blend_epi16(even, odd, 0xCC);
	/* INT32_MIN here means 2^31: saturate (INT32_MIN ^ ~0 = INT32_MAX). */
	return _mm_xor_si128(r, _mm_cmpeq_epi32(r, min32));
}

/* Arithmetic right shift of each lane by its `right` (see the top). */
MOTE_SSE41 static inline __m128i mote__sse41_sra(__m128i x, __m128i sign,
						 const mote__rq4 *q)
{
	__m128i u = _mm_xor_si128(x, sign);
	__m128i even = _mm_srli_epi64(_mm_mul_epu32(u, q->right_mul), 32);
	__m128i odd = _mm_mul_epu32(_mm_srli_epi64(u, 32),
				    _mm_srli_epi64(q->right_mul, 32));
	__m128i r = _mm_xor_si128(_mm_blend_epi16(even, odd, 0xCC), sign);

	return _mm_blendv_epi8(r, x, q->right_zero);
}

/* mote_rounding_div_pot() in each lane, with the lane's tables. */
MOTE_SSE41 static inline __m128i mote__sse41_rdivpot(__m128i x,
						     const mote__rq4 *q)
{
	__m128i sign = _mm_srai_epi32(x, 31);
	__m128i rem = _mm_and_si128(x, q->mask);
	/* threshold = half + (x < 0): subtracting the sign mask adds 1. */
	__m128i up = _mm_cmpgt_epi32(rem, _mm_sub_epi32(q->half, sign));

	return _mm_sub_epi32(mote__sse41_sra(x, sign, q), up);
}

/*
 * The requantized, offset and clamped value of each int32 accumulator:
 * clamp(mote_mul_by_quant_mult(acc, mult, shift) + zp, lo, hi), with the
 * zero point added modulo 2^32.
 */
MOTE_SSE41 static inline __m128i mote__sse41_requant(__m128i acc,
						     const mote__rq4 *q,
						     __m128i zp, __m128i lo,
						     __m128i hi)
{
	__m128i x = _mm_mullo_epi32(acc, q->left_mul);
	x = mote__sse41_rdivpot(mote__sse41_srdhm(x, q->mult), q);
	x = _mm_add_epi32(x, zp);
	return _mm_min_epi32(_mm_max_epi32(x, lo), hi);
}

#endif /* MOTE_KERNELS_X86_FIXEDPOINT_SSE41_H */
