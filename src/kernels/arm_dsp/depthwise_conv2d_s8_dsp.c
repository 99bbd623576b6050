/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s8_dsp.c - int8 depthwise convolution for the Cortex-M
 * DSP extension: the contract of mote_depthwise_conv2d_s8 for a depth
 * multiplier of 1, a multiple of 4, or a single input channel (any filter
 * size, stride, dilation and padding).
 *
 * Channels are independent, so SIMD runs across them: per output pixel
 * and group of four channels, each valid tap loads four inputs and four
 * weights (one word each: channels are contiguous in both), widens them
 * into even and odd int16 pairs (SXTAB16 adds the input offset) and
 * multiplies lane by lane (SMLABB / SMLATT), four multiply-accumulates
 * per tap in four registers. Taps in the padding are skipped, as TFLM
 * does; which taps are valid is worked out once per pixel, so the inner
 * loops carry no bounds checks. With a depth multiplier above 1, four
 * output channels of one input channel share its value (broadcast to both
 * lanes). Channels past the last multiple of four take a scalar loop.
 * Scratch: the requantization table (8 bytes per channel, the reference
 * kernel's size).
 */
#include "kernels/arm_dsp/dsp.h"

size_t mote_depthwise_conv2d_s8_dsp_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	return (size_t)p->out_c * sizeof(mote__dsp_rq8);
}

/* The valid taps of one output pixel and where they start. */
typedef struct taps {
	const int8_t *x; /* input at the first valid tap, channel 0 */
	const int8_t *w; /* filter at the first valid tap, channel 0 */
	int32_t rows; /* valid filter rows */
	int32_t cols; /* valid filter columns */
	ptrdiff_t x_row; /* input step from one valid row to the next */
	ptrdiff_t x_col; /* input step from one valid column to the next */
	ptrdiff_t w_row; /* filter step from one valid row to the next */
	bool dense; /* no dilation: columns in_c apart in input and filter */
} taps;

/* One tap of four channels: x and w point at the tap's channel c. */
#define TAP4(x, w)                                                     \
	do {                                                           \
		uint32_t xv_ = mote__dsp_ld32(x), wv_ = mote__dsp_ld32(w); \
		uint32_t xe_ = __sxtab16(off2, xv_);                   \
		uint32_t xo_ = mote__dsp_sxtab16_ror8(off2, xv_);      \
		uint32_t we_ = __sxtb16(wv_);                          \
		uint32_t wo_ = mote__dsp_sxtb16_ror8(wv_);             \
		a0 = __smlabb(xe_, we_, a0);                           \
		a2 = __smlatt(xe_, we_, a2);                           \
		a1 = __smlabb(xo_, wo_, a1);                           \
		a3 = __smlatt(xo_, wo_, a3);                           \
	} while (0)

/* One tap of four channels in assembly: input word at [px + ofs], weight
 * word at [pw + ofs]; x and w are scratch registers. */
#define ASM_TAP(ofs)                                               \
	"ldr %[x], [%[px]" ofs "]\n\t"                            \
	"ldr %[w], [%[pw]" ofs "]\n\t"                            \
	"sxtab16 %[xo], %[off2], %[x], ror #8\n\t"                \
	"sxtab16 %[x], %[off2], %[x]\n\t"                         \
	"sxtb16 %[wo], %[w], ror #8\n\t"                          \
	"sxtb16 %[w], %[w]\n\t"                                   \
	"smlabb %[a0], %[x], %[w], %[a0]\n\t"                     \
	"smlatt %[a2], %[x], %[w], %[a2]\n\t"                     \
	"smlabb %[a1], %[xo], %[wo], %[a1]\n\t"                   \
	"smlatt %[a3], %[xo], %[wo], %[a3]\n\t"

#define ASM_OPERANDS                                                 \
	: [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),  \
	  [x] "=&r"(x), [xo] "=&r"(xo), [w] "=&r"(w), [wo] "=&r"(wo)   \
	: [px] "r"(px), [pw] "r"(pw), [c1] "r"(c1), [off2] "r"(off2)   \
	: "memory"

/*
 * acc[0..3] += the valid taps of channels c .. c + 3 when columns are
 * dense (no dilation: input and filter columns are both in_c bytes
 * apart, depth multiplier 1): each row of valid taps in runs of up to
 * three, the run's taps at register offsets 0, in_c and 2 * in_c.
 */
static inline __attribute__((always_inline)) void
group4_dense(const taps *t, int32_t c, int32_t in_c, uint32_t off2,
	     int32_t acc[4])
{
	int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
	const int8_t *xr = t->x + c, *wr = t->w + c;
	ptrdiff_t c1 = in_c;
	uint32_t x, xo, w, wo;
	int32_t fy, fx;

	for (fy = 0; fy < t->rows; fy++, xr += t->x_row, wr += t->w_row) {
		const int8_t *px = xr, *pw = wr;
		for (fx = t->cols; fx >= 3; fx -= 3, px += 3 * c1, pw += 3 * c1)
			__asm__ volatile(ASM_TAP("") ASM_TAP(", %[c1]")
					 ASM_TAP(", %[c1], lsl #1")
					 ASM_OPERANDS);
		if (fx == 2)
			__asm__ volatile(ASM_TAP("") ASM_TAP(", %[c1]")
					 ASM_OPERANDS);
		if (fx == 1)
			__asm__ volatile(ASM_TAP("") ASM_OPERANDS);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
}

/* acc[0..3] += the valid taps of channels c .. c + 3. */
static void group4(const taps *t, int32_t c, uint32_t off2, int32_t w_col,
		   int32_t acc[4])
{
	int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
	const int8_t *xr = t->x + c, *wr = t->w + c;
	ptrdiff_t xc = t->x_col;
	int32_t fy, fx;

	for (fy = 0; fy < t->rows; fy++, xr += t->x_row, wr += t->w_row) {
		const int8_t *x = xr, *w = wr;
		if (t->cols == 3) {
			TAP4(x, w);
			TAP4(x + xc, w + w_col);
			TAP4(x + 2 * xc, w + 2 * w_col);
			continue;
		}
		for (fx = 0; fx < t->cols; fx++, x += xc, w += w_col)
			TAP4(x, w);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
}

/* acc[0..3] += the valid taps of output channels c .. c + 3, which all
 * read input channel ic (depth multiplier > 1): the input value is
 * broadcast to both lanes. */
static void group4_bcast(const taps *t, int32_t c, int32_t ic, int32_t off,
			 int32_t w_col, int32_t acc[4])
{
	int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
	const int8_t *xr = t->x + ic, *wr = t->w + c;
	int32_t fy, fx;

	for (fy = 0; fy < t->rows; fy++, xr += t->x_row, wr += t->w_row) {
		const int8_t *x = xr, *w = wr;
		for (fx = 0; fx < t->cols; fx++, x += t->x_col, w += w_col) {
			uint32_t xv = mote__dsp_dup16(*x + off);
			uint32_t wv = mote__dsp_ld32(w);
			uint32_t we = __sxtb16(wv);
			uint32_t wo = mote__dsp_sxtb16_ror8(wv);
			a0 = __smlabb(xv, we, a0);
			a2 = __smlatt(xv, we, a2);
			a1 = __smlabb(xv, wo, a1);
			a3 = __smlatt(xv, wo, a3);
		}
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
}

/* The valid taps of output channel c (input channel ic), scalar. */
static int32_t channel(const taps *t, int32_t c, int32_t ic, int32_t off,
		       int32_t w_col, int32_t acc)
{
	const int8_t *xr = t->x + ic, *wr = t->w + c;
	int32_t fy, fx;

	for (fy = 0; fy < t->rows; fy++) {
		for (fx = 0; fx < t->cols; fx++)
			acc = mote__dsp_mac(acc, wr[fx * w_col],
					    xr[fx * t->x_col] + off);
		xr += t->x_row;
		wr += t->w_row;
	}
	return acc;
}

/* Sums of output channels c .. c + 3 into acc (bias included). */
static inline __attribute__((always_inline)) void
sums4(const mote_depthwise_conv2d_params *p, const taps *t,
      const int32_t *bias, int32_t c, uint32_t off2, int32_t acc[4])
{
	int32_t dm = p->depth_mult, j;

	for (j = 0; j < 4; j++)
		acc[j] = bias != NULL ? bias[c + j] : 0;
	if (dm != 1)
		group4_bcast(t, c, c / dm, -p->in_zp, p->out_c, acc);
	else if (t->dense)
		group4_dense(t, c, p->in_c, off2, acc);
	else
		group4(t, c, off2, p->out_c, acc);
}

/* All channels of one output pixel; `full`: the clamp range is int8's. */
static void pixel(const mote_depthwise_conv2d_params *p,
		  const mote__dsp_rq8 *rq, const int32_t *bias, const taps *t,
		  int8_t *out, bool full)
{
	int32_t off = -p->in_zp, zp = p->out_zp;
	int32_t lo = p->act_min, hi = p->act_max;
	uint32_t off2 = mote__dsp_dup16(off);
	int32_t acc[4];
	int32_t c, j;

	for (c = 0; c + 4 <= p->out_c; c += 4) {
		sums4(p, t, bias, c, off2, acc);
		for (j = 0; j < 4; j++) {
			mote__dsp_rq q = mote__dsp_rq8_get(rq, p->shift, c + j);
			out[c + j] = mote__dsp_out_s8(acc[j], &q, zp, lo, hi,
						      full);
		}
	}
	for (; c < p->out_c; c++) {
		mote__dsp_rq q = mote__dsp_rq8_get(rq, p->shift, c);
		int32_t a = channel(t, c, c / p->depth_mult, off, p->out_c,
				    bias != NULL ? bias[c] : 0);
		out[c] = mote__dsp_out_s8(a, &q, zp, lo, hi, full);
	}
}

/* The whole layer; `full` as in pixel(). */
static void layer(const mote_depthwise_conv2d_params *p, const int8_t *in,
		  const int8_t *filter, const int32_t *bias, int8_t *out,
		  const mote__dsp_rq8 *rq, bool full)
{
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	ptrdiff_t in_row = (ptrdiff_t)p->in_w * p->in_c;
	int32_t b, oy, ox, fy0, fy1, fx0, fx1;
	taps t;

	t.x_row = p->dilation_h * in_row;
	t.x_col = (ptrdiff_t)p->dilation_w * p->in_c;
	t.w_row = (ptrdiff_t)p->filter_w * p->out_c;
	t.dense = p->dilation_w == 1;
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (size_t)b * image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			mote__tap_range(iy0, p->filter_h, p->dilation_h,
					p->in_h, &fy0, &fy1);
			t.rows = fy1 - fy0;
			for (ox = 0; ox < p->out_w; ox++, out += p->out_c) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				mote__tap_range(ix0, p->filter_w,
						p->dilation_w, p->in_w, &fx0,
						&fx1);
				t.cols = fx1 - fx0;
				t.w = filter + ((ptrdiff_t)fy0 * p->filter_w +
						fx0) * p->out_c;
				t.x = t.rows > 0 && t.cols > 0
					      ? in_b + (iy0 + fy0 * p->dilation_h) *
							       in_row +
							(ptrdiff_t)(ix0 + fx0 * p->dilation_w) *
								p->in_c
					      : in_b;
				pixel(p, rq, bias, &t, out, full);
			}
		}
	}
}

void mote_depthwise_conv2d_s8_dsp(const mote_depthwise_conv2d_params *p,
				  const int8_t *in, const int8_t *filter,
				  const int32_t *bias, int8_t *out,
				  void *scratch)
{
	mote__dsp_rq8 *rq = (mote__dsp_rq8 *)scratch;

	mote__dsp_rq8_table(rq, p->mult, p->shift, p->out_c, p->out_zp);
	layer(p, in, filter, bias, out, rq,
	      p->act_min == -128 && p->act_max == 127);
}
