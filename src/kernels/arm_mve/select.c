/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select.c - kernel selection of the Helium build (MOTE_KERNELS=arm_mve,
 * chosen automatically for Cortex-M55; see kernels/select.h): the MVE
 * kernel that fits the layer, or the reference kernel where none does.
 *
 * The convolution kernels need an int8 input zero point (padding is
 * staged as in_zp bytes; prepare guarantees it, the params struct could
 * hold any int32).
 * conv:      groups 1, 1x1 without padding -> mote_conv2d_s8_1x1_mve;
 *            groups 1 otherwise -> mote_conv2d_s8_mve (im2col);
 *            grouped convolution -> reference.
 * depthwise: depth multiplier 1 with a 3x3 filter ->
 *            mote_depthwise_conv2d_s8_3x3_mve; depth multiplier 1 or a
 *            multiple of 4 otherwise -> mote_depthwise_conv2d_s8_mve;
 *            other depth multipliers -> reference.
 * fully connected: always mote_fully_connected_s8_mve.
 */
#include "kernels/select.h"

#include <stdbool.h>

#include "kernels/arm_mve/kernels_mve.h"

const char mote_kernels_variant[] = "arm_mve";

/* True for a zero point that fits int8. */
static bool int8_zp(int32_t zp)
{
	return zp >= -128 && zp <= 127;
}

mote_conv2d_s8_fn mote_select_conv2d_s8(const mote_conv2d_params *p,
					size_t *scratch_bytes)
{
	bool ok = p->groups == 1 && int8_zp(p->in_zp);

	if (ok && p->filter_h == 1 && p->filter_w == 1 && p->pad_h == 0 &&
	    p->pad_w == 0) {
		*scratch_bytes = mote_conv2d_s8_1x1_mve_scratch_size(p);
		return mote_conv2d_s8_1x1_mve;
	}
	if (ok) {
		*scratch_bytes = mote_conv2d_s8_mve_scratch_size(p);
		return mote_conv2d_s8_mve;
	}
	*scratch_bytes = mote_conv2d_s8_scratch_size(p);
	return mote_conv2d_s8;
}

mote_depthwise_conv2d_s8_fn
mote_select_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
				size_t *scratch_bytes)
{
	bool ok = int8_zp(p->in_zp) &&
		  (p->depth_mult == 1 || p->depth_mult % 4 == 0);

	if (ok && p->depth_mult == 1 && p->filter_h == 3 &&
	    p->filter_w == 3) {
		*scratch_bytes =
			mote_depthwise_conv2d_s8_3x3_mve_scratch_size(p);
		return mote_depthwise_conv2d_s8_3x3_mve;
	}
	if (ok) {
		*scratch_bytes = mote_depthwise_conv2d_s8_mve_scratch_size(p);
		return mote_depthwise_conv2d_s8_mve;
	}
	*scratch_bytes = mote_depthwise_conv2d_s8_scratch_size(p);
	return mote_depthwise_conv2d_s8;
}

mote_fully_connected_s8_fn
mote_select_fully_connected_s8(const mote_fc_params *p, size_t *scratch_bytes)
{
	*scratch_bytes = mote_fully_connected_s8_mve_scratch_size(p);
	return mote_fully_connected_s8_mve;
}

void mote_add_s8_best(const mote_binary_params *p, const int8_t *a,
		      const int8_t *b, int8_t *out)
{
	mote_add_s8_mve(p, a, b, out);
}
