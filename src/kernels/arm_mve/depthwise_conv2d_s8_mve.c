/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s8_mve.c - int8 DEPTHWISE_CONV_2D for Helium (MVE):
 * same contract and results as mote_depthwise_conv2d_s8
 * (depthwise_conv2d.h), for depth multiplier 1 (any filter, and a 3x3
 * entry point with the passes unrolled) and depth multipliers that are a
 * multiple of 4.
 *
 * As in the reference, TFLM's sum of f * (x - in_zp) over the taps inside
 * the input is regrouped, exactly modulo 2^32, as
 *     (bias - in_zp * sum of f over all taps) + sum of f * x
 * where a tap in the padding reads in_zp (its term cancels). The bracket
 * ("base") is computed once per call.
 *
 * Depth multiplier 1. The taps run in passes of three (for a 3x3 filter,
 * one filter row per pass, unrolled in mote_depthwise_conv2d_s8_3x3_mve;
 * otherwise in a loop, a short last pass completed with filler taps of
 * zero weights). A pass walks the channels eight at a time in 16-bit
 * lanes, tail-predicated: VMULLB and VMULLT multiply the even and the odd
 * lanes into 32-bit products, summed into two accumulators (even and odd
 * channels) that the passes hand on through the scratch buffer; the last
 * pass requantizes, and the saturating narrows VQMOVNB/VQMOVNT interleave
 * the halves back into channel order (narrowing after the zero point is
 * added cannot change the clamped result: the activation range lies
 * inside int8). Base and requantization tables are stored in that
 * even/odd order, per block of eight channels. An odd last channel is
 * computed in C (a 16-bit tail of odd length would predicate half of a
 * 32-bit lane). Each tap is addressed as the pixel's input address plus a
 * tap offset: one table of offsets serves every pixel whose window lies
 * inside the input, and one assembly block runs a whole row of such
 * pixels; a pixel on the border gets its own offsets, taps in the padding
 * (and filler taps) reading a row of in_zp bytes.
 *
 * Depth multiplier 4k: for the pixels whose windows lie inside the input,
 * an assembly block sums eight (or four) output channels of one input
 * channel per tap: the input byte as a scalar times the weights widened
 * to 32 bits (VMLA). Border pixels, in C, sum only the taps inside the
 * input with -in_zp added to each input, as TFLM does.
 *
 * Scratch layout (mote_depthwise_conv2d_s8_mve_scratch_size), depth
 * multiplier 1: base, requantization table (two int32 per channel) and
 * accumulators, channels rounded up to eight; tap offsets (inside and
 * border pixel) and weight pointers, three per pass; the padding row and
 * the zero row (in_c bytes each, rounded up). Depth multiplier 4k: base,
 * zeros (the start of a border pixel's sums without bias), tap offsets.
 */
#include "kernels/arm_mve/kernels_mve.h"

#include "kernels/arm_mve/mve_common.h"
#include "kernels/fixedpoint.h"

/*
 * One run of the depth-multiplier-1 assembly: `count` pixels, each taking
 * every pass. Word offsets are part of the assembly's contract.
 */
typedef struct dw_job {
	const int8_t *pix; /* 0: input address of the current pixel */
	int8_t *out; /* 4: its output */
	int32_t count; /* 8: pixels left in the run, >= 1 */
	int32_t pix_step; /* 12: input bytes from one pixel to the next */
	int32_t n; /* 16: channels the assembly computes (even) */
	const int32_t *offs; /* 20: 3 * passes tap offsets from pix */
	const int8_t *const *w; /* 24: 3 * passes weight rows */
	int32_t passes; /* 28: passes, >= 1 */
	const int32_t *base; /* 32: base, even/odd order */
	int32_t *acc; /* 36: accumulators between passes */
	const int32_t *tab; /* 40: requantization table */
	int32_t zp; /* 44: output zero point */
	int32_t lohi; /* 48: act_min in the low, act_max in the high half */
	const int32_t *cur_offs; /* 52: working copies */
	const int8_t *const *cur_w; /* 56 */
	int32_t left; /* 60: middle passes left */
	const int32_t *src; /* 64: accumulators the next pass reads */
	int32_t out_step; /* 68: output bytes per pixel */
} dw_job;

/*
 * Assembly pieces. Registers: tap inputs r0-r2, tap weights r3-r5 (the
 * widening loads and narrowing stores need r0-r7), the accumulators read
 * at r8, written (or the output) at r6, table r9,
 * zero point r10, scratch r11, the job r12, loop count lr; q0/q1 even and
 * odd sums, q5/q6 clamp bounds.
 */
#define DW_TAP(x, w)                                                           \
	"vldrb.s16	q2, [" x "], #8\n\t"                                   \
	"vldrb.s16	q3, [" w "], #8\n\t"                                   \
	"vmullb.s16	q4, q2, q3\n\t"                                        \
	"vadd.i32	q0, q0, q4\n\t"                                        \
	"vmullt.s16	q4, q2, q3\n\t"                                        \
	"vadd.i32	q1, q1, q4\n\t"

/* Points r0-r5 at the three taps of the next pass, r8 at its source. */
#define DW_PASS_SETUP                                                          \
	"ldr	r11, [r12, #0]\n\t"                                            \
	"ldr	r10, [r12, #52]\n\t"                                           \
	"ldm	r10!, {r0, r1, r2}\n\t"                                        \
	"str	r10, [r12, #52]\n\t"                                           \
	"add	r0, r0, r11\n\t"                                               \
	"add	r1, r1, r11\n\t"                                               \
	"add	r2, r2, r11\n\t"                                               \
	"ldr	r10, [r12, #56]\n\t"                                           \
	"ldm	r10!, {r3, r4, r5}\n\t"                                        \
	"str	r10, [r12, #56]\n\t"                                           \
	"ldr	r8, [r12, #64]\n\t"

/* A middle pass over the channels: sums from r8 (base or accumulators),
 * three taps, sums to r6. */
#define DW_LOOP_MID(L)                                                         \
	"ldr	lr, [r12, #16]\n\t"                                            \
	"dlstp.16	lr, lr\n" L ":\n\t"                                     \
	"vldrw.32	q0, [r8], #16\n\t"                                     \
	"vldrw.32	q1, [r8], #16\n\t" DW_TAP("r0", "r3")                  \
		DW_TAP("r1", "r4") DW_TAP("r2", "r5")                          \
	"vstrw.32	q0, [r6], #16\n\t"                                     \
	"vstrw.32	q1, [r6], #16\n\t"                                     \
	"letp	lr, " L "b\n\t"

/* The last pass: sums from r8, three taps, REQUANT of q0 (even) and q1
 * (odd) from the table at r9, zero point r10, narrow, clamp, store at r6. */
#define DW_LOOP_LAST(L, REQUANT)                                               \
	"ldr	lr, [r12, #16]\n\t"                                            \
	"dlstp.16	lr, lr\n" L ":\n\t"                                     \
	"vldrw.32	q0, [r8], #16\n\t"                                     \
	"vldrw.32	q1, [r8], #16\n\t" DW_TAP("r0", "r3")                  \
		DW_TAP("r1", "r4") DW_TAP("r2", "r5") REQUANT                  \
	"vadd.i32	q0, q0, r10\n\t"                                       \
	"vadd.i32	q1, q1, r10\n\t"                                       \
	"vqmovnb.s32	q2, q0\n\t"                                            \
	"vqmovnt.s32	q2, q1\n\t"                                            \
	"vmax.s16	q2, q2, q5\n\t"                                        \
	"vmin.s16	q2, q2, q6\n\t"                                        \
	"vstrb.16	q2, [r6], #8\n\t"                                      \
	"letp	lr, " L "b\n\t"

/* Clamp bounds into q5/q6 (int16 lanes). */
#define DW_BOUNDS                                                              \
	"ldr	r11, [r12, #48]\n\t"                                           \
	"vdup.16	q5, r11\n\t"                                           \
	"asr	r11, r11, #16\n\t"                                             \
	"vdup.16	q6, r11\n"

/* Steps to the next pixel of the run; loops back to label 1. */
#define DW_NEXT_PIXEL                                                          \
	"ldr	lr, [r12, #0]\n\t"                                             \
	"ldr	r11, [r12, #12]\n\t"                                           \
	"add	lr, lr, r11\n\t"                                               \
	"str	lr, [r12, #0]\n\t"                                             \
	"ldr	lr, [r12, #4]\n\t"                                             \
	"ldr	r11, [r12, #68]\n\t"                                           \
	"add	lr, lr, r11\n\t"                                               \
	"str	lr, [r12, #4]\n\t"                                             \
	"ldr	lr, [r12, #8]\n\t"                                             \
	"subs	lr, lr, #1\n\t"                                                \
	"str	lr, [r12, #8]\n\t"                                             \
	"bne	1b\n"

/* The last pass's registers: output r6, table r9, zero point r10. */
#define DW_LAST_SETUP                                                          \
	"ldr	r6, [r12, #4]\n\t"                                             \
	"ldr	r9, [r12, #40]\n\t"                                            \
	"ldr	r10, [r12, #44]\n\t"

/* Any number of passes: a pass loop, the tap tables walked through the
 * job's working copies. */
#define DW_RUN(REQUANT)                                                        \
	DW_BOUNDS "1:\n\t"                                                     \
	"ldr	lr, [r12, #20]\n\t"                                            \
	"str	lr, [r12, #52]\n\t"                                            \
	"ldr	lr, [r12, #24]\n\t"                                            \
	"str	lr, [r12, #56]\n\t"                                            \
	"ldr	lr, [r12, #32]\n\t"                                            \
	"str	lr, [r12, #64]\n\t"                                            \
	"ldr	lr, [r12, #28]\n\t"                                            \
	"subs	lr, lr, #1\n\t"                                                \
	"str	lr, [r12, #60]\n\t"                                            \
	"beq	3f\n"                                                           \
	"2:\n\t" DW_PASS_SETUP "ldr	r6, [r12, #36]\n\t"                    \
	"str	r6, [r12, #64]\n\t" DW_LOOP_MID("4")                           \
	"ldr	lr, [r12, #60]\n\t"                                            \
	"subs	lr, lr, #1\n\t"                                                \
	"str	lr, [r12, #60]\n\t"                                            \
	"bne	2b\n"                                                           \
	"3:\n\t" DW_PASS_SETUP DW_LAST_SETUP DW_LOOP_LAST("5", REQUANT)        \
		DW_NEXT_PIXEL

/*
 * Three taps of a 3x3 pass: r0-r2 at the pixel plus the next three
 * offsets (walked by r10), r3-r5 the next three weight rows (walked by
 * r9); r11 holds the pixel.
 */
#define DW3_TAPS                                                               \
	"ldm	r10!, {r0, r1, r2}\n\t"                                        \
	"add	r0, r0, r11\n\t"                                               \
	"add	r1, r1, r11\n\t"                                               \
	"add	r2, r2, r11\n\t"                                               \
	"ldm	r9!, {r3, r4, r5}\n\t"

/* A 3x3 filter: its three passes (the filter rows) unrolled, no filler
 * taps and no pass bookkeeping; the middle pass updates the accumulators
 * in place. The pass loops leave r9-r11 alone. */
#define DW_RUN3(REQUANT)                                                       \
	DW_BOUNDS "1:\n\t"                                                     \
	"ldr	r11, [r12, #0]\n\t"                                            \
	"ldr	r10, [r12, #20]\n\t"                                           \
	"ldr	r9, [r12, #24]\n\t" DW3_TAPS                                   \
	"ldr	r8, [r12, #32]\n\t"                                            \
	"ldr	r6, [r12, #36]\n\t" DW_LOOP_MID("4") DW3_TAPS                  \
	"ldr	r8, [r12, #36]\n\t"                                            \
	"mov	r6, r8\n\t" DW_LOOP_MID("5") DW3_TAPS                          \
	"ldr	r8, [r12, #36]\n\t" DW_LAST_SETUP DW_LOOP_LAST("6", REQUANT)   \
		DW_NEXT_PIXEL

/*
 * Requantization of q0, then q1: per block of eight channels the table
 * holds multipliers even, shifts even, multipliers odd, shifts odd, the
 * shifts clamped to [-31, 31] as mote_mul_by_quant_mult() clamps them.
 * Without left shifts (every shift <= 0) a shift is the VRSHL amount.
 */
#define DW_REQUANT_HALF(q)                                                     \
	"vldrw.32	q2, [r9], #16\n\t"                                     \
	"vldrw.32	q3, [r9], #16\n\t"                                     \
	"vqrdmulh.s32	" q ", " q ", q2\n\t"                                  \
	"vand	q4, " q ", q3\n\t"                                             \
	"vshr.s32	q4, q4, #31\n\t"                                       \
	"vqadd.s32	" q ", " q ", q4\n\t"                                  \
	"vrshl.s32	" q ", " q ", q3\n\t"

/* With left shifts: max(shift, 0) left first, then min(shift, 0). */
#define DW_REQUANT_HALF_L(q)                                                   \
	"vldrw.32	q2, [r9], #16\n\t"                                     \
	"vldrw.32	q3, [r9], #16\n\t"                                     \
	"vmov.i32	q4, #0\n\t"                                            \
	"vmax.s32	q4, q3, q4\n\t"                                        \
	"vshl.s32	" q ", " q ", q4\n\t"                                  \
	"vmov.i32	q4, #0\n\t"                                            \
	"vmin.s32	q3, q3, q4\n\t"                                        \
	"vqrdmulh.s32	" q ", " q ", q2\n\t"                                  \
	"vand	q4, " q ", q3\n\t"                                             \
	"vshr.s32	q4, q4, #31\n\t"                                       \
	"vqadd.s32	" q ", " q ", q4\n\t"                                  \
	"vrshl.s32	" q ", " q ", q3\n\t"

#define DW_CLOBBERS                                                            \
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r11",    \
		"lr", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "memory", "cc"

_Static_assert(offsetof(dw_job, out_step) == 68, "dw_job layout");

static void dw_run(dw_job *j)
{
	register dw_job *job __asm__("r12") = j;

	__asm__ volatile(DW_RUN(DW_REQUANT_HALF("q0") DW_REQUANT_HALF("q1"))
			 :
			 : "r"(job)
			 : DW_CLOBBERS);
}

static void dw_run_left(dw_job *j)
{
	register dw_job *job __asm__("r12") = j;

	__asm__ volatile(DW_RUN(DW_REQUANT_HALF_L("q0")
					DW_REQUANT_HALF_L("q1"))
			 :
			 : "r"(job)
			 : DW_CLOBBERS);
}

static void dw_run3(dw_job *j)
{
	register dw_job *job __asm__("r12") = j;

	__asm__ volatile(DW_RUN3(DW_REQUANT_HALF("q0") DW_REQUANT_HALF("q1"))
			 :
			 : "r"(job)
			 : DW_CLOBBERS);
}

static void dw_run3_left(dw_job *j)
{
	register dw_job *job __asm__("r12") = j;

	__asm__ volatile(DW_RUN3(DW_REQUANT_HALF_L("q0")
					 DW_REQUANT_HALF_L("q1"))
			 :
			 : "r"(job)
			 : DW_CLOBBERS);
}

/*
 * One run of the depth-multiplier-4k assembly: `count` pixels whose
 * windows lie inside the input, the output channels of one input channel
 * ic, eight (or four) at a time. Word offsets are part of the assembly's
 * contract.
 */
typedef struct dm4_job {
	const int8_t *pix; /* 0: input address of the pixel, plus ic */
	int8_t *out; /* 4: its output at channel ic * depth_mult */
	int32_t count; /* 8: pixels left in the run, >= 1 */
	int32_t pix_step; /* 12: input bytes from one pixel to the next */
	const int32_t *offs; /* 16: tap offsets from pix */
	int32_t taps; /* 20: taps, >= 1 */
	const int8_t *w; /* 24: weights of tap 0 at channel ic * dm */
	int32_t out_c; /* 28: bytes between the taps' weights and between
			  the pixels' outputs */
	int32_t groups; /* 32: groups of eight (or four) channels */
	const int32_t *base; /* 36: base at channel ic * dm */
	const int32_t *mult; /* 40: multipliers at channel ic * dm */
	const int32_t *shift; /* 44: shifts at channel ic * dm */
	int32_t zp; /* 48: output zero point */
	int32_t lo; /* 52: act_min */
	int32_t hi; /* 56: act_max */
	int32_t rewind; /* 60: taps * out_c - group width: back from
			   past the last tap to the next group */
} dm4_job;

_Static_assert(offsetof(dm4_job, rewind) == 60, "dm4_job layout");

/*
 * Registers: pixel r0, tap offsets r1, weights r2, out_c r3, input value
 * r4, scratch r5, output r6, base r8, multipliers r9, shifts r10, groups
 * left r11, the job r12, taps left lr; sums q0 (q1), q4 = -31, q5/q6
 * bounds. Per tap: the offset, the input byte (a scalar), one or two
 * quads of weights widened to 32 bits, VMLA by the scalar.
 */
#define DM4_REQUANT(q)                                                         \
	"vldrw.u32	q2, [r10], #16\n\t"                                    \
	"vmov.i32	q3, #0\n\t"                                            \
	"vmax.s32	q7, q2, q3\n\t"                                        \
	"vmin.s32	q2, q2, q3\n\t"                                        \
	"vmax.s32	q2, q2, q4\n\t"                                        \
	"vmov.i32	q3, #31\n\t"                                           \
	"vmin.s32	q7, q7, q3\n\t"                                        \
	"vldrw.u32	q3, [r9], #16\n\t"                                     \
	"vshl.s32	" q ", " q ", q7\n\t"                                  \
	"vqrdmulh.s32	" q ", " q ", q3\n\t"                                  \
	"vand	q3, " q ", q2\n\t"                                             \
	"vshr.s32	q3, q3, #31\n\t"                                       \
	"vqadd.s32	" q ", " q ", q3\n\t"                                  \
	"vrshl.s32	" q ", " q ", q2\n\t"                                  \
	"vadd.i32	" q ", " q ", r4\n\t"                                  \
	"vmax.s32	" q ", " q ", q5\n\t"                                  \
	"vmin.s32	" q ", " q ", q6\n\t"                                  \
	"vstrb.32	" q ", [r6], #4\n\t"

#define DM4_RUN(INIT, MLA, REQUANT)                                            \
	"vmvn.i32	q4, #30\n\t"                                           \
	"ldr	r11, [r12, #52]\n\t"                                           \
	"vdup.32	q5, r11\n\t"                                           \
	"ldr	r11, [r12, #56]\n\t"                                           \
	"vdup.32	q6, r11\n\t"                                           \
	"ldr	r3, [r12, #28]\n"                                               \
	"1:\n\t"                                                               \
	"ldr	r0, [r12, #0]\n\t"                                             \
	"ldr	r2, [r12, #24]\n\t"                                            \
	"ldr	r6, [r12, #4]\n\t"                                             \
	"ldr	r8, [r12, #36]\n\t"                                            \
	"ldr	r9, [r12, #40]\n\t"                                            \
	"ldr	r10, [r12, #44]\n\t"                                           \
	"ldr	r11, [r12, #32]\n"                                              \
	"2:\n\t" INIT "ldr	r1, [r12, #16]\n\t"                            \
	"ldr	lr, [r12, #20]\n\t"                                            \
	"dls	lr, lr\n"                                                       \
	"3:\n\t"                                                               \
	"ldr	r5, [r1], #4\n\t"                                              \
	"ldrsb	r4, [r0, r5]\n\t" MLA "add	r2, r2, r3\n\t"               \
	"le	lr, 3b\n\t"                                                    \
	"ldr	r5, [r12, #60]\n\t"                                            \
	"sub	r2, r2, r5\n\t"                                                \
	"ldr	r4, [r12, #48]\n\t" REQUANT                                    \
	"subs	r11, r11, #1\n\t"                                              \
	"bne	2b\n\t"                                                        \
	"ldr	r0, [r12, #0]\n\t"                                             \
	"ldr	r5, [r12, #12]\n\t"                                            \
	"add	r0, r0, r5\n\t"                                                \
	"str	r0, [r12, #0]\n\t"                                             \
	"ldr	r6, [r12, #4]\n\t"                                             \
	"add	r6, r6, r3\n\t"                                                \
	"str	r6, [r12, #4]\n\t"                                             \
	"ldr	lr, [r12, #8]\n\t"                                             \
	"subs	lr, lr, #1\n\t"                                                \
	"str	lr, [r12, #8]\n\t"                                             \
	"bne	1b\n"

#define DM4_CLOBBERS                                                           \
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r11",    \
		"lr", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "memory", \
		"cc"

/* Eight channels per group. */
static void dm4_run8(dm4_job *j)
{
	register dm4_job *job __asm__("r12") = j;

	__asm__ volatile(
		DM4_RUN("vldrw.u32	q0, [r8], #16\n\t"
			"vldrw.u32	q1, [r8], #16\n\t",
			"vldrb.s32	q2, [r2]\n\t"
			"vldrb.s32	q3, [r2, #4]\n\t"
			"vmla.s32	q0, q2, r4\n\t"
			"vmla.s32	q1, q3, r4\n\t",
			DM4_REQUANT("q0") DM4_REQUANT("q1"))
		:
		: "r"(job)
		: DM4_CLOBBERS);
}

/* Four channels per group. */
static void dm4_run4(dm4_job *j)
{
	register dm4_job *job __asm__("r12") = j;

	__asm__ volatile(
		DM4_RUN("vldrw.u32	q0, [r8], #16\n\t",
			"vldrb.s32	q2, [r2]\n\t"
			"vmla.s32	q0, q2, r4\n\t",
			DM4_REQUANT("q0"))
		:
		: "r"(job)
		: DM4_CLOBBERS);
}

/* The parts of the scratch buffer and the per-call state. */
typedef struct dw_bufs {
	int32_t *base; /* bias - in_zp * sum of taps, per channel */
	int32_t *tab; /* requantization table (depth multiplier 1) */
	int32_t *acc; /* even/odd accumulators between passes */
	int32_t *offs; /* tap offsets of inside pixels */
	int32_t *border; /* tap offsets of the current border pixel */
	const int8_t **w; /* weight row of each tap */
	int8_t *pad_row; /* in_c bytes of in_zp */
	int8_t *zero_row; /* in_c zero weights (filler taps) */
	bool left; /* some channel shifts left */
	bool three; /* 3x3 filter through the unrolled passes */
} dw_bufs;

/* Rounds up to a multiple of 16 bytes. */
static size_t up16(size_t n)
{
	return (n + 15u) & ~(size_t)15u;
}

/* Passes of three taps. */
static int32_t passes(const mote_depthwise_conv2d_params *p)
{
	return (p->filter_h * p->filter_w + 2) / 3;
}

/* Channels rounded up to a block of eight. */
static size_t blocks8(const mote_depthwise_conv2d_params *p)
{
	return ((size_t)p->out_c + 7u) & ~(size_t)7u;
}

size_t mote_depthwise_conv2d_s8_mve_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	size_t len = blocks8(p);
	size_t taps = 3u * (size_t)passes(p);

	if (p->depth_mult != 1)
		return 2u * len * sizeof(int32_t) +
		       up16((size_t)p->filter_h * p->filter_w *
			    sizeof(int32_t));
	return len * 4u * sizeof(int32_t) +
	       up16(2u * taps * sizeof(int32_t)) +
	       up16(taps * sizeof(void *)) + 2u * up16((size_t)p->in_c + 8u);
}

size_t mote_depthwise_conv2d_s8_3x3_mve_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	return mote_depthwise_conv2d_s8_mve_scratch_size(p);
}

/* Splits the scratch buffer of the depth-multiplier-1 kernel. */
static void split(const mote_depthwise_conv2d_params *p, void *scratch,
		  dw_bufs *bf)
{
	size_t len = blocks8(p);
	size_t taps = 3u * (size_t)passes(p);
	uint8_t *s = scratch;

	bf->base = (int32_t *)s;
	bf->tab = bf->base + len;
	bf->acc = bf->tab + 2u * len;
	bf->offs = bf->acc + len;
	bf->border = bf->offs + taps;
	s += len * 4u * sizeof(int32_t) + up16(2u * taps * sizeof(int32_t));
	bf->w = (const int8_t **)s;
	s += up16(taps * sizeof(void *));
	bf->pad_row = (int8_t *)s;
	s += up16((size_t)p->in_c + 8u);
	bf->zero_row = (int8_t *)s;
}

/* Position of channel c in the even/odd order of blocks of eight. */
static int32_t eo_index(int32_t c)
{
	return (c & ~7) + (c & 1) * 4 + (c & 7) / 2;
}

/*
 * The even/odd requantization table: per block of eight channels, for the
 * even then the odd half, multipliers and shifts clamped to [-31, 31]
 * (four lanes each).
 */
static void eo_table(const mote_depthwise_conv2d_params *p, dw_bufs *bf)
{
	int32_t len = (int32_t)blocks8(p);
	int32_t c;

	for (c = 0; c < len; c++) {
		int32_t s = c < p->out_c ? p->shift[c] : 0;
		int32_t *t = bf->tab + (c & ~7) * 2 + (c & 1) * 8 + (c & 7) / 2;
		t[0] = c < p->out_c ? p->mult[c] : 0;
		t[4] = s < -31 ? -31 : (s > 31 ? 31 : s);
	}
}

/* base = bias - in_zp * (sum of the taps), per channel, in even/odd
 * order (`eo`) or channel order. */
static void fill_base(const mote_depthwise_conv2d_params *p,
		      const int8_t *filter, const int32_t *bias, bool eo,
		      int32_t *base)
{
	int32_t taps = p->filter_h * p->filter_w;
	uint32_t off = (uint32_t)-p->in_zp;
	int32_t c, t;

	for (c = 0; c < (int32_t)blocks8(p); c++)
		base[c] = 0;
	for (c = 0; c < p->out_c; c++) {
		uint32_t s = 0;
		for (t = 0; t < taps; t++)
			s += (uint32_t)filter[(size_t)t * p->out_c + c];
		base[eo ? eo_index(c) : c] =
			(int32_t)(s * off +
				  (bias != NULL ? (uint32_t)bias[c] : 0u));
	}
}

/* Fills the per-call tables of the depth-multiplier-1 kernel. */
static void prepare(const mote_depthwise_conv2d_params *p,
		    const int8_t *filter, const int32_t *bias, dw_bufs *bf)
{
	int32_t taps = p->filter_h * p->filter_w;
	int32_t t;

	mote__mve_fill(bf->pad_row, (int8_t)p->in_zp, p->in_c);
	mote__mve_fill(bf->zero_row, 0, p->in_c);
	fill_base(p, filter, bias, true, bf->base);
	bf->left = mote__mve_any_left(p->shift, p->out_c);
	eo_table(p, bf);
	/* Filler taps of the last pass: the pixel itself, zero weights. */
	for (t = 0; t < 3 * passes(p); t++) {
		bf->w[t] = t < taps ? filter + (size_t)t * p->out_c
				    : bf->zero_row;
		bf->offs[t] = 0;
	}
	for (t = 0; t < taps; t++) {
		int32_t fy = t / p->filter_w, fx = t % p->filter_w;
		bf->offs[t] = (fy * p->dilation_h * p->in_w +
			       fx * p->dilation_w) *
			      p->in_c;
	}
}

/*
 * Tap offsets of the pixel at input origin (iy0, ix0), whose input address
 * is pix: taps in the padding point at the padding row.
 */
static void border_offsets(const mote_depthwise_conv2d_params *p,
			   const dw_bufs *bf, const int8_t *pix, int32_t iy0,
			   int32_t ix0)
{
	int32_t pad = (int32_t)((intptr_t)bf->pad_row - (intptr_t)pix);
	int32_t taps = p->filter_h * p->filter_w;
	int32_t t;

	for (t = 0; t < taps; t++) {
		int32_t iy = iy0 + t / p->filter_w * p->dilation_h;
		int32_t ix = ix0 + t % p->filter_w * p->dilation_w;
		bool in = iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w;
		bf->border[t] = in ? bf->offs[t] : pad;
	}
	/* Filler taps (zero weights) read the padding row: a border pixel's
	 * own address may lie outside the input. */
	for (; t < 3 * passes(p); t++)
		bf->border[t] = pad;
}

/* Output columns [*x0, *x1) whose windows lie inside the input columns. */
static void inside_cols(const mote_depthwise_conv2d_params *p, int32_t *x0,
			int32_t *x1)
{
	int32_t span = (p->filter_w - 1) * p->dilation_w;
	int32_t lo = (p->pad_w + p->stride_w - 1) / p->stride_w;
	int32_t hi = p->in_w - 1 - span + p->pad_w;

	hi = hi < 0 ? 0 : hi / p->stride_w + 1;
	*x0 = lo < p->out_w ? lo : p->out_w;
	*x1 = hi < *x0 ? *x0 : (hi < p->out_w ? hi : p->out_w);
}

/*
 * The last channel of an odd channel count, one pixel: in a loop
 * tail-predicated on 16-bit elements an odd remainder would predicate
 * half of a 32-bit lane, so the assembly stops at the even count.
 */
static void odd_channel(const mote_depthwise_conv2d_params *p,
			const dw_bufs *bf, const int8_t *filter,
			const int8_t *pix, const int32_t *offs, int8_t *out)
{
	int32_t c = p->out_c - 1;
	int32_t taps = p->filter_h * p->filter_w;
	uint32_t acc = (uint32_t)bf->base[eo_index(c)];
	int32_t t, v;

	for (t = 0; t < taps; t++)
		acc += (uint32_t)(filter[(size_t)t * p->out_c + c] *
				  pix[offs[t] + c]);
	v = mote_mul_by_quant_mult((int32_t)acc, p->mult[c], p->shift[c]);
	v = (int32_t)((uint32_t)v + (uint32_t)p->out_zp);
	out[c] = (int8_t)mote_clamp_i32(v, p->act_min, p->act_max);
}

/*
 * Runs `count` pixels from input column ix0 of `row` (an address computed
 * without forming an out-of-range pointer; only taps inside the input are
 * read through it).
 */
static void run(const mote_depthwise_conv2d_params *p, const dw_bufs *bf,
		dw_job *j, const int8_t *filter, uintptr_t row, int32_t ix0,
		int32_t count, int8_t *out, const int32_t *offs)
{
	const int8_t *pix =
		(const int8_t *)(row + (uintptr_t)((intptr_t)ix0 * p->in_c));
	int32_t i;

	j->pix = pix;
	j->out = out;
	j->count = count;
	j->offs = offs;
	if (j->n > 0 && bf->three && bf->left)
		dw_run3_left(j);
	else if (j->n > 0 && bf->three)
		dw_run3(j);
	else if (j->n > 0 && bf->left)
		dw_run_left(j);
	else if (j->n > 0)
		dw_run(j);
	if (p->out_c % 2 == 0)
		return;
	for (i = 0; i < count; i++)
		odd_channel(p, bf, filter, pix + (ptrdiff_t)i * j->pix_step,
			    offs, out + (size_t)i * p->out_c);
}

/* One output row of the depth-multiplier-1 kernel. */
static void row_dm1(const mote_depthwise_conv2d_params *p, dw_bufs *bf,
		    dw_job *j, const int8_t *filter, const int8_t *in_b,
		    int32_t oy, int8_t *out)
{
	int32_t iy0 = oy * p->stride_h - p->pad_h;
	uintptr_t row = (uintptr_t)in_b +
			(uintptr_t)((intptr_t)iy0 * p->in_w * p->in_c);
	bool rows_in = iy0 >= 0 &&
		       iy0 + (p->filter_h - 1) * p->dilation_h < p->in_h;
	int32_t x0 = 0, x1 = 0, ox;

	if (rows_in)
		inside_cols(p, &x0, &x1);
	if (x1 > x0)
		run(p, bf, j, filter, row, x0 * p->stride_w - p->pad_w,
		    x1 - x0, out + (size_t)x0 * p->out_c, bf->offs);
	for (ox = 0; ox < p->out_w; ox++) {
		int32_t ix0 = ox * p->stride_w - p->pad_w;
		if (ox == x0 && x1 > x0) {
			ox = x1 - 1;
			continue;
		}
		border_offsets(p, bf,
			       (const int8_t *)(row + (uintptr_t)((intptr_t)ix0 *
								 p->in_c)),
			       iy0, ix0);
		run(p, bf, j, filter, row, ix0, 1, out + (size_t)ox * p->out_c,
		    bf->border);
	}
}

/*
 * Depth multiplier 4k, one pixel, NQ (1 or 2) quads of output channels
 * [c, c + 4 * NQ) of input channel ic: from `init` (base inside the input,
 * else the bias), the taps inside the input [fy0, fy1) x [fx0, fx1) each
 * add weights times (input + off) as a scalar (VMLA); off is 0 inside (the
 * base holds -in_zp * all taps) and -in_zp on the border, as TFLM.
 */
static inline void dm4_quads(const mote_depthwise_conv2d_params *p,
			     const int8_t *filter, const int32_t *init,
			     const int8_t *in_b, int32_t iy0, int32_t ix0,
			     const int32_t *range, int32_t off, int32_t ic,
			     int32_t c, int32_t nq, int8_t *out)
{
	int32x4_t acc0 = vldrwq_s32(init + c);
	int32x4_t acc1 = nq > 1 ? vldrwq_s32(init + c + 4) : acc0;
	mote__mve_quant q = { p->mult, p->shift, true, true, p->out_zp,
			      p->act_min, p->act_max };
	int32_t fy, fx;

	for (fy = range[0]; fy < range[1]; fy++) {
		int32_t iy = iy0 + fy * p->dilation_h;
		const int8_t *x = in_b + (size_t)iy * p->in_w * p->in_c + ic;
		const int8_t *w = filter + (size_t)fy * p->filter_w * p->out_c + c;
		for (fx = range[2]; fx < range[3]; fx++) {
			int32_t ix = ix0 + fx * p->dilation_w;
			int32_t v = x[(size_t)ix * p->in_c] + off;
			const int8_t *wt = w + (size_t)fx * p->out_c;
			acc0 = vmlaq_n_s32(acc0, vldrbq_s32(wt), v);
			if (nq > 1)
				acc1 = vmlaq_n_s32(acc1, vldrbq_s32(wt + 4), v);
		}
	}
	vstrbq_s32(out + c, mote__mve_requant_q(&q, acc0, vldrwq_s32(p->mult + c),
						vldrwq_s32(p->shift + c)));
	if (nq > 1)
		vstrbq_s32(out + c + 4,
			   mote__mve_requant_q(&q, acc1,
					       vldrwq_s32(p->mult + c + 4),
					       vldrwq_s32(p->shift + c + 4)));
}

/* All channels of the pixel at input origin (iy0, ix0), depth multiplier
 * 4k. `base` is the scratch buffer (channel order). */
static void pixel_dm4(const mote_depthwise_conv2d_params *p,
		      const int8_t *filter, const int32_t *bias,
		      const int32_t *base, const int32_t *zeros,
		      const int8_t *in_b, int32_t iy0, int32_t ix0,
		      int8_t *out)
{
	int32_t dm = p->depth_mult;
	int32_t range[4];
	const int32_t *init;
	bool inside;
	int32_t ic, c;

	mote__tap_range(iy0, p->filter_h, p->dilation_h, p->in_h, &range[0],
			&range[1]);
	mote__tap_range(ix0, p->filter_w, p->dilation_w, p->in_w, &range[2],
			&range[3]);
	inside = range[0] == 0 && range[1] == p->filter_h && range[2] == 0 &&
		 range[3] == p->filter_w;
	init = inside ? base : (bias != NULL ? bias : zeros);
	for (ic = 0; ic < p->in_c; ic++) {
		int32_t off = inside ? 0 : -p->in_zp;
		for (c = ic * dm; c + 8 <= (ic + 1) * dm; c += 8)
			dm4_quads(p, filter, init, in_b, iy0, ix0, range, off,
				  ic, c, 2, out);
		if (c < (ic + 1) * dm)
			dm4_quads(p, filter, init, in_b, iy0, ix0, range, off,
				  ic, c, 1, out);
	}
}

static void dw(const mote_depthwise_conv2d_params *p, const int8_t *in,
	       const int8_t *filter, const int32_t *bias, int8_t *out,
	       void *scratch, bool three)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	size_t out_row = (size_t)p->out_w * p->out_c;
	int32_t b, oy;
	dw_bufs bf;
	dw_job j;

	split(p, scratch, &bf);
	prepare(p, filter, bias, &bf);
	bf.three = three;
	j.pix_step = p->stride_w * p->in_c;
	j.n = p->out_c & ~1;
	j.out_step = p->out_c;
	j.w = bf.w;
	j.passes = passes(p);
	j.base = bf.base;
	j.acc = bf.acc;
	j.tab = bf.tab;
	j.zp = p->out_zp;
	j.lohi = (int32_t)(((uint32_t)p->act_max << 16) |
			   ((uint32_t)p->act_min & 0xFFFFu));
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++, out += out_row)
			row_dm1(p, &bf, &j, filter, in_b, oy, out);
	}
}

/* One output row of the depth-multiplier-4k kernel (j holds the fields
 * that do not change per row). */
static void row_dm4(const mote_depthwise_conv2d_params *p, dm4_job *j,
		    const int8_t *filter, const int32_t *bias,
		    const int32_t *base, const int32_t *zeros,
		    const int8_t *in_b, int32_t oy, int8_t *out)
{
	int32_t iy0 = oy * p->stride_h - p->pad_h;
	bool rows_in = iy0 >= 0 &&
		       iy0 + (p->filter_h - 1) * p->dilation_h < p->in_h;
	int32_t dm = p->depth_mult;
	int32_t x0 = 0, x1 = 0, ox, ic;

	if (rows_in)
		inside_cols(p, &x0, &x1);
	for (ic = 0; ic < p->in_c && x1 > x0; ic++) {
		int32_t c = ic * dm;
		j->pix = in_b +
			 ((size_t)iy0 * p->in_w +
			  (size_t)(x0 * p->stride_w - p->pad_w)) *
				 p->in_c +
			 ic;
		j->out = out + (size_t)x0 * p->out_c + c;
		j->count = x1 - x0;
		j->w = filter + c;
		j->base = base + c;
		j->mult = p->mult + c;
		j->shift = p->shift + c;
		if (dm % 8 == 0)
			dm4_run8(j);
		else
			dm4_run4(j);
	}
	for (ox = 0; ox < p->out_w; ox++) {
		if (ox == x0 && x1 > x0) {
			ox = x1 - 1;
			continue;
		}
		pixel_dm4(p, filter, bias, base, zeros, in_b, iy0,
			  ox * p->stride_w - p->pad_w,
			  out + (size_t)ox * p->out_c);
	}
}

/*
 * Depth multiplier 4k: the scratch buffer holds base (channel order),
 * zeros that start a border pixel's sums when there is no bias, and the
 * tap offsets. Pixels whose windows lie inside the input run in the
 * assembly, a row at a time per input channel; border pixels in C.
 */
static void dw_dm4(const mote_depthwise_conv2d_params *p, const int8_t *in,
		   const int8_t *filter, const int32_t *bias, int8_t *out,
		   void *scratch)
{
	size_t in_image = (size_t)p->in_h * p->in_w * p->in_c;
	size_t out_row = (size_t)p->out_w * p->out_c;
	int32_t taps = p->filter_h * p->filter_w, dm = p->depth_mult;
	int32_t *base = (int32_t *)scratch;
	int32_t *zeros = base + blocks8(p);
	int32_t *offs = zeros + blocks8(p);
	int32_t b, oy, t;
	dm4_job j;

	fill_base(p, filter, bias, false, base);
	mote__mve_fill((int8_t *)zeros, 0, (int32_t)(blocks8(p) * 4u));
	for (t = 0; t < taps; t++)
		offs[t] = (t / p->filter_w * p->dilation_h * p->in_w +
			   t % p->filter_w * p->dilation_w) *
			  p->in_c;
	j.pix_step = p->stride_w * p->in_c;
	j.offs = offs;
	j.taps = taps;
	j.out_c = p->out_c;
	j.groups = dm % 8 == 0 ? dm / 8 : dm / 4;
	j.zp = p->out_zp;
	j.lo = p->act_min;
	j.hi = p->act_max;
	j.rewind = taps * p->out_c - (dm % 8 == 0 ? 8 : 4);
	for (b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (size_t)b * in_image;
		for (oy = 0; oy < p->out_h; oy++, out += out_row)
			row_dm4(p, &j, filter, bias, base, zeros, in_b, oy,
				out);
	}
}

void mote_depthwise_conv2d_s8_mve(const mote_depthwise_conv2d_params *p,
				  const int8_t *in, const int8_t *filter,
				  const int32_t *bias, int8_t *out,
				  void *scratch)
{
	if (p->depth_mult != 1)
		dw_dm4(p, in, filter, bias, out, scratch);
	else
		dw(p, in, filter, bias, out, scratch, false);
}

void mote_depthwise_conv2d_s8_3x3_mve(const mote_depthwise_conv2d_params *p,
				      const int8_t *in, const int8_t *filter,
				      const int32_t *bias, int8_t *out,
				      void *scratch)
{
	dw(p, in, filter, bias, out, scratch, true);
}
