/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fft.h - real FFTs of the signal library (SignalRfft, SignalIrfft) and
 * the auto-scaling that precedes an int16 FFT (SignalFftAutoScale).
 *
 * TFLM computes these with KissFFT v130 (fixed-point int16, fixed-point
 * int32 and float builds). These kernels are a separate implementation of
 * the same algorithm with the same arithmetic, so their results are
 * bit-exact with TFLM's:
 *
 * - A real FFT of fft_length (even) points runs one complex FFT of
 *   n = fft_length / 2 points over the samples taken in pairs (even sample
 *   as real part, odd as imaginary), then splits the result into the
 *   n + 1 non-redundant bins with "super twiddles" exp(-i pi (k/n + 1/2)).
 *   The inverse runs the same steps backwards. The float inverse then
 *   divides every sample by fft_length; the integer ones do not.
 * - The complex FFT is a recursive mixed-radix decimation in time. n is
 *   factored greedily: 4s first, then 2, then 3, 5; each stage combines
 *   `radix` sub-transforms of `span` points with the radix-2, 3, 4 or 5
 *   butterfly. TFLM's KissFFT build has no working generic butterfly (its
 *   temporary buffer allocator is patched to return NULL), so an n with a
 *   prime factor above 5, or n = 1, is not supported here either.
 * - Twiddles are computed once, from the phase -2 pi k / n in double
 *   (positive for an inverse): integer builds store
 *   floor(0.5 + MAX * cos(phase)) with MAX = 2^15 - 1 or 2^31 - 1, the
 *   float build (float)cos(phase); likewise the sine.
 * - Integer builds scale every butterfly input down by its radix
 *   (x * floor(MAX / radix), rounded), so outputs are the transform divided
 *   by n (forward) and never overflow; products round half up
 *   ((a * b + 2^(B-2)) >> (B-1), B the sample width). Sums wrap at the
 *   sample width. The split step halves with an arithmetic shift; in the
 *   int16 build the sum being halved is taken in 32 bits first.
 *
 * Complex values are stored as interleaved (real, imaginary) pairs.
 * Buffers passed to one call must not overlap.
 */
#ifndef MOTE_SIGNAL_FFT_H
#define MOTE_SIGNAL_FFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A complex sample of each build. */
typedef struct mote_cpx_s16 {
	int16_t r; /* real part */
	int16_t i; /* imaginary part */
} mote_cpx_s16;

typedef struct mote_cpx_s32 {
	int32_t r; /* real part */
	int32_t i; /* imaginary part */
} mote_cpx_s32;

typedef struct mote_cpx_f32 {
	float r; /* real part */
	float i; /* imaginary part */
} mote_cpx_f32;

/* Most stages a complex FFT may have (KissFFT's limit). */
#define MOTE_FFT_MAX_STAGES 32

/* The shape of a real FFT: its length, direction and stages. */
typedef struct mote_fft_plan {
	int32_t fft_length; /* real points (even, >= 4) */
	int32_t n; /* complex points: fft_length / 2 */
	bool inverse; /* true: Irfft, false: Rfft */
	int32_t n_stages; /* number of stages */
	int32_t radix[MOTE_FFT_MAX_STAGES]; /* stage s combines radix[s] ... */
	int32_t span[MOTE_FFT_MAX_STAGES]; /* ... transforms of span[s] points */
} mote_fft_plan;

/*
 * Fills `plan` for a real FFT of fft_length points. Returns false if
 * fft_length is odd, below 4, or fft_length / 2 has a prime factor above 5
 * (see the file header).
 */
bool mote_fft_plan_init(mote_fft_plan *plan, int32_t fft_length,
			bool inverse);

/* Number of complex twiddles a plan needs: n for the complex FFT plus
 * n / 2 super twiddles. */
size_t mote_fft_twiddle_count(const mote_fft_plan *plan);

/*
 * Parameters of SignalRfft / SignalIrfft for one build. The input is a
 * sequence of `frames` frames: Rfft reads in_len real samples per frame
 * (in_len <= fft_length; the rest is zero padding) and writes n + 1
 * complex bins; Irfft reads in_len complex bins per frame (in_len >= n + 1;
 * bins past n are ignored) and writes fft_length real samples.
 * `twiddles` (mote_fft_twiddle_count() entries, filled by the matching
 * *_twiddles() function) is borrowed and must outlive the params.
 */
typedef struct mote_rfft_s16_params {
	mote_fft_plan plan; /* length, direction, stages */
	const mote_cpx_s16 *twiddles; /* n FFT twiddles, then n / 2 super */
	int32_t frames; /* number of frames */
	int32_t in_len; /* input elements per frame (see above) */
} mote_rfft_s16_params;

typedef struct mote_rfft_s32_params {
	mote_fft_plan plan; /* length, direction, stages */
	const mote_cpx_s32 *twiddles; /* n FFT twiddles, then n / 2 super */
	int32_t frames; /* number of frames */
	int32_t in_len; /* input elements per frame (see above) */
} mote_rfft_s32_params;

typedef struct mote_rfft_f32_params {
	mote_fft_plan plan; /* length, direction, stages */
	const mote_cpx_f32 *twiddles; /* n FFT twiddles, then n / 2 super */
	int32_t frames; /* number of frames */
	int32_t in_len; /* input elements per frame (see above) */
} mote_rfft_f32_params;

/* Computes the twiddles of `plan` into `tw` (mote_fft_twiddle_count()
 * entries). Uses libm's cos and sin. */
void mote_fft_twiddles_s16(const mote_fft_plan *plan, mote_cpx_s16 *tw);
void mote_fft_twiddles_s32(const mote_fft_plan *plan, mote_cpx_s32 *tw);
void mote_fft_twiddles_f32(const mote_fft_plan *plan, mote_cpx_f32 *tw);

/* Scratch bytes a forward or inverse transform of `plan` needs in each
 * build: 2 * fft_length samples. */
size_t mote_rfft_s16_scratch_size(const mote_fft_plan *plan);
size_t mote_rfft_s32_scratch_size(const mote_fft_plan *plan);
size_t mote_rfft_f32_scratch_size(const mote_fft_plan *plan);

/*
 * Forward real FFT of every frame: `in` holds frames * in_len samples,
 * `out` receives frames * (n + 1) complex bins as 2 * (n + 1) scalars per
 * frame. `scratch` holds mote_rfft_<build>_scratch_size() bytes, aligned
 * to 8.
 */
void mote_rfft_s16(const mote_rfft_s16_params *p, const int16_t *in,
		   int16_t *out, void *scratch);
void mote_rfft_s32(const mote_rfft_s32_params *p, const int32_t *in,
		   int32_t *out, void *scratch);
void mote_rfft_f32(const mote_rfft_f32_params *p, const float *in,
		   float *out, void *scratch);

/*
 * Inverse real FFT of every frame: `in` holds frames * in_len complex bins
 * (2 * in_len scalars per frame), `out` receives frames * fft_length
 * samples. `scratch` as for the forward transform.
 */
void mote_irfft_s16(const mote_rfft_s16_params *p, const int16_t *in,
		    int16_t *out, void *scratch);
void mote_irfft_s32(const mote_rfft_s32_params *p, const int32_t *in,
		    int32_t *out, void *scratch);
void mote_irfft_f32(const mote_rfft_f32_params *p, const float *in,
		    float *out, void *scratch);

/*
 * SignalFftAutoScale: shifts the n samples of `in` left by the largest
 * amount s that keeps the largest magnitude m within int16 (s = 15 - the
 * number of significant bits of m, at least 0), writes in[i] * 2^s
 * (wrapping to int16) to `out` and returns s. m is found as TFLM finds it:
 * a running int16 maximum updated by x when x > m, else by -x when
 * -x > m, where -(-32768) wraps to -32768 (so a later sample may replace
 * it, and if it stays, s = 0). An all-zero input gives s = 0, as TFLM
 * built with gcc. `in` and `out` may be the same buffer.
 */
int32_t mote_fft_auto_scale_s16(const int16_t *in, int32_t n, int16_t *out);

#endif /* MOTE_SIGNAL_FFT_H */
