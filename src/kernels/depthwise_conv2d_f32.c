/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_f32.c - float32 depthwise convolution, bit-exact with
 * TFLM's reference_ops::DepthwiseConv when built without FMA contraction
 * (-ffp-contract=off, as the mote build does).
 *
 * Per output element: total = 0; for each tap inside the input in the order
 * filter_y, filter_x: total += x * f (rounded to float at each step); then
 * out = min(max(total + bias, act_min_f), act_max_f), bias 0.0f if absent.
 * The scratch buffer holds one running total per output channel, so each
 * channel sees exactly TFLM's sequence of float operations.
 */
#include "kernels/depthwise_conv2d.h"

#include "kernels/conv2d.h"

/* total[oc] += x[oc / dm] * w[oc] for every output channel. */
static void add_tap(float *total, const float *w, const float *x,
		    int32_t in_c, int32_t dm)
{
	int32_t ic, m;

	if (dm == 1) {
		for (ic = 0; ic < in_c; ic++)
			total[ic] += x[ic] * w[ic];
		return;
	}
	for (ic = 0; ic < in_c; ic++) {
		float xv = x[ic];
		for (m = 0; m < dm; m++)
			total[ic * dm + m] += xv * w[ic * dm + m];
	}
}

/* TFLM's ActivationFunctionWithMinMax: std::min(std::max(x, lo), hi). */
static float clamp_f32(float x, float lo, float hi)
{
	x = x < lo ? lo : x;
	return hi < x ? hi : x;
}

/* Adds the bias and clamps one pixel into out[0 .. out_c). */
static void finish_pixel(const mote_depthwise_conv2d_params *p,
			 const float *bias, const float *total, float *out)
{
	int32_t oc;

	for (oc = 0; oc < p->out_c; oc++) {
		float b = bias != NULL ? bias[oc] : 0.0f;
		out[oc] = clamp_f32(total[oc] + b, p->act_min_f, p->act_max_f);
	}
}

/* One output pixel (all channels) at input origin (iy0, ix0). */
static void dw_pixel(const mote_depthwise_conv2d_params *p,
		     const float *filter, const float *bias, const float *in_b,
		     int32_t iy0, int32_t ix0, float *total, float *out)
{
	int32_t fy0, fy1, fx0, fx1, fy, fx;
	int32_t oc;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &fy0, &fy1);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &fx0, &fx1);
	for (oc = 0; oc < p->out_c; oc++)
		total[oc] = 0.0f;
	for (fy = fy0; fy < fy1; fy++) {
		int32_t iy = iy0 + fy * p->dilation_h;
		for (fx = fx0; fx < fx1; fx++) {
			int32_t ix = ix0 + fx * p->dilation_w;
			const float *x =
				in_b + ((size_t)iy * p->in_w + ix) * p->in_c;
			const float *w =
				filter +
				((size_t)fy * p->filter_w + fx) * p->out_c;
			add_tap(total, w, x, p->in_c, p->depth_mult);
		}
	}
	finish_pixel(p, bias, total, out);
}

size_t mote_depthwise_conv2d_f32_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	return (size_t)p->out_c * sizeof(float);
}

void mote_depthwise_conv2d_f32(const mote_depthwise_conv2d_params *p,
			       const float *in, const float *filter,
			       const float *bias, float *out, void *scratch)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	float *total = (float *)scratch;
	int32_t b, oy, ox;

	for (b = 0; b < p->batches; b++) {
		const float *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				dw_pixel(p, filter, bias, in_b, iy0, ix0,
					 total, out);
				out += p->out_c;
			}
		}
	}
}
