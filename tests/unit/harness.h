/* SPDX-License-Identifier: Apache-2.0 */
/*
 * harness.h - what the unit tests share: counting checks and the closing
 * "N passed, N failed" line, the seeded xorshift32 generator the test data
 * are drawn from, TFLite's fixed-point arithmetic re-derived independently
 * of src/kernels/fixedpoint.h, and opening, preparing and running a model
 * built in memory (tools/host/tfl_builder.h).
 *
 * Header-only: every function is static inline and the two counters are
 * file statics, because CMake builds each tests/unit/test_*.c as its own
 * program (linked with libmote and tools/host) and compiles no other file
 * of this folder. A test includes this header once, before its own code.
 * A function-local static (the arena of run_op()) takes space only in
 * the programs that call it.
 */
#ifndef MOTE_TESTS_UNIT_HARNESS_H
#define MOTE_TESTS_UNIT_HARNESS_H

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote.h"
#include "tfl_builder.h"

/* ---- Counting checks ----------------------------------------------------- */

static int n_pass; /* checks that held */
static int n_fail; /* checks that failed (each printed a FAIL line) */

/* Counts one check whose failure the caller has already printed. */
static inline void tally(bool ok)
{
	if (ok)
		n_pass++;
	else
		n_fail++;
}

/* Counts one check; if it failed, prints "FAIL <name>: <detail>". */
static inline void report(bool ok, const char *name, const char *detail)
{
	tally(ok);
	if (!ok)
		printf("FAIL %s: %s\n", name, detail);
}

/* As report(), the detail formatted from fmt as by printf(). */
static inline void __attribute__((format(printf, 3, 4)))
reportf(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	tally(ok);
	if (ok)
		return;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Counts one check; if cond is false, prints "FAIL file:line: " and the
 * printf() arguments that follow. */
#define CHECK(cond, ...)                                            \
	do {                                                        \
		if (cond) {                                         \
			n_pass++;                                   \
		} else {                                            \
			n_fail++;                                   \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__);                        \
			printf("\n");                               \
		}                                                   \
	} while (0)

/* Prints "N passed, N failed"; returns main's exit status (1 if any
 * check failed, else 0). */
static inline int totals(void)
{
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail != 0;
}

/* ---- Seeded test data ---------------------------------------------------- */

/* State of the generator; a test seeds it (any non-zero value) before
 * drawing, so that each case sees the same data on every run. */
static uint32_t rng_state;

/* xorshift32, as the conformance inputs are drawn. */
static inline uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

/* Uniform integer in [lo, hi] (hi - lo < 2^32 - 1). */
static inline int32_t rnd_int(int32_t lo, int32_t hi)
{
	uint32_t span = (uint32_t)((int64_t)hi - lo) + 1u;

	return (int32_t)((int64_t)lo + (int64_t)(rnd() % span));
}

/* Uniform float in [lo, hi), in steps of (hi - lo) / 2^24. */
static inline float rnd_f(float lo, float hi)
{
	return lo + (hi - lo) * (float)(rnd() >> 8) * (1.0f / 16777216.0f);
}

/* ---- TFLite's fixed-point arithmetic, re-derived ------------------------- */

/* floor(x * m / 2^31 + 1/2), INT32_MAX for INT32_MIN * INT32_MIN:
 * SaturatingRoundingDoublingHighMul. */
static inline int64_t ref_high_mul(int64_t x, int64_t m)
{
	if (x == INT32_MIN && m == INT32_MIN)
		return INT32_MAX;
	return (x * m + (1LL << 30)) >> 31;
}

/* x / 2^e rounded half away from zero. */
static inline int64_t ref_div_pot(int64_t x, int e)
{
	int64_t half = e > 0 ? 1LL << (e - 1) : 0;
	return x >= 0 ? (x + half) >> e : -((-x + half) >> e);
}

/* TFLite's 32-bit MultiplyByQuantizedMultiplier (double rounding) of acc
 * reduced to int32: acc * 2^max(shift, 0) wrapping, ref_high_mul() by m,
 * then ref_div_pot() by 2^max(-shift, 0). */
static inline int64_t ref_requant32(int64_t acc, int32_t m, int shift)
{
	int left = shift > 0 ? shift : 0;
	int64_t x = (int32_t)((uint32_t)(int32_t)acc << left);
	return ref_div_pot(ref_high_mul(x, m), shift > 0 ? 0 : -shift);
}

/* ref_requant32() as TFLite's int32 MultiplyByQuantizedMultiplier
 * returns it. */
static inline int32_t ref_mbqm(int64_t x, int32_t m, int shift)
{
	return (int32_t)ref_requant32(x, m, shift);
}

/* TFLite's 64-bit MultiplyByQuantizedMultiplier: m reduced to 16 bits,
 * one rounding. */
static inline int64_t ref_requant64(int64_t acc, int32_t m, int shift)
{
	int64_t reduced = m < 0x7FFF0000 ? (m + (1 << 15)) >> 16 : 0x7FFF;
	int total = 15 - shift;
	return (acc * reduced + (1LL << (total - 1))) >> total;
}

/* QuantizeMultiplier with libm: a real m >= 0 as mult in [2^30, 2^31)
 * (0 for m = 0 or m < 2^-32) and shift, m = mult * 2^(shift - 31). */
static inline void ref_quantize(double m, int32_t *mult, int32_t *shift)
{
	int e;
	double f = frexp(m, &e);
	int64_t q = (int64_t)round(f * 2147483648.0);

	if (q == ((int64_t)1 << 31)) {
		q /= 2;
		e++;
	}
	if (e < -31) {
		q = 0;
		e = 0;
	}
	*mult = (int32_t)q;
	*shift = e;
}

static inline int64_t clamp64(int64_t x, int64_t lo, int64_t hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}

/* An int64 reduced modulo 2^32 to int32, as an int32 sum wraps. */
static inline int64_t wrap32(int64_t x)
{
	return (int32_t)(uint32_t)(uint64_t)x;
}

/* ---- Running a model built in memory ------------------------------------ */

/*
 * Opens the model in bytes (len, which must outlive m and it) and prepares
 * it on arena (arena_bytes, 16-byte aligned) with the operators of ops.
 * Returns the status of mote_model_open(), else of mote_interp_init().
 */
static inline mote_status model_prepare(mote_model *m, mote_interp *it,
					const void *bytes, size_t len,
					const mote_op_table *ops, void *arena,
					size_t arena_bytes)
{
	mote_status s = mote_model_open(m, bytes, len);

	if (s == MOTE_OK)
		s = mote_interp_init(it, m, ops, arena, arena_bytes);
	return s;
}

/*
 * Runs a prepared interpreter once: copies in[i] to model input i (in
 * NULL: leaves the inputs as they are), invokes, then copies model output
 * i to out[i]. in_bytes[i] must be the size of input i (in_bytes NULL:
 * each input is copied at its own size) and out_bytes[i] that of output i.
 * Returns the first failing status; a size that differs is MOTE_E_ARG.
 */
static inline mote_status model_run(mote_interp *it, const void *const *in,
				    const size_t *in_bytes, void *const *out,
				    const size_t *out_bytes)
{
	size_t n_in = mote_input_count(it), n_out = mote_output_count(it);
	mote_status s = MOTE_OK;
	mote_tensor t;

	for (size_t i = 0; s == MOTE_OK && in != NULL && i < n_in; i++) {
		s = mote_input(it, i, &t);
		if (s == MOTE_OK && in_bytes != NULL && t.bytes != in_bytes[i])
			s = MOTE_E_ARG;
		if (s == MOTE_OK && t.bytes != 0)
			memcpy(t.data, in[i], t.bytes);
	}
	if (s == MOTE_OK)
		s = mote_invoke(it);
	for (size_t i = 0; s == MOTE_OK && i < n_out; i++) {
		s = mote_output(it, i, &t);
		if (s == MOTE_OK && t.bytes != out_bytes[i])
			s = MOTE_E_ARG;
		if (s == MOTE_OK && t.bytes != 0)
			memcpy(out[i], t.data, t.bytes);
	}
	return s;
}

/*
 * Counts one check that preparing the model in bytes (len, malloc()ed;
 * freed here) with all operators on arena (arena_bytes) gives status want;
 * if not, prints "FAIL refuse <what>: got <status> want <status>".
 */
static inline void expect_refused(const char *what, uint8_t *bytes,
				  size_t len, void *arena, size_t arena_bytes,
				  mote_status want)
{
	mote_model m;
	mote_interp it;
	mote_status s = model_prepare(&m, &it, bytes, len, &mote_all_ops,
				      arena, arena_bytes);

	if (s != want)
		printf("FAIL refuse %s: got %s want %s\n", what,
		       mote_status_str(s), mote_status_str(want));
	tally(s == want);
	free(bytes);
}

/* A model of one builtin operator: its inputs without data are the model's
 * inputs (in order), its output is the model's output. */
typedef struct op_model {
	int32_t builtin; /* operator code */
	uint8_t opts_type; /* BuiltinOptions type, 0: none */
	tfl_field opts[1]; /* one option field when n_opts is 1 */
	uint32_t n_opts; /* 0 or 1 */
	int n_in; /* number of operator inputs */
	tfl_tensor_desc in[4]; /* operator inputs */
	tfl_tensor_desc out; /* operator output */
} op_model;

/*
 * Builds m, prepares it with all operators on a 256 KiB arena and runs it
 * once as model_run() does, output 0 being out_bytes. Returns the first
 * failing status; *stage says where it stopped (0 open, 1 init, 2 run,
 * 3 done).
 */
static inline mote_status run_op(const op_model *m, const void *const *in,
				 void *out, size_t out_bytes, int *stage)
{
	static _Alignas(16) uint8_t arena[256 * 1024];
	int32_t idx[4], inputs[4], o;
	uint32_t n_inputs = 0;
	mote_model model;
	mote_interp it;
	tfl_builder b;
	size_t len;

	tfl_builder_init(&b);
	for (int i = 0; i < m->n_in; i++) {
		idx[i] = tfl_tensor(&b, &m->in[i]);
		if (m->in[i].data == NULL)
			inputs[n_inputs++] = idx[i];
	}
	o = tfl_tensor(&b, &m->out);
	tfl_op_desc op = { .opcode = (uint32_t)tfl_opcode(&b, m->builtin, 1),
			   .in = idx,
			   .n_in = (uint32_t)m->n_in,
			   .out = &o,
			   .n_out = 1,
			   .opts_type = m->opts_type,
			   .opts = m->opts,
			   .n_opts = m->n_opts };
	tfl_op(&b, &op);
	tfl_inputs(&b, inputs, n_inputs);
	tfl_outputs(&b, &o, 1);
	uint8_t *bytes = tfl_finish(&b, &len);
	tfl_builder_free(&b);

	*stage = 0;
	mote_status s = mote_model_open(&model, bytes, len);
	if (s == MOTE_OK) {
		*stage = 1;
		s = mote_interp_init(&it, &model, &mote_all_ops, arena,
				     sizeof arena);
	}
	if (s == MOTE_OK) {
		*stage = 2;
		s = model_run(&it, in, NULL, (void *const[]){ out },
			      (const size_t[]){ out_bytes });
	}
	if (s == MOTE_OK)
		*stage = 3;
	free(bytes);
	return s;
}

/* An interpreter on a model the builder made, with its own 64 KiB arena. */
typedef struct run {
	uint8_t *bytes; /* the model (tfl_finish()) */
	uint8_t *arena; /* 64 KiB, 16-byte aligned */
	mote_model m;
	mote_interp it;
	mote_status init; /* status of open, else of init */
} run;

/* Finishes b (and frees it), then opens and prepares the model with all
 * operators; r->init holds the status. run_stop() releases r. */
static inline void run_start(run *r, tfl_builder *b)
{
	size_t len;

	r->bytes = tfl_finish(b, &len);
	tfl_builder_free(b);
	r->arena = aligned_alloc(16, 1 << 16);
	r->init = model_prepare(&r->m, &r->it, r->bytes, len, &mote_all_ops,
				r->arena, 1 << 16);
}

static inline void run_stop(run *r)
{
	free(r->bytes);
	free(r->arena);
}

/* The data of model input i (in the arena). */
static inline void *run_in(run *r, size_t i)
{
	mote_tensor t;

	mote_input(&r->it, i, &t);
	return t.data;
}

/* The data of model output i (in the arena). */
static inline void *run_out(run *r, size_t i)
{
	mote_tensor t;

	mote_output(&r->it, i, &t);
	return t.data;
}

#endif /* MOTE_TESTS_UNIT_HARNESS_H */
