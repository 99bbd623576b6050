/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s8.c - int8 depthwise convolution (int8 or packed int4
 * filter, int32 bias), bit-exact with TFLM's
 * reference_integer_ops::DepthwiseConvPerChannel.
 *
 * TFLM computes, per output element,
 *     acc = sum over taps inside the input of f * (x - in_zp) + bias
 *     out = clamp(MultiplyByQuantizedMultiplier(acc, mult, shift) + out_zp)
 * in int32. The sum is exact, so for a pixel whose window lies wholly
 * inside the input it is regrouped as
 *     acc = (bias - in_zp * sum of all taps of f) + sum of f * x,
 * the bracket ("base") computed once per call and per channel. Border
 * pixels skip the padding taps and subtract in_zp per tap, as TFLM does.
 * Scratch layout: base[out_c], acc[out_c] (uint32, wrapping modulo 2^32 as
 * TFLM's int32 accumulator does), then for int4 the unpacked filter.
 */
#include "kernels/depthwise_conv2d.h"

#include <stdbool.h>
#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/fixedpoint.h"

/* acc[oc] += w[oc] * (x[oc / dm] + off) for every output channel. */
static void add_tap(uint32_t *acc, const int8_t *w, const int8_t *x,
		    int32_t in_c, int32_t dm, int32_t off)
{
	int32_t ic, m;

	if (dm == 1) {
		for (ic = 0; ic < in_c; ic++)
			acc[ic] += (uint32_t)(w[ic] * (x[ic] + off));
		return;
	}
	for (ic = 0; ic < in_c; ic++) {
		int32_t xv = x[ic] + off;
		for (m = 0; m < dm; m++)
			acc[ic * dm + m] += (uint32_t)(w[ic * dm + m] * xv);
	}
}

/* base[oc] = bias[oc] - in_zp * (sum of the taps of channel oc). */
static void fold_offset(const mote_depthwise_conv2d_params *p,
			const int8_t *filter, const int32_t *bias,
			uint32_t *base)
{
	int32_t taps = p->filter_h * p->filter_w;
	uint32_t off = (uint32_t)-p->in_zp;
	int32_t t, oc;

	for (oc = 0; oc < p->out_c; oc++)
		base[oc] = 0;
	for (t = 0; t < taps; t++) {
		const int8_t *w = filter + (size_t)t * (size_t)p->out_c;
		for (oc = 0; oc < p->out_c; oc++)
			base[oc] += (uint32_t)w[oc];
	}
	for (oc = 0; oc < p->out_c; oc++)
		base[oc] = base[oc] * off +
			   (bias != NULL ? (uint32_t)bias[oc] : 0u);
}

/* Requantizes the accumulators of one pixel into out[0 .. out_c). */
static void requant_pixel(const mote_depthwise_conv2d_params *p,
			  const uint32_t *acc, int8_t *out)
{
	int32_t oc;

	for (oc = 0; oc < p->out_c; oc++) {
		int32_t v = mote_mul_by_quant_mult((int32_t)acc[oc],
						   p->mult[oc], p->shift[oc]);
		/* TFLM adds the zero point in int32 (wrapping); then clamps. */
		v = (int32_t)((uint32_t)v + (uint32_t)p->out_zp);
		out[oc] = (int8_t)mote_clamp_i32(v, p->act_min, p->act_max);
	}
}

/* Sets the accumulators of a pixel: base inside, bias (or 0) on borders. */
static void init_acc(const mote_depthwise_conv2d_params *p, bool inside,
		     const uint32_t *base, const int32_t *bias, uint32_t *acc)
{
	size_t bytes = (size_t)p->out_c * sizeof(uint32_t);
	int32_t oc;

	if (inside)
		memcpy(acc, base, bytes);
	else if (bias == NULL)
		memset(acc, 0, bytes);
	else
		for (oc = 0; oc < p->out_c; oc++)
			acc[oc] = (uint32_t)bias[oc];
}

/* The buffers of one call. */
typedef struct dw_bufs {
	const int8_t *filter; /* int8 filter [filter_h][filter_w][out_c] */
	const int32_t *bias; /* bias, or NULL */
	const uint32_t *base; /* folded bias and offset per channel */
	uint32_t *acc; /* accumulators of the current pixel */
} dw_bufs;

/* One output pixel (all channels) at input origin (iy0, ix0). */
static void dw_pixel(const mote_depthwise_conv2d_params *p,
		     const dw_bufs *bf, const int8_t *in_b, int32_t iy0,
		     int32_t ix0, int8_t *out)
{
	int32_t fy0, fy1, fx0, fx1, fy, fx;
	bool inside;
	int32_t off;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &fy0, &fy1);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0, &fx1);
	inside = fy0 == 0 && fy1 == p->filter_h && fx0 == 0 &&
		 fx1 == p->filter_w;
	off = inside ? 0 : -p->in_zp;
	init_acc(p, inside, bf->base, bf->bias, bf->acc);
	for (fy = fy0; fy < fy1; fy++) {
		int32_t iy = iy0 + fy * p->dilation_h;
		for (fx = fx0; fx < fx1; fx++) {
			int32_t ix = ix0 + fx * p->dilation_w;
			const int8_t *x =
				in_b + ((size_t)iy * p->in_w + ix) * p->in_c;
			const int8_t *w =
				bf->filter +
				((size_t)fy * p->filter_w + fx) * p->out_c;
			add_tap(bf->acc, w, x, p->in_c, p->depth_mult, off);
		}
	}
	requant_pixel(p, bf->acc, out);
}

static void dw_s8(const mote_depthwise_conv2d_params *p, const int8_t *in,
		  const int8_t *filter, const int32_t *bias, int8_t *out,
		  uint32_t *scratch)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	dw_bufs bf = { filter, bias, scratch, scratch + p->out_c };
	int32_t b, oy, ox;

	fold_offset(p, filter, bias, scratch);
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				dw_pixel(p, &bf, in_b, iy0, ix0, out);
				out += p->out_c;
			}
		}
	}
}

size_t mote_depthwise_conv2d_s8_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	return 2u * (size_t)p->out_c * sizeof(uint32_t);
}

void mote_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
			      const int8_t *in, const int8_t *filter,
			      const int32_t *bias, int8_t *out, void *scratch)
{
	dw_s8(p, in, filter, bias, out, (uint32_t *)scratch);
}

size_t mote_depthwise_conv2d_s8w4_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	size_t n = (size_t)p->filter_h * p->filter_w * p->out_c;

	return mote_depthwise_conv2d_s8_scratch_size(p) + n;
}

void mote_depthwise_conv2d_s8w4(const mote_depthwise_conv2d_params *p,
				const int8_t *in, const uint8_t *filter,
				const int32_t *bias, int8_t *out,
				void *scratch)
{
	size_t n = (size_t)p->filter_h * p->filter_w * p->out_c;
	uint32_t *acc = (uint32_t *)scratch;
	int8_t *unpacked = (int8_t *)(acc + 2 * (size_t)p->out_c);

	mote__unpack_int4(filter, n, unpacked);
	dw_s8(p, in, unpacked, bias, out, acc);
}
