/* SPDX-License-Identifier: Apache-2.0 */
/*
 * window.c - reference SignalWindow; see window.h.
 */
#include "signal/window.h"

void mote_window_s16(const mote_window_params *p, const int16_t *in,
		     const int16_t *w, int16_t *out)
{
	for (int32_t k = 0; k < p->n; k++) {
		int32_t v = ((int32_t)in[k] * w[k % p->len]) >> p->shift;
		if (v < INT16_MIN)
			v = INT16_MIN;
		else if (v > INT16_MAX)
			v = INT16_MAX;
		out[k] = (int16_t)v;
	}
}
