/* SPDX-License-Identifier: Apache-2.0 */
/*
 * energy.h - SignalEnergy: the energy (squared magnitude) of the bins of
 * an int16 complex spectrum.
 *
 * out[k] = re[k]^2 + im[k]^2 for start <= k < end, computed modulo 2^32
 * (only -32768 + -32768i reaches 2^31). TFLM leaves the outputs outside
 * [start, end) unwritten, so they hold whatever its arena held; here they
 * are set to 0, so that the output is deterministic.
 */
#ifndef MOTE_SIGNAL_ENERGY_H
#define MOTE_SIGNAL_ENERGY_H

#include <stdint.h>

typedef struct mote_energy_params {
	int32_t start; /* first bin, >= 0 */
	int32_t end; /* one past the last bin, >= start */
	int32_t n_out; /* output values, >= end */
} mote_energy_params;

/* `in` holds interleaved (re, im) pairs for at least `end` bins; `out`
 * n_out values. */
void mote_energy_s16(const mote_energy_params *p, const int16_t *in,
		     uint32_t *out);

#endif /* MOTE_SIGNAL_ENERGY_H */
