/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_common.c - helpers shared by the convolution kernels (conv2d_*.c,
 * depthwise_conv2d_*.c): the range of filter taps that lies inside the
 * input, and the expansion of packed int4 filters. See conv2d.h.
 */
#include "kernels/conv2d.h"

void mote__tap_range(int32_t origin, int32_t taps, int32_t dilation,
		     int32_t size, int32_t *lo, int32_t *hi)
{
	int32_t first = 0;
	int32_t end = taps;

	/* First tap with origin + dilation * tap >= 0. */
	if (origin < 0)
		first = (-origin + dilation - 1) / dilation;
	/* One past the last tap with origin + dilation * tap < size. */
	if (size - origin <= 0)
		end = 0;
	else if ((size - origin + dilation - 1) / dilation < taps)
		end = (size - origin + dilation - 1) / dilation;
	if (first > end)
		first = end;
	*lo = first;
	*hi = end;
}

void mote__unpack_int4(const uint8_t *src, size_t n, int8_t *dst)
{
	size_t i;

	/* Sign-extend each nibble: (v ^ 8) - 8 maps 0..15 to 0..7, -8..-1. */
	for (i = 0; i + 1 < n; i += 2) {
		uint8_t b = src[i / 2];
		dst[i] = (int8_t)(((b & 0x0F) ^ 8) - 8);
		dst[i + 1] = (int8_t)(((b >> 4) ^ 8) - 8);
	}
	if (i < n)
		dst[i] = (int8_t)(((src[i / 2] & 0x0F) ^ 8) - 8);
}
