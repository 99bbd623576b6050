/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s8_avx2.c - int8 depthwise convolution with AVX2,
 * bit-exact with the reference mote_depthwise_conv2d_s8 (TFLM's
 * reference_integer_ops::DepthwiseConvPerChannel). Contract:
 * kernels_x86.h (depth_mult == 1 or in_c == 1; AVX2 CPU; no scratch).
 *
 * Channels lie across the lanes. For each block of 16 channels (then one
 * of 8 in 128-bit vectors, then the last in_c % 8 one by one) the kernel
 * walks every output pixel, so that the block's requantization constants
 * stay in registers. The valid taps of a pixel's window are taken two at a
 * time: the two taps' inputs (minus the input zero point) and weights,
 * widened to int16, are interleaved so that one vpmaddwd computes, per
 * channel, x_a * w_a + x_b * w_b in an int32 lane. |x - in_zp| <= 384 and
 * |w| <= 128 keep that pair sum exact, and the int32 additions wrap modulo
 * 2^32 as TFLM's int32 accumulator does; taps in the padding are left out,
 * as TFLM skips them. Taps pair up vertically (rows fy and fy + 1, same
 * column), then along an odd last row; a tap left over pairs with zero. A
 * 3x3 window inside the input (the common case) runs unrolled. Then the
 * bias is added and the sums are requantized with fixedpoint_avx2.h (lane
 * for lane mote_mul_by_quant_mult()). With one input channel (depth_mult
 * = out_c) every output channel reads the same input value, broadcast to
 * all lanes.
 */
#include <stdbool.h>
#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/x86/fixedpoint_avx2.h"
#include "kernels/x86/kernels_x86.h"

size_t mote_depthwise_conv2d_s8_avx2_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	(void)p;
	return 0;
}

/* Everything one call works with. */
typedef struct dw_ctx {
	const mote_depthwise_conv2d_params *p; /* the layer */
	const int8_t *in; /* the input tensor */
	const int8_t *filter; /* [filter_h][filter_w][out_c] */
	const int32_t *bias; /* bias, or NULL */
	int8_t *out; /* the output tensor */
	bool bcast; /* in_c == 1: every output channel reads input channel 0 */
	bool k3x3; /* the filter is 3x3 (unrolled path for inner windows) */
	ptrdiff_t row_step; /* input offset from one filter row to the next */
	ptrdiff_t
		col_step; /* input offset from one filter column to the next */
	ptrdiff_t w_row; /* filter offset from one filter row to the next */
	ptrdiff_t w_col; /* filter offset from one filter column to the next */
	__m256i zp16; /* in_zp in every int16 lane */
	__m256i out_zp; /* out_zp in every int32 lane */
	__m256i act_min; /* act_min in every int32 lane */
	__m256i act_max; /* act_max in every int32 lane */
} dw_ctx;

/* The valid taps of one output pixel's window. */
typedef struct window {
	const int8_t *x; /* input of the first valid tap, channel 0 */
	const int8_t *w; /* weights of the first valid tap, channel 0 */
	int32_t rows; /* valid filter rows */
	int32_t cols; /* valid filter columns */
	bool full3; /* a 3x3 filter wholly inside the input */
} window;

/* mote__tap_range(), with a quick answer for a window inside the input. */
static inline void tap_range(int32_t origin, int32_t taps, int32_t dilation,
			     int32_t size, int32_t *lo, int32_t *hi)
{
	if (origin >= 0 && origin + (taps - 1) * dilation < size) {
		*lo = 0;
		*hi = taps;
		return;
	}
	mote__tap_range(origin, taps, dilation, size, lo, hi);
}

/* The window of output pixel (oy, ox) of batch image in_b. */
static inline void window_at(const dw_ctx *d, const int8_t *in_b, int32_t oy,
			     int32_t ox, window *win)
{
	const mote_depthwise_conv2d_params *p = d->p;
	int32_t iy0 = oy * p->stride_h - p->pad_h;
	int32_t ix0 = ox * p->stride_w - p->pad_w;
	int32_t fy0, fy1, fx0, fx1;

	tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &fy0, &fy1);
	tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0, &fx1);
	win->rows = fy1 - fy0;
	win->cols = fx1 - fx0;
	win->full3 = d->k3x3 && win->rows == 3 && win->cols == 3;
	win->x = in_b;
	win->w = d->filter;
	if (win->rows == 0 || win->cols == 0) {
		win->rows = 0; /* no taps: nothing is read */
		return;
	}
	win->x += ((ptrdiff_t)iy0 * p->in_w + ix0) * p->in_c +
		  fy0 * d->row_step + fx0 * d->col_step;
	win->w += fy0 * d->w_row + fx0 * d->w_col;
}

/* 16 channels of int32 sums. */
typedef struct pair16 {
	__m256i lo; /* channels 0-3 and 8-11 */
	__m256i hi; /* channels 4-7 and 12-15 */
} pair16;

/*
 * acc += x_a * w_a + x_b * w_b per channel, 16 channels (with bcast, one
 * input value for all of them; with single, x_a * w_a alone).
 */
MOTE_AVX2_INLINE static inline void mac16(const dw_ctx *d, bool bcast,
					  bool single, pair16 *acc,
					  const int8_t *xa, const int8_t *wa,
					  const int8_t *xb, const int8_t *wb)
{
	__m256i x0 = bcast ? _mm256_set1_epi16(*xa)
			   : _mm256_cvtepi8_epi16(
				     _mm_loadu_si128((const __m128i *)xa));
	__m256i w0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)wa));
	__m256i x1 = _mm256_setzero_si256(), w1 = _mm256_setzero_si256();

	if (!single) {
		x1 = bcast ? _mm256_set1_epi16(*xb)
			   : _mm256_cvtepi8_epi16(
				     _mm_loadu_si128((const __m128i *)xb));
		x1 = _mm256_sub_epi16(x1, d->zp16);
		w1 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)wb));
	}
	x0 = _mm256_sub_epi16(x0, d->zp16);
	acc->lo = _mm256_add_epi32(
		acc->lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(x0, x1),
					   _mm256_unpacklo_epi16(w0, w1)));
	acc->hi = _mm256_add_epi32(
		acc->hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(x0, x1),
					   _mm256_unpackhi_epi16(w0, w1)));
}

/* The sums of a 3x3 window inside the input, channels from x and w. */
MOTE_AVX2_INLINE static inline pair16 sum16_3x3(const dw_ctx *d, bool bcast,
						const int8_t *x,
						const int8_t *w)
{
	pair16 acc = {_mm256_setzero_si256(), _mm256_setzero_si256()};
	const int8_t *x1 = x + d->row_step, *x2 = x1 + d->row_step;
	const int8_t *w1 = w + d->w_row, *w2 = w1 + d->w_row;
	ptrdiff_t xc = d->col_step, wc = d->w_col;

	/* Rows 0 and 1 in vertical pairs, then (2, 0) with (2, 1), (2, 2). */
	mac16(d, bcast, false, &acc, x, w, x1, w1);
	mac16(d, bcast, false, &acc, x + xc, w + wc, x1 + xc, w1 + wc);
	mac16(d, bcast, false, &acc, x + 2 * xc, w + 2 * wc, x1 + 2 * xc,
	      w1 + 2 * wc);
	mac16(d, bcast, false, &acc, x2, w2, x2 + xc, w2 + wc);
	mac16(d, bcast, true, &acc, x2 + 2 * xc, w2 + 2 * wc, NULL, NULL);
	return acc;
}

/* The sums of any window, channels from x and w. */
MOTE_AVX2_INLINE static inline pair16 sum16(const dw_ctx *d, bool bcast,
					    const window *win, const int8_t *x,
					    const int8_t *w)
{
	pair16 acc = {_mm256_setzero_si256(), _mm256_setzero_si256()};
	ptrdiff_t xo = 0, wo = 0, xi, wi;
	int32_t r, k;

	for (r = 0; r + 1 < win->rows; r += 2) {
		for (k = 0, xi = xo, wi = wo; k < win->cols; k++) {
			mac16(d, bcast, false, &acc, x + xi, w + wi,
			      x + xi + d->row_step, w + wi + d->w_row);
			xi += d->col_step;
			wi += d->w_col;
		}
		xo += 2 * d->row_step;
		wo += 2 * d->w_row;
	}
	if (r == win->rows)
		return acc;
	for (k = 0; k + 1 < win->cols; k += 2) {
		mac16(d, bcast, false, &acc, x + xo, w + wo,
		      x + xo + d->col_step, w + wo + d->w_col);
		xo += 2 * d->col_step;
		wo += 2 * d->w_col;
	}
	if (k < win->cols)
		mac16(d, bcast, true, &acc, x + xo, w + wo, NULL, NULL);
	return acc;
}

/* Requantization constants and bias of eight channels. */
typedef struct rq_block {
	mote__rq8 q; /* multipliers and shifts */
	__m256i bias; /* bias, or zero */
} rq_block;

/* The constants of channels c .. c + 7. */
MOTE_AVX2_INLINE static inline void rq_block_load(const dw_ctx *d, rq_block *r,
						  int32_t c)
{
	mote__rq8_load(&r->q, d->p->mult, d->p->shift, c);
	r->bias = d->bias != NULL
			  ? _mm256_loadu_si256((const __m256i *)(d->bias + c))
			  : _mm256_setzero_si256();
}

/* Bias, requantization and clamp of eight sums. */
MOTE_AVX2_INLINE static inline __m256i requant8(const dw_ctx *d,
						const rq_block *r, __m256i acc)
{
	return mote__avx2_requant(_mm256_add_epi32(acc, r->bias), &r->q,
				  d->out_zp, d->act_min, d->act_max);
}

/* Requantizes and stores 16 channels of sums at out. */
MOTE_AVX2_INLINE static inline void store16(const dw_ctx *d, const rq_block *r,
					    pair16 s, int8_t *out)
{
	__m256i r0 =
		requant8(d, &r[0], _mm256_permute2x128_si256(s.lo, s.hi, 0x20));
	__m256i r1 =
		requant8(d, &r[1], _mm256_permute2x128_si256(s.lo, s.hi, 0x31));
	/* int16 quarters come out as 0-3, 8-11, 4-7, 12-15: reorder. */
	__m256i v = _mm256_permute4x64_epi64(_mm256_packs_epi32(r0, r1), 0xD8);

	_mm_storeu_si128((__m128i *)out,
			 _mm_packs_epi16(_mm256_castsi256_si128(v),
					 _mm256_extracti128_si256(v, 1)));
}

/* Channels c .. c + 15 of every output pixel. */
MOTE_AVX2_INLINE static inline void run16(const dw_ctx *d, bool bcast,
					  int32_t c)
{
	const mote_depthwise_conv2d_params *p = d->p;
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	size_t q = 0; /* output pixel index */
	int32_t ic = bcast ? 0 : c, b, oy, ox;
	rq_block r[2];
	window win;

	rq_block_load(d, &r[0], c);
	rq_block_load(d, &r[1], c + 8);
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = d->in + (size_t)b * image;
		for (oy = 0; oy < p->out_h; oy++) {
			for (ox = 0; ox < p->out_w; ox++) {
				window_at(d, in_b, oy, ox, &win);
				store16(d, r,
					win.full3
						? sum16_3x3(d, bcast,
							    win.x + ic,
							    win.w + c)
						: sum16(d, bcast, &win,
							win.x + ic, win.w + c),
					d->out + q++ * p->out_c + c);
			}
		}
	}
}

/* 8 channels of int32 sums. */
typedef struct pair8 {
	__m128i lo; /* channels 0-3 */
	__m128i hi; /* channels 4-7 */
} pair8;

/* acc += x_a * w_a + x_b * w_b per channel, 8 channels (see mac16). */
MOTE_AVX2_INLINE static inline void mac8(const dw_ctx *d, bool bcast,
					 bool single, pair8 *acc,
					 const int8_t *xa, const int8_t *wa,
					 const int8_t *xb, const int8_t *wb)
{
	const __m128i zp = _mm256_castsi256_si128(d->zp16);
	__m128i x0 =
		bcast ? _mm_set1_epi16(*xa)
		      : _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)xa));
	__m128i w0 = _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)wa));
	__m128i x1 = _mm_setzero_si128(), w1 = _mm_setzero_si128();

	if (!single) {
		x1 = bcast ? _mm_set1_epi16(*xb)
			   : _mm_cvtepi8_epi16(
				     _mm_loadl_epi64((const __m128i *)xb));
		x1 = _mm_sub_epi16(x1, zp);
		w1 = _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)wb));
	}
	x0 = _mm_sub_epi16(x0, zp);
	acc->lo = _mm_add_epi32(acc->lo,
				_mm_madd_epi16(_mm_unpacklo_epi16(x0, x1),
					       _mm_unpacklo_epi16(w0, w1)));
	acc->hi = _mm_add_epi32(acc->hi,
				_mm_madd_epi16(_mm_unpackhi_epi16(x0, x1),
					       _mm_unpackhi_epi16(w0, w1)));
}

/* The sums of a 3x3 window inside the input, 8 channels. */
MOTE_AVX2_INLINE static inline pair8 sum8_3x3(const dw_ctx *d, bool bcast,
					      const int8_t *x, const int8_t *w)
{
	pair8 acc = {_mm_setzero_si128(), _mm_setzero_si128()};
	const int8_t *x1 = x + d->row_step, *x2 = x1 + d->row_step;
	const int8_t *w1 = w + d->w_row, *w2 = w1 + d->w_row;
	ptrdiff_t xc = d->col_step, wc = d->w_col;

	mac8(d, bcast, false, &acc, x, w, x1, w1);
	mac8(d, bcast, false, &acc, x + xc, w + wc, x1 + xc, w1 + wc);
	mac8(d, bcast, false, &acc, x + 2 * xc, w + 2 * wc, x1 + 2 * xc,
	     w1 + 2 * wc);
	mac8(d, bcast, false, &acc, x2, w2, x2 + xc, w2 + wc);
	mac8(d, bcast, true, &acc, x2 + 2 * xc, w2 + 2 * wc, NULL, NULL);
	return acc;
}

/* The sums of any window, 8 channels. */
MOTE_AVX2_INLINE static inline pair8 sum8(const dw_ctx *d, bool bcast,
					  const window *win, const int8_t *x,
					  const int8_t *w)
{
	pair8 acc = {_mm_setzero_si128(), _mm_setzero_si128()};
	ptrdiff_t xo = 0, wo = 0, xi, wi;
	int32_t r, k;

	for (r = 0; r + 1 < win->rows; r += 2) {
		for (k = 0, xi = xo, wi = wo; k < win->cols; k++) {
			mac8(d, bcast, false, &acc, x + xi, w + wi,
			     x + xi + d->row_step, w + wi + d->w_row);
			xi += d->col_step;
			wi += d->w_col;
		}
		xo += 2 * d->row_step;
		wo += 2 * d->w_row;
	}
	if (r == win->rows)
		return acc;
	for (k = 0; k + 1 < win->cols; k += 2) {
		mac8(d, bcast, false, &acc, x + xo, w + wo,
		     x + xo + d->col_step, w + wo + d->w_col);
		xo += 2 * d->col_step;
		wo += 2 * d->w_col;
	}
	if (k < win->cols)
		mac8(d, bcast, true, &acc, x + xo, w + wo, NULL, NULL);
	return acc;
}

/* Requantizes and stores 8 channels of sums at out. */
MOTE_AVX2_INLINE static inline void store8(const dw_ctx *d, const rq_block *r,
					   pair8 s, int8_t *out)
{
	__m256i v = requant8(d, r, _mm256_set_m128i(s.hi, s.lo));
	__m128i h = _mm_packs_epi32(_mm256_castsi256_si128(v),
				    _mm256_extracti128_si256(v, 1));

	_mm_storel_epi64((__m128i *)out, _mm_packs_epi16(h, h));
}

/* Channels c .. c + 7 of every output pixel. */
MOTE_AVX2_INLINE static inline void run8(const dw_ctx *d, bool bcast, int32_t c)
{
	const mote_depthwise_conv2d_params *p = d->p;
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	size_t q = 0; /* output pixel index */
	int32_t ic = bcast ? 0 : c, b, oy, ox;
	rq_block r;
	window win;

	rq_block_load(d, &r, c);
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = d->in + (size_t)b * image;
		for (oy = 0; oy < p->out_h; oy++) {
			for (ox = 0; ox < p->out_w; ox++) {
				window_at(d, in_b, oy, ox, &win);
				store8(d, &r,
				       win.full3
					       ? sum8_3x3(d, bcast, win.x + ic,
							  win.w + c)
					       : sum8(d, bcast, &win,
						      win.x + ic, win.w + c),
				       d->out + q++ * p->out_c + c);
			}
		}
	}
}

/* Channel c of one window, one tap at a time. */
static int8_t channel1(const dw_ctx *d, const window *win, int32_t c)
{
	const mote_depthwise_conv2d_params *p = d->p;
	const int8_t *x = win->x + (d->bcast ? 0 : c);
	const int8_t *w = win->w + c;
	uint32_t acc = d->bias != NULL ? (uint32_t)d->bias[c] : 0u;
	int32_t r, k, v;

	for (r = 0; r < win->rows; r++) {
		ptrdiff_t xo = r * d->row_step, wo = r * d->w_row;
		for (k = 0; k < win->cols; k++)
			acc += (uint32_t)(w[wo + k * d->w_col] *
					  (x[xo + k * d->col_step] - p->in_zp));
	}
	v = mote_mul_by_quant_mult((int32_t)acc, p->mult[c], p->shift[c]);
	v = (int32_t)((uint32_t)v + (uint32_t)p->out_zp);
	return (int8_t)mote_clamp_i32(v, p->act_min, p->act_max);
}

/* Channel c (one of the last in_c % 8) of every output pixel. */
static void run1(const dw_ctx *d, int32_t c)
{
	const mote_depthwise_conv2d_params *p = d->p;
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	size_t q = 0; /* output pixel index */
	int32_t b, oy, ox;
	window win;

	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = d->in + (size_t)b * image;
		for (oy = 0; oy < p->out_h; oy++) {
			for (ox = 0; ox < p->out_w; ox++) {
				window_at(d, in_b, oy, ox, &win);
				d->out[q++ * p->out_c + c] =
					channel1(d, &win, c);
			}
		}
	}
}

MOTE_AVX2 void mote_depthwise_conv2d_s8_avx2(
	const mote_depthwise_conv2d_params *p, const int8_t *in,
	const int8_t *filter, const int32_t *bias, int8_t *out, void *scratch)
{
	dw_ctx d;
	int32_t c = 0;

	(void)scratch;
	d.p = p;
	d.in = in;
	d.filter = filter;
	d.bias = bias;
	d.out = out;
	d.bcast = p->in_c == 1;
	d.k3x3 = p->filter_h == 3 && p->filter_w == 3;
	d.row_step = (ptrdiff_t)p->dilation_h * p->in_w * p->in_c;
	d.col_step = (ptrdiff_t)p->dilation_w * p->in_c;
	d.w_row = (ptrdiff_t)p->filter_w * p->out_c;
	d.w_col = p->out_c;
	d.zp16 = _mm256_set1_epi16((int16_t)p->in_zp);
	d.out_zp = _mm256_set1_epi32(p->out_zp);
	d.act_min = _mm256_set1_epi32(p->act_min);
	d.act_max = _mm256_set1_epi32(p->act_max);
	/* Two copies of each vector loop: loads, or one broadcast input. */
	for (; c + 16 <= p->out_c; c += 16) {
		if (d.bcast)
			run16(&d, true, c);
		else
			run16(&d, false, c);
	}
	if (c + 8 <= p->out_c) {
		if (d.bcast)
			run8(&d, true, c);
		else
			run8(&d, false, c);
		c += 8;
	}
	for (; c < p->out_c; c++)
		run1(&d, c);
}
