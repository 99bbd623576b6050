/* SPDX-License-Identifier: Apache-2.0 */
/*
 * spectral_subtraction.c - reference SignalFilterBankSpectralSubtraction;
 * see filter_bank.h.
 *
 * Per channel, with s = in << smoothing_bits (uint32, wrapping) and B =
 * spectral_subtraction_bits:
 *   noise = (s * smoothing + noise * (1 - smoothing)) >> B   (uint64)
 *   e = min(noise, s); with clamping, noise = e
 *   out = max((s - e) >> smoothing_bits, (in * min_signal_remaining) >> B)
 */
#include "signal/filter_bank.h"

void mote_spectral_subtraction_u32(const mote_spectral_subtraction_params *p,
				   const uint32_t *in, uint32_t *noise,
				   uint32_t *out)
{
	for (int32_t c = 0; c < p->channels; c++) {
		bool odd = (c & 1) != 0;
		uint32_t a = odd ? p->alternate_smoothing : p->smoothing;
		uint32_t b = odd ? p->alternate_one_minus_smoothing
				 : p->one_minus_smoothing;
		uint32_t s = in[c] << p->smoothing_bits;
		noise[c] = (uint32_t)(((uint64_t)s * a + (uint64_t)noise[c] * b) >>
				      p->spectral_subtraction_bits);
		uint32_t e = noise[c];
		if (e > s) {
			e = s;
			if (p->clamping)
				noise[c] = e;
		}
		uint32_t floor = (uint32_t)(((uint64_t)in[c] *
					     p->min_signal_remaining) >>
					    p->spectral_subtraction_bits);
		uint32_t sub = (s - e) >> p->smoothing_bits;
		out[c] = sub > floor ? sub : floor;
	}
}
