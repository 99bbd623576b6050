/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft_impl.h - private to fft_s16.c, fft_s32.c and fft_f32.c: the mixed-
 * radix complex FFT and the real-FFT split steps, written once over the
 * arithmetic of one build (see fft.h for the algorithm).
 *
 * The including file defines the types FFT_T (a sample) and FFT_C (a
 * complex sample, fields r and i), then these static inline functions,
 * which carry every difference between the builds:
 *   add(a, b), sub(a, b), neg(a)     sums, wrapping at the sample width;
 *   mul(a, b)                        a product, rounded back to a sample;
 *   half(a)                          a / 2 (integer: arithmetic shift);
 *   half_sum(a, b), half_diff(a, b)  (a + b) / 2 and (a - b) / 2, the sum
 *                                    taken before halving;
 *   cmul(a, b)                       a complex product, each part's two
 *                                    products summed before rounding;
 *   fixdiv(c, radix)                 scales c down by radix in place
 *                                    (float: does nothing);
 * and then includes this file, which defines the static functions
 * cfft(), rfft_frame() and irfft_frame().
 *
 * Every expression below keeps KissFFT's order of operations, which the
 * float build needs to round identically.
 */
#ifndef MOTE_SIGNAL_FFT_IMPL_H
#define MOTE_SIGNAL_FFT_IMPL_H

#include "signal/fft.h"

/* A plan with its twiddles, as the butterflies read them. */
typedef struct fft_ctx {
	const mote_fft_plan *plan; /* stages and direction */
	const FFT_C *tw; /* n FFT twiddles, then n / 2 super twiddles */
} fft_ctx;

static FFT_C cadd(FFT_C a, FFT_C b)
{
	FFT_C c = { add(a.r, b.r), add(a.i, b.i) };
	return c;
}

static FFT_C csub(FFT_C a, FFT_C b)
{
	FFT_C c = { sub(a.r, b.r), sub(a.i, b.i) };
	return c;
}

/* Radix 2: f[k] and f[k + m] from the two half-size transforms. */
static void bfly2(FFT_C *f, size_t stride, const fft_ctx *x, int32_t m)
{
	for (int32_t k = 0; k < m; k++) {
		fixdiv(&f[k], 2);
		fixdiv(&f[k + m], 2);
		FFT_C t = cmul(f[k + m], x->tw[k * stride]);
		f[k + m] = csub(f[k], t);
		f[k] = cadd(f[k], t);
	}
}

/* Radix 3: the third root of unity's sine scales the difference term. */
static void bfly3(FFT_C *f, size_t stride, const fft_ctx *x, int32_t m)
{
	const FFT_C e = x->tw[stride * (size_t)m];
	for (int32_t k = 0; k < m; k++) {
		FFT_C *a = &f[k], *b = &f[k + m], *c = &f[k + 2 * m];
		fixdiv(a, 3);
		fixdiv(b, 3);
		fixdiv(c, 3);
		FFT_C s1 = cmul(*b, x->tw[k * stride]);
		FFT_C s2 = cmul(*c, x->tw[2 * k * stride]);
		FFT_C s3 = cadd(s1, s2);
		FFT_C s0 = csub(s1, s2);
		b->r = sub(a->r, half(s3.r));
		b->i = sub(a->i, half(s3.i));
		s0.r = mul(s0.r, e.i);
		s0.i = mul(s0.i, e.i);
		*a = cadd(*a, s3);
		c->r = add(b->r, s0.i);
		c->i = sub(b->i, s0.r);
		b->r = sub(b->r, s0.i);
		b->i = add(b->i, s0.r);
	}
}

/* Radix 4: the +-i rotations depend on the direction. */
static void bfly4(FFT_C *f, size_t stride, const fft_ctx *x, int32_t m)
{
	for (int32_t k = 0; k < m; k++) {
		FFT_C *a = &f[k], *b = &f[k + m], *c = &f[k + 2 * m];
		FFT_C *d = &f[k + 3 * m];
		fixdiv(a, 4);
		fixdiv(b, 4);
		fixdiv(c, 4);
		fixdiv(d, 4);
		FFT_C s0 = cmul(*b, x->tw[k * stride]);
		FFT_C s1 = cmul(*c, x->tw[2 * k * stride]);
		FFT_C s2 = cmul(*d, x->tw[3 * k * stride]);
		FFT_C s5 = csub(*a, s1);
		*a = cadd(*a, s1);
		FFT_C s3 = cadd(s0, s2);
		FFT_C s4 = csub(s0, s2);
		*c = csub(*a, s3);
		*a = cadd(*a, s3);
		if (x->plan->inverse) {
			b->r = sub(s5.r, s4.i);
			b->i = add(s5.i, s4.r);
			d->r = add(s5.r, s4.i);
			d->i = sub(s5.i, s4.r);
		} else {
			b->r = add(s5.r, s4.i);
			b->i = sub(s5.i, s4.r);
			d->r = sub(s5.r, s4.i);
			d->i = add(s5.i, s4.r);
		}
	}
}

/* Radix 5 with the fifth roots ya = w^m and yb = w^2m. */
static void bfly5(FFT_C *f, size_t stride, const fft_ctx *x, int32_t m)
{
	const FFT_C ya = x->tw[stride * (size_t)m];
	const FFT_C yb = x->tw[stride * 2 * (size_t)m];
	for (int32_t u = 0; u < m; u++) {
		FFT_C *f0 = &f[u], *f1 = &f[u + m], *f2 = &f[u + 2 * m];
		FFT_C *f3 = &f[u + 3 * m], *f4 = &f[u + 4 * m];
		fixdiv(f0, 5);
		fixdiv(f1, 5);
		fixdiv(f2, 5);
		fixdiv(f3, 5);
		fixdiv(f4, 5);
		const FFT_C s0 = *f0;
		FFT_C s1 = cmul(*f1, x->tw[u * stride]);
		FFT_C s2 = cmul(*f2, x->tw[2 * u * stride]);
		FFT_C s3 = cmul(*f3, x->tw[3 * u * stride]);
		FFT_C s4 = cmul(*f4, x->tw[4 * u * stride]);
		FFT_C s7 = cadd(s1, s4), s10 = csub(s1, s4);
		FFT_C s8 = cadd(s2, s3), s9 = csub(s2, s3);
		f0->r = add(f0->r, add(s7.r, s8.r));
		f0->i = add(f0->i, add(s7.i, s8.i));
		FFT_C s5, s6, s11, s12;
		s5.r = add(add(s0.r, mul(s7.r, ya.r)), mul(s8.r, yb.r));
		s5.i = add(add(s0.i, mul(s7.i, ya.r)), mul(s8.i, yb.r));
		s6.r = add(mul(s10.i, ya.i), mul(s9.i, yb.i));
		s6.i = sub(neg(mul(s10.r, ya.i)), mul(s9.r, yb.i));
		*f1 = csub(s5, s6);
		*f4 = cadd(s5, s6);
		s11.r = add(add(s0.r, mul(s7.r, yb.r)), mul(s8.r, ya.r));
		s11.i = add(add(s0.i, mul(s7.i, yb.r)), mul(s8.i, ya.r));
		s12.r = add(neg(mul(s10.i, yb.i)), mul(s9.i, ya.i));
		s12.i = sub(mul(s10.r, yb.i), mul(s9.r, ya.i));
		*f2 = cadd(s11, s12);
		*f3 = csub(s11, s12);
	}
}

/*
 * Stage `s` of the complex FFT: out[0 .. radix * span) receives the
 * transform of in[0], in[stride], in[2 * stride], ... Recursion depth is
 * the number of stages.
 */
static void cfft_stage(const fft_ctx *x, FFT_C *out, const FFT_C *in,
		       size_t stride, int32_t s)
{
	const int32_t p = x->plan->radix[s], m = x->plan->span[s];
	for (int32_t q = 0; q < p; q++) {
		if (m == 1)
			out[q] = in[q * stride];
		else
			cfft_stage(x, out + q * m, in + q * stride,
				   stride * (size_t)p, s + 1);
	}
	switch (p) {
	case 2:
		bfly2(out, stride, x, m);
		break;
	case 3:
		bfly3(out, stride, x, m);
		break;
	case 4:
		bfly4(out, stride, x, m);
		break;
	default:
		bfly5(out, stride, x, m);
		break;
	}
}

/* The complex FFT of n points: out = FFT(in). */
static void cfft(const fft_ctx *x, FFT_C *out, const FFT_C *in)
{
	cfft_stage(x, out, in, 1, 0);
}

/*
 * One forward real FFT: `frame` holds fft_length samples (viewed as n
 * complex), `tmp` n complex of work space, `out` receives n + 1 bins.
 */
static void rfft_frame(const fft_ctx *x, const FFT_C *frame, FFT_C *tmp,
		       FFT_C *out)
{
	const int32_t n = x->plan->n;
	const FFT_C *super = x->tw + n;
	cfft(x, tmp, frame);
	/* Bin 0 and bin n from the sums of the even and odd samples. */
	FFT_C dc = tmp[0];
	fixdiv(&dc, 2);
	out[0].r = add(dc.r, dc.i);
	out[n].r = sub(dc.r, dc.i);
	out[0].i = 0;
	out[n].i = 0;
	for (int32_t k = 1; k <= n / 2; k++) {
		FFT_C fk = tmp[k];
		FFT_C fnk = { tmp[n - k].r, neg(tmp[n - k].i) };
		fixdiv(&fk, 2);
		fixdiv(&fnk, 2);
		FFT_C f1 = cadd(fk, fnk);
		FFT_C f2 = csub(fk, fnk);
		FFT_C t = cmul(f2, super[k - 1]);
		out[k].r = half_sum(f1.r, t.r);
		out[k].i = half_sum(f1.i, t.i);
		out[n - k].r = half_diff(f1.r, t.r);
		out[n - k].i = half_diff(t.i, f1.i);
	}
}

/*
 * One inverse real FFT: `in` holds n + 1 bins, `tmp` n complex of work
 * space, `out` receives fft_length samples (viewed as n complex).
 */
static void irfft_frame(const fft_ctx *x, const FFT_C *in, FFT_C *tmp,
			FFT_C *out)
{
	const int32_t n = x->plan->n;
	const FFT_C *super = x->tw + n;
	tmp[0].r = add(in[0].r, in[n].r);
	tmp[0].i = sub(in[0].r, in[n].r);
	fixdiv(&tmp[0], 2);
	for (int32_t k = 1; k <= n / 2; k++) {
		FFT_C fk = in[k];
		FFT_C fnk = { in[n - k].r, neg(in[n - k].i) };
		fixdiv(&fk, 2);
		fixdiv(&fnk, 2);
		FFT_C even = cadd(fk, fnk);
		FFT_C odd = cmul(csub(fk, fnk), super[k - 1]);
		tmp[k] = cadd(even, odd);
		tmp[n - k] = csub(even, odd);
		tmp[n - k].i = neg(tmp[n - k].i);
	}
	cfft(x, out, tmp);
}

#endif /* MOTE_SIGNAL_FFT_IMPL_H */
