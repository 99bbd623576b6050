/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected_s8_dsp.c - int8 fully connected for the Cortex-M DSP
 * extension: the contract of mote_fully_connected_s8 when filter_offset
 * is 0 (symmetric filters, as TFLite's int8 quantization makes them).
 *
 * Output c of row b is sum_d f[c][d] * (x[b][d] + in_offset) + bias[c],
 * requantized. Each weight is used once per input row, so the input side
 * must be cheap: the input row is widened (with the offset added) into
 * scratch one chunk of CHUNK values at a time, and every filter row of a
 * block of BLOCK rows takes that chunk four rows at a time
 * (mote__dsp_dot_4x1: one LDRD of inputs serves four rows; each weight
 * word costs a load, two SXTB16 and two SMLAD). The block's sums live in
 * scratch between chunks. This keeps the scratch at a few hundred bytes
 * (MLP arenas are small) while widening each input only once per block.
 * Scratch: min(BLOCK, out_c) sums, then the widened chunk (min(CHUNK,
 * accum) inputs).
 */
#include "kernels/arm_dsp/dsp.h"

enum {
	CHUNK = 128, /* input values widened at a time (multiple of 4) */
	BLOCK = 32, /* filter rows sharing one widened chunk */
};

/* Sums kept at once: BLOCK, or fewer for a small layer. */
static int32_t block_rows(const mote_fc_params *p)
{
	return mote_min_i32(BLOCK, p->out_c);
}

size_t mote_fully_connected_s8_dsp_scratch_size(const mote_fc_params *p)
{
	return (size_t)block_rows(p) * sizeof(int32_t) +
	       mote__dsp_col_words(mote_min_i32(CHUNK, p->accum), 1) *
		       sizeof(uint32_t);
}

/* Widens n (<= CHUNK) inputs with the offset into one column. */
static void widen_chunk(const int8_t *x, int32_t n, int32_t off, uint32_t *col)
{
	int16_t *tail = mote__dsp_col_tail(col, n, 1, 0);
	int32_t n4 = n / 4, i;

	mote__dsp_widen(x, n4, mote__dsp_dup16(off), col, 2);
	for (i = 0; i < (n & 3); i++)
		tail[i] = (int16_t)(x[4 * n4 + i] + off);
}

/* Requantizes and clamps the sum of output channel c. */
static int8_t finish(const mote_fc_params *p, const mote__dsp_rq *tensor_rq,
		     int32_t c, int32_t acc)
{
	mote__dsp_rq ch;
	const mote__dsp_rq *q = tensor_rq;

	if (p->ch_mult != NULL) {
		ch = mote__dsp_rq_make(p->ch_mult[c], p->ch_shift[c],
				       p->out_zp);
		q = &ch;
	}
	return mote__dsp_out_s8(acc, q, p->out_zp, p->act_min, p->act_max,
				false);
}

/* Output channels c0 .. c0 + n - 1 (n <= BLOCK) of input row x. */
static void block(const mote_fc_params *p, const int8_t *x,
		  const int8_t *filter, const int32_t *bias, int32_t c0,
		  int32_t n, int32_t *acc, uint32_t *col, int8_t *out)
{
	size_t s = (size_t)p->accum;
	mote__dsp_rq rq;
	int32_t d, j;

	for (j = 0; j < n; j++)
		acc[j] = bias != NULL ? bias[c0 + j] : 0;
	for (d = 0; d < p->accum; d += CHUNK) {
		int32_t len = mote_min_i32(CHUNK, p->accum - d);
		const int8_t *w = filter + (size_t)c0 * s + (size_t)d;
		widen_chunk(x + d, len, p->in_offset, col);
		for (j = 0; j + 4 <= n; j += 4, w += 4 * s)
			mote__dsp_dot_4x1(w, (ptrdiff_t)s, col, len, &acc[j]);
		for (; j < n; j++, w += s)
			acc[j] = mote__dsp_dot_1x1(w, col, len, acc[j]);
	}
	rq = mote__dsp_rq_make(p->mult, p->shift, p->out_zp);
	for (j = 0; j < n; j++)
		out[c0 + j] = finish(p, &rq, c0 + j, acc[j]);
}

void mote_fully_connected_s8_dsp(const mote_fc_params *p, const int8_t *in,
				 const int8_t *filter, const int32_t *bias,
				 int8_t *out, void *scratch)
{
	int32_t *acc = (int32_t *)scratch;
	uint32_t *col = (uint32_t *)(acc + block_rows(p));
	int32_t b, c;

	for (b = 0; b < p->batches; b++) {
		const int8_t *x = in + (size_t)b * (size_t)p->accum;
		for (c = 0; c < p->out_c; c += BLOCK)
			block(p, x, filter, bias, c,
			      mote_min_i32(BLOCK, p->out_c - c), acc, col, out);
		out += p->out_c;
	}
}
