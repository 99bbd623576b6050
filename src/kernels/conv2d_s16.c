/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s16.c - 16x8 convolution (int16 activations, int8 filter),
 * bit-exact with TFLM's reference_integer_ops::ConvPerChannel<AccumScalar>.
 *
 * TFLM ignores the int16 zero points (they are 0 by the quantization spec)
 * and sums f * x over the taps inside the input, then adds the bias:
 *   - int64 bias: 64-bit accumulator, 64-bit MultiplyByQuantizedMultiplier;
 *   - int32 bias: 32-bit accumulator (wrapping), 32-bit requantization.
 * Each product fits in 23 bits, so the window sum is exact in int64 and its
 * low 32 bits are what the wrapping 32-bit accumulator holds; both kernels
 * share that sum. Valid taps are found once per output pixel.
 */
#include "kernels/conv2d.h"

#include "kernels/fixedpoint.h"

/* Sum of w[i] * x[i] for i < n. */
static int64_t dot_s16(const int8_t *w, const int16_t *x, int32_t n)
{
	int64_t acc = 0;
	int32_t i;

	for (i = 0; i < n; i++)
		acc += w[i] * x[i];
	return acc;
}

/* The taps of one output pixel that lie inside the input. */
typedef struct window {
	ptrdiff_t origin; /* element offset of the (0, 0) tap in the batch
			     image; may lie outside it */
	int32_t fy0; /* first valid filter row */
	int32_t fy1; /* one past the last valid filter row */
	int32_t fx0; /* first valid filter column */
	int32_t fx1; /* one past the last valid filter column */
} window;

/* Sum over the window of filter w times the channels from c0 of in_b. */
static int64_t window_sum(const mote_conv2d_params *p, const window *win,
			  const int8_t *w, const int16_t *in_b, int32_t c0)
{
	int32_t row_step = p->dilation_h * p->in_w * p->in_c;
	int32_t col_step = p->dilation_w * p->in_c;
	int32_t fc = p->filter_c;
	int64_t acc = 0;
	int32_t fy, fx;

	for (fy = win->fy0; fy < win->fy1; fy++) {
		const int8_t *wr = w + (fy * p->filter_w + win->fx0) * fc;
		const int16_t *xr = in_b + (win->origin + c0 + fy * row_step +
					    win->fx0 * col_step);
		/* Undilated, ungrouped rows are contiguous in both tensors. */
		if (col_step == fc) {
			acc += dot_s16(wr, xr, (win->fx1 - win->fx0) * fc);
			continue;
		}
		for (fx = win->fx0; fx < win->fx1; fx++) {
			acc += dot_s16(wr, xr, fc);
			wr += fc;
			xr += col_step;
		}
	}
	return acc;
}

/* Output of channel oc from its window sum: 64-bit path. */
static int16_t requant64(const mote_conv2d_params *p, int32_t oc, int64_t sum,
			 const int64_t *bias)
{
	int32_t v;

	if (bias != NULL) /* wraps instead of overflowing on hostile bias */
		sum = (int64_t)((uint64_t)sum + (uint64_t)bias[oc]);
	v = mote_mul_by_quant_mult_64(sum, p->mult[oc], p->shift[oc]);
	return (int16_t)mote_clamp_i32(v, p->act_min, p->act_max);
}

/* Output of channel oc from its window sum: 32-bit accumulator path. */
static int16_t requant32(const mote_conv2d_params *p, int32_t oc, int64_t sum,
			 const int32_t *bias)
{
	uint32_t acc = (uint32_t)sum;
	int32_t v;

	if (bias != NULL)
		acc += (uint32_t)bias[oc];
	v = mote_mul_by_quant_mult((int32_t)acc, p->mult[oc], p->shift[oc]);
	return (int16_t)mote_clamp_i32(v, p->act_min, p->act_max);
}

/* The path and bias of one call. */
typedef struct bias_sel {
	const int64_t *b64; /* int64 bias (64-bit path), or NULL */
	const int32_t *b32; /* int32 bias (32-bit path), or NULL */
	int acc32; /* nonzero: the 32-bit accumulator path */
} bias_sel;

/* All output channels of the pixel at input origin (iy0, ix0). */
static void conv_pixel(const mote_conv2d_params *p, const int16_t *in_b,
		       const int8_t *filter, const bias_sel *bs, int32_t iy0,
		       int32_t ix0, int16_t *out)
{
	size_t k = (size_t)p->filter_h * p->filter_w * p->filter_c;
	int32_t per_group = p->out_c / p->groups;
	window win;
	int32_t oc;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &win.fy0,
			&win.fy1);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &win.fx0,
			&win.fx1);
	win.origin = ((ptrdiff_t)iy0 * p->in_w + ix0) * p->in_c;
	for (oc = 0; oc < p->out_c; oc++) {
		int32_t c0 = (oc / per_group) * p->filter_c;
		int64_t s = window_sum(p, &win, filter + oc * k, in_b, c0);
		if (bs->acc32)
			out[oc] = requant32(p, oc, s, bs->b32);
		else
			out[oc] = requant64(p, oc, s, bs->b64);
	}
}

static void conv_s16(const mote_conv2d_params *p, const int16_t *in,
		     const int8_t *filter, const bias_sel *bs, int16_t *out)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	int32_t b, oy, ox;

	for (b = 0; b < p->batches; b++) {
		const int16_t *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				conv_pixel(p, in_b, filter, bs, iy0, ix0, out);
				out += p->out_c;
			}
		}
	}
}

void mote_conv2d_s16(const mote_conv2d_params *p, const int16_t *in,
		     const int8_t *filter, const int64_t *bias, int16_t *out)
{
	bias_sel bs = { bias, NULL, 0 };

	conv_s16(p, in, filter, &bs, out);
}

void mote_conv2d_s16_acc32(const mote_conv2d_params *p, const int16_t *in,
			   const int8_t *filter, const int32_t *bias,
			   int16_t *out)
{
	bias_sel bs = { NULL, bias, 1 };

	conv_s16(p, in, filter, &bs, out);
}
