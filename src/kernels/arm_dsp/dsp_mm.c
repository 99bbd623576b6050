/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dsp_mm.c - the requantized int8 matrix product shared by the DSP
 * convolution kernels (see dsp.h for the operand layout and the exactness
 * argument), and the portable requantization fallback.
 *
 * Each output is the dot product of one filter row (int8, read in place)
 * with one widened column, plus the row's bias, requantized and clamped.
 * The inner loops keep a 2 x 2 block (two rows, two columns: every loaded
 * weight and every loaded input serves two products) or a 4 x 1 block
 * (four rows, one column) in registers. Per group of four values the 2 x 2
 * block costs 2 weight loads, 4 SXTB16, 2 LDRD and 8 SMLAD for 16
 * multiply-accumulates. The loop bodies are written in assembly because
 * GCC spills this register-tight code; they use only ARMv7E-M DSP
 * instructions, which ACLE names (__sxtb16, __smlad) but cannot schedule
 * this tightly. Everything around them is per block of outputs and kept
 * lean: the clamp comes in two instantiations (full int8 range: one SSAT).
 */
#include "kernels/arm_dsp/dsp.h"

int32_t mote__dsp_requant_slow(int32_t acc, const mote__dsp_rq *q, int32_t zp)
{
	return (int32_t)((uint32_t)mote_mul_by_quant_mult(acc, q->mult, q->zc) +
			 (uint32_t)zp);
}

/* One group of four values for rows w0, w1 and the two interleaved
 * columns at x: a00 += w0.x0, a01 += w0.x1, a10 += w1.x0, a11 += w1.x1. */
#define GROUP_2X2                                        \
	"ldr %[wa], [%[w0]], #4\n\t"                     \
	"ldr %[wb], [%[w1]], #4\n\t"                     \
	"sxtb16 %[ta], %[wa], ror #8\n\t"                \
	"sxtb16 %[wa], %[wa]\n\t"                        \
	"sxtb16 %[tb], %[wb], ror #8\n\t"                \
	"sxtb16 %[wb], %[wb]\n\t"                        \
	"ldrd %[x0], %[x1], [%[x]], #8\n\t"              \
	"smlad %[a00], %[x0], %[wa], %[a00]\n\t"         \
	"smlad %[a00], %[x1], %[ta], %[a00]\n\t"         \
	"smlad %[a10], %[x0], %[wb], %[a10]\n\t"         \
	"smlad %[a10], %[x1], %[tb], %[a10]\n\t"         \
	"ldrd %[x0], %[x1], [%[x]], #8\n\t"              \
	"smlad %[a01], %[x0], %[wa], %[a01]\n\t"         \
	"smlad %[a01], %[x1], %[ta], %[a01]\n\t"         \
	"smlad %[a11], %[x0], %[wb], %[a11]\n\t"         \
	"smlad %[a11], %[x1], %[tb], %[a11]\n\t"

#define OPERANDS_2X2                                                       \
	: [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), \
	  [w0] "+r"(w0), [w1] "+r"(w1), [x] "+r"(x), [wa] "=&r"(wa),         \
	  [wb] "=&r"(wb), [ta] "=&r"(ta), [tb] "=&r"(tb), [x0] "=&r"(x0),    \
	  [x1] "=&r"(x1)                                                      \
	:                                                                     \
	: "memory"

/* One row w0 with two interleaved columns, all k values (a multiple of
 * 4): a00 += w0.x0, a01 += w0.x1. */
static void dot_1x2(const int8_t *w0, const uint32_t *x, int32_t k,
		    int32_t acc[4])
{
	int32_t a00 = acc[0], a01 = acc[1];
	const uint32_t *x_end = x + (size_t)(k / 4) * 4u;

	for (; x != x_end; x += 4, w0 += 4) {
		uint32_t w = mote__dsp_ld32(w0);
		uint32_t we = __sxtb16(w), wo = mote__dsp_sxtb16_ror8(w);
		a00 = __smlad(x[0], we, a00);
		a00 = __smlad(x[1], wo, a00);
		a01 = __smlad(x[2], we, a01);
		a01 = __smlad(x[3], wo, a01);
	}
	acc[0] = a00;
	acc[1] = a01;
}

/* Bias of row r (0 without bias). */
static inline int32_t bias_of(const mote__dsp_mm *m, int32_t r)
{
	return m->bias != NULL ? m->bias[r] : 0;
}

/* Requantization constants of row r. */
static inline mote__dsp_rq rq_of(const mote__dsp_mm *m, int32_t r)
{
	return mote__dsp_rq_quick(m->mult[r], m->shift[r], m->zo);
}

/* mote__dsp_mm_2col with the clamp instantiated (full: SSAT). */
static inline __attribute__((always_inline)) void
mm_2col(const mote__dsp_mm *m, const uint32_t *cols, int8_t *out0,
	int8_t *out1, bool full)
{
	const int8_t *w = m->w;
	size_t ws = (size_t)m->w_stride;
	int32_t k = m->k, zp = m->out_zp, lo = m->act_min, hi = m->act_max;
	const uint32_t *x_pairs = cols + (size_t)(k / 8) * 8u;
	int32_t r, acc[4];

	for (r = 0; r + 2 <= m->rows;
	     r += 2, w += 2 * ws, out0 += 2, out1 += 2) {
		const int8_t *w0 = w;
		const int8_t *w1 = r + 2 == m->rows ? m->w_last : w + ws;
		const uint32_t *x = cols;
		int32_t a00 = bias_of(m, r), a01 = a00;
		int32_t a10 = bias_of(m, r + 1), a11 = a10;
		mote__dsp_rq q0, q1;
		uint32_t wa, wb, ta, tb, x0, x1;

		while (x != x_pairs)
			__asm__ volatile(GROUP_2X2 GROUP_2X2 OPERANDS_2X2);
		if (k & 4)
			__asm__ volatile(GROUP_2X2 OPERANDS_2X2);
		q0 = rq_of(m, r);
		q1 = rq_of(m, r + 1);
		mote__dsp_out2_s8(a00, a01, &q0, zp, lo, hi, full, &out0[0],
				  &out1[0]);
		mote__dsp_out2_s8(a10, a11, &q1, zp, lo, hi, full, &out0[1],
				  &out1[1]);
	}
	if (r < m->rows) {
		mote__dsp_rq q = rq_of(m, r);
		acc[0] = acc[1] = bias_of(m, r);
		dot_1x2(m->w_last, cols, k, acc);
		mote__dsp_out2_s8(acc[0], acc[1], &q, zp, lo, hi, full, out0,
				  out1);
	}
}

void mote__dsp_mm_2col(const mote__dsp_mm *m, const uint32_t *cols,
		       int8_t *out0, int8_t *out1)
{
	if (m->act_min == -128 && m->act_max == 127)
		mm_2col(m, cols, out0, out1, true);
	else
		mm_2col(m, cols, out0, out1, false);
}

int32_t mote__dsp_dot_1x1(const int8_t *w0, const uint32_t *x, int32_t k,
			  int32_t acc)
{
	const uint32_t *x_end = x + (size_t)(k / 4) * 2u;
	const int16_t *t = (const int16_t *)x_end;
	int32_t i;

	for (; x != x_end; x += 2, w0 += 4) {
		uint32_t w = mote__dsp_ld32(w0);
		acc = __smlad(x[0], __sxtb16(w), acc);
		acc = __smlad(x[1], mote__dsp_sxtb16_ror8(w), acc);
	}
	for (i = 0; i < (k & 3); i++)
		acc = mote__dsp_mac(acc, t[i], w0[i]);
	return acc;
}

void mote__dsp_mm_1col(const mote__dsp_mm *m, const uint32_t *col,
		       int8_t *out)
{
	const int8_t *w = m->w;
	size_t s = (size_t)m->w_stride;
	int32_t acc[4];
	int32_t r, j;

	/* Four rows at a time, except the block holding the last row, whose
	 * padded copy lies elsewhere: the remaining rows go one by one. */
	for (r = 0; r + 4 < m->rows; r += 4, w += 4 * s) {
		for (j = 0; j < 4; j++)
			acc[j] = bias_of(m, r + j);
		mote__dsp_dot_4x1(w, (ptrdiff_t)s, col, m->k, acc);
		for (j = 0; j < 4; j++) {
			mote__dsp_rq q = rq_of(m, r + j);
			out[r + j] = mote__dsp_out_s8(acc[j], &q, m->out_zp,
						      m->act_min, m->act_max,
						      false);
		}
	}
	for (; r < m->rows; r++, w += s) {
		mote__dsp_rq q = rq_of(m, r);
		int32_t a = mote__dsp_dot_1x1(r + 1 == m->rows ? m->w_last : w,
					      col, m->k, bias_of(m, r));
		out[r] = mote__dsp_out_s8(a, &q, m->out_zp, m->act_min,
					  m->act_max, false);
	}
}
