/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fixedpoint_avx2.h - fixedpoint.h's requantization eight int32 lanes at a
 * time with AVX2, for the x86 kernel variants (src/kernels/x86/).
 *
 * Every function here computes in each lane exactly what the scalar
 * function it names in fixedpoint.h computes (tests/unit/test_x86_kernels.c
 * compares them on random and extreme values):
 *   - mote__avx2_requant() is mote_mul_by_quant_mult() (left shift that
 *     wraps, SaturatingRoundingDoublingHighMul, RoundingDivideByPOT with
 *     ties away from zero), then the wrapping add of the output zero point
 *     and the clamp to [act_min, act_max] (act_min <= act_max).
 * Why the high multiply is exact: with ab = a * b (64-bit), gemmlowp adds
 * 2^30 (ab >= 0) or 1 - 2^30 (ab < 0) and divides by 2^31 truncating
 * towards zero; both cases equal floor((ab + 2^30) / 2^31). Its low 32 bits
 * are bits 31..62 of ab + 2^30, which a logical 64-bit shift delivers. The
 * only product whose quotient leaves the int32 range is INT32_MIN^2 (gives
 * 2^31, seen as INT32_MIN, a value no other product yields): it becomes
 * INT32_MAX, as gemmlowp saturates it.
 *
 * The per-lane constants (mote__rq8) are derived from the multiplier and
 * shift arrays as mote_mul_by_quant_mult() splits the shift: left =
 * min(shift, 31) when positive, right = min(-shift, 31) otherwise; then
 * the remainder mask and threshold of RoundingDivideByPOT.
 *
 * Every function carries the "avx2" target attribute: the including file
 * may be compiled for baseline x86-64 and must only call these after
 * checking the CPU (the selectors in select.c do).
 */
#ifndef MOTE_KERNELS_X86_FIXEDPOINT_AVX2_H
#define MOTE_KERNELS_X86_FIXEDPOINT_AVX2_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/fixedpoint.h"

/* Compiles one function for AVX2 inside a baseline x86-64 file. */
#define MOTE_AVX2 __attribute__((target("avx2")))

/*
 * The same for a small helper that must be inlined into its caller, so
 * that constant arguments (flags chosen per layer) specialise its code.
 */
#define MOTE_AVX2_INLINE __attribute__((target("avx2"), always_inline))

/* The requantization constants of eight lanes, as vectors. */
typedef struct mote__rq8 {
	__m256i mult; /* multipliers */
	__m256i left; /* left shifts, 0..31 */
	__m256i right; /* right shifts, 0..31 */
	__m256i mask; /* remainder masks, (1 << right) - 1 */
	__m256i half; /* rounding thresholds without the sign term, mask >> 1 */
} mote__rq8;

/* The constants of lanes with multipliers `mult` and shifts `shift`. */
MOTE_AVX2 static inline void mote__rq8_make(mote__rq8 *q, __m256i mult,
					    __m256i shift)
{
	const __m256i zero = _mm256_setzero_si256();
	const __m256i one = _mm256_set1_epi32(1);
	const __m256i n31 = _mm256_set1_epi32(31);

	q->mult = mult;
	q->left = _mm256_min_epi32(_mm256_max_epi32(shift, zero), n31);
	/* max(shift, -31) first: -INT32_MIN would wrap. */
	q->right = _mm256_max_epi32(
		_mm256_sub_epi32(
			zero, _mm256_max_epi32(shift, _mm256_set1_epi32(-31))),
		zero);
	q->mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, q->right), one);
	q->half = _mm256_srli_epi32(q->mask, 1);
}

/* The constants of channels c .. c + 7 of per-channel arrays. */
MOTE_AVX2 static inline void mote__rq8_load(mote__rq8 *q, const int32_t *mult,
					    const int32_t *shift, int32_t c)
{
	mote__rq8_make(q, _mm256_loadu_si256((const __m256i *)(mult + c)),
		       _mm256_loadu_si256((const __m256i *)(shift + c)));
}

/* mote_sat_rounding_doubling_high_mul() in each lane. */
MOTE_AVX2 static inline __m256i mote__avx2_srdhm(__m256i a, __m256i b)
{
	const __m256i nudge = _mm256_set1_epi64x(1LL << 30);
	const __m256i min32 = _mm256_set1_epi32(INT32_MIN);
	__m256i even = _mm256_mul_epi32(a, b);
	__m256i odd = _mm256_mul_epi32(_mm256_srli_epi64(a, 32),
				       _mm256_srli_epi64(b, 32));
	__m256i r;

	even = _mm256_srli_epi64(_mm256_add_epi64(even, nudge), 31);
	odd = _mm256_slli_epi64(_mm256_add_epi64(odd, nudge), 1);
	r = _mm256_blend_epi32(even, odd, 0xAA);
	/* INT32_MIN here means 2^31: saturate (INT32_MIN ^ ~0 = INT32_MAX). */
	return _mm256_xor_si256(r, _mm256_cmpeq_epi32(r, min32));
}

/* mote_rounding_div_pot() in each lane, with the lane's tables. */
MOTE_AVX2 static inline __m256i mote__avx2_rdivpot(__m256i x,
						   const mote__rq8 *q)
{
	__m256i rem = _mm256_and_si256(x, q->mask);
	/* threshold = half + (x < 0): subtracting the sign mask adds 1. */
	__m256i thr = _mm256_sub_epi32(q->half, _mm256_srai_epi32(x, 31));
	__m256i up = _mm256_cmpgt_epi32(rem, thr);
	return _mm256_sub_epi32(_mm256_srav_epi32(x, q->right), up);
}

/*
 * The requantized, offset and clamped value of each int32 accumulator:
 * clamp(mote_mul_by_quant_mult(acc, mult, shift) + zp, lo, hi), with the
 * zero point added modulo 2^32.
 */
MOTE_AVX2 static inline __m256i mote__avx2_requant(__m256i acc,
						   const mote__rq8 *q,
						   __m256i zp, __m256i lo,
						   __m256i hi)
{
	__m256i x = _mm256_sllv_epi32(acc, q->left);
	x = mote__avx2_rdivpot(mote__avx2_srdhm(x, q->mult), q);
	x = _mm256_add_epi32(x, zp);
	return _mm256_min_epi32(_mm256_max_epi32(x, lo), hi);
}

#endif /* MOTE_KERNELS_X86_FIXEDPOINT_AVX2_H */
