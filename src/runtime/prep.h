/* SPDX-License-Identifier: Apache-2.0 */
/*
 * prep.h - the state behind a mote__prep (interpreter-internal).
 */
#ifndef MOTE_RUNTIME_PREP_H
#define MOTE_RUNTIME_PREP_H

#include "runtime/op.h"

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
};

#endif /* MOTE_RUNTIME_PREP_H */
