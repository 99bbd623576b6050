/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_arena.c - the arena contract of mote_interp_init().
 *
 * For every model below, R is the size a failing init reports in
 * err.needed. Then:
 *  - init on exactly R bytes succeeds, and mote_arena_used() reports R;
 *  - init on every size below R (all of them up to 16 KiB, else a stride
 *    of ~512 sizes plus the 64 just below R) fails with E_ARENA_TOO_SMALL
 *    and err.needed == R, or, when err.what says it is a lower bound (the
 *    arena cannot hold the planner's workspace), size < needed <= R;
 *  - nothing is written outside the arena: it sits between 64-byte guard
 *    zones filled with a canary, checked after every init and after one
 *    invoke on the exact size;
 *  - an arena pointer 1..15 bytes past 16-byte alignment needs R plus the
 *    lead to the next aligned byte, reported as such;
 *  - activations over 4 GiB (2, 3 and 9 live tensors of 2^31 - 1 bytes)
 *    are refused at once, never planned at a wrapped offset.
 * Models: kernel-free ones built with tools/host/tfl_builder.h (zero-op
 * graphs whose inputs are their outputs, with constants and variables;
 * chains of test-defined operators that ask for scratch, persistent
 * memory, input sharing and state), single-op models of real operators
 * when mote_all_ops has them, and every shared model
 * ($MOTE_SHARED/conformance/models, and a fixed sample of
 * conformance-ops/models with a shorter sweep) whose operators are all in
 * mote_all_ops. Models that the interpreter rejects for a reason other than
 * the arena are listed as skipped and not counted.
 *
 * Prints one line per failed check; ends with "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "tfl_builder.h"

#include "runtime/op.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Failures printed in full; the rest are only counted. */
#define MAX_PRINTED 40

static int n_pass, n_fail, n_skip;
static long n_lower; /* failing inits that reported the workspace bound */

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;
	if (ok) {
		n_pass++;
		return;
	}
	if (++n_fail > MAX_PRINTED)
		return;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ---- test operators (no kernels) ---------------------------------------- */

/* MoteTestCopy: out = in through scratch; 24 bytes of persistent params;
 * asks to share its output with its input. */
typedef struct copy_params {
	size_t bytes;
	uint32_t magic;
} copy_params;

static mote_status copy_eval(const mote__node *n, void *const *t)
{
	const copy_params *p = n->params;
	if (p->magic != 0xC0FFEEu)
		return MOTE_E_EVAL;
	memcpy(n->scratch, mote__in(n, t, 0), p->bytes);
	memcpy(mote__out(n, t, 0), n->scratch, p->bytes);
	return MOTE_OK;
}

static mote_status copy_prepare(mote__prep *p)
{
	mote__tensor in, out;
	mote_status s = mote__prep_expect_io(p, 1, 1, 1);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &in);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s != MOTE_OK)
		return s;
	if (in.bytes != out.bytes || in.bytes == 0)
		return mote__prep_fail(p, MOTE_E_INVALID, out.index, "sizes");
	mote__prep_scratch(p, in.bytes);
	mote__prep_share(p, 0, 0);
	copy_params *cp = mote__prep_alloc(p, 24);
	if (!cp)
		return MOTE_OK;
	cp->bytes = in.bytes;
	cp->magic = 0xC0FFEEu;
	mote__prep_set(p, copy_eval, NULL, cp);
	return MOTE_OK;
}

/* MoteTestAcc: out = in + state (bytewise), state += in; state is
 * persistent (in.bytes, rounded to 8 by the allocator) and reset to 0. */
typedef struct acc_params {
	size_t bytes;
	uint8_t *state;
} acc_params;

static mote_status acc_eval(const mote__node *n, void *const *t)
{
	const acc_params *p = n->params;
	const uint8_t *in = mote__in(n, t, 0);
	uint8_t *out = mote__out(n, t, 0);
	for (size_t i = 0; i < p->bytes; i++) {
		p->state[i] = (uint8_t)(p->state[i] + in[i]);
		out[i] = p->state[i];
	}
	return MOTE_OK;
}

static void acc_reset(const mote__node *n, void *const *t)
{
	const acc_params *p = n->params;
	(void)t;
	memset(p->state, 0, p->bytes);
}

static mote_status acc_prepare(mote__prep *p)
{
	mote__tensor in, out;
	mote_status s = mote__prep_in(p, 0, &in);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s != MOTE_OK)
		return s;
	if (in.bytes != out.bytes)
		return mote__prep_fail(p, MOTE_E_INVALID, out.index, "sizes");
	acc_params *ap = mote__prep_alloc(p, sizeof *ap);
	uint8_t *state = mote__prep_alloc(p, in.bytes);
	if (!ap || !state)
		return MOTE_OK;
	ap->bytes = in.bytes;
	ap->state = state;
	mote__prep_set(p, acc_eval, acc_reset, ap);
	return MOTE_OK;
}

static const mote_op op_copy = { MOTE_BUILTIN_CUSTOM, "MoteTestCopy",
				 "MoteTestCopy", copy_prepare };
static const mote_op op_acc = { MOTE_BUILTIN_CUSTOM, "MoteTestAcc",
				"MoteTestAcc", acc_prepare };
static const mote_op *const test_ops[] = { &op_copy, &op_acc };
static const mote_op_table test_table = { test_ops, 2 };

/* ---- the sweep ------------------------------------------------------------ */

#define GUARD 64
#define CANARY 0xCD
#define POISON 0xA5
#define BIG_ARENA (64u << 20)

/* An arena with guard zones: block = [GUARD][cap bytes][GUARD], the block
 * 16-byte aligned (GUARD is a multiple of 16). */
typedef struct guarded {
	uint8_t *block;
	size_t cap;
} guarded;

/* Fills the whole block: canary in the guards and past `size`, poison in
 * [start, start + size). */
static void arm(guarded *g, size_t start, size_t size)
{
	memset(g->block, CANARY, GUARD + g->cap + GUARD);
	memset(g->block + GUARD + start, POISON, size);
}

/* True if nothing outside [start, start + size) of the arena changed. */
static bool intact(const guarded *g, size_t start, size_t size)
{
	const uint8_t *b = g->block;
	size_t lo = GUARD + start, hi = GUARD + start + size;
	for (size_t i = 0; i < lo; i++) {
		if (b[i] != CANARY)
			return false;
	}
	for (size_t i = hi; i < GUARD + g->cap + GUARD; i++) {
		if (b[i] != CANARY)
			return false;
	}
	return true;
}

/* Inits on `size` bytes at arena offset `start` (0..15 past alignment). */
static mote_status init_at(mote_interp *it, const mote_model *m,
			   const mote_op_table *ops, guarded *g, size_t start,
			   size_t size)
{
	arm(g, start, size);
	return mote_interp_init(it, m, ops, g->block + GUARD + start, size);
}

/* Fills inputs with a pattern and invokes once; true if the outputs of a
 * chain of copies (when `copies`) equal the inputs. */
static bool invoke_once(mote_interp *it, bool copies, const char *name)
{
	for (size_t i = 0; i < mote_input_count(it); i++) {
		mote_tensor t;
		if (mote_input(it, i, &t) == MOTE_OK && t.data) {
			for (size_t k = 0; k < t.bytes; k++)
				((uint8_t *)t.data)[k] = t.type == MOTE_BOOL
					? (uint8_t)(k & 1) : (uint8_t)(k * 7 + i + 1);
		}
	}
	/* E_EVAL is a valid answer: the pattern may not be valid indices
	 * (GATHER) or values (RSQRT of a negative number). */
	mote_status s = mote_invoke(it);
	check(s == MOTE_OK || s == MOTE_E_EVAL,
	      "%s: invoke on the exact arena: %s", name, mote_status_str(s));
	if (!copies || s != MOTE_OK)
		return true;
	mote_tensor out;
	if (mote_output(it, 0, &out) != MOTE_OK)
		return false;
	for (size_t k = 0; k < out.bytes; k++) {
		if (((uint8_t *)out.data)[k] != (uint8_t)(k * 7 + 1))
			return false;
	}
	return true;
}

/* How finely a model's sizes below R are swept. */
typedef enum sweep_kind { SWEEP_FULL, SWEEP_SHORT } sweep_kind;

/* Runs the whole contract on one verified model. */
static void sweep(const mote_model *m, const mote_op_table *ops,
		  const char *name, sweep_kind kind, bool copies)
{
	mote_interp it;
	guarded g = { NULL, 0 };

	/* A big arena tells models mote cannot run apart. */
	uint8_t *big = aligned_alloc(16, BIG_ARENA);
	if (!big)
		return;
	mote_status s = mote_interp_init(&it, m, ops, big, BIG_ARENA);
	size_t used_big = mote_arena_used(&it);
	free(big);
	if (s != MOTE_OK) {
		char msg[512];
		printf("skip %s: %s\n", name,
		       mote_host_error(&it.err, m, msg, sizeof msg));
		n_skip++;
		return;
	}
	g.cap = 2 * used_big + 4096;
	g.block = aligned_alloc(16, (GUARD + g.cap + GUARD + 15) & ~(size_t)15);
	if (!g.block)
		return;

	/* R: what a failing init reports, asked first with 0 bytes (whose
	 * answer may be the workspace lower bound, then asked again). */
	size_t r = 0, ask = 0;
	bool found = false;
	for (int k = 0; k < 4 && !found; k++) {
		s = init_at(&it, m, ops, &g, 0, ask);
		if (s == MOTE_OK) {
			r = ask; /* a lower bound that suffices is exact */
			found = true;
		} else if (s != MOTE_E_ARENA_TOO_SMALL || it.err.needed <= ask) {
			break;
		} else if (it.err.what && strstr(it.err.what, "lower bound")) {
			ask = it.err.needed;
		} else {
			r = it.err.needed;
			found = true;
		}
	}
	check(found, "%s: no exact needed size (last: %s, needed %zu)", name,
	      mote_status_str(s), it.err.needed);
	if (!found || r + 16 > g.cap) {
		check(found, "%s: needs %zu, over twice the %zu a big arena used",
		      name, r, used_big);
		free(g.block);
		return;
	}

	/* Exactly R. */
	s = init_at(&it, m, ops, &g, 0, r);
	check(s == MOTE_OK, "%s: init on exactly the needed %zu bytes: %s", name,
	      r, mote_status_str(s));
	check(intact(&g, 0, r), "%s: init on %zu bytes wrote outside the arena",
	      name, r);
	size_t used = mote_arena_used(&it);
	if (s == MOTE_OK) {
		check(used == r,
		      "%s: mote_arena_used %zu != needed %zu (plan %zu, persistent %zu)",
		      name, mote_arena_used(&it), r, it.plan_bytes, it.persist_bytes);
		check(invoke_once(&it, copies, name),
		      "%s: outputs of the copy chain differ from the inputs", name);
		check(intact(&g, 0, r), "%s: invoke wrote outside the arena", name);
	}

	/* Every size (or a stride) below R. */
	size_t step = kind == SWEEP_SHORT ? (r > 32 ? r / 32 : 1)
		      : r <= 16384 ? 1 : r / 512;
	int bad = 0, lower = 0;
	long tried = 0;
	for (size_t size = 0; size < r && bad < 5; size++) {
		bool near = size + 64 >= r;
		if (!near && size % step != 0)
			continue;
		tried++;
		s = init_at(&it, m, ops, &g, 0, size);
		bool lb = it.err.what && strstr(it.err.what, "lower bound");
		bool ok = s == MOTE_E_ARENA_TOO_SMALL && it.err.status == s &&
			  (lb ? it.err.needed > size && it.err.needed <= r
			      : it.err.needed == r);
		lower += lb;
		if (!ok) {
			check(false, "%s: %zu bytes: %s, needed %zu (%s), want %zu",
			      name, size, mote_status_str(s), it.err.needed,
			      it.err.what ? it.err.what : "-", r);
			bad++;
		}
		if (!intact(&g, 0, size)) {
			check(false, "%s: failing init on %zu bytes wrote outside it",
			      name, size);
			bad++;
		}
		if (mote_invoke(&it) != MOTE_E_STATE) {
			check(false, "%s: invoke after a failed init ran", name);
			bad++;
		}
	}
	check(bad == 0, "%s: %d bad sizes among %ld below %zu", name, bad, tried,
	      r);
	n_lower += lower;

	/* Misaligned starts: R plus the lead to the next 16-byte boundary. */
	for (size_t mis = 1; mis < 16 && bad == 0; mis++) {
		size_t lead = 16 - mis;
		s = init_at(&it, m, ops, &g, mis, r + lead);
		bool ok = s == MOTE_OK && mote_arena_used(&it) == used &&
			  (uintptr_t)it.arena % 16 == 0 && intact(&g, mis, r + lead);
		s = init_at(&it, m, ops, &g, mis, r + lead - 1);
		ok = ok && s == MOTE_E_ARENA_TOO_SMALL &&
		     it.err.needed == r + lead && intact(&g, mis, r + lead - 1);
		check(ok, "%s: arena at 16n+%zu: needs %zu + %zu (reported %zu)",
		      name, mis, r, lead, it.err.needed);
	}
	free(g.block);
}

/* ---- models --------------------------------------------------------------- */

static void sweep_built(tfl_builder *b, const mote_op_table *ops,
			const char *name, bool copies)
{
	size_t len;
	uint8_t *bytes = tfl_finish(b, &len);
	mote_model m;
	mote_status s = bytes ? mote_model_open(&m, bytes, len) : MOTE_E_ARG;
	check(s == MOTE_OK, "%s: model rejected: %s", name, mote_status_str(s));
	if (s == MOTE_OK)
		sweep(&m, ops, name, SWEEP_FULL, copies);
	free(bytes);
	tfl_builder_free(b);
}

static void built_models(void)
{
	tfl_builder b;
	static const int8_t k[6] = { 1, 2, 3, 4, 5, 6 };

	tfl_builder_init(&b);
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(3) });
	tfl_inputs(&b, TFL_INTS(0));
	tfl_outputs(&b, TFL_INTS(0));
	sweep_built(&b, &mote_all_ops, "zero ops, input = output", false);

	/* 40 tiny tensors: the planner's workspace (one record per tensor)
	 * is larger than the plan itself. */
	tfl_builder_init(&b);
	for (int i = 0; i < 40; i++)
		tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8,
						   TFL_SHAPE(1) });
	tfl_inputs(&b, TFL_INTS(0, 1));
	tfl_outputs(&b, TFL_INTS(1, 0));
	sweep_built(&b, &mote_all_ops, "zero ops, 40 one-byte tensors", false);

	tfl_builder_init(&b);
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32, TFL_SHAPE(2, 5) });
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(6),
					   .data = k, .data_bytes = 6 });
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(3, 7),
					   .is_variable = true,
					   TFL_QUANT(0.5f, -3) });
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT16, TFL_SHAPE(9),
					   .is_variable = true });
	tfl_inputs(&b, TFL_INTS(0));
	tfl_outputs(&b, TFL_INTS(0, 1));
	sweep_built(&b, &mote_all_ops, "zero ops, constant and variables", false);

	/* A chain of 6 copies of 1..6 x 37 bytes is not possible (sizes must
	 * match): 6 copies of 37 bytes, with an accumulator in the middle. */
	tfl_builder_init(&b);
	int cp = tfl_opcode_custom(&b, "MoteTestCopy", 1);
	for (int i = 0; i < 7; i++)
		tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8,
						   TFL_SHAPE(37) });
	for (int i = 0; i < 6; i++)
		tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)cp,
					   TFL_INPUTS(i), TFL_OUTPUTS(i + 1) });
	tfl_inputs(&b, TFL_INTS(0));
	tfl_outputs(&b, TFL_INTS(6));
	sweep_built(&b, &test_table, "6 copies (scratch, params, sharing)", true);

	tfl_builder_init(&b);
	cp = tfl_opcode_custom(&b, "MoteTestCopy", 1);
	int ac = tfl_opcode_custom(&b, "MoteTestAcc", 1);
	for (int i = 0; i < 4; i++)
		tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_UINT8,
						   TFL_SHAPE(3, 41) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)cp, TFL_INPUTS(0),
				   TFL_OUTPUTS(1) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)ac, TFL_INPUTS(1),
				   TFL_OUTPUTS(2) });
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)cp, TFL_INPUTS(2),
				   TFL_OUTPUTS(3) });
	tfl_inputs(&b, TFL_INTS(0));
	tfl_outputs(&b, TFL_INTS(3, 1));
	sweep_built(&b, &test_table, "copy, accumulate, copy", true);

	/* Real operators, when mote_all_ops has them. */
	static const int8_t w[4 * 8] = { 1, -2, 3, -4, 5, -6, 7, -8 };
	static const int32_t bias[4] = { 10, -20, 30, -40 };
	tfl_builder_init(&b);
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(2, 8),
					   TFL_QUANT(0.5f, -1) });
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(4, 8),
					   .data = w, .data_bytes = sizeof w,
					   TFL_QUANT(0.25f, 0) });
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(4),
					   .data = bias, .data_bytes = sizeof bias,
					   TFL_QUANT(0.125f, 0) });
	tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(2, 4),
					   TFL_QUANT(1.0f, 2) });
	int fc = tfl_opcode(&b, 9, 1);
	tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)fc, TFL_INPUTS(0, 1, 2),
				   TFL_OUTPUTS(3), .opts_type = 8,
				   TFL_OPTIONS(TFL_U8(0, 1)) });
	tfl_inputs(&b, TFL_INTS(0));
	tfl_outputs(&b, TFL_INTS(3));
	sweep_built(&b, &mote_all_ops, "FULLY_CONNECTED int8 (builder)", false);
}

/* Activations beyond what any arena can hold: init must say so at once
 * (E_TOO_LARGE, or E_ARENA_TOO_SMALL with the true, unwrapped size). */
static void test_too_large(void)
{
	static const uint32_t counts[] = { 2, 3, 9 };
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		tfl_builder b;
		tfl_builder_init(&b);
		int32_t io[9];
		for (uint32_t i = 0; i < counts[k]; i++) {
			io[i] = tfl_tensor(&b, &(tfl_tensor_desc){
						       .type = MOTE_INT8,
						       TFL_SHAPE(0x7fffffff) });
		}
		tfl_inputs(&b, io, counts[k]);
		tfl_outputs(&b, io, counts[k]);
		size_t len;
		uint8_t *bytes = tfl_finish(&b, &len);
		mote_model m;
		mote_interp it;
		guarded g = { aligned_alloc(16, GUARD + 4096 + GUARD), 4096 };
		if (bytes && g.block && mote_model_open(&m, bytes, len) == MOTE_OK) {
			mote_status s = init_at(&it, &m, &mote_all_ops, &g, 0, 4096);
			uint64_t sum = (uint64_t)counts[k] * 0x7fffffffu;
			check(s == MOTE_E_TOO_LARGE ||
				      (s == MOTE_E_ARENA_TOO_SMALL &&
				       (uint64_t)it.err.needed >= sum),
			      "%u tensors of 2 GiB - 1: %s, needed %zu", counts[k],
			      mote_status_str(s), it.err.needed);
			check(intact(&g, 0, 4096),
			      "%u tensors of 2 GiB - 1: wrote outside the arena",
			      counts[k]);
		} else {
			check(false, "%u tensors of 2 GiB - 1: model not built",
			      counts[k]);
		}
		free(g.block);
		free(bytes);
		tfl_builder_free(&b);
	}
}

static bool all_supported(const mote_model *m)
{
	for (uint32_t i = 0; i < mote__sg_n_ops(m, 0); i++) {
		if (!mote_host_op_supported(m, &mote_all_ops, i))
			return false;
	}
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sweeps the models of one shared directory; every `every`-th file. */
static int shared_dir(const char *sub, sweep_kind kind, int every)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/%s", mote_host_shared_dir(), sub);
	DIR *d = opendir(dir);
	if (!d) {
		printf("%s not found (set MOTE_SHARED): its models NOT swept\n", dir);
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 8 || strcmp(e->d_name + l - 7, ".tflite") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			char **p = realloc(names, cap * sizeof *p);
			if (!p)
				break;
			names = p;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	int swept = 0, unsupported = 0;
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		size_t len;
		mote_model m;
		if (i % (size_t)every != 0)
			goto next;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		uint8_t *bytes = mote_host_read_file(path, &len);
		if (!bytes)
			goto next;
		if (mote_model_open(&m, bytes, len) != MOTE_OK) {
			check(false, "%s: does not verify", names[i]);
		} else if (!all_supported(&m)) {
			unsupported++;
		} else {
			sweep(&m, &mote_all_ops, names[i], kind, false);
			swept++;
		}
		free(bytes);
next:
		free(names[i]);
	}
	free(names);
	printf("%s: %d models swept, %d with unsupported operators\n", sub,
	       swept, unsupported);
	return swept;
}

int main(void)
{
	built_models();
	test_too_large();
	shared_dir("conformance/models", SWEEP_FULL, 1);
	shared_dir("conformance-ops/models", SWEEP_SHORT, 4);
	printf("%d models skipped (init failed for a reason other than the arena)\n",
	       n_skip);
	printf("%ld failing inits reported the workspace lower bound\n", n_lower);
	check(n_lower > 0, "no init reported the workspace lower bound");
	if (n_fail > MAX_PRINTED)
		printf("(%d more failures not printed)\n", n_fail - MAX_PRINTED);
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}
