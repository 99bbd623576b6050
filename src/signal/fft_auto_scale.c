/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_auto_scale.c - SignalFftAutoScale; see fft.h.
 */
#include "signal/fft.h"

#include "kernels/fixedpoint.h"

/* TFLM's MaxAbs16: a running int16 maximum of x and -x (see fft.h). */
static int16_t max_abs(const int16_t *in, int32_t n)
{
	int16_t m = 0;
	for (int32_t k = 0; k < n; k++) {
		if (in[k] > m)
			m = in[k];
		else if (-in[k] > m)
			m = (int16_t)-in[k];
	}
	return m;
}

int32_t mote_fft_auto_scale_s16(const int16_t *in, int32_t n, int16_t *out)
{
	/* Significant bits of m seen as uint32 (a negative m sign-extends);
	 * 32 for 0, as __builtin_clz-based code gives. */
	uint32_t m = (uint32_t)(int32_t)max_abs(in, n);
	int32_t bits = m ? 32 - mote_clz_u32(m) : 32;
	int32_t s = 15 - bits;
	if (s < 0)
		s = 0;
	for (int32_t k = 0; k < n; k++)
		out[k] = (int16_t)(in[k] * (1 << s));
	return s;
}
