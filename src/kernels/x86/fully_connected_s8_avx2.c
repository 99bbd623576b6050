/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_s8_avx2.c - int8 fully connected with AVX2, bit-exact
 * with the reference mote_fully_connected_s8 (TFLM's
 * reference_integer_ops::FullyConnected). Contract: kernels_x86.h
 * (offsets within [-256, 256]; AVX2 CPU; no scratch).
 *
 * Each output is sum_d (w[d] + filter_offset) * (x[d] + in_offset) + bias.
 * Both factors are widened to int16 with their offsets added (|factor| <=
 * 384), and vpmaddwd adds products in pairs into int32 lanes: exact, and
 * the int32 additions wrap modulo 2^32 as TFLM's accumulator does. Four
 * filter rows share each widened input vector; 16 values per step, then
 * one 8-value step, then the last accum % 8 one by one. The int32 sums are
 * requantized with mote_mul_by_quant_mult() itself: with one output per
 * `accum` products, the requantization is not worth vectorising here.
 */
#include <stddef.h>

#include "kernels/fixedpoint.h"
#include "kernels/x86/fixedpoint_avx2.h"
#include "kernels/x86/kernels_x86.h"

size_t mote_fully_connected_s8_avx2_scratch_size(const mote_fc_params *p)
{
	(void)p;
	return 0;
}

/* The four filter rows of one block (clamped copies past out_c). */
typedef struct rows4 {
	const int8_t *w[4]; /* the rows */
} rows4;

/* Sums over d in [0, n16) (a multiple of 16) of four rows times x. */
MOTE_AVX2 static __m128i dot16(const mote_fc_params *p, const rows4 *r,
			       const int8_t *x, int32_t n16)
{
	const __m256i io = _mm256_set1_epi16((int16_t)p->in_offset);
	const __m256i fo = _mm256_set1_epi16((int16_t)p->filter_offset);
	__m256i a[4], s;
	int32_t d, j;

	for (j = 0; j < 4; j++)
		a[j] = _mm256_setzero_si256();
	for (d = 0; d < n16; d += 16) {
		__m256i xv =
			_mm256_add_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128(
						 (const __m128i *)(x + d))),
					 io);
		for (j = 0; j < 4; j++) {
			__m256i wv = _mm256_add_epi16(
				_mm256_cvtepi8_epi16(_mm_loadu_si128(
					(const __m128i *)(r->w[j] + d))),
				fo);
			a[j] = _mm256_add_epi32(a[j],
						_mm256_madd_epi16(wv, xv));
		}
	}
	s = _mm256_hadd_epi32(_mm256_hadd_epi32(a[0], a[1]),
			      _mm256_hadd_epi32(a[2], a[3]));
	return _mm_add_epi32(_mm256_castsi256_si128(s),
			     _mm256_extracti128_si256(s, 1));
}

/* Sums over the 8 values at d of four rows times x. */
MOTE_AVX2 static __m128i dot8(const mote_fc_params *p, const rows4 *r,
			      const int8_t *x, int32_t d)
{
	const __m128i io = _mm_set1_epi16((int16_t)p->in_offset);
	const __m128i fo = _mm_set1_epi16((int16_t)p->filter_offset);
	__m128i xv = _mm_add_epi16(
		_mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(x + d))),
		io);
	__m128i a[4];
	int32_t j;

	for (j = 0; j < 4; j++) {
		__m128i wv =
			_mm_add_epi16(_mm_cvtepi8_epi16(_mm_loadl_epi64(
					      (const __m128i *)(r->w[j] + d))),
				      fo);
		a[j] = _mm_madd_epi16(wv, xv);
	}
	return _mm_hadd_epi32(_mm_hadd_epi32(a[0], a[1]),
			      _mm_hadd_epi32(a[2], a[3]));
}

/* Output channels c .. c + nb - 1 (nb <= 4) of one input row x. */
MOTE_AVX2 static void block4(const mote_fc_params *p, const int8_t *x,
			     const int8_t *filter, const int32_t *bias,
			     int32_t c, int32_t nb, int8_t *out)
{
	int32_t n16 = p->accum & ~15, d = n16, j;
	uint32_t acc[4];
	__m128i v;
	rows4 r;

	for (j = 0; j < 4; j++)
		r.w[j] = filter +
			 (size_t)(c + (j < nb ? j : nb - 1)) * (size_t)p->accum;
	v = dot16(p, &r, x, n16);
	if (p->accum - d >= 8) {
		v = _mm_add_epi32(v, dot8(p, &r, x, d));
		d += 8;
	}
	_mm_storeu_si128((__m128i *)acc, v);
	for (j = 0; j < nb; j++) {
		const int8_t *w = r.w[j];
		int32_t k, mult, shift, o;
		for (k = d; k < p->accum; k++)
			acc[j] += (uint32_t)((w[k] + p->filter_offset) *
					     (x[k] + p->in_offset));
		if (bias != NULL)
			acc[j] += (uint32_t)bias[c + j];
		mult = p->ch_mult != NULL ? p->ch_mult[c + j] : p->mult;
		shift = p->ch_mult != NULL ? p->ch_shift[c + j] : p->shift;
		o = mote_mul_by_quant_mult((int32_t)acc[j], mult, shift);
		o = (int32_t)((uint32_t)o + (uint32_t)p->out_zp);
		out[c + j] = (int8_t)mote_clamp_i32(o, p->act_min, p->act_max);
	}
}

MOTE_AVX2 void mote_fully_connected_s8_avx2(const mote_fc_params *p,
					    const int8_t *in,
					    const int8_t *filter,
					    const int32_t *bias, int8_t *out,
					    void *scratch)
{
	int32_t b, c;

	(void)scratch;
	for (b = 0; b < p->batches; b++) {
		const int8_t *x = in + (size_t)b * (size_t)p->accum;
		int8_t *o = out + (size_t)b * (size_t)p->out_c;
		for (c = 0; c < p->out_c; c += 4)
			block4(p, x, filter, bias, c,
			       mote_min_i32(4, p->out_c - c), o);
	}
}
