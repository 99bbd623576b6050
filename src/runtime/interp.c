/* SPDX-License-Identifier: Apache-2.0 */
/*
 * interp.c - the interpreter: init (resolve, prepare, plan), invoke, reset,
 * and the input/output accessors.
 *
 * Arena layout (caller-owned, one block):
 *   [0, plan_bytes)              activations and scratch, placed by plan.c
 *   ...free...
 *   [size - persist_bytes, size) persistent: nodes, tensor pointer table,
 *                                variable tensors, op params (top down)
 *
 * init runs every operator's prepare twice (see runtime/op.h): a measuring
 * pass that needs no memory but the planner's workspace (one mote__buf per
 * tensor and per operator, at the arena head), then, if the arena holds
 * max(plan, workspace) + persistent bytes, the real pass. So a too-small
 * arena is reported with the exact size it needs.
 */
#include "plan/plan.h"
#include "runtime/prep.h"

#include <string.h>

#define ALIGN 16u

static size_t align_up(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static void clear_err(mote_error *e)
{
	memset(e, 0, sizeof *e);
	e->subgraph = e->op = e->tensor = -1;
	e->offset = -1;
}

static mote_status fail(mote_interp *it, mote_status s, int32_t op,
			int32_t tensor, const char *what)
{
	it->err.status = s;
	it->err.subgraph = 0;
	it->err.op = op;
	it->err.tensor = tensor;
	it->err.what = what;
	return s;
}

static const mote_op *resolve(const mote_op_table *ops, int32_t builtin,
			      const char *custom)
{
	for (size_t i = 0; i < ops->n; i++) {
		const mote_op *o = ops->ops[i];
		if (o->builtin != builtin)
			continue;
		if (builtin != MOTE_BUILTIN_CUSTOM)
			return o;
		if (custom && o->custom && strcmp(custom, o->custom) == 0)
			return o;
	}
	return NULL;
}

/* Resolves operator i, recording E_UNSUPPORTED_OP with its name. */
static const mote_op *op_impl(mote_interp *it, const mote_op_table *ops,
			      uint32_t i, int32_t *version)
{
	const mote_model *m = it->model;
	int32_t builtin;
	const char *custom;
	mote__op_code(m, mote__model_op(m, 0, i), &builtin, &custom, version);
	const mote_op *o = resolve(ops, builtin, custom);
	if (!o) {
		const char *name = builtin == MOTE_BUILTIN_CUSTOM ? custom
					: mote__builtin_name(builtin);
		fail(it, MOTE_E_UNSUPPORTED_OP, (int32_t)i, -1,
		     name ? name : "unknown builtin code");
	}
	return o;
}

static void prep_begin(mote__prep *p, mote_interp *it, uint32_t i,
		       int32_t version)
{
	const mote_model *m = it->model;
	memset(p, 0, sizeof *p);
	p->it = it;
	p->m = m;
	p->sg = 0;
	p->op_index = i;
	p->op = mote__model_op(m, 0, i);
	p->in = mote__op_io(m, p->op, FB_OP_INPUTS, &p->n_in);
	p->out = mote__op_io(m, p->op, FB_OP_OUTPUTS, &p->n_out);
	p->version = version;
	p->share_out = -1;
	p->share_in = -1;
}

/* True if a tensor has memory of its own in the plan. */
static bool planned(const mote__tensor *t)
{
	return t->data == NULL && !t->is_variable;
}

static void use(mote__buf *b, uint32_t at)
{
	if (b->first == UINT16_MAX || at < b->first)
		b->first = (uint16_t)at;
	if (b->last == UINT16_MAX || at > b->last)
		b->last = (uint16_t)at;
}

/* Sizes and lifetimes of all tensors of subgraph 0 into bufs. */
static void lifetimes(mote_interp *it, mote__buf *bufs)
{
	const mote_model *m = it->model;
	uint32_t nt = it->n_tensors, no = it->n_nodes, n;
	mote__tensor t;

	for (uint32_t i = 0; i < nt + no; i++) {
		bufs[i].size = 0;
		bufs[i].first = bufs[i].last = UINT16_MAX;
		bufs[i].alias = -1;
	}
	const int32_t *io = mote__sg_io(m, 0, FB_SG_INPUTS, &n);
	for (uint32_t k = 0; k < n; k++)
		use(&bufs[io[k]], 0);
	for (uint32_t i = 0; i < no; i++) {
		uint32_t op = mote__model_op(m, 0, i);
		const int32_t *v = mote__op_io(m, op, FB_OP_INPUTS, &n);
		for (uint32_t k = 0; k < n; k++) {
			if (v[k] >= 0)
				use(&bufs[v[k]], i);
		}
		v = mote__op_io(m, op, FB_OP_OUTPUTS, &n);
		for (uint32_t k = 0; k < n; k++)
			use(&bufs[v[k]], i);
	}
	io = mote__sg_io(m, 0, FB_SG_OUTPUTS, &n);
	for (uint32_t k = 0; k < n; k++)
		use(&bufs[io[k]], no > 0 ? no - 1 : 0);
	for (uint32_t i = 0; i < nt; i++) {
		if (bufs[i].first == UINT16_MAX)
			continue;
		mote__model_tensor(m, 0, (int32_t)i, &t);
		if (planned(&t))
			bufs[i].size = (uint32_t)t.bytes;
	}
}

/* Records a share request if the planner may honour it. */
static void share(mote_interp *it, mote__buf *bufs, const mote__prep *p)
{
	if (p->share_out < 0 || (uint32_t)p->share_out >= p->n_out ||
	    p->share_in < 0 || !mote__prep_has_in(p, p->share_in))
		return;
	int32_t o = p->out[p->share_out], i = p->in[p->share_in];
	if (o == i || bufs[o].size == 0 || bufs[i].size != bufs[o].size ||
	    bufs[o].alias >= 0)
		return;
	/* The input's chain must not lead back to the output. */
	for (int32_t r = i, guard = 0; r >= 0 && guard < 65536; guard++) {
		if (r == o)
			return;
		r = bufs[r].alias;
	}
	(void)it;
	bufs[o].alias = i;
}

/* Persistent bytes of the interpreter itself and the variable tensors. */
static size_t base_persist(mote_interp *it)
{
	size_t bytes = align_up(it->n_nodes * sizeof(mote__node), ALIGN) +
		       align_up(it->n_tensors * sizeof(void *), ALIGN);
	mote__tensor t;
	for (uint32_t i = 0; i < it->n_tensors; i++) {
		mote__model_tensor(it->model, 0, (int32_t)i, &t);
		if (t.is_variable && t.data == NULL)
			bytes += align_up(t.bytes, ALIGN);
	}
	return bytes;
}

static mote_status measure(mote_interp *it, const mote_op_table *ops,
			   mote__buf *bufs, size_t *persist)
{
	mote__prep p;
	*persist = base_persist(it);
	for (uint32_t i = 0; i < it->n_nodes; i++) {
		int32_t version;
		const mote_op *o = op_impl(it, ops, i, &version);
		if (!o)
			return it->err.status;
		prep_begin(&p, it, i, version);
		p.measuring = true;
		mote_status s = o->prepare(&p);
		if (s == MOTE_OK)
			s = p.opt_status;
		if (s != MOTE_OK)
			return it->err.status == s ? s : fail(it, s, (int32_t)i, -1, "prepare");
		*persist += p.persist;
		mote__buf *sb = &bufs[it->n_tensors + i];
		sb->size = (uint32_t)p.scratch;
		sb->first = sb->last = (uint16_t)i;
		share(it, bufs, &p);
	}
	return MOTE_OK;
}

/* Real pass: fills the nodes; allocations come from *tail downwards. */
static mote_status prepare_all(mote_interp *it, const mote_op_table *ops,
			       const mote__buf *bufs, uint8_t **tail,
			       uint8_t *floor)
{
	mote__prep p;
	for (uint32_t i = 0; i < it->n_nodes; i++) {
		int32_t version;
		const mote_op *o = op_impl(it, ops, i, &version);
		prep_begin(&p, it, i, version);
		p.tail = *tail;
		p.floor = floor;
		mote_status s = o->prepare(&p);
		if (s == MOTE_OK)
			s = p.opt_status;
		if (s == MOTE_OK && !p.eval)
			s = fail(it, MOTE_E_STATE, (int32_t)i, -1,
				 "prepare set no eval function");
		if (s != MOTE_OK)
			return s;
		*tail = p.tail;
		mote__node *n = &it->nodes[i];
		n->eval = p.eval;
		n->reset = p.reset;
		n->params = p.params;
		n->in = p.in;
		n->out = p.out;
		n->n_in = (uint16_t)p.n_in;
		n->n_out = (uint16_t)p.n_out;
		const mote__buf *sb = &bufs[it->n_tensors + i];
		n->scratch = sb->size ? it->arena + sb->offset : NULL;
	}
	return MOTE_OK;
}

static void *take(uint8_t **tail, size_t bytes, size_t align)
{
	*tail -= align_up(bytes, align);
	*tail = (uint8_t *)((uintptr_t)*tail & ~(uintptr_t)(align - 1));
	return *tail;
}

/* Tensor pointers: constants in the model, variables in the tail, the rest
 * in the plan. */
static void bind_tensors(mote_interp *it, const mote__buf *bufs,
			 uint8_t **tail)
{
	mote__tensor t;
	for (uint32_t i = 0; i < it->n_tensors; i++) {
		mote__model_tensor(it->model, 0, (int32_t)i, &t);
		if (t.data)
			it->tensors[i] = (void *)(uintptr_t)t.data;
		else if (t.is_variable)
			it->tensors[i] = take(tail, t.bytes, ALIGN);
		else if (bufs[i].size)
			it->tensors[i] = it->arena + bufs[i].offset;
		else
			it->tensors[i] = NULL;
	}
}

mote_status mote_interp_init(mote_interp *it, const mote_model *m,
			     const mote_op_table *ops, void *arena,
			     size_t size)
{
	if (!it)
		return MOTE_E_ARG;
	memset(it, 0, sizeof *it);
	clear_err(&it->err);
	if (!m || !ops || (!arena && size))
		return fail(it, MOTE_E_ARG, -1, -1, "NULL argument");
	if (m->n_subgraphs == 0)
		return fail(it, MOTE_E_STATE, -1, -1, "model is not open");
	uintptr_t a = (uintptr_t)arena;
	size_t lead = (size_t)(align_up(a, ALIGN) - a);
	size = size > lead ? (size - lead) & ~(size_t)(ALIGN - 1) : 0;
	it->model = m;
	it->arena = (uint8_t *)arena + lead;
	it->arena_size = size;
	it->n_nodes = mote__sg_n_ops(m, 0);
	it->n_tensors = mote__sg_n_tensors(m, 0);

	size_t ws = align_up((it->n_tensors + it->n_nodes) * sizeof(mote__buf),
			     ALIGN);
	if (size < ws) {
		fail(it, MOTE_E_ARENA_TOO_SMALL, -1, -1,
		     "arena cannot hold the planner workspace; needed is a lower bound");
		it->err.needed = ws;
		return MOTE_E_ARENA_TOO_SMALL;
	}
	mote__buf *bufs = (mote__buf *)(void *)it->arena;
	lifetimes(it, bufs);
	size_t persist;
	mote_status s = measure(it, ops, bufs, &persist);
	if (s != MOTE_OK)
		return s;
	size_t plan = align_up(mote__plan(bufs, it->n_tensors + it->n_nodes, ALIGN),
			       ALIGN);
	size_t head = plan > ws ? plan : ws;
	size_t needed = head + align_up(persist, ALIGN);
	if (needed > size) {
		fail(it, MOTE_E_ARENA_TOO_SMALL, -1, -1, "arena");
		it->err.needed = needed + lead;
		return MOTE_E_ARENA_TOO_SMALL;
	}

	uint8_t *tail = it->arena + size;
	it->nodes = take(&tail, it->n_nodes * sizeof(mote__node), ALIGN);
	it->tensors = take(&tail, it->n_tensors * sizeof(void *), ALIGN);
	memset(it->nodes, 0, it->n_nodes * sizeof(mote__node));
	bind_tensors(it, bufs, &tail);
	s = prepare_all(it, ops, bufs, &tail, it->arena + head);
	if (s != MOTE_OK)
		return s;
	it->plan_bytes = plan;
	it->persist_bytes = (size_t)(it->arena + size - tail);
	it->ready = true;
	return mote_reset(it);
}

size_t mote_arena_used(const mote_interp *it)
{
	return it && it->ready ? it->plan_bytes + it->persist_bytes : 0;
}

mote_status mote_invoke(mote_interp *it)
{
	if (!it || !it->ready)
		return MOTE_E_STATE;
	for (uint32_t i = 0; i < it->n_nodes; i++) {
		const mote__node *n = &it->nodes[i];
		mote_status s = n->eval(n, it->tensors);
		if (s != MOTE_OK)
			return fail(it, s, (int32_t)i, -1, "eval");
	}
	return MOTE_OK;
}

mote_status mote_reset(mote_interp *it)
{
	mote__tensor t;
	if (!it || !it->ready)
		return MOTE_E_STATE;
	for (uint32_t i = 0; i < it->n_tensors; i++) {
		mote__model_tensor(it->model, 0, (int32_t)i, &t);
		if (!t.is_variable || t.data)
			continue;
		int v = t.type == MOTE_INT8 ? (int)mote__zp(&t, 0) : 0;
		memset(it->tensors[i], v, t.bytes);
	}
	for (uint32_t i = 0; i < it->n_nodes; i++) {
		const mote__node *n = &it->nodes[i];
		if (n->reset)
			n->reset(n, it->tensors);
	}
	return MOTE_OK;
}

size_t mote_input_count(const mote_interp *it)
{
	uint32_t n = 0;
	if (it && it->ready)
		mote__sg_io(it->model, 0, FB_SG_INPUTS, &n);
	return n;
}

size_t mote_output_count(const mote_interp *it)
{
	uint32_t n = 0;
	if (it && it->ready)
		mote__sg_io(it->model, 0, FB_SG_OUTPUTS, &n);
	return n;
}

static void describe(const mote_interp *it, int32_t index, mote_tensor *out)
{
	mote__tensor t;
	mote__model_tensor(it->model, 0, index, &t);
	memset(out, 0, sizeof *out);
	out->type = t.type;
	out->rank = t.rank;
	memcpy(out->dims, t.dims, sizeof out->dims);
	out->bytes = t.bytes;
	out->name = t.name;
	out->scale = mote__scale(&t, 0);
	out->zero_point = mote__zp(&t, 0);
	out->n_scales = t.n_scale;
	out->index = index;
	out->data = it->tensors[index];
}

static mote_status io_tensor(const mote_interp *it, unsigned field, size_t i,
			     mote_tensor *t)
{
	uint32_t n;
	if (!it || !it->ready || !t)
		return MOTE_E_ARG;
	const int32_t *io = mote__sg_io(it->model, 0, field, &n);
	if (i >= n)
		return MOTE_E_INDEX;
	describe(it, io[i], t);
	return MOTE_OK;
}

mote_status mote_input(const mote_interp *it, size_t i, mote_tensor *t)
{
	return io_tensor(it, FB_SG_INPUTS, i, t);
}

mote_status mote_output(const mote_interp *it, size_t i, mote_tensor *t)
{
	return io_tensor(it, FB_SG_OUTPUTS, i, t);
}

static mote_status io_by_name(const mote_interp *it, unsigned field,
			      const char *name, mote_tensor *t)
{
	uint32_t n;
	mote__tensor v;
	if (!it || !it->ready || !t || !name)
		return MOTE_E_ARG;
	const int32_t *io = mote__sg_io(it->model, 0, field, &n);
	for (uint32_t i = 0; i < n; i++) {
		mote__model_tensor(it->model, 0, io[i], &v);
		if (strcmp(v.name, name) == 0) {
			describe(it, io[i], t);
			return MOTE_OK;
		}
	}
	return MOTE_E_INDEX;
}

mote_status mote_input_by_name(const mote_interp *it, const char *name,
			       mote_tensor *t)
{
	return io_by_name(it, FB_SG_INPUTS, name, t);
}

mote_status mote_output_by_name(const mote_interp *it, const char *name,
				mote_tensor *t)
{
	return io_by_name(it, FB_SG_OUTPUTS, name, t);
}

mote_status mote_tensor_quant(const mote_interp *it, int32_t tensor,
			      uint32_t c, float *scale, int64_t *zero_point)
{
	mote__tensor t;
	if (!it || !it->ready || tensor < 0 ||
	    (uint32_t)tensor >= it->n_tensors)
		return MOTE_E_INDEX;
	mote__model_tensor(it->model, 0, tensor, &t);
	if (c >= t.n_scale)
		return MOTE_E_INDEX;
	*scale = t.scale[c];
	*zero_point = c < t.n_zp ? t.zp[c] : 0;
	return MOTE_OK;
}
