/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_s16.c - int16 real FFTs (SignalRfft / SignalIrfft on int16), bit-
 * exact with TFLM's KissFFT fixed-point 16-bit build; see fft.h.
 *
 * Samples are Q15. A product a * b is formed in 32 bits and rounded back
 * with (a * b + 2^14) >> 15; a complex product sums its two 32-bit
 * products before rounding. Scaling down by a radix multiplies by
 * floor(32767 / radix) the same way. Results are truncated to 16 bits
 * (two's complement wrap), as the C conversions in KissFFT do.
 */
#include "signal/fft.h"
#include "signal/fft_phase.h"

#include <math.h>
#include <string.h>

typedef int16_t FFT_T;
typedef mote_cpx_s16 FFT_C;

/* Largest sample: the twiddle scale and the radix scaling numerator. */
#define SAMP_MAX 32767

/* Rounds a Q30 product back to Q15 and truncates to 16 bits. */
static inline FFT_T round_q15(int64_t x)
{
	return (FFT_T)((x + (1 << 14)) >> 15);
}

static inline FFT_T add(FFT_T a, FFT_T b)
{
	return (FFT_T)(a + b);
}

static inline FFT_T sub(FFT_T a, FFT_T b)
{
	return (FFT_T)(a - b);
}

static inline FFT_T neg(FFT_T a)
{
	return (FFT_T)-a;
}

static inline FFT_T mul(FFT_T a, FFT_T b)
{
	return round_q15((int32_t)a * b);
}

static inline FFT_T half(FFT_T a)
{
	return (FFT_T)(a >> 1);
}

static inline FFT_T half_sum(FFT_T a, FFT_T b)
{
	return (FFT_T)(((int32_t)a + b) >> 1);
}

static inline FFT_T half_diff(FFT_T a, FFT_T b)
{
	return (FFT_T)(((int32_t)a - b) >> 1);
}

static inline FFT_C cmul(FFT_C a, FFT_C b)
{
	FFT_C c;
	c.r = round_q15((int64_t)a.r * b.r - (int64_t)a.i * b.i);
	c.i = round_q15((int64_t)a.r * b.i + (int64_t)a.i * b.r);
	return c;
}

static inline void fixdiv(FFT_C *c, int32_t radix)
{
	c->r = mul(c->r, (FFT_T)(SAMP_MAX / radix));
	c->i = mul(c->i, (FFT_T)(SAMP_MAX / radix));
}

#include "signal/fft_impl.h"

void mote_fft_twiddles_s16(const mote_fft_plan *plan, mote_cpx_s16 *tw)
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

size_t mote_rfft_s16_scratch_size(const mote_fft_plan *plan)
{
	/* The zero-padded frame, then n complex values. */
	return 2 * (size_t)plan->fft_length * sizeof(FFT_T);
}

void mote_rfft_s16(const mote_rfft_s16_params *p, const int16_t *in,
		   int16_t *out, void *scratch)
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

void mote_irfft_s16(const mote_rfft_s16_params *p, const int16_t *in,
		    int16_t *out, void *scratch)
{
	const fft_ctx x = { &p->plan, p->twiddles };
	FFT_C *tmp = scratch;
	for (int32_t f = 0; f < p->frames; f++)
		irfft_frame(&x, (const FFT_C *)in + (size_t)f * p->in_len, tmp,
			    (FFT_C *)(out + (size_t)f * p->plan.fft_length));
}
