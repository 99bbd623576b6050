/* SPDX-License-Identifier: Apache-2.0 */
/*
 * filter_bank.h - the mel filter bank stages of the signal library:
 * SignalFilterBank, SignalFilterBankSquareRoot,
 * SignalFilterBankSpectralSubtraction and SignalFilterBankLog.
 *
 * Filter bank: channel c (0 .. channels, where channel 0 only collects the
 * falling edge of channel 1) spans widths[c] input bins from
 * freq_starts[c], with weights from weight_starts[c]. Each channel adds up
 * weights[w] * in[f] (rising edge) and its successor starts from
 * unweights[w] * in[f] (falling edge), all in uint64 arithmetic modulo
 * 2^64 (a negative weight sign-extends). out[c - 1] is channel c.
 *
 * Square root: out[c] = isqrt(in[c]) >> scale_bits, with TFLM's bitwise
 * integer square root rounded to nearest (not above 0xFFFF for a 32-bit
 * input, nor above 0xFFFFFFFF for a 64-bit one); inputs below 2^32 use
 * the 32-bit routine.
 *
 * Spectral subtraction: a per-channel first-order low-pass noise estimate
 * (state kept across invokes), subtracted from the signal with a floor of
 * min_signal_remaining times the signal; even channels use `smoothing`,
 * odd ones `alternate_smoothing`. Arithmetic is TFLM's: uint32 values,
 * uint64 products, logical shifts.
 *
 * Log: out[c] = min(32767, round(output_scale * ln(in[c] << correction_bits)))
 * with TFLM's fixed-point log2 (a 129-entry table, see filter_bank_log.c)
 * and ln 2 as 45426 / 2^16; 0 for inputs (after the shift) of 0 or 1.
 */
#ifndef MOTE_SIGNAL_FILTER_BANK_H
#define MOTE_SIGNAL_FILTER_BANK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct mote_filter_bank_params {
	int32_t channels; /* output channels (the bank has channels + 1) */
	int32_t n_in; /* input bins */
	int32_t n_weights; /* entries in weights and unweights */
} mote_filter_bank_params;

/*
 * True if every channel of the bank reads inside the input and the weight
 * tables: starts and widths non-negative, start + width within bounds.
 * freq_starts, weight_starts and widths hold channels + 1 entries.
 */
bool mote_filter_bank_valid(const mote_filter_bank_params *p,
			    const int16_t *freq_starts,
			    const int16_t *weight_starts,
			    const int16_t *widths);

/* Accumulates the bank (see above) into out[0 .. channels). The tables
 * must have passed mote_filter_bank_valid(). */
void mote_filter_bank_u32(const mote_filter_bank_params *p,
			  const uint32_t *in, const int16_t *weights,
			  const int16_t *unweights, const int16_t *freq_starts,
			  const int16_t *weight_starts, const int16_t *widths,
			  uint64_t *out);

/* TFLM's integer square roots (see above). */
uint16_t mote_isqrt_u32(uint32_t x);
uint32_t mote_isqrt_u64(uint64_t x);

/* out[c] = mote_isqrt_u64(in[c]) >> scale_bits for n channels;
 * scale_bits in 0 .. 31. */
void mote_filter_bank_sqrt_u64(const uint64_t *in, int32_t n,
			       int32_t scale_bits, uint32_t *out);

typedef struct mote_spectral_subtraction_params {
	int32_t channels; /* channels in input, output and estimate */
	uint32_t smoothing; /* low-pass coefficient, even channels */
	uint32_t one_minus_smoothing; /* its complement, even channels */
	uint32_t alternate_smoothing; /* coefficient, odd channels */
	uint32_t alternate_one_minus_smoothing; /* complement, odd channels */
	uint32_t min_signal_remaining; /* floor, as a fraction of the signal */
	uint32_t smoothing_bits; /* extra fraction bits of the estimate, < 32 */
	uint32_t spectral_subtraction_bits; /* scale of the coefficients, < 64 */
	bool clamping; /* pull the estimate down to a smaller signal */
} mote_spectral_subtraction_params;

/* Updates `noise` (channels values, state) from `in` and writes the
 * subtracted signal to `out`. */
void mote_spectral_subtraction_u32(const mote_spectral_subtraction_params *p,
				   const uint32_t *in, uint32_t *noise,
				   uint32_t *out);

/* TFLM's Log32: round(out_scale * ln(x)) in fixed point, for x >= 2. */
uint32_t mote_log32(uint32_t x, uint32_t out_scale);

typedef struct mote_filter_bank_log_params {
	int32_t channels; /* values in input and output */
	uint32_t output_scale; /* scale of the output */
	uint32_t correction_bits; /* left shift of the input, < 32 */
} mote_filter_bank_log_params;

void mote_filter_bank_log_u32(const mote_filter_bank_log_params *p,
			      const uint32_t *in, int16_t *out);

#endif /* MOTE_SIGNAL_FILTER_BANK_H */
