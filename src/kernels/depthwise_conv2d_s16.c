/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s16.c - 16x8 depthwise convolution (int16 activations,
 * int8 filter, int64 bias), bit-exact with TFLM's
 * reference_integer_ops::DepthwiseConvPerChannel (int16 overload).
 *
 * TFLM ignores the int16 zero points (0 by the quantization spec), sums
 * f * x in int64 over the taps inside the input, adds the int64 bias and
 * requantizes with the 64-bit MultiplyByQuantizedMultiplier. The scratch
 * buffer holds one int64 accumulator per output channel.
 */
#include "kernels/depthwise_conv2d.h"

#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/fixedpoint.h"

/* acc[oc] += w[oc] * x[oc / dm] for every output channel. */
static void add_tap(int64_t *acc, const int8_t *w, const int16_t *x,
		    int32_t in_c, int32_t dm)
{
	int32_t ic, m;

	if (dm == 1) {
		for (ic = 0; ic < in_c; ic++)
			acc[ic] += w[ic] * x[ic];
		return;
	}
	for (ic = 0; ic < in_c; ic++) {
		int32_t xv = x[ic];
		for (m = 0; m < dm; m++)
			acc[ic * dm + m] += w[ic * dm + m] * xv;
	}
}

/* Adds the bias and requantizes one pixel into out[0 .. out_c). */
static void requant_pixel(const mote_depthwise_conv2d_params *p,
			  const int64_t *bias, const int64_t *acc,
			  int16_t *out)
{
	int32_t oc;

	for (oc = 0; oc < p->out_c; oc++) {
		int64_t a = acc[oc];
		int32_t v;
		if (bias != NULL) /* wraps instead of overflowing */
			a = (int64_t)((uint64_t)a + (uint64_t)bias[oc]);
		v = mote_mul_by_quant_mult_64(a, p->mult[oc], p->shift[oc]);
		out[oc] = (int16_t)mote_clamp_i32(v, p->act_min, p->act_max);
	}
}

/* One output pixel (all channels) at input origin (iy0, ix0). */
static void dw_pixel(const mote_depthwise_conv2d_params *p,
		     const int8_t *filter, const int64_t *bias,
		     const int16_t *in_b, int32_t iy0, int32_t ix0,
		     int64_t *acc, int16_t *out)
{
	int32_t fy0, fy1, fx0, fx1, fy, fx;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &fy0, &fy1);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0, &fx1);
	memset(acc, 0, (size_t)p->out_c * sizeof(int64_t));
	for (fy = fy0; fy < fy1; fy++) {
		int32_t iy = iy0 + fy * p->dilation_h;
		for (fx = fx0; fx < fx1; fx++) {
			int32_t ix = ix0 + fx * p->dilation_w;
			const int16_t *x =
				in_b + ((size_t)iy * p->in_w + ix) * p->in_c;
			const int8_t *w =
				filter +
				((size_t)fy * p->filter_w + fx) * p->out_c;
			add_tap(acc, w, x, p->in_c, p->depth_mult);
		}
	}
	requant_pixel(p, bias, acc, out);
}

size_t mote_depthwise_conv2d_s16_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	return (size_t)p->out_c * sizeof(int64_t);
}

void mote_depthwise_conv2d_s16(const mote_depthwise_conv2d_params *p,
			       const int16_t *in, const int8_t *filter,
			       const int64_t *bias, int16_t *out,
			       void *scratch)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	int64_t *acc = (int64_t *)scratch;
	int32_t b, oy, ox;

	for (b = 0; b < p->batches; b++) {
		const int16_t *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				dw_pixel(p, filter, bias, in_b, iy0, ix0, acc,
					 out);
				out += p->out_c;
			}
		}
	}
}
