/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mve_common.c - byte loops and requantization shared by the Helium int8
 * kernels (see mve_common.h).
 *
 * The loops are written as inline assembly because they rely on
 * tail-predicated low-overhead loops (DLSTP/WLSTP ... LETP): every MVE
 * instruction in the loop body is predicated by the remaining element
 * count, so any length runs without a scalar tail and without reading
 * past the end of a row. arm-none-eabi-gcc 12 does not generate these
 * loops from intrinsics (it emits a VCTP and one VPST per predicated
 * instruction, and recomputes addresses instead of post-incrementing).
 */
#include "kernels/arm_mve/mve_common.h"

void mote__mve_copy(int8_t *dst, const int8_t *src, int32_t n)
{
	__asm__ volatile("wlstp.8	lr, %[n], 2f\n"
			 "1:\n\t"
			 "vldrb.8	q0, [%[s]], #16\n\t"
			 "vstrb.8	q0, [%[d]], #16\n\t"
			 "letp	lr, 1b\n"
			 "2:\n"
			 : [d] "+r"(dst), [s] "+r"(src)
			 : [n] "r"(n)
			 : "lr", "q0", "memory");
}

void mote__mve_fill(int8_t *dst, int8_t v, int32_t n)
{
	int32_t w = v;

	__asm__ volatile("vdup.8	q0, %[v]\n\t"
			 "wlstp.8	lr, %[n], 2f\n"
			 "1:\n\t"
			 "vstrb.8	q0, [%[d]], #16\n\t"
			 "letp	lr, 1b\n"
			 "2:\n"
			 : [d] "+r"(dst)
			 : [n] "r"(n), [v] "r"(w)
			 : "lr", "q0", "memory");
}

int32_t mote__mve_sum_s8(const int8_t *x, int32_t n)
{
	int32_t s = 0;

	__asm__ volatile("wlstp.8	lr, %[n], 2f\n"
			 "1:\n\t"
			 "vldrb.8	q0, [%[x]], #16\n\t"
			 "vaddva.s8	%[s], q0\n\t"
			 "letp	lr, 1b\n"
			 "2:\n"
			 : [x] "+r"(x), [s] "+Te"(s)
			 : [n] "r"(n)
			 : "lr", "q0", "memory");
	return s;
}

bool mote__mve_any_left(const int32_t *shift, int32_t n)
{
	int32_t c;

	for (c = 0; c < n; c++)
		if (shift[c] > 0)
			return true;
	return false;
}

void mote__mve_quant_init(mote__mve_quant *q, const int32_t *mult,
			  const int32_t *shift, int32_t n, bool per_channel,
			  int32_t *quad, int32_t out_zp, int32_t act_min,
			  int32_t act_max)
{
	int32_t i;

	q->per_channel = per_channel;
	q->mult = mult;
	q->shift = shift;
	if (!per_channel) {
		for (i = 0; i < 4; i++) {
			quad[i] = mult[0];
			quad[4 + i] = shift[0];
		}
		q->mult = quad;
		q->shift = quad + 4;
	}
	q->left = mote__mve_any_left(q->shift, per_channel ? n : 1);
	q->out_zp = out_zp;
	q->act_min = act_min;
	q->act_max = act_max;
}

/*
 * Requantization of n contiguous sums, four channels per iteration of a
 * tail-predicated loop (a partial last quad loads and stores only its live
 * lanes): multipliers and shifts loaded with post-increment STEP (16, or
 * 0 to reuse one per-tensor quad), the right shift clamped to -31 (and in
 * the LEFT variant the left shift to [0, 31], as mote_mul_by_quant_mult()
 * clamps), [VSHL,] VQRDMULH, the ties-away fix-up, VRSHL, zero point,
 * clamp, and a narrowing byte store. q4 holds -31, q5/q6 the bounds, q7
 * zero.
 */
#define REQUANT_LOOP(SHIFTS, STEP)                                             \
	"vmvn.i32	q4, #30\n\t"                                             \
	"vmov.i32	q7, #0\n\t"                                              \
	"vdup.32	q5, %[lo]\n\t"                                           \
	"vdup.32	q6, %[hi]\n\t"                                           \
	"dlstp.32	lr, %[n]\n"                                             \
	"1:\n\t"                                                               \
	"vldrw.u32	q0, [%[acc]], #16\n\t"                                 \
	"vldrw.u32	q2, [%[shift]], #" STEP "\n\t" SHIFTS                   \
	"vldrw.u32	q1, [%[mult]], #" STEP "\n\t"                           \
	"vqrdmulh.s32	q0, q0, q1\n\t"                                        \
	"vand	q1, q0, q2\n\t"                                                \
	"vshr.s32	q1, q1, #31\n\t"                                         \
	"vqadd.s32	q0, q0, q1\n\t"                                        \
	"vrshl.s32	q0, q0, q2\n\t"                                        \
	"vadd.i32	q0, q0, %[zp]\n\t"                                       \
	"vmax.s32	q0, q0, q5\n\t"                                          \
	"vmin.s32	q0, q0, q6\n\t"                                          \
	"vstrb.32	q0, [%[out]], #4\n\t"                                    \
	"letp	lr, 1b\n"

/* q2 = shift (all <= 0): the right shift, clamped. */
#define RIGHT_ONLY "vmax.s32	q2, q2, q4\n\t"

/* q2 = shift: q3 = clamp(shift, 0, 31) shifts q0 left; q2 becomes
 * clamp(shift, -31, 0). */
#define LEFT_AND_RIGHT                                                         \
	"vmax.s32	q3, q2, q7\n\t"                                          \
	"vmov.i32	q1, #31\n\t"                                             \
	"vmin.s32	q3, q3, q1\n\t"                                          \
	"vshl.s32	q0, q0, q3\n\t"                                          \
	"vmin.s32	q2, q2, q7\n\t"                                          \
	"vmax.s32	q2, q2, q4\n\t"

#define REQUANT_OPERANDS                                                       \
	: [mult] "+r"(mult), [shift] "+r"(shift), [out] "+r"(out),            \
	  [acc] "+r"(acc)                                                      \
	: [n] "r"(n), [zp] "r"(q->out_zp), [lo] "r"(q->act_min),              \
	  [hi] "r"(q->act_max)                                                 \
	: "lr", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "memory"

void mote__mve_requant_row(const mote__mve_quant *q, const int32_t *acc,
			   int32_t n, int8_t *out)
{
	const int32_t *mult = q->mult, *shift = q->shift;

	if (q->left && q->per_channel)
		__asm__ volatile(REQUANT_LOOP(LEFT_AND_RIGHT, "16")
					 REQUANT_OPERANDS);
	else if (q->per_channel)
		__asm__ volatile(REQUANT_LOOP(RIGHT_ONLY, "16")
					 REQUANT_OPERANDS);
	else if (q->left)
		__asm__ volatile(REQUANT_LOOP(LEFT_AND_RIGHT, "0")
					 REQUANT_OPERANDS);
	else
		__asm__ volatile(REQUANT_LOOP(RIGHT_ONLY, "0")
					 REQUANT_OPERANDS);
}
