/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_s32.c - int32 real FFTs (SignalRfft / SignalIrfft on int32), bit-
 * exact with TFLM's KissFFT fixed-point 32-bit build; see fft.h.
 *
 * Samples are Q31. A product a * b is formed in 64 bits and rounded back
 * with (a * b + 2^30) >> 31; a complex product sums its two 64-bit
 * products before rounding. Scaling down by a radix multiplies by
 * floor((2^31 - 1) / radix) the same way. Sums wrap modulo 2^32 (KissFFT
 * adds in int32; gcc's code wraps), including the sum the split step
 * halves.
 */
#include "signal/fft.h"
#include "signal/fft_phase.h"

#include <math.h>
#include <string.h>

typedef int32_t FFT_T;
typedef mote_cpx_s32 FFT_C;

/* Largest sample: the twiddle scale and the radix scaling numerator. */
#define SAMP_MAX 2147483647

/* Rounds a Q62 product back to Q31 and truncates to 32 bits. */
static inline FFT_T round_q31(int64_t x)
{
	return (FFT_T)((x + (1 << 30)) >> 31);
}

static inline FFT_T add(FFT_T a, FFT_T b)
{
	return (FFT_T)((uint32_t)a + (uint32_t)b);
}

static inline FFT_T sub(FFT_T a, FFT_T b)
{
	return (FFT_T)((uint32_t)a - (uint32_t)b);
}

static inline FFT_T neg(FFT_T a)
{
	return (FFT_T)(0u - (uint32_t)a);
}

static inline FFT_T mul(FFT_T a, FFT_T b)
{
	return round_q31((int64_t)a * b);
}

static inline FFT_T half(FFT_T a)
{
	return a >> 1;
}

static inline FFT_T half_sum(FFT_T a, FFT_T b)
{
	return add(a, b) >> 1;
}

static inline FFT_T half_diff(FFT_T a, FFT_T b)
{
	return sub(a, b) >> 1;
}

static inline FFT_C cmul(FFT_C a, FFT_C b)
{
	FFT_C c;
	c.r = round_q31((int64_t)a.r * b.r - (int64_t)a.i * b.i);
	c.i = round_q31((int64_t)a.r * b.i + (int64_t)a.i * b.r);
	return c;
}

static inline void fixdiv(FFT_C *c, int32_t radix)
{
	c->r = mul(c->r, SAMP_MAX / radix);
	c->i = mul(c->i, SAMP_MAX / radix);
}

#include "signal/fft_impl.h"

void mote_fft_twiddles_s32(const mote_fft_plan *plan, mote_cpx_s32 *tw)
{
	for (int32_t k = 0; k < plan->n; k++) {
		double phase = mote__fft_phase(plan, k);
		tw[k].r = (FFT_T)floor(.5 + SAMP_MAX * cos(phase));
		tw[k].i = (FFT_T)floor(.5 + SAMP_MAX * sin(phase));
	}
	for (int32_t k = 0; k < plan->n / 2; k++) {
		double phase = mote__fft_super_phase(plan, k);
		tw[plan->n + k].r = (FFT_T)floor(.5 + SAMP_MAX * cos(phase));
		tw[plan->n + k].i = (FFT_T)floor(.5 + SAMP_MAX * sin(phase));
	}
}

size_t mote_rfft_s32_scratch_size(const mote_fft_plan *plan)
{
	/* The zero-padded frame, then n complex values. */
	return 2 * (size_t)plan->fft_length * sizeof(FFT_T);
}

void mote_rfft_s32(const mote_rfft_s32_params *p, const int32_t *in,
		   int32_t *out, void *scratch)
{
	const fft_ctx x = { &p->plan, p->twiddles };
	const int32_t len = p->plan.fft_length;
	FFT_T *frame = scratch;
	FFT_C *tmp = (FFT_C *)(frame + len);
	for (int32_t f = 0; f < p->frames; f++) {
		memcpy(frame, in + (size_t)f * p->in_len,
		       sizeof *frame * (size_t)p->in_len);
		memset(frame + p->in_len, 0,
		       sizeof *frame * (size_t)(len - p->in_len));
		rfft_frame(&x, (const FFT_C *)frame, tmp,
			   (FFT_C *)out + (size_t)f * (p->plan.n + 1));
	}
}

void mote_irfft_s32(const mote_rfft_s32_params *p, const int32_t *in,
		    int32_t *out, void *scratch)
{
	const fft_ctx x = { &p->plan, p->twiddles };
	FFT_C *tmp = scratch;
	for (int32_t f = 0; f < p->frames; f++)
		irfft_frame(&x, (const FFT_C *)in + (size_t)f * p->in_len, tmp,
			    (FFT_C *)(out + (size_t)f * p->plan.fft_length));
}
