/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_unary.c - tests of the element-wise kernels (kernels/quantize.h,
 * kernels/activations.h, kernels/unary.h), the lookup tables (kernels/
 * lut.h) and the gemmlowp fixed-point functions of kernels/fixedpoint.h.
 *
 * A standalone host program: prints the first mismatch of each failing
 * check (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * References are written here independently of the kernels:
 *  - exact integer re-derivations where the arithmetic is specified bit
 *    for bit: requantization (x * M as floor(x * mult / 2^31 + 1/2) then a
 *    division by 2^-shift rounding half away from zero, in int64), RELU,
 *    RELU6, LEAKY_RELU, ABS, float -> int QUANTIZE (libm roundf), CAST,
 *    FILL, ZEROS_LIKE, LOGICAL_NOT, ROUND (half to even), FLOOR, CEIL;
 *  - float64 evaluation of the real function otherwise, with the stated
 *    tolerance being the accuracy of TFLM's algorithm:
 *      gemmlowp exp / logistic / tanh / 1/(1+x) / log, 1/sqrt:
 *        5e-7 / 2e-7 / 3e-7 / 1e-8 / 1e-7 absolute, 3e-6 relative;
 *      int8 LOGISTIC, TANH, ELU, LOG_SOFTMAX, L2_NORMALIZATION, RSQRT,
 *      and every 8-bit requantization: 1 LSB of the output;
 *      int8 HARD_SWISH: 2 LSB (16-bit intermediate arithmetic);
 *      int16 LOGISTIC/TANH (256-entry table): 4 LSB of 2^-15;
 *      int16 RSQRT: 2 LSB; int16 LUT of tanh(x / 2): 4 LSB (TFLite
 *        samples 512 steps of (max - min) / 512, 1/65536 narrower than
 *        the 128 input steps a lookup assumes, which drifts by up to
 *        2 LSB mid-table, plus the interpolation error);
 *      float kernels: 2e-6 relative + 1e-7 absolute (row kernels: 1e-5).
 *    Bit-exactness with TFLM itself is checked by the conformance suite.
 *  - the int16 LUT populate is also compared entry for entry with the
 *    softmax kernels' tables, which are TFLM's output for the same
 *    transform (a difference of 1 is tolerated where libm's expf differs
 *    from glibc's).
 * Shapes cover n = 0, 1, odd sizes, rows of depth 1 and odd depth, batch
 * of 3 rows, in-place operation (input buffer == output buffer), zero
 * points at the ends of their range and scales from tiny to large.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kernels/activations.h"
#include "kernels/fixedpoint.h"
#include "kernels/lut.h"
#include "kernels/quantize.h"
#include "kernels/unary.h"
#include "tfl_builder.h"

/* Largest buffer a case uses. */
#define MAXN 1024

/* ---- Harness. ----------------------------------------------------------- */

/* Compares n integers within tol; reports the first mismatch. */
static void check_ints(const char *name, const int32_t *got,
		       const int32_t *want, size_t n, int32_t tol)
{
	char detail[128] = "";
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		int64_t d = (int64_t)got[i] - want[i];
		if (d > tol || d < -tol) {
			snprintf(detail, sizeof detail,
				 "index %zu: got %ld, want %ld (tolerance %ld)",
				 i, (long)got[i], (long)want[i], (long)tol);
			ok = false;
			break;
		}
	}
	report(ok, name, detail);
}

/* Compares n floats within abs + rel * |want| (NaN must match NaN). */
static void check_floats(const char *name, const float *got,
			 const double *want, size_t n, double abs_tol,
			 double rel_tol)
{
	char detail[160] = "";
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		double g = got[i], w = want[i];
		bool same = (isnan(g) && isnan(w)) || g == w ||
			    fabs(g - w) <= abs_tol + rel_tol * fabs(w);
		if (!same) {
			snprintf(detail, sizeof detail,
				 "index %zu: got %.9g, want %.9g", i, g, w);
			ok = false;
			break;
		}
	}
	report(ok, name, detail);
}

static int32_t clamp(int64_t x, int32_t lo, int32_t hi)
{
	return x < lo ? lo : (x > hi ? hi : (int32_t)x);
}

/* ---- Independent fixed-point references. ------------------------------- */

/* floor(a / b) for b > 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* a / 2^e rounded to nearest, ties away from zero. */
static int64_t div_pot_away(int64_t a, int e)
{
	int64_t d = (int64_t)1 << e;
	int64_t m = a < 0 ? -a : a;
	int64_t q = (m + d / 2) / d;
	return a < 0 ? -q : q;
}

/* x * mult * 2^shift as TFLite's double-rounding multiplier specifies it:
 * round half up of x * 2^max(shift,0) * mult / 2^31, then a division by
 * 2^max(-shift,0) rounding half away from zero. */
static int32_t ref_mul(int32_t x, int32_t mult, int shift)
{
	int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
	int64_t a = (int64_t)x * ((int64_t)1 << left);
	int64_t step = floor_div(a * mult + ((int64_t)1 << 30),
				 (int64_t)1 << 31);
	return (int32_t)div_pot_away(step, right);
}

/* Q0.31 mantissa and exponent of m > 0 via libm frexp/round. */
static void ref_quant_mult(double m, int32_t *mult, int *shift)
{
	double q = frexp(m, shift);
	int64_t f = (int64_t)round(q * 2147483648.0);
	if (f == (1LL << 31)) {
		f /= 2;
		(*shift)++;
	}
	if (*shift < -31) {
		*shift = 0;
		f = 0;
	}
	*mult = (int32_t)f;
}

/* ---- gemmlowp fixed-point functions against float64. ------------------ */

static void test_fixedpoint(void)
{
	double worst[6] = { 0 };
	const double tol[6] = { 5e-7, 2e-7, 3e-7, 1e-8, 1e-7, 3e-6 };
	static const char *const names[6] = { "fp exp_on_negative",
					      "fp logistic Q4",
					      "fp tanh Q4",
					      "fp one_over_one_plus_x",
					      "fp log_x_ge_1 Q12->Q5",
					      "fp inv_sqrt (relative)" };

	for (int bits = 0; bits <= 12; bits++) {
		double span = fmin(ldexp(1.0, bits), 40.0);
		for (int i = 0; i < 20000; i++) {
			double r = -span * i / 20000.0;
			int32_t a = (int32_t)llround(ldexp(r, 31 - bits));
			double got = mote_fp_exp_on_negative(a, bits) / 2147483648.0;
			double want = exp(ldexp(a, bits - 31));
			worst[0] = fmax(worst[0], fabs(got - want));
		}
	}
	for (int i = -40000; i <= 40000; i++) {
		int32_t a = (int32_t)llround(ldexp(i / 40000.0 * 15.9, 27));
		double x = ldexp(a, -27);
		double g1 = mote_fp_logistic(a, 4) / 2147483648.0;
		double g2 = mote_fp_tanh(a, 4) / 2147483648.0;
		worst[1] = fmax(worst[1], fabs(g1 - 1.0 / (1.0 + exp(-x))));
		worst[2] = fmax(worst[2], fabs(g2 - tanh(x)));
	}
	for (int i = 0; i < 40000; i++) {
		int32_t a = (int32_t)(i / 40000.0 * 2147483647.0);
		double g = mote_fp_one_over_one_plus_x(a) / 2147483648.0;
		worst[3] = fmax(worst[3], fabs(g - 1.0 / (1.0 + a / 2147483648.0)));
	}
	for (int i = 0; i < 40000; i++) {
		int32_t a = (int32_t)llround(ldexp(1.0 + i / 40000.0 * 4094.0, 19));
		double g = ldexp(mote_fp_log_x_ge_1(a, 12, 5), -26);
		worst[4] = fmax(worst[4], fabs(g - log(ldexp(a, -19))));
	}
	for (int32_t x = 2; x > 0 && x < 2000000000; x += 1 + x / 997) {
		int32_t m;
		int s;
		mote_inv_sqrt_mult(x, -1, &m, &s);
		double g = ldexp(m / 2147483648.0, s), w = 1.0 / sqrt((double)x);
		worst[5] = fmax(worst[5], fabs(g - w) / w);
	}
	for (int k = 0; k < 6; k++) {
		char detail[96];
		snprintf(detail, sizeof detail, "worst error %.3g > %.3g",
			 worst[k], tol[k]);
		report(worst[k] <= tol[k], names[k], detail);
	}
	/* Fixed points of the definitions. */
	int32_t m;
	int s;
	mote_inv_sqrt_mult(1, -1, &m, &s);
	report(m == INT32_MAX && s == 0, "fp inv_sqrt(1)", "not (max, 0)");
	mote_inv_sqrt_mult(0, -1, &m, &s);
	report(m == INT32_MAX && s == 0, "fp inv_sqrt(0)", "not (max, 0)");
	report(mote_fp_exp_on_negative(0, 5) == INT32_MAX, "fp exp(0)",
	       "not one");
	report(mote_fp_logistic(0, 4) == (1 << 30), "fp logistic(0)",
	       "not 1/2");
	report(mote_fp_tanh(0, 4) == 0, "fp tanh(0)", "not 0");
	report(mote_sat_rounding_mul_pot(1 << 29, 2) == INT32_MAX &&
		      mote_sat_rounding_mul_pot(-(1 << 29) - 1, 2) == INT32_MIN &&
		      mote_sat_rounding_mul_pot(-5, -1) == -3 &&
		      mote_sat_rounding_mul_pot(5, -1) == 3,
	       "fp sat_rounding_mul_pot", "saturation or rounding");
	report(mote_rounding_half_sum(3, 4) == 4 &&
		      mote_rounding_half_sum(-3, -4) == -4 &&
		      mote_rounding_half_sum(INT32_MAX, INT32_MAX) == INT32_MAX,
	       "fp rounding_half_sum", "ties or range");
}

/* ---- QUANTIZE / DEQUANTIZE. ------------------------------------------- */

/* One requantization case: scales and zero points. */
typedef struct rq_case {
	float in_scale; /* input scale */
	int32_t in_zp; /* input zero point */
	float out_scale; /* output scale */
	int32_t out_zp; /* output zero point */
} rq_case;

static const rq_case rq_cases[] = {
	{ 0.05f, 3, 0.05f, 3 },	      { 0.05f, 0, 0.1f, -128 },
	{ 0.1f, -128, 0.0125f, 127 }, { 0.02f, 127, 0.3f, 0 },
	{ 1e-4f, 0, 3e-4f, -5 },      { 3.0f, -7, 0.001f, 9 },
	{ 0.0078125f, 0, 0.0078125f, -128 },
};

/* Input range of a kind: s8, u8, s16, s32 (limited to keep x * M in
 * the multiplier's domain). */
static void in_range(int kind, int32_t *lo, int32_t *hi)
{
	static const int32_t r[4][2] = {
		{ -128, 127 }, { 0, 255 }, { -32768, 32767 }, { -1000000, 1000000 }
	};
	*lo = r[kind][0];
	*hi = r[kind][1];
}

static void test_requantize(void)
{
	/* Pairs: input kind, output kind (0 s8, 1 u8, 2 s16, 3 s32). */
	static const int pairs[10][2] = { { 0, 0 }, { 0, 1 }, { 0, 2 },
					  { 0, 3 }, { 1, 0 }, { 2, 0 },
					  { 2, 2 }, { 2, 3 }, { 3, 0 },
					  { 3, 2 } };
	static const char *const kn[4] = { "s8", "u8", "s16", "s32" };
	static int32_t in32[MAXN], got[MAXN], want[MAXN];
	static int8_t i8[MAXN], o8[MAXN];
	static uint8_t iu8[MAXN], ou8[MAXN];
	static int16_t i16[MAXN], o16[MAXN];
	static int32_t o32[MAXN];

	for (size_t c = 0; c < sizeof rq_cases / sizeof rq_cases[0]; c++) {
		for (int k = 0; k < 10; k++) {
			const rq_case *rc = &rq_cases[c];
			int ik = pairs[k][0], ok = pairs[k][1];
			int32_t lo, hi, olo, ohi;
			size_t n = 1 + (size_t)rnd_int(0, 300);
			mote_requantize_params p;
			int shift;
			char name[64];

			in_range(ik, &lo, &hi);
			in_range(ok, &olo, &ohi);
			ref_quant_mult((double)rc->in_scale / rc->out_scale,
				       &p.mult, &shift);
			/* Keep (x - zp) * 2^shift within int32, the
			 * multiplier's domain. */
			if (ik == 3 && shift > 0)
				hi = mote_min_i32(hi, (1 << (30 - shift)) - 1);
			lo = ik == 3 ? -hi : lo;
			if (ok == 3) {
				olo = INT32_MIN;
				ohi = INT32_MAX;
			}
			p.shift = shift;
			p.in_zp = clamp(rc->in_zp, lo, hi);
			p.out_zp = clamp(rc->out_zp, olo, ohi);
			for (size_t i = 0; i < n; i++) {
				/* Bias toward the ends of the range. */
				in32[i] = i < 2 ? (i ? hi : lo) : rnd_int(lo, hi);
				i8[i] = (int8_t)in32[i];
				iu8[i] = (uint8_t)in32[i];
				i16[i] = (int16_t)in32[i];
				int64_t v = (int64_t)p.out_zp +
					    ref_mul(in32[i] - p.in_zp, p.mult,
						    p.shift);
				want[i] = clamp(v, olo, ohi);
			}
			switch (ik * 4 + ok) {
			case 0:
				mote_requantize_s8_s8(&p, i8, o8, n);
				break;
			case 1:
				mote_requantize_s8_u8(&p, i8, ou8, n);
				break;
			case 2:
				mote_requantize_s8_s16(&p, i8, o16, n);
				break;
			case 3:
				mote_requantize_s8_s32(&p, i8, o32, n);
				break;
			case 4:
				mote_requantize_u8_s8(&p, iu8, o8, n);
				break;
			case 8:
				mote_requantize_s16_s8(&p, i16, o8, n);
				break;
			case 10:
				mote_requantize_s16_s16(&p, i16, o16, n);
				break;
			case 11:
				mote_requantize_s16_s32(&p, i16, o32, n);
				break;
			case 12:
				mote_requantize_s32_s8(&p, in32, o8, n);
				break;
			default:
				mote_requantize_s32_s16(&p, in32, o16, n);
				break;
			}
			for (size_t i = 0; i < n; i++)
				got[i] = ok == 0 ? o8[i] :
					 ok == 1 ? ou8[i] :
					 ok == 2 ? o16[i] : o32[i];
			snprintf(name, sizeof name, "requantize %s->%s case %zu",
				 kn[ik], kn[ok], c);
			check_ints(name, got, want, n, 0);
			/* Against the real value: within 1 LSB. */
			for (size_t i = 0; i < n; i++) {
				double real = (in32[i] - p.in_zp) *
					      (double)rc->in_scale /
					      rc->out_scale;
				want[i] = clamp(llround(real) + p.out_zp, olo,
						ohi);
			}
			snprintf(name, sizeof name,
				 "requantize %s->%s case %zu real", kn[ik],
				 kn[ok], c);
			check_ints(name, got, want, n, 1);
		}
	}
}

static void test_quantize(void)
{
	static float in[MAXN];
	static int8_t o8[MAXN];
	static int16_t o16[MAXN];
	static int32_t got[MAXN], want[MAXN];
	static const mote_quantize_params cases[] = {
		{ 0.05f, 3 }, { 1.0f / 255, -128 }, { 0.5f, 127 },
		{ 1e-5f, 0 }, { 30.0f, -20 },
	};

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const mote_quantize_params *p = &cases[c];
		size_t n = 1 + (size_t)rnd_int(0, 500);
		char name[64];

		for (size_t i = 0; i < n; i++) {
			float span = p->scale * 40000.0f;
			in[i] = rnd_f(-span, span);
			/* Exact ties of the rounding. */
			if (i % 7 == 0)
				in[i] = ((float)rnd_int(-300, 300) + 0.5f) *
					p->scale;
		}
		in[0] = 1e30f; /* beyond int32: the lowest value */
		in[1] = -1e30f;
		mote_quantize_f32_s8(p, in, o8, n);
		for (size_t i = 0; i < n; i++) {
			float r = roundf(in[i] / p->scale);
			int64_t q = fabsf(r) < 2147483648.0f ? (int64_t)r :
							       INT32_MIN;
			want[i] = clamp(q + p->zp, -128, 127);
			got[i] = o8[i];
		}
		snprintf(name, sizeof name, "quantize f32->s8 case %zu", c);
		check_ints(name, got, want, n, 0);
		mote_quantize_f32_s16(p, in, o16, n);
		for (size_t i = 0; i < n; i++) {
			float r = roundf(in[i] / p->scale);
			int64_t q = fabsf(r) < 2147483648.0f ? (int64_t)r :
							       INT32_MIN;
			want[i] = clamp(q + p->zp, -32768, 32767);
			got[i] = o16[i];
		}
		snprintf(name, sizeof name, "quantize f32->s16 case %zu", c);
		check_ints(name, got, want, n, 0);
	}
}

static void test_dequantize(void)
{
	static int8_t i8[256];
	static uint8_t iu8[256];
	static int16_t i16[MAXN];
	static float out[MAXN];
	static double want[MAXN];
	static const mote_dequantize_params cases[] = {
		{ 0.05f, 3 }, { 1.0f / 3, -128 }, { 1e-7f, 127 },
		{ 123.456f, 0 }, { 0.0001234f, -32768 },
	};

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const mote_dequantize_params *p = &cases[c];
		mote_dequantize_params p8 = { p->scale, clamp(p->zp, -128, 127) };
		mote_dequantize_params pu8 = { p->scale, clamp(p->zp, 0, 255) };
		char name[64];

		/* Double product rounded once to float: must be equal. */
		for (int i = 0; i < 256; i++) {
			i8[i] = (int8_t)(i - 128);
			iu8[i] = (uint8_t)i;
			want[i] = (float)((double)p->scale * (i8[i] - p8.zp));
		}
		mote_dequantize_s8_f32(&p8, i8, out, 256);
		snprintf(name, sizeof name, "dequantize s8 case %zu", c);
		check_floats(name, out, want, 256, 0.0, 0.0);
		for (int i = 0; i < 256; i++)
			want[i] = (float)((double)p->scale * (iu8[i] - pu8.zp));
		mote_dequantize_u8_f32(&pu8, iu8, out, 256);
		snprintf(name, sizeof name, "dequantize u8 case %zu", c);
		check_floats(name, out, want, 256, 0.0, 0.0);
		for (int i = 0; i < MAXN; i++) {
			i16[i] = (int16_t)(i < 2 ? (i ? 32767 : -32768) :
						   rnd_int(-32768, 32767));
			want[i] = (float)((double)p->scale * (i16[i] - p->zp));
		}
		mote_dequantize_s16_f32(p, i16, out, MAXN);
		snprintf(name, sizeof name, "dequantize s16 case %zu", c);
		check_floats(name, out, want, MAXN, 0.0, 0.0);
	}
}

/* ---- LOGISTIC / TANH. -------------------------------------------------- */

/* int8 params derived as TFLM's prepare does, written with libm. */
static void ref_sigmoid_s8(float scale, int32_t zp, mote_sigmoid_s8_params *p)
{
	int shift;
	double q = frexp((double)scale * 134217728.0, &shift);
	p->in_mult = (int32_t)round(q * 2147483648.0);
	p->in_shift = shift;
	p->in_zp = zp;
	p->in_radius = (int32_t)floor(15.0 * 134217728.0 / ldexp(1.0, shift));
}

static void test_sigmoid_s8(void)
{
	static const struct {
		float scale; /* input scale */
		int32_t zp; /* input zero point */
	} cases[] = { { 8.0f / 255, 0 }, { 0.0625f, -128 }, { 0.003f, 127 },
		      { 0.2f, 10 },	 { 1.0f, -3 } };
	static int8_t in[256], out[256];
	static int32_t got[256], want[256];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		mote_sigmoid_s8_params p;
		char name[64];

		ref_sigmoid_s8(cases[c].scale, cases[c].zp, &p);
		for (int i = 0; i < 256; i++)
			in[i] = (int8_t)(i - 128);
		mote_logistic_s8(&p, in, out, 256);
		for (int i = 0; i < 256; i++) {
			double x = cases[c].scale * (in[i] - cases[c].zp);
			want[i] = clamp(llround(256.0 / (1.0 + exp(-x))) - 128,
					-128, 127);
			got[i] = out[i];
		}
		snprintf(name, sizeof name, "logistic s8 case %zu", c);
		check_ints(name, got, want, 256, 1);
		mote_tanh_s8(&p, in, out, 256);
		for (int i = 0; i < 256; i++) {
			double x = cases[c].scale * (in[i] - cases[c].zp);
			want[i] = clamp(llround(128.0 * tanh(x)), -128, 127);
			got[i] = out[i];
		}
		snprintf(name, sizeof name, "tanh s8 case %zu", c);
		check_ints(name, got, want, 256, 1);
	}
}

/* int16 params as TFLM's prepare: power-of-two scales up to 2^(pot-12)
 * directly, else scale * 3 * 2^12 doubled to above 32767 / 2. */
static void ref_sigmoid_s16(float scale, int max_pot,
			    mote_sigmoid_s16_params *p)
{
	int e;
	double fr = frexp(scale, &e);
	int shift = e - 1 + 12;

	if (fr == 0.5 && shift >= 0 && shift <= max_pot) {
		p->in_mult = 3 << shift;
		p->in_shift = 0;
		return;
	}
	double m = scale * 12288.0;
	shift = 0;
	while (m <= 32767.0 / 2 && shift <= 30) {
		m *= 2;
		shift++;
	}
	p->in_mult = (int32_t)m;
	p->in_shift = shift;
}

static void test_sigmoid_s16(void)
{
	static const float scales[] = { 1.0f / 4096, 1.0f / 2048, 1.0f / 1024,
					3.0f / 32768, 0.00012207f, 8e-6f,
					2.5e-4f };
	static int16_t in[MAXN], out[MAXN];
	static int32_t got[MAXN], want[MAXN];

	for (size_t c = 0; c < sizeof scales / sizeof scales[0]; c++) {
		mote_sigmoid_s16_params pl, pt;
		char name[64];
		size_t n = MAXN;

		ref_sigmoid_s16(scales[c], 0, &pl);
		ref_sigmoid_s16(scales[c], 1, &pt);
		for (size_t i = 0; i < n; i++)
			in[i] = (int16_t)(i < 3 ? (int)i * 32767 - 32768 :
						  rnd_int(-32768, 32767));
		mote_logistic_s16(&pl, in, out, n);
		for (size_t i = 0; i < n; i++) {
			double x = (double)scales[c] * in[i];
			want[i] = clamp(llround(32768.0 / (1.0 + exp(-x))),
					-32768, 32767);
			got[i] = out[i];
		}
		snprintf(name, sizeof name, "logistic s16 case %zu", c);
		check_ints(name, got, want, n, 4);
		mote_tanh_s16(&pt, in, out, n);
		for (size_t i = 0; i < n; i++) {
			double x = (double)scales[c] * in[i];
			want[i] = clamp(llround(32768.0 * tanh(x)), -32768,
					32767);
			got[i] = out[i];
		}
		snprintf(name, sizeof name, "tanh s16 case %zu", c);
		check_ints(name, got, want, n, 4);
	}
}

/* ---- RELU / RELU6 / LEAKY_RELU / HARD_SWISH / ELU. --------------------- */

static void test_relu(void)
{
	static int8_t i8[256], o8[256];
	static int16_t i16[MAXN], o16[MAXN];
	static int32_t got[MAXN], want[MAXN];

	for (size_t c = 0; c < sizeof rq_cases / sizeof rq_cases[0]; c++) {
		const rq_case *rc = &rq_cases[c];
		mote_relu_params p;
		mote_relu6_params p6;
		int shift;
		char name[64];

		ref_quant_mult((double)(rc->in_scale / rc->out_scale), &p.mult,
			       &shift);
		p.shift = shift;
		p.in_zp = clamp(rc->in_zp, -128, 127);
		p.out_zp = clamp(rc->out_zp, -128, 127);
		p.act_min = p.out_zp;
		p.act_max = 127;
		for (int i = 0; i < 256; i++) {
			i8[i] = (int8_t)(i - 128);
			want[i] = clamp(p.out_zp + (int64_t)ref_mul(
							   i8[i] - p.in_zp,
							   p.mult, p.shift),
					p.out_zp, 127);
		}
		mote_relu_s8(&p, i8, o8, 256);
		for (int i = 0; i < 256; i++)
			got[i] = o8[i];
		snprintf(name, sizeof name, "relu s8 case %zu", c);
		check_ints(name, got, want, 256, 0);

		p.in_zp = 0;
		p.out_zp = 0;
		p.act_min = 0;
		p.act_max = 32767;
		for (int i = 0; i < MAXN; i++) {
			i16[i] = (int16_t)rnd_int(-32768, 32767);
			want[i] = clamp(ref_mul(i16[i], p.mult, p.shift), 0,
					32767);
		}
		mote_relu_s16(&p, i16, o16, MAXN);
		for (int i = 0; i < MAXN; i++)
			got[i] = o16[i];
		snprintf(name, sizeof name, "relu s16 case %zu", c);
		check_ints(name, got, want, MAXN, 0);

		p6.lo = clamp(rc->in_zp, -128, 127);
		p6.hi = clamp(llround(6.0 / rc->in_scale) + p6.lo, -128, 127);
		for (int i = 0; i < 256; i++)
			want[i] = i8[i] < p6.lo ? p6.lo :
				  (i8[i] > p6.hi ? p6.hi : i8[i]);
		memcpy(o8, i8, sizeof o8);
		mote_relu6_s8(&p6, o8, o8, 256); /* in place */
		for (int i = 0; i < 256; i++)
			got[i] = o8[i];
		snprintf(name, sizeof name, "relu6 s8 in place case %zu", c);
		check_ints(name, got, want, 256, 0);
		p6.lo = 0;
		p6.hi = clamp(llround(6.0 / rc->in_scale), -32768, 32767);
		for (int i = 0; i < MAXN; i++)
			want[i] = i16[i] < 0 ? 0 : (i16[i] > p6.hi ? p6.hi : i16[i]);
		mote_relu6_s16(&p6, i16, o16, MAXN);
		for (int i = 0; i < MAXN; i++)
			got[i] = o16[i];
		snprintf(name, sizeof name, "relu6 s16 case %zu", c);
		check_ints(name, got, want, MAXN, 0);
	}
}

/* Quantized LEAKY_RELU of one value, re-derived, clamped to [lo, hi]. */
static int32_t ref_leaky(const mote_leaky_relu_params *p, int32_t x,
			 int32_t lo, int32_t hi)
{
	int32_t v = x - p->in_zp;
	int64_t o;

	if (v >= 0)
		o = ref_mul(v, p->mult_identity, p->shift_identity);
	else
		o = ref_mul(v, p->mult_alpha, p->shift_alpha);
	if (v < 0 && p->alpha_negative)
		o = -o;
	return clamp(o + p->out_zp, lo, hi);
}

/* LEAKY_RELU int8 and int16 for one alpha and one row of rq_cases. */
static void leaky_case(float alpha, size_t c)
{
	const rq_case *rc = &rq_cases[c];
	mote_leaky_relu_params p = { 0 };
	static int8_t i8[256], o8[256];
	static int16_t i16[MAXN], o16[MAXN];
	static int32_t got[MAXN], want[MAXN];
	int32_t m;
	int shift;
	char name[64];

	ref_quant_mult(fabs((double)(rc->in_scale * alpha / rc->out_scale)),
		       &m, &shift);
	p.mult_alpha = m;
	p.shift_alpha = shift;
	p.alpha_negative = alpha < 0;
	ref_quant_mult((double)(rc->in_scale / rc->out_scale),
		       &p.mult_identity, &shift);
	p.shift_identity = shift;
	p.in_zp = clamp(rc->in_zp, -128, 127);
	p.out_zp = clamp(rc->out_zp, -128, 127);
	for (int i = 0; i < 256; i++) {
		i8[i] = (int8_t)(i - 128);
		want[i] = ref_leaky(&p, i8[i], -128, 127);
	}
	mote_leaky_relu_s8(&p, i8, o8, 256);
	for (int i = 0; i < 256; i++)
		got[i] = o8[i];
	snprintf(name, sizeof name, "leaky_relu s8 alpha %g case %zu",
		 (double)alpha, c);
	check_ints(name, got, want, 256, 0);
	/* Real-valued: within 1 LSB. */
	for (int i = 0; i < 256; i++) {
		double x = (double)rc->in_scale * (i8[i] - p.in_zp);
		double y = x >= 0 ? x : x * alpha;
		want[i] = clamp(llround(y / rc->out_scale) + p.out_zp, -128,
				127);
	}
	snprintf(name, sizeof name, "leaky_relu s8 alpha %g case %zu real",
		 (double)alpha, c);
	check_ints(name, got, want, 256, 1);
	p.in_zp = 0;
	p.out_zp = 0;
	for (int i = 0; i < MAXN; i++) {
		i16[i] = (int16_t)rnd_int(-32768, 32767);
		want[i] = ref_leaky(&p, i16[i], -32768, 32767);
	}
	mote_leaky_relu_s16(&p, i16, o16, MAXN);
	for (int i = 0; i < MAXN; i++)
		got[i] = o16[i];
	snprintf(name, sizeof name, "leaky_relu s16 alpha %g case %zu",
		 (double)alpha, c);
	check_ints(name, got, want, MAXN, 0);
}

static void test_leaky_relu(void)
{
	static const float alphas[] = { 0.2f, 0.01f, -0.5f, 1.7f, 0.0f };

	for (size_t a = 0; a < sizeof alphas / sizeof alphas[0]; a++) {
		for (size_t c = 0; c < sizeof rq_cases / sizeof rq_cases[0];
		     c++)
			leaky_case(alphas[a], c);
	}
}

/* int8 HARD_SWISH params as TFLM's prepare, written with libm. */
static void ref_hard_swish(float in_scale, int32_t in_zp, float out_scale,
			   int32_t out_zp, mote_hard_swish_s8_params *p)
{
	float hires = (1.0f / 128.0f) * in_scale;
	int32_t m;
	int e;

	ref_quant_mult((double)(hires / out_scale), &m, &e);
	p->out_mult = (int16_t)(m >= INT32_MAX - 32768 ? 32767 :
						       (m + 32768) >> 16);
	p->out_exp = e;
	ref_quant_mult((double)(hires / (3.0f / 32768.0f)), &m, &e);
	p->relu_mult = (int16_t)(m >= INT32_MAX - 32768 ? 32767 :
							(m + 32768) >> 16);
	p->relu_exp = e;
	p->in_zp = in_zp;
	p->out_zp = out_zp;
}

static void test_hard_swish(void)
{
	static const struct {
		float in_scale, out_scale; /* scales */
		int32_t in_zp, out_zp; /* zero points */
	} cases[] = { { 0.05f, 0.03f, 0, -100 },   { 0.02f, 0.01f, -128, -128 },
		      { 0.1f, 0.1f, 10, -60 },	   { 0.3f, 0.25f, 127, 5 },
		      { 0.002f, 0.001f, -5, -110 }, { 0.05f, 0.5f, 0, 0 } };
	static int8_t in[256], out[256];
	static int32_t got[256], want[256];
	static float fin[MAXN], fout[MAXN];
	static double fwant[MAXN];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		mote_hard_swish_s8_params p;
		char name[64];

		ref_hard_swish(cases[c].in_scale, cases[c].in_zp,
			       cases[c].out_scale, cases[c].out_zp, &p);
		for (int i = 0; i < 256; i++) {
			double x = (double)cases[c].in_scale *
				   (i - 128 - cases[c].in_zp);
			double y = x * fmin(6.0, fmax(0.0, x + 3.0)) / 6.0;
			in[i] = (int8_t)(i - 128);
			want[i] = clamp(llround(y / cases[c].out_scale) +
						cases[c].out_zp,
					-128, 127);
		}
		mote_hard_swish_s8(&p, in, out, 256);
		for (int i = 0; i < 256; i++)
			got[i] = out[i];
		snprintf(name, sizeof name, "hard_swish s8 case %zu", c);
		check_ints(name, got, want, 256, 2);
	}
	for (int i = 0; i < MAXN; i++) {
		fin[i] = rnd_f(-8.0f, 8.0f);
		double x = fin[i];
		fwant[i] = x * fmin(6.0, fmax(0.0, x + 3.0)) / 6.0;
	}
	mote_hard_swish_f32(fin, fout, MAXN);
	check_floats("hard_swish f32", fout, fwant, MAXN, 1e-7, 2e-6);
}

/* The float function of ELU's table. */
static float elu_fn(float x, const void *ctx)
{
	(void)ctx;
	return x < 0.0f ? expf(x) - 1.0f : x;
}

static void test_elu(void)
{
	static const rq_case cases[] = { { 0.05f, 0, 0.03f, -100 },
					 { 0.1f, 127, 0.02f, 30 },
					 { 0.01f, -128, 0.01f, -128 },
					 { 0.3f, 20, 0.5f, -126 } };
	mote_elu_s8_params p;
	static int8_t in[256], out[256];
	static int32_t got[256], want[256];
	static float fin[MAXN], fout[MAXN];
	static double fwant[MAXN];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char name[64];

		mote_lut_populate_s8(cases[c].in_scale, cases[c].in_zp,
				     cases[c].out_scale, cases[c].out_zp,
				     elu_fn, NULL, p.lut);
		for (int i = 0; i < 256; i++) {
			double x = (double)cases[c].in_scale *
				   (i - 128 - cases[c].in_zp);
			double y = x < 0 ? expm1(x) : x;
			in[i] = (int8_t)(i - 128);
			want[i] = clamp(llround(y / cases[c].out_scale) +
						cases[c].out_zp,
					-128, 127);
		}
		memcpy(out, in, sizeof out);
		mote_elu_s8(&p, out, out, 256); /* in place */
		for (int i = 0; i < 256; i++)
			got[i] = out[i];
		snprintf(name, sizeof name, "elu s8 in place case %zu", c);
		check_ints(name, got, want, 256, 1);
	}
	for (int i = 0; i < MAXN; i++) {
		fin[i] = rnd_f(-10.0f, 4.0f);
		fwant[i] = fin[i] < 0 ? expm1((double)fin[i]) : fin[i];
	}
	mote_elu_f32(fin, fout, MAXN);
	check_floats("elu f32", fout, fwant, MAXN, 1e-7, 2e-6);
}

/* ---- LOG_SOFTMAX / L2_NORMALIZATION. ----------------------------------- */

/* Row geometries: outer x depth. */
static const mote_rows row_cases[] = { { 1, 1 }, { 1, 7 },  { 3, 5 },
				       { 2, 33 }, { 3, 100 }, { 1, 300 } };

/* int8 LOG_SOFTMAX params as TFLM's prepare, written with libm. */
static void ref_log_softmax(float scale, mote_log_softmax_s8_params *p)
{
	double m = fmin((double)scale * 67108864.0, 2147483647.0);
	int shift, rshift;

	ref_quant_mult(m, &p->in_mult, &shift);
	p->in_shift = shift;
	ref_quant_mult(ldexp(1.0, 31 - shift) / p->in_mult, &p->reverse_mult,
		       &rshift);
	p->reverse_shift = rshift;
	p->diff_min = -(int32_t)floor(31.0 * 67108864.0 / ldexp(1.0, shift));
}

/* log_softmax of one row of int8 values (scale `scale`) in float64,
 * quantized to scale 1/16, zero point 127. */
static void ref_log_softmax_row_s8(const int8_t *x, size_t depth, float scale,
				   int32_t *want)
{
	int32_t max = -128;
	double sum = 0;

	for (size_t c = 0; c < depth; c++)
		max = x[c] > max ? x[c] : max;
	for (size_t c = 0; c < depth; c++)
		sum += exp(scale * (x[c] - max));
	for (size_t c = 0; c < depth; c++) {
		double y = scale * (x[c] - max) - log(sum);
		want[c] = clamp(llround(y * 16.0) + 127, -128, 127);
	}
}

static void ref_log_softmax_row_f32(const float *x, size_t depth,
				    double *want)
{
	double max = -DBL_MAX, sum = 0;

	for (size_t c = 0; c < depth; c++)
		max = fmax(max, x[c]);
	for (size_t c = 0; c < depth; c++)
		sum += exp(x[c] - max);
	for (size_t c = 0; c < depth; c++)
		want[c] = x[c] - max - log(sum);
}

/* x / |x| of one row of int8 values less `zp` in float64, quantized to
 * scale 1/128 (a row with sum of squares <= 1 is taken as unscaled). */
static void ref_l2norm_row_s8(const int8_t *x, size_t depth, int32_t zp,
			      int32_t *want)
{
	double ss = 0;

	for (size_t c = 0; c < depth; c++)
		ss += (double)(x[c] - zp) * (x[c] - zp);
	double norm = ss <= 1 ? 1.0 : sqrt(ss);
	for (size_t c = 0; c < depth; c++)
		want[c] = clamp(llround((x[c] - zp) / norm * 128.0), -128, 127);
}

static void ref_l2norm_row_f32(const float *x, size_t depth, double *want)
{
	double ss = 0;

	for (size_t c = 0; c < depth; c++)
		ss += (double)x[c] * x[c];
	double norm = fmax(sqrt(ss), 1e-6);
	for (size_t c = 0; c < depth; c++)
		want[c] = x[c] / norm;
}

/* int8 LOG_SOFTMAX, in place, on random rows of geometry `rows`. */
static void log_softmax_case(const mote_rows *rows, float scale,
			     const char *name)
{
	static int8_t buf[MAXN], in[MAXN];
	static int32_t got[MAXN], want[MAXN];
	size_t n = rows->outer * rows->depth;
	mote_log_softmax_s8_params p;

	ref_log_softmax(scale, &p);
	p.rows = *rows;
	for (size_t i = 0; i < n; i++)
		in[i] = (int8_t)rnd_int(-128, 127);
	for (size_t o = 0; o < rows->outer; o++)
		ref_log_softmax_row_s8(in + o * rows->depth, rows->depth,
				       scale, want + o * rows->depth);
	memcpy(buf, in, n);
	mote_log_softmax_s8(&p, buf, buf);
	for (size_t i = 0; i < n; i++)
		got[i] = buf[i];
	check_ints(name, got, want, n, 1);
}

static void test_log_softmax(void)
{
	static const float scales[] = { 0.1f, 0.03f, 0.5f, 0.011f, 1.3f };
	static float fin[MAXN], fout[MAXN];
	static double fwant[MAXN];

	for (size_t r = 0; r < sizeof row_cases / sizeof row_cases[0]; r++) {
		const mote_rows *rows = &row_cases[r];
		size_t n = rows->outer * rows->depth;
		char name[64];

		for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
			snprintf(name, sizeof name,
				 "log_softmax s8 in place rows %zu scale %zu",
				 r, s);
			log_softmax_case(rows, scales[s], name);
		}
		for (size_t i = 0; i < n; i++)
			fin[i] = rnd_f(-20.0f, 20.0f);
		for (size_t o = 0; o < rows->outer; o++)
			ref_log_softmax_row_f32(fin + o * rows->depth,
						rows->depth,
						fwant + o * rows->depth);
		mote_log_softmax_f32(rows, fin, fout);
		snprintf(name, sizeof name, "log_softmax f32 rows %zu", r);
		check_floats(name, fout, fwant, n, 1e-5, 1e-5);
	}
}

static void test_l2norm(void)
{
	static const int32_t zps[] = { 0, -128, 127, 5 };
	static int8_t in[MAXN], out[MAXN];
	static int32_t got[MAXN], want[MAXN];
	static float fin[MAXN], fout[MAXN];
	static double fwant[MAXN];

	for (size_t r = 0; r < sizeof row_cases / sizeof row_cases[0]; r++) {
		const mote_rows *rows = &row_cases[r];
		size_t n = rows->outer * rows->depth;
		char name[64];

		for (size_t z = 0; z < sizeof zps / sizeof zps[0]; z++) {
			mote_l2norm_s8_params p = { *rows, zps[z] };
			for (size_t i = 0; i < n; i++)
				in[i] = (int8_t)rnd_int(-128, 127);
			for (size_t o = 0; o < rows->outer; o++)
				ref_l2norm_row_s8(in + o * rows->depth,
						  rows->depth, zps[z],
						  want + o * rows->depth);
			mote_l2norm_s8(&p, in, out);
			for (size_t i = 0; i < n; i++)
				got[i] = out[i];
			snprintf(name, sizeof name, "l2norm s8 rows %zu zp %zu",
				 r, z);
			check_ints(name, got, want, n, 1);
		}
		for (size_t i = 0; i < n; i++)
			fin[i] = rnd_f(-3.0f, 3.0f);
		for (size_t o = 0; o < rows->outer; o++)
			ref_l2norm_row_f32(fin + o * rows->depth, rows->depth,
					   fwant + o * rows->depth);
		memcpy(fout, fin, n * sizeof fin[0]);
		mote_l2norm_f32(rows, fout, fout);
		snprintf(name, sizeof name, "l2norm f32 in place rows %zu", r);
		check_floats(name, fout, fwant, n, 1e-6, 1e-5);
	}
	/* An all-zero row: no division by zero. */
	memset(fin, 0, 8 * sizeof fin[0]);
	mote_rows one = { 1, 8 };
	mote_l2norm_f32(&one, fin, fout);
	for (int i = 0; i < 8; i++)
		fwant[i] = 0.0;
	check_floats("l2norm f32 zero row", fout, fwant, 8, 0.0, 0.0);
}

/* ---- Float math kernels. ----------------------------------------------- */

/* A float kernel, its float64 reference and input range. */
typedef struct float_case {
	const char *name; /* kernel name */
	void (*fn)(const float *in, float *out, size_t n); /* kernel */
	double (*ref)(double x); /* reference */
	float lo, hi; /* input range */
} float_case;

static double ref_neg(double x)
{
	return -x;
}

static double ref_rsqrt(double x)
{
	return 1.0 / sqrt(x);
}

static double ref_square(double x)
{
	return x * x;
}

static double ref_logistic(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

static double ref_relu(double x)
{
	return x < 0 ? 0.0 : x;
}

static double ref_relu6(double x)
{
	return fmin(6.0, fmax(0.0, x));
}

static void test_float_math(void)
{
	static const float_case cases[] = {
		{ "abs f32", mote_abs_f32, fabs, -100.0f, 100.0f },
		{ "neg f32", mote_neg_f32, ref_neg, -100.0f, 100.0f },
		{ "sin f32", mote_sin_f32, sin, -6.0f, 6.0f },
		{ "cos f32", mote_cos_f32, cos, -6.0f, 6.0f },
		{ "exp f32", mote_exp_f32, exp, -20.0f, 20.0f },
		{ "log f32", mote_log_f32, log, 1e-6f, 1000.0f },
		{ "sqrt f32", mote_sqrt_f32, sqrt, 0.0f, 1000.0f },
		{ "rsqrt f32", mote_rsqrt_f32, ref_rsqrt, 1e-4f, 1000.0f },
		{ "floor f32", mote_floor_f32, floor, -100.0f, 100.0f },
		{ "ceil f32", mote_ceil_f32, ceil, -100.0f, 100.0f },
		{ "square f32", mote_square_f32, ref_square, -100.0f, 100.0f },
		{ "logistic f32", mote_logistic_f32, ref_logistic, -30.0f,
		  30.0f },
		{ "tanh f32", mote_tanh_f32, tanh, -10.0f, 10.0f },
		{ "relu f32", mote_relu_f32, ref_relu, -10.0f, 10.0f },
		{ "relu6 f32", mote_relu6_f32, ref_relu6, -10.0f, 10.0f },
	};
	static float in[MAXN], out[MAXN];
	static double want[MAXN];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t n = 1 + (size_t)rnd_int(0, MAXN - 1);
		for (size_t i = 0; i < n; i++) {
			in[i] = rnd_f(cases[c].lo, cases[c].hi);
			want[i] = cases[c].ref(in[i]);
		}
		cases[c].fn(in, out, n);
		check_floats(cases[c].name, out, want, n, 1e-7, 2e-6);
		/* n = 0 touches nothing. */
		out[0] = 42.0f;
		cases[c].fn(in, out, 0);
		report(out[0] == 42.0f, cases[c].name, "n = 0 wrote");
	}
}

static void test_round(void)
{
	static const float in[] = { 0.5f,  1.5f,  2.5f,  -0.5f, -1.5f,
				    -2.5f, 0.49f, 0.51f, -3.7f, 8388607.5f,
				    1e10f, -1e10f, 2.0f, -0.0f };
	static const double want[] = { 0.0,  2.0,  2.0,	  -0.0,	 -2.0,
				       -2.0, 0.0,  1.0,	  -4.0,	 8388608.0,
				       1e10, -1e10, 2.0, -0.0 };
	float out[sizeof in / sizeof in[0]];
	size_t n = sizeof in / sizeof in[0];

	mote_round_f32(in, out, n);
	check_floats("round f32 half to even", out, want, n, 0.0, 0.0);
}

/* ---- Quantized ABS / RSQRT. -------------------------------------------- */

static void test_abs_q(void)
{
	static int8_t i8[256], o8[256];
	static int16_t i16[MAXN], o16[MAXN];
	static int32_t got[MAXN], want[MAXN];

	for (size_t c = 0; c < sizeof rq_cases / sizeof rq_cases[0]; c++) {
		const rq_case *rc = &rq_cases[c];
		mote_unary_q_params p = { 0 };
		int shift;
		char name[64];

		p.in_zp = clamp(rc->in_zp, -128, 127);
		p.out_zp = clamp(rc->out_zp, -128, 127);
		p.rescale = rc->in_scale != rc->out_scale;
		ref_quant_mult((double)(rc->in_scale / rc->out_scale), &p.mult,
			       &shift);
		p.shift = shift;
		for (int i = 0; i < 256; i++) {
			int32_t v = abs(i - 128 - p.in_zp);
			i8[i] = (int8_t)(i - 128);
			want[i] = clamp((int64_t)(p.rescale ?
						  ref_mul(v, p.mult, p.shift) :
						  v) + p.out_zp,
					-128, 127);
		}
		mote_abs_s8(&p, i8, o8, 256);
		for (int i = 0; i < 256; i++)
			got[i] = o8[i];
		snprintf(name, sizeof name, "abs s8 case %zu", c);
		check_ints(name, got, want, 256, 0);
		p.in_zp = 0;
		p.out_zp = 0;
		for (int i = 0; i < MAXN; i++) {
			i16[i] = (int16_t)(i == 0 ? -32768 : rnd_int(-32768, 32767));
			int32_t v = abs((int32_t)i16[i]);
			want[i] = clamp(p.rescale ? ref_mul(v, p.mult, p.shift) : v,
					-32768, 32767);
		}
		mote_abs_s16(&p, i16, o16, MAXN);
		for (int i = 0; i < MAXN; i++)
			got[i] = o16[i];
		snprintf(name, sizeof name, "abs s16 case %zu", c);
		check_ints(name, got, want, MAXN, 0);
	}
	int16_t pi[4] = { -32768, -1, 0, 32767 }, po[4];
	int32_t g[4], w[4] = { -32768, 1, 0, 32767 };
	mote_abs_i16(pi, po, 4);
	for (int i = 0; i < 4; i++)
		g[i] = po[i];
	check_ints("abs i16 plain (wraps at -32768)", g, w, 4, 0);
}

static void test_rsqrt_q(void)
{
	static const rq_case cases[] = { { 0.0392f, -128, 0.0172f, -128 },
					 { 0.01f, 0, 0.05f, -128 },
					 { 0.1f, -20, 0.01f, -100 },
					 { 0.5f, 100, 0.005f, -128 } };
	static int8_t i8[256], o8[256];
	static int16_t i16[MAXN], o16[MAXN];
	static int32_t got[MAXN], want[MAXN];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const rq_case *rc = &cases[c];
		mote_unary_q_params p = { 0 };
		int shift, n = 0;
		char name[64];

		ref_quant_mult(1.0 / (double)(sqrtf(rc->in_scale) *
					      rc->out_scale),
			       &p.mult, &shift);
		p.shift = shift;
		p.in_zp = rc->in_zp;
		p.out_zp = rc->out_zp;
		for (int q = rc->in_zp; q <= 127; q++, n++) {
			double x = rc->in_scale * (q - rc->in_zp);
			i8[n] = (int8_t)q;
			want[n] = q == rc->in_zp ?
				127 :
				clamp(llround(1.0 / sqrt(x) / rc->out_scale) +
					      rc->out_zp,
				      -128, 127);
		}
		bool ok = mote_rsqrt_s8(&p, i8, o8, (size_t)n);
		for (int i = 0; i < n; i++)
			got[i] = o8[i];
		snprintf(name, sizeof name, "rsqrt s8 case %zu", c);
		report(ok, name, "refused a valid input");
		check_ints(name, got, want, (size_t)n, 1);
		if (rc->in_zp > -128) {
			i8[n] = (int8_t)(rc->in_zp - 1);
			report(!mote_rsqrt_s8(&p, i8, o8, (size_t)n + 1), name,
			       "accepted an input below the zero point");
		}
		/* int16, zero points 0. */
		p.in_zp = 0;
		p.out_zp = 0;
		float s16_in = rc->in_scale / 256.0f, s16_out = rc->out_scale / 64.0f;
		ref_quant_mult(1.0 / (double)(sqrtf(s16_in) * s16_out), &p.mult,
			       &shift);
		p.shift = shift;
		for (int i = 0; i < MAXN; i++) {
			i16[i] = (int16_t)(i == 0 ? 0 : rnd_int(1, 32767));
			double x = (double)s16_in * i16[i];
			want[i] = i16[i] == 0 ?
				32767 :
				clamp(llround(1.0 / sqrt(x) / s16_out), -32768,
				      32767);
		}
		ok = mote_rsqrt_s16(&p, i16, o16, MAXN);
		for (int i = 0; i < MAXN; i++)
			got[i] = o16[i];
		snprintf(name, sizeof name, "rsqrt s16 case %zu", c);
		report(ok, name, "refused a valid input");
		check_ints(name, got, want, MAXN, 2);
	}
}

/* ---- CAST, LOGICAL_NOT, ZEROS_LIKE, FILL. ------------------------------ */

/* One cast check: kinds, input bytes, expected output bytes. */
typedef struct cast_case {
	mote_cast_kind in, out; /* kinds */
	size_t n; /* elements */
	const void *src; /* input */
	const void *want; /* expected output */
	size_t out_size; /* bytes per output element */
} cast_case;

static void test_cast(void)
{
	static const float f[] = { 1.9f,  -1.9f,  200.7f, -129.5f,
				   65537.3f, 3e9f, -3e9f, 0.0f };
	static const int8_t f_s8[] = { 1, -1, -56, 127, 1, 0, 0, 0 };
	static const int16_t f_s16[] = { 1, -1, 200, -129, 1, 0, 0, 0 };
	static const int32_t f_s32[] = { 1,	    -1,	       200,
					 -129,	    65537,     INT32_MIN,
					 INT32_MIN, 0 };
	static const uint32_t f_u32[] = { 1,	 4294967295u, 200, 4294967167u,
					  65537, 3000000000u, 1294967296u, 0 };
	static const uint8_t f_bool[] = { 1, 1, 1, 1, 1, 1, 1, 0 };
	static const int32_t s32[] = { -1, 255, 256, -32769, 70000,
				       INT32_MIN, INT32_MAX, 16777217 };
	static const int8_t s32_s8[] = { -1, -1, 0, -1, 112, 0, -1, 1 };
	static const int16_t s32_s16[] = { -1, 255, 256, 32767, 4464, 0, -1, 1 };
	static const uint32_t s32_u32[] = { 4294967295u, 255, 256,
					    4294934527u, 70000, 2147483648u,
					    2147483647u, 16777217 };
	static const float s32_f32[] = { -1.0f, 255.0f, 256.0f, -32769.0f,
					 70000.0f, -2147483648.0f,
					 2147483648.0f, 16777216.0f };
	static const uint32_t u32[] = { 4294967295u, 1, 2147483648u, 7 };
	static const int32_t u32_s32[] = { -1, 1, INT32_MIN, 7 };
	static const float u32_f32[] = { 4294967296.0f, 1.0f, 2147483648.0f,
					 7.0f };
	static const uint8_t b[] = { 0, 1, 1, 0 };
	static const float b_f32[] = { 0.0f, 1.0f, 1.0f, 0.0f };
	static const int32_t b_s32[] = { 0, 1, 1, 0 };
	static const int16_t s16[] = { -32768, -129, 128, 32767 };
	static const int8_t s16_s8[] = { 0, 127, -128, -1 };
	static const int64_t s16_s64[] = { -32768, -129, 128, 32767 };
	static const int8_t s8[] = { -128, -1, 0, 127 };
	static const uint8_t s8_u8[] = { 128, 255, 0, 127 };
	static const int64_t s64[] = { 0x100000005LL, -1, INT64_MIN, 3 };
	static const int32_t s64_s32[] = { 5, -1, 0, 3 };
	static const cast_case cases[] = {
		{ MOTE_CAST_F32, MOTE_CAST_S8, 8, f, f_s8, 1 },
		{ MOTE_CAST_F32, MOTE_CAST_S16, 8, f, f_s16, 2 },
		{ MOTE_CAST_F32, MOTE_CAST_S32, 8, f, f_s32, 4 },
		{ MOTE_CAST_F32, MOTE_CAST_U32, 8, f, f_u32, 4 },
		{ MOTE_CAST_F32, MOTE_CAST_BOOL, 8, f, f_bool, 1 },
		{ MOTE_CAST_S32, MOTE_CAST_S8, 8, s32, s32_s8, 1 },
		{ MOTE_CAST_S32, MOTE_CAST_S16, 8, s32, s32_s16, 2 },
		{ MOTE_CAST_S32, MOTE_CAST_U32, 8, s32, s32_u32, 4 },
		{ MOTE_CAST_S32, MOTE_CAST_F32, 8, s32, s32_f32, 4 },
		{ MOTE_CAST_U32, MOTE_CAST_S32, 4, u32, u32_s32, 4 },
		{ MOTE_CAST_U32, MOTE_CAST_F32, 4, u32, u32_f32, 4 },
		{ MOTE_CAST_BOOL, MOTE_CAST_F32, 4, b, b_f32, 4 },
		{ MOTE_CAST_BOOL, MOTE_CAST_S32, 4, b, b_s32, 4 },
		{ MOTE_CAST_S16, MOTE_CAST_S8, 4, s16, s16_s8, 1 },
		{ MOTE_CAST_S16, MOTE_CAST_S64, 4, s16, s16_s64, 8 },
		{ MOTE_CAST_S8, MOTE_CAST_U8, 4, s8, s8_u8, 1 },
		{ MOTE_CAST_S64, MOTE_CAST_S32, 4, s64, s64_s32, 4 },
	};
	static uint8_t out[64];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		mote_cast_params p = { cases[c].in, cases[c].out, cases[c].n };
		char name[64], detail[64] = "";
		size_t bytes = cases[c].n * cases[c].out_size;

		mote_cast(&p, cases[c].src, out);
		for (size_t i = 0; i < bytes; i++) {
			if (out[i] != ((const uint8_t *)cases[c].want)[i]) {
				snprintf(detail, sizeof detail,
					 "byte %zu (element %zu) differs", i,
					 i / cases[c].out_size);
				break;
			}
		}
		snprintf(name, sizeof name, "cast case %zu (%d -> %d)", c,
			 (int)cases[c].in, (int)cases[c].out);
		report(memcmp(out, cases[c].want, bytes) == 0, name, detail);
	}
	/* In place between equal sizes: int32 -> float. */
	int32_t buf[3] = { 3, -7, 1 << 25 };
	mote_cast_params p = { MOTE_CAST_S32, MOTE_CAST_F32, 3 };
	float fw[3] = { 3.0f, -7.0f, 33554432.0f };
	mote_cast(&p, buf, buf);
	report(memcmp(buf, fw, sizeof fw) == 0, "cast s32->f32 in place",
	       "values differ");
}

static void test_data_ops(void)
{
	uint8_t b[6] = { 0, 1, 2, 255, 0, 1 }, nb[6];
	static const uint8_t nb_want[6] = { 1, 0, 0, 0, 1, 0 };

	mote_logical_not_bool(b, nb, 6);
	report(memcmp(nb, nb_want, 6) == 0, "logical_not", "values differ");
	mote_logical_not_bool(b, b, 6); /* in place */
	report(memcmp(b, nb_want, 6) == 0, "logical_not in place",
	       "values differ");

	float z[5] = { 1, 2, 3, 4, 5 };
	static const float z_want[5] = { 0 };
	mote_zeros_like(z, sizeof z);
	report(memcmp(z, z_want, sizeof z) == 0, "zeros_like",
	       "not all zero");

	int16_t v16 = -12345, f16[7];
	int64_t v64 = 0x123456789LL, f64[3];
	float vf = -2.5f, ff[9];
	int8_t v8 = -3, f8[1];
	bool ok = true;
	mote_fill(&v16, sizeof v16, f16, 7);
	mote_fill(&v64, sizeof v64, f64, 3);
	mote_fill(&vf, sizeof vf, ff, 9);
	mote_fill(&v8, sizeof v8, f8, 1);
	for (int i = 0; i < 7; i++)
		ok = ok && f16[i] == v16;
	for (int i = 0; i < 3; i++)
		ok = ok && f64[i] == v64;
	for (int i = 0; i < 9; i++)
		ok = ok && ff[i] == vf;
	ok = ok && f8[0] == v8;
	report(ok, "fill", "values differ");
}

/* ---- Lookup tables. ---------------------------------------------------- */

static float lut_identity(float x, const void *ctx)
{
	(void)ctx;
	return x;
}

static float lut_exp(float x, const void *ctx)
{
	(void)ctx;
	return expf(x);
}

static float lut_recip(float x, const void *ctx)
{
	(void)ctx;
	return 1.0f / (1.0f + x);
}

static float lut_tanh(float x, const void *ctx)
{
	float k = *(const float *)ctx;
	return tanhf(k * x);
}

/* TFLM's int16 softmax tables (the softmax kernels' copy). */
extern const int16_t mote__softmax_exp_lut[513];
extern const int16_t mote__softmax_recip_lut[513];

static void test_lut(void)
{
	int8_t lut8[256];
	int16_t lut16[MOTE_LUT_S16_SIZE];
	static int32_t got[MAXN], want[MAXN];
	const float k = 1.5f, k16 = 0.5f;

	/* int8: identity requantization, then tanh. */
	mote_lut_populate_s8(0.1f, 3, 0.05f, -7, lut_identity, NULL, lut8);
	for (int i = 0; i < 256; i++) {
		int8_t q = (int8_t)(i - 128);
		got[i] = mote_lut_lookup_s8(q, lut8);
		want[i] = clamp(llround(0.1 * (q - 3) / 0.05) - 7, -128, 127);
	}
	check_ints("lut s8 identity", got, want, 256, 1);
	mote_lut_populate_s8(0.05f, -128, 1.0f / 128, 0, lut_tanh, &k, lut8);
	for (int i = 0; i < 256; i++) {
		int8_t q = (int8_t)(i - 128);
		got[i] = mote_lut_lookup_s8(q, lut8);
		want[i] = clamp(llround(128.0 * tanh(1.5 * 0.05 * (q + 128))),
				-128, 127);
	}
	check_ints("lut s8 tanh", got, want, 256, 1);

	/* int16: tanh with interpolation (a gentle slope: the interpolation
	 * error grows with the second derivative). */
	mote_lut_populate_s16(1.0f / 4096, 0, 1.0f / 32768, 0, lut_tanh, &k16,
			      lut16);
	for (int i = 0; i < MAXN; i++) {
		int16_t q = (int16_t)(i < 2 ? (i ? 32767 : -32768) :
					      rnd_int(-32768, 32767));
		got[i] = mote_lut_lookup_s16(q, lut16);
		want[i] = clamp(llround(32768.0 * tanh(0.5 * q / 4096.0)),
				-32768, 32767);
	}
	check_ints("lut s16 tanh", got, want, MAXN, 4);

	/* TFLM's softmax tables, rebuilt. */
	mote_lut_populate_s16(10.0f / 65535, 32767, 2.0f / 65535, 0, lut_exp,
			      NULL, lut16);
	for (int i = 0; i < MOTE_LUT_S16_SIZE; i++) {
		got[i] = lut16[i];
		want[i] = mote__softmax_exp_lut[i];
	}
	check_ints("lut s16 = TFLM softmax exp table", got, want,
		   MOTE_LUT_S16_SIZE, 1);
	mote_lut_populate_s16(1.0f / 65535, -32768, 2.0f / 65535, 0,
			      lut_recip, NULL, lut16);
	for (int i = 0; i < MOTE_LUT_S16_SIZE; i++) {
		got[i] = lut16[i];
		want[i] = mote__softmax_recip_lut[i];
	}
	check_ints("lut s16 = TFLM softmax 1/(1+x) table", got, want,
		   MOTE_LUT_S16_SIZE, 0);
}

/* ---- Operators through one-op models. ---------------------------------- */

/* One-op models (op_model) run through run_op() of harness.h. */

/* A tensor of `type` and shape [n] (n = 0: a scalar), optionally
 * quantized (scale > 0) with one scale and zero point. */
static tfl_tensor_desc vec(mote_type type, const int32_t *n, const float *scale,
			   const int64_t *zp)
{
	tfl_tensor_desc t = { .type = type, .rank = *n ? 1 : 0, .dims = n };
	if (scale != NULL) {
		t.n_scale = 1;
		t.scale = scale;
		t.n_zp = 1;
		t.zp = zp;
	}
	return t;
}

/* A model with one input and one output of n elements. */
static op_model unary_model(int32_t builtin, mote_type in_type,
			    mote_type out_type, const int32_t *n,
			    const float *in_scale, const int64_t *in_zp,
			    const float *out_scale, const int64_t *out_zp)
{
	op_model m;

	memset(&m, 0, sizeof m);
	m.builtin = builtin;
	m.n_in = 1;
	m.in[0] = vec(in_type, n, in_scale, in_zp);
	m.out = vec(out_type, n, out_scale, out_zp);
	return m;
}

/* Runs `m` and checks the status and stage it stops at; with `want`,
 * also the output bytes. */
static void expect_run(const char *name, const op_model *m,
		       const void *const *in, const void *want,
		       size_t out_bytes, mote_status status, int stage)
{
	static uint8_t out[4096];
	char detail[96];
	int got_stage;
	mote_status s = run_op(m, in, out, out_bytes, &got_stage);
	bool ok = s == status && got_stage == stage;

	snprintf(detail, sizeof detail, "status %d at stage %d, want %d at %d",
		 (int)s, got_stage, (int)status, stage);
	if (ok && want != NULL && memcmp(out, want, out_bytes) != 0) {
		ok = false;
		snprintf(detail, sizeof detail, "output differs");
	}
	report(ok, name, detail);
}

static void test_models(void)
{
	static const int32_t n8[1] = { 8 }, n7[1] = { 7 }, n0[1] = { 0 };
	static const float s_01[1] = { 0.1f }, s_002[1] = { 0.02f };
	static const float s_16[1] = { 16.0f / 256 }, s_q15[1] = { 1.0f / 32768 };
	static const float s_q12[1] = { 1.0f / 4096 }, s_3[1] = { 3.0f };
	static const float s_tiny[1] = { 1e-9f };
	static const float s_two[2] = { 0.1f, 0.2f };
	static const int64_t z0[1] = { 0 }, z5[1] = { 5 }, zm128[1] = { -128 };
	static const int64_t z127[1] = { 127 }, z0s[2] = { 0, 0 };
	int8_t i8[8] = { -128, -100, -5, 0, 1, 5, 100, 127 };
	int16_t i16[8] = { -32768, -1000, -1, 0, 1, 77, 1000, 32767 };
	int32_t i32[8] = { -400000, -1000, -1, 0, 1, 77, 1000, 400000 };
	float f[8] = { -3.5f, -1.25f, -0.5f, 0.0f, 0.5f, 1.5f, 2.5f, 300.7f };
	op_model m;

	/* QUANTIZE pairs the suite lacks, against the kernels (whose
	 * arithmetic the tests above re-derive). */
	{
		mote_requantize_params p;
		int shift;
		int32_t w32[8];
		int8_t w8[8];
		int16_t w16[8];
		ref_quant_mult(0.1 / (double)0.02f, &p.mult, &shift);
		p.shift = shift;
		p.in_zp = 5;
		p.out_zp = 0;
		mote_requantize_s8_s32(&p, i8, w32, 8);
		m = unary_model(114, MOTE_INT8, MOTE_INT32, n8, s_01, z5, s_002,
				z0);
		expect_run("op QUANTIZE s8->s32", &m,
			   (const void *const[]){ i8 }, w32, 32, MOTE_OK, 3);
		p.in_zp = 0;
		mote_requantize_s16_s32(&p, i16, w32, 8);
		m = unary_model(114, MOTE_INT16, MOTE_INT32, n8, s_01, z0,
				s_002, z0);
		expect_run("op QUANTIZE s16->s32", &m,
			   (const void *const[]){ i16 }, w32, 32, MOTE_OK, 3);
		ref_quant_mult((double)0.02f / 0.1, &p.mult, &shift);
		p.shift = shift;
		p.out_zp = 5;
		mote_requantize_s32_s8(&p, i32, w8, 8);
		m = unary_model(114, MOTE_INT32, MOTE_INT8, n8, s_002, z0, s_01,
				z5);
		expect_run("op QUANTIZE s32->s8", &m,
			   (const void *const[]){ i32 }, w8, 8, MOTE_OK, 3);
		p.out_zp = 0;
		mote_requantize_s32_s16(&p, i32, w16, 8);
		m = unary_model(114, MOTE_INT32, MOTE_INT16, n8, s_002, z0,
				s_01, z0);
		expect_run("op QUANTIZE s32->s16", &m,
			   (const void *const[]){ i32 }, w16, 16, MOTE_OK, 3);
	}
	m = unary_model(114, MOTE_FLOAT32, MOTE_UINT8, n8, NULL, NULL, s_01,
			z5);
	expect_run("op QUANTIZE f32->u8 refused", &m, NULL, NULL, 8,
		   MOTE_E_UNSUPPORTED, 1);
	m = unary_model(114, MOTE_FLOAT32, MOTE_INT8, n8, NULL, NULL, s_01,
			z5);
	m.in[0].rank = m.out.rank = 2;
	m.in[0].dims = m.out.dims = (const int32_t[]){ 2, 4 };
	m.out.n_scale = 2;
	m.out.scale = s_two;
	m.out.n_zp = 2;
	m.out.zp = z0s;
	expect_run("op QUANTIZE per-channel output refused", &m, NULL, NULL, 8,
		   MOTE_E_BAD_QUANT, 1);
	m = unary_model(114, MOTE_FLOAT32, MOTE_INT8, n8, NULL, NULL, NULL,
			NULL);
	expect_run("op QUANTIZE unquantized output refused", &m, NULL, NULL, 8,
		   MOTE_E_BAD_QUANT, 1);
	m = unary_model(114, MOTE_FLOAT32, MOTE_INT8, n8, NULL, NULL, s_01,
			z5);
	m.out.dims = n7;
	expect_run("op QUANTIZE size mismatch refused", &m, NULL, NULL, 7,
		   MOTE_E_BAD_SHAPE, 1);
	m = unary_model(6, MOTE_INT32, MOTE_FLOAT32, n8, s_01, z0, NULL, NULL);
	expect_run("op DEQUANTIZE s32 refused", &m, NULL, NULL, 32,
		   MOTE_E_UNSUPPORTED, 1);
	m = unary_model(6, MOTE_INT8, MOTE_FLOAT32, n8, NULL, NULL, NULL, NULL);
	expect_run("op DEQUANTIZE unquantized refused", &m, NULL, NULL, 32,
		   MOTE_E_BAD_QUANT, 1);

	/* LOGISTIC / TANH / RELU quantization rules. */
	m = unary_model(14, MOTE_INT8, MOTE_INT8, n8, s_01, z0, s_01, z0);
	expect_run("op LOGISTIC s8 output zp != -128 refused", &m, NULL, NULL,
		   8, MOTE_E_BAD_QUANT, 1);
	m = unary_model(14, MOTE_INT16, MOTE_INT16, n8, s_q12, z5, s_q15, z0);
	expect_run("op LOGISTIC s16 zp != 0 refused", &m, NULL, NULL, 16,
		   MOTE_E_BAD_QUANT, 1);
	m = unary_model(14, MOTE_INT16, MOTE_INT16, n8, s_q12, z0, s_01, z0);
	expect_run("op LOGISTIC s16 output scale refused", &m, NULL, NULL, 16,
		   MOTE_E_BAD_QUANT, 1);
	m = unary_model(28, MOTE_INT16, MOTE_INT16, n8, s_3, z0, s_q15, z0);
	expect_run("op TANH s16 input scale too large refused", &m, NULL, NULL,
		   16, MOTE_E_BAD_QUANT, 1);
	m = unary_model(14, MOTE_INT32, MOTE_INT32, n8, NULL, NULL, NULL,
			NULL);
	expect_run("op LOGISTIC s32 refused", &m, NULL, NULL, 32,
		   MOTE_E_UNSUPPORTED, 1);
	m = unary_model(28, MOTE_INT8, MOTE_INT16, n8, s_01, z0, s_q15, z0);
	expect_run("op TANH type mismatch refused", &m, NULL, NULL, 16,
		   MOTE_E_BAD_TYPE, 1);
	m = unary_model(19, MOTE_INT16, MOTE_INT16, n8, s_01, z5, s_01, z0);
	expect_run("op RELU s16 zp != 0 refused", &m, NULL, NULL, 16,
		   MOTE_E_BAD_QUANT, 1);
	m = unary_model(117, MOTE_INT16, MOTE_INT16, n8, s_01, z0, s_01, z0);
	expect_run("op HARD_SWISH s16 refused", &m, NULL, NULL, 16,
		   MOTE_E_UNSUPPORTED, 1);
	m = unary_model(117, MOTE_INT8, MOTE_INT8, n8, s_3, z0, s_002, z0);
	expect_run("op HARD_SWISH output multiplier > 1 refused", &m, NULL,
		   NULL, 8, MOTE_E_BAD_QUANT, 1);

	/* LEAKY_RELU: alpha from the options, wrong options type. */
	{
		float want[8];
		mote_leaky_relu_params p = { .alpha = 0.25f };
		mote_leaky_relu_f32(&p, f, want, 8);
		m = unary_model(98, MOTE_FLOAT32, MOTE_FLOAT32, n8, NULL, NULL,
				NULL, NULL);
		m.opts_type = 75;
		m.opts[0] = TFL_F32(0, 0.25f);
		m.n_opts = 1;
		expect_run("op LEAKY_RELU f32 alpha 0.25", &m,
			   (const void *const[]){ f }, want, 32, MOTE_OK, 3);
		m.opts_type = 76;
		expect_run("op LEAKY_RELU wrong options refused", &m,
			   (const void *const[]){ f }, NULL, 32,
			   MOTE_E_BAD_OPTIONS, 1);
	}

	/* LOG_SOFTMAX / L2_NORMALIZATION. */
	m = unary_model(50, MOTE_INT8, MOTE_INT8, n8, s_01, z0, s_01, z127);
	expect_run("op LOG_SOFTMAX s8 output quantization refused", &m, NULL,
		   NULL, 8, MOTE_E_BAD_QUANT, 1);
	m = unary_model(50, MOTE_INT8, MOTE_INT8, n8, s_tiny, z0, s_16, z127);
	expect_run("op LOG_SOFTMAX s8 input scale below 2^-26 refused", &m,
		   NULL, NULL, 8, MOTE_E_BAD_QUANT, 1);
	m = unary_model(50, MOTE_FLOAT32, MOTE_FLOAT32, n8, NULL, NULL, NULL,
			NULL);
	m.out.dims = n7;
	expect_run("op LOG_SOFTMAX shape mismatch refused", &m, NULL, NULL, 28,
		   MOTE_E_BAD_SHAPE, 1);
	m = unary_model(11, MOTE_FLOAT32, MOTE_FLOAT32, n8, NULL, NULL, NULL,
			NULL);
	m.opts_type = 12;
	m.opts[0] = TFL_U8(0, 1);
	m.n_opts = 1;
	expect_run("op L2_NORMALIZATION fused RELU refused", &m, NULL, NULL,
		   32, MOTE_E_UNSUPPORTED, 1);

	/* ABS on plain int16, RSQRT below the zero point. */
	{
		int16_t want[8];
		mote_abs_i16(i16, want, 8);
		m = unary_model(101, MOTE_INT16, MOTE_INT16, n8, NULL, NULL,
				NULL, NULL);
		expect_run("op ABS s16 plain", &m, (const void *const[]){ i16 },
			   want, 16, MOTE_OK, 3);
	}
	m = unary_model(76, MOTE_INT8, MOTE_INT8, n8, s_01, z0, s_01, zm128);
	expect_run("op RSQRT s8 negative input fails at invoke", &m,
		   (const void *const[]){ i8 }, NULL, 8, MOTE_E_EVAL, 2);
	m = unary_model(59, MOTE_INT8, MOTE_INT8, n8, s_01, z0, s_01, z0);
	expect_run("op NEG s8 refused", &m, NULL, NULL, 8, MOTE_E_UNSUPPORTED,
		   1);

	/* CAST kinds beyond TFLM's. */
	{
		uint8_t u8[8] = { 0, 1, 127, 128, 200, 255, 3, 9 };
		int64_t w64[8];
		uint8_t wb[8];
		int16_t w16[8];
		mote_cast_params cp = { MOTE_CAST_U8, MOTE_CAST_S64, 8 };
		mote_cast(&cp, u8, w64);
		m = unary_model(53, MOTE_UINT8, MOTE_INT64, n8, NULL, NULL,
				NULL, NULL);
		expect_run("op CAST u8->s64", &m, (const void *const[]){ u8 },
			   w64, 64, MOTE_OK, 3);
		cp = (mote_cast_params){ MOTE_CAST_F32, MOTE_CAST_BOOL, 8 };
		mote_cast(&cp, f, wb);
		m = unary_model(53, MOTE_FLOAT32, MOTE_BOOL, n8, NULL, NULL,
				NULL, NULL);
		expect_run("op CAST f32->bool", &m, (const void *const[]){ f },
			   wb, 8, MOTE_OK, 3);
		cp = (mote_cast_params){ MOTE_CAST_S32, MOTE_CAST_S16, 8 };
		mote_cast(&cp, i32, w16);
		m = unary_model(53, MOTE_INT32, MOTE_INT16, n8, NULL, NULL,
				NULL, NULL);
		expect_run("op CAST s32->s16 wraps", &m,
			   (const void *const[]){ i32 }, w16, 16, MOTE_OK, 3);
	}

	/* ZEROS_LIKE and FILL on types beyond TFLM's. */
	{
		int16_t zeros[8] = { 0 };
		m = unary_model(93, MOTE_INT16, MOTE_INT16, n8, NULL, NULL,
				NULL, NULL);
		expect_run("op ZEROS_LIKE s16", &m,
			   (const void *const[]){ i16 }, zeros, 16, MOTE_OK, 3);
	}
	{
		static const int32_t dims[1] = { 8 };
		int16_t v = -1234, want[8];
		for (int i = 0; i < 8; i++)
			want[i] = v;
		memset(&m, 0, sizeof m);
		m.builtin = 94;
		m.n_in = 2;
		m.in[0] = vec(MOTE_INT32, (const int32_t[]){ 1 }, NULL, NULL);
		m.in[0].data = dims;
		m.in[0].data_bytes = sizeof dims;
		m.in[1] = vec(MOTE_INT16, n0, NULL, NULL);
		m.out = vec(MOTE_INT16, n8, NULL, NULL);
		expect_run("op FILL s16", &m, (const void *const[]){ &v },
			   want, 16, MOTE_OK, 3);
		m.in[1].data = &v; /* a constant value */
		m.in[1].data_bytes = sizeof v;
		expect_run("op FILL s16 constant value", &m, NULL, want, 16,
			   MOTE_OK, 3);
		m.in[1].data = NULL;
		m.in[0].dims = (const int32_t[]){ 1 };
		m.in[0].data = (const int32_t[]){ 7 };
		expect_run("op FILL dims differ refused", &m, NULL, NULL, 16,
			   MOTE_E_BAD_SHAPE, 1);
		m.in[0].data = NULL;
		expect_run("op FILL non-constant dims refused", &m, NULL, NULL,
			   16, MOTE_E_UNSUPPORTED, 1);
		m.in[0].data = dims;
		m.in[1] = vec(MOTE_INT16, n8, NULL, NULL);
		expect_run("op FILL non-scalar value refused", &m, NULL, NULL,
			   16, MOTE_E_BAD_SHAPE, 1);
		m.in[1] = vec(MOTE_INT32, n0, NULL, NULL);
		expect_run("op FILL value type refused", &m, NULL, NULL, 16,
			   MOTE_E_BAD_TYPE, 1);
	}
}

int main(void)
{
	rng_state = 2463534242u;
	test_fixedpoint();
	test_quantize();
	test_requantize();
	test_dequantize();
	test_sigmoid_s8();
	test_sigmoid_s16();
	test_relu();
	test_leaky_relu();
	test_hard_swish();
	test_elu();
	test_log_softmax();
	test_l2norm();
	test_float_math();
	test_round();
	test_abs_q();
	test_rsqrt_q();
	test_cast();
	test_data_ops();
	test_lut();
	test_models();
	return totals();
}
