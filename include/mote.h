/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote.h - the whole public C API of mote, a TinyML inference engine.
 *
 * mote runs a TensorFlow Lite flatbuffer (.tflite, schema version 3) as it
 * is, with no heap: the application hands over every byte of memory.
 *
 *   mote_model m;                 bytes are borrowed and must outlive m
 *   mote_model_open(&m, bytes, len);          verifies the whole buffer once
 *   mote_interp it;
 *   mote_interp_init(&it, &m, &mote_all_ops, arena, arena_size);
 *   mote_input(&it, 0, &t);  fill t.data
 *   mote_invoke(&it);
 *   mote_output(&it, 0, &t); read t.data
 *
 * Threading: objects are not shared between threads by the library; two
 * interpreters on one model may run concurrently.
 *
 * Errors: every function returns a mote_status (0 = MOTE_OK, negative =
 * error; the one positive value, MOTE_STOPPED, is not an error: a streaming
 * operator such as CIRCULAR_BUFFER ended mote_invoke() early because its
 * step is not due, so the outputs hold no new result this time). Model and interpreter objects keep the detail of their last error
 * (mote_error: what, which op/tensor, where in the bytes); nothing is kept in
 * globals.
 */
#ifndef MOTE_H
#define MOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes, one per line: name, value, message. */
#define MOTE_STATUS_LIST(X)                                                    \
	X(STOPPED, 1, "invoke ended early: an operator has no new output yet") \
	X(OK, 0, "ok")                                                         \
	X(E_ARG, -1, "invalid argument")                                       \
	X(E_UNALIGNED, -2, "misaligned data")                                  \
	X(E_TRUNCATED, -3, "model truncated: a field runs past the end")       \
	X(E_BAD_OFFSET, -4, "model offset out of range")                       \
	X(E_BAD_VTABLE, -5, "model table has a malformed vtable")              \
	X(E_BAD_STRING, -6, "model string is not terminated")                  \
	X(E_BAD_IDENTIFIER, -7, "not a TFLite model (identifier is not TFL3)") \
	X(E_BAD_VERSION, -8, "unsupported TFLite schema version")              \
	X(E_BAD_TENSOR, -9, "tensor index out of range")                       \
	X(E_BAD_BUFFER, -10, "bad buffer reference or buffer size")            \
	X(E_BAD_SHAPE, -11, "bad tensor shape")                                \
	X(E_BAD_TYPE, -12, "unknown or unsupported tensor type")               \
	X(E_BAD_QUANT, -13, "bad quantization parameters")                     \
	X(E_BAD_OPCODE, -14, "bad operator code")                              \
	X(E_BAD_SUBGRAPH, -15, "bad subgraph")                                 \
	X(E_BAD_OPTIONS, -16, "bad operator options")                          \
	X(E_TOO_DEEP, -17, "nesting too deep")                                 \
	X(E_TOO_LARGE, -18, "model exceeds an implementation limit")           \
	X(E_UNSUPPORTED_OP, -19, "unsupported operator")                       \
	X(E_UNSUPPORTED, -20, "unsupported operator configuration")            \
	X(E_INVALID, -21, "operator inputs are inconsistent")                  \
	X(E_ARENA_TOO_SMALL, -22, "arena too small")                           \
	X(E_STATE, -23, "call out of order")                                   \
	X(E_INDEX, -24, "no such input, output or name")                       \
	X(E_EVAL, -25, "operator failed at run time")

typedef enum mote_status {
#define MOTE__STATUS_ENUM(name, value, msg) MOTE_##name = (value),
	MOTE_STATUS_LIST(MOTE__STATUS_ENUM)
#undef MOTE__STATUS_ENUM
} mote_status;

/* The message of a status code; a static string, never NULL. */
const char *mote_status_str(mote_status s);

/* Where the last error happened. Fields that do not apply are -1 / NULL. */
typedef struct mote_error {
	mote_status status; /* the code returned */
	int32_t subgraph; /* subgraph index */
	int32_t op; /* operator index within the subgraph */
	int32_t tensor; /* tensor index within the subgraph */
	int64_t offset; /* byte offset into the model of the bad field */
	const char *what; /* static text: which field or check */
	size_t needed; /* E_ARENA_TOO_SMALL: bytes the arena needs */
} mote_error;

/* Tensor element types; the values are TFLite's TensorType. */
typedef enum mote_type {
	MOTE_FLOAT32 = 0,
	MOTE_FLOAT16 = 1,
	MOTE_INT32 = 2,
	MOTE_UINT8 = 3,
	MOTE_INT64 = 4,
	MOTE_STRING = 5,
	MOTE_BOOL = 6,
	MOTE_INT16 = 7,
	MOTE_COMPLEX64 = 8,
	MOTE_INT8 = 9,
	MOTE_FLOAT64 = 10,
	MOTE_COMPLEX128 = 11,
	MOTE_UINT64 = 12,
	MOTE_RESOURCE = 13,
	MOTE_VARIANT = 14,
	MOTE_UINT32 = 15,
	MOTE_UINT16 = 16,
	MOTE_INT4 = 17,
	MOTE_BFLOAT16 = 18,
} mote_type;

/* Name of a type ("int8"), or "?" for an unknown value. */
const char *mote_type_str(mote_type t);

/* Bytes per element; 0 for types without a fixed size (string, int4). */
size_t mote_type_size(mote_type t);

/* Highest tensor rank mote accepts. */
#define MOTE_MAX_DIMS 8

/*
 * A verified model: a view on caller-owned bytes. Fill it with
 * mote_model_open(); all fields are read-only for the application.
 */
typedef struct mote_model {
	const uint8_t *bytes; /* the .tflite, borrowed; 16-byte aligned */
	size_t len; /* its length in bytes */
	uint32_t root; /* offset of the Model table */
	uint32_t n_subgraphs; /* number of subgraphs (>= 1) */
	uint32_t n_buffers; /* number of buffers */
	uint32_t n_opcodes; /* number of operator codes */
	uint32_t version; /* schema version (3) */
	mote_error err; /* detail of the last error */
} mote_model;

/*
 * Verifies `len` bytes at `bytes` as a TFLite model and fills `m`.
 * Every offset, vtable, vector, string, index, shape, buffer size and
 * quantization block is checked once, here; afterwards the model is read
 * without bounds checks. `bytes` must be 16-byte aligned (as a linker or
 * malloc places it) and stay valid and unchanged while `m` or any
 * interpreter on it is in use.
 * Returns MOTE_OK or a model error (E_TRUNCATED, E_BAD_*, E_UNALIGNED,
 * E_TOO_LARGE); m->err says what and where.
 */
mote_status mote_model_open(mote_model *m, const void *bytes, size_t len);

/* An operator implementation; defined by the library, see mote_ops.h. */
typedef struct mote_op mote_op;

/* The set of operators an application links: only these are pulled in. */
typedef struct mote_op_table {
	const mote_op *const *ops; /* array of n operators */
	size_t n; /* its length */
} mote_op_table;

/* Every operator mote has (links all kernels; for tools). */
extern const mote_op_table mote_all_ops;

/* Information about one tensor, filled by mote_input() and friends. */
typedef struct mote_tensor {
	mote_type type; /* element type */
	int32_t rank; /* number of dimensions */
	int32_t dims[MOTE_MAX_DIMS]; /* shape, outermost first */
	size_t bytes; /* size of the data */
	const char *name; /* name in the model, or "" */
	float scale; /* quantization scale of channel 0, or 0 */
	int32_t zero_point; /* quantization zero point of channel 0, or 0 */
	uint32_t n_scales; /* number of per-channel scales (0: not quantized) */
	int32_t index; /* tensor index in subgraph 0 */
	void *data; /* the data in the arena; valid while the interpreter is */
} mote_tensor;

/* One operator, as the interpreter runs it (internal layout). */
typedef struct mote__node mote__node;
/* One subgraph's nodes and tensor pointers (internal layout). */
typedef struct mote__graph mote__graph;
/* A resource variable (VAR_HANDLE / READ / ASSIGN_VARIABLE). */
typedef struct mote__resource mote__resource;

/* An interpreter: a model prepared on an arena. Caller-allocated. */
typedef struct mote_interp {
	const mote_model *model; /* the model, borrowed */
	uint8_t *arena; /* the arena, borrowed, 16-byte aligned start */
	size_t arena_size; /* its usable size */
	size_t plan_bytes; /* activation and scratch area at the head */
	size_t persist_bytes; /* persistent area at the tail */
	size_t needed; /* the smallest arena init succeeds with (from a
			  16-byte aligned start): the planner's workspace
			  can exceed the plan of a small model */
	mote__node *nodes; /* one per operator of subgraph 0, in the arena */
	uint32_t n_nodes; /* their number */
	void **tensors; /* data pointer per tensor of subgraph 0 */
	uint32_t n_tensors; /* their number */
	mote__graph *graphs; /* every subgraph (graphs[0]: the ones above) */
	uint32_t n_graphs; /* their number */
	mote__resource *resources; /* resource variables, in the arena */
	uint32_t n_resources; /* their number */
	uint32_t depth; /* subgraph call depth during invoke */
	bool ready; /* init succeeded */
	mote_error err; /* detail of the last error */
} mote_interp;

/*
 * Prepares `m` to run on `arena` (caller-owned, `size` bytes, kept until
 * the interpreter is dropped; there is no deinit). Every operator is
 * resolved from `ops` (MOTE_E_UNSUPPORTED_OP names the first missing one in
 * err.what with its op index), checked and prepared once; then the planner
 * places every activation, scratch buffer and persistent block in the arena.
 * Returns MOTE_E_ARENA_TOO_SMALL with err.needed = the exact size needed
 * (a lower bound, with err.what saying so, when the arena cannot even hold
 * the planner's working memory). Variable tensors start reset.
 */
mote_status mote_interp_init(mote_interp *it, const mote_model *m,
			     const mote_op_table *ops, void *arena,
			     size_t size);

/* The arena size this model needs (the smallest size mote_interp_init()
 * accepts, from a 16-byte aligned start), after a successful init. */
size_t mote_arena_used(const mote_interp *it);

/* Runs subgraph 0 once on the current inputs. MOTE_OK, MOTE_STOPPED (no
 * new output this time, see above) or an error with it->err set. */
mote_status mote_invoke(mote_interp *it);

/* Clears all state: variable tensors and stateful operators. */
mote_status mote_reset(mote_interp *it);

size_t mote_input_count(const mote_interp *it);
size_t mote_output_count(const mote_interp *it);

/* Describe input/output `i` of subgraph 0; t->data points into the arena. */
mote_status mote_input(const mote_interp *it, size_t i, mote_tensor *t);
mote_status mote_output(const mote_interp *it, size_t i, mote_tensor *t);

/* Find an input or output by tensor name; E_INDEX if none has it. */
mote_status mote_input_by_name(const mote_interp *it, const char *name,
			       mote_tensor *t);
mote_status mote_output_by_name(const mote_interp *it, const char *name,
				mote_tensor *t);

/* Per-channel quantization of any tensor (channel c); E_INDEX if none. */
mote_status mote_tensor_quant(const mote_interp *it, int32_t tensor,
			      uint32_t c, float *scale, int64_t *zero_point);

#ifdef __cplusplus
}
#endif

#include "mote_ops.h"

#endif /* MOTE_H */
