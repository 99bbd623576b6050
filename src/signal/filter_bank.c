/* SPDX-License-Identifier: Apache-2.0 */
/*
 * filter_bank.c - reference SignalFilterBank; see filter_bank.h.
 */
#include "signal/filter_bank.h"

bool mote_filter_bank_valid(const mote_filter_bank_params *p,
			    const int16_t *freq_starts,
			    const int16_t *weight_starts,
			    const int16_t *widths)
{
	for (int32_t c = 0; c <= p->channels; c++) {
		int32_t f = freq_starts[c], w = weight_starts[c];
		int32_t len = widths[c];
		if (f < 0 || w < 0 || len < 0)
			return false;
		if (f + len > p->n_in || w + len > p->n_weights)
			return false;
	}
	return true;
}

void mote_filter_bank_u32(const mote_filter_bank_params *p,
			  const uint32_t *in, const int16_t *weights,
			  const int16_t *unweights, const int16_t *freq_starts,
			  const int16_t *weight_starts, const int16_t *widths,
			  uint64_t *out)
{
	uint64_t rising = 0;
	for (int32_t c = 0; c <= p->channels; c++) {
		const uint32_t *x = in + freq_starts[c];
		const int16_t *w = weights + weight_starts[c];
		const int16_t *u = unweights + weight_starts[c];
		uint64_t falling = 0;
		for (int32_t j = 0; j < widths[c]; j++) {
			rising += (uint64_t)(int64_t)w[j] * x[j];
			falling += (uint64_t)(int64_t)u[j] * x[j];
		}
		if (c > 0)
			out[c - 1] = rising;
		rising = falling;
	}
}
