/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s8_avx2.c - int8 convolution with AVX2, bit-exact with the
 * reference mote_conv2d_s8 (TFLM's reference_integer_ops::ConvPerChannel).
 * Contract: kernels_x86.h (groups == 1; AVX2 CPU).
 *
 * TFLM's sum over the taps inside the input of f * (x - in_zp), plus the
 * bias, is exact int32 arithmetic (wrapping modulo 2^32), so it may be
 * regrouped as sum of f * x' + base with base = bias - in_zp * (sum of all
 * of f), computed once per call, where x' is the input for taps inside and
 * in_zp for taps in the padding (f * in_zp - in_zp * f adds nothing, just
 * as TFLM skips the tap). Each output pixel's window of K = filter_h *
 * filter_w * in_c values x' is gathered into a row in the scratch buffer;
 * a 1x1 layer without padding whose in_c is a multiple of 16 reads its
 * windows straight from the input. Eight filters at a time are multiplied
 * with the row, 16 values per step: the int8 values are sign-extended to
 * int16 as they are loaded, and vpmaddwd adds products in pairs into int32
 * lanes (|product| <= 2^14, exact); all later additions wrap modulo 2^32
 * as TFLM's accumulator would. The row is zero after K, so the last step
 * may read the next filters' first weights (times zero); a step that would
 * read past the filter tensor reads a copy of its last 16 bytes followed
 * by zeros instead (made once per call). The eight sums are reduced into one
 * vector, base is added, and they are requantized with fixedpoint_avx2.h
 * (lane for lane mote_mul_by_quant_mult()).
 *
 * Scratch: base (out_c int32), then unless the windows are read in place
 * a row of K rounded up to 16, plus 16 bytes, then when K % 16 != 0 the
 * 32-byte copy of the filter tensor's end.
 */
#include <stdbool.h>
#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/x86/fixedpoint_avx2.h"
#include "kernels/x86/kernels_x86.h"

/* Everything one call works with. */
typedef struct conv_ctx {
	const mote_conv2d_params *p; /* the layer */
	const int8_t *in_end; /* one past the input tensor */
	const int8_t *filter; /* the filters, [out_c][K] */
	int32_t *base; /* per channel: bias - in_zp * sum of the filter */
	int8_t *row; /* the gathered window (unused when direct) */
	const int8_t *end; /* the last 16 bytes of the filters, then 16 zeros */
	ptrdiff_t end_off; /* filter offset that end[0] stands for (or < 0) */
	int32_t k; /* values per window (and per filter) */
	int32_t steps; /* whole 16-value steps per window */
	bool has_tail; /* K % 16 != 0 */
	bool direct; /* windows are read in place from the input */
	__m128i zp8; /* in_zp in every int8 lane */
} conv_ctx;

/* Values per window. */
static int32_t window_size(const mote_conv2d_params *p)
{
	return p->filter_h * p->filter_w * p->in_c;
}

/* Whether every window is one whole pixel of the input, 16-value steps. */
static bool is_direct(const mote_conv2d_params *p)
{
	return p->filter_h == 1 && p->filter_w == 1 && p->in_c % 16 == 0 &&
	       p->pad_h == 0 && p->pad_w == 0 &&
	       (int64_t)(p->out_h - 1) * p->stride_h < p->in_h &&
	       (int64_t)(p->out_w - 1) * p->stride_w < p->in_w;
}

/* Bytes of base, rounded up to keep 8-byte alignment. */
static size_t base_bytes(const mote_conv2d_params *p)
{
	return ((size_t)p->out_c * sizeof(int32_t) + 7u) & ~(size_t)7u;
}

/* Bytes of the gathered row: K rounded up to 16, plus 16 bytes slack. */
static size_t row_bytes(const mote_conv2d_params *p)
{
	return is_direct(p) ? 0u : (size_t)((window_size(p) + 15) & ~15) + 16u;
}

size_t mote_conv2d_s8_avx2_scratch_size(const mote_conv2d_params *p)
{
	return base_bytes(p) + row_bytes(p) +
	       (window_size(p) % 16 != 0 ? 32u : 0u);
}

/* Sum of n int8 values. */
MOTE_AVX2 static int32_t sum_s8(const int8_t *w, int32_t n)
{
	const __m256i ones = _mm256_set1_epi16(1);
	__m256i acc = _mm256_setzero_si256();
	__m128i s;
	int32_t i, sum;

	for (i = 0; i + 16 <= n; i += 16)
		acc = _mm256_add_epi32(
			acc,
			_mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128(
						  (const __m128i *)(w + i))),
					  ones));
	s = _mm_add_epi32(_mm256_castsi256_si128(acc),
			  _mm256_extracti128_si256(acc, 1));
	s = _mm_hadd_epi32(s, s);
	sum = _mm_cvtsi128_si32(_mm_hadd_epi32(s, s));
	for (; i < n; i++)
		sum += w[i];
	return sum;
}

/* dst[0 .. n) = in_zp; may write up to 15 bytes further. */
MOTE_AVX2 static void fill_zp(const conv_ctx *c, int8_t *dst, int32_t n)
{
	int32_t i;

	for (i = 0; i < n; i += 16)
		_mm_storeu_si128((__m128i *)(dst + i), c->zp8);
}

/* Copies n bytes; may write up to 15 further, never reads past in_end. */
MOTE_AVX2 static void copy_run(const conv_ctx *c, int8_t *dst,
			       const int8_t *src, int32_t n)
{
	int32_t i;

	for (i = 0; i + 16 <= n; i += 16)
		_mm_storeu_si128((__m128i *)(dst + i),
				 _mm_loadu_si128((const __m128i *)(src + i)));
	if (i < n && c->in_end - (src + i) >= 16) {
		_mm_storeu_si128((__m128i *)(dst + i),
				 _mm_loadu_si128((const __m128i *)(src + i)));
		return;
	}
	for (; i < n; i++)
		dst[i] = src[i];
}

/*
 * One filter row of the window: `src` is input row iy of the batch image,
 * ix0 the window's first input column, [fx0, fx1) its valid columns.
 */
MOTE_AVX2 static void gather_taps(const conv_ctx *c, int8_t *dst,
				  const int8_t *src, int32_t ix0, int32_t fx0,
				  int32_t fx1)
{
	const mote_conv2d_params *p = c->p;
	int32_t ch = p->in_c;
	int32_t fx;

	fill_zp(c, dst, fx0 * ch);
	if (p->dilation_w == 1 && fx1 > fx0) {
		copy_run(c, dst + fx0 * ch, src + (ptrdiff_t)(ix0 + fx0) * ch,
			 (fx1 - fx0) * ch);
	} else {
		for (fx = fx0; fx < fx1; fx++)
			copy_run(c, dst + fx * ch,
				 src + (ptrdiff_t)(ix0 + fx * p->dilation_w) *
						 ch,
				 ch);
	}
	if (fx1 < p->filter_w)
		fill_zp(c, dst + fx1 * ch, (p->filter_w - fx1) * ch);
}

/* The window of the pixel at input origin (iy0, ix0) of image in_b. */
MOTE_AVX2 static const int8_t *gather(const conv_ctx *c, const int8_t *in_b,
				      int32_t iy0, int32_t ix0)
{
	const mote_conv2d_params *p = c->p;
	int32_t run = p->filter_w * p->in_c;
	int32_t fx0, fx1, fy;

	if (c->direct)
		return in_b + ((size_t)iy0 * p->in_w + ix0) * p->in_c;
	fx0 = 0;
	fx1 = p->filter_w;
	if (ix0 < 0 || ix0 + (p->filter_w - 1) * p->dilation_w >= p->in_w)
		mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0,
				&fx1);
	for (fy = 0; fy < p->filter_h; fy++) {
		int32_t iy = iy0 + fy * p->dilation_h;
		if (iy < 0 || iy >= p->in_h) {
			fill_zp(c, c->row + fy * run, run);
			continue;
		}
		gather_taps(c, c->row + fy * run,
			    in_b + (size_t)iy * p->in_w * p->in_c, ix0, fx0,
			    fx1);
	}
	/* Zeros after the window, up to the end of the last 16-value step. */
	_mm_storeu_si128((__m128i *)(c->row + c->k), _mm_setzero_si128());
	return c->row;
}

/* acc + f * x for 16 int8 values of a filter at w and x (as int16). */
MOTE_AVX2 static inline __m256i mac16(__m256i acc, const int8_t *w, __m256i x)
{
	__m256i f = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)w));
	return _mm256_add_epi32(acc, _mm256_madd_epi16(f, x));
}

/* The sums of eight partial-sum vectors, [a0 .. a7] in one vector. */
MOTE_AVX2 static inline __m256i reduce8(const __m256i *a)
{
	__m256i q0 = _mm256_hadd_epi32(_mm256_hadd_epi32(a[0], a[1]),
				       _mm256_hadd_epi32(a[2], a[3]));
	__m256i q1 = _mm256_hadd_epi32(_mm256_hadd_epi32(a[4], a[5]),
				       _mm256_hadd_epi32(a[6], a[7]));

	return _mm256_add_epi32(_mm256_permute2x128_si256(q0, q1, 0x20),
				_mm256_permute2x128_si256(q0, q1, 0x31));
}

/* The 16 weights from w on, or their copy when they cross the filter end. */
static inline const int8_t *tail_at(const conv_ctx *c, const int8_t *w)
{
	ptrdiff_t off = w - c->filter;

	return off > c->end_off ? c->end + (off - c->end_off) : w;
}

/* Dot products of the window x with filters oc .. oc + 7 (clamped). */
MOTE_AVX2 static __m256i dot8(const conv_ctx *c, const int8_t *x, int32_t oc)
{
	int32_t last = c->p->out_c - 1;
	const int8_t *w[8];
	__m256i a[8], xv;
	int32_t i, j;

	w[0] = c->filter + (size_t)oc * c->k;
	for (j = 1; j < 8; j++)
		w[j] = oc + j <= last ? w[j - 1] + c->k : w[j - 1];
	for (j = 0; j < 8; j++)
		a[j] = _mm256_setzero_si256();
	for (i = 0; i < 16 * c->steps; i += 16) {
		xv = _mm256_cvtepi8_epi16(
			_mm_loadu_si128((const __m128i *)(x + i)));
		for (j = 0; j < 8; j++)
			a[j] = mac16(a[j], w[j] + i, xv);
	}
	if (!c->has_tail)
		return reduce8(a);
	xv = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(x + i)));
	/* Only a block near the filter end needs the copy (w[7] is last). */
	if (w[7] + i - c->filter <= c->end_off) {
		for (j = 0; j < 8; j++)
			a[j] = mac16(a[j], w[j] + i, xv);
		return reduce8(a);
	}
	for (j = 0; j < 8; j++)
		a[j] = mac16(a[j], tail_at(c, w[j] + i), xv);
	return reduce8(a);
}

/*
 * acc + base for the last n < 8 channels from oc, with their
 * requantization constants in q (the lanes past out_c get zeros).
 */
MOTE_AVX2 static __m256i partial_base(const conv_ctx *c, __m256i acc,
				      int32_t oc, int32_t n, mote__rq8 *q)
{
	int32_t base[8] = {0}, mult[8] = {0}, shift[8] = {0};

	memcpy(base, c->base + oc, (size_t)n * sizeof(int32_t));
	memcpy(mult, c->p->mult + oc, (size_t)n * sizeof(int32_t));
	memcpy(shift, c->p->shift + oc, (size_t)n * sizeof(int32_t));
	mote__rq8_load(q, mult, shift, 0);
	return _mm256_add_epi32(acc, _mm256_loadu_si256((const __m256i *)base));
}

/* Adds base, requantizes and stores the outputs of channels oc .. +7. */
MOTE_AVX2 static void store8(const conv_ctx *c, __m256i acc, int32_t oc,
			     int8_t *out)
{
	const mote_conv2d_params *p = c->p;
	int32_t n = mote_min_i32(8, p->out_c - oc);
	int8_t bytes[16];
	mote__rq8 q;
	__m128i v;

	if (n == 8) {
		mote__rq8_load(&q, p->mult, p->shift, oc);
		acc = _mm256_add_epi32(
			acc,
			_mm256_loadu_si256((const __m256i *)(c->base + oc)));
	} else {
		acc = partial_base(c, acc, oc, n, &q);
	}
	acc = mote__avx2_requant(acc, &q, _mm256_set1_epi32(p->out_zp),
				 _mm256_set1_epi32(p->act_min),
				 _mm256_set1_epi32(p->act_max));
	v = _mm_packs_epi32(_mm256_castsi256_si128(acc),
			    _mm256_extracti128_si256(acc, 1));
	v = _mm_packs_epi16(v, v);
	if (n == 8) {
		_mm_storel_epi64((__m128i *)(out + oc), v);
		return;
	}
	_mm_storeu_si128((__m128i *)bytes, v);
	memcpy(out + oc, bytes, (size_t)n);
}

/* Lays the scratch buffer out and computes base per channel. */
MOTE_AVX2 static void setup(conv_ctx *c, const mote_conv2d_params *p,
			    const int8_t *in, const int8_t *filter,
			    const int32_t *bias, void *scratch)
{
	uint8_t *mem = (uint8_t *)scratch;
	int8_t *end;
	int32_t oc, i;
	ptrdiff_t n = (ptrdiff_t)p->out_c * window_size(p);

	c->p = p;
	c->in_end = in + (size_t)p->batches * p->in_h * p->in_w * p->in_c;
	c->filter = filter;
	c->k = window_size(p);
	c->steps = c->k / 16;
	c->has_tail = c->k % 16 != 0;
	c->direct = is_direct(p);
	c->zp8 = _mm_set1_epi8((int8_t)p->in_zp);
	c->base = (int32_t *)mem;
	for (oc = 0; oc < p->out_c; oc++) {
		uint32_t s = (uint32_t)sum_s8(filter + (size_t)oc * c->k, c->k);
		c->base[oc] =
			(int32_t)((bias != NULL ? (uint32_t)bias[oc] : 0u) -
				  (uint32_t)p->in_zp * s);
	}
	mem += base_bytes(p);
	c->row = (int8_t *)mem;
	mem += row_bytes(p);
	end = (int8_t *)mem;
	c->end = end;
	c->end_off = n - 16;
	if (!c->has_tail)
		return;
	/* The filter's last 16 bytes (zeros before its start), then zeros. */
	for (i = 0; i < 16; i++)
		end[i] = n - 16 + i >= 0 ? filter[n - 16 + i] : 0;
	memset(end + 16, 0, 16);
}

/* All output channels of the pixel at input origin (iy0, ix0). */
MOTE_AVX2 static void conv_pixel(const conv_ctx *c, const int8_t *in_b,
				 int32_t iy0, int32_t ix0, int8_t *out)
{
	const int8_t *x = gather(c, in_b, iy0, ix0);
	int32_t oc;

	for (oc = 0; oc < c->p->out_c; oc += 8)
		store8(c, dot8(c, x, oc), oc, out);
}

MOTE_AVX2 void mote_conv2d_s8_avx2(const mote_conv2d_params *p,
				   const int8_t *in, const int8_t *filter,
				   const int32_t *bias, int8_t *out,
				   void *scratch)
{
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	int32_t b, oy, ox;
	conv_ctx c;

	setup(&c, p, in, filter, bias, scratch);
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (size_t)b * image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				conv_pixel(&c, in_b, iy0,
					   ox * p->stride_w - p->pad_w, out);
				out += p->out_c;
			}
		}
	}
}
