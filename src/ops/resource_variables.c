/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resource_variables.c - VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE.
 *
 * A resource variable is named by VAR_HANDLE's (container, shared_name);
 * the interpreter keeps one persistent buffer per name, sized at prepare to
 * the largest value any READ/ASSIGN of it moves (TFLM sizes it at the first
 * assignment, in the arena likewise). VAR_HANDLE writes the resource id into
 * its int32 output; READ and ASSIGN use the id found at prepare by tracing
 * their handle input to the VAR_HANDLE that produces it, and check at eval
 * that the handle tensor still holds it. Values start as zeros and are
 * zeroed again by mote_reset().
 */
#include "runtime/op.h"

#include <string.h>

typedef struct var_params {
	mote_interp *it; /* the interpreter holding the resources */
	int32_t id; /* resource id */
	uint32_t bytes; /* bytes moved */
} var_params;

static mote_status eval_var_handle(const mote__node *n, void *const *t)
{
	const var_params *v = n->params;
	int32_t *out = mote__out(n, t, 0);
	*out = v->id;
	return MOTE_OK;
}

static mote_status prepare_var_handle(mote__prep *p)
{
	mote__tensor out;
	int32_t id;
	mote_status s = mote__prep_expect_io(p, 0, 0, 1);
	if (s == MOTE_OK)
		s = mote__prep_out(p, 0, &out);
	if (s == MOTE_OK && out.bytes != 4)
		s = mote__prep_fail(p, MOTE_E_INVALID, out.index,
				    "resource handle must be one element");
	if (s == MOTE_OK)
		s = mote__prep_var_handle(p, &id);
	if (s != MOTE_OK)
		return s;
	var_params *v = mote__prep_alloc(p, sizeof *v);
	if (!v)
		return MOTE_OK;
	v->id = id;
	mote__prep_set(p, eval_var_handle, NULL, v);
	return MOTE_OK;
}

/* The resource's buffer, after checking the handle tensor's value. */
static void *resource(const var_params *v, const int32_t *handle)
{
	size_t bytes;
	if (!handle || *handle != v->id)
		return NULL;
	void *d = mote__resource_data(v->it, v->id, &bytes);
	return d && bytes >= v->bytes ? d : NULL;
}

static mote_status eval_read(const mote__node *n, void *const *t)
{
	const var_params *v = n->params;
	void *d = resource(v, mote__in(n, t, 0));
	if (!d)
		return MOTE_E_EVAL;
	memcpy(mote__out(n, t, 0), d, v->bytes);
	return MOTE_OK;
}

static mote_status eval_assign(const mote__node *n, void *const *t)
{
	const var_params *v = n->params;
	void *d = resource(v, mote__in(n, t, 0));
	if (!d)
		return MOTE_E_EVAL;
	memcpy(d, mote__in(n, t, 1), v->bytes);
	return MOTE_OK;
}

/* READ (value = output 0) or ASSIGN (value = input 1). */
static mote_status prepare_access(mote__prep *p, bool assign)
{
	mote__tensor handle, value;
	int32_t id;
	mote_status s = assign ? mote__prep_expect_io(p, 2, 2, 0)
			       : mote__prep_expect_io(p, 1, 1, 1);
	if (s == MOTE_OK)
		s = mote__prep_in(p, 0, &handle);
	if (s == MOTE_OK)
		s = assign ? mote__prep_in(p, 1, &value) : mote__prep_out(p, 0, &value);
	if (s == MOTE_OK)
		s = mote__prep_resource(p, handle.index, value.bytes, &id);
	if (s != MOTE_OK)
		return s;
	var_params *v = mote__prep_alloc(p, sizeof *v);
	if (!v)
		return MOTE_OK;
	v->it = mote__prep_interp(p);
	v->id = id;
	v->bytes = (uint32_t)value.bytes;
	mote__prep_set(p, assign ? eval_assign : eval_read, NULL, v);
	return MOTE_OK;
}

static mote_status prepare_read(mote__prep *p)
{
	return prepare_access(p, false);
}

static mote_status prepare_assign(mote__prep *p)
{
	return prepare_access(p, true);
}

const mote_op mote_op_var_handle = { 142, NULL, "VAR_HANDLE", prepare_var_handle };
const mote_op mote_op_read_variable = { 143, NULL, "READ_VARIABLE", prepare_read };
const mote_op mote_op_assign_variable = { 144, NULL, "ASSIGN_VARIABLE", prepare_assign };
