/* SPDX-License-Identifier: Apache-2.0 */
/*
 * l2_pool.c - reference L2_POOL_2D; see l2_pool.h.
 */
#include "kernels/l2_pool.h"

#include <math.h>

static int32_t max_i(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

static int32_t min_i(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

/* L2 norm of the window with top-left corner (y0, x0) in channel c of the
 * image `img` (one batch), before activation. */
static float window(const mote_l2_pool_params *p, const float *img,
		    int32_t y0, int32_t x0, int32_t c)
{
	int32_t fy0 = max_i(0, -y0), fy1 = min_i(p->filter_h, p->in_h - y0);
	int32_t fx0 = max_i(0, -x0), fx1 = min_i(p->filter_w, p->in_w - x0);
	float sum = 0.0f;
	int32_t n = 0;

	for (int32_t fy = fy0; fy < fy1; fy++) {
		for (int32_t fx = fx0; fx < fx1; fx++) {
			float v = img[((y0 + fy) * p->in_w + x0 + fx) * p->c + c];
			sum += v * v;
			n++;
		}
	}
	return sqrtf(sum / (float)n);
}

/* Writes the c outputs of output pixel (oy, ox) of one image. */
static void pixel(const mote_l2_pool_params *p, const float *img, int32_t oy,
		  int32_t ox, float *out)
{
	int32_t y0 = oy * p->stride_h - p->pad_h;
	int32_t x0 = ox * p->stride_w - p->pad_w;

	for (int32_t c = 0; c < p->c; c++) {
		float v = window(p, img, y0, x0, c);
		v = v < p->act_min ? p->act_min : v;
		out[c] = p->act_max < v ? p->act_max : v;
	}
}

void mote_l2_pool_f32(const mote_l2_pool_params *p, const float *in,
		      float *out)
{
	int32_t img = p->in_h * p->in_w * p->c;

	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->out_h; oy++) {
			for (int32_t ox = 0; ox < p->out_w; ox++) {
				pixel(p, in + b * img, oy, ox, out);
				out += p->c;
			}
		}
	}
}
