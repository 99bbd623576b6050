/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select.c - kernel selection of the Cortex-M DSP-extension build
 * (MOTE_KERNELS=arm_dsp; see kernels/select.h): the fastest DSP kernel
 * that fits the layer, or the reference kernel where none does.
 *
 * Every DSP kernel needs an int8 input zero point (prepare guarantees it;
 * the params struct could hold any int32). Candidates, fastest first:
 * conv:      1x1, groups 1, no padding -> mote_conv2d_s8_1x1_dsp;
 *            groups 1 -> mote_conv2d_s8_dsp (im2col, two pixels), then
 *            mote_conv2d_s8_1col_dsp (one pixel, half the scratch).
 * depthwise: 3x3, depth multiplier 1, no dilation, stride_w 1 or 2 ->
 *            mote_depthwise_conv2d_s8_3x3_dsp (channel-planar rows);
 *            one input channel -> mote_depthwise_conv2d_s8_ch1_dsp (as a
 *            convolution);
 *            depth multiplier 1 or a multiple of 4, or one input channel
 *            -> mote_depthwise_conv2d_s8_dsp.
 * fully connected: filter_offset 0 -> mote_fully_connected_s8_dsp.
 * Grouped convolutions and other depth multipliers keep the reference.
 *
 * Scratch budget. The arena must not outgrow the reference build's by
 * much (the conformance suite holds it to TFLM's), but the selector
 * cannot see the arena plan: a candidate is taken only if it needs at
 * most max(512, (input + output bytes) / 8 + 128) bytes more scratch
 * than the reference kernel, i.e. a small fraction of what the layer
 * itself keeps live.
 */
#include "kernels/select.h"

#include "kernels/arm_dsp/dsp.h"

const char mote_kernels_variant[] = "arm_dsp";

/* True for an int8 zero point: x - zp then fits int16, the SIMD lanes, and
 * padding can be staged as zp bytes. Prepare only accepts such. */
static bool int8_zp(int32_t zp)
{
	return zp >= -128 && zp <= 127;
}

/* True if a variant needing `bytes` of scratch fits the budget of a layer
 * with `act` activation bytes whose reference kernel needs `ref`. */
static bool fits(size_t bytes, size_t ref, size_t act)
{
	size_t extra = act / 8u + 128u;

	return bytes <= ref + (extra > 512u ? extra : 512u);
}

/* Input plus output bytes of a convolution or depthwise layer. */
static size_t act_bytes(int32_t n, int32_t ih, int32_t iw, int32_t ic,
			int32_t oh, int32_t ow, int32_t oc)
{
	return (size_t)n * ((size_t)ih * iw * ic + (size_t)oh * ow * oc);
}

mote_conv2d_s8_fn mote_select_conv2d_s8(const mote_conv2d_params *p,
					size_t *scratch_bytes)
{
	size_t ref = mote_conv2d_s8_scratch_size(p);
	size_t act = act_bytes(p->batches, p->in_h, p->in_w, p->in_c,
			       p->out_h, p->out_w, p->out_c);
	bool ok = p->groups == 1 && int8_zp(p->in_zp);
	size_t s;

	if (ok && p->filter_h == 1 && p->filter_w == 1 && p->pad_h == 0 &&
	    p->pad_w == 0) {
		s = mote_conv2d_s8_1x1_dsp_scratch_size(p);
		if (fits(s, ref, act)) {
			*scratch_bytes = s;
			return mote_conv2d_s8_1x1_dsp;
		}
	}
	s = mote_conv2d_s8_dsp_scratch_size(p);
	if (ok && fits(s, ref, act)) {
		*scratch_bytes = s;
		return mote_conv2d_s8_dsp;
	}
	s = mote_conv2d_s8_1col_dsp_scratch_size(p);
	if (ok && fits(s, ref, act)) {
		*scratch_bytes = s;
		return mote_conv2d_s8_1col_dsp;
	}
	*scratch_bytes = ref;
	return mote_conv2d_s8;
}

mote_depthwise_conv2d_s8_fn
mote_select_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
				size_t *scratch_bytes)
{
	size_t ref = mote_depthwise_conv2d_s8_scratch_size(p);
	size_t act = act_bytes(p->batches, p->in_h, p->in_w, p->in_c,
			       p->out_h, p->out_w, p->out_c);
	int32_t dm = p->depth_mult;
	size_t s;

	if (!int8_zp(p->in_zp)) {
		*scratch_bytes = ref;
		return mote_depthwise_conv2d_s8;
	}
	if (dm == 1 && p->filter_h == 3 && p->filter_w == 3 &&
	    p->dilation_h == 1 && p->dilation_w == 1 &&
	    (p->stride_w == 1 || p->stride_w == 2)) {
		s = mote_depthwise_conv2d_s8_3x3_dsp_scratch_size(p);
		if (fits(s, ref, act)) {
			*scratch_bytes = s;
			return mote_depthwise_conv2d_s8_3x3_dsp;
		}
	}
	if (p->in_c == 1) {
		s = mote_depthwise_conv2d_s8_ch1_dsp_scratch_size(p);
		if (fits(s, ref, act)) {
			*scratch_bytes = s;
			return mote_depthwise_conv2d_s8_ch1_dsp;
		}
	}
	if (dm == 1 || dm % 4 == 0 || p->in_c == 1) {
		s = mote_depthwise_conv2d_s8_dsp_scratch_size(p);
		if (fits(s, ref, act)) {
			*scratch_bytes = s;
			return mote_depthwise_conv2d_s8_dsp;
		}
	}
	*scratch_bytes = ref;
	return mote_depthwise_conv2d_s8;
}

/* The reference kernel with the selector's signature (no scratch). */
static void fully_connected_s8(const mote_fc_params *p, const int8_t *in,
			       const int8_t *filter, const int32_t *bias,
			       int8_t *out, void *scratch)
{
	(void)scratch;
	mote_fully_connected_s8(p, in, filter, bias, out);
}

mote_fully_connected_s8_fn
mote_select_fully_connected_s8(const mote_fc_params *p, size_t *scratch_bytes)
{
	size_t act = (size_t)p->batches * ((size_t)p->accum + p->out_c);
	size_t s = mote_fully_connected_s8_dsp_scratch_size(p);

	if (p->filter_offset == 0 && int8_zp(-p->in_offset) && fits(s, 0, act)) {
		*scratch_bytes = s;
		return mote_fully_connected_s8_dsp;
	}
	*scratch_bytes = 0;
	return fully_connected_s8;
}

void mote_add_s8_best(const mote_binary_params *p, const int8_t *a,
		      const int8_t *b, int8_t *out)
{
	mote_add_s8(p, a, b, out);
}
