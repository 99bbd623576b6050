/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling_q_impl.h - private to pooling_s8.c and pooling_s16.c: the
 * integer average and max pooling loops, written once over the element
 * type of one file (see pooling.h for the arithmetic).
 *
 * The including file defines POOL_T (the element type), POOL_MIN (its
 * lowest value) and the names of its two public kernels, POOL_AVG and
 * POOL_MAX (declared in pooling.h), then includes this file, which
 * defines them.
 */
#ifndef MOTE_KERNELS_POOLING_Q_IMPL_H
#define MOTE_KERNELS_POOLING_Q_IMPL_H

#include "kernels/pooling.h"

#include <stdbool.h>
#include <stddef.h>

#include "kernels/fixedpoint.h"

/* Offset of pixel (b, y, x), channel 0, in an [*, h, w, c] tensor. */
static size_t at(const mote_pool_params *p, int32_t b, int32_t y, int32_t x,
		 int32_t h, int32_t w)
{
	return (((size_t)b * (size_t)h + (size_t)y) * (size_t)w + (size_t)x) *
	       (size_t)p->c;
}

/* Average of the window's taps of channel ch, rounded half away from 0. */
static int32_t window_avg(const mote_pool_params *p, const POOL_T *in,
			  int32_t b, const mote__pool_window *w, int32_t ch)
{
	int32_t acc = 0;
	int32_t n = 0;

	for (int32_t fy = w->y0; fy < w->y1; fy++) {
		for (int32_t fx = w->x0; fx < w->x1; fx++) {
			acc += in[at(p, b, w->iy + fy, w->ix + fx, p->in_h,
				     p->in_w) +
				  (size_t)ch];
			n++;
		}
	}
	return acc > 0 ? (acc + n / 2) / n : (acc - n / 2) / n;
}

/* Largest of the window's taps of channel ch. */
static int32_t window_max(const mote_pool_params *p, const POOL_T *in,
			  int32_t b, const mote__pool_window *w, int32_t ch)
{
	int32_t m = POOL_MIN;

	for (int32_t fy = w->y0; fy < w->y1; fy++) {
		for (int32_t fx = w->x0; fx < w->x1; fx++) {
			int32_t v = in[at(p, b, w->iy + fy, w->ix + fx, p->in_h,
					  p->in_w) +
				       (size_t)ch];
			m = v > m ? v : m;
		}
	}
	return m;
}

/* Every channel of output pixel (b, oy, ox), averaged or maximised. */
static void pool_pixel(const mote_pool_params *p, const POOL_T *in, int32_t b,
		       int32_t oy, int32_t ox, bool is_max, POOL_T *out)
{
	POOL_T *o = out + at(p, b, oy, ox, p->out_h, p->out_w);
	mote__pool_window w;

	mote__pool_window_at(p, oy, ox, &w);
	for (int32_t ch = 0; ch < p->c; ch++) {
		int32_t v = is_max ? window_max(p, in, b, &w, ch)
				   : window_avg(p, in, b, &w, ch);
		o[ch] = (POOL_T)mote_clamp_i32(v, p->act_min, p->act_max);
	}
}

void POOL_AVG(const mote_pool_params *p, const POOL_T *in, POOL_T *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->out_h; oy++) {
			for (int32_t ox = 0; ox < p->out_w; ox++)
				pool_pixel(p, in, b, oy, ox, false, out);
		}
	}
}

void POOL_MAX(const mote_pool_params *p, const POOL_T *in, POOL_T *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->out_h; oy++) {
			for (int32_t ox = 0; ox < p->out_w; ox++)
				pool_pixel(p, in, b, oy, ox, true, out);
		}
	}
}

#endif /* MOTE_KERNELS_POOLING_Q_IMPL_H */
