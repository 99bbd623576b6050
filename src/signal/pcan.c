/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pcan.c - reference SignalPCAN; see pcan.h.
 *
 * The gain polynomial of segment s (top bit of x at position s, counting
 * from 1) has coefficients lut[4s - 6 .. 4s - 4]; with t the 10 bits of x
 * below its top bit, gain = lut0 + ((((lut2 * t) >> 5) + lut1 * 32) * t
 * + 2^14) >> 15, in int32 arithmetic (wrapping) and truncated to int16.
 */
#include "signal/pcan.h"

#include "kernels/fixedpoint.h"

enum {
	SNR_BITS = 12, /* fraction bits of the snr */
	OUTPUT_BITS = 6 /* fraction bits of the output */
};

int16_t mote_pcan_gain(uint32_t x, const int16_t *lut)
{
	if (x <= 2)
		return lut[x];
	const int32_t s = 32 - mote_clz_u32(x);
	const int16_t *c = lut + 4 * s - 6;
	const uint32_t t32 = s < 11 ? x << (11 - s) : x >> (s - 11);
	const int32_t t = (int16_t)(t32 & 0x3FF);
	int32_t g = ((int32_t)c[2] * t) >> 5;
	g = (int32_t)((uint32_t)g + ((uint32_t)(int32_t)c[1] << 5));
	g = (int32_t)((uint32_t)g * (uint32_t)t);
	g = (int32_t)((uint32_t)g + (1u << 14)) >> 15;
	g += c[0];
	return (int16_t)g;
}

uint32_t mote_pcan_shrink(uint32_t x)
{
	if (x < (2u << SNR_BITS))
		return (x * x) >> (2 + 2 * SNR_BITS - OUTPUT_BITS);
	return (x >> (SNR_BITS - OUTPUT_BITS)) - (1u << OUTPUT_BITS);
}

void mote_pcan_u32(const mote_pcan_params *p, const uint32_t *in,
		   const uint32_t *noise, const int16_t *lut, uint32_t *out)
{
	for (int32_t c = 0; c < p->channels; c++) {
		const uint32_t gain = (uint32_t)(int32_t)mote_pcan_gain(noise[c],
								    lut);
		const uint32_t snr =
			(uint32_t)(((uint64_t)in[c] * gain) >> p->snr_shift);
		out[c] = mote_pcan_shrink(snr);
	}
}
