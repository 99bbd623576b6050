/* SPDX-License-Identifier: Apache-2.0 */
/*
 * window.h - SignalWindow: multiplies a signal by a window, element by
 * element, in fixed point.
 *
 * out[k] = saturate_int16((in[k] * w[k mod len]) >> shift): the product
 * of two int16 values in 32 bits, an arithmetic shift right (rounding
 * toward minus infinity), then saturation to int16. The input is a whole
 * number of windows.
 */
#ifndef MOTE_SIGNAL_WINDOW_H
#define MOTE_SIGNAL_WINDOW_H

#include <stdint.h>

typedef struct mote_window_params {
	int32_t n; /* input elements (a multiple of len) */
	int32_t len; /* window length, >= 1 */
	int32_t shift; /* right shift of each product, 0 .. 31 */
} mote_window_params;

/* `w` holds len weights; `in` and `out` hold n elements and may be the
 * same buffer. */
void mote_window_s16(const mote_window_params *p, const int16_t *in,
		     const int16_t *w, int16_t *out);

#endif /* MOTE_SIGNAL_WINDOW_H */
