/* SPDX-License-Identifier: Apache-2.0 */
/*
 * signal_filter_bank.c - the signal library's filter bank custom
 * operators (see signal/filter_bank.h for the arithmetic):
 *
 * SignalFilterBank: inputs 0 energy (uint32 [bins]), 1 weights, 2
 *   unweights (int16 [w]), 3 channel frequency starts, 4 channel weight
 *   starts, 5 channel widths (int16, num_channels + 1 each); output uint64
 *   [num_channels]. Options: num_channels. Constant channel tables are
 *   checked here once; others at every invoke (E_EVAL if a channel would
 *   read outside the energy or the weights).
 * SignalFilterBankSquareRoot: inputs 0 uint64 [n], 1 scale bits (int32
 *   scalar, read at every invoke: E_EVAL unless 0 .. 31); output uint32
 *   [n]. No options.
 * SignalFilterBankSpectralSubtraction: input uint32 [n]; outputs 0 uint32
 *   [n] (the signal less the noise), 1 uint32 [n] (the noise estimate,
 *   kept in persistent state across invokes and cleared on reset).
 *   Options: num_channels (= n), smoothing, one_minus_smoothing,
 *   alternate_smoothing, alternate_one_minus_smoothing,
 *   min_signal_remaining (int32, used as uint32 like TFLM), smoothing_bits
 *   (0 .. 31), spectral_subtraction_bits (0 .. 63), clamping (bool).
 * SignalFilterBankLog: input uint32 [n]; output int16 [n]. Options:
 *   input_correction_bits (0 .. 31), output_scale (int32, used as uint32).
 */
#include "ops/signal_options.h"
#include "signal/filter_bank.h"

#include <string.h>

/* ---- SignalFilterBank -------------------------------------------------- */

/* What eval needs. */
typedef struct filter_bank_op {
	mote_filter_bank_params k; /* sizes */
	bool check_tables; /* channel tables are not constant */
} filter_bank_op;

static mote_status eval_filter_bank(const mote__node *n, void *const *t)
{
	const filter_bank_op *op = n->params;
	const int16_t *freq = mote__in(n, t, 3);
	const int16_t *wstart = mote__in(n, t, 4);
	const int16_t *width = mote__in(n, t, 5);
	if (op->check_tables &&
	    !mote_filter_bank_valid(&op->k, freq, wstart, width))
		return MOTE_E_EVAL;
	mote_filter_bank_u32(&op->k, mote__in(n, t, 0), mote__in(n, t, 1),
			     mote__in(n, t, 2), freq, wstart, width,
			     mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status filter_bank_types(mote__prep *p, const mote__tensor *in,
				     const mote__tensor *out)
{
	mote_status s;
	if ((s = mote__signal_expect(p, &in[0], MOTE_UINT32, 1,
				     "energy must be uint32 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, out, MOTE_UINT64, 1,
				     "output must be uint64 of rank 1")) !=
		    MOTE_OK)
		return s;
	for (int i = 1; i < 6; i++) {
		s = mote__signal_expect(p, &in[i], MOTE_INT16, 1,
					"filter bank tables must be int16 of "
					"rank 1");
		if (s != MOTE_OK)
			return s;
	}
	return MOTE_OK;
}

static mote_status prepare_filter_bank(mote__prep *p)
{
	mote__tensor in[6], out;
	mote__flex_ref map;
	filter_bank_op op = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 6, 6, 1)) != MOTE_OK)
		return s;
	for (int i = 0; i < 6; i++) {
		if ((s = mote__prep_in(p, i, &in[i])) != MOTE_OK)
			return s;
	}
	if ((s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = filter_bank_types(p, in, &out)) != MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "num_channels", 0, INT16_MAX,
				  &op.k.channels)) != MOTE_OK)
		return s;
	if (out.elems != (size_t)op.k.channels)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output size differs from num_channels");
	for (int i = 3; i < 6; i++) {
		if (in[i].elems < (size_t)op.k.channels + 1)
			return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in[i].index,
					       "channel table shorter than "
					       "num_channels + 1");
	}
	op.k.n_in = (int32_t)in[0].elems;
	op.k.n_weights = (int32_t)(in[1].elems < in[2].elems ? in[1].elems
							      : in[2].elems);
	op.check_tables = !in[3].data || !in[4].data || !in[5].data;
	if (!op.check_tables &&
	    !mote_filter_bank_valid(&op.k, in[3].data, in[4].data, in[5].data))
		return mote__prep_fail(p, MOTE_E_INVALID, in[5].index,
				       "a channel reads outside the energy or "
				       "the weights");

	filter_bank_op *opp = mote__prep_alloc(p, sizeof *opp);
	if (!opp)
		return MOTE_OK;
	*opp = op;
	mote__prep_set(p, eval_filter_bank, NULL, opp);
	return MOTE_OK;
}

const mote_op mote_op_signal_filter_bank = { 32, "SignalFilterBank",
					     "SignalFilterBank",
					     prepare_filter_bank };

/* ---- SignalFilterBankSquareRoot ----------------------------------------- */

static mote_status eval_square_root(const mote__node *n, void *const *t)
{
	const int32_t *len = n->params;
	const int32_t bits = *(const int32_t *)mote__in(n, t, 1);
	if (bits < 0 || bits > 31)
		return MOTE_E_EVAL;
	mote_filter_bank_sqrt_u64(mote__in(n, t, 0), *len, bits,
				  mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status prepare_square_root(mote__prep *p)
{
	mote__tensor in, bits, out;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &bits)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_UINT64, 1,
				     "input must be uint64 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &bits, MOTE_INT32, 0,
				     "scale bits must be an int32 scalar")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_UINT32, 1,
				     "output must be uint32 of rank 1")) !=
		    MOTE_OK)
		return s;
	if (out.elems != in.elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output size differs from the input");

	int32_t *len = mote__prep_alloc(p, sizeof *len);
	if (!len)
		return MOTE_OK;
	*len = (int32_t)in.elems;
	mote__prep_set(p, eval_square_root, NULL, len);
	return MOTE_OK;
}

const mote_op mote_op_signal_filter_bank_square_root = {
	32, "SignalFilterBankSquareRoot", "SignalFilterBankSquareRoot",
	prepare_square_root
};

/* ---- SignalFilterBankSpectralSubtraction --------------------------------- */

/* What eval needs; `noise` is the state. */
typedef struct subtraction_op {
	mote_spectral_subtraction_params k; /* coefficients */
	uint32_t *noise; /* channels noise estimates (persistent) */
} subtraction_op;

static mote_status eval_subtraction(const mote__node *n, void *const *t)
{
	const subtraction_op *op = n->params;
	mote_spectral_subtraction_u32(&op->k, mote__in(n, t, 0), op->noise,
				      mote__out(n, t, 0));
	memcpy(mote__out(n, t, 1), op->noise,
	       sizeof *op->noise * (size_t)op->k.channels);
	return MOTE_OK;
}

static void reset_subtraction(const mote__node *n, void *const *t)
{
	const subtraction_op *op = n->params;
	(void)t;
	memset(op->noise, 0, sizeof *op->noise * (size_t)op->k.channels);
}

/* Reads the options into k. */
static mote_status subtraction_options(mote__prep *p,
				       mote_spectral_subtraction_params *k)
{
	mote__flex_ref map;
	int32_t v[8];
	mote_status s;

	if ((s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "num_channels", 0, INT32_MAX,
				  &k->channels)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "smoothing", INT32_MIN, INT32_MAX,
				  &v[0])) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "one_minus_smoothing", INT32_MIN,
				  INT32_MAX, &v[1])) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "alternate_smoothing", INT32_MIN,
				  INT32_MAX, &v[2])) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "alternate_one_minus_smoothing",
				  INT32_MIN, INT32_MAX, &v[3])) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "min_signal_remaining", INT32_MIN,
				  INT32_MAX, &v[4])) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "smoothing_bits", 0, 31, &v[5])) !=
		    MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "spectral_subtraction_bits", 0, 63,
				  &v[6])) != MOTE_OK ||
	    (s = MOTE__SIGNAL_BOOL(p, &map, "clamping", &k->clamping)) !=
		    MOTE_OK)
		return s;
	k->smoothing = (uint32_t)v[0];
	k->one_minus_smoothing = (uint32_t)v[1];
	k->alternate_smoothing = (uint32_t)v[2];
	k->alternate_one_minus_smoothing = (uint32_t)v[3];
	k->min_signal_remaining = (uint32_t)v[4];
	k->smoothing_bits = (uint32_t)v[5];
	k->spectral_subtraction_bits = (uint32_t)v[6];
	return MOTE_OK;
}

static mote_status prepare_subtraction(mote__prep *p)
{
	mote__tensor in, out, noise;
	subtraction_op op = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 2)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_out(p, 1, &noise)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_UINT32, 1,
				     "input must be uint32 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_UINT32, 1,
				     "output must be uint32 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &noise, MOTE_UINT32, 1,
				     "noise estimate must be uint32 of rank "
				     "1")) != MOTE_OK ||
	    (s = subtraction_options(p, &op.k)) != MOTE_OK)
		return s;
	const size_t c = (size_t)op.k.channels;
	if (in.elems != c || out.elems != c || noise.elems != c)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "input, output and noise estimate must "
				       "have num_channels values");

	const size_t head = (sizeof op + 7) / 8 * 8;
	subtraction_op *opp = mote__prep_alloc(p, head + c * sizeof *op.noise);
	if (!opp)
		return MOTE_OK;
	*opp = op;
	opp->noise = (uint32_t *)((uint8_t *)opp + head);
	mote__prep_set(p, eval_subtraction, reset_subtraction, opp);
	return MOTE_OK;
}

const mote_op mote_op_signal_filter_bank_spectral_subtraction = {
	32, "SignalFilterBankSpectralSubtraction",
	"SignalFilterBankSpectralSubtraction", prepare_subtraction
};

/* ---- SignalFilterBankLog ------------------------------------------------ */

static mote_status eval_log(const mote__node *n, void *const *t)
{
	mote_filter_bank_log_u32(n->params, mote__in(n, t, 0),
				 mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status prepare_log(mote__prep *p)
{
	mote__tensor in, out;
	mote__flex_ref map;
	mote_filter_bank_log_params k;
	int32_t bits, scale;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__signal_expect(p, &in, MOTE_UINT32, 1,
				     "input must be uint32 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_expect(p, &out, MOTE_INT16, 1,
				     "output must be int16 of rank 1")) !=
		    MOTE_OK ||
	    (s = mote__signal_opts(p, &map)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "input_correction_bits", 0, 31,
				  &bits)) != MOTE_OK ||
	    (s = MOTE__SIGNAL_INT(p, &map, "output_scale", INT32_MIN,
				  INT32_MAX, &scale)) != MOTE_OK)
		return s;
	if (out.elems != in.elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output size differs from the input");
	k.channels = (int32_t)in.elems;
	k.correction_bits = (uint32_t)bits;
	k.output_scale = (uint32_t)scale;

	mote_filter_bank_log_params *kp = mote__prep_alloc(p, sizeof *kp);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__prep_set(p, eval_log, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_signal_filter_bank_log = { 32, "SignalFilterBankLog",
						 "SignalFilterBankLog",
						 prepare_log };
