/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_fft.c - the signal library's FFT custom operators:
 *
 * SignalFftAutoScale: input int16 [n]; outputs 0 int16 [n] (the input
 *   shifted left as far as it fits), 1 int32 scalar (the shift). No
 *   options.
 * SignalRfft: input [..., len] of T (int16, int32 or float32), len <=
 *   fft_length (zero padded); output [..., 2 * (fft_length / 2 + 1)] of T,
 *   interleaved complex bins.
 * SignalIrfft: input [..., 2 * m] of T, m >= fft_length / 2 + 1 complex
 *   bins (those past fft_length / 2 are ignored); output [..., fft_length]
 *   of T.
 * Rfft and Irfft options (FlexBuffer map): T (the TFLite tensor type, which
 * must be the tensors' type) and fft_length (even, >= 4, fft_length / 2 a
 * product of 2, 3 and 5: the lengths TFLM's KissFFT build runs). The
 * twiddles are computed here, once, into persistent memory; see
 * signal/fft.h for the arithmetic.
 */
#include "ops/signal_options.h"
#include "signal/fft.h"

/* ---- SignalFftAutoScale ------------------------------------------------ */

static mote_status eval_auto_scale(const mote__node *n, void *const *t)
{
	const int32_t *len = n->params;
	int32_t *shift = mote__out(n, t, 1);
	*shift = mote_fft_auto_scale_s16(mote__in(n, t, 0), *len,
					 mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status prepare_auto_scale(mote__prep *p)
{
	mote__tensor in, out, shift;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 2)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_out(p, 1, &shift)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_INT16, 1,
				     "input must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_INT16, 1,
				     "output must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &shift, MOTE_INT32, 0,
				     "scale bits must be an int32 scalar")) !=
		    MOTE_OK)
		return s;
	if (!mote__same_shape(&in, &out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output shape differs from the input");
	mote__prep_share(p, 0, 0);

	int32_t *len = mote__prep_alloc(p, sizeof *len);
	if (!len)
		return MOTE_OK;
	*len = (int32_t)in.elems;
	mote__prep_set(p, eval_auto_scale, NULL, len);
	return MOTE_OK;
}

const mote_op mote_op_signal_fft_auto_scale = { 32, "SignalFftAutoScale",
						"SignalFftAutoScale",
						prepare_auto_scale };

/* ---- SignalRfft and SignalIrfft ---------------------------------------- */

static mote_status eval_rfft_s16(const mote__node *n, void *const *t)
{
	mote_rfft_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0),
		      n->scratch);
	return MOTE_OK;
}

static mote_status eval_rfft_s32(const mote__node *n, void *const *t)
{
	mote_rfft_s32(n->params, mote__in(n, t, 0), mote__out(n, t, 0),
		      n->scratch);
	return MOTE_OK;
}

static mote_status eval_rfft_f32(const mote__node *n, void *const *t)
{
	mote_rfft_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0),
		      n->scratch);
	return MOTE_OK;
}

static mote_status eval_irfft_s16(const mote__node *n, void *const *t)
{
	mote_irfft_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0),
		       n->scratch);
	return MOTE_OK;
}

static mote_status eval_irfft_s32(const mote__node *n, void *const *t)
{
	mote_irfft_s32(n->params, mote__in(n, t, 0), mote__out(n, t, 0),
		       n->scratch);
	return MOTE_OK;
}

static mote_status eval_irfft_f32(const mote__node *n, void *const *t)
{
	mote_irfft_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0),
		       n->scratch);
	return MOTE_OK;
}

/* Everything prepare learns before allocating. */
typedef struct fft_setup {
	mote_fft_plan plan; /* length, direction, stages */
	mote_type type; /* element type T */
	int32_t frames; /* frames per invoke */
	int32_t in_len; /* input elements per frame (complex for Irfft) */
} fft_setup;

/* Persistent bytes: the params struct (size `head`, rounded up to 8),
 * then the twiddles of `cpx` bytes each. */
static size_t fft_bytes(const fft_setup *f, size_t head, size_t cpx)
{
	return (head + 7) / 8 * 8 + mote_fft_twiddle_count(&f->plan) * cpx;
}

static void *fft_twiddles_at(void *params, size_t head)
{
	return (uint8_t *)params + (head + 7) / 8 * 8;
}

static mote_status finish_s16(mote__prep *p, const fft_setup *f)
{
	mote_rfft_s16_params *k =
		mote__prep_alloc(p, fft_bytes(f, sizeof *k, sizeof(mote_cpx_s16)));
	if (!k)
		return MOTE_OK;
	mote_cpx_s16 *tw = fft_twiddles_at(k, sizeof *k);
	mote_fft_twiddles_s16(&f->plan, tw);
	k->plan = f->plan;
	k->twiddles = tw;
	k->frames = f->frames;
	k->in_len = f->in_len;
	mote__prep_set(p, f->plan.inverse ? eval_irfft_s16 : eval_rfft_s16,
		       NULL, k);
	return MOTE_OK;
}

static mote_status finish_s32(mote__prep *p, const fft_setup *f)
{
	mote_rfft_s32_params *k =
		mote__prep_alloc(p, fft_bytes(f, sizeof *k, sizeof(mote_cpx_s32)));
	if (!k)
		return MOTE_OK;
	mote_cpx_s32 *tw = fft_twiddles_at(k, sizeof *k);
	mote_fft_twiddles_s32(&f->plan, tw);
	k->plan = f->plan;
	k->twiddles = tw;
	k->frames = f->frames;
	k->in_len = f->in_len;
	mote__prep_set(p, f->plan.inverse ? eval_irfft_s32 : eval_rfft_s32,
		       NULL, k);
	return MOTE_OK;
}

static mote_status finish_f32(mote__prep *p, const fft_setup *f)
{
	mote_rfft_f32_params *k =
		mote__prep_alloc(p, fft_bytes(f, sizeof *k, sizeof(mote_cpx_f32)));
	if (!k)
		return MOTE_OK;
	mote_cpx_f32 *tw = fft_twiddles_at(k, sizeof *k);
	mote_fft_twiddles_f32(&f->plan, tw);
	k->plan = f->plan;
	k->twiddles = tw;
	k->frames = f->frames;
	k->in_len = f->in_len;
	mote__prep_set(p, f->plan.inverse ? eval_irfft_f32 : eval_rfft_f32,
		       NULL, k);
	return MOTE_OK;
}

/* Reads T and fft_length, and checks the tensors against them. */
static mote_status fft_options(mote__prep *p, const mote__tensor *in,
			       const mote__tensor *out, bool inverse,
			       fft_setup *f)
{
	mote__flex_ref map;
	int32_t type, len;
	mote_status s;

	if ((s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "T", 0, 255, &type)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "fft_length", 2, INT32_MAX / 4,
				  &len)) != MOTE_OK)
		return s;
	if (type != MOTE_INT16 && type != MOTE_INT32 && type != MOTE_FLOAT32)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "T must be int16, int32 or float32");
	if (in->type != (mote_type)type || out->type != (mote_type)type)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, in->index,
				       "tensor types differ from option T");
	if (!mote_fft_plan_init(&f->plan, len, inverse))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "fft_length must be even, >= 4, and "
				       "fft_length / 2 a product of 2, 3 and 5");
	f->type = in->type;
	return MOTE_OK;
}

/* Rank and outer dims of input and output agree. */
static bool same_outer(const mote__tensor *in, const mote__tensor *out)
{
	if (in->rank < 1 || in->rank != out->rank)
		return false;
	for (int32_t d = 0; d + 1 < in->rank; d++) {
		if (in->dims[d] != out->dims[d])
			return false;
	}
	return true;
}

/* Checks the frame lengths for the direction of f. */
static mote_status fft_shapes(mote__prep *p, const mote__tensor *in,
			      const mote__tensor *out, fft_setup *f)
{
	const int32_t in_inner = mote__signal_inner(in);
	const int32_t out_inner = mote__signal_inner(out);
	const mote_fft_plan *pl = &f->plan;
	if (!same_outer(in, out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "input and output differ but in the "
				       "last dim");
	f->frames = mote__signal_outer(in);
	if (!pl->inverse) {
		f->in_len = in_inner;
		if (in_inner < 1 || in_inner > pl->fft_length)
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
					       "frame longer than fft_length");
		if (out_inner != 2 * (pl->n + 1))
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
					       "output last dim must be "
					       "2 * (fft_length / 2 + 1)");
		return MOTE_OK;
	}
	f->in_len = in_inner / 2;
	if (in_inner % 2 != 0 || f->in_len < pl->n + 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input last dim must be even and >= "
				       "2 * (fft_length / 2 + 1)");
	if (out_inner != pl->fft_length)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output last dim must be fft_length");
	return MOTE_OK;
}

static mote_status prepare_fft(mote__prep *p, bool inverse)
{
	mote__tensor in, out;
	fft_setup f;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = fft_options(p, &in, &out, inverse, &f)) != MOTE_OK ||
	    (s = fft_shapes(p, &in, &out, &f)) != MOTE_OK)
		return s;
	switch (f.type) {
	case MOTE_INT16:
		mote__prep_scratch(p, mote_rfft_s16_scratch_size(&f.plan));
		return finish_s16(p, &f);
	case MOTE_INT32:
		mote__prep_scratch(p, mote_rfft_s32_scratch_size(&f.plan));
		return finish_s32(p, &f);
	default:
		mote__prep_scratch(p, mote_rfft_f32_scratch_size(&f.plan));
		return finish_f32(p, &f);
	}
}

static mote_status prepare_rfft(mote__prep *p)
{
	return prepare_fft(p, false);
}

static mote_status prepare_irfft(mote__prep *p)
{
	return prepare_fft(p, true);
}

const mote_op mote_op_signal_rfft = { 32, "SignalRfft", "SignalRfft",
				      prepare_rfft };
const mote_op mote_op_signal_irfft = { 32, "SignalIrfft", "SignalIrfft",
				       prepare_irfft };
