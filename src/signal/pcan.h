/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pcan.h - SignalPCAN: per-channel automatic gain control (PCAN, TFLM's
 * ApplyPcanAutoGainControlFixed).
 *
 * For each channel, a gain is read from a piecewise-quadratic table
 * indexed by the noise estimate (the "wide dynamic function": segment
 * = position of the estimate's top bit, 10 fraction bits of the estimate
 * interpolate within it; estimates 0, 1, 2 read entries 0, 1, 2 directly),
 * then snr = (signal * gain) >> snr_shift (uint64 product, truncated to
 * uint32) is compressed by shrink(x) = x^2 / 4 below 2 and x - 1 above,
 * taking 12 fraction bits in and giving 6 out.
 */
#ifndef MOTE_SIGNAL_PCAN_H
#define MOTE_SIGNAL_PCAN_H

#include <stdint.h>

/* Gain table entries the wide dynamic function may read: 4 * 32 - 3. */
#define MOTE_PCAN_LUT_SIZE 125

typedef struct mote_pcan_params {
	int32_t channels; /* values in input, noise estimate and output */
	int32_t snr_shift; /* right shift of signal * gain, 0 .. 63 */
} mote_pcan_params;

/* TFLM's WideDynamicFunction: the gain for noise estimate x. `lut` holds
 * at least MOTE_PCAN_LUT_SIZE entries. */
int16_t mote_pcan_gain(uint32_t x, const int16_t *lut);

/* TFLM's PcanShrink. */
uint32_t mote_pcan_shrink(uint32_t x);

/* `in`, `noise` and `out` hold channels values; `in` and `out` may be the
 * same buffer. */
void mote_pcan_u32(const mote_pcan_params *p, const uint32_t *in,
		   const uint32_t *noise, const int16_t *lut, uint32_t *out);

#endif /* MOTE_SIGNAL_PCAN_H */
