/* SPDX-License-Identifier: Apache-2.0 */
/*
 * prep.c - the functions an operator's prepare calls (runtime/op.h).
 *
 * Option getters check each field against its table's size: the verifier
 * checked the options table's structure but cannot know each field's size.
 */
#include "model/fb.h"
#include "runtime/prep.h"

#include <string.h>

int mote__prep_n_in(const mote__prep *p)
{
	return (int)p->n_in;
}

int mote__prep_n_out(const mote__prep *p)
{
	return (int)p->n_out;
}

const int32_t *mote__prep_inputs(const mote__prep *p, uint32_t *n)
{
	*n = p->n_in;
	return p->in;
}

const int32_t *mote__prep_outputs(const mote__prep *p, uint32_t *n)
{
	*n = p->n_out;
	return p->out;
}

bool mote__prep_has_in(const mote__prep *p, int i)
{
	return i >= 0 && (uint32_t)i < p->n_in && p->in[i] >= 0;
}

mote_status mote__prep_fail(mote__prep *p, mote_status s, int32_t tensor,
			    const char *what)
{
	mote_error *e = &p->it->err;
	e->status = s;
	e->subgraph = (int32_t)p->sg;
	e->op = (int32_t)p->op_index;
	e->tensor = tensor;
	e->offset = -1;
	e->what = what;
	return s;
}

mote_status mote__prep_tensor(mote__prep *p, int32_t index, mote__tensor *t)
{
	if (index < 0 || (uint32_t)index >= mote__sg_n_tensors(p->m, p->sg))
		return mote__prep_fail(p, MOTE_E_BAD_TENSOR, index,
				       "tensor index");
	mote__model_tensor(p->m, p->sg, index, t);
	return MOTE_OK;
}

mote_status mote__prep_in(mote__prep *p, int i, mote__tensor *t)
{
	if (!mote__prep_has_in(p, i))
		return mote__prep_fail(p, MOTE_E_INVALID, -1, "missing input");
	return mote__prep_tensor(p, p->in[i], t);
}

mote_status mote__prep_out(mote__prep *p, int i, mote__tensor *t)
{
	if (i < 0 || (uint32_t)i >= p->n_out)
		return mote__prep_fail(p, MOTE_E_INVALID, -1, "missing output");
	return mote__prep_tensor(p, p->out[i], t);
}

int32_t mote__prep_version(const mote__prep *p)
{
	return p->version;
}

int32_t mote__prep_op_index(const mote__prep *p)
{
	return (int32_t)p->op_index;
}

uint32_t mote__prep_subgraph(const mote__prep *p)
{
	return p->sg;
}

uint8_t mote__prep_opts_type(const mote__prep *p)
{
	return fb_get_u8(p->m->bytes, p->op, FB_OP_OPTS_TYPE, 0);
}

uint8_t mote__prep_opts2_type(const mote__prep *p)
{
	return fb_get_u8(p->m->bytes, p->op, FB_OP_OPTS2_TYPE, 0);
}

/* Position of option field `field` with `size` bytes, 0 if absent or bad. */
static uint32_t opt_field(mote__prep *p, unsigned field, unsigned size)
{
	const uint8_t *b = p->m->bytes;
	uint32_t t = fb_get_ref(b, p->op, FB_OP_OPTS);
	if (!t)
		return 0;
	uint32_t f = fb_field(b, t, field);
	if (!f)
		return 0;
	uint32_t vt = t - fb_u32(b, t);
	if (f + size > fb_u16(b, vt + 2)) {
		p->opt_status = mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
						"option field outside its table");
		return 0;
	}
	return t + f;
}

int32_t mote__opt_i32(mote__prep *p, unsigned field, int32_t def)
{
	uint32_t at = opt_field(p, field, 4);
	return at ? (int32_t)fb_u32(p->m->bytes, at) : def;
}

int64_t mote__opt_i64(mote__prep *p, unsigned field, int64_t def)
{
	uint32_t at = opt_field(p, field, 8);
	return at ? (int64_t)fb_u64(p->m->bytes, at) : def;
}

float mote__opt_f32(mote__prep *p, unsigned field, float def)
{
	uint32_t at = opt_field(p, field, 4);
	if (!at)
		return def;
	uint32_t u = fb_u32(p->m->bytes, at);
	float f;
	memcpy(&f, &u, sizeof f);
	return f;
}

uint8_t mote__opt_u8(mote__prep *p, unsigned field, uint8_t def)
{
	uint32_t at = opt_field(p, field, 1);
	return at ? p->m->bytes[at] : def;
}

bool mote__opt_bool(mote__prep *p, unsigned field, bool def)
{
	return mote__opt_u8(p, field, def ? 1 : 0) != 0;
}

mote_status mote__opt_vec_i32(mote__prep *p, unsigned field,
			      const int32_t **v, uint32_t *n)
{
	const uint8_t *b = p->m->bytes;
	size_t len = p->m->len;
	uint32_t at = opt_field(p, field, 4);
	*v = NULL;
	*n = 0;
	if (!at)
		return p->opt_status;
	uint64_t to = (uint64_t)at + fb_u32(b, at);
	if (to % 4 != 0 || to + 4 > len)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "option vector offset");
	uint32_t count = fb_u32(b, (size_t)to);
	if ((uint64_t)count * 4 > len - to - 4)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "option vector length");
	*n = count;
	*v = count ? (const int32_t *)(const void *)(b + to + 4) : NULL;
	return MOTE_OK;
}

const uint8_t *mote__prep_custom(const mote__prep *p, size_t *len)
{
	return mote__op_custom(p->m, p->op, len);
}

bool mote__prep_measuring(const mote__prep *p)
{
	return p->measuring;
}

void *mote__prep_alloc(mote__prep *p, size_t bytes)
{
	size_t size = (bytes + 7) & ~(size_t)7;
	p->persist += size;
	if (p->measuring)
		return NULL;
	if (size > (size_t)(p->tail - p->floor)) {
		/* Prepare asked for more than it did while measuring. */
		p->opt_status = mote__prep_fail(p, MOTE_E_STATE, -1,
						"prepare is not deterministic");
		return NULL;
	}
	p->tail -= size;
	memset(p->tail, 0, size);
	return p->tail;
}

void mote__prep_scratch(mote__prep *p, size_t bytes)
{
	p->scratch = bytes;
}

void mote__prep_share(mote__prep *p, int o, int i)
{
	p->share_out = o;
	p->share_in = i;
}

void mote__prep_set(mote__prep *p, mote__eval_fn eval, mote__reset_fn reset,
		    const void *params)
{
	p->eval = eval;
	p->reset = reset;
	p->params = params;
}

mote_status mote__prep_status(const mote__prep *p)
{
	return p->opt_status;
}

mote_status mote__prep_expect_io(mote__prep *p, int min_in, int max_in,
				 int n_out)
{
	if ((int)p->n_in < min_in || (int)p->n_in > max_in)
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "wrong number of inputs");
	if ((int)p->n_out != n_out)
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "wrong number of outputs");
	return MOTE_OK;
}

mote_status mote__prep_expect_type(mote__prep *p, const mote__tensor *t,
				   mote_type type)
{
	if (t->type != type)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, t->index,
				       "tensor type");
	return MOTE_OK;
}

bool mote__same_shape(const mote__tensor *a, const mote__tensor *b)
{
	if (a->rank != b->rank)
		return false;
	for (int32_t i = 0; i < a->rank; i++) {
		if (a->dims[i] != b->dims[i])
			return false;
	}
	return true;
}

uint32_t mote__prep_n_subgraphs(const mote__prep *p)
{
	return p->m->n_subgraphs;
}

const int32_t *mote__prep_sg_io(const mote__prep *p, uint32_t sg,
				unsigned field, uint32_t *n)
{
	*n = 0;
	if (sg >= p->m->n_subgraphs)
		return NULL;
	return mote__sg_io(p->m, sg, field, n);
}

mote_status mote__prep_sg_tensor(mote__prep *p, uint32_t sg, int32_t index,
				 mote__tensor *t)
{
	if (sg >= p->m->n_subgraphs)
		return mote__prep_fail(p, MOTE_E_BAD_SUBGRAPH, -1,
				       "subgraph index");
	if (index < 0 || (uint32_t)index >= mote__sg_n_tensors(p->m, sg))
		return mote__prep_fail(p, MOTE_E_BAD_TENSOR, index,
				       "tensor index");
	mote__model_tensor(p->m, sg, index, t);
	return MOTE_OK;
}

mote_interp *mote__prep_interp(const mote__prep *p)
{
	return p->it;
}

/* String option `field` of operator `op`, checked against the buffer:
 * "" when absent, NULL when malformed. */
static const char *op_string_option(const mote_model *m, uint32_t op,
				    unsigned field)
{
	const uint8_t *b = m->bytes;
	uint32_t t = fb_get_ref(b, op, FB_OP_OPTS);
	if (!t)
		return "";
	uint32_t f = fb_field(b, t, field);
	if (!f)
		return "";
	uint32_t vt = t - fb_u32(b, t);
	if (f + 4 > fb_u16(b, vt + 2))
		return NULL;
	uint64_t s = (uint64_t)t + f + fb_u32(b, t + f);
	if (s % 4 != 0 || s + 4 > m->len)
		return NULL;
	uint64_t n = fb_u32(b, (size_t)s);
	if (n >= m->len - s - 4 || b[s + 4 + n] != 0)
		return NULL;
	return (const char *)(b + s + 4);
}

/* Registers the resource named by VAR_HANDLE operator `op`. */
static mote_status register_handle(mote__prep *p, uint32_t op, size_t bytes,
				   int32_t *id)
{
	const char *container = op_string_option(p->m, op, 0);
	const char *name = op_string_option(p->m, op, 1);
	if (!container || !name)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "VarHandleOptions string");
	*id = mote__registry_add(p->reg, container, name, bytes);
	if (*id < 0)
		return mote__prep_fail(p, MOTE_E_STATE, -1,
				       "resource registry full");
	return MOTE_OK;
}

mote_status mote__prep_var_handle(mote__prep *p, int32_t *id)
{
	return register_handle(p, p->op, 0, id);
}

mote_status mote__prep_resource(mote__prep *p, int32_t handle, size_t bytes,
				int32_t *id)
{
	uint32_t no = mote__sg_n_ops(p->m, p->sg);
	for (uint32_t i = 0; i < no; i++) {
		uint32_t op = mote__model_op(p->m, p->sg, i), n;
		int32_t builtin, version;
		const char *custom;
		mote__op_code(p->m, op, &builtin, &custom, &version);
		if (builtin != 142) /* VAR_HANDLE */
			continue;
		const int32_t *out = mote__op_io(p->m, op, FB_OP_OUTPUTS, &n);
		if (n >= 1 && out[0] == handle)
			return register_handle(p, op, bytes, id);
	}
	return mote__prep_fail(p, MOTE_E_INVALID, handle,
			       "resource handle not produced by VAR_HANDLE");
}
