/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_framing.c - the signal library's stream custom operators, each
 * with per-stream state in persistent memory, cleared by its reset
 * function (see signal/framing.h for the semantics):
 *
 * SignalDelay: input int16 [..., frame]; output the same shape. Options:
 *   delay_length (>= 0).
 * SignalFramer: input int16 [..., k * frame_step]; outputs 0 int16
 *   [..., k, frame_size], 1 bool scalar (every frame produced). Options:
 *   frame_size (>= 1), frame_step (>= 1), prefill (bool; needs
 *   frame_step <= frame_size).
 * SignalStacker: input int16 [num_channels]; outputs 0 int16
 *   [num_channels * (left + right + 1)], 1 bool scalar (output produced).
 *   Options: num_channels (>= 1), stacker_left_context,
 *   stacker_right_context (>= 0), stacker_step (1 .. left + right + 1).
 * SignalOverlapAdd: input T [..., frames, frame_size]; output T
 *   [..., frames * frame_step]; T int16 or float32. Options: T (the TFLite
 *   tensor type), frame_step (1 .. frame_size).
 */
#include "ops/signal_options.h"
#include "signal/framing.h"

/* Persistent bytes of a params struct of `head` bytes followed by arrays:
 * offsets are rounded up to 8. */
static size_t round8(size_t n)
{
	return (n + 7) / 8 * 8;
}

/* ---- SignalDelay ------------------------------------------------------- */

static mote_status eval_delay(const mote__node *n, void *const *t)
{
	mote_delay_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static void reset_delay(const mote__node *n, void *const *t)
{
	(void)t;
	mote_delay_reset(n->params);
}

static mote_status prepare_delay(mote__prep *p)
{
	mote__tensor in, out;
	mote__flex_ref map;
	mote_delay_params k = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_INT16, -1,
				     "input must be int16")) != MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_INT16, in.rank,
				     "output must be int16 of the input's "
				     "rank")) != MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "delay_length", 0, INT32_MAX / 2,
				  &k.delay)) != MOTE_OK)
		return s;
	if (in.rank < 1 || !mote__same_shape(&in, &out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output shape differs from the input");
	k.frame = mote__signal_inner(&in);
	k.rows = mote__signal_outer(&in);

	const size_t head = round8(sizeof k);
	const size_t state = (size_t)k.rows * (size_t)k.delay;
	mote_delay_params *kp =
		mote__prep_alloc(p, head + state * sizeof *k.state);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	kp->state = (int16_t *)((uint8_t *)kp + head);
	mote__prep_set(p, eval_delay, reset_delay, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_delay = { 32, "SignalDelay", "SignalDelay",
				       prepare_delay };

/* ---- SignalFramer ------------------------------------------------------ */

static mote_status eval_framer(const mote__node *n, void *const *t)
{
	bool *valid = mote__out(n, t, 1);
	*valid = mote_framer_s16(n->params, mote__in(n, t, 0),
				 mote__out(n, t, 0));
	return MOTE_OK;
}

static void reset_framer(const mote__node *n, void *const *t)
{
	(void)t;
	mote_framer_reset(n->params);
}

static mote_status framer_options(mote__prep *p, mote_framer_params *k)
{
	mote__flex_ref map;
	mote_status s;

	if ((s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "frame_size", 1, INT16_MAX,
				  &k->size)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "frame_step", 1, INT16_MAX,
				  &k->step)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_BOOL(p, &map, "prefill", &k->prefill)) !=
		    MOTE_OK)
		return s;
	if (k->prefill && k->step > k->size)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "prefill needs frame_step <= frame_size");
	return MOTE_OK;
}

/* Output [outer..., n_frames, size] for input [outer..., n_frames * step]. */
static mote_status framer_shapes(mote__prep *p, const mote__tensor *in,
				 const mote__tensor *out,
				 const mote__tensor *valid,
				 mote_framer_params *k)
{
	mote_status s;
	if ((s = mote__signal_expect(p, in, MOTE_INT16, -1,
				     "input must be int16")) != MOTE_OK ||
	    (s = mote__signal_expect(p, out, MOTE_INT16, in->rank + 1,
				     "output must be int16 of rank input + "
				     "1")) != MOTE_OK ||
	    (s = mote__signal_expect(p, valid, MOTE_BOOL, 0,
				     "output_valid must be a bool scalar")) !=
		    MOTE_OK)
		return s;
	const int32_t inner = mote__signal_inner(in);
	if (in->rank < 1 || inner < k->step || inner % k->step != 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input last dim must be a multiple of "
				       "frame_step");
	k->n_frames = inner / k->step;
	k->rows = mote__signal_outer(in);
	bool ok = out->dims[in->rank - 1] == k->n_frames &&
		  out->dims[in->rank] == k->size;
	for (int32_t d = 0; d + 1 < in->rank; d++)
		ok = ok && out->dims[d] == in->dims[d];
	if (!ok)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output must be [..., frames, "
				       "frame_size]");
	return MOTE_OK;
}

static mote_status prepare_framer(mote__prep *p)
{
	mote__tensor in, out, valid;
	mote_framer_params k = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 2)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_out(p, 1, &valid)) != MOTE_OK ||
	    (s = framer_options(p, &k)) != MOTE_OK ||
	    (s = framer_shapes(p, &in, &out, &valid, &k)) != MOTE_OK)
		return s;
	k.capacity = (k.size + k.step - 1) / k.step * k.step;

	const size_t head = round8(sizeof k);
	const size_t buf = round8((size_t)k.rows * (size_t)k.capacity *
				  sizeof *k.buf);
	mote_framer_params *kp = mote__prep_alloc(
		p, head + buf + (size_t)k.rows * sizeof *k.held);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	kp->buf = (int16_t *)((uint8_t *)kp + head);
	kp->held = (int32_t *)((uint8_t *)kp + head + buf);
	mote__prep_set(p, eval_framer, reset_framer, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_framer = { 32, "SignalFramer", "SignalFramer",
					prepare_framer };

/* ---- SignalStacker ----------------------------------------------------- */

static mote_status eval_stacker(const mote__node *n, void *const *t)
{
	bool *valid = mote__out(n, t, 1);
	*valid = mote_stacker_s16(n->params, mote__in(n, t, 0),
				  mote__out(n, t, 0));
	return MOTE_OK;
}

static void reset_stacker(const mote__node *n, void *const *t)
{
	(void)t;
	mote_stacker_reset(n->params);
}

static mote_status stacker_options(mote__prep *p, mote_stacker_params *k)
{
	mote__flex_ref map;
	int32_t right, step;
	mote_status s;

	if ((s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "num_channels", 1, INT16_MAX,
				  &k->channels)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "stacker_left_context", 0,
				  INT16_MAX, &k->left)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "stacker_right_context", 0,
				  INT16_MAX, &right)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "stacker_step", 1, INT16_MAX,
				  &step)) != MOTE_OK)
		return s;
	const int32_t frames = k->left + right + 1;
	if (step > frames)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "stacker_step exceeds the stacked "
				       "frames");
	k->size = k->channels * frames;
	k->step = k->channels * step;
	return MOTE_OK;
}

static mote_status prepare_stacker(mote__prep *p)
{
	mote__tensor in, out, valid;
	mote_stacker_params k = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 2)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_out(p, 1, &valid)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_INT16, 1,
				     "input must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_INT16, 1,
				     "output must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &valid, MOTE_BOOL, 0,
				     "output_valid must be a bool scalar")) !=
		    MOTE_OK ||
	    (s = stacker_options(p, &k)) != MOTE_OK)
		return s;
	if (in.elems != (size_t)k.channels)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "input size differs from num_channels");
	if (out.elems != (size_t)k.size)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output size must be num_channels * "
				       "(left + right + 1)");

	const size_t head = round8(sizeof k);
	const size_t buf = round8((size_t)k.size * sizeof *k.buf);
	mote_stacker_params *kp = mote__prep_alloc(p, head + buf + 8);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	kp->buf = (int16_t *)((uint8_t *)kp + head);
	kp->held = (int32_t *)((uint8_t *)kp + head + buf);
	kp->started = (bool *)((uint8_t *)kp + head + buf + sizeof *k.held);
	mote__prep_set(p, eval_stacker, reset_stacker, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_stacker = { 32, "SignalStacker",
					 "SignalStacker", prepare_stacker };

/* ---- SignalOverlapAdd -------------------------------------------------- */

static mote_status eval_overlap_add_s16(const mote__node *n, void *const *t)
{
	mote_overlap_add_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_overlap_add_f32(const mote__node *n, void *const *t)
{
	mote_overlap_add_f32(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static void reset_overlap_add_s16(const mote__node *n, void *const *t)
{
	(void)t;
	mote_overlap_add_reset_s16(n->params);
}

static void reset_overlap_add_f32(const mote__node *n, void *const *t)
{
	(void)t;
	mote_overlap_add_reset_f32(n->params);
}

/* Input [outer..., frames, size], output [outer..., frames * step]. */
static mote_status overlap_add_shapes(mote__prep *p, const mote__tensor *in,
				      const mote__tensor *out,
				      mote_overlap_add_params *k)
{
	if (in->rank < 2 || out->rank != in->rank - 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "input rank must be >= 2 and the "
				       "output's one less");
	k->size = in->dims[in->rank - 1];
	k->n_frames = in->dims[in->rank - 2];
	if (k->step > k->size)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, in->index,
				       "frame_step exceeds the frame size");
	bool ok = (int64_t)out->dims[out->rank - 1] ==
		  (int64_t)k->n_frames * k->step;
	int64_t rows = 1;
	for (int32_t d = 0; d + 2 < in->rank; d++) {
		ok = ok && out->dims[d] == in->dims[d];
		rows *= in->dims[d];
	}
	if (!ok)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output must be [..., frames * "
				       "frame_step]");
	k->rows = (int32_t)rows;
	return MOTE_OK;
}

static mote_status prepare_overlap_add(mote__prep *p)
{
	mote__tensor in, out;
	mote__flex_ref map;
	mote_overlap_add_params k = { 0 };
	int32_t type;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "T", 0, 255, &type)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "frame_step", 1, INT32_MAX,
				  &k.step)) != MOTE_OK)
		return s;
	if (type != MOTE_INT16 && type != MOTE_FLOAT32)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "T must be int16 or float32");
	if ((s = mote__signal_expect(p, &in, (mote_type)type, -1,
				     "input type differs from option T")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, (mote_type)type, -1,
				     "output type differs from option T")) !=
		    MOTE_OK ||
	    (s = overlap_add_shapes(p, &in, &out, &k)) != MOTE_OK)
		return s;

	const size_t head = round8(sizeof k);
	const size_t state = (size_t)k.rows * (size_t)k.size;
	mote_overlap_add_params *kp = mote__prep_alloc(
		p, head + state * mote_type_size((mote_type)type));
	if (!kp)
		return MOTE_OK;
	*kp = k;
	kp->buf = (uint8_t *)kp + head;
	if (type == MOTE_INT16)
		mote__prep_set(p, eval_overlap_add_s16, reset_overlap_add_s16,
			       kp);
	else
		mote__prep_set(p, eval_overlap_add_f32, reset_overlap_add_f32,
			       kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_overlap_add = { 32, "SignalOverlapAdd",
					     "SignalOverlapAdd",
					     prepare_overlap_add };
