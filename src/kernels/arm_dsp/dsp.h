/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dsp.h - building blocks of the Cortex-M DSP-extension kernels
 * (kernels/arm_dsp/): SIMD operand preparation, the exact requantization
 * used by every variant here, and the shared int8 matrix product.
 *
 * SIMD layout. SMLAD multiplies two pairs of int16 and adds both products
 * to an int32 accumulator. An int8 word [b0 b1 b2 b3] is widened with
 * SXTB16 into the pair [b0 b2] and, rotated by 8, into [b1 b3]. Filters
 * stay int8 in flash and are widened this way in the inner loops; the
 * other operand ("column": an im2col row or an input vector) is widened
 * once into scratch in the same order, with the input offset added
 * (SXTAB16), so one SMLAD pairs each weight with its input. A column of k
 * values is stored as groups of two words ([x0 x2], [x1 x3]): convolution
 * columns pad their last group with zeros (mote__dsp_widen_pad), fully
 * connected chunks keep the k % 4 remaining values as plain int16 after
 * k / 4 groups. Columns used together are interleaved group by group (see
 * mote__dsp_col_words()).
 *
 * Exactness. Every sum is an int32 sum wrapping modulo 2^32 (SMLAD's
 * addition wraps), so the order of the products does not matter; widened
 * inputs x + in_offset lie in [-255, 255] and fit int16. Requantization
 * (mote__dsp_out_s8) equals mote_mul_by_quant_mult() followed by TFLM's
 * wrapping zero-point addition for every int32 input: see below.
 */
#ifndef MOTE_KERNELS_ARM_DSP_DSP_H
#define MOTE_KERNELS_ARM_DSP_DSP_H

#include <arm_acle.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/fixedpoint.h"
#include "kernels/fully_connected.h"

/* Four bytes from any address (the M4 loads unaligned words). */
static inline uint32_t mote__dsp_ld32(const void *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* SXTB16 of x rotated right by 8: bytes 1 and 3 sign-extended to int16.
 * (GCC's ACLE cannot fold the rotation into the instruction.) */
static inline uint32_t mote__dsp_sxtb16_ror8(uint32_t x)
{
	uint32_t r;
	__asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
	return r;
}

/* SXTAB16 of x rotated right by 8: a + bytes 1 and 3, lane by lane. */
static inline uint32_t mote__dsp_sxtab16_ror8(uint32_t a, uint32_t x)
{
	uint32_t r;
	__asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
	return r;
}

/* acc + a * b, wrapping modulo 2^32 like the SIMD sums (a * b fits). */
static inline int32_t mote__dsp_mac(int32_t acc, int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)acc + (uint32_t)(a * b));
}

/* The int16 pair [v, v]. */
static inline uint32_t mote__dsp_dup16(int32_t v)
{
	return ((uint32_t)v & 0xFFFFu) | ((uint32_t)v << 16);
}

/*
 * Requantization of one output channel, prepared once per call.
 *
 * TFLite computes v = rounding_div_pot(srdhm(x << left, mult), e) + zp
 * with srdhm(a, b) = floor((a * b + 2^30) / 2^31) (for mult >= 0 it never
 * saturates) and rounding_div_pot rounding half away from zero. For
 * e >= 1 (left = 0) both roundings collapse into one floor of a 64-bit sum
 *     v = floor((x * mult + 2^30 + 2^31 * (2^(e-1) - s + zp * 2^e))
 *               / 2^(31+e)),    s = 1 if x < 0 else 0,
 * which SMLAL computes with the bracket preloaded as its 64-bit addend:
 * the high word shifted right by e - 1 is v. (With s taken from x instead
 * of from the first rounding's result the two differ only when
 * -2^30 <= x * mult < 0, and both give zp there.) Channels outside the
 * fast form (mult < 0, e == 0 i.e. shift >= 0, e > 22, or |zp| > 256,
 * where the bracket could overflow) take the portable path.
 */
typedef struct mote__dsp_rq {
	int32_t mult; /* the channel's Q0.31 multiplier */
	int32_t zc; /* fast: 2^(e-1) + zp * 2^e; portable: the shift */
	int32_t rsh; /* fast: e - 1 (>= 0); portable: -1 */
} mote__dsp_rq;

/* The requantization constants of one channel (cheap: a few
 * instructions, so kernels derive them where they need them). */
static inline mote__dsp_rq mote__dsp_rq_make(int32_t mult, int32_t shift,
					     int32_t zp)
{
	mote__dsp_rq q;

	q.mult = mult;
	if (mult >= 0 && shift <= -1 && shift >= -22 && zp >= -256 &&
	    zp <= 256) {
		q.zc = (int32_t)((1u << (-shift - 1)) +
				 (uint32_t)zp * (1u << -shift));
		q.rsh = -shift - 1;
		return q;
	}
	q.zc = shift;
	q.rsh = -1;
	return q;
}

/*
 * mote__dsp_rq_make() in a few instructions, given zo = 2 * zp + 1 when
 * |zp| <= 256 (else 0): the fast form's zc is zo * 2^(e-1).
 */
static inline __attribute__((always_inline)) mote__dsp_rq
mote__dsp_rq_quick(int32_t mult, int32_t shift, int32_t zo)
{
	mote__dsp_rq q;
	uint32_t e1 = (uint32_t)(-shift - 1);

	q.mult = mult;
	if (e1 <= 21u && mult >= 0 && zo != 0) {
		q.zc = (int32_t)((uint32_t)zo << e1);
		q.rsh = (int32_t)e1;
		return q;
	}
	q.zc = shift;
	q.rsh = -1;
	return q;
}

/* zo for mote__dsp_rq_quick(). */
static inline int32_t mote__dsp_rq_zo(int32_t zp)
{
	return zp >= -256 && zp <= 256 ? 2 * zp + 1 : 0;
}

/*
 * The same in 8 bytes for per-channel tables in scratch (no bigger than
 * the reference kernels' own scratch): the fast form's zc is an odd
 * multiple of 2^(e-1), so e - 1 is its count of trailing zeros; zc == 0
 * marks the portable form, whose shift the kernel reads from its params.
 */
typedef struct mote__dsp_rq8 {
	int32_t mult; /* the channel's Q0.31 multiplier */
	int32_t zc; /* fast: as in mote__dsp_rq; 0: portable */
} mote__dsp_rq8;

static inline void mote__dsp_rq8_table(mote__dsp_rq8 *t, const int32_t *mult,
				       const int32_t *shift, int32_t n,
				       int32_t zp)
{
	int32_t i;

	for (i = 0; i < n; i++) {
		mote__dsp_rq q = mote__dsp_rq_make(mult[i], shift[i], zp);
		t[i].mult = q.mult;
		t[i].zc = q.rsh >= 0 ? q.zc : 0;
	}
}

/* Entry c of a table made from the shifts `shift`. */
static inline mote__dsp_rq mote__dsp_rq8_get(const mote__dsp_rq8 *t,
					     const int32_t *shift, int32_t c)
{
	mote__dsp_rq q;

	q.mult = t[c].mult;
	q.zc = t[c].zc != 0 ? t[c].zc : shift[c];
	q.rsh = t[c].zc != 0 ? __builtin_ctz((uint32_t)t[c].zc) : -1;
	return q;
}

/* The reference kernels' final clamp and narrowing. */
static inline int8_t mote__dsp_clamp_s8(int32_t v, int32_t lo, int32_t hi)
{
	return (int8_t)mote_clamp_i32(v, lo, hi);
}

/* The requantization of a channel outside the fast form (out of line). */
int32_t mote__dsp_requant_slow(int32_t acc, const mote__dsp_rq *q,
			       int32_t zp);

/*
 * The requantized, clamped int8 outputs of two sums a and b of the same
 * channel, stored to *oa and *ob; `full` as in mote__dsp_out_s8. The
 * channel's constants are read before the stores (int8 stores may alias
 * anything, so the compiler would reload them otherwise).
 */
static inline __attribute__((always_inline)) void
mote__dsp_out2_s8(int32_t a, int32_t b, const mote__dsp_rq *q, int32_t zp,
		  int32_t lo, int32_t hi, bool full, int8_t *oa, int8_t *ob)
{
	int32_t mult = q->mult, zc = q->zc, rsh = q->rsh, va, vb, za, zb;
	int64_t sa, sb;

	if (rsh < 0) {
		va = mote__dsp_requant_slow(a, q, zp);
		vb = mote__dsp_requant_slow(b, q, zp);
	} else {
		za = zc + (a >> 31);
		zb = zc + (b >> 31);
		sa = (int64_t)(((uint64_t)(uint32_t)(za >> 1) << 32) |
			       (((uint32_t)za << 31) | 0x40000000u)) +
		     (int64_t)a * mult;
		sb = (int64_t)(((uint64_t)(uint32_t)(zb >> 1) << 32) |
			       (((uint32_t)zb << 31) | 0x40000000u)) +
		     (int64_t)b * mult;
		va = (int32_t)(sa >> 32) >> rsh;
		vb = (int32_t)(sb >> 32) >> rsh;
	}
	if (full) {
		*oa = (int8_t)__ssat(va, 8);
		*ob = (int8_t)__ssat(vb, 8);
		return;
	}
	*oa = mote__dsp_clamp_s8(va, lo, hi);
	*ob = mote__dsp_clamp_s8(vb, lo, hi);
}

/*
 * The requantized, clamped int8 output of sum acc. `full` (a constant
 * where this is inlined) says the clamp range is [-128, 127], which one
 * SSAT applies.
 */
static inline __attribute__((always_inline)) int8_t
mote__dsp_out_s8(int32_t acc, const mote__dsp_rq *q, int32_t zp, int32_t lo,
		 int32_t hi, bool full)
{
	int32_t z, v;
	uint32_t lo32;
	int64_t sum;

	if (q->rsh < 0) {
		v = mote__dsp_requant_slow(acc, q, zp);
	} else {
		z = q->zc + (acc >> 31);
		lo32 = ((uint32_t)z << 31) | 0x40000000u;
		sum = (int64_t)(((uint64_t)(uint32_t)(z >> 1) << 32) | lo32) +
		      (int64_t)acc * q->mult;
		v = (int32_t)(sum >> 32) >> q->rsh;
	}
	if (full)
		return (int8_t)__ssat(v, 8);
	return mote__dsp_clamp_s8(v, lo, hi);
}

/*
 * Widens n4 groups of four int8 values from src, each plus `off2` (the
 * offset as an int16 pair, see mote__dsp_dup16), into the SIMD layout:
 * two words per group, `step` words apart.
 */
static inline void mote__dsp_widen(const int8_t *src, int32_t n4, uint32_t off2,
				   uint32_t *dst, int32_t step)
{
	for (; n4 > 0; n4--) {
		uint32_t v = mote__dsp_ld32(src);
		dst[0] = __sxtab16(off2, v);
		dst[1] = mote__dsp_sxtab16_ror8(off2, v);
		src += 4;
		dst += step;
	}
}

/*
 * Widens k values from src like mote__dsp_widen, as ceil(k / 4) groups:
 * a last partial group is filled up with zp bytes, which widen to 0
 * (off2 holds -zp), so the column needs no tail (see mote__dsp_mm).
 */
static inline void mote__dsp_widen_pad(const int8_t *src, int32_t k,
				       int32_t zp, uint32_t off2,
				       uint32_t *dst, int32_t step)
{
	int32_t n4 = k / 4, i;
	int8_t last[4];

	mote__dsp_widen(src, n4, off2, dst, step);
	if ((k & 3) == 0)
		return;
	for (i = 0; i < 4; i++)
		last[i] = i < (k & 3) ? src[4 * n4 + i] : (int8_t)zp;
	mote__dsp_widen(last, 1, off2, dst + (size_t)n4 * (size_t)step, step);
}

/* Bytes of the padded copy of a filter's last row (0 if k % 4 == 0). */
static inline size_t mote__dsp_last_row_bytes(int32_t k)
{
	return (k & 3) != 0 ? ((size_t)k + 7u) & ~(size_t)7u : 0;
}

/* The filter's last row as mote__dsp_mm's w_last: in place when k is a
 * multiple of 4, else copied and zero-padded into `copy`. */
static inline const int8_t *mote__dsp_last_row(const int8_t *filter,
					       int32_t rows, int32_t k,
					       int8_t *copy)
{
	const int8_t *last = filter + (size_t)(rows - 1) * (size_t)k;
	int32_t i;

	if ((k & 3) == 0)
		return last;
	for (i = 0; i < ((k + 3) & ~3); i++)
		copy[i] = i < k ? last[i] : 0;
	return copy;
}

/* Words of `ncol` interleaved columns of k values (k / 4 groups of
 * 2 * ncol words, then four int16 tail slots per column). */
static inline size_t mote__dsp_col_words(int32_t k, int32_t ncol)
{
	return (size_t)(k / 4 + 1) * 2u * (size_t)ncol;
}

/* Tail slots (int16) of column `col` of `ncol` interleaved columns. */
static inline int16_t *mote__dsp_col_tail(uint32_t *cols, int32_t k,
					  int32_t ncol, int32_t col)
{
	return (int16_t *)(cols + (size_t)(k / 4) * 2u * (size_t)ncol) +
	       4 * col;
}

/*
 * One requantized int8 matrix product: rows of int8 weights (a filter in
 * its flash layout) times widened columns (mote__dsp_widen_pad: k rounded
 * up to groups of four, padded with zeros). A row's last group may read
 * up to three bytes past its k values, into the next row, where they meet
 * the columns' zeros; the filter's last row instead comes from `w_last`,
 * a zero-padded copy in scratch, so nothing is read past the filter.
 */
typedef struct mote__dsp_mm {
	const int8_t *w; /* row 0; row r starts at w + r * w_stride */
	int32_t w_stride; /* bytes from one row to the next */
	int32_t k; /* values per row and per column, rounded up to 4 */
	const int8_t *w_last; /* the last row padded to k values */
	int32_t rows; /* number of rows (output values per column) */
	const int32_t *mult; /* per row Q0.31 multiplier */
	const int32_t *shift; /* per row exponent */
	int32_t zo; /* mote__dsp_rq_zo(out_zp) */
	const int32_t *bias; /* per row bias, or NULL */
	int32_t out_zp; /* output zero point */
	int32_t act_min; /* clamp range of the outputs */
	int32_t act_max;
} mote__dsp_mm;

/*
 * out0[r] and out1[r] for every row r, from two columns interleaved as
 * mote__dsp_col_words(k, 2) words at `cols` (8-byte aligned).
 */
void mote__dsp_mm_2col(const mote__dsp_mm *m, const uint32_t *cols,
		       int8_t *out0, int8_t *out1);

/* out[r] for every row r, from one column at `col` (8-byte aligned). */
void mote__dsp_mm_1col(const mote__dsp_mm *m, const uint32_t *col,
		       int8_t *out);

/* One group of four values for rows w0, w0 + s, w2, w2 + s and one column
 * at x (the loop body of mote__dsp_dot_4x1, in assembly: see dsp_mm.c).
 * Each pair of rows shares a base register: the second row is read at
 * [base, s] before the first row's read advances the base. */
#define MOTE__DSP_GROUP_4X1                                        \
	"ldrd %[x0], %[x1], [%[x]], #8\n\t"              \
	"ldr %[wa], [%[w0], %[s]]\n\t"                   \
	"sxtb16 %[ta], %[wa], ror #8\n\t"                \
	"sxtb16 %[wa], %[wa]\n\t"                        \
	"smlad %[a1], %[x0], %[wa], %[a1]\n\t"           \
	"smlad %[a1], %[x1], %[ta], %[a1]\n\t"           \
	"ldr %[wa], [%[w0]], #4\n\t"                     \
	"sxtb16 %[ta], %[wa], ror #8\n\t"                \
	"sxtb16 %[wa], %[wa]\n\t"                        \
	"smlad %[a0], %[x0], %[wa], %[a0]\n\t"           \
	"smlad %[a0], %[x1], %[ta], %[a0]\n\t"           \
	"ldr %[wa], [%[w2], %[s]]\n\t"                   \
	"sxtb16 %[ta], %[wa], ror #8\n\t"                \
	"sxtb16 %[wa], %[wa]\n\t"                        \
	"smlad %[a3], %[x0], %[wa], %[a3]\n\t"           \
	"smlad %[a3], %[x1], %[ta], %[a3]\n\t"           \
	"ldr %[wa], [%[w2]], #4\n\t"                     \
	"sxtb16 %[ta], %[wa], ror #8\n\t"                \
	"sxtb16 %[wa], %[wa]\n\t"                        \
	"smlad %[a2], %[x0], %[wa], %[a2]\n\t"           \
	"smlad %[a2], %[x1], %[ta], %[a2]\n\t"

#define MOTE__DSP_OPERANDS_4X1                                          \
	: [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),     \
	  [w0] "+r"(w0), [w2] "+r"(w2), [x] "+r"(x), [wa] "=&r"(wa),      \
	  [ta] "=&r"(ta), [x0] "=&r"(x0), [x1] "=&r"(x1)                  \
	: [s] "r"(s),

/* acc[j] += row j . column x (k values), j = 0..3, row j at w0 + j * s:
 * four int8 rows with one widened column (mote__dsp_col_words(k, 1)
 * words at x, aligned; k % 4 values in its int16 tail). */
static inline __attribute__((always_inline)) void
mote__dsp_dot_4x1(const int8_t *w0, ptrdiff_t s, const uint32_t *x,
		  int32_t k, int32_t acc[4])
{
	int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
	const int8_t *w2 = w0 + 2 * s;
	const uint32_t *x_end = x + (size_t)(k / 4) * 2u;
	const int16_t *t = (const int16_t *)x_end;
	uint32_t wa, ta, x0, x1;
	int32_t i;

	/* An odd group first, then two groups per loop iteration. */
	if ((k / 4) & 1)
		__asm__ volatile(MOTE__DSP_GROUP_4X1 MOTE__DSP_OPERANDS_4X1
				 [end] "r"(x_end)
				 : "memory");
	if (x != x_end)
		__asm__ volatile("1:\n\t" MOTE__DSP_GROUP_4X1
				 MOTE__DSP_GROUP_4X1
				 "cmp %[x], %[end]\n\t"
				 "bne 1b\n\t" MOTE__DSP_OPERANDS_4X1
				 [end] "r"(x_end)
				 : "memory", "cc");
	for (i = 0; i < (k & 3); i++) {
		a0 = mote__dsp_mac(a0, t[i], w0[i]);
		a1 = mote__dsp_mac(a1, t[i], w0[s + i]);
		a2 = mote__dsp_mac(a2, t[i], w2[i]);
		a3 = mote__dsp_mac(a3, t[i], w2[s + i]);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
}

/* acc + row w0 . column x (k values), one row. */
int32_t mote__dsp_dot_1x1(const int8_t *w0, const uint32_t *x, int32_t k,
			  int32_t acc);

/*
 * The kernels of this variant. Each has the contract of the reference
 * kernel it is named after (kernels/conv2d.h, depthwise_conv2d.h,
 * fully_connected.h) for the params its selector (select.c) hands it, and
 * needs the scratch its *_scratch_size() returns (8-byte aligned).
 */

/* Any int8 convolution with groups == 1. */
size_t mote_conv2d_s8_dsp_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_dsp(const mote_conv2d_params *p, const int8_t *in,
			const int8_t *filter, const int32_t *bias, int8_t *out,
			void *scratch);

/* The same one output pixel at a time, with half the column scratch. */
size_t mote_conv2d_s8_1col_dsp_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_1col_dsp(const mote_conv2d_params *p, const int8_t *in,
			     const int8_t *filter, const int32_t *bias,
			     int8_t *out, void *scratch);

/* 1x1 filter, groups == 1, no padding (any stride). */
size_t mote_conv2d_s8_1x1_dsp_scratch_size(const mote_conv2d_params *p);
void mote_conv2d_s8_1x1_dsp(const mote_conv2d_params *p, const int8_t *in,
			    const int8_t *filter, const int32_t *bias,
			    int8_t *out, void *scratch);

/* Depthwise, depth multiplier 1 or a multiple of 4, or in_c == 1. */
size_t mote_depthwise_conv2d_s8_dsp_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_dsp(const mote_depthwise_conv2d_params *p,
				  const int8_t *in, const int8_t *filter,
				  const int32_t *bias, int8_t *out,
				  void *scratch);

/* Depthwise 3x3, depth multiplier 1, no dilation, stride_w 1 or 2. */
size_t mote_depthwise_conv2d_s8_3x3_dsp_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_3x3_dsp(const mote_depthwise_conv2d_params *p,
				      const int8_t *in, const int8_t *filter,
				      const int32_t *bias, int8_t *out,
				      void *scratch);

/* Depthwise with one input channel (any depth multiplier). */
size_t mote_depthwise_conv2d_s8_ch1_dsp_scratch_size(
	const mote_depthwise_conv2d_params *p);
void mote_depthwise_conv2d_s8_ch1_dsp(const mote_depthwise_conv2d_params *p,
				      const int8_t *in, const int8_t *filter,
				      const int32_t *bias, int8_t *out,
				      void *scratch);

/* int8 fully connected with filter_offset == 0. */
size_t mote_fully_connected_s8_dsp_scratch_size(const mote_fc_params *p);
void mote_fully_connected_s8_dsp(const mote_fc_params *p, const int8_t *in,
				 const int8_t *filter, const int32_t *bias,
				 int8_t *out, void *scratch);

#endif /* MOTE_KERNELS_ARM_DSP_DSP_H */
