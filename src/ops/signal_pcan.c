/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_pcan.c - the SignalPCAN custom operator (signal library).
 *
 * Inputs: 0 signal (uint32 [n]), 1 noise estimate (uint32 [n]), 2 gain
 * table (int16, at least MOTE_PCAN_LUT_SIZE entries). Output: uint32 [n].
 * Custom options (FlexBuffer map): snr_shift (0 .. 63). See signal/pcan.h.
 */
#include "ops/signal_options.h"
#include "signal/pcan.h"

static mote_status eval(const mote__node *n, void *const *t)
{
	mote_pcan_u32(n->params, mote__in(n, t, 0), mote__in(n, t, 1),
		      mote__in(n, t, 2), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *noise, const mote__tensor *lut,
			 const mote__tensor *out)
{
	mote_status s;
	if ((s = mote__signal_expect(p, in, MOTE_UINT32, 1,
				     "signal must be uint32 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, noise, MOTE_UINT32, 1,
				     "noise estimate must be uint32 of rank "
				     "1")) != MOTE_OK ||
	    (s = mote__signal_expect(p, lut, MOTE_INT16, 1,
				     "gain table must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, out, MOTE_UINT32, 1,
				     "output must be uint32 of rank 1")) !=
		    MOTE_OK)
		return s;
	if (noise->elems != in->elems || out->elems != in->elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "signal, noise estimate and output "
				       "differ in size");
	if (lut->elems < MOTE_PCAN_LUT_SIZE)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, lut->index,
				       "gain table has fewer than 125 entries");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, noise, lut, out;
	mote__flex_ref map;
	mote_pcan_params k;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 3, 3, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &noise)) != MOTE_OK ||
	    (s = mote__prep_in(p, 2, &lut)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &in, &noise, &lut, &out)) != MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "snr_shift", 0, 63,
				  &k.snr_shift)) != MOTE_OK)
		return s;
	k.channels = (int32_t)in.elems;
	mote__prep_share(p, 0, 0);

	mote_pcan_params *kp = mote__prep_alloc(p, sizeof *kp);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__prep_set(p, eval, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_pcan = { 32, "SignalPCAN", "SignalPCAN",
				      prepare };
