/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select.c - kernel selection of the x86-64 build (MOTE_KERNELS=x86); see
 * select.h. Each selector asks the CPU once, at prepare, which instruction
 * sets it has and returns the widest variant that both the CPU and the
 * layer allow: AVX2, else SSE4.1, else the reference kernel (any x86-64).
 * The variants' limits (kernels_x86.h): convolution groups == 1, depthwise
 * depth_mult == 1 or in_c == 1, and int8-sized zero points (so that x - zp
 * fits int16).
 */
#include "kernels/select.h"
#include "kernels/x86/kernels_x86.h"

/*
 * The extensions the selectors may use, as a MOTE_X86_* mask: a test
 * build defines it (e.g. -DMOTE_X86_FEATURE_MASK=1: SSE4.1 only; 0: the
 * reference kernels) to run the whole suite through each variant.
 */
#ifndef MOTE_X86_FEATURE_MASK
#define MOTE_X86_FEATURE_MASK (~0u)
#endif

const char mote_kernels_variant[] = "x86";

unsigned mote__x86_features(void)
{
	unsigned f = 0;

	/* libgcc / compiler-rt also check that the OS saves the AVX state. */
	__builtin_cpu_init();
	if (__builtin_cpu_supports("sse4.1"))
		f |= MOTE_X86_SSE41;
	if (__builtin_cpu_supports("avx2"))
		f |= MOTE_X86_AVX2;
	return f & MOTE_X86_FEATURE_MASK;
}

/* A zero point or offset whose difference with an int8 fits int16. */
static int small_offset(int32_t v)
{
	return v >= -256 && v <= 256;
}

mote_conv2d_s8_fn mote_select_conv2d_s8(const mote_conv2d_params *p,
					size_t *scratch_bytes)
{
	unsigned f = mote__x86_features();
	int ok = p->groups == 1 && small_offset(p->in_zp);

	if (ok && (f & MOTE_X86_AVX2)) {
		*scratch_bytes = mote_conv2d_s8_avx2_scratch_size(p);
		return mote_conv2d_s8_avx2;
	}
	if (ok && (f & MOTE_X86_SSE41)) {
		*scratch_bytes = mote_conv2d_s8_sse41_scratch_size(p);
		return mote_conv2d_s8_sse41;
	}
	*scratch_bytes = mote_conv2d_s8_scratch_size(p);
	return mote_conv2d_s8;
}

mote_depthwise_conv2d_s8_fn
mote_select_depthwise_conv2d_s8(const mote_depthwise_conv2d_params *p,
				size_t *scratch_bytes)
{
	unsigned f = mote__x86_features();
	int ok = (p->depth_mult == 1 || p->in_c == 1) && small_offset(p->in_zp);

	if (ok && (f & MOTE_X86_AVX2)) {
		*scratch_bytes = mote_depthwise_conv2d_s8_avx2_scratch_size(p);
		return mote_depthwise_conv2d_s8_avx2;
	}
	if (ok && (f & MOTE_X86_SSE41)) {
		*scratch_bytes = mote_depthwise_conv2d_s8_sse41_scratch_size(p);
		return mote_depthwise_conv2d_s8_sse41;
	}
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
	unsigned f = mote__x86_features();
	int ok = small_offset(p->in_offset) && small_offset(p->filter_offset);

	if (ok && (f & MOTE_X86_AVX2)) {
		*scratch_bytes = mote_fully_connected_s8_avx2_scratch_size(p);
		return mote_fully_connected_s8_avx2;
	}
	if (ok && (f & MOTE_X86_SSE41)) {
		*scratch_bytes = mote_fully_connected_s8_sse41_scratch_size(p);
		return mote_fully_connected_s8_sse41;
	}
	*scratch_bytes = 0;
	return fully_connected_s8;
}

void mote_add_s8_best(const mote_binary_params *p, const int8_t *a,
		      const int8_t *b, int8_t *out)
{
	mote_add_s8(p, a, b, out);
}
