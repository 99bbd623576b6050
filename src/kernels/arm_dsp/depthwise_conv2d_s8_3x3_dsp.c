/* SPDX-License-Identifier: Apache-2.0 */
/*
 * depthwise_conv2d_s8_3x3_dsp.c - int8 3x3 depthwise convolution for the
 * Cortex-M DSP extension: the contract of mote_depthwise_conv2d_s8 for a
 * 3x3 filter, depth multiplier 1, no dilation and horizontal stride 1 or
 * 2 (any vertical stride and padding).
 *
 * Channel-planar rows. Each input row the layer needs is converted once
 * into one int16 plane per channel (x + in_offset; the padding columns
 * are 0, which equals TFLM's skipping of padded taps) in a ring of three
 * rows in scratch. In a plane, the two taps of a filter row that sit next
 * to each other are one word, so for two neighbouring outputs of one
 * channel each filter row costs three loads, two SMLAD (taps 0 and 1)
 * and two SMLAxy (tap 2): 7 instructions for 6 multiply-accumulates,
 * with the channel's nine weights packed into five registers ([w0 w1] per
 * row, the third taps of rows 0 and 1 in one word). Filter rows that fall
 * into the vertical padding get zero weights. A row of sums per channel
 * goes to scratch, then is requantized into the channel's strided
 * outputs. To keep the scratch small the layer runs in blocks of
 * channels (about 1 KiB of planar rows per block): each block makes its
 * own pass over the rows, so every input value is still converted once.
 * Scratch: packed weights of one block, one row of sums, the three
 * planar rows of one block, a zero plane.
 */
#include "kernels/arm_dsp/dsp.h"

/* Output columns rounded up to pairs. */
static int32_t out_pairs(const mote_depthwise_conv2d_params *p)
{
	return (p->out_w + 1) / 2;
}

/* int16 values per plane: the padded input row, and every column the
 * last pair of outputs reads. */
static int32_t plane_len(const mote_depthwise_conv2d_params *p)
{
	int32_t need = p->stride_w * 2 * out_pairs(p) + 2;
	int32_t row = p->pad_w + p->in_w;

	return ((need > row ? need : row) + 1) & ~1;
}

/* Channels per block: planar rows of about 1 KiB, a multiple of 4. */
static int32_t block_channels(const mote_depthwise_conv2d_params *p)
{
	int32_t per_channel = 3 * plane_len(p) * (int32_t)sizeof(int16_t);
	int32_t n = (1024 / per_channel) & ~3;

	n = n < 4 ? 4 : n;
	return n < p->in_c ? n : p->in_c;
}

/* Byte offsets of the scratch parts. */
typedef struct layout {
	size_t weights; /* packed weights: 5 words per channel */
	size_t sums; /* one row of int32 sums (pairs) */
	size_t rows; /* three planar rows */
	size_t row_bytes; /* bytes of one planar row */
	size_t zero; /* one plane of zeros (filter rows in the padding) */
	size_t total; /* scratch bytes */
} layout;

static layout layout_of(const mote_depthwise_conv2d_params *p)
{
	layout l;

	int32_t n = block_channels(p);

	l.weights = 0;
	l.sums = l.weights + (size_t)n * 5u * sizeof(uint32_t);
	l.rows = l.sums + (size_t)out_pairs(p) * 2u * sizeof(int32_t);
	l.row_bytes = (size_t)n * (size_t)plane_len(p) * sizeof(int16_t);
	l.zero = l.rows + 3u * l.row_bytes;
	l.total = l.zero + (size_t)plane_len(p) * sizeof(int16_t);
	return l;
}

size_t mote_depthwise_conv2d_s8_3x3_dsp_scratch_size(
	const mote_depthwise_conv2d_params *p)
{
	return layout_of(p).total;
}

/* The int16 pair [lo, hi]. */
static uint32_t pair16(int32_t lo, int32_t hi)
{
	return ((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16);
}

/* Packs the nine weights of each of `count` channels (filter points at
 * the first) into five words:
 * [w00 w01] [w10 w11] [w20 w21] [w02 w12] [w22 0] (w<row><col>). */
static void pack_weights(const mote_depthwise_conv2d_params *p,
			 const int8_t *filter, int32_t count, uint32_t *wp)
{
	int32_t c, n = p->out_c;

	for (c = 0; c < count; c++, wp += 5) {
		const int8_t *f = filter + c;
		wp[0] = pair16(f[0], f[n]);
		wp[1] = pair16(f[3 * n], f[4 * n]);
		wp[2] = pair16(f[6 * n], f[7 * n]);
		wp[3] = pair16(f[2 * n], f[5 * n]);
		wp[4] = pair16(f[8 * n], 0);
	}
}

/*
 * Converts channels 0 .. count - 1 of input row x (in_w pixels, in_c
 * apart) into planes (plane c at planes + c * len, column j = pad_w + ix),
 * adding off. Four
 * channels at a time: SXTAB16 widens [c0 c2] and [c1 c3], and the halves
 * are stored to their planes.
 */
static void to_planes(const mote_depthwise_conv2d_params *p, const int8_t *x,
		      int32_t count, int16_t *planes, int32_t off)
{
	size_t len = (size_t)plane_len(p);
	uint32_t off2 = mote__dsp_dup16(off);
	int32_t ix, c;

	for (ix = 0; ix < p->in_w; ix++, x += p->in_c) {
		int16_t *d = planes + p->pad_w + ix;
		for (c = 0; c + 4 <= count; c += 4, d += 4 * len) {
			uint32_t v = mote__dsp_ld32(x + c);
			uint32_t e = __sxtab16(off2, v);
			uint32_t o = mote__dsp_sxtab16_ror8(off2, v);
			d[0] = (int16_t)e;
			d[len] = (int16_t)o;
			d[2 * len] = (int16_t)(e >> 16);
			d[3 * len] = (int16_t)(o >> 16);
		}
		for (; c < count; c++, d += len)
			d[0] = (int16_t)(x[c] + off);
	}
}

/* Zeroes the zero plane and the padding columns of every plane of the
 * three planar rows; conversions only ever write the input's columns. */
static void zero_padding(const mote_depthwise_conv2d_params *p,
			 int16_t *rows, int16_t *zero)
{
	int32_t len = plane_len(p), n = 3 * block_channels(p), i, j;

	for (j = 0; j < len; j++)
		zero[j] = 0;
	for (i = 0; i < n; i++, rows += len) {
		for (j = 0; j < p->pad_w; j++)
			rows[j] = 0;
		for (j = p->pad_w + p->in_w; j < len; j++)
			rows[j] = 0;
	}
}

/* The planes of one channel's three filter rows. */
typedef struct planes3 {
	const int16_t *r0, *r1, *r2; /* plane of filter row 0, 1, 2 */
} planes3;

/* Sums (bias included) of `pairs` output pairs along the row of one
 * channel, horizontal stride 1; w: the channel's five packed weights. */
static void sums_s1(const planes3 *pl, const uint32_t *w, int32_t bias,
		    int32_t pairs, int32_t *sums)
{
	const int16_t *r0 = pl->r0, *r1 = pl->r1, *r2 = pl->r2;
	uint32_t w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
	int32_t i;

	for (i = 0; i < pairs; i++, r0 += 2, r1 += 2, r2 += 2, sums += 2) {
		int32_t a = bias, b = bias;
		uint32_t t;
		a = __smlad(mote__dsp_ld32(r0), w0, a);
		b = __smlad(mote__dsp_ld32(r0 + 1), w0, b);
		t = mote__dsp_ld32(r0 + 2);
		a = __smlabb(t, w3, a);
		b = __smlatb(t, w3, b);
		a = __smlad(mote__dsp_ld32(r1), w1, a);
		b = __smlad(mote__dsp_ld32(r1 + 1), w1, b);
		t = mote__dsp_ld32(r1 + 2);
		a = __smlabt(t, w3, a);
		b = __smlatt(t, w3, b);
		a = __smlad(mote__dsp_ld32(r2), w2, a);
		b = __smlad(mote__dsp_ld32(r2 + 1), w2, b);
		t = mote__dsp_ld32(r2 + 2);
		a = __smlabb(t, w4, a);
		b = __smlatb(t, w4, b);
		sums[0] = a;
		sums[1] = b;
	}
}

/* As sums_s1 for horizontal stride 2. */
static void sums_s2(const planes3 *pl, const uint32_t *w, int32_t bias,
		    int32_t pairs, int32_t *sums)
{
	const int16_t *r0 = pl->r0, *r1 = pl->r1, *r2 = pl->r2;
	uint32_t w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
	int32_t i;

	for (i = 0; i < pairs; i++, r0 += 4, r1 += 4, r2 += 4, sums += 2) {
		int32_t a = bias, b = bias;
		uint32_t t;
		a = __smlad(mote__dsp_ld32(r0), w0, a);
		t = mote__dsp_ld32(r0 + 2);
		a = __smlabb(t, w3, a);
		b = __smlad(t, w0, b);
		b = __smlabb(mote__dsp_ld32(r0 + 4), w3, b);
		a = __smlad(mote__dsp_ld32(r1), w1, a);
		t = mote__dsp_ld32(r1 + 2);
		a = __smlabt(t, w3, a);
		b = __smlad(t, w1, b);
		b = __smlabt(mote__dsp_ld32(r1 + 4), w3, b);
		a = __smlad(mote__dsp_ld32(r2), w2, a);
		t = mote__dsp_ld32(r2 + 2);
		a = __smlabb(t, w4, a);
		b = __smlad(t, w2, b);
		b = __smlabb(mote__dsp_ld32(r2 + 4), w4, b);
		sums[0] = a;
		sums[1] = b;
	}
}

/* store_row with the clamp instantiated (full: the int8 range, SSAT). */
static inline __attribute__((always_inline)) void
store(const mote_depthwise_conv2d_params *p, const mote__dsp_rq *q,
      const int32_t *sums, int8_t *out, bool full)
{
	mote__dsp_rq c = *q; /* read once: int8 stores may alias it */
	size_t step = (size_t)p->out_c;
	int32_t zp = p->out_zp, lo = p->act_min, hi = p->act_max;
	int32_t ox, n = p->out_w;

	for (ox = 0; ox + 2 <= n; ox += 2, sums += 2, out += 2 * step)
		mote__dsp_out2_s8(sums[0], sums[1], &c, zp, lo, hi, full, out,
				  out + step);
	if (ox < n)
		*out = mote__dsp_out_s8(sums[0], &c, zp, lo, hi, full);
}

/* Requantizes a row of sums of one channel into its strided outputs. */
static void store_row(const mote_depthwise_conv2d_params *p,
		      const mote__dsp_rq *q, const int32_t *sums, int8_t *out)
{
	if (p->act_min == -128 && p->act_max == 127)
		store(p, q, sums, out, true);
	else
		store(p, q, sums, out, false);
}

/* The state of one call. */
typedef struct dw3 {
	const mote_depthwise_conv2d_params *p; /* the layer */
	const int32_t *bias; /* bias, or NULL */
	const uint32_t *wp; /* packed weights per channel */
	int32_t *sums; /* one row of sums */
	int16_t *rows; /* three planar rows */
	const int16_t *zero; /* a plane of zeros */
	size_t row_len; /* int16 values of one planar row */
	int32_t c0; /* first channel of the current block */
	int32_t count; /* channels in the current block */
	int32_t held[3]; /* input row each planar row holds (-1: none) */
} dw3;

/* The planar row holding input row iy of batch image in_b. */
static const int16_t *row_of(dw3 *s, const int8_t *in_b, int32_t iy)
{
	const mote_depthwise_conv2d_params *p = s->p;
	int32_t slot = iy % 3;
	int16_t *r = s->rows + (size_t)slot * s->row_len;

	if (s->held[slot] != iy) {
		to_planes(p, in_b + (size_t)iy * p->in_w * p->in_c + s->c0,
			  s->count, r, -p->in_zp);
		s->held[slot] = iy;
	}
	return r;
}

/* One output row oy of batch image in_b, the block's channels (out: the
 * row's first output of the block). A filter row in the vertical padding
 * reads the zero plane for every channel. */
static void out_row(dw3 *s, const int8_t *in_b, int32_t oy, int8_t *out)
{
	const mote_depthwise_conv2d_params *p = s->p;
	const int16_t *r[3];
	size_t step[3];
	const uint32_t *w = s->wp;
	int32_t pairs = out_pairs(p), fy, c;
	planes3 pl;

	for (fy = 0; fy < 3; fy++) {
		int32_t iy = oy * p->stride_h - p->pad_h + fy;
		bool valid = iy >= 0 && iy < p->in_h;
		r[fy] = valid ? row_of(s, in_b, iy) : s->zero;
		step[fy] = valid ? (size_t)plane_len(p) : 0;
	}
	pl.r0 = r[0];
	pl.r1 = r[1];
	pl.r2 = r[2];
	for (c = 0; c < s->count; c++, w += 5) {
		int32_t ch = s->c0 + c;
		int32_t bias = s->bias != NULL ? s->bias[ch] : 0;
		mote__dsp_rq q = mote__dsp_rq_make(p->mult[ch], p->shift[ch],
						   p->out_zp);
		if (p->stride_w == 1)
			sums_s1(&pl, w, bias, pairs, s->sums);
		else
			sums_s2(&pl, w, bias, pairs, s->sums);
		store_row(p, &q, s->sums, out + c);
		pl.r0 += step[0];
		pl.r1 += step[1];
		pl.r2 += step[2];
	}
}

void mote_depthwise_conv2d_s8_3x3_dsp(const mote_depthwise_conv2d_params *p,
				      const int8_t *in, const int8_t *filter,
				      const int32_t *bias, int8_t *out,
				      void *scratch)
{
	layout l = layout_of(p);
	uint8_t *sc = (uint8_t *)scratch;
	size_t image = (size_t)p->in_h * p->in_w * p->in_c;
	size_t out_row_bytes = (size_t)p->out_w * p->out_c;
	int32_t n = block_channels(p), b, oy;
	dw3 s;

	s.p = p;
	s.bias = bias;
	s.wp = (const uint32_t *)(sc + l.weights);
	s.sums = (int32_t *)(sc + l.sums);
	s.rows = (int16_t *)(sc + l.rows);
	s.zero = (const int16_t *)(sc + l.zero);
	s.row_len = l.row_bytes / sizeof(int16_t);
	zero_padding(p, s.rows, (int16_t *)(sc + l.zero));
	for (s.c0 = 0; s.c0 < p->in_c; s.c0 += n) {
		s.count = mote_min_i32(n, p->in_c - s.c0);
		pack_weights(p, filter + s.c0, s.count,
			     (uint32_t *)(sc + l.weights));
		for (b = 0; b < p->batches; b++) {
			int8_t *o = out + (size_t)b * p->out_h * out_row_bytes +
				    (size_t)s.c0;
			s.held[0] = s.held[1] = s.held[2] = -1;
			for (oy = 0; oy < p->out_h; oy++, o += out_row_bytes)
				out_row(&s, in + (size_t)b * image, oy, o);
		}
	}
}
