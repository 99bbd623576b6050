/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_phase.h - private to the fft_*.c files: the twiddle phases of a
 * plan, computed in double exactly as KissFFT computes them, so that every
 * build rounds the same angles.
 */
#ifndef MOTE_SIGNAL_FFT_PHASE_H
#define MOTE_SIGNAL_FFT_PHASE_H

#include "signal/fft.h"

/* Phase of FFT twiddle k (0 <= k < n): -2 pi k / n, negated for an
 * inverse plan. */
double mote__fft_phase(const mote_fft_plan *plan, int32_t k);

/* Phase of super twiddle k (0 <= k < n / 2): -pi ((k + 1) / n + 1/2),
 * negated for an inverse plan. */
double mote__fft_super_phase(const mote_fft_plan *plan, int32_t k);

#endif /* MOTE_SIGNAL_FFT_PHASE_H */
