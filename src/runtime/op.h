/* SPDX-License-Identifier: Apache-2.0 */
/*
 * op.h - the contract between the interpreter and an operator.
 *
 * An operator (src/ops/<op>.c) defines one `const mote_op mote_op_<name>`
 * with its TFLite builtin code (or custom name) and a prepare function.
 *
 * prepare(p) runs twice per operator at init:
 *   1. measuring: mote__prep_alloc() returns NULL. Prepare validates the
 *      operator (types, shapes, quantization, options), requests its scratch
 *      and persistent memory, and returns MOTE_OK as soon as alloc gave NULL.
 *   2. for real: the same calls in the same order with the same sizes; alloc
 *      now returns zeroed memory from the arena tail (8-byte aligned) and
 *      never fails. Prepare fills one plain params struct there
 *      (precomputed multipliers, shapes, ...) and sets the eval function.
 * Prepare must be deterministic: both runs request the same sizes.
 *
 * eval(n, t) runs at every invoke. `t` is the table of data pointers of the
 * subgraph's tensors; mote__in()/mote__out() give the operator's own. Eval
 * checks only what it reads from tensor data (e.g. gather indices) and
 * returns MOTE_E_EVAL then; MOTE_STOPPED ends the invoke early without an
 * error (a streaming op whose step is not due). Kernels (src/kernels/) never see the model:
 * they get the params struct and data pointers.
 */
#ifndef MOTE_RUNTIME_OP_H
#define MOTE_RUNTIME_OP_H

#include "model/tflite.h"

typedef struct mote__prep mote__prep;

typedef mote_status (*mote__eval_fn)(const mote__node *n, void *const *t);
typedef void (*mote__reset_fn)(const mote__node *n, void *const *t);
typedef mote_status (*mote__prepare_fn)(mote__prep *p);

/* An operator implementation. */
struct mote_op {
	int32_t builtin; /* TFLite BuiltinOperator, or 32 (CUSTOM) */
	const char *custom; /* custom code for custom ops, else NULL */
	const char *name; /* display name */
	mote__prepare_fn prepare; /* see above */
};

/* One operator as the interpreter runs it; lives in the arena. */
struct mote__node {
	mote__eval_fn eval; /* the kernel entry chosen at prepare */
	mote__reset_fn reset; /* clears operator state, or NULL */
	const void *params; /* the op's params struct (persistent) */
	const int32_t *in; /* input tensor indices (-1: absent), in model */
	const int32_t *out; /* output tensor indices, in model */
	void *scratch; /* this op's scratch buffer, or NULL */
	uint32_t scratch_bytes; /* its size */
	uint16_t n_in; /* number of inputs */
	uint16_t n_out; /* number of outputs */
};

/* Data pointer of input i (NULL if the optional input is absent). */
static inline void *mote__in(const mote__node *n, void *const *t, int i)
{
	int32_t k = n->in[i];
	return k < 0 ? (void *)0 : t[k];
}

/* Data pointer of output i. */
static inline void *mote__out(const mote__node *n, void *const *t, int i)
{
	return t[n->out[i]];
}

/* mote__tensor (a tensor as prepare sees it) is defined in model/tflite.h. */

/* Zero point of channel c (0 when absent). */
static inline int32_t mote__zp(const mote__tensor *t, uint32_t c)
{
	if (t->n_zp == 0)
		return 0;
	return (int32_t)t->zp[c < t->n_zp ? c : 0];
}

/* Scale of channel c (0 when not quantized). */
static inline float mote__scale(const mote__tensor *t, uint32_t c)
{
	if (t->n_scale == 0)
		return 0.0f;
	return t->scale[c < t->n_scale ? c : 0];
}

/* Counts and tensors of the operator being prepared. */
int mote__prep_n_in(const mote__prep *p);
int mote__prep_n_out(const mote__prep *p);
/* The op's input / output tensor indices (in the model; -1: absent). */
const int32_t *mote__prep_inputs(const mote__prep *p, uint32_t *n);
const int32_t *mote__prep_outputs(const mote__prep *p, uint32_t *n);
/* True if input i exists and is not -1. */
bool mote__prep_has_in(const mote__prep *p, int i);
/* Fills t; E_INVALID (recorded) if the input is missing. */
mote_status mote__prep_in(mote__prep *p, int i, mote__tensor *t);
mote_status mote__prep_out(mote__prep *p, int i, mote__tensor *t);
/* Any tensor of the current subgraph by index. */
mote_status mote__prep_tensor(mote__prep *p, int32_t index, mote__tensor *t);

/* The operator's version from its operator code. */
int32_t mote__prep_version(const mote__prep *p);
/* Index of the operator within its subgraph, and that subgraph. */
int32_t mote__prep_op_index(const mote__prep *p);
uint32_t mote__prep_subgraph(const mote__prep *p);

/*
 * Builtin options. opts_type is the BuiltinOptions union type (0: none).
 * Scalar getters return `def` when the table or field is absent; a field
 * that lies outside its table is an error recorded in the interpreter and
 * also yields `def` (prepare then fails at its end: see mote__prep_status).
 */
uint8_t mote__prep_opts_type(const mote__prep *p);
int32_t mote__opt_i32(mote__prep *p, unsigned field, int32_t def);
int64_t mote__opt_i64(mote__prep *p, unsigned field, int64_t def);
float mote__opt_f32(mote__prep *p, unsigned field, float def);
uint8_t mote__opt_u8(mote__prep *p, unsigned field, uint8_t def);
bool mote__opt_bool(mote__prep *p, unsigned field, bool def);
/* Vector of int32 in the options (e.g. RESHAPE new_shape); n=0 if absent. */
mote_status mote__opt_vec_i32(mote__prep *p, unsigned field,
			      const int32_t **v, uint32_t *n);
/* Same for builtin_options_2 (StableHLO-era options). */
uint8_t mote__prep_opts2_type(const mote__prep *p);

/* Custom options bytes (flexbuffer for custom ops), len 0 if none. */
const uint8_t *mote__prep_custom(const mote__prep *p, size_t *len);

/* True while measuring (alloc returns NULL). */
bool mote__prep_measuring(const mote__prep *p);

/* Persistent memory, zeroed, 8-byte aligned; NULL while measuring. */
void *mote__prep_alloc(mote__prep *p, size_t bytes);

/* Requests a scratch buffer of `bytes` for this op (one per op; 16-byte
 * aligned; valid during eval only). Call in both runs. */
void mote__prep_scratch(mote__prep *p, size_t bytes);

/* Lets output `o` share input `i`'s memory if the planner can (same byte
 * size, input not constant and not needed later). Eval must copy when
 * mote__in(...) != mote__out(...). */
void mote__prep_share(mote__prep *p, int o, int i);

/* Sets the eval function, reset function (or NULL) and params. */
void mote__prep_set(mote__prep *p, mote__eval_fn eval, mote__reset_fn reset,
		    const void *params);

/* Records an error with detail (tensor may be -1) and returns s. */
mote_status mote__prep_fail(mote__prep *p, mote_status s, int32_t tensor,
			    const char *what);

/* Status of errors recorded by the option getters (MOTE_OK if none). */
mote_status mote__prep_status(const mote__prep *p);

/*
 * Subgraphs (IF, WHILE, CALL_ONCE). At prepare an op may look at any
 * subgraph's inputs, outputs and tensors; at eval it runs a subgraph with
 * mote__invoke_graph() on the interpreter it kept from mote__prep_interp().
 * Each subgraph's tensors live in their own part of the arena, so a call
 * never disturbs the caller's live tensors.
 */
uint32_t mote__prep_n_subgraphs(const mote__prep *p);
const int32_t *mote__prep_sg_io(const mote__prep *p, uint32_t sg,
				unsigned field, uint32_t *n);
mote_status mote__prep_sg_tensor(mote__prep *p, uint32_t sg, int32_t index,
				 mote__tensor *t);
mote_interp *mote__prep_interp(const mote__prep *p);
/* Runs subgraph sg once (E_TOO_DEEP past 8 nested calls). */
mote_status mote__invoke_graph(mote_interp *it, uint32_t sg);
/* Data pointers of subgraph sg's tensors. */
void *const *mote__graph_tensors(const mote_interp *it, uint32_t sg);

/*
 * Resource variables. mote__prep_resource() registers the resource that
 * `handle` (a tensor produced by a VAR_HANDLE op of this subgraph) refers
 * to, growing it to hold `bytes`, and returns its id (>= 0) or an error.
 * At eval, mote__resource_data() gives its value buffer.
 */
mote_status mote__prep_resource(mote__prep *p, int32_t handle, size_t bytes,
				int32_t *id);
/* Id of the resource named by a VAR_HANDLE op being prepared. */
mote_status mote__prep_var_handle(mote__prep *p, int32_t *id);
void *mote__resource_data(const mote_interp *it, int32_t id, size_t *bytes);

/* Common checks, each recording a precise error on failure. */
mote_status mote__prep_expect_io(mote__prep *p, int min_in, int max_in,
				 int n_out);
mote_status mote__prep_expect_type(mote__prep *p, const mote__tensor *t,
				   mote_type type);
bool mote__same_shape(const mote__tensor *a, const mote__tensor *b);

#endif /* MOTE_RUNTIME_OP_H */
