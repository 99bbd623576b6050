/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s8_sse41.c - int8 convolution with SSE4.1, bit-exact with the
 * reference mote_conv2d_s8 (TFLM's reference_integer_ops::ConvPerChannel).
 * Contract: kernels_x86.h (groups == 1; SSE4.1 CPU).
 *
 * The method of conv2d_s8_avx2.c with 128-bit vectors: the sum is
 * regrouped as sum of f * x' + base (x' = in_zp in the padding, base =
 * bias - in_zp * sum of f, once per call), each pixel's window is gathered
 * into a row (read in place for a 1x1 layer without padding whose in_c is a
 * multiple of 8), and eight filters at a time are multiplied with it, 8
 * values per step, by pmaddwd on sign-extended values (exact; the int32
 * additions wrap modulo 2^32 as TFLM's accumulator). The row is zero after
 * K, so the last step may read the next filters' first weights (times
 * zero); a step that would read past the filter tensor reads a copy of its
 * last 8 bytes followed by zeros instead (made once per call). The sums
 * get base and are requantized with fixedpoint_sse41.h (lane for lane
 * mote_mul_by_quant_mult()).
 *
 * Scratch: base (out_c int32), then unless the windows are read in place
 * a row of K rounded up to 16, plus 16 bytes, then when K % 8 != 0 the
 * 16-byte copy of the filter tensor's end.
 */
#include <stdbool.h>
#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/x86/fixedpoint_sse41.h"
#include "kernels/x86/kernels_x86.h"

/* Everything one call works with. */
typedef struct conv_ctx {
	const mote_conv2d_params *p; /* the layer */
	const int8_t *in_end; /* one past the input tensor */
	const int8_t *filter; /* the filters, [out_c][K] */
	int32_t *base; /* per channel: bias - in_zp * sum of the filter */
	int8_t *row; /* the gathered window (unused when direct) */
	const int8_t *end; /* the last 8 bytes of the filters, then 8 zeros */
	ptrdiff_t end_off; /* filter offset that end[0] stands for (or < 0) */
	int32_t k; /* values per window (and per filter) */
	int32_t steps; /* whole 8-value steps per window */
	bool has_tail; /* K % 8 != 0 */
	bool direct; /* windows are read in place from the input */
	__m128i zp8; /* in_zp in every int8 lane */
} conv_ctx;

/* Values per window. */
static int32_t window_size(const mote_conv2d_params *p)
{
	return p->filter_h * p->filter_w * p->in_c;
}

/* Whether every window is one whole pixel of the input, 8-value steps. */
static bool is_direct(const mote_conv2d_params *p)
{
	return p->filter_h == 1 && p->filter_w == 1 && p->in_c % 8 == 0 &&
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

size_t mote_conv2d_s8_sse41_scratch_size(const mote_conv2d_params *p)
{
	return base_bytes(p) + row_bytes(p) +
	       (window_size(p) % 8 != 0 ? 16u : 0u);
}

/* Sum of n int8 values. */
MOTE_SSE41 static int32_t sum_s8(const int8_t *w, int32_t n)
{
	const __m128i ones = _mm_set1_epi16(1);
	__m128i acc = _mm_setzero_si128();
	int32_t i, sum;

	for (i = 0; i + 8 <= n; i += 8)
		acc = _mm_add_epi32(
			acc, _mm_madd_epi16(_mm_cvtepi8_epi16(_mm_loadl_epi64(
						    (const __m128i *)(w + i))),
					    ones));
	acc = _mm_hadd_epi32(acc, acc);
	sum = _mm_cvtsi128_si32(_mm_hadd_epi32(acc, acc));
	for (; i < n; i++)
		sum += w[i];
	return sum;
}

/* dst[0 .. n) = in_zp; may write up to 15 bytes further. */
MOTE_SSE41 static void fill_zp(const conv_ctx *c, int8_t *dst, int32_t n)
{
	int32_t i;

	for (i = 0; i < n; i += 16)
		_mm_storeu_si128((__m128i *)(dst + i), c->zp8);
}

/* Copies n bytes; may write up to 15 further, never reads past in_end. */
MOTE_SSE41 static void copy_run(const conv_ctx *c, int8_t *dst,
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
MOTE_SSE41 static void gather_taps(const conv_ctx *c, int8_t *dst,
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
MOTE_SSE41 static const int8_t *gather(const conv_ctx *c, const int8_t *in_b,
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
	/* Zeros after the window, up to the end of the last 8-value step. */
	_mm_storeu_si128((__m128i *)(c->row + c->k), _mm_setzero_si128());
	return c->row;
}

/* acc + f * x for 8 int8 values of a filter at w and x (as int16). */
MOTE_SSE41 static inline __m128i mac8(__m128i acc, const int8_t *w, __m128i x)
{
	__m128i f = _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)w));
	return _mm_add_epi32(acc, _mm_madd_epi16(f, x));
}

/* The 8 weights from w on, or their copy when they cross the filter end. */
static inline const int8_t *tail_at(const conv_ctx *c, const int8_t *w)
{
	ptrdiff_t off = w - c->filter;

	return off > c->end_off ? c->end + (off - c->end_off) : w;
}

/* Dot products of the window x with filters oc .. oc + 7 (clamped):
 * channels 0-3 into *lo, 4-7 into *hi. */
MOTE_SSE41 static void dot8(const conv_ctx *c, const int8_t *x, int32_t oc,
			    __m128i *lo, __m128i *hi)
{
	int32_t last = c->p->out_c - 1;
	const int8_t *w[8];
	__m128i a[8], xv;
	int32_t i, j;

	w[0] = c->filter + (size_t)oc * c->k;
	for (j = 1; j < 8; j++)
		w[j] = oc + j <= last ? w[j - 1] + c->k : w[j - 1];
	for (j = 0; j < 8; j++)
		a[j] = _mm_setzero_si128();
	for (i = 0; i < 8 * c->steps; i += 8) {
		xv = _mm_cvtepi8_epi16(
			_mm_loadl_epi64((const __m128i *)(x + i)));
		for (j = 0; j < 8; j++)
			a[j] = mac8(a[j], w[j] + i, xv);
	}
	if (c->has_tail) {
		/* Only a block near the filter end needs the copy (w[7] is
		 * last). */
		bool near_end = w[7] + i - c->filter > c->end_off;
		xv = _mm_cvtepi8_epi16(
			_mm_loadl_epi64((const __m128i *)(x + i)));
		for (j = 0; j < 8; j++)
			a[j] = mac8(a[j],
				    near_end ? tail_at(c, w[j] + i) : w[j] + i,
				    xv);
	}
	*lo = _mm_hadd_epi32(_mm_hadd_epi32(a[0], a[1]),
			     _mm_hadd_epi32(a[2], a[3]));
	*hi = _mm_hadd_epi32(_mm_hadd_epi32(a[4], a[5]),
			     _mm_hadd_epi32(a[6], a[7]));
}

/* base + acc of four channels from `base`, requantized and clamped. */
MOTE_SSE41 static __m128i requant4(const conv_ctx *c, __m128i acc,
				   const int32_t *base, const int32_t *mult,
				   const int32_t *shift)
{
	const mote_conv2d_params *p = c->p;
	mote__rq4 q;

	mote__rq4_load(&q, mult, shift, 0);
	acc = _mm_add_epi32(acc, _mm_loadu_si128((const __m128i *)base));
	return mote__sse41_requant(acc, &q, _mm_set1_epi32(p->out_zp),
				   _mm_set1_epi32(p->act_min),
				   _mm_set1_epi32(p->act_max));
}

/* Adds base, requantizes and stores the outputs of channels oc .. +7. */
MOTE_SSE41 static void store8(const conv_ctx *c, __m128i lo, __m128i hi,
			      int32_t oc, int8_t *out)
{
	const mote_conv2d_params *p = c->p;
	int32_t n = mote_min_i32(8, p->out_c - oc);
	int32_t base[8], mult[8], shift[8];
	int8_t bytes[16];
	__m128i v;

	if (n == 8) {
		v = _mm_packs_epi32(requant4(c, lo, c->base + oc, p->mult + oc,
					     p->shift + oc),
				    requant4(c, hi, c->base + oc + 4,
					     p->mult + oc + 4,
					     p->shift + oc + 4));
		_mm_storel_epi64((__m128i *)(out + oc), _mm_packs_epi16(v, v));
		return;
	}
	memset(base, 0, sizeof base);
	memset(mult, 0, sizeof mult);
	memset(shift, 0, sizeof shift);
	memcpy(base, c->base + oc, (size_t)n * sizeof(int32_t));
	memcpy(mult, p->mult + oc, (size_t)n * sizeof(int32_t));
	memcpy(shift, p->shift + oc, (size_t)n * sizeof(int32_t));
	v = _mm_packs_epi32(requant4(c, lo, base, mult, shift),
			    requant4(c, hi, base + 4, mult + 4, shift + 4));
	_mm_storeu_si128((__m128i *)bytes, _mm_packs_epi16(v, v));
	memcpy(out + oc, bytes, (size_t)n);
}

/* Lays the scratch buffer out and computes base per channel. */
MOTE_SSE41 static void setup(conv_ctx *c, const mote_conv2d_params *p,
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
	c->steps = c->k / 8;
	c->has_tail = c->k % 8 != 0;
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
	c->end_off = n - 8;
	if (!c->has_tail)
		return;
	/* The filter's last 8 bytes (zeros before its start), then zeros. */
	for (i = 0; i < 8; i++)
		end[i] = n - 8 + i >= 0 ? filter[n - 8 + i] : 0;
	memset(end + 8, 0, 8);
}

/* All output channels of the pixel at input origin (iy0, ix0). */
MOTE_SSE41 static void conv_pixel(const conv_ctx *c, const int8_t *in_b,
				  int32_t iy0, int32_t ix0, int8_t *out)
{
	const int8_t *x = gather(c, in_b, iy0, ix0);
	__m128i lo, hi;
	int32_t oc;

	for (oc = 0; oc < c->p->out_c; oc += 8) {
		dot8(c, x, oc, &lo, &hi);
		store8(c, lo, hi, oc, out);
	}
}

MOTE_SSE41 void mote_conv2d_s8_sse41(const mote_conv2d_params *p,
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
