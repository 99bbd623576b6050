/* SPDX-License-Identifier: Apache-2.0 */
/*
 * transpose_conv.c - reference TRANSPOSE_CONV; see transpose_conv.h.
 *
 * The scatter visits input pixels in (b, y, x) order; for one pixel and
 * one filter tap, output channel oc receives sum over ic (in order) of
 * in[ic] * filter[oc][fy][fx][ic]. Per output element this is the same
 * sequence of float additions as TFLM's loop nest (which puts ic outside
 * the taps), since one pixel reaches a given output element through one
 * tap only.
 */
#include "kernels/transpose_conv.h"

#include <string.h>

#include "kernels/fixedpoint.h"

static size_t n_out(const mote_transpose_conv_params *p)
{
	return (size_t)p->batches * (size_t)p->out_h * (size_t)p->out_w *
	       (size_t)p->out_c;
}

size_t mote_transpose_conv_s8_scratch_size(const mote_transpose_conv_params *p)
{
	return n_out(p) * sizeof(int32_t);
}

size_t mote_transpose_conv_s16_scratch_size(
	const mote_transpose_conv_params *p)
{
	return n_out(p) * sizeof(int64_t);
}

/* Offset of the first channel of pixel (b, y, x) of the input. */
static size_t in_at(const mote_transpose_conv_params *p, int32_t b, int32_t y,
		    int32_t x)
{
	return (((size_t)b * p->in_h + y) * p->in_w + x) * p->in_c;
}

/* Offset of output pixel (b, y, x), or -1 if it lies outside. */
static ptrdiff_t out_at(const mote_transpose_conv_params *p, int32_t b,
			int32_t y, int32_t x)
{
	if (y < 0 || y >= p->out_h || x < 0 || x >= p->out_w)
		return -1;
	return (ptrdiff_t)((((size_t)b * p->out_h + y) * p->out_w + x) *
			   p->out_c);
}

/* Step between output channels in the OHWI filter. */
static size_t oc_step(const mote_transpose_conv_params *p)
{
	return (size_t)p->filter_h * p->filter_w * p->in_c;
}

static void tap_f32(const mote_transpose_conv_params *p, const float *px,
		    const float *w, float *o)
{
	for (int32_t oc = 0; oc < p->out_c; oc++) {
		const float *wo = w + oc * oc_step(p);
		float acc = o[oc];
		for (int32_t ic = 0; ic < p->in_c; ic++)
			acc += px[ic] * wo[ic];
		o[oc] = acc;
	}
}

/* Scatters input pixel (b, y, x) through every filter tap. */
static void pixel_f32(const mote_transpose_conv_params *p, const float *in,
		      const float *filter, float *out, int32_t b, int32_t y,
		      int32_t x)
{
	const float *px = in + in_at(p, b, y, x);
	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			ptrdiff_t o = out_at(p, b, y * p->stride_h - p->pad_h + fy,
					     x * p->stride_w - p->pad_w + fx);
			if (o >= 0)
				tap_f32(p, px,
					filter + ((size_t)fy * p->filter_w + fx) *
							 p->in_c,
					out + o);
		}
	}
}

static float clamp_f32(float v, float lo, float hi)
{
	v = v < lo ? lo : v;
	return hi < v ? hi : v;
}

void mote_transpose_conv_f32(const mote_transpose_conv_params *p,
			     const float *in, const float *filter,
			     const float *bias, float *out)
{
	size_t n = n_out(p);
	for (size_t i = 0; i < n; i++)
		out[i] = 0.0f;
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t y = 0; y < p->in_h; y++) {
			for (int32_t x = 0; x < p->in_w; x++)
				pixel_f32(p, in, filter, out, b, y, x);
		}
	}
	for (size_t i = 0; i < n; i++) {
		float acc = out[i];
		if (bias)
			acc += bias[i % (size_t)p->out_c];
		out[i] = clamp_f32(acc, p->act_min_f, p->act_max_f);
	}
}

static void tap_s8(const mote_transpose_conv_params *p, const int8_t *px,
		   const int8_t *w, int32_t *o)
{
	for (int32_t oc = 0; oc < p->out_c; oc++) {
		const int8_t *wo = w + oc * oc_step(p);
		uint32_t acc = (uint32_t)o[oc];
		for (int32_t ic = 0; ic < p->in_c; ic++)
			acc += (uint32_t)((px[ic] - p->in_zp) * wo[ic]);
		o[oc] = (int32_t)acc;
	}
}

static void pixel_s8(const mote_transpose_conv_params *p, const int8_t *in,
		     const int8_t *filter, int32_t *acc, int32_t b, int32_t y,
		     int32_t x)
{
	const int8_t *px = in + in_at(p, b, y, x);
	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			ptrdiff_t o = out_at(p, b, y * p->stride_h - p->pad_h + fy,
					     x * p->stride_w - p->pad_w + fx);
			if (o >= 0)
				tap_s8(p, px,
				       filter + ((size_t)fy * p->filter_w + fx) *
							p->in_c,
				       acc + o);
		}
	}
}

void mote_transpose_conv_s8(const mote_transpose_conv_params *p,
			    const int8_t *in, const int8_t *filter,
			    const int32_t *bias, int8_t *out, int32_t *scratch)
{
	size_t n = n_out(p);
	memset(scratch, 0, n * sizeof *scratch);
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t y = 0; y < p->in_h; y++) {
			for (int32_t x = 0; x < p->in_w; x++)
				pixel_s8(p, in, filter, scratch, b, y, x);
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t oc = i % (size_t)p->out_c;
		int32_t acc = scratch[i];
		if (bias)
			acc = (int32_t)((uint32_t)acc + (uint32_t)bias[oc]);
		acc = mote_mul_by_quant_mult(acc, p->mult[oc], p->shift[oc]);
		acc = mote_clamp_i32(acc + p->out_zp, p->act_min, p->act_max);
		out[i] = (int8_t)acc;
	}
}

static void tap_s16(const mote_transpose_conv_params *p, const int16_t *px,
		    const int8_t *w, int64_t *o)
{
	for (int32_t oc = 0; oc < p->out_c; oc++) {
		const int8_t *wo = w + oc * oc_step(p);
		int64_t acc = o[oc];
		for (int32_t ic = 0; ic < p->in_c; ic++)
			acc += (int32_t)px[ic] * (int32_t)wo[ic];
		o[oc] = acc;
	}
}

static void pixel_s16(const mote_transpose_conv_params *p, const int16_t *in,
		      const int8_t *filter, int64_t *acc, int32_t b, int32_t y,
		      int32_t x)
{
	const int16_t *px = in + in_at(p, b, y, x);
	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			ptrdiff_t o = out_at(p, b, y * p->stride_h - p->pad_h + fy,
					     x * p->stride_w - p->pad_w + fx);
			if (o >= 0)
				tap_s16(p, px,
					filter + ((size_t)fy * p->filter_w + fx) *
							 p->in_c,
					acc + o);
		}
	}
}

void mote_transpose_conv_s16(const mote_transpose_conv_params *p,
			     const int16_t *in, const int8_t *filter,
			     const int64_t *bias, int16_t *out,
			     int64_t *scratch)
{
	size_t n = n_out(p);
	memset(scratch, 0, n * sizeof *scratch);
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t y = 0; y < p->in_h; y++) {
			for (int32_t x = 0; x < p->in_w; x++)
				pixel_s16(p, in, filter, scratch, b, y, x);
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t oc = i % (size_t)p->out_c;
		int64_t acc = scratch[i];
		if (bias) /* wraps instead of overflowing on a hostile bias */
			acc = (int64_t)((uint64_t)acc + (uint64_t)bias[oc]);
		int32_t y = mote_mul_by_quant_mult_64(acc, p->mult[oc],
						       p->shift[oc]);
		out[i] = (int16_t)mote_clamp_i32(y, p->act_min, p->act_max);
	}
}
