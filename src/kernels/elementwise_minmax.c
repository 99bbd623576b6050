/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_minmax.c - MINIMUM and MAXIMUM kernels (see elementwise.h).
 *
 * Raw values are compared with no rescaling, as TFLM does whatever the
 * tensors' quantization: min is a < b ? a : b, max is a > b ? a : b, so
 * for floats a NaN in `b` (or two equal zeros of either sign) yields b.
 */
#include "kernels/elementwise_impl.h"

#define MINMAX_ELEMS(suffix, T)                                                \
	static inline T min_##suffix(const mote_binary_params *p, T x, T y)    \
	{                                                                      \
		(void)p;                                                       \
		return x < y ? x : y;                                          \
	}                                                                      \
	static inline T max_##suffix(const mote_binary_params *p, T x, T y)    \
	{                                                                      \
		(void)p;                                                       \
		return x > y ? x : y;                                          \
	}                                                                      \
	MOTE__BINARY_KERNEL(mote_minimum_##suffix, mote_binary_params, T, T,   \
			    T, min_##suffix)                                   \
	MOTE__BINARY_KERNEL(mote_maximum_##suffix, mote_binary_params, T, T,   \
			    T, max_##suffix)

MINMAX_ELEMS(f32, float)
MINMAX_ELEMS(s8, int8_t)
MINMAX_ELEMS(s16, int16_t)
MINMAX_ELEMS(s32, int32_t)
MINMAX_ELEMS(s64, int64_t)
