/* SPDX-License-Identifier: Apache-2.0 */
/*
 * add_s8_mve.c - int8 ADD for Helium (MVE): same contract and results as
 * mote_add_s8 (elementwise.h), broadcasting included.
 *
 * Per element TFLM computes
 *     sx = lt1(((x + in1_offset) << left_shift), in1_mult, in1_shift)
 *     sy = the same for y with input 2's parameters
 *     out = clamp(lt1(sx + sy, out_mult, out_shift) + out_offset)
 * with lt1 = rounding_div_pot(sat_rounding_doubling_high_mul(., mult),
 * -shift) (fixedpoint.h) and the sum wrapping. Four lanes at a time this
 * is VSHL, VQRDMULH, the ties-away fix-up and VRSHL, exactly as in
 * mve_common.h. The output is walked as the reference walks it (the
 * mote_bcast runs); a run where both inputs step by one element is one
 * tail-predicated loop over both, a run where one input repeats (stride
 * 0) computes that input's rescaled value once and adds it as a scalar,
 * and any other run (not produced by broadcasting today) goes element by
 * element with the scalar arithmetic.
 */
#include "kernels/arm_mve/kernels_mve.h"

#include "kernels/fixedpoint.h"

/* Rescale of one input element (TFLite's AddElementwise input step). */
static int32_t rescale(int32_t x, int32_t offset, int32_t left_shift,
		       int32_t mult, int32_t shift)
{
	int32_t v = (int32_t)((uint32_t)(x + offset) << left_shift);

	return mote_mul_by_quant_mult_lt1(v, mult, shift);
}

/* The output step: rescale of the sum, offset, clamp. */
static int8_t finish(const mote_binary_params *p, int32_t sum)
{
	int32_t v = mote_mul_by_quant_mult_lt1(sum, p->out_mult, p->out_shift);

	return (int8_t)mote_clamp_i32(v + p->out_offset, p->act_min,
				      p->act_max);
}

/*
 * The constants and pointers of one run. Word offsets are part of the
 * assembly's contract. Input 1 is the one that steps (its side first);
 * input 2 either steps too, or is the rescaled constant `other`.
 */
typedef struct add_job {
	const int8_t *a; /* 0: input that steps by one */
	const int8_t *b; /* 4: second input that steps by one, or unused */
	int8_t *out; /* 8: output */
	int32_t n; /* 12: elements, >= 1 */
	int32_t off1; /* 16: offset of a */
	int32_t ls; /* 20: left shift of both inputs */
	int32_t m1; /* 24: multiplier of a */
	int32_t off2; /* 28: offset of b */
	int32_t m2; /* 32: multiplier of b */
	int32_t mo; /* 36: output multiplier */
	int32_t zp; /* 40: output offset */
	int32_t other; /* 44: rescaled constant input (add_vs) */
	int32_t r1; /* 48: -(right shift) of a, in [-31, 0] */
	int32_t r2; /* 52: -(right shift) of b */
	int32_t ro; /* 56: -(right shift) of the output */
	int32_t lo; /* 60: act_min */
	int32_t hi; /* 64: act_max */
} add_job;

_Static_assert(offsetof(add_job, hi) == 64, "add_job layout");

/*
 * Registers: a r0, b r1, output r2, offset/multiplier of a r3/r5, left
 * shift r4, offset/multiplier of b r6/r8, output multiplier r9, zero point
 * r10, the constant r11, the job r12, count lr; q3/q4/q5 the right shifts
 * of a, b and the output (VRSHL amounts, also the fix-up masks), q6/q7
 * the bounds.
 */
#define ADD_SETUP                                                              \
	"ldm	r12, {r0, r1, r2}\n\t"                                         \
	"ldr	r11, [r12, #48]\n\t"                                           \
	"vdup.32	q3, r11\n\t"                                           \
	"ldr	r11, [r12, #52]\n\t"                                           \
	"vdup.32	q4, r11\n\t"                                           \
	"ldr	r11, [r12, #56]\n\t"                                           \
	"vdup.32	q5, r11\n\t"                                           \
	"ldr	r11, [r12, #60]\n\t"                                           \
	"vdup.32	q6, r11\n\t"                                           \
	"ldr	r11, [r12, #64]\n\t"                                           \
	"vdup.32	q7, r11\n\t"                                           \
	"ldr	r3, [r12, #16]\n\t"                                            \
	"ldr	r4, [r12, #20]\n\t"                                            \
	"ldr	r5, [r12, #24]\n\t"                                            \
	"ldr	r6, [r12, #28]\n\t"                                            \
	"ldr	r8, [r12, #32]\n\t"                                            \
	"ldr	r9, [r12, #36]\n\t"                                            \
	"ldr	r10, [r12, #40]\n\t"                                           \
	"ldr	r11, [r12, #44]\n\t"                                           \
	"ldr	lr, [r12, #12]\n\t"                                            \
	"dlstp.32	lr, lr\n"

/* Rescale of Q: offset, left shift, multiplier, fix-up, VRSHL by RSH. */
#define ADD_RESCALE(Q, OFF, M, RSH)                                            \
	"vadd.i32	" Q ", " Q ", " OFF "\n\t"                             \
	"vshl.s32	" Q ", r4\n\t"                                         \
	"vqrdmulh.s32	" Q ", " Q ", " M "\n\t"                               \
	"vand	q2, " Q ", " RSH "\n\t"                                        \
	"vshr.s32	q2, q2, #31\n\t"                                       \
	"vqadd.s32	" Q ", " Q ", q2\n\t"                                  \
	"vrshl.s32	" Q ", " Q ", " RSH "\n\t"

/* Output step of q0 and the byte store. */
#define ADD_FINISH                                                             \
	"vqrdmulh.s32	q0, q0, r9\n\t"                                        \
	"vand	q2, q0, q5\n\t"                                                \
	"vshr.s32	q2, q2, #31\n\t"                                       \
	"vqadd.s32	q0, q0, q2\n\t"                                        \
	"vrshl.s32	q0, q0, q5\n\t"                                        \
	"vadd.i32	q0, q0, r10\n\t"                                       \
	"vmax.s32	q0, q0, q6\n\t"                                        \
	"vmin.s32	q0, q0, q7\n\t"                                        \
	"vstrb.32	q0, [r2], #4\n\t"

#define ADD_CLOBBERS                                                           \
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r11",    \
		"lr", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "memory", \
		"cc"

/* Both inputs step by one. */
static void add_vv(add_job *j)
{
	register add_job *job __asm__("r12") = j;

	__asm__ volatile(ADD_SETUP "1:\n\t"
				   "vldrb.s32	q0, [r0], #4\n\t"
				   "vldrb.s32	q1, [r1], #4\n\t" ADD_RESCALE(
					   "q0", "r3", "r5", "q3")
					   ADD_RESCALE("q1", "r6", "r8", "q4")
				   "vadd.i32	q0, q0, q1\n\t" ADD_FINISH
				   "letp	lr, 1b\n"
			 :
			 : "r"(job)
			 : ADD_CLOBBERS);
}

/* Input a steps by one; the other input is the constant `other`. */
static void add_vs(add_job *j)
{
	register add_job *job __asm__("r12") = j;

	__asm__ volatile(ADD_SETUP "1:\n\t"
				   "vldrb.s32	q0, [r0], #4\n\t" ADD_RESCALE(
					   "q0", "r3", "r5", "q3")
				   "vadd.i32	q0, q0, r11\n\t" ADD_FINISH
				   "letp	lr, 1b\n"
			 :
			 : "r"(job)
			 : ADD_CLOBBERS);
}

/* A right shift as a VRSHL amount: -min(-shift, 31), 0 for shift >= 0. */
static int32_t vrshl_amount(int32_t shift)
{
	return shift < -31 ? -31 : (shift > 0 ? 0 : shift);
}

/* One inner run of n elements; sa and sb are the inputs' strides. */
static void run(const mote_binary_params *p, const int8_t *x,
		const int8_t *y, int8_t *o, int32_t n, int32_t sa, int32_t sb)
{
	int32_t ls = p->left_shift, i;
	add_job j = { x,
		      y,
		      o,
		      n,
		      p->in1_offset,
		      ls,
		      p->in1_mult,
		      p->in2_offset,
		      p->in2_mult,
		      p->out_mult,
		      p->out_offset,
		      0,
		      vrshl_amount(p->in1_shift),
		      vrshl_amount(p->in2_shift),
		      vrshl_amount(p->out_shift),
		      p->act_min,
		      p->act_max };

	if (sa == 1 && sb == 1) {
		add_vv(&j);
		return;
	}
	if (sa == 1 && sb == 0) {
		j.other = rescale(*y, p->in2_offset, ls, p->in2_mult,
				  p->in2_shift);
		add_vs(&j);
		return;
	}
	if (sa == 0 && sb == 1) {
		/* The sum is symmetric: y takes the stepping side. */
		j.a = y;
		j.off1 = p->in2_offset;
		j.m1 = p->in2_mult;
		j.r1 = vrshl_amount(p->in2_shift);
		j.other = rescale(*x, p->in1_offset, ls, p->in1_mult,
				  p->in1_shift);
		add_vs(&j);
		return;
	}
	for (i = 0; i < n; i++) {
		int32_t u = rescale(x[i * sa], p->in1_offset, ls, p->in1_mult,
				    p->in1_shift);
		int32_t v = rescale(y[i * sb], p->in2_offset, ls, p->in2_mult,
				    p->in2_shift);
		o[i] = finish(p, mote_wrap_add(u, v));
	}
}

void mote_add_s8_mve(const mote_binary_params *p, const int8_t *a,
		     const int8_t *b, int8_t *out)
{
	const mote_bcast *bc = &p->bc;
	mote_bcast_it it;
	bool more;

	for (more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it))
		run(p, a + it.in[0], b + it.in[1], out + it.out,
		    bc->extent[0], bc->stride[0][0], bc->stride[1][0]);
}
