/* SPDX-License-Identifier: Apache-2.0 */
/*
 * interp.c - the interpreter: init (resolve, prepare, plan), invoke, reset,
 * subgraph calls, and the input/output accessors.
 *
 * Arena layout (caller-owned, one block):
 *   [0, plan_bytes)              activations and scratch of every subgraph,
 *                                placed by plan.c
 *   ...free...
 *   [size - persist_bytes, size) persistent: subgraph tables, nodes, tensor
 *                                pointers, resource variables, variable
 *                                tensors, op params (top down)
 *
 * init runs every operator's prepare twice (see runtime/op.h): a measuring
 * pass that needs no memory but the planner's workspace at the arena head
 * (one mote__buf per tensor and per operator, plus the resource registry),
 * then, if the arena holds max(plan, workspace) + persistent bytes, the real
 * pass. So a too-small arena is reported with the exact size it needs.
 *
 * Subgraph 0 is planned on its own timeline; every other subgraph (called
 * by IF, WHILE, CALL_ONCE while a caller's tensors are live) is planned on
 * its own timeline in a region of its own after it.
 */
#include "model/fb.h"
#include "plan/plan.h"
#include "runtime/prep.h"

#include <string.h>

#define ALIGN 16u
#define MAX_CALL_DEPTH 8u
#define BUILTIN_VAR_HANDLE 142

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

static mote_status fail(mote_interp *it, mote_status s, int32_t sg, int32_t op,
			int32_t tensor, const char *what)
{
	it->err.status = s;
	it->err.subgraph = sg;
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

/* Resolves operator i of subgraph g, recording E_UNSUPPORTED_OP. */
static const mote_op *op_impl(mote_interp *it, const mote_op_table *ops,
			      uint32_t g, uint32_t i, int32_t *version)
{
	const mote_model *m = it->model;
	int32_t builtin;
	const char *custom;
	mote__op_code(m, mote__model_op(m, g, i), &builtin, &custom, version);
	const mote_op *o = resolve(ops, builtin, custom);
	if (!o) {
		const char *name = builtin == MOTE_BUILTIN_CUSTOM ? custom
					: mote__builtin_name(builtin);
		fail(it, MOTE_E_UNSUPPORTED_OP, (int32_t)g, (int32_t)i, -1,
		     name ? name : "unknown builtin code");
	}
	return o;
}

static void prep_begin(mote__prep *p, mote_interp *it, mote__registry *reg,
		       uint32_t g, uint32_t i, int32_t version)
{
	const mote_model *m = it->model;
	memset(p, 0, sizeof *p);
	p->it = it;
	p->m = m;
	p->sg = g;
	p->op_index = i;
	p->op = mote__model_op(m, g, i);
	p->in = mote__op_io(m, p->op, FB_OP_INPUTS, &p->n_in);
	p->out = mote__op_io(m, p->op, FB_OP_OUTPUTS, &p->n_out);
	p->version = version;
	p->share_out = -1;
	p->share_in = -1;
	p->reg = reg;
}

/* First buffer record of subgraph g in the workspace. */
static uint32_t seg_base(const mote_model *m, uint32_t g)
{
	uint32_t base = 0;
	for (uint32_t k = 0; k < g; k++)
		base += mote__sg_n_tensors(m, k) + mote__sg_n_ops(m, k);
	return base;
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

static void use_all(mote__buf *bufs, const int32_t *v, uint32_t n, uint32_t at)
{
	for (uint32_t k = 0; k < n; k++) {
		if (v[k] >= 0)
			use(&bufs[v[k]], at);
	}
}

/* Sizes and lifetimes of all tensors of subgraph g into bufs. */
static void lifetimes(const mote_model *m, uint32_t g, mote__buf *bufs)
{
	uint32_t nt = mote__sg_n_tensors(m, g), no = mote__sg_n_ops(m, g), n;
	mote__tensor t;

	for (uint32_t i = 0; i < nt + no; i++) {
		bufs[i].size = 0;
		bufs[i].first = bufs[i].last = UINT16_MAX;
		bufs[i].alias = -1;
	}
	const int32_t *io = mote__sg_io(m, g, FB_SG_INPUTS, &n);
	use_all(bufs, io, n, 0);
	for (uint32_t i = 0; i < no; i++) {
		uint32_t op = mote__model_op(m, g, i);
		const int32_t *v = mote__op_io(m, op, FB_OP_INPUTS, &n);
		use_all(bufs, v, n, i);
		v = mote__op_io(m, op, FB_OP_OUTPUTS, &n);
		use_all(bufs, v, n, i);
	}
	io = mote__sg_io(m, g, FB_SG_OUTPUTS, &n);
	use_all(bufs, io, n, no > 0 ? no - 1 : 0);
	for (uint32_t i = 0; i < nt; i++) {
		if (bufs[i].first == UINT16_MAX)
			continue;
		mote__model_tensor(m, g, (int32_t)i, &t);
		if (planned(&t))
			bufs[i].size = (uint32_t)t.bytes;
	}
}

/* True if tensor k is one of subgraph g's inputs. */
static bool is_graph_input(const mote_model *m, uint32_t g, int32_t k)
{
	uint32_t n;
	const int32_t *io = mote__sg_io(m, g, FB_SG_INPUTS, &n);
	for (uint32_t i = 0; i < n; i++) {
		if (io[i] == k)
			return true;
	}
	return false;
}

/*
 * Every tensor an operator reads must hold data by then: a constant, a
 * variable, a subgraph input or the output of an earlier operator. A model
 * that reads a tensor nobody wrote would see stale arena bytes (other
 * tensors' data, the planner's workspace): refused. Uses bufs[].offset of
 * the workspace as "written" marks; the planner resets them afterwards.
 */
static mote_status check_dataflow(mote_interp *it, uint32_t g, mote__buf *bufs)
{
	const mote_model *m = it->model;
	uint32_t no = mote__sg_n_ops(m, g), nt = mote__sg_n_tensors(m, g), n;
	mote__tensor t;
	for (uint32_t k = 0; k < nt; k++)
		bufs[k].offset = MOTE_PLAN_NONE;
	for (uint32_t i = 0; i < no; i++) {
		uint32_t op = mote__model_op(m, g, i);
		const int32_t *v = mote__op_io(m, op, FB_OP_INPUTS, &n);
		for (uint32_t k = 0; k < n; k++) {
			if (v[k] < 0 || bufs[v[k]].offset != MOTE_PLAN_NONE)
				continue;
			mote__model_tensor(m, g, v[k], &t);
			if (t.data || t.is_variable || t.bytes == 0 ||
			    is_graph_input(m, g, v[k]))
				continue;
			return fail(it, MOTE_E_INVALID, (int32_t)g, (int32_t)i,
				    v[k], "operator reads a tensor nothing wrote");
		}
		v = mote__op_io(m, op, FB_OP_OUTPUTS, &n);
		for (uint32_t k = 0; k < n; k++)
			bufs[v[k]].offset = i;
	}
	return MOTE_OK;
}

/* Records a share request if the planner may honour it. */
static void share(mote__buf *bufs, const mote__prep *p)
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
	bufs[o].alias = i;
}

/* Number of VAR_HANDLE operators in the model: the registry's capacity. */
static uint32_t count_var_handles(const mote_model *m)
{
	uint32_t n = 0;
	for (uint32_t g = 0; g < m->n_subgraphs; g++) {
		for (uint32_t i = 0; i < mote__sg_n_ops(m, g); i++) {
			int32_t builtin, version;
			const char *custom;
			mote__op_code(m, mote__model_op(m, g, i), &builtin,
				      &custom, &version);
			n += builtin == BUILTIN_VAR_HANDLE;
		}
	}
	return n;
}

int32_t mote__registry_add(mote__registry *reg, const char *container,
			   const char *name, size_t bytes)
{
	uint32_t i;
	for (i = 0; i < reg->n; i++) {
		if (!strcmp(reg->r[i].container, container) &&
		    !strcmp(reg->r[i].name, name))
			break;
	}
	if (i == reg->n) {
		if (reg->n == reg->cap)
			return -1;
		reg->r[i].container = container;
		reg->r[i].name = name;
		reg->r[i].bytes = 0;
		reg->r[i].data = NULL;
		reg->n++;
	}
	if (bytes > reg->r[i].bytes && !reg->r[i].data)
		reg->r[i].bytes = bytes;
	return (int32_t)i;
}

/* Persistent bytes of the tables, variables and resources. */
static size_t base_persist(const mote_interp *it, const mote__registry *reg)
{
	const mote_model *m = it->model;
	size_t bytes = align_up(it->n_graphs * sizeof(mote__graph), ALIGN) +
		       align_up(reg->cap * sizeof(mote__resource), ALIGN);
	mote__tensor t;
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		uint32_t nt = mote__sg_n_tensors(m, g);
		bytes += align_up(mote__sg_n_ops(m, g) * sizeof(mote__node), ALIGN) +
			 align_up(nt * sizeof(void *), ALIGN);
		for (uint32_t i = 0; i < nt; i++) {
			mote__model_tensor(m, g, (int32_t)i, &t);
			if (t.is_variable && t.data == NULL)
				bytes += align_up(t.bytes, ALIGN);
		}
	}
	for (uint32_t i = 0; i < reg->n; i++)
		bytes += align_up(reg->r[i].bytes, ALIGN);
	return bytes;
}

static mote_status run_prepare(mote_interp *it, const mote_op *o, mote__prep *p)
{
	mote_status s = o->prepare(p);
	if (s == MOTE_OK)
		s = p->opt_status;
	if (s == MOTE_OK && !p->measuring && !p->eval)
		s = fail(it, MOTE_E_STATE, (int32_t)p->sg, (int32_t)p->op_index,
			 -1, "prepare set no eval function");
	if (s != MOTE_OK && it->err.status != s)
		fail(it, s, (int32_t)p->sg, (int32_t)p->op_index, -1, "prepare");
	return s;
}

static mote_status measure(mote_interp *it, const mote_op_table *ops,
			   mote__buf *bufs, mote__registry *reg, size_t *persist)
{
	const mote_model *m = it->model;
	mote__prep p;
	*persist = 0;
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		mote__buf *seg = bufs + seg_base(m, g);
		uint32_t nt = mote__sg_n_tensors(m, g), no = mote__sg_n_ops(m, g);
		for (uint32_t i = 0; i < no; i++) {
			int32_t version;
			const mote_op *o = op_impl(it, ops, g, i, &version);
			if (!o)
				return it->err.status;
			prep_begin(&p, it, reg, g, i, version);
			p.measuring = true;
			mote_status s = run_prepare(it, o, &p);
			if (s != MOTE_OK)
				return s;
			*persist += p.persist;
			mote__buf *sb = &seg[nt + i];
			sb->size = (uint32_t)p.scratch;
			sb->first = sb->last = (uint16_t)i;
			share(seg, &p);
		}
	}
	return MOTE_OK;
}

/* Plans every subgraph; subgraphs after the first in regions of their own. */
static size_t plan_all(const mote_model *m, uint32_t n_graphs, mote__buf *bufs)
{
	size_t total = 0;
	for (uint32_t g = 0; g < n_graphs; g++) {
		mote__buf *seg = bufs + seg_base(m, g);
		uint32_t n = mote__sg_n_tensors(m, g) + mote__sg_n_ops(m, g);
		size_t size = mote__plan(seg, n, ALIGN);
		if (size == SIZE_MAX || total > SIZE_MAX / 4)
			return SIZE_MAX;
		size = align_up(size, ALIGN);
		for (uint32_t i = 0; i < n; i++) {
			if (seg[i].size)
				seg[i].offset += (uint32_t)total;
		}
		total += size;
	}
	return total;
}

static void *take(uint8_t **tail, size_t bytes, size_t align)
{
	*tail -= align_up(bytes, align);
	*tail = (uint8_t *)((uintptr_t)*tail & ~(uintptr_t)(align - 1));
	return *tail;
}

/* Real pass for subgraph g: fills its nodes. */
static mote_status prepare_graph(mote_interp *it, const mote_op_table *ops,
				 const mote__buf *seg, mote__registry *reg,
				 uint32_t g, uint8_t **tail, uint8_t *floor)
{
	mote__graph *gr = &it->graphs[g];
	mote__prep p;
	for (uint32_t i = 0; i < gr->n_nodes; i++) {
		int32_t version;
		const mote_op *o = op_impl(it, ops, g, i, &version);
		prep_begin(&p, it, reg, g, i, version);
		p.tail = *tail;
		p.floor = floor;
		mote_status s = run_prepare(it, o, &p);
		if (s != MOTE_OK)
			return s;
		*tail = p.tail;
		mote__node *n = &gr->nodes[i];
		n->eval = p.eval;
		n->reset = p.reset;
		n->params = p.params;
		n->in = p.in;
		n->out = p.out;
		n->n_in = (uint16_t)p.n_in;
		n->n_out = (uint16_t)p.n_out;
		const mote__buf *sb = &seg[gr->n_tensors + i];
		n->scratch = sb->size ? it->arena + sb->offset : NULL;
		n->scratch_bytes = sb->size;
	}
	return MOTE_OK;
}

/* Tensor pointers of subgraph g: constants in the model, variables in the
 * tail, the rest in the plan. */
static void bind_tensors(mote_interp *it, uint32_t g, const mote__buf *seg,
			 uint8_t **tail)
{
	mote__graph *gr = &it->graphs[g];
	mote__tensor t;
	for (uint32_t i = 0; i < gr->n_tensors; i++) {
		mote__model_tensor(it->model, g, (int32_t)i, &t);
		if (t.data)
			gr->tensors[i] = (void *)(uintptr_t)t.data;
		else if (t.is_variable)
			gr->tensors[i] = take(tail, t.bytes, ALIGN);
		else if (seg[i].size)
			gr->tensors[i] = it->arena + seg[i].offset;
		else
			gr->tensors[i] = NULL;
	}
}

/* Real pass: tables, resources, tensors, then every operator's prepare. */
static mote_status build(mote_interp *it, const mote_op_table *ops,
			 const mote__buf *bufs, const mote__registry *measured,
			 uint8_t *floor)
{
	const mote_model *m = it->model;
	uint8_t *tail = it->arena + it->arena_size;
	mote__registry reg;

	it->graphs = take(&tail, it->n_graphs * sizeof(mote__graph), ALIGN);
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		mote__graph *gr = &it->graphs[g];
		gr->n_nodes = mote__sg_n_ops(m, g);
		gr->n_tensors = mote__sg_n_tensors(m, g);
		gr->nodes = take(&tail, gr->n_nodes * sizeof(mote__node), ALIGN);
		gr->tensors = take(&tail, gr->n_tensors * sizeof(void *), ALIGN);
		memset(gr->nodes, 0, gr->n_nodes * sizeof(mote__node));
	}
	/* The registry moves from the workspace to the tail, with its values. */
	reg.cap = measured->cap;
	reg.n = measured->n;
	reg.r = take(&tail, reg.cap * sizeof(mote__resource), ALIGN);
	memcpy(reg.r, measured->r, reg.n * sizeof(mote__resource));
	for (uint32_t i = 0; i < reg.n; i++)
		reg.r[i].data = take(&tail, reg.r[i].bytes, ALIGN);
	it->resources = reg.r;
	it->n_resources = reg.n;

	for (uint32_t g = 0; g < it->n_graphs; g++)
		bind_tensors(it, g, bufs + seg_base(m, g), &tail);
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		mote_status s = prepare_graph(it, ops, bufs + seg_base(m, g),
					      &reg, g, &tail, floor);
		if (s != MOTE_OK)
			return s;
	}
	it->persist_bytes = (size_t)(it->arena + it->arena_size - tail);
	return MOTE_OK;
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
		return fail(it, MOTE_E_ARG, -1, -1, -1, "NULL argument");
	if (m->n_subgraphs == 0)
		return fail(it, MOTE_E_STATE, -1, -1, -1, "model is not open");
	uintptr_t a = (uintptr_t)arena;
	size_t lead = (size_t)(align_up(a, ALIGN) - a);
	size = size > lead ? (size - lead) & ~(size_t)(ALIGN - 1) : 0;
	it->model = m;
	it->arena = (uint8_t *)arena + lead;
	it->arena_size = size;
	it->n_graphs = m->n_subgraphs;

	uint32_t n_bufs = seg_base(m, it->n_graphs);
	mote__registry reg = { NULL, 0, count_var_handles(m) };
	size_t ws_bufs = align_up(n_bufs * sizeof(mote__buf), ALIGN);
	size_t ws = ws_bufs + align_up(reg.cap * sizeof(mote__resource), ALIGN);
	if (size < ws) {
		fail(it, MOTE_E_ARENA_TOO_SMALL, -1, -1, -1,
		     "arena cannot hold the planner workspace; needed is a lower bound");
		it->err.needed = ws + lead;
		return MOTE_E_ARENA_TOO_SMALL;
	}
	mote__buf *bufs = (mote__buf *)(void *)it->arena;
	reg.r = (mote__resource *)(void *)(it->arena + ws_bufs);
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		mote_status s = check_dataflow(it, g, bufs + seg_base(m, g));
		if (s != MOTE_OK)
			return s;
		lifetimes(m, g, bufs + seg_base(m, g));
	}
	size_t persist;
	mote_status s = measure(it, ops, bufs, &reg, &persist);
	if (s != MOTE_OK)
		return s;
	persist += base_persist(it, &reg);
	size_t plan = plan_all(m, it->n_graphs, bufs);
	if (plan == SIZE_MAX || persist > SIZE_MAX / 4)
		return fail(it, MOTE_E_TOO_LARGE, -1, -1, -1,
			    "activations need more than 4 GiB");
	size_t head = plan > ws ? plan : ws;
	size_t needed = head + align_up(persist, ALIGN);
	if (needed > size) {
		fail(it, MOTE_E_ARENA_TOO_SMALL, -1, -1, -1, "arena");
		it->err.needed = needed + lead;
		return MOTE_E_ARENA_TOO_SMALL;
	}
	s = build(it, ops, bufs, &reg, it->arena + head);
	if (s != MOTE_OK)
		return s;
	it->nodes = it->graphs[0].nodes;
	it->n_nodes = it->graphs[0].n_nodes;
	it->tensors = it->graphs[0].tensors;
	it->n_tensors = it->graphs[0].n_tensors;
	it->plan_bytes = plan;
	it->needed = needed;
	it->ready = true;
	return mote_reset(it);
}

size_t mote_arena_used(const mote_interp *it)
{
	return it && it->ready ? it->needed : 0;
}

mote_status mote__invoke_graph(mote_interp *it, uint32_t g)
{
	if (g >= it->n_graphs)
		return fail(it, MOTE_E_EVAL, (int32_t)g, -1, -1, "no such subgraph");
	if (it->depth >= MAX_CALL_DEPTH)
		return fail(it, MOTE_E_TOO_DEEP, (int32_t)g, -1, -1,
			    "subgraph calls nested too deep");
	const mote__graph *gr = &it->graphs[g];
	it->depth++;
	for (uint32_t i = 0; i < gr->n_nodes; i++) {
		const mote__node *n = &gr->nodes[i];
		mote_status s = n->eval(n, gr->tensors);
		if (s == MOTE_STOPPED) {
			it->depth--;
			/* Not an error: the rest waits for a later invoke; err
			 * says which operator stopped it. */
			return fail(it, s, (int32_t)g, (int32_t)i, -1,
				    "step not due");
		}
		if (s != MOTE_OK) {
			it->depth--;
			if (it->err.status == s && it->err.subgraph >= 0 &&
			    (uint32_t)it->err.subgraph != g)
				return s; /* detail from a nested call */
			return fail(it, s, (int32_t)g, (int32_t)i, -1, "eval");
		}
	}
	it->depth--;
	return MOTE_OK;
}

void *const *mote__graph_tensors(const mote_interp *it, uint32_t g)
{
	return it->graphs[g].tensors;
}

mote_status mote_invoke(mote_interp *it)
{
	if (!it || !it->ready)
		return MOTE_E_STATE;
	clear_err(&it->err);
	it->depth = 0;
	return mote__invoke_graph(it, 0);
}

mote_status mote_reset(mote_interp *it)
{
	mote__tensor t;
	if (!it || !it->ready)
		return MOTE_E_STATE;
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		const mote__graph *gr = &it->graphs[g];
		for (uint32_t i = 0; i < gr->n_tensors; i++) {
			mote__model_tensor(it->model, g, (int32_t)i, &t);
			if (!t.is_variable || t.data)
				continue;
			int v = t.type == MOTE_INT8 ? (int)mote__zp(&t, 0) : 0;
			memset(gr->tensors[i], v, t.bytes);
		}
	}
	for (uint32_t i = 0; i < it->n_resources; i++)
		memset(it->resources[i].data, 0, it->resources[i].bytes);
	for (uint32_t g = 0; g < it->n_graphs; g++) {
		const mote__graph *gr = &it->graphs[g];
		for (uint32_t i = 0; i < gr->n_nodes; i++) {
			const mote__node *n = &gr->nodes[i];
			if (n->reset)
				n->reset(n, gr->tensors);
		}
	}
	return MOTE_OK;
}

void *mote__resource_data(const mote_interp *it, int32_t id, size_t *bytes)
{
	if (id < 0 || (uint32_t)id >= it->n_resources)
		return NULL;
	*bytes = it->resources[id].bytes;
	return it->resources[id].data;
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
