/* SPDX-License-Identifier: Apache-2.0 */
/*
 * filter_bank_sqrt.c - SignalFilterBankSquareRoot and TFLM's integer
 * square roots; see filter_bank.h.
 *
 * The root is built bit by bit from the highest even bit position at or
 * below the input's top bit: each step tries res + bit and keeps it when
 * the remainder allows. Finally res rounds up when the remainder exceeds
 * res (and res is not already the largest value of the result type).
 */
#include "signal/filter_bank.h"

#include "kernels/fixedpoint.h"

uint16_t mote_isqrt_u32(uint32_t x)
{
	if (x == 0)
		return 0;
	uint32_t res = 0;
	int top = mote_clz_u32(x) | 1;
	uint32_t bit = 1u << (31 - top);
	for (int steps = (31 - top) / 2 + 1; steps > 0; steps--) {
		if (x >= res + bit) {
			x -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	if (x > res && res != 0xFFFF)
		res++;
	return (uint16_t)res;
}

/* Leading zero bits of a non-zero 64-bit value. */
static int clz64(uint64_t x)
{
	uint32_t hi = (uint32_t)(x >> 32);
	return hi ? mote_clz_u32(hi) : 32 + mote_clz_u32((uint32_t)x);
}

uint32_t mote_isqrt_u64(uint64_t x)
{
	if ((x >> 32) == 0)
		return mote_isqrt_u32((uint32_t)x);
	uint64_t res = 0;
	int top = clz64(x) | 1;
	uint64_t bit = (uint64_t)1 << (63 - top);
	for (int steps = (63 - top) / 2 + 1; steps > 0; steps--) {
		if (x >= res + bit) {
			x -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	if (x > res && res != 0xFFFFFFFFu)
		res++;
	return (uint32_t)res;
}

void mote_filter_bank_sqrt_u64(const uint64_t *in, int32_t n,
			       int32_t scale_bits, uint32_t *out)
{
	for (int32_t c = 0; c < n; c++)
		out[c] = mote_isqrt_u64(in[c]) >> scale_bits;
}
