/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_window.c - the SignalWindow custom operator (signal library).
 *
 * Inputs: 0 signal (int16, rank >= 1), 1 window weights (int16, rank 1).
 * Output: int16, the signal's shape. Custom options (FlexBuffer map):
 * shift (0 .. 31). The signal is a whole number of windows; see
 * signal/window.h for the arithmetic.
 */
#include "ops/signal_options.h"
#include "signal/window.h"

static mote_status eval(const mote__node *n, void *const *t)
{
	mote_window_s16(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
			mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *w, const mote__tensor *out)
{
	mote_status s;
	if ((s = mote__signal_expect(p, in, MOTE_INT16, -1,
				     "signal must be int16")) != MOTE_OK ||
	    (s = mote__signal_expect(p, w, MOTE_INT16, 1,
				     "window must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, out, MOTE_INT16, in->rank,
				     "output must be int16 of the signal's "
				     "rank")) != MOTE_OK)
		return s;
	if (in->rank < 1 || !mote__same_shape(in, out))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output shape differs from the signal");
	if (w->elems == 0 || in->elems % w->elems != 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, w->index,
				       "signal is not a whole number of windows");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, w, out;
	mote__flex_ref map;
	mote_window_params k;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &w)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &in, &w, &out)) != MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "shift", 0, 31, &k.shift)) !=
		    MOTE_OK)
		return s;
	k.n = (int32_t)in.elems;
	k.len = (int32_t)w.elems;
	mote__prep_share(p, 0, 0);

	mote_window_params *kp = mote__prep_alloc(p, sizeof *kp);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__prep_set(p, eval, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_window = { 32, "SignalWindow", "SignalWindow",
					prepare };
