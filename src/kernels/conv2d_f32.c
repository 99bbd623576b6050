/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_f32.c - float32 convolution, bit-exact with TFLM's
 * reference_ops::Conv when built without FMA contraction
 * (-ffp-contract=off, as the mote build does).
 *
 * Per output element: total = 0; for each tap inside the input in the order
 * filter_y, filter_x, in channel: total += x * f (rounded to float at each
 * step); then out = min(max(total + bias, act_min_f), act_max_f), with the
 * bias 0.0f when absent. Skipped (padding) taps are exactly TFLM's, so the
 * sequence of float operations is the same; valid taps are worked out once
 * per output pixel instead of tested per tap, and four output channels are
 * summed side by side (each in its own float, in TFLM's order).
 */
#include "kernels/conv2d.h"

/*
 * total[j] += w[j * k + i] * x[i] for i < n in order, for the nb (1 to 4)
 * filters j that start k elements apart. Each total is its own float
 * chain, so grouping four filters changes no result.
 */
static void dot_f32(float *total, const float *w, size_t k, const float *x,
		    int32_t n, int32_t nb)
{
	const float *w1 = w + k, *w2 = w1 + k, *w3 = w2 + k;
	float t0 = total[0], t1, t2, t3;
	int32_t i, j;

	if (nb < 4) {
		for (j = 0; j < nb; j++)
			for (i = 0; i < n; i++)
				total[j] += x[i] * w[(size_t)j * k + i];
		return;
	}
	t1 = total[1];
	t2 = total[2];
	t3 = total[3];
	for (i = 0; i < n; i++) {
		float xv = x[i];
		t0 += xv * w[i];
		t1 += xv * w1[i];
		t2 += xv * w2[i];
		t3 += xv * w3[i];
	}
	total[0] = t0;
	total[1] = t1;
	total[2] = t2;
	total[3] = t3;
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

/*
 * total[j] += the window sum of filter j (of nb consecutive filters of k
 * elements from w) times the channels from c0 of in_b, in TFLM's order.
 */
static void window_sum(const mote_conv2d_params *p, const window *win,
		       const float *w, size_t k, const float *in_b,
		       int32_t c0, int32_t nb, float *total)
{
	int32_t row_step = p->dilation_h * p->in_w * p->in_c;
	int32_t col_step = p->dilation_w * p->in_c;
	int32_t fc = p->filter_c;
	int32_t fy, fx;

	for (fy = win->fy0; fy < win->fy1; fy++) {
		const float *wr = w + (fy * p->filter_w + win->fx0) * fc;
		const float *xr = in_b + (win->origin + c0 + fy * row_step +
					  win->fx0 * col_step);
		/* Undilated, ungrouped rows are contiguous in both tensors,
		 * and their order is TFLM's (filter_x, then channel). */
		if (col_step == fc) {
			dot_f32(total, wr, k, xr, (win->fx1 - win->fx0) * fc,
				nb);
			continue;
		}
		for (fx = win->fx0; fx < win->fx1; fx++) {
			dot_f32(total, wr, k, xr, fc, nb);
			wr += fc;
			xr += col_step;
		}
	}
}

/* TFLM's ActivationFunctionWithMinMax: std::min(std::max(x, lo), hi). */
static float clamp_f32(float x, float lo, float hi)
{
	x = x < lo ? lo : x;
	return hi < x ? hi : x;
}

/* All output channels of the pixel at input origin (iy0, ix0). */
static void conv_pixel(const mote_conv2d_params *p, const float *in_b,
		       const float *filter, const float *bias, int32_t iy0,
		       int32_t ix0, float *out)
{
	size_t k = (size_t)p->filter_h * p->filter_w * p->filter_c;
	int32_t per_group = p->out_c / p->groups;
	float total[4];
	window win;
	int32_t oc, nb, j;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &win.fy0,
			&win.fy1);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &win.fx0,
			&win.fx1);
	win.origin = ((ptrdiff_t)iy0 * p->in_w + ix0) * p->in_c;
	/* Up to four channels of one group at a time. */
	for (oc = 0; oc < p->out_c; oc += nb) {
		int32_t g = oc / per_group;
		nb = (g + 1) * per_group - oc < 4 ? (g + 1) * per_group - oc
						  : 4;
		for (j = 0; j < 4; j++)
			total[j] = 0.0f;
		window_sum(p, &win, filter + (size_t)oc * k, k, in_b,
			   g * p->filter_c, nb, total);
		for (j = 0; j < nb; j++) {
			float b = bias != NULL ? bias[oc + j] : 0.0f;
			out[oc + j] = clamp_f32(total[j] + b, p->act_min_f,
						p->act_max_f);
		}
	}
}

void mote_conv2d_f32(const mote_conv2d_params *p, const float *in,
		     const float *filter, const float *bias, float *out)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	int32_t b, oy, ox;

	for (b = 0; b < p->batches; b++) {
		const float *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++) {
			int32_t iy0 = oy * p->stride_h - p->pad_h;
			for (ox = 0; ox < p->out_w; ox++) {
				int32_t ix0 = ox * p->stride_w - p->pad_w;
				conv_pixel(p, in_b, filter, bias, iy0, ix0,
					   out);
				out += p->out_c;
			}
		}
	}
}
