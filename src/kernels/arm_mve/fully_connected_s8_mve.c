/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_s8_mve.c - int8 FULLY_CONNECTED for Helium (MVE): same
 * contract and results as mote_fully_connected_s8 (fully_connected.h).
 *
 * TFLM sums (w + filter_offset) * (x + in_offset) over d in int32; the
 * sum is exact modulo 2^32, so it is regrouped as
 *     sum w * x + in_offset * sum w + filter_offset * sum x
 *     + accum * filter_offset * in_offset + bias.
 * One assembly loop runs an input row against three filter rows at a
 * time: per 16 values one input load, three filter loads, three 16-way
 * multiply-accumulates (VMLADAVA) and three 16-way sums of the filter
 * values (VADDVA), tail-predicated, so any row length runs without a
 * scalar tail. The sums of the input row are taken once per row. The
 * corrected sums are requantized four channels at a time.
 *
 * Output channels run in chunks of CHUNK: the corrected sums of a chunk
 * wait in the scratch buffer (CHUNK int32, then three for the bias of a
 * partial triple and the per-tensor multiplier and shift quads) for one
 * requantization call.
 */
#include "kernels/arm_mve/kernels_mve.h"

#include "kernels/arm_mve/mve_common.h"

/*
 * One run of the assembly: an input row against `triples` triples of
 * filter rows. Word offsets are part of the assembly's contract.
 */
typedef struct fc_job {
	const int8_t *x; /* 0: input row */
	const int8_t *w; /* 4: first filter row of the next triple */
	int32_t *sums; /* 8: corrected sums, 3 per triple; advanced */
	int32_t k; /* 12: row length, >= 1 */
	int32_t step; /* 16: bytes between the rows of a triple (k, or 0
			 to run one row three times) */
	int32_t triples; /* 20: triples to run, >= 1 */
	int32_t in_offset; /* 24: multiplies the filter sums */
	int32_t row; /* 28: filter_offset * sum x + accum * both offsets */
	const int32_t *bias; /* 32: bias of the next triple */
	int32_t bias_step; /* 36: bytes to the next triple's bias (12, or 0
			      to reread three zeros) */
} fc_job;

_Static_assert(offsetof(fc_job, bias_step) == 36, "fc_job layout");

/*
 * Registers: dots r0, r2, r4, filter sums r6, r8, r10 (even registers for
 * VMLADAVA/VADDVA), input r1, filter rows r3, r5, r9, scratch r11, the
 * job r12, loop count lr. After a triple's loop each dot becomes
 * dot + in_offset * filter sum + row + bias, stored for requantization.
 */
static void fc_run(fc_job *j)
{
	register fc_job *job __asm__("r12") = j;

	__asm__ volatile(
		"1:\n\t"
		"ldr	r1, [r12, #0]\n\t"
		"ldr	r3, [r12, #4]\n\t"
		"ldr	r11, [r12, #16]\n\t"
		"add	r5, r3, r11\n\t"
		"add	r9, r5, r11\n\t"
		"add	r11, r9, r11\n\t"
		"str	r11, [r12, #4]\n\t"
		"movs	r0, #0\n\t"
		"movs	r2, #0\n\t"
		"movs	r4, #0\n\t"
		"movs	r6, #0\n\t"
		"mov	r8, #0\n\t"
		"mov	r10, #0\n\t"
		"ldr	lr, [r12, #12]\n\t"
		"dlstp.8	lr, lr\n"
		"2:\n\t"
		"vldrb.8	q0, [r1], #16\n\t"
		"vldrb.8	q1, [r3], #16\n\t"
		"vmladava.s8	r0, q0, q1\n\t"
		"vaddva.s8	r6, q1\n\t"
		"vldrb.8	q1, [r5], #16\n\t"
		"vmladava.s8	r2, q0, q1\n\t"
		"vaddva.s8	r8, q1\n\t"
		"vldrb.8	q1, [r9], #16\n\t"
		"vmladava.s8	r4, q0, q1\n\t"
		"vaddva.s8	r10, q1\n\t"
		"letp	lr, 2b\n\t"
		"ldr	r11, [r12, #24]\n\t"
		"mla	r0, r6, r11, r0\n\t"
		"mla	r2, r8, r11, r2\n\t"
		"mla	r4, r10, r11, r4\n\t"
		"ldr	r11, [r12, #28]\n\t"
		"add	r0, r0, r11\n\t"
		"add	r2, r2, r11\n\t"
		"add	r4, r4, r11\n\t"
		"ldr	r11, [r12, #32]\n\t"
		"ldm	r11, {r6, r8, r10}\n\t"
		"ldr	lr, [r12, #36]\n\t"
		"add	r11, r11, lr\n\t"
		"str	r11, [r12, #32]\n\t"
		"add	r0, r0, r6\n\t"
		"add	r2, r2, r8\n\t"
		"add	r4, r4, r10\n\t"
		"ldr	r11, [r12, #8]\n\t"
		"stm	r11!, {r0, r2, r4}\n\t"
		"str	r11, [r12, #8]\n\t"
		"ldr	r11, [r12, #20]\n\t"
		"subs	r11, r11, #1\n\t"
		"str	r11, [r12, #20]\n\t"
		"bne	1b\n"
		:
		: "r"(job)
		: "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10",
		  "r11", "lr", "q0", "q1", "memory", "cc");
}

/* Channels per chunk: their sums wait in the scratch buffer for one
 * requantization call. A multiple of 3 and of 4. */
enum { CHUNK = 48 };

size_t mote_fully_connected_s8_mve_scratch_size(const mote_fc_params *p)
{
	/* Sums of a chunk, a partial triple's bias, per-tensor quads. */
	(void)p;
	return (CHUNK + 4 + 8) * sizeof(int32_t);
}

/*
 * Channels [c0, c0 + n) of one input row x (n <= CHUNK): sums into `sums`,
 * then requantized into out[c0 ..]. `tail` holds three int32 for the bias
 * of a partial last triple.
 */
static void chunk(const mote_fc_params *p, fc_job *j, const int8_t *filter,
		  const int32_t *bias, const int32_t *zeros3, int32_t c0,
		  int32_t n, int32_t *sums, int32_t *tail,
		  const mote__mve_quant *q, int8_t *out)
{
	int32_t k = p->accum;
	int32_t full = n / 3 * 3;
	int32_t c;

	j->w = filter + (size_t)c0 * (size_t)k;
	j->sums = sums;
	j->step = k;
	j->triples = full / 3;
	j->bias = bias != NULL ? bias + c0 : zeros3;
	j->bias_step = bias != NULL ? 12 : 0;
	if (full > 0)
		fc_run(j);
	/* A partial last triple: each channel runs as a triple of its own
	 * (one filter row three times); only its first sum is kept. */
	j->step = 0;
	j->bias_step = 0;
	for (c = full; c < n; c++) {
		tail[0] = bias != NULL ? bias[c0 + c] : 0;
		j->w = filter + (size_t)(c0 + c) * (size_t)k;
		j->sums = sums + c;
		j->bias = tail;
		j->triples = 1;
		fc_run(j);
	}
	mote__mve_requant_row(q, sums, n, out + c0);
}

void mote_fully_connected_s8_mve(const mote_fc_params *p, const int8_t *in,
				 const int8_t *filter, const int32_t *bias,
				 int8_t *out, void *scratch)
{
	int32_t n = p->out_c, k = p->accum;
	int32_t *sums = (int32_t *)scratch;
	int32_t *tail = sums + CHUNK;
	int32_t *quad = tail + 4;
	bool per_channel = p->ch_mult != NULL;
	uint32_t fo = (uint32_t)p->filter_offset;
	uint32_t fixed = (uint32_t)k * fo * (uint32_t)p->in_offset;
	static const int32_t zeros3[3] = { 0, 0, 0 };
	mote__mve_quant q;
	int32_t b, c;

	tail[1] = 0;
	tail[2] = 0;
	for (b = 0; b < p->batches; b++) {
		const int8_t *x = in + (size_t)b * (size_t)k;
		fc_job j;
		j.x = x;
		j.k = k;
		j.in_offset = p->in_offset;
		j.row = (int32_t)(fixed + fo * (uint32_t)mote__mve_sum_s8(x, k));
		for (c = 0; c < n; c += CHUNK) {
			int32_t m = n - c < CHUNK ? n - c : CHUNK;
			mote__mve_quant_init(
				&q, per_channel ? p->ch_mult + c : &p->mult,
				per_channel ? p->ch_shift + c : &p->shift, m,
				per_channel, quad, p->out_zp, p->act_min,
				p->act_max);
			chunk(p, &j, filter, bias, zeros3, c, m, sums, tail, &q,
			      out + (size_t)b * n);
		}
	}
}
