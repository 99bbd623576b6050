/* SPDX-License-Identifier: Apache-2.0 */
/*
 * control_flow.c - IF, WHILE and CALL_ONCE: operators that run subgraphs.
 *
 * Values move between the caller and a subgraph by copying whole tensors,
 * as TFLM does: an IF copies its inputs 1.. into the chosen branch's
 * inputs, runs it and copies its outputs out; a WHILE carries its loop
 * values through cond and body until cond yields false; CALL_ONCE runs its
 * init subgraph at the first invoke after init or mote_reset() (TFLM never
 * re-runs it; here a reset restores the state a fresh init has).
 * Shapes are static: every copied pair must have the same type and byte
 * size, checked at prepare.
 */
#include "runtime/op.h"

#include <string.h>

#define MAX_VALUES 32

enum { OPTS_IF = 92, OPTS_WHILE = 93, OPTS_CALL_ONCE = 103 };

/* A subgraph and its input/output tensor indices (in the model). */
typedef struct callee {
	uint32_t sg; /* subgraph index */
	const int32_t *in; /* its inputs */
	const int32_t *out; /* its outputs */
} callee;

typedef struct flow_params {
	mote_interp *it; /* the interpreter that runs the subgraphs */
	callee a; /* IF: then; WHILE: cond; CALL_ONCE: init */
	callee b; /* IF: else; WHILE: body */
	uint32_t n; /* values passed in (IF: inputs after the condition) */
	uint32_t n_out; /* values passed out */
	uint32_t bytes[MAX_VALUES]; /* byte size of each value passed in */
	uint32_t out_bytes[MAX_VALUES]; /* byte size of each value passed out */
	bool *done; /* CALL_ONCE: has run since init/reset (mutable) */
} flow_params;

/* Copies n tensors src[k] -> dst[k] of the given sizes. */
static void copy_values(void *const *dt, const int32_t *dst, void *const *st,
			const int32_t *src, const uint32_t *bytes, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		if (dt[dst[k]] != st[src[k]])
			memcpy(dt[dst[k]], st[src[k]], bytes[k]);
	}
}

/* Fills c for subgraph sg, checking its inputs against `n_in` tensors
 * `mine_in` of this op and its outputs against `mine_out` (if given). */
static mote_status bind_callee(mote__prep *p, uint32_t sg, callee *c,
			       const int32_t *mine_in, uint32_t n_in,
			       const int32_t *mine_out, uint32_t n_out,
			       uint32_t *bytes_in, uint32_t *bytes_out)
{
	uint32_t m_in, m_out;
	c->sg = sg;
	c->in = mote__prep_sg_io(p, sg, 1 /* inputs */, &m_in);
	c->out = mote__prep_sg_io(p, sg, 2 /* outputs */, &m_out);
	if (m_in != n_in || (mine_out && m_out != n_out))
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "subgraph input/output count");
	if (n_in > MAX_VALUES || n_out > MAX_VALUES)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, -1,
				       "more than 32 values through a subgraph");
	for (uint32_t k = 0; k < n_in + (mine_out ? n_out : 0); k++) {
		bool is_in = k < n_in;
		int32_t mine = is_in ? mine_in[k] : mine_out[k - n_in];
		int32_t theirs = is_in ? c->in[k] : c->out[k - n_in];
		mote__tensor a, b;
		mote_status s = mote__prep_tensor(p, mine, &a);
		if (s == MOTE_OK)
			s = mote__prep_sg_tensor(p, sg, theirs, &b);
		if (s != MOTE_OK)
			return s;
		if (a.type != b.type || a.bytes != b.bytes)
			return mote__prep_fail(p, MOTE_E_INVALID, mine,
					       "subgraph tensor type or size");
		if (is_in)
			bytes_in[k] = (uint32_t)a.bytes;
		else
			bytes_out[k - n_in] = (uint32_t)a.bytes;
	}
	return MOTE_OK;
}

static mote_status subgraph_option(mote__prep *p, unsigned field, uint32_t *sg)
{
	int32_t v = mote__opt_i32(p, field, -1);
	if (v <= 0 || (uint32_t)v >= mote__prep_n_subgraphs(p))
		return mote__prep_fail(p, MOTE_E_BAD_SUBGRAPH, -1,
				       "subgraph index in options");
	*sg = (uint32_t)v;
	return MOTE_OK;
}

/* Runs callee c on this op's values: copy in, invoke, copy out. */
static mote_status call(const flow_params *f, const callee *c,
			void *const *t, const int32_t *in, const int32_t *out,
			bool copy_out)
{
	void *const *ct = mote__graph_tensors(f->it, c->sg);
	copy_values(ct, c->in, t, in, f->bytes, f->n);
	mote_status s = mote__invoke_graph(f->it, c->sg);
	if (s == MOTE_OK && copy_out)
		copy_values(t, out, ct, c->out, f->out_bytes, f->n_out);
	return s;
}

static mote_status eval_if(const mote__node *n, void *const *t)
{
	const flow_params *f = n->params;
	/* A bool byte: nonzero is true (no load of a non-0/1 bool). */
	const bool cond = *(const uint8_t *)mote__in(n, t, 0) != 0;
	return call(f, cond ? &f->a : &f->b, t, n->in + 1, n->out, true);
}

static mote_status prepare_if(mote__prep *p)
{
	mote__tensor cond;
	uint32_t then_sg = 0, else_sg = 0, n_in, n_out;
	const int32_t *in = mote__prep_inputs(p, &n_in);
	const int32_t *out = mote__prep_outputs(p, &n_out);
	flow_params f;
	memset(&f, 0, sizeof f);
	mote_status s = mote__prep_in(p, 0, &cond);
	if (s == MOTE_OK && (cond.type != MOTE_BOOL || cond.elems != 1))
		s = mote__prep_fail(p, MOTE_E_INVALID, cond.index,
				    "IF condition must be one bool");
	if (s == MOTE_OK)
		s = subgraph_option(p, 0, &then_sg);
	if (s == MOTE_OK)
		s = subgraph_option(p, 1, &else_sg);
	f.n = n_in - 1;
	f.n_out = n_out;
	if (s == MOTE_OK)
		s = bind_callee(p, then_sg, &f.a, in + 1, f.n, out, n_out,
				f.bytes, f.out_bytes);
	if (s == MOTE_OK)
		s = bind_callee(p, else_sg, &f.b, in + 1, f.n, out, n_out,
				f.bytes, f.out_bytes);
	if (s != MOTE_OK)
		return s;
	flow_params *params = mote__prep_alloc(p, sizeof *params);
	if (!params)
		return MOTE_OK;
	*params = f;
	params->it = mote__prep_interp(p);
	mote__prep_set(p, eval_if, NULL, params);
	return MOTE_OK;
}

/* WHILE: values start as the op's inputs; while cond(values) is true,
 * values = body(values), kept in the op's outputs. */
static mote_status eval_while(const mote__node *n, void *const *t)
{
	const flow_params *f = n->params;
	const int32_t *cur = n->in;
	for (;;) {
		mote_status s = call(f, &f->a, t, cur, NULL, false);
		if (s != MOTE_OK)
			return s;
		void *const *ct = mote__graph_tensors(f->it, f->a.sg);
		if (*(const uint8_t *)ct[f->a.out[0]] == 0)
			break;
		s = call(f, &f->b, t, cur, n->out, true);
		if (s != MOTE_OK)
			return s;
		cur = n->out;
	}
	if (cur == n->in)
		copy_values(t, n->out, t, n->in, f->bytes, f->n);
	return MOTE_OK;
}

static mote_status prepare_while(mote__prep *p)
{
	uint32_t cond_sg = 0, body_sg = 0, n_in, n_out, n_cond_out;
	const int32_t *in = mote__prep_inputs(p, &n_in);
	const int32_t *out = mote__prep_outputs(p, &n_out);
	flow_params f;
	uint32_t unused[MAX_VALUES];
	memset(&f, 0, sizeof f);
	mote_status s = MOTE_OK;
	if (n_in != n_out)
		s = mote__prep_fail(p, MOTE_E_INVALID, -1,
				    "WHILE needs as many outputs as inputs");
	if (s == MOTE_OK)
		s = subgraph_option(p, 0, &cond_sg);
	if (s == MOTE_OK)
		s = subgraph_option(p, 1, &body_sg);
	f.n = f.n_out = n_in;
	if (s == MOTE_OK)
		s = bind_callee(p, cond_sg, &f.a, in, n_in, NULL, 0, f.bytes,
				unused);
	if (s == MOTE_OK)
		s = bind_callee(p, body_sg, &f.b, in, n_in, out, n_out, f.bytes,
				f.out_bytes);
	const int32_t *cond_out = mote__prep_sg_io(p, cond_sg, 2, &n_cond_out);
	mote__tensor c;
	if (s == MOTE_OK && n_cond_out != 1)
		s = mote__prep_fail(p, MOTE_E_INVALID, -1,
				    "WHILE cond must have one output");
	if (s == MOTE_OK)
		s = mote__prep_sg_tensor(p, cond_sg, cond_out[0], &c);
	if (s == MOTE_OK && (c.type != MOTE_BOOL || c.elems != 1))
		s = mote__prep_fail(p, MOTE_E_INVALID, -1,
				    "WHILE cond output must be one bool");
	if (s != MOTE_OK)
		return s;
	flow_params *params = mote__prep_alloc(p, sizeof *params);
	if (!params)
		return MOTE_OK;
	*params = f;
	params->it = mote__prep_interp(p);
	mote__prep_set(p, eval_while, NULL, params);
	return MOTE_OK;
}

static mote_status eval_call_once(const mote__node *n, void *const *t)
{
	const flow_params *f = n->params;
	(void)t;
	if (*f->done)
		return MOTE_OK;
	mote_status s = mote__invoke_graph(f->it, f->a.sg);
	if (s == MOTE_OK)
		*f->done = true;
	return s;
}

static void reset_call_once(const mote__node *n, void *const *t)
{
	const flow_params *f = n->params;
	(void)t;
	*f->done = false;
}

static mote_status prepare_call_once(mote__prep *p)
{
	uint32_t sg = 0, n_in;
	mote_status s = subgraph_option(p, 0, &sg);
	if (s != MOTE_OK)
		return s;
	mote__prep_sg_io(p, sg, 1, &n_in);
	if (n_in != 0)
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "CALL_ONCE subgraph must take no inputs");
	flow_params *params = mote__prep_alloc(p, sizeof *params + sizeof(bool));
	if (!params)
		return MOTE_OK;
	params->it = mote__prep_interp(p);
	params->a.sg = sg;
	params->done = (bool *)(params + 1);
	mote__prep_set(p, eval_call_once, reset_call_once, params);
	return MOTE_OK;
}

const mote_op mote_op_if = { 118, NULL, "IF", prepare_if };
const mote_op mote_op_while = { 119, NULL, "WHILE", prepare_while };
const mote_op mote_op_call_once = { 129, NULL, "CALL_ONCE", prepare_call_once };
