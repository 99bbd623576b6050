/* SPDX-License-Identifier: Apache-2.0 */
/*
 * energy.c - reference SignalEnergy; see energy.h.
 */
#include "signal/energy.h"

#include <string.h>

void mote_energy_s16(const mote_energy_params *p, const int16_t *in,
		     uint32_t *out)
{
	memset(out, 0, sizeof *out * (size_t)p->start);
	memset(out + p->end, 0, sizeof *out * (size_t)(p->n_out - p->end));
	for (int32_t k = p->start; k < p->end; k++) {
		int32_t re = in[2 * k], im = in[2 * k + 1];
		out[k] = (uint32_t)(re * re) + (uint32_t)(im * im);
	}
}
