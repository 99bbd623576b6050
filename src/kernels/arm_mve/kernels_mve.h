/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernels_mve.h - the Helium (MVE) int8 kernels: drop-in variants of the
 * reference kernels with the same contracts and bit-exact results
 * (conv2d.h, depthwise_conv2d.h, fully_connected.h, elementwise.h), for
 * the shapes each comment names. Built only for cores with MVE
 * (MOTE_KERNELS=arm_mve); select.c in this directory picks them at
 * prepare time. The multiplier and shift arrays of the params are read in
 * place at each call.
 *
 * Scratch buffers must be 4-byte aligned (the planner's are 16-byte
 * aligned) and hold the size the matching *_scratch_size() returns, which
 * depends on the geometry only; they are clobbered. Data pointers are
 * borrowed for the call.
 */
#ifndef MOTE_KERNELS_ARM_MVE_KERNELS_MVE_H
#define MOTE_KERNELS_ARM_MVE_KERNELS_MVE_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/elementwise.h"
#include "kernels/fully_connected.h"

/* CONV_2D, int8, groups == 1, any filter, stride, dilation, padding. */
size_t mote_conv2d_s8_mve_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_mve(const mote_conv2d_params *p, const int8_t *in,
			const int8_t *filter, const int32_t *bias,
			int8_t *out, void *scratch);

/* CONV_2D, int8, groups == 1, 1x1 filter, no padding, any stride. */
size_t mote_conv2d_s8_1x1_mve_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_1x1_mve(const mote_conv2d_params *p, const int8_t *in,
			    const int8_t *filter, const int32_t *bias,
			    int8_t *out, void *scratch);

/*
 * DEPTHWISE_CONV_2D, int8, depth_mult 1 or a multiple of 4, any filter,
 * stride, dilation, padding.
 */
size_t mote_depthwise_conv2d_s8_mve_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_mve(const mote_depthwise_conv2d_params *p,
				  const int8_t *in, const int8_t *filter,
				  const int32_t *bias, int8_t *out,
				  void *scratch);

/* The same for 3x3 filters with depth_mult 1 only: the filter rows'
 * passes unrolled. */
size_t mote_depthwise_conv2d_s8_3x3_mve_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_3x3_mve(const mote_depthwise_conv2d_params *p,
				      const int8_t *in, const int8_t *filter,
				      const int32_t *bias, int8_t *out,
				      void *scratch);

/* FULLY_CONNECTED, int8, per-tensor or per-channel, any offsets. */
size_t mote_fully_connected_s8_mve_scratch_size(const mote_fc_params *p);
void mote_fully_connected_s8_mve(const mote_fc_params *p, const int8_t *in,
				 const int8_t *filter, const int32_t *bias,
				 int8_t *out, void *scratch);

/*
 * ADD, int8, any broadcast: the contract of mote_add_s8 (elementwise.h).
 * Not selected yet: select.h has no selector for ADD.
 */
void mote_add_s8_mve(const mote_binary_params *p, const int8_t *a,
		     const int8_t *b, int8_t *out);

#endif /* MOTE_KERNELS_ARM_MVE_KERNELS_MVE_H */
