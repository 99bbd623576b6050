/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resize.c - see resize.h.
 *
 * The float position arithmetic runs in the same order as TFLM's (the
 * library is built without FMA contraction); floor and ceil go through
 * mote_floor(), exact for any float. Each kernel finds the row taps once
 * per output row and the column taps once per output pixel, as TFLM does.
 */
#include "kernels/resize.h"

#include <string.h>

#include "kernels/fixedpoint.h"

/* Where one output row (or column) reads the input. */
typedef struct tap {
	int32_t lo; /* input index (nearest: the only one) */
	int32_t hi; /* second input index (bilinear) */
	int32_t frac_q10; /* weight of `hi` in 1/1024 (integer bilinear) */
	float frac; /* weight of `hi` (float bilinear) */
} tap;

/* TFLM's float scale between input and output positions. */
static float pos_scale(int32_t in, int32_t out, bool align_corners)
{
	if (align_corners && out > 1)
		return (float)(in - 1) / (float)(out - 1);
	return (float)in / (float)out;
}

/* TFLM's Q10 scale of the integer bilinear kernel. */
static int32_t pos_scale_q10(int32_t in, int32_t out, bool align_corners)
{
	if (align_corners && out > 1)
		return ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
	return ((1 << 10) * in + out / 2) / out;
}

void mote_resize_init(mote_resize_params *p)
{
	p->scale_h = pos_scale(p->in_h, p->out_h, p->align_corners);
	p->scale_w = pos_scale(p->in_w, p->out_w, p->align_corners);
	p->scale_h_q10 = pos_scale_q10(p->in_h, p->out_h, p->align_corners);
	p->scale_w_q10 = pos_scale_q10(p->in_w, p->out_w, p->align_corners);
}

/* Input index of output index o (nearest neighbour). */
static int32_t nearest(const mote_resize_params *p, int32_t o, int32_t in,
		       float scale)
{
	float offset = p->half_pixel_centers ? 0.5f : 0.0f;
	float v = ((float)o + offset) * scale;
	double r = p->align_corners ? (double)mote_roundf(v)
				    : mote_floor((double)v);
	int32_t i = mote_min_i32((int32_t)r, in - 1);
	return p->half_pixel_centers ? mote_max_i32(i, 0) : i;
}

/* Taps of output index o for the float kernel. */
static tap tap_f32(const mote_resize_params *p, int32_t o, int32_t in,
		   float scale)
{
	tap t;
	float v = p->half_pixel_centers ? ((float)o + 0.5f) * scale - 0.5f
					: (float)o * scale;
	int32_t fl = (int32_t)mote_floor((double)v);
	int32_t ce = (int32_t)-mote_floor(-(double)v);

	t.lo = mote_min_i32(mote_max_i32(fl, 0), in - 1);
	t.hi = mote_min_i32(ce, in - 1);
	t.frac = v - (float)t.lo;
	t.frac_q10 = 0;
	return t;
}

/* Taps of output index o for the integer kernels. */
static tap tap_q(const mote_resize_params *p, int32_t o, int32_t in,
		 int32_t s)
{
	tap t;
	int32_t v = p->half_pixel_centers ? o * s + s / 2 - (1 << 9) : o * s;

	t.lo = mote_min_i32(mote_max_i32(v / (1 << 10), 0), in - 1);
	t.hi = mote_min_i32((v + (1 << 10) - 1) / (1 << 10), in - 1);
	t.frac_q10 = v - (1 << 10) * t.lo;
	t.frac = 0.0f;
	return t;
}

/* One output row of the nearest-neighbour kernel from input row `line`. */
static void row_nearest(const mote_resize_params *p, const uint8_t *line,
			uint8_t *out)
{
	size_t run = (size_t)p->depth * p->elem_size;
	for (int32_t x = 0; x < p->out_w; x++) {
		int32_t i = nearest(p, x, p->in_w, p->scale_w);
		memcpy(out + (size_t)x * run, line + (size_t)i * run, run);
	}
}

void mote_resize_nearest_any(const mote_resize_params *p, const void *in,
			     void *out)
{
	size_t run = (size_t)p->depth * p->elem_size;
	size_t line = (size_t)p->in_w * run, out_line = (size_t)p->out_w * run;
	const uint8_t *src = (const uint8_t *)in;
	uint8_t *dst = (uint8_t *)out;

	if (run == 0)
		return;
	for (int32_t b = 0; b < p->batch; b++) {
		const uint8_t *img = src + (size_t)b * (size_t)p->in_h * line;
		for (int32_t y = 0; y < p->out_h; y++) {
			int32_t i = nearest(p, y, p->in_h, p->scale_h);
			row_nearest(p, img + (size_t)i * line, dst);
			dst += out_line;
		}
	}
}

/* One output row of the float kernel from image `img` (one batch). */
static void row_f32(const mote_resize_params *p, const float *img, tap yt,
		    float *out)
{
	size_t depth = (size_t)p->depth, line = (size_t)p->in_w * depth;
	const float *r0 = img + (size_t)yt.lo * line;
	const float *r1 = img + (size_t)yt.hi * line;
	float fy = yt.frac;

	for (int32_t x = 0; x < p->out_w; x++) {
		tap xt = tap_f32(p, x, p->in_w, p->scale_w);
		size_t c0 = (size_t)xt.lo * depth, c1 = (size_t)xt.hi * depth;
		float fx = xt.frac;
		for (size_t c = 0; c < depth; c++) {
			/* TFLM adds a rounding offset of 0 for float outputs
			 * (it turns -0 into +0). */
			*out++ = r0[c0 + c] * (1 - fy) * (1 - fx) +
				 r1[c0 + c] * fy * (1 - fx) +
				 r0[c1 + c] * (1 - fy) * fx +
				 r1[c1 + c] * fy * fx + 0.0f;
		}
	}
}

void mote_resize_bilinear_f32(const mote_resize_params *p, const float *in,
			      float *out)
{
	size_t image = (size_t)p->in_h * p->in_w * p->depth;
	size_t out_row = (size_t)p->out_w * p->depth;

	if (out_row == 0)
		return;
	for (int32_t b = 0; b < p->batch; b++) {
		for (int32_t y = 0; y < p->out_h; y++) {
			tap yt = tap_f32(p, y, p->in_h, p->scale_h);
			row_f32(p, in + (size_t)b * image, yt, out);
			out += out_row;
		}
	}
}

/* Integer bilinear blend of four values with Q10 weights fy, fx. */
static int32_t blend_q(int32_t v00, int32_t v10, int32_t v01, int32_t v11,
		       int32_t fy, int32_t fx)
{
	const int32_t one = 1 << 10;
	int64_t o = (int64_t)v00 * (one - fy) * (one - fx) +
		    (int64_t)v10 * fy * (one - fx) +
		    (int64_t)v01 * (one - fy) * fx + (int64_t)v11 * fy * fx;
	int64_t round = o > 0 ? (1 << 19) : -(1 << 19);
	return (int32_t)((o + round) / (1 << 20));
}

/* One output row of the int8 kernel from image `img` (one batch). */
static void row_s8(const mote_resize_params *p, const int8_t *img, tap yt,
		   int8_t *out)
{
	size_t depth = (size_t)p->depth, line = (size_t)p->in_w * depth;
	const int8_t *r0 = img + (size_t)yt.lo * line;
	const int8_t *r1 = img + (size_t)yt.hi * line;

	for (int32_t x = 0; x < p->out_w; x++) {
		tap xt = tap_q(p, x, p->in_w, p->scale_w_q10);
		size_t c0 = (size_t)xt.lo * depth, c1 = (size_t)xt.hi * depth;
		for (size_t c = 0; c < depth; c++)
			*out++ = (int8_t)blend_q(r0[c0 + c], r1[c0 + c],
						 r0[c1 + c], r1[c1 + c],
						 yt.frac_q10, xt.frac_q10);
	}
}

void mote_resize_bilinear_s8(const mote_resize_params *p, const int8_t *in,
			     int8_t *out)
{
	size_t image = (size_t)p->in_h * p->in_w * p->depth;
	size_t out_row = (size_t)p->out_w * p->depth;

	if (out_row == 0)
		return;
	for (int32_t b = 0; b < p->batch; b++) {
		for (int32_t y = 0; y < p->out_h; y++) {
			tap yt = tap_q(p, y, p->in_h, p->scale_h_q10);
			row_s8(p, in + (size_t)b * image, yt, out);
			out += out_row;
		}
	}
}

/* One output row of the int16 kernel from image `img` (one batch). */
static void row_s16(const mote_resize_params *p, const int16_t *img, tap yt,
		    int16_t *out)
{
	size_t depth = (size_t)p->depth, line = (size_t)p->in_w * depth;
	const int16_t *r0 = img + (size_t)yt.lo * line;
	const int16_t *r1 = img + (size_t)yt.hi * line;

	for (int32_t x = 0; x < p->out_w; x++) {
		tap xt = tap_q(p, x, p->in_w, p->scale_w_q10);
		size_t c0 = (size_t)xt.lo * depth, c1 = (size_t)xt.hi * depth;
		for (size_t c = 0; c < depth; c++)
			*out++ = (int16_t)blend_q(r0[c0 + c], r1[c0 + c],
						  r0[c1 + c], r1[c1 + c],
						  yt.frac_q10, xt.frac_q10);
	}
}

void mote_resize_bilinear_s16(const mote_resize_params *p, const int16_t *in,
			      int16_t *out)
{
	size_t image = (size_t)p->in_h * p->in_w * p->depth;
	size_t out_row = (size_t)p->out_w * p->depth;

	if (out_row == 0)
		return;
	for (int32_t b = 0; b < p->batch; b++) {
		for (int32_t y = 0; y < p->out_h; y++) {
			tap yt = tap_q(p, y, p->in_h, p->scale_h_q10);
			row_s16(p, in + (size_t)b * image, yt, out);
			out += out_row;
		}
	}
}
