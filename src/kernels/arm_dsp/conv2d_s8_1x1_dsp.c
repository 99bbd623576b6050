/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s8_1x1_dsp.c - int8 pointwise (1x1) convolution for the Cortex-M
 * DSP extension; the contract of mote_conv2d_s8 for a 1x1 filter, one
 * group and no padding (any stride).
 *
 * Without padding every tap is inside the input, so the reference sum is
 * sum_c f[oc][c] * (x[c] - in_zp) + bias. Output pixels are taken two at
 * a time: both input pixels are widened (with the offset added) into one
 * interleaved pair of columns in scratch, then mote__dsp_mm_2col() runs
 * every filter row over the pair, so each loaded weight serves two pixels
 * and each loaded input two channels. An odd last pixel uses the
 * one-column product. No im2col copy beyond that widening is needed.
 * Scratch: the column pair, then (in_c % 4 != 0) the padded last filter
 * row.
 */
#include "kernels/arm_dsp/dsp.h"

size_t mote_conv2d_s8_1x1_dsp_scratch_size(const mote_conv2d_params *p)
{
	return mote__dsp_col_words(p->in_c, 2) * sizeof(uint32_t) +
	       mote__dsp_last_row_bytes(p->in_c);
}

/* Widens input pixel x (in_c values) into column col of ncol. */
static void widen_pixel(const int8_t *x, int32_t in_c, int32_t zp,
			uint32_t off2, uint32_t *cols, int32_t ncol,
			int32_t col)
{
	mote__dsp_widen_pad(x, in_c, zp, off2, cols + 2 * col, 2 * ncol);
}

void mote_conv2d_s8_1x1_dsp(const mote_conv2d_params *p, const int8_t *in,
			    const int8_t *filter, const int32_t *bias,
			    int8_t *out, void *scratch)
{
	uint32_t *cols = (uint32_t *)scratch;
	int32_t zp = p->in_zp;
	uint32_t off2 = mote__dsp_dup16(-zp);
	int8_t *last = (int8_t *)(cols + mote__dsp_col_words(p->in_c, 2));
	size_t row = (size_t)p->in_w * p->in_c * p->stride_h;
	size_t col = (size_t)p->in_c * p->stride_w;
	int32_t pixels = p->out_h * p->out_w;
	const int8_t *x[2];
	int32_t b, i, n = 0;
	mote__dsp_mm m = { filter, p->in_c, (p->in_c + 3) & ~3,
			   mote__dsp_last_row(filter, p->out_c, p->in_c, last),
			   p->out_c, p->mult, p->shift,
			   mote__dsp_rq_zo(p->out_zp), bias, p->out_zp,
			   p->act_min, p->act_max };

	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b =
			in + (size_t)b * p->in_h * p->in_w * p->in_c;
		for (i = 0; i < pixels; i++) {
			int32_t oy = i / p->out_w, ox = i - oy * p->out_w;
			x[n++] = in_b + oy * row + ox * col;
			if (n < 2)
				continue;
			widen_pixel(x[0], p->in_c, zp, off2, cols, 2, 0);
			widen_pixel(x[1], p->in_c, zp, off2, cols, 2, 1);
			mote__dsp_mm_2col(&m, cols, out, out + p->out_c);
			out += 2 * p->out_c;
			n = 0;
		}
	}
	if (n == 1) {
		widen_pixel(x[0], p->in_c, zp, off2, cols, 1, 0);
		mote__dsp_mm_1col(&m, cols, out);
	}
}
