/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fixedpoint.h - the fixed-point arithmetic every integer kernel shares.
 *
 * These reproduce TFLite's (TFLM's default, double-rounding build) integer
 * arithmetic exactly: a real multiplier M is stored as a Q0.31 mantissa
 * `mult` in [2^30, 2^31) and a power-of-two exponent `shift` (positive =
 * left), and x*M is computed as
 *     rounding_div_pot(sat_rounding_doubling_high_mul(x << max(shift,0),
 *                                                      mult), max(-shift,0))
 * Rounding is to nearest, ties away from zero, as in gemmlowp.
 * Everything here is pure integer code except mote_quantize_multiplier(),
 * which runs at prepare time and needs no libm.
 */
#ifndef MOTE_KERNELS_FIXEDPOINT_H
#define MOTE_KERNELS_FIXEDPOINT_H

#include <stdint.h>

static inline int32_t mote_sat_rounding_doubling_high_mul(int32_t a, int32_t b)
{
	if (a == b && a == INT32_MIN)
		return INT32_MAX;
	int64_t ab = (int64_t)a * (int64_t)b;
	int64_t nudge = ab >= 0 ? (1LL << 30) : (1 - (1LL << 30));
	/* Division truncates toward zero, as the reference does. */
	return (int32_t)((ab + nudge) / (1LL << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero; 0 <= exp <= 31. */
static inline int32_t mote_rounding_div_pot(int32_t x, int exponent)
{
	int32_t mask = (int32_t)((1LL << exponent) - 1);
	int32_t remainder = x & mask;
	int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
	return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * mult * 2^shift for a 32-bit x (TFLite MultiplyByQuantizedMultiplier). */
static inline int32_t mote_mul_by_quant_mult(int32_t x, int32_t mult, int shift)
{
	/* Shifts beyond 31 are undefined in TFLite's arithmetic; a hostile
	 * model can ask for them, so they saturate at 31 here. */
	int left = shift > 0 ? (shift < 31 ? shift : 31) : 0;
	int right = shift > 0 ? 0 : (shift > -31 ? -shift : 31);
	int32_t xs = (int32_t)((uint32_t)x << left);
	return mote_rounding_div_pot(mote_sat_rounding_doubling_high_mul(xs, mult),
				     right);
}

/* x * mult * 2^shift for a 64-bit x (TFLite's int64 overload: the
 * multiplier is first reduced to 16 bits). |x| < 2^47, shift in [-31, 7]. */
static inline int32_t mote_mul_by_quant_mult_64(int64_t x, int32_t mult,
						 int shift)
{
	int32_t reduced = mult < 0x7FFF0000 ? ((mult + (1 << 15)) >> 16) : 0x7FFF;
	int total_shift = 15 - shift;
	/* Defined for every shift (TFLite's contract is shift in [-31, 7]);
	 * the product wraps instead of overflowing for hostile inputs. */
	total_shift = total_shift < 1 ? 1 : (total_shift > 62 ? 62 : total_shift);
	int64_t r = (int64_t)((uint64_t)x * (uint64_t)(int64_t)reduced +
			      ((uint64_t)1 << (total_shift - 1)));
	return (int32_t)(r >> total_shift);
}

/* x * mult * 2^shift where shift <= 0 (TFLite's ...SmallerThanOneExp). */
static inline int32_t mote_mul_by_quant_mult_lt1(int32_t x, int32_t mult,
						 int shift)
{
	return mote_rounding_div_pot(mote_sat_rounding_doubling_high_mul(x, mult),
				     -shift);
}

/* x * mult * 2^shift where shift >= 0 (TFLite's ...GreaterThanOne). */
static inline int32_t mote_mul_by_quant_mult_gt1(int32_t x, int32_t mult,
						 int shift)
{
	return mote_sat_rounding_doubling_high_mul(
		(int32_t)((uint32_t)x << shift), mult);
}

static inline int32_t mote_clamp_i32(int32_t x, int32_t lo, int32_t hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}

static inline int32_t mote_min_i32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

static inline int32_t mote_max_i32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

/*
 * Splits a real multiplier into (mult, shift) exactly as TFLite's
 * QuantizeMultiplier does with std::frexp and std::round: `mult` in
 * [2^30, 2^31) or 0, multipliers below 2^-31 flush to 0. Defined in
 * fixedpoint.c (no libm needed).
 */
void mote_quantize_multiplier(double m, int32_t *mult, int *shift);

/* frexp(): m = frac * 2^exp with |frac| in [0.5, 1); bit-exact with libm. */
double mote_frexp(double m, int *exp);

/* round(): to nearest, ties away from zero; bit-exact with libm. */
double mote_round(double x);

/* Same for float (roundf()). */
float mote_roundf(float x);

/* floor() for doubles within int64 range (as libm within that range). */
double mote_floor(double x);

/*
 * gemmlowp fixed-point values. A Qk value (k "integer bits") is an int32
 * raw r meaning r / 2^(31-k); Q0 covers [-1, 1). Sums and differences of
 * raws wrap modulo 2^32 as gemmlowp's do on every target (no saturation);
 * a product of a Qa and a Qb value is the Q(a+b) value
 * mote_sat_rounding_doubling_high_mul(a, b). The functions below follow
 * gemmlowp's fixedpoint.h (as TFLM 90b983c2 uses it) step for step, so
 * their results are bit-exact; argument ranges are gemmlowp's.
 */

/* a + b and a - b modulo 2^32. */
static inline int32_t mote_wrap_add(int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t mote_wrap_sub(int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* a + b and a - b saturated to the int32 range. */
static inline int32_t mote_sat_add(int32_t a, int32_t b)
{
	int64_t s = (int64_t)a + b;
	return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : (int32_t)s);
}

static inline int32_t mote_sat_sub(int32_t a, int32_t b)
{
	int64_t s = (int64_t)a - b;
	return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : (int32_t)s);
}

/* Number of leading zero bits of x (32 for 0). */
static inline int mote_clz_u32(uint32_t x)
{
	int n = 0;
	if (x == 0)
		return 32;
	while (!(x & 0x80000000u)) {
		x <<= 1;
		n++;
	}
	return n;
}

/* Redundant leading sign bits of x: 31 for 0 and -1, 0 for INT32_MIN
 * (TFLite CountLeadingSignBits; gcc's __builtin_clrsb). */
static inline int mote_clrsb_i32(int32_t x)
{
	return mote_clz_u32(x < 0 ? ~(uint32_t)x : (uint32_t)x) - 1;
}

/* (a + b) / 2 rounded to nearest, ties away from zero (RoundingHalfSum). */
static inline int32_t mote_rounding_half_sum(int32_t a, int32_t b)
{
	int64_t sum = (int64_t)a + b;
	return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/*
 * x * 2^exponent: a left shift saturating to the int32 range when
 * exponent > 0 (0 < exponent < 32), a rounding right shift
 * (mote_rounding_div_pot) when exponent < 0 (gemmlowp
 * SaturatingRoundingMultiplyByPOT, TFLite ...ByPOTParam).
 */
static inline int32_t mote_sat_rounding_mul_pot(int32_t x, int exponent)
{
	if (exponent < 0)
		return mote_rounding_div_pot(x, -exponent);
	if (exponent == 0)
		return x;
	int32_t threshold = (int32_t)((1LL << (31 - exponent)) - 1);
	if (x > threshold)
		return INT32_MAX;
	if (x < -threshold)
		return INT32_MIN;
	return (int32_t)((uint32_t)x << exponent);
}

/* Changes a fixed-point raw from Q`src_bits` to Q`dst_bits` (Rescale). */
static inline int32_t mote_fp_rescale(int32_t x, int src_bits, int dst_bits)
{
	return mote_sat_rounding_mul_pot(x, src_bits - dst_bits);
}

/* exp(a) for a Q0 value a in [-1/4, 0); result Q0. */
static inline int32_t mote_fp_exp_quarter(int32_t a)
{
	const int32_t exp_minus_one_eighth = 1895147668;
	const int32_t one_third = 715827883;
	int32_t x = mote_wrap_add(a, 1 << 28);
	int32_t x2 = mote_sat_rounding_doubling_high_mul(x, x);
	int32_t x3 = mote_sat_rounding_doubling_high_mul(x2, x);
	int32_t x4 = mote_sat_rounding_doubling_high_mul(x2, x2);
	int32_t x4_over_4 = mote_rounding_div_pot(x4, 2);
	int32_t poly = mote_rounding_div_pot(
		mote_wrap_add(mote_sat_rounding_doubling_high_mul(
				      mote_wrap_add(x4_over_4, x3), one_third),
			      x2),
		1);
	return mote_wrap_add(exp_minus_one_eighth,
			     mote_sat_rounding_doubling_high_mul(
				     exp_minus_one_eighth, mote_wrap_add(x, poly)));
}

/*
 * exp(a) for a Q`int_bits` value a <= 0 (0 <= int_bits <= 30); result Q0
 * (gemmlowp exp_on_negative_values).
 */
static inline int32_t mote_fp_exp_on_negative(int32_t a, int int_bits)
{
	/* exp(-2^k) in Q0 for k = -2 .. 4. */
	static const int32_t exp_neg_pot[7] = { 1672461947, 1302514674,
						790015084,  290630308,
						39332535,   720401,
						242 };
	int frac_bits = 31 - int_bits;
	int32_t quarter = (int32_t)1 << (frac_bits - 2);
	int32_t a_mod = mote_wrap_sub(a & (quarter - 1), quarter);
	int32_t result = mote_fp_exp_quarter(mote_fp_rescale(a_mod, int_bits, 0));
	int32_t remainder = mote_wrap_sub(a_mod, a);

	for (int k = -2; k <= 4; k++) {
		if (int_bits <= k)
			break;
		if (remainder & ((int32_t)1 << (frac_bits + k)))
			result = mote_sat_rounding_doubling_high_mul(
				result, exp_neg_pot[k + 2]);
	}
	if (int_bits > 5 && a < -((int32_t)1 << (36 - int_bits)))
		result = 0;
	return a == 0 ? INT32_MAX : result;
}

/* 1 / (1 + a) for a Q0 value a in [0, 1); result Q0 (gemmlowp
 * one_over_one_plus_x_for_x_in_0_1). */
static inline int32_t mote_fp_one_over_one_plus_x(int32_t a)
{
	int32_t half_den = mote_rounding_half_sum(a, INT32_MAX);
	/* Newton-Raphson on Q2 values, starting from 48/17 - 32/17 * d. */
	int32_t x = mote_wrap_add(1515870810, mote_sat_rounding_doubling_high_mul(
						       half_den, -1010580540));
	for (int i = 0; i < 3; i++) {
		int32_t dx = mote_sat_rounding_doubling_high_mul(half_den, x);
		int32_t one_minus_dx = mote_wrap_sub(1 << 29, dx);
		x = mote_wrap_add(x, mote_fp_rescale(
					     mote_sat_rounding_doubling_high_mul(
						     x, one_minus_dx),
					     4, 2));
	}
	return mote_fp_rescale(x, 1, 0);
}

/* (1 - a) / (1 + a) for a Q0 value a in [0, 1); result Q0 (gemmlowp
 * one_minus_x_over_one_plus_x_for_x_in_0_1). */
static inline int32_t mote_fp_one_minus_x_over_one_plus_x(int32_t a)
{
	int32_t half_den = mote_rounding_half_sum(a, INT32_MAX);
	int32_t x = mote_wrap_add(1515870810, mote_sat_rounding_doubling_high_mul(
						       half_den, -1010580540));
	for (int i = 0; i < 3; i++) {
		int32_t dx = mote_sat_rounding_doubling_high_mul(half_den, x);
		int32_t one_minus_dx = mote_wrap_sub(1 << 29, dx);
		x = mote_wrap_add(x, mote_fp_rescale(
					     mote_sat_rounding_doubling_high_mul(
						     x, one_minus_dx),
					     4, 2));
	}
	return mote_fp_rescale(mote_wrap_sub(x, 1 << 29), 2, 0);
}

/* tanh(a) for a Q`int_bits` value a (int_bits <= 29); result Q0
 * (gemmlowp tanh). */
static inline int32_t mote_fp_tanh(int32_t a, int int_bits)
{
	int32_t n = a < 0 ? a : mote_wrap_sub(0, a);
	/* tanh(|a|) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)); -2|a| = 2n is n
	 * read with one more integer bit. */
	int32_t t = mote_fp_one_minus_x_over_one_plus_x(
		mote_fp_exp_on_negative(n, int_bits + 1));
	if (a == 0)
		return 0;
	return a < 0 ? mote_wrap_sub(0, t) : t;
}

/* logistic(a) = 1 / (1 + exp(-a)) for a Q`int_bits` value a; result Q0
 * (gemmlowp logistic). */
static inline int32_t mote_fp_logistic(int32_t a, int int_bits)
{
	int32_t abs_a = a > 0 ? a : mote_wrap_sub(0, a);
	int32_t pos = mote_fp_one_over_one_plus_x(
		mote_fp_exp_on_negative(mote_wrap_sub(0, abs_a), int_bits));
	if (a == 0)
		return 1 << 30;
	return a > 0 ? pos : mote_wrap_sub(INT32_MAX, pos);
}

/*
 * log(x) for a Q`in_bits` value x >= 1 (in practice >= 1 / max); result
 * Q`out_bits` (TFLite log_x_for_x_greater_than_or_equal_to_1). x > 0.
 */
static inline int32_t mote_fp_log_x_ge_1(int32_t x, int in_bits, int out_bits)
{
	const int32_t log_2 = 1488522236;
	const int32_t sqrt_sqrt_half = 1805811301;
	const int32_t sqrt_half = 1518500250;
	const int32_t alpha_n = 117049297;
	const int32_t alpha_d = 127690142;
	const int32_t alpha_i = 1057819769;
	const int32_t alpha_f = 638450708;
	const int acc_bits = out_bits + 1; /* headroom for the final sum */
	const int32_t quarter = mote_fp_rescale(536870912, 0, acc_bits);

	/* Normalise x (read as Q0) two ways: shifted to [1/2, 1) then times
	 * sqrt(1/2) (a), and shifted after multiplying by sqrt(1/2) (b). */
	int a_headroom_plus_1 = mote_clz_u32((uint32_t)x);
	int32_t r_a = mote_sat_rounding_mul_pot(
		mote_sat_rounding_doubling_high_mul(
			mote_sat_rounding_mul_pot(x, a_headroom_plus_1 - 1),
			sqrt_half),
		1);
	int32_t pow2_a = mote_sat_add(
		mote_sat_rounding_mul_pot(in_bits - a_headroom_plus_1,
					  31 - acc_bits),
		quarter);
	int32_t z_b = mote_sat_rounding_doubling_high_mul(x, sqrt_half);
	int b_headroom = mote_clz_u32((uint32_t)z_b) - 1;
	int32_t r_b = mote_sat_rounding_mul_pot(x, b_headroom);
	int32_t pow2_b = mote_sat_sub(
		mote_sat_rounding_mul_pot(in_bits - b_headroom, 31 - acc_bits),
		quarter);
	int32_t r = mote_min_i32(r_a, r_b);
	int32_t pow2 = mote_max_i32(pow2_a, pow2_b);

	/* Pade-style approximation of log(r) around sqrt(sqrt(1/2)). */
	int32_t p = mote_rounding_half_sum(r, sqrt_sqrt_half);
	int32_t q = mote_wrap_sub(r, sqrt_sqrt_half);
	q = mote_wrap_add(q, q);
	int32_t q_sq = mote_sat_rounding_doubling_high_mul(q, q);
	int32_t num = mote_wrap_add(
		mote_sat_rounding_doubling_high_mul(q, r),
		mote_sat_rounding_doubling_high_mul(
			mote_sat_rounding_doubling_high_mul(q, q_sq), alpha_n));
	int32_t den_minus_one = mote_wrap_add(
		mote_sat_rounding_doubling_high_mul(
			p, mote_wrap_add(mote_wrap_add(alpha_i, q),
					 mote_sat_rounding_doubling_high_mul(
						 alpha_d, q_sq))),
		mote_sat_rounding_doubling_high_mul(alpha_f, q));
	int32_t recip_den = mote_fp_one_over_one_plus_x(den_minus_one);
	int32_t num_scaled = mote_fp_rescale(num, 0, acc_bits);
	int32_t sum = mote_wrap_add(
		mote_sat_rounding_doubling_high_mul(pow2, log_2),
		mote_sat_rounding_doubling_high_mul(num_scaled, recip_den));
	return mote_fp_rescale(sum, acc_bits, out_bits);
}

/*
 * 1 / sqrt(x) as a multiplier and shift (TFLite
 * GetInvSqrtQuantizedMultiplierExp): x >= 0; `reverse_shift` is -1 to get
 * a left shift for mote_mul_by_quant_mult. x <= 1 gives (INT32_MAX, 0).
 */
static inline void mote_inv_sqrt_mult(int32_t x, int reverse_shift,
				      int32_t *mult, int *shift)
{
	if (x <= 1) {
		*mult = INT32_MAX;
		*shift = 0;
		return;
	}
	int s = 11;
	while (x >= (1 << 29)) {
		x /= 4;
		s++;
	}
	int pairs = (mote_clz_u32((uint32_t)x) - 1) / 2 - 1;
	s -= pairs;
	x <<= 2 * pairs;
	/* Newton-Raphson for 1/sqrt on Q3 values, starting at 1, 5 steps. */
	int32_t half_x = mote_rounding_div_pot(x >> 1, 1);
	const int32_t three_halves = (1 << 28) + (1 << 27);
	int32_t y = 1 << 28;
	for (int i = 0; i < 5; i++) {
		int32_t y3 = mote_fp_rescale(
			mote_sat_rounding_doubling_high_mul(
				mote_sat_rounding_doubling_high_mul(y, y), y),
			9, 3);
		y = mote_fp_rescale(
			mote_wrap_sub(mote_sat_rounding_doubling_high_mul(
					      three_halves, y),
				      mote_sat_rounding_doubling_high_mul(half_x,
									  y3)),
			6, 3);
	}
	y = mote_sat_rounding_doubling_high_mul(y, 1518500250);
	if (s < 0) {
		y = (int32_t)((uint32_t)y << -s);
		s = 0;
	}
	*mult = y;
	*shift = s * reverse_shift;
}

/*
 * 1 / x for a positive Q`int_bits` value x, as a Q0 mantissa r in
 * [1/2, 1] and an exponent: 1/x = r * 2^-(*bits_over_unit)
 * (TFLite GetReciprocal). x must be > 0.
 */
static inline int32_t mote_fp_reciprocal(int32_t x, int int_bits,
					 int *bits_over_unit)
{
	int headroom_plus_one = mote_clz_u32((uint32_t)x);
	*bits_over_unit = int_bits - headroom_plus_one;
	int32_t shifted_minus_one = (int32_t)(((uint32_t)x << headroom_plus_one) -
					      0x80000000u);
	return mote_fp_one_over_one_plus_x(shifted_minus_one);
}

/*
 * Lookup with linear interpolation in a 513-entry int16 table (TFLite
 * LUTLookup for int16): the top 9 bits of `value` pick the segment, the
 * low 7 bits interpolate towards the next entry.
 */
static inline int16_t mote_lut_lookup_s16(int16_t value, const int16_t *lut)
{
	int index = 256 + (value >> 7);
	int32_t offset = value & 0x7f;
	int32_t base = lut[index];
	int32_t slope = (int16_t)(lut[index + 1] - lut[index]);
	return (int16_t)(base + ((slope * offset + 64) >> 7));
}

#endif /* MOTE_KERNELS_FIXEDPOINT_H */
