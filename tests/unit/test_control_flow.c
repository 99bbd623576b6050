/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_control_flow.c - IF, WHILE, CALL_ONCE and resource variables on
 * models built with tfl_builder, checked against values computed here;
 * plus the errors their prepare must report.
 */
#include "harness.h"
#include "tfl_builder.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ADD = 0, MUL = 18, LESS = 58, IF = 118, WHILE = 119, CALL_ONCE = 129,
       VAR_HANDLE = 142, READ_VARIABLE = 143, ASSIGN_VARIABLE = 144 };
enum { OPTS_ADD = 11, OPTS_MUL = 21, OPTS_IF = 92, OPTS_WHILE = 93,
       OPTS_CALL_ONCE = 103 };

static const tfl_field add_opts[] = { TFL_U8(0, 0) };

/* sg 0: y = IF(c, x) with then: x + x, else: x * x. */
static void build_if(tfl_builder *b, int32_t then_sg, int32_t else_sg)
{
	tfl_builder_init(b);
	int c = tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_BOOL, TFL_SHAPE(1) });
	int x = tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(3) });
	int y = tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(3) });
	tfl_field o[] = { TFL_I32(0, then_sg), TFL_I32(1, else_sg) };
	tfl_op(b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(b, IF, 1),
				  TFL_INPUTS(c, x), TFL_OUTPUTS(y),
				  .opts_type = OPTS_IF, .opts = o, .n_opts = 2 });
	tfl_inputs(b, TFL_INTS(c, x));
	tfl_outputs(b, TFL_INTS(y));
	for (int k = 0; k < 2; k++) {
		tfl_subgraph(b, k ? "else" : "then");
		int a = tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(3) });
		int r = tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(3) });
		tfl_op(b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(b, k ? MUL : ADD, 1),
					  TFL_INPUTS(a, a), TFL_OUTPUTS(r),
					  .opts_type = k ? OPTS_MUL : OPTS_ADD,
					  .opts = add_opts, .n_opts = 1 });
		tfl_inputs(b, TFL_INTS(a));
		tfl_outputs(b, TFL_INTS(r));
	}
}

static void test_if(void)
{
	tfl_builder b;
	run r;
	build_if(&b, 1, 2);
	run_start(&r, &b);
	CHECK(r.init == MOTE_OK, "IF init: %s", mote_status_str(r.init));
	if (r.init != MOTE_OK)
		return run_stop(&r);
	const float x[3] = { 1.5f, -2.0f, 3.0f };
	for (int c = 0; c < 2; c++) {
		*(bool *)run_in(&r, 0) = c != 0;
		memcpy(run_in(&r, 1), x, sizeof x);
		mote_status s = mote_invoke(&r.it);
		CHECK(s == MOTE_OK, "IF invoke: %s", mote_status_str(s));
		const float *y = run_out(&r, 0);
		for (int i = 0; i < 3; i++) {
			float want = c ? x[i] + x[i] : x[i] * x[i];
			CHECK(y[i] == want, "IF cond=%d y[%d]=%g want %g", c, i,
			      (double)y[i], (double)want);
		}
	}
	run_stop(&r);

	/* A branch index that names no subgraph is refused at init. */
	build_if(&b, 1, 7);
	run_start(&r, &b);
	CHECK(r.init == MOTE_E_BAD_SUBGRAPH, "IF bad index: %s", mote_status_str(r.init));
	run_stop(&r);
}

/* (i, acc) = WHILE(i < limit) { i + 1, acc * 2 }. */
static void test_while(void)
{
	tfl_builder b;
	run r;
	tfl_builder_init(&b);
	int i0 = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1) });
	int a0 = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	int i1 = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1) });
	int a1 = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	tfl_field o[] = { TFL_I32(0, 1), TFL_I32(1, 2) };
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, WHILE, 1),
				   TFL_INPUTS(i0, a0), TFL_OUTPUTS(i1, a1),
				   .opts_type = OPTS_WHILE, .opts = o, .n_opts = 2 });
	tfl_inputs(&b, TFL_INTS(i0, a0));
	tfl_outputs(&b, TFL_INTS(i1, a1));

	const int32_t limit = 5, one = 1;
	tfl_subgraph(&b, "cond");
	int ci = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1) });
	int ca = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	int cl = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1),
						     .data = &limit, .data_bytes = 4 });
	int cb = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_BOOL, TFL_SHAPE(1) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, LESS, 1),
				   TFL_INPUTS(ci, cl), TFL_OUTPUTS(cb) });
	tfl_inputs(&b, TFL_INTS(ci, ca));
	tfl_outputs(&b, TFL_INTS(cb));

	tfl_subgraph(&b, "body");
	int bi = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1) });
	int ba = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	int b1 = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1),
						     .data = &one, .data_bytes = 4 });
	int bo = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(1) });
	int bd = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, ADD, 1),
				   TFL_INPUTS(bi, b1), TFL_OUTPUTS(bo),
				   .opts_type = OPTS_ADD, .opts = add_opts, .n_opts = 1 });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, ADD, 1),
				   TFL_INPUTS(ba, ba), TFL_OUTPUTS(bd),
				   .opts_type = OPTS_ADD, .opts = add_opts, .n_opts = 1 });
	tfl_inputs(&b, TFL_INTS(bi, ba));
	tfl_outputs(&b, TFL_INTS(bo, bd));
	run_start(&r, &b);
	CHECK(r.init == MOTE_OK, "WHILE init: %s", mote_status_str(r.init));
	if (r.init != MOTE_OK)
		return run_stop(&r);
	const int32_t starts[] = { 0, 3, 5, 9 };
	for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
		*(int32_t *)run_in(&r, 0) = starts[k];
		float *a = run_in(&r, 1);
		a[0] = 0.75f;
		a[1] = -3.0f;
		mote_status s = mote_invoke(&r.it);
		CHECK(s == MOTE_OK, "WHILE invoke: %s", mote_status_str(s));
		int32_t n = starts[k] < limit ? limit - starts[k] : 0;
		int32_t want_i = starts[k] < limit ? limit : starts[k];
		const float *acc = run_out(&r, 1);
		int32_t got_i = *(const int32_t *)run_out(&r, 0);
		CHECK(got_i == want_i, "WHILE i from %d: got %d want %d",
		      (int)starts[k], (int)got_i, (int)want_i);
		CHECK(acc[0] == ldexpf(0.75f, (int)n) && acc[1] == ldexpf(-3.0f, (int)n),
		      "WHILE acc from %d: got %g %g", (int)starts[k], (double)acc[0],
		      (double)acc[1]);
	}
	run_stop(&r);
}

/* CALL_ONCE sets v = c; every invoke: y = v + x; v = y. */
static void test_call_once_and_variables(void)
{
	tfl_builder b;
	run r;
	const float c[2] = { 10.0f, -1.0f };
	tfl_builder_init(&b);
	int x = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	int h = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_RESOURCE, TFL_SHAPE(1) });
	int v = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	int y = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2) });
	tfl_field once[] = { TFL_I32(0, 1) };
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, CALL_ONCE, 1),
				   .opts_type = OPTS_CALL_ONCE, .opts = once, .n_opts = 1 });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, VAR_HANDLE, 1),
				   TFL_OUTPUTS(h) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, READ_VARIABLE, 1),
				   TFL_INPUTS(h), TFL_OUTPUTS(v) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, ADD, 1),
				   TFL_INPUTS(v, x), TFL_OUTPUTS(y),
				   .opts_type = OPTS_ADD, .opts = add_opts, .n_opts = 1 });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, ASSIGN_VARIABLE, 1),
				   TFL_INPUTS(h, y) });
	tfl_inputs(&b, TFL_INTS(x));
	tfl_outputs(&b, TFL_INTS(y));
	tfl_subgraph(&b, "init");
	int h1 = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_RESOURCE, TFL_SHAPE(1) });
	int k = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2),
						    .data = c, .data_bytes = sizeof c });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, VAR_HANDLE, 1),
				   TFL_OUTPUTS(h1) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)tfl_opcode(&b, ASSIGN_VARIABLE, 1),
				   TFL_INPUTS(h1, k) });
	run_start(&r, &b);
	CHECK(r.init == MOTE_OK, "CALL_ONCE init: %s", mote_status_str(r.init));
	if (r.init != MOTE_OK)
		return run_stop(&r);
	CHECK(r.it.n_resources == 1, "one resource, got %u", (unsigned)r.it.n_resources);
	for (int round = 0; round < 2; round++) {
		for (int n = 1; n <= 3; n++) {
			float *xi = run_in(&r, 0);
			xi[0] = 1.0f;
			xi[1] = 0.5f;
			mote_status s = mote_invoke(&r.it);
			const float *yo = run_out(&r, 0);
			CHECK(s == MOTE_OK && yo[0] == c[0] + (float)n &&
				      yo[1] == c[1] + 0.5f * (float)n,
			      "round %d invoke %d: y = %g %g", round, n, (double)yo[0],
			      (double)yo[1]);
		}
		mote_reset(&r.it); /* the next round starts from c again */
	}
	run_stop(&r);
}

int main(void)
{
	test_if();
	test_while();
	test_call_once_and_variables();
	return totals();
}
