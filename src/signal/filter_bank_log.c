/* SPDX-License-Identifier: Apache-2.0 */
/*
 * filter_bank_log.c - SignalFilterBankLog and TFLM's fixed-point natural
 * logarithm; see filter_bank.h.
 *
 * log2(x) = i + f for x in [2^i, 2^(i+1)): the fraction t = x / 2^i - 1
 * is brought to 16 bits, and f is t plus a correction log2(1 + t) - t
 * read from a 129-entry table (128 segments of 2^9 in t), all in Q16.
 * TFLM meant to interpolate between entries, but it scales the
 * interpolation term by 2^-16 instead of 2^-9, so that term stays within
 * -2 .. 1 and the table's lower entry is used nearly as is (an error of up
 * to about 224 / 2^16 in log2); this kernel does the same. Then
 * ln(x) = log2(x) * 45426 / 2^16 (45426 is ln 2 in Q16), rounded, and is
 * scaled by out_scale / 2^16, rounded; out_scale * ln(x) * 2^16 wraps
 * modulo 2^32 as in TFLM. Every step keeps TFLM's integer types: the
 * fraction and the interpolation in int32 (arithmetic shifts), the rest
 * in uint32 with one uint64 product.
 */
#include "signal/filter_bank.h"

#include "kernels/fixedpoint.h"

/* Correction of log2(1 + t) over t, at t = k / 128 (Q16); TFLM's table
 * (two trailing zeros pad the last segment). */
static const uint16_t LOG_TABLE[] = {
	0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163,
	2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848,
	3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934,
	5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
	5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
	5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370,
	5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
	4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
	3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659,
	2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
	1094, 963,  830,  695,  559,  421,  282,  142,  0,    0
};

enum {
	SCALE_BITS = 16, /* fraction bits of log2 */
	SEGMENT_BITS = 7, /* 128 table segments */
	LN2_Q16 = 45426 /* ln 2 * 2^16, rounded */
};

/* Fractional part of log2(x) in Q16, for x in [2^i, 2^(i+1)). */
static uint32_t log2_fraction(uint32_t x, uint32_t i)
{
	int32_t frac = (int32_t)(x - ((uint32_t)1 << i));
	if (i < SCALE_BITS)
		frac <<= SCALE_BITS - i;
	else
		frac >>= i - SCALE_BITS;
	const uint32_t seg = (uint32_t)frac >> (SCALE_BITS - SEGMENT_BITS);
	const int32_t seg_unit = 1 << (SCALE_BITS - SEGMENT_BITS);
	const int32_t c0 = LOG_TABLE[seg];
	const int32_t c1 = LOG_TABLE[seg + 1];
	const int32_t rel = ((c1 - c0) * (frac - seg_unit * (int32_t)seg)) >>
			    SCALE_BITS;
	return (uint32_t)(frac + c0 + rel);
}

uint32_t mote_log32(uint32_t x, uint32_t out_scale)
{
	const uint32_t i = (uint32_t)(31 - mote_clz_u32(x));
	const uint32_t log2 = (i << SCALE_BITS) + log2_fraction(x, i);
	const uint32_t round = 1u << (SCALE_BITS - 1);
	const uint32_t ln = (uint32_t)(((uint64_t)LN2_Q16 * log2 + round) >>
				       SCALE_BITS);
	return (out_scale * ln + round) >> SCALE_BITS;
}

void mote_filter_bank_log_u32(const mote_filter_bank_log_params *p,
			      const uint32_t *in, int16_t *out)
{
	for (int32_t c = 0; c < p->channels; c++) {
		uint32_t x = in[c] << p->correction_bits;
		uint32_t v = x > 1 ? mote_log32(x, p->output_scale) : 0;
		out[c] = (int16_t)(v < INT16_MAX ? v : INT16_MAX);
	}
}
