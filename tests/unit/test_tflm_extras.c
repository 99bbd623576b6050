/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_tflm_extras.c - tests of three TFLM custom operators on models
 * built here: CIRCULAR_BUFFER (src/ops/circular_buffer.c), TFLM_DECODE
 * (src/ops/decode.c) and TFLite_Detection_PostProcess
 * (src/ops/detection_postprocess.c).
 *
 * A standalone host program: prints the first mismatch of each failing
 * check and ends with "N passed, N failed"; the exit status is non-zero
 * if any check failed.
 *
 * Every expected value is recomputed here without the kernels' code:
 *  - CIRCULAR_BUFFER: each buffer is the last n_slots samples of the whole
 *    history of inputs (zero points before the first), and the invoke
 *    status follows a countdown simulated per operator, with the period
 *    TFLM guesses for operators without cycles_max spelled out rule by
 *    rule; state across invokes and mote_reset() is checked;
 *  - DECODE: LUT indices and Prune masks are drawn first, packed into
 *    bytes here one bit at a time, and the expected output is looked up
 *    from the drawn values; Huffman streams are encoded here from a code
 *    word table and must decode to the message; TFLM's own Huffman test
 *    vector is decoded too (its expected letters reused as numbers);
 *  - DETECTION_POSTPROCESS: NMS by repeated selection of the best live
 *    candidate (instead of sorting), the regular best list by repeated
 *    selection of (score, position), class ranks by repeated selection;
 *    TFLM's kernel test inputs, option bytes and exact expected outputs
 *    are reused as numbers. Float outputs are compared bit for bit: the
 *    reference evaluates the same float and double expressions.
 * Option bytes are made by a tiny FlexBuffers map writer below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/flexbuf.h"
#include "tfl_builder.h"

static int n_pass;
static int n_fail;

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

static uint32_t rng_state = 88172645u;

static uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

/* Uniform integer in [lo, hi]. */
static int32_t rnd_int(int32_t lo, int32_t hi)
{
	return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

/* ---- A FlexBuffers map writer (every slot 4 bytes wide) ----------------- */

/* One entry of a map: an int, a float or a bool. */
typedef struct fx_kv {
	const char *key; /* key (sorted on output) */
	char kind; /* 'i' int, 'f' float, 'b' bool */
	int32_t i; /* value for 'i' and 'b' */
	float f; /* value for 'f' */
} fx_kv;

/* Written bytes. */
typedef struct fx {
	uint8_t b[2048]; /* the buffer */
	size_t n; /* bytes used */
} fx;

static void fx_u32(fx *f, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		f->b[f->n++] = (uint8_t)(v >> (8 * k));
}

static void fx_align4(fx *f)
{
	while (f->n % 4)
		f->b[f->n++] = 0;
}

/* Writes the map {kv[0..n)} as the root of f: key strings, the keys
 * vector, the values with their types, then the root slot. */
static void fx_map(fx *f, const fx_kv *kv_in, int n)
{
	fx_kv kv[16];
	uint32_t key_at[16];

	memcpy(kv, kv_in, sizeof *kv * (size_t)n);
	for (int i = 1; i < n; i++) {
		for (int j = i; j > 0 && strcmp(kv[j - 1].key, kv[j].key) > 0; j--) {
			fx_kv t = kv[j];
			kv[j] = kv[j - 1];
			kv[j - 1] = t;
		}
	}
	f->n = 0;
	for (int i = 0; i < n; i++) {
		key_at[i] = (uint32_t)f->n;
		size_t len = strlen(kv[i].key) + 1;
		memcpy(f->b + f->n, kv[i].key, len);
		f->n += len;
	}
	fx_align4(f);
	fx_u32(f, (uint32_t)n);
	const uint32_t keys = (uint32_t)f->n;
	for (int i = 0; i < n; i++)
		fx_u32(f, (uint32_t)f->n - key_at[i]);
	fx_u32(f, (uint32_t)f->n - keys);
	fx_u32(f, 4);
	fx_u32(f, (uint32_t)n);
	const uint32_t vals = (uint32_t)f->n;
	for (int i = 0; i < n; i++) {
		uint32_t bits;
		memcpy(&bits, &kv[i].f, 4);
		fx_u32(f, kv[i].kind == 'f' ? bits : (uint32_t)kv[i].i);
	}
	for (int i = 0; i < n; i++) {
		uint8_t t = kv[i].kind == 'f' ? (3 << 2) | 2
			    : kv[i].kind == 'b' ? (26 << 2) : (1 << 2) | 2;
		f->b[f->n++] = t;
	}
	fx_align4(f);
	fx_u32(f, (uint32_t)f->n - vals);
	f->b[f->n++] = (9 << 2) | 2;
	f->b[f->n++] = 4;
}

/* The writer's output reads back through the verified reader. */
static void test_fx(void)
{
	const fx_kv kv[] = { { "zeta", 'i', -7, 0 }, { "alpha", 'f', 0, 2.5f },
			     { "mid", 'b', 1, 0 } };
	fx f;
	mote__flex_ref m;
	int32_t i = 0;
	float x = 0;
	bool b = false;
	fx_map(&f, kv, 3);
	CHECK(mote__flex_open_map(f.b, f.n, &m) == MOTE__FLEX_OK &&
		      mote__flex_get_i32(&m, "zeta", 0, &i) == MOTE__FLEX_OK &&
		      mote__flex_get_f32(&m, "alpha", 0, &x) == MOTE__FLEX_OK &&
		      mote__flex_get_bool(&m, "mid", false, &b) ==
			      MOTE__FLEX_OK &&
		      i == -7 && x == 2.5f && b,
	      "flexbuffer writer: %d %g %d", (int)i, (double)x, (int)b);
}

/* ---- Models --------------------------------------------------------------- */

/* A tensor of a model being built. */
typedef struct tens {
	mote_type type; /* element type */
	int32_t rank; /* rank, <= 4 */
	int32_t dims[4]; /* shape */
	const void *data; /* constant data, or NULL */
	size_t bytes; /* its size */
	bool variable; /* variable tensor */
	uint32_t n_q; /* scales and zero points (0: none) */
	const float *scale; /* n_q scales */
	const int64_t *zp; /* n_q zero points */
	int32_t qdim; /* quantized dimension */
} tens;

/* One custom operator of a model. */
typedef struct opdesc {
	const char *custom; /* custom code */
	const tens *in; /* inputs */
	int n_in;
	const tens *out; /* outputs */
	int n_out;
	const uint8_t *opts; /* custom options, or NULL */
	size_t n_opts;
} opdesc;

/* A model and an interpreter on it. */
typedef struct net {
	uint8_t *bytes; /* the model */
	uint8_t *arena; /* the arena */
	mote_model m;
	mote_interp it;
	mote_status init; /* result of open + init */
	const char *what; /* error detail of init */
} net;

enum { ARENA = 1 << 21 };

static int add_tensor(tfl_builder *b, const tens *t)
{
	return tfl_tensor(b, &(tfl_tensor_desc){
				     .type = t->type, .rank = t->rank,
				     .dims = t->dims, .data = t->data,
				     .data_bytes = t->bytes,
				     .is_variable = t->variable,
				     .n_scale = t->n_q, .scale = t->scale,
				     .n_zp = t->n_q, .zp = t->zp,
				     .qdim = t->qdim });
}

/* Builds ops[0..n) in one subgraph and starts an interpreter. Inputs
 * without data are the graph inputs; all outputs are graph outputs, in
 * operator order. */
static void build(net *r, const opdesc *ops, int n)
{
	tfl_builder b;
	int32_t graph_in[64], graph_out[64];
	int n_gin = 0, n_gout = 0;

	tfl_builder_init(&b);
	for (int k = 0; k < n; k++) {
		int32_t in[16], out[16];
		for (int i = 0; i < ops[k].n_in; i++) {
			in[i] = add_tensor(&b, &ops[k].in[i]);
			if (!ops[k].in[i].data)
				graph_in[n_gin++] = in[i];
		}
		for (int i = 0; i < ops[k].n_out; i++)
			graph_out[n_gout++] = out[i] =
				add_tensor(&b, &ops[k].out[i]);
		tfl_op(&b, &(tfl_op_desc){
				   .opcode = (uint32_t)tfl_opcode_custom(
					   &b, ops[k].custom, 1),
				   .in = in, .n_in = (uint32_t)ops[k].n_in,
				   .out = out, .n_out = (uint32_t)ops[k].n_out,
				   .custom = ops[k].opts,
				   .custom_bytes = ops[k].n_opts });
	}
	tfl_inputs(&b, graph_in, (uint32_t)n_gin);
	tfl_outputs(&b, graph_out, (uint32_t)n_gout);
	size_t len;
	r->bytes = tfl_finish(&b, &len);
	tfl_builder_free(&b);
	r->arena = aligned_alloc(16, ARENA);
	r->what = "";
	r->init = mote_model_open(&r->m, r->bytes, len);
	if (r->init != MOTE_OK) {
		r->what = r->m.err.what ? r->m.err.what : "";
		return;
	}
	r->init = mote_interp_init(&r->it, &r->m, &mote_all_ops, r->arena,
				   ARENA);
	if (r->init != MOTE_OK)
		r->what = r->it.err.what ? r->it.err.what : "";
}

static void build1(net *r, const char *custom, const tens *in, int n_in,
		   const tens *out, int n_out, const fx *opts)
{
	const opdesc op = { custom, in, n_in, out, n_out,
			    opts ? opts->b : NULL, opts ? opts->n : 0 };
	build(r, &op, 1);
}

static void drop(net *r)
{
	free(r->bytes);
	free(r->arena);
}

static void *in_data(net *r, size_t i)
{
	mote_tensor t;
	return mote_input(&r->it, i, &t) == MOTE_OK ? t.data : NULL;
}

static void *out_data(net *r, size_t i)
{
	mote_tensor t;
	return mote_output(&r->it, i, &t) == MOTE_OK ? t.data : NULL;
}

/* An expected init failure: status and a word of the detail. */
typedef struct bad_case {
	const char *name; /* what the row tests */
	mote_status want; /* expected init status */
	const char *detail; /* expected substring of err.what */
} bad_case;

static void expect_fail(net *r, const bad_case *c)
{
	CHECK(r->init == c->want && strstr(r->what, c->detail),
	      "%s: got %s (%s), want %s (%s)", c->name,
	      mote_status_str(r->init), r->what, mote_status_str(c->want),
	      c->detail);
}

/* ---- CIRCULAR_BUFFER ------------------------------------------------------ */

/* One CIRCULAR_BUFFER operator of a test model. */
typedef struct cb_desc {
	int32_t slots; /* output dim 1 */
	int32_t w, d; /* dims 2 and 3 */
	int32_t cycles; /* cycles_max option, or 0: none written, -1: written
			   as -1 */
	int64_t zp; /* zero point of input and output */
	bool variable; /* output is a variable tensor */
} cb_desc;

/* TFLM's period for ops[0..n): cycles_max if positive; otherwise 1 for 5,
 * 13 or 25 slots, or for the 5th guessing operator since the last 1 when
 * w = 2 and d = 96; otherwise 2. */
static void cb_periods(const cb_desc *ops, int n, int32_t *period)
{
	int guessing = 0;
	for (int k = 0; k < n; k++) {
		if (ops[k].cycles > 0) {
			period[k] = ops[k].cycles;
			continue;
		}
		guessing++;
		bool slots = ops[k].slots == 5 || ops[k].slots == 13 ||
			     ops[k].slots == 25;
		bool fifth = guessing == 5 && ops[k].w == 2 && ops[k].d == 96;
		period[k] = slots || fifth ? 1 : 2;
		if (period[k] == 1)
			guessing = 0;
	}
}

/* What op's output shows after n_hist steps: the last `slots` samples of
 * (zero points ..., hist[0], ..., hist[n_hist - 1]). */
static void cb_expect(const cb_desc *op, int8_t (*hist)[256], int n_hist,
		      int8_t *shown, bool *known)
{
	const int32_t depth = op->w * op->d;
	for (int32_t sl = 0; sl < op->slots; sl++) {
		int h = n_hist - op->slots + sl;
		for (int32_t i = 0; i < depth; i++)
			shown[sl * depth + i] =
				h < 0 ? (int8_t)op->zp : hist[h][i];
	}
	*known = true;
}

/* Most operators, invokes and values per sample in a chain below. */
enum { CB_MAX = 12 };

/* Runs a chain of independent CIRCULAR_BUFFER ops over `invokes` invokes
 * (resetting before invoke `reset_at`, if >= 0) against the simulation.
 * A variable output is the buffer itself; any other output shows the
 * buffer as of the operator's last step (nothing before its first, as in
 * TFLM, so it is not checked then). */
static void cb_run(const char *name, const cb_desc *ops, int n, int invokes,
		   int reset_at)
{
	static tens ins[CB_MAX], outs[CB_MAX];
	static float sc[CB_MAX];
	static int64_t zps[CB_MAX];
	static int8_t hist[CB_MAX][64][256];
	static int8_t shown[CB_MAX][16 * 256];
	static fx opt[CB_MAX];
	opdesc od[CB_MAX];
	int32_t period[CB_MAX], left[CB_MAX], n_hist[CB_MAX];
	bool known[CB_MAX] = { false };
	net r;

	for (int k = 0; k < n; k++) {
		sc[k] = 0.5f;
		zps[k] = ops[k].zp;
		ins[k] = (tens){ MOTE_INT8, 4, { 1, 1, ops[k].w, ops[k].d },
				 NULL, 0, false, 1, &sc[k], &zps[k], 0 };
		outs[k] = (tens){ MOTE_INT8, 4,
				  { 1, ops[k].slots, ops[k].w, ops[k].d },
				  NULL, 0, ops[k].variable, 1, &sc[k],
				  &zps[k], 0 };
		const fx_kv kv = { "cycles_max", 'i', ops[k].cycles, 0 };
		fx_map(&opt[k], &kv, 1);
		od[k] = (opdesc){ "CIRCULAR_BUFFER", &ins[k], 1, &outs[k], 1,
				  ops[k].cycles ? opt[k].b : NULL,
				  ops[k].cycles ? opt[k].n : 0 };
	}
	build(&r, od, n);
	CHECK(r.init == MOTE_OK, "%s: init %s (%s)", name,
	      mote_status_str(r.init), r.what);
	if (r.init != MOTE_OK)
		return drop(&r);
	cb_periods(ops, n, period);
	for (int inv = 0; inv < invokes; inv++) {
		if (inv == reset_at)
			CHECK(mote_reset(&r.it) == MOTE_OK, "%s: reset", name);
		for (int k = 0; k < n && (inv == 0 || inv == reset_at); k++) {
			left[k] = period[k];
			n_hist[k] = 0;
			known[k] = known[k] && inv > 0;
			if (ops[k].variable)
				cb_expect(&ops[k], hist[k], 0, shown[k],
					  &known[k]);
		}
		for (int k = 0; k < n; k++) {
			int8_t *x = in_data(&r, (size_t)k);
			for (int32_t i = 0; i < ops[k].w * ops[k].d; i++)
				x[i] = (int8_t)rnd();
			memcpy(hist[k][n_hist[k]], x, (size_t)(ops[k].w * ops[k].d));
		}
		/* The simulated invoke: each op shifts, counts down, and a
		 * count that is not yet 0 ends the invoke. */
		int stop = -1;
		for (int k = 0; k < n && stop < 0; k++) {
			n_hist[k]++;
			cb_expect(&ops[k], hist[k], n_hist[k], shown[k], &known[k]);
			if (--left[k] != 0)
				stop = k;
			else
				left[k] = period[k];
		}
		mote_status s = mote_invoke(&r.it);
		CHECK(s == (stop < 0 ? MOTE_OK : MOTE_STOPPED) &&
			      (stop < 0 || r.it.err.op == stop),
		      "%s: invoke %d: %s at op %d, want stop at %d", name, inv,
		      mote_status_str(s), (int)r.it.err.op, stop);
		for (int k = 0; k < n; k++) {
			size_t bytes = (size_t)(ops[k].slots * ops[k].w * ops[k].d);
			CHECK(!known[k] || !memcmp(out_data(&r, (size_t)k), shown[k],
						   bytes),
			      "%s: invoke %d op %d: buffer differs", name, inv, k);
		}
	}
	drop(&r);
}

static void test_circular_buffer(void)
{
	const cb_desc every[] = { { 3, 1, 4, 1, -5, true } };
	const cb_desc third[] = { { 4, 1, 3, 3, 17, true } };
	const cb_desc own[] = { { 3, 2, 5, 2, 7, false } };
	const cb_desc guess[] = { { 5, 1, 4, 0, 0, true },
				  { 4, 1, 4, -1, 0, true } };
	/* A: count 1 -> 2; B: 13 slots -> 1, count cleared; C..F: counts
	 * 1..4 -> 2; an explicit period between them does not count; G:
	 * count 5 with w = 2, d = 96 -> 1; H: count 1 -> 2. */
	const cb_desc chain[] = {
		{ 3, 2, 96, 0, 0, true },  { 13, 1, 3, 0, 1, true },
		{ 3, 2, 96, 0, -2, true }, { 2, 2, 96, -1, 0, true },
		{ 2, 1, 8, 3, 0, true },   { 3, 2, 96, 0, 0, false },
		{ 3, 2, 96, 0, 0, true },  { 3, 2, 96, 0, 3, true },
		{ 3, 2, 96, 0, 0, true },
	};
	const cb_desc not_fifth[] = {
		{ 3, 2, 96, 0, 0, true }, { 3, 2, 96, 0, 0, true },
		{ 3, 2, 96, 0, 0, true }, { 3, 2, 96, 0, 0, true },
		{ 3, 2, 95, 0, 0, true }, { 3, 2, 96, 0, 0, true },
	};
	cb_run("cb period 1", every, 1, 7, -1);
	cb_run("cb period 3 + reset", third, 1, 11, 5);
	cb_run("cb own buffer + reset", own, 1, 9, 4);
	cb_run("cb guessed 1 then 2", guess, 2, 9, -1);
	cb_run("cb guessed chain", chain, 9, 40, 23);
	cb_run("cb fifth not 2x96", not_fifth, 6, 30, -1);

	const int64_t zp0 = 0;
	const float s1 = 1.0f;
	const tens in8 = { MOTE_INT8, 4, { 1, 1, 1, 4 }, NULL, 0, false,
			   1, &s1, &zp0, 0 };
	const tens out8 = { MOTE_INT8, 4, { 1, 3, 1, 4 }, NULL, 0, true,
			    1, &s1, &zp0, 0 };
	const tens in16 = { MOTE_INT16, 4, { 1, 1, 1, 4 }, NULL, 0, false,
			    0, NULL, NULL, 0 };
	const tens out16 = { MOTE_INT16, 4, { 1, 3, 1, 4 }, NULL, 0, true,
			     0, NULL, NULL, 0 };
	const tens in_d1 = { MOTE_INT8, 4, { 1, 2, 1, 4 }, NULL, 0, false,
			     1, &s1, &zp0, 0 };
	const tens out_d3 = { MOTE_INT8, 4, { 1, 3, 1, 5 }, NULL, 0, true,
			      1, &s1, &zp0, 0 };
	const tens in_r3 = { MOTE_INT8, 3, { 1, 1, 4 }, NULL, 0, false,
			     1, &s1, &zp0, 0 };
	const tens out_r3 = { MOTE_INT8, 3, { 1, 3, 4 }, NULL, 0, true,
			      1, &s1, &zp0, 0 };
	fx f_float, f_vec, f_ok;
	const fx_kv kv_float = { "cycles_max", 'f', 0, 2.0f };
	const fx_kv kv_ok = { "cycles_max", 'i', 2, 0 };
	fx_map(&f_float, &kv_float, 1);
	fx_map(&f_ok, &kv_ok, 1);
	/* A root that is an int, not a map. */
	memcpy(f_vec.b, (const uint8_t[]){ 2, 1 << 2, 1 }, 3);
	f_vec.n = 3;
	const struct {
		bad_case c;
		const tens *in, *out;
		const fx *opts;
	} bad[] = {
		{ { "cb int16", MOTE_E_UNSUPPORTED, "int8" }, &in16, &out16,
		  &f_ok },
		{ { "cb input dim 1", MOTE_E_BAD_SHAPE, "dim 1" }, &in_d1,
		  &out8, &f_ok },
		{ { "cb depth", MOTE_E_BAD_SHAPE, "dims 0, 2, 3" }, &in8,
		  &out_d3, &f_ok },
		{ { "cb rank 3", MOTE_E_BAD_SHAPE, "rank 4" }, &in_r3,
		  &out_r3, &f_ok },
		{ { "cb float option", MOTE_E_BAD_OPTIONS, "cycles_max" },
		  &in8, &out8, &f_float },
		{ { "cb not a map", MOTE_E_BAD_OPTIONS, "not a FlexBuffer map" },
		  &in8, &out8, &f_vec },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		net r;
		build1(&r, "CIRCULAR_BUFFER", bad[i].in, 1, bad[i].out, 1,
		       bad[i].opts);
		expect_fail(&r, &bad[i].c);
		drop(&r);
	}
}

/* ---- DECODE --------------------------------------------------------------- */

/* Bits back to bytes (n bits, zero padded). */
static size_t from_bits(const uint8_t *bits, size_t n, uint8_t *b)
{
	size_t bytes = (n + 7) / 8;
	memset(b, 0, bytes);
	for (size_t i = 0; i < n; i++)
		b[i / 8] = (uint8_t)(b[i / 8] | bits[i] << (7 - i % 8));
	return bytes;
}

/* Output types of LUT and Prune, with their sizes. */
static const mote_type dec_types[] = { MOTE_INT8, MOTE_INT16, MOTE_INT32,
				       MOTE_INT64, MOTE_FLOAT32, MOTE_BOOL };

/* A random table value of `size` bytes (bool: 0 or 1). */
static void rnd_value(uint8_t *v, size_t size, mote_type t)
{
	for (size_t k = 0; k < size; k++)
		v[k] = (uint8_t)rnd();
	if (t == MOTE_BOOL)
		v[0] &= 1;
	if (t == MOTE_FLOAT32) {
		float f = (float)rnd_int(-1000, 1000) / 8.0f;
		memcpy(v, &f, 4);
	}
}

/* Channel of element i: mode 0 none, 1 outermost, 2 innermost. */
static size_t dec_channel(int mode, size_t i, size_t nch, size_t per)
{
	if (mode == 0)
		return 0;
	return mode == 1 ? i / per : i % nch;
}

/* An output tensor [nch, per] (mode 1), [per, nch] (mode 2) or [nch *
 * per] (mode 0), quantized per channel for modes 1 and 2. */
static tens dec_out(mote_type t, int mode, int32_t nch, int32_t per,
		    const float *sc, const int64_t *zp)
{
	tens o = { t, 2, { nch, per }, NULL, 0, false, 0, NULL, NULL, 0 };
	if (mode == 0) {
		o.rank = 1;
		o.dims[0] = nch * per;
	}
	if (mode == 2) {
		o.dims[0] = per;
		o.dims[1] = nch;
		o.qdim = 1;
	}
	if (mode != 0) {
		o.n_q = (uint32_t)nch;
		o.scale = sc;
		o.zp = zp;
	}
	return o;
}

/* Runs a one-output DECODE model and compares with want[0..bytes). */
static void dec_check(const char *name, const tens *enc, const tens *anc,
		      const tens *out, const uint8_t *want, size_t bytes)
{
	const tens ins[2] = { *enc, *anc };
	net r;
	build1(&r, "TFLM_DECODE", ins, 2, out, 1, NULL);
	CHECK(r.init == MOTE_OK, "%s: init %s (%s)", name,
	      mote_status_str(r.init), r.what);
	if (r.init == MOTE_OK) {
		mote_status s = mote_invoke(&r.it);
		const uint8_t *o = out_data(&r, 0);
		size_t at = 0;
		while (s == MOTE_OK && at < bytes && o[at] == want[at])
			at++;
		CHECK(s == MOTE_OK && at == bytes,
		      "%s: %s, first difference at byte %zu", name,
		      mote_status_str(s), at);
	}
	drop(&r);
}

/* One LUT or Prune case. */
typedef struct dec_case {
	int type; /* index into dec_types */
	int mode; /* 0 no channels, 1 outermost, 2 innermost */
	int32_t nch; /* channels */
	int32_t per; /* elements per channel */
	int32_t bits; /* LUT index width; Prune: non-zero = zero points */
	int32_t stride_extra; /* LUT: table stride beyond 2^bits */
} dec_case;

static void lut_case(const dec_case *c)
{
	static uint8_t enc[4096], bits[32768], anc[16 + 8 * 4096];
	static uint8_t want[8 * 4096];
	static uint32_t idx[4096];
	const mote_type t = dec_types[c->type];
	const size_t es = mote_type_size(t);
	const size_t count = (size_t)(c->nch * c->per);
	const uint32_t stride = (1u << c->bits) + (uint32_t)c->stride_extra;
	const size_t table = (size_t)c->nch * stride;
	float sc[16];
	int64_t zp[16];
	char name[96];

	memset(bits, 0, sizeof bits);
	for (size_t i = 0; i < count; i++) {
		idx[i] = rnd() % (1u << c->bits);
		for (int32_t k = 0; k < c->bits; k++)
			bits[i * (size_t)c->bits + (size_t)k] =
				(uint8_t)((idx[i] >> (c->bits - 1 - k)) & 1);
	}
	size_t n_enc = from_bits(bits, count * (size_t)c->bits, enc);
	memset(anc, 0, 16);
	anc[1] = 1;
	anc[4] = 1;
	anc[5] = (uint8_t)c->bits;
	anc[6] = (uint8_t)stride;
	for (size_t j = 0; j < table; j++)
		rnd_value(anc + 16 + j * es, es, t);
	for (size_t i = 0; i < count; i++) {
		size_t ch = dec_channel(c->mode, i, (size_t)c->nch,
					(size_t)c->per);
		memcpy(want + i * es, anc + 16 + (ch * stride + idx[i]) * es, es);
	}
	for (int32_t k = 0; k < c->nch; k++) {
		sc[k] = 0.25f;
		zp[k] = 0;
	}
	const tens e = { .type = MOTE_UINT8, .rank = 1, .dims = { (int32_t)n_enc }, .data = enc, .bytes = n_enc };
	const tens a = { .type = MOTE_UINT8, .rank = 1,
			 .dims = { (int32_t)(16 + table * es) }, .data = anc,
			 .bytes = 16 + table * es };
	const tens o = dec_out(t, c->mode, c->nch, c->per, sc, zp);
	snprintf(name, sizeof name, "LUT %s mode %d ch %d x %d bits %d",
		 mote_type_str(t), c->mode, (int)c->nch, (int)c->per,
		 (int)c->bits);
	dec_check(name, &e, &a, &o, want, count * es);
}

static void prune_case(const dec_case *c)
{
	static uint8_t enc[4096], bits[32768], anc[16 + 8 * 4096];
	static uint8_t want[8 * 4096];
	const mote_type t = dec_types[c->type];
	const size_t es = mote_type_size(t);
	const size_t count = (size_t)(c->nch * c->per);
	float sc[16];
	int64_t zp[16];
	char name[96];

	for (int32_t k = 0; k < c->nch; k++) {
		sc[k] = 0.25f;
		zp[k] = c->bits && t == MOTE_INT8 ? rnd_int(-128, 127) : 0;
	}
	for (size_t i = 0; i < count; i++)
		bits[i] = (uint8_t)(rnd() % 3 == 0);
	size_t n_enc = from_bits(bits, count, enc);
	size_t kept = 0;
	memset(anc, 0, 16);
	anc[0] = 2;
	anc[1] = 1;
	anc[4] = 1;
	for (size_t i = 0; i < count; i++) {
		if (bits[i]) {
			rnd_value(anc + 16 + kept * es, es, t);
			memcpy(want + i * es, anc + 16 + kept * es, es);
			kept++;
			continue;
		}
		size_t ch = dec_channel(c->mode, i, (size_t)c->nch,
					(size_t)c->per);
		int64_t z = c->mode ? zp[ch] : 0;
		for (size_t k = 0; k < es; k++)
			want[i * es + k] = (uint8_t)((uint64_t)z >> (8 * k));
	}
	const tens e = { .type = MOTE_UINT8, .rank = 1, .dims = { (int32_t)n_enc }, .data = enc, .bytes = n_enc };
	const tens a = { .type = MOTE_UINT8, .rank = 1,
			 .dims = { (int32_t)(16 + kept * es) }, .data = anc,
			 .bytes = 16 + kept * es };
	const tens o = dec_out(t, c->mode, c->nch, c->per, sc, zp);
	snprintf(name, sizeof name, "Prune %s mode %d ch %d x %d zp %d",
		 mote_type_str(t), c->mode, (int)c->nch, (int)c->per,
		 (int)c->bits);
	dec_check(name, &e, &a, &o, want, count * es);
}

/* TFLM's Huffman test code: symbol k has code word hf_codes[k]. */
static const char hf_symbols[] = "majohdifcglkebpn";
static const char *const hf_codes[16] = {
	"000",  "001",  "010",    "0110",   "0111",  "1000",
	"10010", "10011", "1010", "101100", "101101", "10111",
	"1100", "1101", "1110",   "1111",
};

/* TFLM's decode tables for it (16-bit entries; first lookup 3 bits). */
static const uint16_t hf_table16[24] = {
	0x986D, 0x9861, 0x986A, 0x0005, 0x0806, 0x0809, 0x000E, 0x000F,
	0x886F, 0x8868, 0x8864, 0x8864, 0x9069, 0x9066, 0x8863, 0x8863,
	0x0002, 0x906B, 0x8867, 0x886C, 0x8865, 0x8862, 0x8870, 0x886E,
};

/* The ancillary tensor for those tables, 16- or 32-bit entries. */
static size_t hf_ancillary(uint8_t *anc, bool wide)
{
	memset(anc, 0, 16);
	anc[0] = 1;
	anc[1] = 1;
	anc[4] = 1;
	anc[5] = (uint8_t)((2 << 4) | (wide ? 1 : 0));
	for (int i = 0; i < 24; i++) {
		uint32_t v = hf_table16[i];
		if (wide)
			v = (v & 0x8000u) << 16 | (v & 0x7800u) << 16 |
			    (v & 0x07ffu);
		for (int k = 0; k < (wide ? 4 : 2); k++)
			anc[16 + i * (wide ? 4 : 2) + k] = (uint8_t)(v >> (8 * k));
	}
	return 16 + 24 * (wide ? 4u : 2u);
}

/* TFLM's test stream and message, then random messages encoded here. */
static void test_huffman(void)
{
	static const uint8_t tflm_stream[32] = {
		0xF0, 0x0D, 0x79, 0xFC, 0x9C, 0x1A, 0x6E, 0x4C, 0x32, 0xAF, 0x29,
		0xB3, 0x5D, 0xF6, 0x36, 0x02, 0x50, 0x15, 0x8C, 0xA7, 0x95, 0xDB,
		0x29, 0x68, 0x3F, 0xBA, 0xB7, 0xED, 0xB1, 0x19, 0xE2, 0xE0,
	};
	static const char tflm_message[] =
		"nmmacnanefdacopjomeckifookhbdbdmjjdmjgojfecpbiibmanbbjbnlgjafejp";
	static uint8_t anc[16 + 24 * 4], enc[1024], bits[8192];
	static uint8_t want[2048];
	char name[64];

	/* 16-bit tables to int8; 32-bit tables to int8 and to int16. */
	for (int v = 0; v < 3; v++) {
		const bool wide = v > 0, i16 = v == 2;
		const size_t na = hf_ancillary(anc, wide), es = i16 ? 2 : 1;
		memset(want, 0, 64 * es);
		for (size_t i = 0; i < 64; i++)
			want[i * es] = (uint8_t)tflm_message[i];
		const tens e = { .type = MOTE_UINT8, .rank = 1, .dims = { 32 },
				 .data = tflm_stream, .bytes = 32 };
		const tens a = { .type = MOTE_UINT8, .rank = 1,
				 .dims = { (int32_t)na }, .data = anc, .bytes = na };
		const tens o = { .type = i16 ? MOTE_INT16 : MOTE_INT8, .rank = 2,
				 .dims = { 1, 64 } };
		snprintf(name, sizeof name, "Huffman TFLM vector %s %s",
			 wide ? "32-bit" : "16-bit", i16 ? "int16" : "int8");
		dec_check(name, &e, &a, &o, want, 64 * es);
	}
	for (int c = 0; c < 24; c++) {
		const bool wide = c % 2, i16 = wide && c % 4 == 3;
		const size_t es = i16 ? 2 : 1;
		const int32_t n = c == 0 ? 1 : rnd_int(1, 700);
		size_t nb = 0;
		for (int32_t i = 0; i < n; i++) {
			int s = (int)(rnd() % 16);
			for (const char *p = hf_codes[s]; *p; p++)
				bits[nb++] = (uint8_t)(*p == '1');
			want[i * (int32_t)es] = (uint8_t)hf_symbols[s];
			if (i16)
				want[i * 2 + 1] = 0;
		}
		size_t n_enc = from_bits(bits, nb, enc);
		size_t na = hf_ancillary(anc, wide);
		const tens e = { .type = MOTE_UINT8, .rank = 1, .dims = { (int32_t)n_enc }, .data = enc, .bytes = n_enc };
		const tens a = { .type = MOTE_UINT8, .rank = 1, .dims = { (int32_t)na }, .data = anc, .bytes = na };
		const tens o = { .type = i16 ? MOTE_INT16 : MOTE_INT8, .rank = 1, .dims = { n } };
		snprintf(name, sizeof name, "Huffman random %d (%d symbols)", c,
			 (int)n);
		dec_check(name, &e, &a, &o, want, (size_t)n * es);
	}
}

/* Three outputs in one operator: LUT int8, Prune int16, Huffman int8. */
static void test_decode_multi(void)
{
	static const uint8_t lut_idx[] = { 0x1B, 0xE4 }; /* 0 1 2 3 3 2 1 0 */
	static const uint8_t lut_anc[] = { 0, 1, 0, 0, 1, 2, 4, 0, 0, 0, 0, 0,
					   0, 0, 0, 0, 10, 20, 30, 40 };
	static const uint8_t pr_mask[] = { 0xA0 }; /* 1 0 1 0 */
	static const uint8_t pr_anc[] = { 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					  0, 0, 0, 0, 0, 0x34, 0x12, 0xff, 0xff };
	static const uint8_t hf_stream[] = { 0x6F, 0x00 }; /* o n m */
	static uint8_t hf_anc[16 + 48];
	size_t na = hf_ancillary(hf_anc, false);
	const tens ins[6] = {
		{ .type = MOTE_UINT8, .rank = 1, .dims = { 2 }, .data = lut_idx, .bytes = 2 },
		{ .type = MOTE_UINT8, .rank = 1, .dims = { 20 }, .data = lut_anc, .bytes = 20 },
		{ .type = MOTE_UINT8, .rank = 1, .dims = { 1 }, .data = pr_mask, .bytes = 1 },
		{ .type = MOTE_UINT8, .rank = 1, .dims = { 20 }, .data = pr_anc, .bytes = 20 },
		{ .type = MOTE_UINT8, .rank = 1, .dims = { 2 }, .data = hf_stream, .bytes = 2 },
		{ .type = MOTE_UINT8, .rank = 1, .dims = { (int32_t)na }, .data = hf_anc, .bytes = na },
	};
	const tens outs[3] = { { .type = MOTE_INT8, .rank = 1, .dims = { 8 } },
			       { .type = MOTE_INT16, .rank = 1, .dims = { 4 } },
			       { .type = MOTE_INT8, .rank = 1, .dims = { 3 } } };
	static const int8_t w0[8] = { 10, 20, 30, 40, 40, 30, 20, 10 };
	static const int16_t w1[4] = { 0x1234, 0, -1, 0 };
	static const int8_t w2[3] = { 'o', 'n', 'm' };
	net r;
	build1(&r, "TFLM_DECODE", ins, 6, outs, 3, NULL);
	CHECK(r.init == MOTE_OK, "decode multi: init %s (%s)",
	      mote_status_str(r.init), r.what);
	if (r.init == MOTE_OK) {
		CHECK(mote_invoke(&r.it) == MOTE_OK &&
			      !memcmp(out_data(&r, 0), w0, sizeof w0) &&
			      !memcmp(out_data(&r, 1), w1, sizeof w1) &&
			      !memcmp(out_data(&r, 2), w2, sizeof w2),
		      "decode multi: outputs");
	}
	drop(&r);
}

/* Models DECODE must refuse. */
static void test_decode_errors(void)
{
	static const uint8_t idx[4] = { 0x12, 0x34, 0x56, 0x78 };
	static uint8_t lut[20] = { 0, 1, 0, 0, 1, 2, 4 };
	static uint8_t lut_v2[20] = { 0, 2, 0, 0, 1, 2, 4 };
	static uint8_t lut_w0[20] = { 0, 1, 0, 0, 1, 0, 4 };
	static uint8_t custom[20] = { 127, 1, 0, 0, 1 };
	static uint8_t prune[17] = { 2, 1, 0, 0, 1 };
	static uint8_t huff[16 + 48];
	hf_ancillary(huff, false);
	const float sc[4] = { 1, 1, 1, 1 };
	const int64_t zp1[4] = { 0, 1, 0, 0 };
	const int64_t zp0[4] = { 0, 0, 0, 0 };
	const tens e4 = { .type = MOTE_UINT8, .rank = 1, .dims = { 4 }, .data = idx, .bytes = 4 };
	const tens e4_live = { .type = MOTE_UINT8, .rank = 1, .dims = { 4 } };
	const tens a_lut = { .type = MOTE_UINT8, .rank = 1, .dims = { 20 }, .data = lut, .bytes = 20 };
	const tens a_short = { .type = MOTE_UINT8, .rank = 1, .dims = { 12 }, .data = lut, .bytes = 12 };
	const tens a_v2 = { .type = MOTE_UINT8, .rank = 1, .dims = { 20 }, .data = lut_v2, .bytes = 20 };
	const tens a_w0 = { .type = MOTE_UINT8, .rank = 1, .dims = { 20 }, .data = lut_w0, .bytes = 20 };
	const tens a_custom = { .type = MOTE_UINT8, .rank = 1, .dims = { 20 }, .data = custom, .bytes = 20 };
	const tens a_prune = { .type = MOTE_UINT8, .rank = 1, .dims = { 17 }, .data = prune, .bytes = 17 };
	const tens a_huff = { .type = MOTE_UINT8, .rank = 1, .dims = { 64 }, .data = huff, .bytes = 64 };
	const tens o16 = { .type = MOTE_INT8, .rank = 1, .dims = { 16 } };
	const tens o17 = { .type = MOTE_INT8, .rank = 1, .dims = { 17 } };
	const tens o_u8 = { .type = MOTE_UINT8, .rank = 1, .dims = { 16 } };
	const tens o_h16 = { .type = MOTE_INT16, .rank = 1, .dims = { 4 } };
	const tens o100 = { .type = MOTE_INT8, .rank = 1, .dims = { 100 } };
	const tens o_q1 = { MOTE_INT8, 3, { 2, 4, 2 }, NULL, 0, false,
			    4, sc, zp0, 1 };
	const tens o_p16 = { MOTE_INT16, 2, { 4, 4 }, NULL, 0, false,
			     4, sc, zp1, 0 };
	static const struct {
		bad_case c;
		int n_in; /* inputs given */
	} bad[] = {
		{ { "decode one input", MOTE_E_INVALID, "two inputs" }, 1 },
		{ { "decode live input", MOTE_E_INVALID, "constant" }, 2 },
		{ { "decode short header", MOTE_E_INVALID, "16-byte" }, 2 },
		{ { "decode version 2", MOTE_E_UNSUPPORTED, "version" }, 2 },
		{ { "decode custom type", MOTE_E_UNSUPPORTED, "custom" }, 2 },
		{ { "LUT width 0", MOTE_E_INVALID, "width is 0" }, 2 },
		{ { "LUT index past table", MOTE_E_INVALID, "value tables" }, 2 },
		{ { "LUT indices past input", MOTE_E_INVALID, "encoded" }, 2 },
		{ { "LUT uint8 output", MOTE_E_UNSUPPORTED, "output type" }, 2 },
		{ { "LUT middle axis", MOTE_E_BAD_QUANT, "quantized dim" }, 2 },
		{ { "Prune values short", MOTE_E_INVALID, "kept values" }, 2 },
		{ { "Prune int16 zero point", MOTE_E_BAD_QUANT, "zero points" }, 2 },
		{ { "Huffman 16-bit int16", MOTE_E_UNSUPPORTED, "Huffman" }, 2 },
		{ { "Huffman stream short", MOTE_E_INVALID, "Huffman code" }, 2 },
	};
	/* Inputs and outputs per row (above: names and expectations). */
	const tens rows[][3] = {
		{ e4, a_lut, o16 },    { e4_live, a_lut, o16 },
		{ e4, a_short, o16 },  { e4, a_v2, o16 },
		{ e4, a_custom, o16 }, { e4, a_w0, o16 },
		{ e4, a_lut, o16 },    { e4, a_lut, o17 },
		{ e4, a_lut, o_u8 },   { e4, a_lut, o_q1 },
		{ e4, a_prune, o16 },  { e4, a_prune, o_p16 },
		{ e4, a_huff, o_h16 }, { e4, a_huff, o100 },
	};
	/* "LUT index past table": a 2-bit table of 3 values (stride 4). */
	static uint8_t lut3[19] = { 0, 1, 0, 0, 1, 2, 4 };
	const tens a_lut3 = { .type = MOTE_UINT8, .rank = 1, .dims = { 19 }, .data = lut3, .bytes = 19 };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tens in[2] = { rows[i][0], i == 6 ? a_lut3 : rows[i][1] };
		tens out = rows[i][2];
		net r;
		build1(&r, "TFLM_DECODE", in, bad[i].n_in, &out, 1, NULL);
		expect_fail(&r, &bad[i].c);
		drop(&r);
	}
}

static void test_decode(void)
{
	static const dec_case lut[] = {
		{ 0, 0, 1, 40, 1, 0 },  { 0, 0, 1, 57, 2, 0 },
		{ 0, 0, 1, 99, 3, 0 },  { 0, 0, 1, 77, 4, 0 },
		{ 0, 0, 1, 33, 5, 0 },  { 0, 0, 1, 21, 6, 0 },
		{ 0, 0, 1, 19, 7, 0 },  { 0, 1, 3, 37, 4, 0 },
		{ 0, 1, 5, 65, 3, 2 },  { 0, 1, 2, 48, 2, 1 },
		{ 0, 2, 3, 20, 4, 0 },  { 0, 2, 4, 9, 7, 0 },
		{ 1, 1, 3, 11, 3, 5 },  { 1, 2, 2, 13, 5, 0 },
		{ 2, 0, 1, 17, 2, 0 },  { 2, 2, 5, 7, 6, 1 },
		{ 3, 1, 2, 9, 1, 3 },   { 3, 0, 1, 25, 7, 0 },
		{ 4, 0, 1, 31, 4, 0 },  { 4, 2, 3, 6, 3, 0 },
		{ 4, 1, 4, 5, 5, 7 },   { 5, 0, 1, 45, 1, 0 },
		{ 5, 1, 2, 15, 2, 0 },  { 0, 1, 1, 64, 4, 0 },
	};
	static const dec_case prune[] = {
		{ 0, 0, 1, 50, 0, 0 }, { 0, 0, 1, 77, 1, 0 },
		{ 0, 1, 4, 13, 1, 0 }, { 0, 2, 3, 9, 1, 0 },
		{ 0, 1, 3, 10, 0, 0 }, { 1, 1, 2, 21, 0, 0 },
		{ 1, 0, 1, 5, 0, 0 },  { 2, 2, 4, 4, 0, 0 },
		{ 3, 0, 1, 23, 0, 0 }, { 4, 0, 1, 40, 0, 0 },
		{ 4, 2, 2, 8, 0, 0 },  { 5, 0, 1, 19, 0, 0 },
		{ 0, 1, 1, 16, 1, 0 },
	};
	for (size_t i = 0; i < sizeof lut / sizeof lut[0]; i++)
		lut_case(&lut[i]);
	for (size_t i = 0; i < sizeof prune / sizeof prune[0]; i++)
		prune_case(&prune[i]);
	test_huffman();
	test_decode_multi();
	test_decode_errors();
}

/* ---- DETECTION_POSTPROCESS ---------------------------------------------- */

/* Options and shapes of one detection case. */
typedef struct det_case {
	int32_t n; /* boxes */
	int32_t stride; /* values per box encoding */
	int32_t classes; /* num_classes */
	int32_t background; /* 0 or 1 extra score column */
	int32_t max_det; /* max_detections */
	int32_t max_cls; /* max_classes_per_detection */
	int32_t per_class; /* detections_per_class */
	bool regular; /* use_regular_nms */
	float score_thr, iou_thr; /* thresholds */
	float ys, xs, hs, ws; /* scales */
} det_case;

/* Outputs of a detection run. */
typedef struct det_out {
	float boxes[4 * 512]; /* rows of corners */
	float classes[512];
	float scores[512];
	float num;
} det_out;

static void det_options(fx *f, const det_case *c)
{
	const fx_kv kv[] = {
		{ "max_detections", 'i', c->max_det, 0 },
		{ "max_classes_per_detection", 'i', c->max_cls, 0 },
		{ "detections_per_class", 'i', c->per_class, 0 },
		{ "use_regular_nms", 'b', c->regular, 0 },
		{ "nms_score_threshold", 'f', 0, c->score_thr },
		{ "nms_iou_threshold", 'f', 0, c->iou_thr },
		{ "num_classes", 'i', c->classes, 0 },
		{ "y_scale", 'f', 0, c->ys },
		{ "x_scale", 'f', 0, c->xs },
		{ "h_scale", 'f', 0, c->hs },
		{ "w_scale", 'f', 0, c->ws },
	};
	fx_map(f, kv, 11);
}

/* Rows the outputs hold for case c. */
static int32_t det_rows(const det_case *c)
{
	int32_t per = c->max_cls < c->classes ? c->max_cls : c->classes;
	return c->regular ? c->max_det : c->max_det * per;
}

/* Corners of every box, as TFLM's spec states them. */
static void ref_decode(const det_case *c, const float *enc, const float *anc,
		       float *corner)
{
	for (int32_t i = 0; i < c->n; i++) {
		const float *e = enc + i * c->stride, *a = anc + 4 * i;
		double y = (double)e[0] / c->ys * a[2] + a[0];
		double x = (double)e[1] / c->xs * a[3] + a[1];
		double h = 0.5 * exp((double)e[2] / c->hs) * a[2];
		double w = 0.5 * exp((double)e[3] / c->ws) * a[3];
		float yc = (float)y, xc = (float)x, hh = (float)h, hw = (float)w;
		corner[4 * i + 0] = yc - hh;
		corner[4 * i + 1] = xc - hw;
		corner[4 * i + 2] = yc + hh;
		corner[4 * i + 3] = xc + hw;
	}
}

static float ref_iou(const float *a, const float *b)
{
	float aa = (a[2] - a[0]) * (a[3] - a[1]);
	float ab = (b[2] - b[0]) * (b[3] - b[1]);
	if (aa <= 0 || ab <= 0)
		return 0;
	float h = fminf(a[2], b[2]) - fmaxf(a[0], b[0]);
	float w = fminf(a[3], b[3]) - fmaxf(a[1], b[1]);
	float inter = (h > 0 ? h : 0) * (w > 0 ? w : 0);
	return inter / (aa + ab - inter);
}

/* NMS by repeated selection: the best live candidate (lowest box on a
 * tie) is picked, then every live box overlapping it too much dies. */
static int32_t ref_nms(const det_case *c, const float *corner, const float *s,
		       int32_t limit, int32_t *pick)
{
	static bool live[4096];
	int32_t n_pick = 0;
	for (int32_t i = 0; i < c->n; i++)
		live[i] = s[i] >= c->score_thr;
	while (n_pick < limit) {
		int32_t best = -1;
		for (int32_t i = 0; i < c->n; i++) {
			if (live[i] && (best < 0 || s[i] > s[best]))
				best = i;
		}
		if (best < 0)
			break;
		pick[n_pick++] = best;
		live[best] = false;
		for (int32_t i = 0; i < c->n; i++) {
			if (live[i] && ref_iou(corner + 4 * best, corner + 4 * i) >
					       c->iou_thr)
				live[i] = false;
		}
	}
	return n_pick;
}

/* Index of the best of v[0..n) not yet used (the first on a tie), marked
 * used; -1 if none is left. */
static int32_t take_best(const float *v, bool *used, int32_t n)
{
	int32_t b = -1;
	for (int32_t q = 0; q < n; q++) {
		if (!used[q] && (b < 0 || v[q] > v[b]))
			b = q;
	}
	if (b >= 0)
		used[b] = true;
	return b;
}

/* Regular NMS: a best list of (box, class, score) over the classes. */
static void ref_regular(const det_case *c, const float *corner,
			const float *scores, det_out *o)
{
	static float col[4096], sc[4096], nsc[4096];
	static int32_t pick[4096], box[4096], cls[4096], nb[4096], nc[4096];
	static bool used[4096];
	const int32_t ns = c->classes + c->background, off = c->background;
	int32_t n = 0;

	for (int32_t k = 0; k < c->classes; k++) {
		for (int32_t i = 0; i < c->n; i++)
			col[i] = scores[i * ns + off + k];
		int32_t np = ref_nms(c, corner, col, c->per_class, pick);
		for (int32_t j = 0; j < np; j++, n++) {
			box[n] = pick[j];
			cls[n] = k;
			sc[n] = col[pick[j]];
		}
		/* Keep the max_det best, by score then position. */
		int32_t keep = n < c->max_det ? n : c->max_det;
		memset(used, 0, sizeof used);
		for (int32_t r = 0; r < keep; r++) {
			int32_t b = take_best(sc, used, n);
			nb[r] = box[b];
			nc[r] = cls[b];
			nsc[r] = sc[b];
		}
		memcpy(box, nb, sizeof *nb * (size_t)keep);
		memcpy(cls, nc, sizeof *nc * (size_t)keep);
		memcpy(sc, nsc, sizeof *nsc * (size_t)keep);
		n = keep;
	}
	for (int32_t r = 0; r < n; r++) {
		memcpy(o->boxes + 4 * r, corner + 4 * box[r], 16);
		o->classes[r] = (float)cls[r];
		o->scores[r] = sc[r];
	}
	o->num = (float)n;
}

/* Fast NMS on each box's best class; rows where TFLM writes them. */
static void ref_fast(const det_case *c, const float *corner,
		     const float *scores, det_out *o)
{
	static float best[4096];
	static int32_t pick[4096], rank[4096][8];
	const int32_t ns = c->classes + c->background, off = c->background;
	const int32_t per = c->max_cls < c->classes ? c->max_cls : c->classes;
	const int32_t rows = det_rows(c);
	int32_t written = 0;

	for (int32_t i = 0; i < c->n; i++) {
		bool taken[64] = { false };
		for (int32_t r = 0; r < per; r++)
			rank[i][r] = take_best(scores + i * ns + off, taken,
					       c->classes);
		best[i] = scores[i * ns + off + rank[i][0]];
	}
	int32_t np = ref_nms(c, corner, best, c->max_det, pick);
	for (int32_t j = 0; j < np; j++) {
		const int32_t b = pick[j];
		for (int32_t r = 0; r < per; r++, written++) {
			/* TFLM's row for the r-th class of the j-th pick. */
			int32_t row = per * written + r;
			if (row >= rows)
				continue;
			memcpy(o->boxes + 4 * row, corner + 4 * b, 16);
			o->classes[row] = (float)rank[b][r];
			o->scores[row] = scores[b * ns + off + rank[b][r]];
		}
	}
	o->num = (float)written;
}

/* The reference outputs of case c (false: a box is inverted or empty). */
static bool ref_detect(const det_case *c, const float *enc,
		       const float *scores, const float *anc, det_out *o)
{
	static float corner[4 * 4096];
	memset(o, 0, sizeof *o);
	ref_decode(c, enc, anc, corner);
	for (int32_t i = 0; i < c->n; i++) {
		const float *b = corner + 4 * i;
		if (b[0] >= b[2] || b[1] >= b[3])
			return false;
	}
	if (c->regular)
		ref_regular(c, corner, scores, o);
	else
		ref_fast(c, corner, scores, o);
	return true;
}

/* Builds and runs case c on the given data. *status gets init's, or the
 * invoke's; o the outputs. */
static mote_status run_detect(const det_case *c, const fx *opts,
			      const float *enc, const float *scores,
			      const float *anc, det_out *o, const char **what)
{
	const int32_t ns = c->classes + c->background, rows = det_rows(c);
	const tens in[3] = {
		{ .type = MOTE_FLOAT32, .rank = 3, .dims = { 1, c->n, c->stride } },
		{ .type = MOTE_FLOAT32, .rank = 3, .dims = { 1, c->n, ns } },
		{ .type = MOTE_FLOAT32, .rank = 2, .dims = { c->n, 4 }, .data = anc, .bytes = 16 * (size_t)c->n },
	};
	const tens out[4] = { { .type = MOTE_FLOAT32, .rank = 3, .dims = { 1, rows, 4 } },
			      { .type = MOTE_FLOAT32, .rank = 2, .dims = { 1, rows } },
			      { .type = MOTE_FLOAT32, .rank = 2, .dims = { 1, rows } },
			      { .type = MOTE_FLOAT32, .rank = 1, .dims = { 1 } } };
	net r;
	build1(&r, "TFLite_Detection_PostProcess", in, 3, out, 4, opts);
	mote_status s = r.init;
	*what = r.what;
	if (s == MOTE_OK) {
		memcpy(in_data(&r, 0), enc, sizeof(float) * (size_t)(c->n * c->stride));
		memcpy(in_data(&r, 1), scores, sizeof(float) * (size_t)(c->n * ns));
		s = mote_invoke(&r.it);
		memset(o, 0, sizeof *o);
		memcpy(o->boxes, out_data(&r, 0), 16 * (size_t)rows);
		memcpy(o->classes, out_data(&r, 1), 4 * (size_t)rows);
		memcpy(o->scores, out_data(&r, 2), 4 * (size_t)rows);
		memcpy(&o->num, out_data(&r, 3), 4);
	}
	drop(&r);
	return s;
}

/* First differing float (bitwise) of two arrays, or -1. */
static int32_t first_diff(const float *a, const float *b, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		if (memcmp(&a[i], &b[i], 4))
			return i;
	}
	return -1;
}

static void det_compare(const char *name, const det_out *got,
			const det_out *want, int32_t rows)
{
	int32_t db = first_diff(got->boxes, want->boxes, 4 * rows);
	int32_t dc = first_diff(got->classes, want->classes, rows);
	int32_t ds = first_diff(got->scores, want->scores, rows);
	CHECK(db < 0 && dc < 0 && ds < 0 && got->num == want->num,
	      "%s: num %g want %g; first diff box %d (%g want %g) class %d "
	      "(%g want %g) score %d (%g want %g)",
	      name, (double)got->num, (double)want->num, (int)db,
	      (double)(db < 0 ? 0 : got->boxes[db]),
	      (double)(db < 0 ? 0 : want->boxes[db]), (int)dc,
	      (double)(dc < 0 ? 0 : got->classes[dc]),
	      (double)(dc < 0 ? 0 : want->classes[dc]), (int)ds,
	      (double)(ds < 0 ? 0 : got->scores[ds]),
	      (double)(ds < 0 ? 0 : want->scores[ds]));
}

/* TFLM's own kernel test: its inputs, option bytes and exact outputs. */
static void test_detect_tflm(void)
{
	static const uint8_t tflm_opts[242] = {
		0x6d, 0x61, 0x78, 0x5f, 0x64, 0x65, 0x74, 0x65, 0x63, 0x74, 0x69,
		0x6f, 0x6e, 0x73, 0x00, 0x6d, 0x61, 0x78, 0x5f, 0x63, 0x6c, 0x61,
		0x73, 0x73, 0x65, 0x73, 0x5f, 0x70, 0x65, 0x72, 0x5f, 0x64, 0x65,
		0x74, 0x65, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x00, 0x64, 0x65, 0x74,
		0x65, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x73, 0x5f, 0x70, 0x65, 0x72,
		0x5f, 0x63, 0x6c, 0x61, 0x73, 0x73, 0x00, 0x75, 0x73, 0x65, 0x5f,
		0x72, 0x65, 0x67, 0x75, 0x6c, 0x61, 0x72, 0x5f, 0x6e, 0x6d, 0x73,
		0x00, 0x6e, 0x6d, 0x73, 0x5f, 0x73, 0x63, 0x6f, 0x72, 0x65, 0x5f,
		0x74, 0x68, 0x72, 0x65, 0x73, 0x68, 0x6f, 0x6c, 0x64, 0x00, 0x6e,
		0x6d, 0x73, 0x5f, 0x69, 0x6f, 0x75, 0x5f, 0x74, 0x68, 0x72, 0x65,
		0x73, 0x68, 0x6f, 0x6c, 0x64, 0x00, 0x6e, 0x75, 0x6d, 0x5f, 0x63,
		0x6c, 0x61, 0x73, 0x73, 0x65, 0x73, 0x00, 0x79, 0x5f, 0x73, 0x63,
		0x61, 0x6c, 0x65, 0x00, 0x78, 0x5f, 0x73, 0x63, 0x61, 0x6c, 0x65,
		0x00, 0x68, 0x5f, 0x73, 0x63, 0x61, 0x6c, 0x65, 0x00, 0x77, 0x5f,
		0x73, 0x63, 0x61, 0x6c, 0x65, 0x00, 0x0b, 0x78, 0x12, 0x94, 0xa4,
		0x43, 0x58, 0x33, 0x6a, 0x11, 0x22, 0x2b, 0x0b, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
		0x00, 0x00, 0x00, 0xa0, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x40,
		0x00, 0x00, 0x20, 0x41, 0x00, 0x00, 0x20, 0x41, 0x06, 0x0e, 0x06,
		0x06, 0x0e, 0x0e, 0x06, 0x6a, 0x0e, 0x0e, 0x0e, 0x37, 0x26, 0x01,
	};
	static const float enc[24] = { 0, 0, 0, 0, 0, 1,  0, 0, 0, -1, 0, 0,
				       0, 0, 0, 0, 0, 1,  0, 0, 0, 0,  0, 0 };
	static const float scores[18] = { 0., .9,  .8,  0., .75, .72,
					  0., .6,  .5,  0., .93, .95,
					  0., .5,  .4,  0., .3,  .2 };
	static const float anc[24] = { 0.5, 0.5,  1, 1, 0.5, 0.5,   1, 1,
				       0.5, 0.5,  1, 1, 0.5, 10.5,  1, 1,
				       0.5, 10.5, 1, 1, 0.5, 100.5, 1, 1 };
	static const det_out fast_want = {
		{ 0, 10, 1, 11, 0, 0, 1, 1, 0, 100, 1, 101 },
		{ 1, 0, 0 },
		{ .95f, .9f, .3f },
		3,
	};
	/* TFLM's test states 0.9 within 0.1 for the second score; the value
	 * is box 3's class 0 score, 0.93. */
	static const det_out regular_want = {
		{ 0, 10, 1, 11, 0, 10, 1, 11, 0, 0, 0, 0 },
		{ 1, 0, 0 },
		{ .95f, .93f, 0 },
		2,
	};
	det_case c = { 6, 4, 2, 1, 3, 1, 1, false, 0, .5f, 10, 10, 5, 5 };
	fx f;
	det_out got;
	const char *what;

	memcpy(f.b, tflm_opts, sizeof tflm_opts);
	f.n = sizeof tflm_opts;
	mote_status s = run_detect(&c, &f, enc, scores, anc, &got, &what);
	CHECK(s == MOTE_OK, "TFLM fast NMS: %s (%s)", mote_status_str(s), what);
	if (s == MOTE_OK)
		det_compare("TFLM fast NMS", &got, &fast_want, 3);
	/* The regular bytes differ only in use_regular_nms (offset 212). */
	f.b[212] = 1;
	c.regular = true;
	s = run_detect(&c, &f, enc, scores, anc, &got, &what);
	CHECK(s == MOTE_OK, "TFLM regular NMS: %s (%s)", mote_status_str(s),
	      what);
	if (s == MOTE_OK)
		det_compare("TFLM regular NMS", &got, &regular_want, 3);
}

/* Random cases with tie-heavy scores against the reference. */
static void test_detect_random(void)
{
	static float enc[512 * 6], scores[512 * 8], anc[512 * 4];
	static det_out got, want;
	char name[96];
	int invalid = 0;

	for (int it = 0; it < 400; it++) {
		det_case c;
		c.n = rnd_int(1, it % 10 == 0 ? 300 : 40);
		c.stride = rnd_int(4, 6);
		c.classes = rnd_int(1, 6);
		c.background = rnd_int(0, 1);
		c.max_det = rnd_int(1, 10);
		c.max_cls = rnd_int(1, 3);
		c.per_class = rnd_int(1, 8);
		c.regular = rnd() % 2;
		c.score_thr = rnd() % 3 ? (float)rnd_int(0, 4) / 10 : -INFINITY;
		c.iou_thr = (float)rnd_int(1, 10) / 10;
		c.ys = 10;
		c.xs = 10;
		c.hs = 5;
		c.ws = 5;
		if (rnd() % 4 == 0) {
			c.ys = (float)rnd_int(1, 40) / 4;
			c.ws = (float)rnd_int(1, 40) / 4;
		}
		const int32_t ns = c.classes + c.background, levels = rnd_int(1, 8);
		for (int32_t i = 0; i < c.n * c.stride; i++)
			enc[i] = rnd() % 4 ? (float)rnd_int(-300, 300) / 100 : 0;
		for (int32_t i = 0; i < c.n * ns; i++)
			scores[i] = (float)rnd_int(0, levels) / (float)levels;
		for (int32_t i = 0; i < c.n; i++) {
			anc[4 * i] = (float)rnd_int(0, 3) / 4 + 0.5f;
			anc[4 * i + 1] = (float)rnd_int(0, 3) / 4 + 0.5f;
			anc[4 * i + 2] = (float)rnd_int(1, 100) / 100;
			anc[4 * i + 3] = (float)rnd_int(1, 100) / 100;
		}
		if (it % 50 == 7)
			anc[4 * rnd_int(0, c.n - 1) + 2] = 0;
		fx f;
		const char *what;
		det_options(&f, &c);
		bool ok = ref_detect(&c, enc, scores, anc, &want);
		mote_status s = run_detect(&c, &f, enc, scores, anc, &got, &what);
		snprintf(name, sizeof name,
			 "detect %d (%s, N %d, C %d+%d, M %d, per %d)", it,
			 c.regular ? "regular" : "fast", (int)c.n,
			 (int)c.classes, (int)c.background, (int)c.max_det,
			 (int)(c.regular ? c.per_class : c.max_cls));
		CHECK(s == (ok ? MOTE_OK : MOTE_E_EVAL), "%s: %s (%s)", name,
		      mote_status_str(s), what);
		invalid += !ok;
		if (ok && s == MOTE_OK)
			det_compare(name, &got, &want, det_rows(&c));
	}
	CHECK(invalid > 0, "detect: no case had an invalid box");
}

/* Models DETECTION_POSTPROCESS must refuse. */
static void test_detect_errors(void)
{
	static const float anc[16] = { 0 };
	const det_case good = { 4, 4, 2, 1, 3, 1, 2, false, 0, .5f, 10, 10, 5, 5 };
	static const struct {
		bad_case c;
		int change; /* which field below to spoil */
	} bad[] = {
		{ { "detect iou 0", MOTE_E_BAD_OPTIONS, "nms_iou_threshold" }, 0 },
		{ { "detect iou 1.5", MOTE_E_BAD_OPTIONS, "nms_iou_threshold" }, 1 },
		{ { "detect no classes", MOTE_E_BAD_OPTIONS, "num_classes" }, 2 },
		{ { "detect max_det < 0", MOTE_E_BAD_OPTIONS, "max_detections" }, 3 },
		{ { "detect fast, 0 classes per detection", MOTE_E_BAD_OPTIONS,
		    "max_classes_per_detection" }, 4 },
		{ { "detect regular, 0 per class", MOTE_E_BAD_OPTIONS,
		    "detections_per_class" }, 5 },
		{ { "detect score columns", MOTE_E_BAD_SHAPE, "columns" }, 6 },
		{ { "detect options missing", MOTE_E_BAD_OPTIONS, "missing" }, 7 },
		{ { "detect int option as float", MOTE_E_BAD_OPTIONS,
		    "num_classes" }, 8 },
		{ { "detect int8 inputs", MOTE_E_UNSUPPORTED, "float32" }, 9 },
		{ { "detect outputs too small", MOTE_E_BAD_SHAPE, "fewer rows" }, 10 },
		{ { "detect short anchors", MOTE_E_BAD_SHAPE, "anchors" }, 11 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		det_case c = good;
		fx f;
		int32_t rows = 3, ns = 3, na = 4;
		mote_type ty = MOTE_FLOAT32;
		switch (bad[i].change) {
		case 0: c.iou_thr = 0; break;
		case 1: c.iou_thr = 1.5f; break;
		case 2: c.classes = 0; break;
		case 3: c.max_det = -1; break;
		case 4: c.max_cls = 0; break;
		case 5: c.regular = true; c.per_class = 0; break;
		case 6: ns = 4; break;
		case 9: ty = MOTE_INT8; break;
		case 10: c.max_cls = 2; break;
		case 11: na = 3; break;
		default: break;
		}
		det_options(&f, &c);
		if (bad[i].change == 8) {
			const fx_kv kv[] = { { "num_classes", 'f', 0, 2.0f },
					     { "nms_iou_threshold", 'f', 0, .5f },
					     { "max_detections", 'i', 3, 0 } };
			fx_map(&f, kv, 3);
		}
		const float sc = 0.1f;
		const int64_t zp = 0;
		const tens in[3] = {
			{ ty, 3, { 1, 4, 4 }, NULL, 0, false, ty != MOTE_FLOAT32,
			  &sc, &zp, 0 },
			{ ty, 3, { 1, 4, ns }, NULL, 0, false, ty != MOTE_FLOAT32,
			  &sc, &zp, 0 },
			{ .type = MOTE_FLOAT32, .rank = 2, .dims = { na, 4 }, .data = anc, .bytes = 16 * (size_t)na },
		};
		const tens out[4] = { { .type = MOTE_FLOAT32, .rank = 3, .dims = { 1, rows, 4 } },
				      { .type = MOTE_FLOAT32, .rank = 2, .dims = { 1, rows } },
				      { .type = MOTE_FLOAT32, .rank = 2, .dims = { 1, rows } },
				      { .type = MOTE_FLOAT32, .rank = 1, .dims = { 1 } } };
		net r;
		build1(&r, "TFLite_Detection_PostProcess", in, 3, out, 4,
		       bad[i].change == 7 ? NULL : &f);
		expect_fail(&r, &bad[i].c);
		drop(&r);
	}
}

int main(void)
{
	test_fx();
	test_circular_buffer();
	test_decode();
	test_detect_tflm();
	test_detect_random();
	test_detect_errors();
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail != 0;
}
