/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s8.c - int8 convolution (int8 or packed int4 filter, int32 bias),
 * bit-exact with TFLM's reference_integer_ops::ConvPerChannel.
 *
 * TFLM computes, per output element,
 *     acc = sum over taps inside the input of f * (x - in_zp) + bias
 *     out = clamp(MultiplyByQuantizedMultiplier(acc, mult, shift) + out_zp)
 * in int32. The sum is exact integer arithmetic, so it may be regrouped:
 * for an output pixel whose window lies wholly inside the input,
 *     acc = (bias - in_zp * sum of all f) + sum of f * x,
 * and the bracket is one number per output channel ("base"), computed once
 * per call into the scratch buffer. Pixels on the border skip the taps that
 * fall into the padding and add -in_zp per tap, exactly as TFLM. Which taps
 * are valid is worked out once per pixel, so the inner loops carry no
 * bounds checks, and output channels are computed four at a time so that
 * each input value loaded serves four filters. Sums wrap modulo 2^32 as
 * TFLM's int32 accumulator does on two's-complement hardware (no undefined
 * behaviour on hostile models). int4 filters are unpacked into the scratch
 * buffer at each call, as TFLM does; the model's bytes stay in place.
 */
#include "kernels/conv2d.h"

#include <stdbool.h>

#include "kernels/fixedpoint.h"

/* Sum of w[i] * (x[i] + off) for i < n, modulo 2^32. */
static uint32_t dot1_s8(const int8_t *w, const int8_t *x, int32_t n,
			int32_t off)
{
	uint32_t acc = 0;
	int32_t i;

	if (off == 0) {
		for (i = 0; i < n; i++)
			acc += (uint32_t)(w[i] * x[i]);
		return acc;
	}
	for (i = 0; i < n; i++)
		acc += (uint32_t)(w[i] * (x[i] + off));
	return acc;
}

/*
 * acc[j] += sum of w[j * k + i] * (x[i] + off) for i < n, for the nb (1 to
 * 4) filters j that start k elements apart. Four filters share each input
 * load.
 */
static void dot_s8(uint32_t *acc, const int8_t *w, size_t k,
		   const int8_t *x, int32_t n, int32_t off, int32_t nb)
{
	const int8_t *w1 = w + k, *w2 = w1 + k, *w3 = w2 + k;
	uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
	int32_t i, j;

	if (nb < 4) {
		for (j = 0; j < nb; j++)
			acc[j] += dot1_s8(w + (size_t)j * k, x, n, off);
		return;
	}
	for (i = 0; i < n; i++) {
		int32_t xv = x[i] + off;
		a0 += (uint32_t)(w[i] * xv);
		a1 += (uint32_t)(w1[i] * xv);
		a2 += (uint32_t)(w2[i] * xv);
		a3 += (uint32_t)(w3[i] * xv);
	}
	acc[0] += a0;
	acc[1] += a1;
	acc[2] += a2;
	acc[3] += a3;
}

/* base[oc] = bias[oc] - in_zp * (sum of filter oc), modulo 2^32. */
static void fold_offset(const mote_conv2d_params *p, const int8_t *filter,
			const int32_t *bias, int32_t *base)
{
	int32_t k = p->filter_h * p->filter_w * p->filter_c;
	uint32_t off = (uint32_t)-p->in_zp;
	int32_t oc, i;

	for (oc = 0; oc < p->out_c; oc++) {
		const int8_t *w = filter + (size_t)oc * (size_t)k;
		uint32_t sum = 0;
		for (i = 0; i < k; i++)
			sum += (uint32_t)w[i];
		sum = sum * off + (bias != NULL ? (uint32_t)bias[oc] : 0u);
		base[oc] = (int32_t)sum;
	}
}

/* Requantizes one accumulator of output channel oc. */
static int8_t requant_s8(const mote_conv2d_params *p, int32_t oc, uint32_t acc)
{
	int32_t v = mote_mul_by_quant_mult((int32_t)acc, p->mult[oc],
					   p->shift[oc]);
	/* TFLM adds the zero point in int32 (wrapping); then clamps. */
	v = (int32_t)((uint32_t)v + (uint32_t)p->out_zp);
	return (int8_t)mote_clamp_i32(v, p->act_min, p->act_max);
}

/* The taps of one output pixel that lie inside the input. */
typedef struct window {
	ptrdiff_t origin; /* element offset of the window's (0, 0) tap in the
			     batch image; may lie outside it */
	int32_t fy0; /* first valid filter row */
	int32_t fy1; /* one past the last valid filter row */
	int32_t fx0; /* first valid filter column */
	int32_t fx1; /* one past the last valid filter column */
	int32_t off; /* value added to each input: -in_zp, or 0 if folded */
} window;

/*
 * acc[j] += the sum over the window of filter j (of nb consecutive filters
 * of k elements from w) times the input channels of the batch image in_b
 * starting at channel c0.
 */
static void window_sum(const mote_conv2d_params *p, const window *win,
		       const int8_t *w, size_t k, const int8_t *in_b,
		       int32_t c0, int32_t nb, uint32_t *acc)
{
	int32_t row_step = p->dilation_h * p->in_w * p->in_c;
	int32_t col_step = p->dilation_w * p->in_c;
	int32_t fc = p->filter_c;
	int32_t fy, fx;

	for (fy = win->fy0; fy < win->fy1; fy++) {
		const int8_t *wr = w + (fy * p->filter_w + win->fx0) * fc;
		const int8_t *xr = in_b + (win->origin + c0 + fy * row_step +
					   win->fx0 * col_step);
		/* Undilated, ungrouped rows are contiguous in both tensors. */
		if (col_step == fc) {
			dot_s8(acc, wr, k, xr, (win->fx1 - win->fx0) * fc,
			       win->off, nb);
			continue;
		}
		for (fx = win->fx0; fx < win->fx1; fx++) {
			dot_s8(acc, wr, k, xr, fc, win->off, nb);
			wr += fc;
			xr += col_step;
		}
	}
}

/* All output channels of the pixel at input origin (iy0, ix0). */
static void conv_pixel(const mote_conv2d_params *p, const int8_t *in_b,
		       const int8_t *filter, const int32_t *bias,
		       const int32_t *base, int32_t iy0, int32_t ix0,
		       int8_t *out)
{
	size_t k = (size_t)p->filter_h * p->filter_w * p->filter_c;
	int32_t per_group = p->out_c / p->groups;
	uint32_t acc[4];
	window win;
	bool inside;
	int32_t oc, nb, j;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &win.fy0,
			&win.fy1);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &win.fx0,
			&win.fx1);
	inside = win.fy0 == 0 && win.fy1 == p->filter_h && win.fx0 == 0 &&
		 win.fx1 == p->filter_w;
	win.off = inside ? 0 : -p->in_zp;
	win.origin = ((ptrdiff_t)iy0 * p->in_w + ix0) * p->in_c;
	/* Up to four channels of one group at a time. */
	for (oc = 0; oc < p->out_c; oc += nb) {
		int32_t g = oc / per_group;
		nb = mote_min_i32(4, (g + 1) * per_group - oc);
		for (j = 0; j < nb; j++) {
			if (inside)
				acc[j] = (uint32_t)base[oc + j];
			else
				acc[j] = bias != NULL ? (uint32_t)bias[oc + j]
						      : 0u;
		}
		window_sum(p, &win, filter + (size_t)oc * k, k, in_b,
			   g * p->filter_c, nb, acc);
		for (j = 0; j < nb; j++)
			out[oc + j] = requant_s8(p, oc + j, acc[j]);
	}
}

/* The convolution proper, with `base` per output channel in scratch. */
static void conv_s8(const mote_conv2d_params *p, const int8_t *in,
		    const int8_t *filter, const int32_t *bias, int8_t *out,
		    int32_t *base)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	int32_t b, oy, ox;

	fold_offset(p, filter, bias, base);
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				conv_pixel(p, in_b, filter, bias, base, iy0,
					   ix0, out);
				out += p->out_c;
			}
		}
	}
}

size_t mote_conv2d_s8_scratch_size(const mote_conv2d_params *p)
{
	return (size_t)p->out_c * sizeof(int32_t);
}

void mote_conv2d_s8(const mote_conv2d_params *p, const int8_t *in,
		    const int8_t *filter, const int32_t *bias, int8_t *out,
		    void *scratch)
{
	conv_s8(p, in, filter, bias, out, (int32_t *)scratch);
}

/* Bytes of the unpacked int4 filter, rounded up to keep `base` aligned. */
static size_t unpacked_bytes(const mote_conv2d_params *p)
{
	size_t n = (size_t)p->out_c * p->filter_h * p->filter_w * p->filter_c;
	return (n + 3u) & ~(size_t)3u;
}

size_t mote_conv2d_s8w4_scratch_size(const mote_conv2d_params *p)
{
	return unpacked_bytes(p) + (size_t)p->out_c * sizeof(int32_t);
}

void mote_conv2d_s8w4(const mote_conv2d_params *p, const int8_t *in,
		      const uint8_t *filter, const int32_t *bias, int8_t *out,
		      void *scratch)
{
	size_t n = (size_t)p->out_c * p->filter_h * p->filter_w * p->filter_c;
	int8_t *unpacked = (int8_t *)scratch;
	int32_t *base = (int32_t *)((uint8_t *)scratch + unpacked_bytes(p));

	mote__unpack_int4(filter, n, unpacked);
	conv_s8(p, in, unpacked, bias, out, base);
}
