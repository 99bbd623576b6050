/* SPDX-License-Identifier: Apache-2.0 */
/*
 * circular_buffer.c - the CIRCULAR_BUFFER custom operator (TFLM), used by
 * strided streaming models.
 *
 * Input: int8 [b, 1, w, d]. Output: int8 [b, n_slots, w, d], normally a
 * variable tensor: the buffer itself, kept across invokes. Every invoke
 * shifts the buffer by one sample of w * d values and appends the input
 * (see kernels/circular_buffer.h; like TFLM, the batch dim is not
 * iterated: b > 1 shifts the flat buffer as if b were 1). When the
 * output is not variable, the buffer lives in this operator's persistent
 * memory and is copied to the output after each step.
 *
 * Custom options (FlexBuffer map, optional): cycles_max. The operator
 * counts invokes down from cycles_max; when the count reaches 0 it
 * reloads cycles_max and lets the graph go on, otherwise it ends the
 * invoke early, as TFLM's kTfLiteAbort does, so that the operators after
 * it run only every cycles_max-th invoke: eval returns MOTE_STOPPED, and
 * mote_invoke() passes it to the caller (not an error: no new output).
 *
 * cycles_max <= 0 (or absent) makes TFLM guess the period from the shape,
 * for the two streaming models it was written for: 1 when n_slots is 5,
 * 13 or 25, or when this is the 5th such operator prepared since the
 * guess last gave 1 and w = 2, d = 96; else 2. TFLM counts in a
 * process-wide static; mote counts the CIRCULAR_BUFFER operators without
 * a positive cycles_max that come before this one in prepare order
 * (subgraph by subgraph, operator by operator), which is what TFLM does
 * for a model in a fresh process.
 *
 * Reset (mote_reset) reloads the count and, for the buffer kept here,
 * fills it with the output zero point as the interpreter does for
 * variable tensors.
 */
#include <string.h>

#include "kernels/circular_buffer.h"
#include "model/flexbuf.h"
#include "runtime/op.h"

/* What eval returns while a step is not due (see the file header). */
static const mote_status NOT_DUE = MOTE_STOPPED;

/* The custom code of this operator. */
static const char CODE[] = "CIRCULAR_BUFFER";

/* Mutable state, in persistent memory. */
typedef struct cb_state {
	int32_t until_run; /* invokes left until the next one that is due */
} cb_state;

/* What eval needs, kept in the arena. */
typedef struct cb_op {
	mote_circular_buffer_params k; /* kernel parameters */
	int32_t cycles_max; /* period in invokes, >= 1 */
	cb_state *state; /* the countdown */
	int8_t *buf; /* the buffer when the output is not variable, or NULL */
	size_t buf_bytes; /* its size (the output's) */
	int8_t zp; /* output zero point: the value buf is reset to */
} cb_op;

static mote_status eval(const mote__node *n, void *const *t)
{
	const cb_op *o = n->params;
	int8_t *out = mote__out(n, t, 0);

	if (o->buf) {
		mote_circular_buffer_s8(&o->k, mote__in(n, t, 0), o->buf);
		memcpy(out, o->buf, o->buf_bytes);
	} else {
		mote_circular_buffer_s8(&o->k, mote__in(n, t, 0), out);
	}
	if (--o->state->until_run != 0)
		return NOT_DUE;
	o->state->until_run = o->cycles_max;
	return MOTE_OK;
}

static void reset(const mote__node *n, void *const *t)
{
	const cb_op *o = n->params;
	(void)t;
	o->state->until_run = o->cycles_max;
	if (o->buf)
		memset(o->buf, o->zp, o->buf_bytes);
}

/* cycles_max from custom options buf[0 .. len): 0 when there are none or
 * the key is absent. E_BAD_OPTIONS (with *what set) if they are malformed
 * or the value is not an int32. */
static mote_status read_cycles(const uint8_t *buf, size_t len, int32_t *out,
			       const char **what)
{
	mote__flex_ref map;
	mote__flex_err e;

	*out = 0;
	if (len == 0)
		return MOTE_OK;
	e = mote__flex_open_map(buf, len, &map);
	if (e != MOTE__FLEX_OK) {
		*what = e == MOTE__FLEX_E_BAD_TYPE
				? "custom options are not a FlexBuffer map"
				: mote__flex_err_str(e);
		return MOTE_E_BAD_OPTIONS;
	}
	if (mote__flex_get_i32(&map, "cycles_max", 0, out) != MOTE__FLEX_OK) {
		*what = "custom option 'cycles_max' is not an int32";
		return MOTE_E_BAD_OPTIONS;
	}
	return MOTE_OK;
}

/* TFLM's guess for a period that the options leave open; `count` is the
 * guessing operators' count including this one, and is cleared when the
 * guess is 1. */
static int32_t guess_period(const mote__tensor *out, int32_t *count)
{
	int32_t slots = out->dims[1];
	if (slots == 5 || slots == 13 || slots == 25 ||
	    (*count == 5 && out->dims[2] == 2 && out->dims[3] == 96)) {
		*count = 0;
		return 1;
	}
	return 2;
}


/* Replays TFLM's guess over one earlier operator (table position `op` in
 * subgraph g): counts it if it is a CIRCULAR_BUFFER without a positive
 * cycles_max. */
static void replay(const mote_model *m, uint32_t g, uint32_t op,
		   int32_t *count)
{
	int32_t builtin, version, cycles;
	const char *custom, *what;
	uint32_t n;
	size_t len;
	mote__tensor out;

	mote__op_code(m, op, &builtin, &custom, &version);
	if (builtin != MOTE_BUILTIN_CUSTOM || !custom || strcmp(custom, CODE))
		return;
	const uint8_t *buf = mote__op_custom(m, op, &len);
	if (read_cycles(buf, len, &cycles, &what) != MOTE_OK || cycles > 0)
		return;
	const int32_t *outs = mote__op_io(m, op, FB_OP_OUTPUTS, &n);
	if (n < 1 || outs[0] < 0)
		return;
	mote__model_tensor(m, g, outs[0], &out);
	if (out.rank != 4)
		return;
	(*count)++;
	guess_period(&out, count);
}

/* The period TFLM guesses for this operator (output `out`). */
static int32_t guessed_period(const mote__prep *p, const mote__tensor *out)
{
	const mote_model *m = mote__prep_interp(p)->model;
	uint32_t sg = mote__prep_subgraph(p);
	uint32_t idx = (uint32_t)mote__prep_op_index(p);
	int32_t count = 0;

	for (uint32_t g = 0; g <= sg; g++) {
		uint32_t end = g == sg ? idx : mote__sg_n_ops(m, g);
		for (uint32_t i = 0; i < end; i++)
			replay(m, g, mote__model_op(m, g, i), &count);
	}
	count++;
	return guess_period(out, &count);
}

static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *out)
{
	if (in->type != MOTE_INT8 || out->type != MOTE_INT8)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in->index,
				       "input and output must be int8");
	if (in->rank != 4 || out->rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "input and output must have rank 4");
	if (in->dims[1] != 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input dim 1 must be 1");
	if (in->dims[0] != out->dims[0] || in->dims[2] != out->dims[2] ||
	    in->dims[3] != out->dims[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output dims 0, 2, 3 must equal the "
				       "input's");
	if (out->dims[0] < 1 || out->dims[1] < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output needs a batch and a slot");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor in, out;
	const char *what = NULL;
	size_t len;
	cb_op k = { 0 };
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &in, &out)) != MOTE_OK)
		return s;
	const uint8_t *opts = mote__prep_custom(p, &len);
	if (read_cycles(opts, len, &k.cycles_max, &what) != MOTE_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, what);
	if (k.cycles_max <= 0)
		k.cycles_max = guessed_period(p, &out);

	k.k.n_slots = out.dims[1];
	k.k.depth = out.dims[2] * out.dims[3];
	k.zp = (int8_t)mote__zp(&out, 0);
	if (!out.is_variable)
		k.buf_bytes = out.bytes;

	const size_t head = (sizeof k + 7) / 8 * 8;
	const size_t state = (sizeof(cb_state) + 7) / 8 * 8;
	uint8_t *mem = mote__prep_alloc(p, head + state + k.buf_bytes);
	if (!mem)
		return MOTE_OK;
	k.state = (cb_state *)(void *)(mem + head);
	k.buf = k.buf_bytes ? (int8_t *)(mem + head + state) : NULL;
	memcpy(mem, &k, sizeof k);
	mote__prep_set(p, eval, reset, mem);
	return MOTE_OK;
}

const mote_op mote_op_circular_buffer = { 32, CODE, CODE, prepare };
