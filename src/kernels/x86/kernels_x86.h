/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernels_x86.h - the x86-64 kernel variants (MOTE_KERNELS=x86) and the CPU
 * features that decide which of them may run.
 *
 * Each variant has exactly the contract of its reference kernel (same
 * params struct, same data, same bits out; see conv2d.h,
 * depthwise_conv2d.h, fully_connected.h) except for its scratch buffer,
 * whose size the variant's own *_scratch_size() gives (8-byte aligned,
 * clobbered). A variant may only be called on a CPU with its instruction
 * set (mote__x86_features()), and only for the params its selector in
 * select.c accepts (stated with each kernel below). The library itself is
 * built for baseline x86-64: the variant files compile their functions
 * with per-function target attributes.
 */
#ifndef MOTE_KERNELS_X86_KERNELS_X86_H
#define MOTE_KERNELS_X86_KERNELS_X86_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/fully_connected.h"

/* Instruction-set extensions the kernels use (bits of the feature mask). */
enum {
	MOTE_X86_SSE41 = 1, /* SSE4.1 */
	MOTE_X86_AVX2 = 2, /* AVX2 */
};

/*
 * The MOTE_X86_* extensions this CPU (and its OS) supports, within the
 * build's MOTE_X86_FEATURE_MASK (select.c).
 */
unsigned mote__x86_features(void);

/*
 * int8 convolution with AVX2, for groups == 1 (any geometry, padding,
 * stride, dilation, batch). Two output pixels and four output channels at
 * a time: the pixels' windows are gathered as int16 (input minus its zero
 * point, 0 in the padding) and multiplied with the sign-extended filters
 * by pairs (vpmaddwd), which is exact in int32.
 */
size_t mote_conv2d_s8_avx2_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_avx2(const mote_conv2d_params *p, const int8_t *in,
			 const int8_t *filter, const int32_t *bias,
			 int8_t *out, void *scratch);

/* The same with SSE4.1 (four int32 lanes). */
size_t mote_conv2d_s8_sse41_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_sse41(const mote_conv2d_params *p, const int8_t *in,
			  const int8_t *filter, const int32_t *bias,
			  int8_t *out, void *scratch);

/*
 * int8 depthwise convolution with AVX2, for depth_mult == 1 or in_c == 1
 * (a one-channel convolution as TFLite converts it; any geometry, padding,
 * stride, dilation, batch, channel count). Output channels across the
 * lanes, taps taken in pairs (vpmaddwd on interleaved taps).
 */
size_t mote_depthwise_conv2d_s8_avx2_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_avx2(const mote_depthwise_conv2d_params *p,
				   const int8_t *in, const int8_t *filter,
				   const int32_t *bias, int8_t *out,
				   void *scratch);

/* The same with SSE4.1. */
size_t mote_depthwise_conv2d_s8_sse41_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_sse41(const mote_depthwise_conv2d_params *p,
				    const int8_t *in, const int8_t *filter,
				    const int32_t *bias, int8_t *out,
				    void *scratch);

/*
 * int8 fully connected with AVX2 (any shape and offsets; int8 zero points).
 * Four filter rows at a time share each widened input vector.
 */
size_t mote_fully_connected_s8_avx2_scratch_size(const mote_fc_params *p);
void mote_fully_connected_s8_avx2(const mote_fc_params *p, const int8_t *in,
				  const int8_t *filter, const int32_t *bias,
				  int8_t *out, void *scratch);

/* The same with SSE4.1. */
size_t mote_fully_connected_s8_sse41_scratch_size(const mote_fc_params *p);
void mote_fully_connected_s8_sse41(const mote_fc_params *p, const int8_t *in,
				   const int8_t *filter, const int32_t *bias,
				   int8_t *out, void *scratch);

#endif /* MOTE_KERNELS_X86_KERNELS_X86_H */
