/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s8_dsp.c - int8 convolution for the Cortex-M DSP extension: the
 * contract of mote_conv2d_s8 for one group (any filter size, stride,
 * dilation and padding).
 *
 * im2col, two output pixels at a time: the window of each pixel (filter_h
 * x filter_w taps of in_c values, the filter's own order) is widened into
 * one column of an interleaved pair in scratch, with the input offset
 * added; taps in the padding become 0 there, which is exactly TFLM's
 * skipping them, since they would contribute f * (in_zp - in_zp). Then
 * mote__dsp_mm_2col() multiplies every filter row with the pair. The
 * one-column entry (mote_conv2d_s8_1col_dsp) does one pixel at a time
 * with half the scratch, for layers where scratch is tight. When
 * in_c is a multiple of four each tap widens straight from the input;
 * otherwise the window is first gathered as int8 (padding = in_zp) into
 * a staging row and widened from there.
 * Scratch: columns, padded last filter row (k % 4 != 0), staging row.
 */
#include "kernels/arm_dsp/dsp.h"

/* Values in one window (the length of a filter row). */
static int32_t window_len(const mote_conv2d_params *p)
{
	return p->filter_h * p->filter_w * p->filter_c;
}

/* True when each tap widens straight from the input. */
static bool direct(const mote_conv2d_params *p)
{
	return (p->in_c & 3) == 0;
}

/* Scratch bytes with ncol (1 or 2) columns. */
static size_t scratch_bytes(const mote_conv2d_params *p, int32_t ncol)
{
	size_t k = (size_t)window_len(p);
	size_t stage = direct(p) ? 0 : (k + 7u) & ~(size_t)7u;

	return mote__dsp_col_words(window_len(p), ncol) * sizeof(uint32_t) +
	       mote__dsp_last_row_bytes(window_len(p)) + stage;
}

size_t mote_conv2d_s8_dsp_scratch_size(const mote_conv2d_params *p)
{
	return scratch_bytes(p, 2);
}

size_t mote_conv2d_s8_1col_dsp_scratch_size(const mote_conv2d_params *p)
{
	return scratch_bytes(p, 1);
}

/* What widening one window needs. */
typedef struct im2col {
	const mote_conv2d_params *p; /* the convolution */
	const int8_t *in_b; /* current batch image */
	uint32_t *cols; /* the columns (interleaved when two) */
	int32_t step; /* words from one group of a column to its next */
	int8_t *stage; /* staging row (in_c % 4 != 0) */
	int32_t off; /* input offset, -in_zp */
	uint32_t off2; /* the offset as an int16 pair */
} im2col;

/* Column words from one tap (in_c values, in_c % 4 == 0) to the next. */
static void zero_taps(uint32_t *dst, int32_t n4, int32_t step)
{
	for (; n4 > 0; n4--, dst += step)
		dst[0] = dst[1] = 0;
}

/* Window of the pixel at input origin (iy0, ix0) into column col, taps
 * widened straight from the input (in_c % 4 == 0). */
static void widen_direct(const im2col *c, int32_t iy0, int32_t ix0,
			 int32_t col)
{
	const mote_conv2d_params *p = c->p;
	int32_t g4 = p->in_c / 4; /* groups per tap */
	uint32_t *dst = c->cols + 2 * col;
	int32_t step = c->step;
	int32_t fy, fx, fx0, fx1;

	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0, &fx1);
	for (fy = 0; fy < p->filter_h; fy++) {
		int32_t iy = iy0 + fy * p->dilation_h;
		const int8_t *x;
		if (iy < 0 || iy >= p->in_h || fx0 >= fx1) {
			zero_taps(dst, g4 * p->filter_w, step);
			dst += step * g4 * p->filter_w;
			continue;
		}
		/* The first valid tap of the row. */
		x = c->in_b + ((ptrdiff_t)iy * p->in_w + ix0 +
			       fx0 * p->dilation_w) * p->in_c;
		zero_taps(dst, g4 * fx0, step);
		dst += step * g4 * fx0;
		if (p->dilation_w == 1) {
			mote__dsp_widen(x, g4 * (fx1 - fx0), c->off2, dst, step);
			dst += step * g4 * (fx1 - fx0);
		}
		for (fx = fx0; fx < fx1 && p->dilation_w != 1; fx++) {
			mote__dsp_widen(x, g4, c->off2, dst, step);
			x += p->dilation_w * p->in_c;
			dst += step * g4;
		}
		zero_taps(dst, g4 * (p->filter_w - fx1), step);
		dst += step * g4 * (p->filter_w - fx1);
	}
}

/* n bytes from src to dst, a word at a time (unaligned words are fine on
 * this core). Inline on purpose: windows rows are a few bytes long, and
 * the library's memcpy / memset calls (which GCC would substitute for a
 * plain byte loop; the empty asm keeps it from doing so) cost more than
 * the copy. */
static inline void copy_bytes(int8_t *dst, const int8_t *src, int32_t n)
{
	for (; n >= 4; n -= 4, src += 4, dst += 4) {
		uint32_t v = mote__dsp_ld32(src);
		__asm__("" : "+r"(v));
		memcpy(dst, &v, sizeof v);
	}
	for (; n > 0; n--) {
		int8_t b = *src++;
		__asm__("" : "+r"(b));
		*dst++ = b;
	}
}

/* n bytes of value v at dst. */
static inline void fill_bytes(int8_t *dst, int8_t v, int32_t n)
{
	uint32_t w = (uint32_t)(uint8_t)v * 0x01010101u;

	__asm__("" : "+r"(w));
	for (; n >= 4; n -= 4, dst += 4)
		memcpy(dst, &w, sizeof w);
	for (; n > 0; n--) {
		__asm__("" : "+r"(w));
		*dst++ = (int8_t)w;
	}
}

/* Window of the pixel at (iy0, ix0) gathered as int8, padding = in_zp:
 * each filter row's valid taps are one contiguous run without dilation. */
static void gather(const im2col *c, int32_t iy0, int32_t ix0)
{
	const mote_conv2d_params *p = c->p;
	int8_t *dst = c->stage;
	int8_t pad = (int8_t)p->in_zp;
	int32_t tap = p->in_c, row = p->filter_w * p->in_c;
	int32_t fy, fx, fx0, fx1;

	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0, &fx1);
	for (fy = 0; fy < p->filter_h; fy++, dst += row) {
		int32_t iy = iy0 + fy * p->dilation_h;
		const int8_t *x;
		if (iy < 0 || iy >= p->in_h || fx0 >= fx1) {
			fill_bytes(dst, pad, row);
			continue;
		}
		x = c->in_b + ((ptrdiff_t)iy * p->in_w + ix0 +
			       fx0 * p->dilation_w) * p->in_c;
		fill_bytes(dst, pad, fx0 * tap);
		if (p->dilation_w == 1)
			copy_bytes(dst + fx0 * tap, x, (fx1 - fx0) * tap);
		for (fx = fx0; fx < fx1 && p->dilation_w != 1; fx++) {
			copy_bytes(dst + fx * tap, x, tap);
			x += p->dilation_w * p->in_c;
		}
		fill_bytes(dst + fx1 * tap, pad, (p->filter_w - fx1) * tap);
	}
}

/* Window of the pixel at (iy0, ix0) into column col of the pair. */
static void widen_window(const im2col *c, int32_t iy0, int32_t ix0,
			 int32_t col)
{
	if (direct(c->p)) {
		widen_direct(c, iy0, ix0, col);
		return;
	}
	gather(c, iy0, ix0);
	mote__dsp_widen_pad(c->stage, window_len(c->p), c->p->in_zp, c->off2,
			    c->cols + 2 * col, c->step);
}

/* The last, unpaired pixel: its column moved to the one-column layout. */
static void single(const mote__dsp_mm *m, uint32_t *cols, int8_t *out)
{
	int32_t n4 = m->k / 4, i;

	for (i = 0; i < n4; i++) {
		cols[2 * i] = cols[4 * i];
		cols[2 * i + 1] = cols[4 * i + 1];
	}
	mote__dsp_mm_1col(m, cols, out);
}

/* The convolution with ncol (1 or 2) columns at a time. */
static void conv(const mote_conv2d_params *p, const int8_t *in,
		 const int8_t *filter, const int32_t *bias, int8_t *out,
		 void *scratch, int32_t ncol)
{
	int32_t k = window_len(p);
	uint32_t *cols = (uint32_t *)scratch;
	int8_t *last = (int8_t *)(cols + mote__dsp_col_words(k, ncol));
	im2col c = { p, in, cols, 2 * ncol, last + mote__dsp_last_row_bytes(k),
		     -p->in_zp, mote__dsp_dup16(-p->in_zp) };
	mote__dsp_mm m = { filter, k, (k + 3) & ~3,
			   mote__dsp_last_row(filter, p->out_c, k, last),
			   p->out_c, p->mult, p->shift,
			   mote__dsp_rq_zo(p->out_zp), bias, p->out_zp,
			   p->act_min, p->act_max };
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	int32_t b, oy, ox, n = 0;

	for (b = 0; b < p->batches; b++) {
		c.in_b = in + (size_t)b * image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				widen_window(&c, iy0, ix0, n++);
				if (n < ncol)
					continue;
				if (ncol == 2)
					mote__dsp_mm_2col(&m, cols, out,
							  out + p->out_c);
				else
					mote__dsp_mm_1col(&m, cols, out);
				out += ncol * p->out_c;
				n = 0;
			}
		}
	}
	if (n == 1)
		single(&m, cols, out);
}

void mote_conv2d_s8_dsp(const mote_conv2d_params *p, const int8_t *in,
			const int8_t *filter, const int32_t *bias, int8_t *out,
			void *scratch)
{
	conv(p, in, filter, bias, out, scratch, 2);
}

void mote_conv2d_s8_1col_dsp(const mote_conv2d_params *p, const int8_t *in,
			     const int8_t *filter, const int32_t *bias,
			     int8_t *out, void *scratch)
{
	conv(p, in, filter, bias, out, scratch, 1);
}
