/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_s8_sse41.c - int8 fully connected with SSE4.1, bit-exact
 * with the reference mote_fully_connected_s8 (TFLM's
 * reference_integer_ops::FullyConnected). Contract: kernels_x86.h
 * (offsets within [-256, 256]; SSE4.1 CPU; no scratch).
 *
 * The method of fully_connected_s8_avx2.c with 128-bit vectors: both
 * factors widened to int16 with their offsets added, products added in
 * pairs by pmaddwd (exact; the int32 additions wrap modulo 2^32 as TFLM's
 * accumulator), four filter rows sharing each input vector, 8 values per
 * step, the last accum % 8 one by one; requantization by
 * mote_mul_by_quant_mult() itself.
 */
#include <stddef.h>

#include "kernels/fixedpoint.h"
#include "kernels/x86/fixedpoint_sse41.h"
#include "kernels/x86/kernels_x86.h"

size_t mote_fully_connected_s8_sse41_scratch_size(const mote_fc_params *p)
{
	(void)p;
	return 0;
}

/* The four filter rows of one block (clamped copies past out_c). */
typedef struct rows4 {
	const int8_t *w[4]; /* the rows */
} rows4;

/* Sums over d in [0, n8) (a multiple of 8) of four rows times x. */
MOTE_SSE41 static __m128i dot8(const mote_fc_params *p, const rows4 *r,
			       const int8_t *x, int32_t n8)
{
	const __m128i io = _mm_set1_epi16((int16_t)p->in_offset);
	const __m128i fo = _mm_set1_epi16((int16_t)p->filter_offset);
	__m128i a[4];
	int32_t d, j;

	for (j = 0; j < 4; j++)
		a[j] = _mm_setzero_si128();
	for (d = 0; d < n8; d += 8) {
		__m128i xv = _mm_add_epi16(_mm_cvtepi8_epi16(_mm_loadl_epi64(
						   (const __m128i *)(x + d))),
					   io);
		for (j = 0; j < 4; j++) {
			__m128i wv = _mm_add_epi16(
				_mm_cvtepi8_epi16(_mm_loadl_epi64(
					(const __m128i *)(r->w[j] + d))),
				fo);
			a[j] = _mm_add_epi32(a[j], _mm_madd_epi16(wv, xv));
		}
	}
	return _mm_hadd_epi32(_mm_hadd_epi32(a[0], a[1]),
			      _mm_hadd_epi32(a[2], a[3]));
}

/* Output channels c .. c + nb - 1 (nb <= 4) of one input row x. */
MOTE_SSE41 static void block4(const mote_fc_params *p, const int8_t *x,
			      const int8_t *filter, const int32_t *bias,
			      int32_t c, int32_t nb, int8_t *out)
{
	int32_t n8 = p->accum & ~7, j;
	uint32_t acc[4];
	rows4 r;

	for (j = 0; j < 4; j++)
		r.w[j] = filter +
			 (size_t)(c + (j < nb ? j : nb - 1)) * (size_t)p->accum;
	_mm_storeu_si128((__m128i *)acc, dot8(p, &r, x, n8));
	for (j = 0; j < nb; j++) {
		const int8_t *w = r.w[j];
		int32_t k, mult, shift, o;
		for (k = n8; k < p->accum; k++)
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

MOTE_SSE41 void mote_fully_connected_s8_sse41(const mote_fc_params *p,
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
