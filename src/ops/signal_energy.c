/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_energy.c - the SignalEnergy custom operator (signal library).
 *
 * Input: int16 [2 * bins], interleaved complex bins (an Rfft output).
 * Output: uint32 [m]. Custom options (FlexBuffer map): start_index,
 * end_index, with 0 <= start_index <= end_index <= min(bins, m).
 * Outputs outside start_index .. end_index - 1, which TFLM leaves
 * unwritten, are 0; see signal/energy.h.
 */
#include "ops/signal_options.h"
#include "signal/energy.h"

static mote_status eval(const mote__node *n, void *const *t)
{
	mote_energy_s16(n->params, mote__in(n, t, 0), mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, out;
	mote__flex_ref map;
	mote_energy_params k;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_INT16, 1,
				     "input must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_UINT32, 1,
				     "output must be uint32 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "start_index", 0, INT32_MAX,
				  &k.start)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "end_index", 0, INT32_MAX,
				  &k.end)) != MOTE_OK)
		return s;
	if (k.start > k.end)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "start_index is above end_index");
	if ((size_t)k.end > in.elems / 2 || (size_t)k.end > out.elems)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, out.index,
				       "end_index is past the input bins or "
				       "the output");

	k.n_out = (int32_t)out.elems;

	mote_energy_params *kp = mote__prep_alloc(p, sizeof *kp);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__prep_set(p, eval, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_energy = { 32, "SignalEnergy", "SignalEnergy",
					prepare };
