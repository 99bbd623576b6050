/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s8_ch1_dsp.c - int8 depthwise convolution of a
 * single-channel input for the Cortex-M DSP extension: the contract of
 * mote_depthwise_conv2d_s8 when in_c == 1 (out_c = depth multiplier).
 *
 * With one input channel, depthwise output channel m is an ordinary
 * convolution with filter m, so this runs the DSP convolution (im2col and
 * the 2 x 2 matrix product). The depthwise filter [fh][fw][out_c] is
 * transposed into the convolution's [out_c][fh][fw] order in scratch at
 * each call (filter_h * filter_w * out_c bytes); the model's bytes stay
 * in place. Scratch: the transposed filter, then the convolution's.
 */
#include "kernels/arm_dsp/dsp.h"

/* The same layer as a one-group convolution with in_c == 1. */
static mote_conv2d_params as_conv(const mote_depthwise_conv2d_params *p)
{
	mote_conv2d_params c = { 0 };

	c.batches = p->batches;
	c.in_h = p->in_h;
	c.in_w = p->in_w;
	c.in_c = 1;
	c.filter_h = p->filter_h;
	c.filter_w = p->filter_w;
	c.filter_c = 1;
	c.out_h = p->out_h;
	c.out_w = p->out_w;
	c.out_c = p->out_c;
	c.groups = 1;
	c.stride_h = p->stride_h;
	c.stride_w = p->stride_w;
	c.dilation_h = p->dilation_h;
	c.dilation_w = p->dilation_w;
	c.pad_h = p->pad_h;
	c.pad_w = p->pad_w;
	c.in_zp = p->in_zp;
	c.out_zp = p->out_zp;
	c.act_min = p->act_min;
	c.act_max = p->act_max;
	c.mult = p->mult;
	c.shift = p->shift;
	return c;
}

/* Bytes of the transposed filter, kept 8-byte aligned. */
static size_t filter_bytes(const mote_depthwise_conv2d_params *p)
{
	size_t n = (size_t)p->filter_h * p->filter_w * p->out_c;

	return (n + 7u) & ~(size_t)7u;
}

size_t mote_depthwise_conv2d_s8_ch1_dsp_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	mote_conv2d_params c = as_conv(p);

	return filter_bytes(p) + mote_conv2d_s8_dsp_scratch_size(&c);
}

void mote_depthwise_conv2d_s8_ch1_dsp(const mote_depthwise_conv2d_params *p,
				      const int8_t *in, const int8_t *filter,
				      const int32_t *bias, int8_t *out,
				      void *scratch)
{
	mote_conv2d_params c = as_conv(p);
	int32_t taps = p->filter_h * p->filter_w, t, oc;
	int8_t *tf = (int8_t *)scratch;

	for (t = 0; t < taps; t++)
		for (oc = 0; oc < p->out_c; oc++)
			tf[oc * taps + t] = filter[t * p->out_c + oc];
	mote_conv2d_s8_dsp(&c, in, tf, bias, out,
			   (uint8_t *)scratch + filter_bytes(p));
}
