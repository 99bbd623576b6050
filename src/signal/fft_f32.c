/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_f32.c - float real FFTs (SignalRfft / SignalIrfft on float32),
 * bit-exact with TFLM's KissFFT float build on a target without fused
 * multiply-add contraction; see fft.h.
 *
 * Every operation is one float operation in KissFFT's order; nothing is
 * scaled down by the radix. Halving multiplies by 0.5f. The inverse
 * divides each output sample by (float)fft_length, as TFLM does.
 */
#include "signal/fft.h"
#include "signal/fft_phase.h"

#include <math.h>
#include <string.h>

typedef float FFT_T;
typedef mote_cpx_f32 FFT_C;

static inline FFT_T add(FFT_T a, FFT_T b)
{
	return a + b;
}

static inline FFT_T sub(FFT_T a, FFT_T b)
{
	return a - b;
}

static inline FFT_T neg(FFT_T a)
{
	return -a;
}

static inline FFT_T mul(FFT_T a, FFT_T b)
{
	return a * b;
}

static inline FFT_T half(FFT_T a)
{
	return a * 0.5f;
}

static inline FFT_T half_sum(FFT_T a, FFT_T b)
{
	return (a + b) * 0.5f;
}

static inline FFT_T half_diff(FFT_T a, FFT_T b)
{
	return (a - b) * 0.5f;
}

static inline FFT_C cmul(FFT_C a, FFT_C b)
{
	FFT_C c;
	c.r = a.r * b.r - a.i * b.i;
	c.i = a.r * b.i + a.i * b.r;
	return c;
}

static inline void fixdiv(FFT_C *c, int32_t radix)
{
	(void)c;
	(void)radix;
}

#include "signal/fft_impl.h"

void mote_fft_twiddles_f32(const mote_fft_plan *plan, mote_cpx_f32 *tw)
{
	for (int32_t k = 0; k < plan->n; k++) {
		double phase = mote__fft_phase(plan, k);
		tw[k].r = (FFT_T)cos(phase);
		tw[k].i = (FFT_T)sin(phase);
	}
	for (int32_t k = 0; k < plan->n / 2; k++) {
		double phase = mote__fft_super_phase(plan, k);
		tw[plan->n + k].r = (FFT_T)cos(phase);
		tw[plan->n + k].i = (FFT_T)sin(phase);
	}
}

size_t mote_rfft_f32_scratch_size(const mote_fft_plan *plan)
{
	/* The zero-padded frame, then n complex values. */
	return 2 * (size_t)plan->fft_length * sizeof(FFT_T);
}

void mote_rfft_f32(const mote_rfft_f32_params *p, const float *in,
		   float *out, void *scratch)
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

void mote_irfft_f32(const mote_rfft_f32_params *p, const float *in,
		    float *out, void *scratch)
{
	const fft_ctx x = { &p->plan, p->twiddles };
	const int32_t len = p->plan.fft_length;
	FFT_C *tmp = scratch;
	for (int32_t f = 0; f < p->frames; f++) {
		float *o = out + (size_t)f * len;
		irfft_frame(&x, (const FFT_C *)in + (size_t)f * p->in_len, tmp,
			    (FFT_C *)o);
		for (int32_t k = 0; k < len; k++)
			o[k] /= (float)len;
	}
}
