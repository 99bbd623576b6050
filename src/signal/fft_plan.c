/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_plan.c - the parts of the real FFT every build shares: factoring the
 * length into stages, sizes, and the twiddle phases (see fft.h).
 */
#include "signal/fft.h"
#include "signal/fft_phase.h"

#include <math.h>

/* Most digits KissFFT writes for pi; the double they round to is what
 * matters. */
static const double PI = 3.14159265358979323846264338327;

bool mote_fft_plan_init(mote_fft_plan *plan, int32_t fft_length,
			bool inverse)
{
	if (fft_length < 4 || fft_length % 2 != 0)
		return false;
	int32_t n = fft_length / 2;
	/* Radices are tried in the order 4, 2, 3, 5, 7, ...; once the trial
	 * radix exceeds floor(sqrt(n)) of the original n, the rest of n is
	 * one last radix. */
	const int32_t root = (int32_t)floor(sqrt((double)n));
	int32_t rest = n, radix = 4, s = 0;
	do {
		while (rest % radix != 0) {
			radix = radix == 4 ? 2 : (radix == 2 ? 3 : radix + 2);
			if (radix > root)
				radix = rest;
		}
		if (radix > 5 || s == MOTE_FFT_MAX_STAGES)
			return false;
		rest /= radix;
		plan->radix[s] = radix;
		plan->span[s] = rest;
		s++;
	} while (rest > 1);
	plan->fft_length = fft_length;
	plan->n = n;
	plan->inverse = inverse;
	plan->n_stages = s;
	return true;
}

size_t mote_fft_twiddle_count(const mote_fft_plan *plan)
{
	return (size_t)plan->n + (size_t)(plan->n / 2);
}

double mote__fft_phase(const mote_fft_plan *plan, int32_t k)
{
	double phase = -2 * PI * k / plan->n;
	return plan->inverse ? -phase : phase;
}

double mote__fft_super_phase(const mote_fft_plan *plan, int32_t k)
{
	double phase = -PI * ((double)(k + 1) / plan->n + .5);
	return plan->inverse ? -phase : phase;
}
