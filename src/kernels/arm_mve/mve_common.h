/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mve_common.h - building blocks shared by the Helium (MVE, Armv8.1-M)
 * int8 kernels in this directory: byte copy, fill and sum loops, and the
 * vector requantization (a loop over a row of sums, and a four-lane
 * intrinsic form; the kernels' own assembly loops inline the same
 * instruction sequence).
 *
 * Only the kernels under src/kernels/arm_mve include this header; they are
 * built only for cores with MVE (-mcpu=cortex-m55 and later).
 *
 * Requantization. mote_mul_by_quant_mult() (fixedpoint.h) computes
 *     rounding_div_pot(srdhm(x << left, mult), right)
 * with left = clamp(shift, 0, 31), right = clamp(-shift, 0, 31) (the
 * kernels clamp the shifts the same way). Four lanes at a time this is
 * exactly:
 *   - VSHL by `left` (a plain, wrapping left shift, as the reference's
 *     uint32 shift);
 *   - VQRDMULH: (2ab + 2^31) >> 32 with saturation. For ab >= 0 that is
 *     gemmlowp's (ab + 2^30) / 2^31; for ab < 0 both round the exact
 *     quotient to nearest with ties toward +infinity (gemmlowp's nudge
 *     1 - 2^30 with a truncating division gives the same integer), and
 *     INT32_MIN * INT32_MIN saturates to INT32_MAX in both;
 *   - VRSHL by -right rounds to nearest with ties toward +infinity; the
 *     reference rounds ties away from zero, so a negative value is first
 *     lowered by one (saturating, which only matters for INT32_MIN, whose
 *     quotient is exact) when right > 0. The mask (x & -right) has its
 *     sign bit set exactly then.
 * tests/unit/test_mve_kernels.c checks this against fixedpoint.h on
 * random and extreme values.
 */
#ifndef MOTE_KERNELS_ARM_MVE_MVE_COMMON_H
#define MOTE_KERNELS_ARM_MVE_MVE_COMMON_H

#include <arm_mve.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies n bytes (any n >= 0; regions do not overlap). */
void mote__mve_copy(int8_t *dst, const int8_t *src, int32_t n);

/* Sets n bytes to v (any n >= 0). */
void mote__mve_fill(int8_t *dst, int8_t v, int32_t n);

/* Sum of n int8 values (n >= 0), exact. */
int32_t mote__mve_sum_s8(const int8_t *x, int32_t n);

/* True if some of the n shifts is positive (a left shift). */
bool mote__mve_any_left(const int32_t *shift, int32_t n);

/*
 * Requantization of one layer: the multipliers and raw shifts of
 * mote_mul_by_quant_mult(), read in place from the params struct, or for
 * per-tensor quantization one quad of each (`quad`, 8 int32 the caller
 * provides) read for every channel.
 */
typedef struct mote__mve_quant {
	const int32_t *mult; /* Q0.31 multipliers */
	const int32_t *shift; /* exponents, positive = left */
	bool per_channel; /* one entry per channel (else one quad) */
	bool left; /* some shift is positive */
	int32_t out_zp; /* output zero point, added with wrap-around */
	int32_t act_min; /* lowest output */
	int32_t act_max; /* highest output */
} mote__mve_quant;

/*
 * Sets q up for n channels from per-channel arrays, or (per_channel
 * false) from mult[0], shift[0] broadcast into quad[0 .. 8).
 */
void mote__mve_quant_init(mote__mve_quant *q, const int32_t *mult,
			  const int32_t *shift, int32_t n, bool per_channel,
			  int32_t *quad, int32_t out_zp, int32_t act_min,
			  int32_t act_max);

/*
 * Requantizes n contiguous int32 sums acc[0 .. n) (channels 0 .. n - 1),
 * adds the zero point, clamps and stores n bytes.
 */
void mote__mve_requant_row(const mote__mve_quant *q, const int32_t *acc,
			   int32_t n, int8_t *out);

/*
 * mote_mul_by_quant_mult() on four lanes with raw shifts (see the top of
 * this file), then zero point and clamp: the intrinsic form, for the few
 * places that are not a loop of their own.
 */
static inline int32x4_t mote__mve_requant_q(const mote__mve_quant *q,
					    int32x4_t x, int32x4_t mult,
					    int32x4_t shift)
{
	int32x4_t zero = vdupq_n_s32(0);
	int32x4_t lsh = vminq_s32(vmaxq_s32(shift, zero), vdupq_n_s32(31));
	int32x4_t rsh = vmaxq_s32(vminq_s32(shift, zero), vdupq_n_s32(-31));
	int32x4_t v = vqrdmulhq_s32(vshlq_s32(x, lsh), mult);
	int32x4_t fix = vshrq_n_s32(vandq_s32(v, rsh), 31);

	v = vrshlq_s32(vqaddq_s32(v, fix), rsh);
	v = vaddq_n_s32(v, q->out_zp);
	v = vmaxq_s32(v, vdupq_n_s32(q->act_min));
	return vminq_s32(v, vdupq_n_s32(q->act_max));
}

#endif /* MOTE_KERNELS_ARM_MVE_MVE_COMMON_H */
