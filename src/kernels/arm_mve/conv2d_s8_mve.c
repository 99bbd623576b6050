/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conv2d_s8_mve.c - int8 CONV_2D for Helium (MVE): same contract and
 * results as mote_conv2d_s8 (conv2d.h), for ungrouped convolutions.
 *
 * The convolution runs as a matrix product: each output pixel is a row of
 * K = filter_h * filter_w * in_c input values (its window), each output
 * channel a filter row of K weights. TFLM sums f * (x - in_zp) over the
 * taps inside the input; the sum is exact modulo 2^32, so it is regrouped
 * as
 *     (bias - in_zp * sum of f) + sum of f * x
 * over all taps, where a tap in the padding reads the value in_zp (its
 * term f * (in_zp - in_zp) is zero, as TFLM's skipped tap). The bracket
 * ("init") is computed once per call and per channel and starts each sum.
 *
 * One assembly block runs three pixels against all output channels, four
 * channels (two pairs of filter rows) at a time: per 16 values of K and
 * pair, five loads and six 16-way multiply-accumulates (VMLADAVA) into
 * six scalar sums, in a tail-predicated loop (any K, no reads past a
 * row). The twelve sums of a quad go through a small buffer on the stack
 * and are requantized as three vectors of four channels, sharing one load
 * of the quad's multipliers and shifts, and stored. A missing third (or
 * second) pixel repeats the first, and its output aliases the first's:
 * same sums, same bytes. A last partial quad repeats its first filter row
 * and stores only its live channels.
 *
 * Window rows: a 1x1 convolution without padding reads its rows straight
 * from the input (mote_conv2d_s8_1x1_mve); otherwise the windows of three
 * pixels are copied into the scratch buffer (im2col), padding filled with
 * in_zp. Scratch layout (mote_conv2d_s8_mve_scratch_size): init per
 * channel, rounded up to a quad, then the three window rows.
 */
#include "kernels/arm_mve/kernels_mve.h"

#include "kernels/arm_mve/mve_common.h"

/* Pixels per run (the height of the multiply-accumulate tile). */
enum { ROWS = 3 };

/*
 * One run of the assembly: ROWS pixels against `quads` quads of output
 * channels. Word offsets are part of the assembly's contract.
 */
typedef struct conv_job {
	const int8_t *a[ROWS]; /* 0: the pixels' windows (K bytes each) */
	const int8_t *b; /* 12: first filter row of the next quad */
	int32_t step_a; /* 16: b to the quad's second row (K, or 0) */
	int32_t off_b; /* 20: b to its third row (2K, or less) */
	int32_t step_b; /* 24: third to fourth row (K, or 0) */
	int32_t next; /* 28: b to the next quad (4K) */
	const int32_t *init; /* 32: init of the quad's channels */
	int32_t k; /* 36: window length K, >= 1 */
	int32_t quads; /* 40: quads to run, >= 1 */
	int8_t *out; /* 44: output of the first pixel at the quad */
	int32_t out1; /* 48: bytes from it to the second pixel's output */
	int32_t out2; /* 52: ... to the third pixel's */
	const int32_t *mult; /* 56: multipliers of the quad */
	const int32_t *shift; /* 60: shifts of the quad */
	int32_t zp; /* 64: output zero point */
	int32_t *tmp; /* 68: 12 sums of a quad, three rows of four */
	int32_t lo; /* 72: act_min */
	int32_t hi; /* 76: act_max */
	int32_t live; /* 80: channels of a last partial quad */
} conv_job;

_Static_assert(offsetof(conv_job, live) == 80, "conv_job layout");

/*
 * Assembly pieces. During the sums: windows r1, r3, r5, filter rows r9,
 * r11, sums r0, r2, r4, r6, r8, r10 (VMLADAVA needs even registers), the
 * job r12, loop count lr. During the requantization: outputs r1, r3, r5
 * (narrowing stores need r0-r7), zero point r9, sums buffer lr; q1
 * multipliers, q2 right shifts, q7 left shifts, q4 = -31, q5/q6 bounds.
 */
#define CONV_SUMS(LABEL, TMP_OFF)                                              \
	"mov	r4, r0\n\t"                                                    \
	"mov	r6, r2\n\t"                                                    \
	"mov	r8, r0\n\t"                                                    \
	"mov	r10, r2\n\t"                                                   \
	"ldr	lr, [r12, #36]\n\t"                                            \
	"dlstp.8	lr, lr\n" LABEL ":\n\t"                                \
	"vldrb.8	q0, [r9], #16\n\t"                                     \
	"vldrb.8	q1, [r11], #16\n\t"                                    \
	"vldrb.8	q2, [r1], #16\n\t"                                     \
	"vmladava.s8	r0, q2, q0\n\t"                                        \
	"vmladava.s8	r2, q2, q1\n\t"                                        \
	"vldrb.8	q2, [r3], #16\n\t"                                     \
	"vmladava.s8	r4, q2, q0\n\t"                                        \
	"vmladava.s8	r6, q2, q1\n\t"                                        \
	"vldrb.8	q2, [r5], #16\n\t"                                     \
	"vmladava.s8	r8, q2, q0\n\t"                                        \
	"vmladava.s8	r10, q2, q1\n\t"                                       \
	"letp	lr, " LABEL "b\n\t"                                            \
	"ldr	lr, [r12, #68]\n\t"                                            \
	"strd	r0, r2, [lr, #" TMP_OFF "]\n\t"                                \
	"strd	r4, r6, [lr, #16 + " TMP_OFF "]\n\t"                           \
	"strd	r8, r10, [lr, #32 + " TMP_OFF "]\n\t"

/* The quad's first pair (init from init[0..1]), then its second. */
#define CONV_PAIRS                                                             \
	"ldm	r12, {r1, r3, r5, r9}\n\t"                                     \
	"ldr	lr, [r12, #16]\n\t"                                            \
	"add	r11, r9, lr\n\t"                                               \
	"ldr	lr, [r12, #32]\n\t"                                            \
	"ldrd	r0, r2, [lr]\n\t" CONV_SUMS("2", "0")                          \
	"ldm	r12, {r1, r3, r5, r9}\n\t"                                     \
	"ldr	lr, [r12, #20]\n\t"                                            \
	"add	r9, r9, lr\n\t"                                                \
	"ldr	lr, [r12, #24]\n\t"                                            \
	"add	r11, r9, lr\n\t"                                               \
	"ldr	lr, [r12, #32]\n\t"                                            \
	"ldrd	r0, r2, [lr, #8]\n\t"                                          \
	"add	lr, lr, #16\n\t"                                               \
	"str	lr, [r12, #32]\n\t" CONV_SUMS("3", "8")                        \
	"ldr	r9, [r12, #12]\n\t"                                            \
	"ldr	r11, [r12, #28]\n\t"                                           \
	"add	r9, r9, r11\n\t"                                               \
	"str	r9, [r12, #12]\n\t"

/* Loads the quad's multipliers (q1) and shifts (q2), advancing them. */
#define CONV_LOAD_FULL                                                         \
	"ldr	r11, [r12, #56]\n\t"                                           \
	"vldrw.u32	q1, [r11], #16\n\t"                                    \
	"str	r11, [r12, #56]\n\t"                                           \
	"ldr	r11, [r12, #60]\n\t"                                           \
	"vldrw.u32	q2, [r11], #16\n\t"                                    \
	"str	r11, [r12, #60]\n\t"

/* The same for a last partial quad: only live lanes are read (VCTP sets
 * the predicate that the stores use too). */
#define CONV_LOAD_TAIL                                                         \
	"ldr	r11, [r12, #80]\n\t"                                           \
	"vctp.32	r11\n\t"                                               \
	"ldr	r11, [r12, #56]\n\t"                                           \
	"vpst\n\t"                                                             \
	"vldrwt.u32	q1, [r11]\n\t"                                         \
	"ldr	r11, [r12, #60]\n\t"                                           \
	"vpst\n\t"                                                             \
	"vldrwt.u32	q2, [r11]\n\t"

/* Shifts: right only (every shift <= 0), or left and right. */
#define CONV_RIGHT "vmax.s32	q2, q2, q4\n\t"
#define CONV_LEFT                                                              \
	"vmov.i32	q3, #0\n\t"                                            \
	"vmax.s32	q7, q2, q3\n\t"                                        \
	"vmin.s32	q2, q2, q3\n\t"                                        \
	"vmax.s32	q2, q2, q4\n\t"                                        \
	"vmov.i32	q3, #31\n\t"                                           \
	"vmin.s32	q7, q7, q3\n\t"

/* One pixel's four channels from the sums buffer at lr + OFF to OUT. */
#define CONV_ROW(OFF, OUT, VSHL, STORE)                                        \
	"vldrw.u32	q0, [lr, #" OFF "]\n\t" VSHL                           \
	"vqrdmulh.s32	q0, q0, q1\n\t"                                        \
	"vand	q3, q0, q2\n\t"                                                \
	"vshr.s32	q3, q3, #31\n\t"                                       \
	"vqadd.s32	q0, q0, q3\n\t"                                        \
	"vrshl.s32	q0, q0, q2\n\t"                                        \
	"vadd.i32	q0, q0, r9\n\t"                                        \
	"vmax.s32	q0, q0, q5\n\t"                                        \
	"vmin.s32	q0, q0, q6\n\t" STORE(OUT)

#define CONV_STORE_FULL(OUT) "vstrb.32	q0, [" OUT "]\n\t"
#define CONV_STORE_TAIL(OUT) "vpst\n\tvstrbt.32	q0, [" OUT "]\n\t"
#define CONV_NO_VSHL ""
#define CONV_VSHL "vshl.s32	q0, q0, q7\n\t"

#define CONV_RUN(LOAD, SHIFTS, VSHL, STORE)                                    \
	"vmvn.i32	q4, #30\n\t"                                           \
	"ldr	r11, [r12, #72]\n\t"                                           \
	"vdup.32	q5, r11\n\t"                                           \
	"ldr	r11, [r12, #76]\n\t"                                           \
	"vdup.32	q6, r11\n"                                             \
	"1:\n\t" CONV_PAIRS LOAD SHIFTS                                        \
	"ldr	r9, [r12, #64]\n\t"                                            \
	"ldr	r1, [r12, #44]\n\t"                                            \
	"ldr	r3, [r12, #48]\n\t"                                            \
	"add	r3, r3, r1\n\t"                                                \
	"ldr	r5, [r12, #52]\n\t"                                            \
	"add	r5, r5, r1\n\t"                                                \
	"add	r11, r1, #4\n\t"                                               \
	"str	r11, [r12, #44]\n\t"                                           \
	"ldr	lr, [r12, #68]\n\t" CONV_ROW("32", "r5", VSHL, STORE)          \
		CONV_ROW("16", "r3", VSHL, STORE)                              \
			CONV_ROW("0", "r1", VSHL, STORE)                       \
	"ldr	lr, [r12, #40]\n\t"                                            \
	"subs	lr, lr, #1\n\t"                                                \
	"str	lr, [r12, #40]\n\t"                                            \
	"bne	1b\n"

#define CONV_CLOBBERS                                                          \
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r11",    \
		"lr", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7",          \
		"memory", "cc"

/* The four forms: whole or partial quads, with or without left shifts. */
static void run_full(conv_job *j)
{
	register conv_job *job __asm__("r12") = j;

	__asm__ volatile(
		CONV_RUN(CONV_LOAD_FULL, CONV_RIGHT, CONV_NO_VSHL,
			 CONV_STORE_FULL)
		:
		: "r"(job)
		: CONV_CLOBBERS);
}

static void run_full_left(conv_job *j)
{
	register conv_job *job __asm__("r12") = j;

	__asm__ volatile(
		CONV_RUN(CONV_LOAD_FULL, CONV_LEFT, CONV_VSHL, CONV_STORE_FULL)
		:
		: "r"(job)
		: CONV_CLOBBERS);
}

static void run_tail(conv_job *j)
{
	register conv_job *job __asm__("r12") = j;

	__asm__ volatile(
		CONV_RUN(CONV_LOAD_TAIL, CONV_RIGHT, CONV_NO_VSHL,
			 CONV_STORE_TAIL)
		:
		: "r"(job)
		: CONV_CLOBBERS);
}

static void run_tail_left(conv_job *j)
{
	register conv_job *job __asm__("r12") = j;

	__asm__ volatile(
		CONV_RUN(CONV_LOAD_TAIL, CONV_LEFT, CONV_VSHL, CONV_STORE_TAIL)
		:
		: "r"(job)
		: CONV_CLOBBERS);
}

/* init entries: whole quads. */
static size_t init_words(const mote_conv2d_params *p)
{
	return ((size_t)p->out_c + 3u) & ~(size_t)3u;
}

/* Window length in bytes. */
static int32_t window_len(const mote_conv2d_params *p)
{
	return p->filter_h * p->filter_w * p->filter_c;
}

/* init = bias - in_zp * sum of the filter, per channel (wrapping). */
static void fill_init(const mote_conv2d_params *p, const int8_t *filter,
		      const int32_t *bias, int32_t *init)
{
	int32_t k = window_len(p);
	uint32_t off = (uint32_t)-p->in_zp;
	int32_t oc;

	for (oc = 0; oc < (int32_t)init_words(p); oc++) {
		uint32_t v = 0;
		if (oc < p->out_c)
			v = (uint32_t)mote__mve_sum_s8(filter + (size_t)oc * k,
						       k) *
				    off +
			    (bias != NULL ? (uint32_t)bias[oc] : 0u);
		init[oc] = (int32_t)v;
	}
}

/* All output channels of `rows` pixels whose windows are at a[]. */
static void pixels(const mote_conv2d_params *p, const int8_t *filter,
		   const int32_t *init, const int8_t *const a[ROWS],
		   int32_t rows, bool left, int8_t *out)
{
	int32_t tmp[12];
	int32_t k = window_len(p), n = p->out_c, c = n / 4 * 4;
	conv_job j = { { a[0], a[rows > 1 ? 1 : 0], a[rows > 2 ? 2 : 0] },
		       filter,
		       k,
		       2 * k,
		       k,
		       4 * k,
		       init,
		       k,
		       n / 4,
		       out,
		       rows > 1 ? n : 0,
		       rows > 2 ? 2 * n : 0,
		       p->mult,
		       p->shift,
		       p->out_zp,
		       tmp,
		       p->act_min,
		       p->act_max,
		       4 };

	if (j.quads > 0 && left)
		run_full_left(&j);
	else if (j.quads > 0)
		run_full(&j);
	if (c == n)
		return;
	/* The last partial quad: its missing channels repeat its first filter
	 * row, and only the live channels are stored. */
	j.step_a = c + 1 < n ? k : 0;
	j.off_b = c + 2 < n ? 2 * k : 0;
	j.step_b = c + 3 < n ? k : 0;
	j.quads = 1;
	j.live = n - c;
	if (left)
		run_tail_left(&j);
	else
		run_tail(&j);
}

/* Copies n bytes: one predicated vector for up to 16 (the common case of
 * a window row of a few channels), else the copy loop. */
static inline void copy_row(int8_t *dst, const int8_t *src, int32_t n)
{
	mve_pred16_t live;

	if (n > 16) {
		mote__mve_copy(dst, src, n);
		return;
	}
	live = vctp8q((uint32_t)n);
	vstrbq_p_s8(dst, vldrbq_z_s8(src, live), live);
}

/* Sets n bytes to v, the same way. */
static inline void fill_row(int8_t *dst, int8_t v, int32_t n)
{
	if (n > 16)
		mote__mve_fill(dst, v, n);
	else
		vstrbq_p_s8(dst, vdupq_n_s8(v), vctp8q((uint32_t)n));
}

/*
 * The geometry im2col reads, copied out of the params: the window copies
 * store int8, which may alias anything, so fields read through the params
 * pointer would be reloaded after every store.
 */
typedef struct geom {
	int32_t in_h, in_w, in_c; /* input image */
	int32_t filter_h, filter_w; /* window */
	int32_t stride_h, stride_w; /* strides */
	int32_t dilation_h, dilation_w; /* dilations */
	int32_t pad_h, pad_w; /* leading padding */
	int32_t out_h, out_w; /* output image */
	int32_t k; /* window length */
	int8_t zp; /* input zero point: the padding value */
} geom;

/* Copies the filter columns of input row `src` for a window at ix0. */
static void im2col_cols(const geom *g, const int8_t *src, int32_t ix0,
			int8_t *dst)
{
	int32_t c = g->in_c;
	int32_t fx;

	for (fx = 0; fx < g->filter_w; fx++, dst += c) {
		int32_t ix = ix0 + fx * g->dilation_w;
		if (ix < 0 || ix >= g->in_w)
			fill_row(dst, g->zp, c);
		else
			copy_row(dst, src + (size_t)ix * c, c);
	}
}

/* The window of the pixel at input origin (iy0, ix0) into dst. */
static void im2col(const geom *g, const int8_t *in_b, int32_t iy0,
		   int32_t ix0, int8_t *dst)
{
	int32_t row_len = g->filter_w * g->in_c;
	size_t in_row = (size_t)g->in_w * g->in_c;
	bool cols_inside = g->dilation_w == 1 && ix0 >= 0 &&
			   ix0 + g->filter_w <= g->in_w;
	int32_t fy;

	for (fy = 0; fy < g->filter_h; fy++, dst += row_len) {
		int32_t iy = iy0 + fy * g->dilation_h;
		const int8_t *src = in_b + (size_t)iy * in_row;
		if (iy < 0 || iy >= g->in_h)
			fill_row(dst, g->zp, row_len);
		else if (cols_inside)
			copy_row(dst, src + (size_t)ix0 * g->in_c, row_len);
		else
			im2col_cols(g, src, ix0, dst);
	}
}

/* Position of an output pixel, stepped in output order. */
typedef struct pixel {
	const int8_t *in_b; /* its batch's input image */
	int32_t oy; /* output row */
	int32_t ox; /* output column */
} pixel;

static void next_pixel(const geom *g, pixel *px)
{
	if (++px->ox < g->out_w)
		return;
	px->ox = 0;
	if (++px->oy < g->out_h)
		return;
	px->oy = 0;
	px->in_b += (size_t)g->in_h * g->in_w * g->in_c;
}

/*
 * Window rows of up to three pixels from px on (into col, or straight
 * from the input when `direct`); px advances past them.
 */
static void windows(const geom *g, bool direct, int8_t *col, pixel *px,
		    int32_t rows, const int8_t *a[ROWS])
{
	int32_t r;

	for (r = 0; r < rows; r++, next_pixel(g, px)) {
		int32_t iy0 = px->oy * g->stride_h - g->pad_h;
		int32_t ix0 = px->ox * g->stride_w - g->pad_w;
		if (direct) {
			a[r] = px->in_b +
			       ((size_t)iy0 * g->in_w + ix0) * g->in_c;
			continue;
		}
		im2col(g, px->in_b, iy0, ix0, col + (size_t)r * g->k);
		a[r] = col + (size_t)r * g->k;
	}
}

static void conv(const mote_conv2d_params *p, const int8_t *in,
		 const int8_t *filter, const int32_t *bias, int8_t *out,
		 void *scratch, bool direct)
{
	int32_t n = p->batches * p->out_h * p->out_w;
	int32_t *init = (int32_t *)scratch;
	int8_t *col = (int8_t *)(init + init_words(p));
	bool left = mote__mve_any_left(p->shift, p->out_c);
	geom g = { p->in_h,	  p->in_w,	p->in_c,      p->filter_h,
		   p->filter_w,	  p->stride_h,	p->stride_w,  p->dilation_h,
		   p->dilation_w, p->pad_h,	p->pad_w,     p->out_h,
		   p->out_w,	  window_len(p), (int8_t)p->in_zp };
	pixel px = { in, 0, 0 };
	const int8_t *a[ROWS];
	int32_t i;

	fill_init(p, filter, bias, init);
	for (i = 0; i < n; i += ROWS) {
		int32_t rows = n - i < ROWS ? n - i : ROWS;
		windows(&g, direct, col, &px, rows, a);
		pixels(p, filter, init, a, rows, left,
		       out + (size_t)i * p->out_c);
	}
}

size_t mote_conv2d_s8_mve_scratch_size(const mote_conv2d_params *p)
{
	return init_words(p) * sizeof(int32_t) +
	       (size_t)ROWS * (size_t)window_len(p);
}

void mote_conv2d_s8_mve(const mote_conv2d_params *p, const int8_t *in,
			const int8_t *filter, const int32_t *bias,
			int8_t *out, void *scratch)
{
	conv(p, in, filter, bias, out, scratch, false);
}

size_t mote_conv2d_s8_1x1_mve_scratch_size(const mote_conv2d_params *p)
{
	return init_words(p) * sizeof(int32_t);
}

void mote_conv2d_s8_1x1_mve(const mote_conv2d_params *p, const int8_t *in,
			    const int8_t *filter, const int32_t *bias,
			    int8_t *out, void *scratch)
{
	conv(p, in, filter, bias, out, scratch, true);
}
