/* SPDX-License-Identifier: Apache-2.0 */
/*
 * prep.h - the state behind a mote__prep (interpreter-internal).
 */
#ifndef MOTE_RUNTIME_PREP_H
#define MOTE_RUNTIME_PREP_H

#include "runtime/op.h"

/* One subgraph as the interpreter runs it. */
struct mote__graph {
	mote__node *nodes; /* one per operator */
	uint32_t n_nodes; /* their number */
	void **tensors; /* data pointer per tensor */
	uint32_t n_tensors; /* their number */
};

/* A resource variable, named by (container, shared_name). */
struct mote__resource {
	const char *container; /* VarHandleOptions.container, or "" */
	const char *name; /* VarHandleOptions.shared_name, or "" */
	size_t bytes; /* size of its value */
	void *data; /* its value (persistent), NULL while measuring */
};

/* Registry of resources during init (workspace while measuring). */
typedef struct mote__registry {
	mote__resource *r; /* entries */
	uint32_t n; /* used */
	uint32_t cap; /* capacity (number of VAR_HANDLE ops) */
} mote__registry;

struct mote__prep {
	mote_interp *it; /* the interpreter being initialised */
	const mote_model *m; /* its model */
	uint32_t sg; /* subgraph of the operator */
	uint32_t op_index; /* operator index in the subgraph */
	uint32_t op; /* operator table position in the model */
	const int32_t *in; /* input tensor indices */
	uint32_t n_in; /* their number */
	const int32_t *out; /* output tensor indices */
	uint32_t n_out; /* their number */
	int32_t version; /* operator code version */
	bool measuring; /* first pass: alloc returns NULL */
	size_t persist; /* bytes allocated so far (both passes) */
	uint8_t *tail; /* real pass: next allocation ends here */
	uint8_t *floor; /* real pass: allocations may not go below */
	size_t scratch; /* requested scratch bytes */
	int32_t share_out; /* output asked to share an input, or -1 */
	int32_t share_in; /* that input */
	mote__eval_fn eval; /* chosen kernel */
	mote__reset_fn reset; /* state reset, or NULL */
	const void *params; /* params struct */
	mote_status opt_status; /* error from an option getter */
	mote__registry *reg; /* resource registry */
};

/* Registers (or finds) a resource and grows it to `bytes`; its id. */
int32_t mote__registry_add(mote__registry *reg, const char *container,
			   const char *name, size_t bytes);

#endif /* MOTE_RUNTIME_PREP_H */
