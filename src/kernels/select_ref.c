/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select_ref.c - kernel selection of a build without kernel variants
 * (MOTE_KERNELS=ref): every selector returns the reference kernel. See
 * select.h. A variant build compiles kernels/<variant>/select.c instead.
 */
#include "kernels/select.h"

const char mote_kernels_variant[] = "ref";

mote_conv2d_s8_fn mote_select_conv2d_s8(const mote_conv2d_params *p,
					size_t *scratch_bytes)
{
	*scratch_bytes = mote_conv2d_s8_scratch_size(p);
	return mote_conv2d_s8;
}

mote_depthwise_conv2d_s8_fn
mote_select_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
				size_t *scratch_bytes)
{
	*scratch_bytes = mote_depthwise_conv2d_s8_scratch_size(p);
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
	(void)p;
	*scratch_bytes = 0;
	return fully_connected_s8;
}

void mote_add_s8_best(const mote_binary_params *p, const int8_t *a,
		      const int8_t *b, int8_t *out)
{
	mote_add_s8(p, a, b, out);
}
