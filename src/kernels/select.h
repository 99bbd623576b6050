/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select.h - picks, once at prepare, the fastest kernel this build has for
 * one layer of a hot operator.
 *
 * A kernel variant (an ISA-specific implementation, e.g. the Cortex-M DSP
 * kernels in kernels/arm_dsp/) has exactly the contract of its reference
 * kernel: the same params struct, the same data, the same bits out, for
 * every input. Which variants exist is decided when the library is built:
 * CMake's MOTE_KERNELS compiles either select_ref.c (the reference kernels
 * only) or the files of kernels/<variant>/, whose select.c implements the
 * functions below. Nothing here dispatches per call.
 *
 * A selector looks only at the geometry, zero points and activation range
 * of the params struct (the multiplier arrays may not be filled yet: an
 * operator's prepare calls it while measuring, too). It returns the kernel
 * to call at every invoke and stores in *scratch_bytes the scratch buffer
 * that kernel needs (0: none); the operator requests exactly that much.
 * The result depends on the params only, so both prepare runs agree.
 * Scratch passed to a selected kernel must be 8-byte aligned (the arena's
 * scratch buffers are 16-byte aligned).
 */
#ifndef MOTE_KERNELS_SELECT_H
#define MOTE_KERNELS_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/elementwise.h"
#include "kernels/fully_connected.h"

/* Name of the kernel set this build has: "ref", "arm_dsp", ... */
extern const char mote_kernels_variant[];

/* int8 convolution: the contract of mote_conv2d_s8 (kernels/conv2d.h). */
typedef void (*mote_conv2d_s8_fn)(const mote_conv2d_params *p,
				  const int8_t *in, const int8_t *filter,
				  const int32_t *bias, int8_t *out,
				  void *scratch);
mote_conv2d_s8_fn mote_select_conv2d_s8(const mote_conv2d_params *p,
					size_t *scratch_bytes);

/* int8 depthwise convolution: the contract of mote_depthwise_conv2d_s8. */
typedef void (*mote_depthwise_conv2d_s8_fn)(
	const mote_depthwise_conv2d_params *p, const int8_t *in,
	const int8_t *filter, const int32_t *bias, int8_t *out, void *scratch);
mote_depthwise_conv2d_s8_fn
mote_select_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
				size_t *scratch_bytes);

/*
 * int8 fully connected: the contract of mote_fully_connected_s8, plus a
 * scratch buffer (which the reference kernel does not use).
 */
typedef void (*mote_fully_connected_s8_fn)(const mote_fc_params *p,
					   const int8_t *in,
					   const int8_t *filter,
					   const int32_t *bias, int8_t *out,
					   void *scratch);
mote_fully_connected_s8_fn
mote_select_fully_connected_s8(const mote_fc_params *p, size_t *scratch_bytes);

/*
 * int8 ADD: the contract of mote_add_s8 (kernels/elementwise.h), chosen at
 * build time: each kernel set defines it (the reference calls
 * mote_add_s8).
 */
void mote_add_s8_best(const mote_binary_params *p, const int8_t *a,
		      const int8_t *b, int8_t *out);

#endif /* MOTE_KERNELS_SELECT_H */
