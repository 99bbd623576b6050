/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling_f32.c - float32 average and max pooling reference kernels. See
 * pooling.h. Average sums run in window order (y, then x).
 */
#include "kernels/pooling.h"

#include <float.h>
#include <stdbool.h>
#include <stddef.h>

/* Offset of pixel (b, y, x), channel 0, in an [*, h, w, c] tensor. */
static size_t at(const mote_pool_params *p, int32_t b, int32_t y, int32_t x,
		 int32_t h, int32_t w)
{
	return (((size_t)b * (size_t)h + (size_t)y) * (size_t)w + (size_t)x) *
	       (size_t)p->c;
}

/* min(max(v, lo), hi) with std::min/max's NaN rules, as TFLM clamps. */
static float clamp_act(const mote_pool_params *p, float v)
{
	v = v < p->act_min_f ? p->act_min_f : v;
	return p->act_max_f < v ? p->act_max_f : v;
}

static float window_avg(const mote_pool_params *p, const float *in, int32_t b,
			const mote__pool_window *w, int32_t ch)
{
	float total = 0.0f;
	float n = 0.0f;

	for (int32_t fy = w->y0; fy < w->y1; fy++) {
		for (int32_t fx = w->x0; fx < w->x1; fx++) {
			total += in[at(p, b, w->iy + fy, w->ix + fx, p->in_h,
				       p->in_w) +
				    (size_t)ch];
			n += 1.0f;
		}
	}
	return total / n;
}

static float window_max(const mote_pool_params *p, const float *in, int32_t b,
			const mote__pool_window *w, int32_t ch)
{
	float m = -FLT_MAX;

	for (int32_t fy = w->y0; fy < w->y1; fy++) {
		for (int32_t fx = w->x0; fx < w->x1; fx++) {
			float v = in[at(p, b, w->iy + fy, w->ix + fx, p->in_h,
					p->in_w) +
				     (size_t)ch];
			m = m < v ? v : m;
		}
	}
	return m;
}

/* Every channel of output pixel (b, oy, ox), averaged or maximised. */
static void pool_pixel(const mote_pool_params *p, const float *in, int32_t b,
		       int32_t oy, int32_t ox, bool is_max, float *out)
{
	float *o = out + at(p, b, oy, ox, p->out_h, p->out_w);
	mote__pool_window w;

	mote__pool_window_at(p, oy, ox, &w);
	for (int32_t ch = 0; ch < p->c; ch++) {
		float v = is_max ? window_max(p, in, b, &w, ch)
				 : window_avg(p, in, b, &w, ch);
		o[ch] = clamp_act(p, v);
	}
}

void mote_avgpool_f32(const mote_pool_params *p, const float *in, float *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->out_h; oy++) {
			for (int32_t ox = 0; ox < p->out_w; ox++)
				pool_pixel(p, in, b, oy, ox, false, out);
		}
	}
}

void mote_maxpool_f32(const mote_pool_params *p, const float *in, float *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->out_h; oy++) {
			for (int32_t ox = 0; ox < p->out_w; ox++)
				pool_pixel(p, in, b, oy, ox, true, out);
		}
	}
}
