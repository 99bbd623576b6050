/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tfl_builder.c - see tfl_builder.h.
 *
 * The add calls only record (copies of) what they are given. tfl_finish()
 * writes the file front to back: each table's offset fields are first
 * written as slots, then the children are appended and each slot is
 * patched with the forward distance to its child. Field numbers are those
 * of src/model/tflite.h (the TFLite schema).
 */
#include "tfl_builder.h"

#include "model/tflite.h"

#include <stdlib.h>
#include <string.h>

/* Per-subgraph records. */
typedef struct tfl_tensor_rec {
	tfl_tensor_desc d; /* with owned copies of every pointer */
	tfl_tensor_pos at;
} tfl_tensor_rec;

typedef struct tfl_op_rec {
	tfl_op_desc d; /* with owned copies of every pointer */
	tfl_op_pos at;
} tfl_op_rec;

struct tfl_sg {
	const char *name; /* owned copy, or NULL */
	tfl_tensor_rec *tensors;
	uint32_t n_tensors, cap_tensors;
	tfl_op_rec *ops;
	uint32_t n_ops, cap_ops;
	const int32_t *in, *out; /* owned copies */
	uint32_t n_in, n_out;
	tfl_subgraph_pos at;
};

struct tfl_opcode_rec {
	int32_t builtin;
	const char *custom; /* owned copy, or NULL */
	int32_t version;
	tfl_opcode_pos at;
};

struct tfl_buffer_rec {
	const uint8_t *data; /* owned copy, or NULL */
	size_t bytes;
	bool outside;
	uint32_t offset_field, size_field; /* positions, when outside */
	tfl_buffer_pos at;
};

uint64_t tfl_f32_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

/* ---- recording ---------------------------------------------------------- */

/* Makes room for one more element in a growable array; false on failure. */
static bool grow(tfl_builder *b, void **arr, uint32_t n, uint32_t *cap,
		 size_t elem)
{
	if (n < *cap)
		return true;
	uint32_t c = *cap ? *cap * 2 : 8;
	void *p = realloc(*arr, (size_t)c * elem);
	if (!p) {
		b->failed = true;
		return false;
	}
	*arr = p;
	*cap = c;
	return true;
}

/* An owned copy of n bytes (NULL for n == 0 or on failure). */
static void *keep(tfl_builder *b, const void *src, size_t n)
{
	if (!src || n == 0)
		return NULL;
	if (b->n_owned == b->cap_owned) {
		size_t c = b->cap_owned ? b->cap_owned * 2 : 64;
		void **p = realloc(b->owned, c * sizeof *p);
		if (!p) {
			b->failed = true;
			return NULL;
		}
		b->owned = p;
		b->cap_owned = c;
	}
	void *copy = malloc(n);
	if (!copy) {
		b->failed = true;
		return NULL;
	}
	memcpy(copy, src, n);
	b->owned[b->n_owned++] = copy;
	return copy;
}

static const char *keep_str(tfl_builder *b, const char *s)
{
	return s ? keep(b, s, strlen(s) + 1) : NULL;
}

/* Owned copy of an option field list, vectors included. */
static const tfl_field *keep_fields(tfl_builder *b, const tfl_field *f,
				    uint32_t n)
{
	tfl_field *c = keep(b, f, n * sizeof *f);
	for (uint32_t i = 0; c && i < n; i++) {
		if (c[i].size == 0)
			c[i].vec = keep(b, f[i].vec, f[i].n_vec * sizeof(int32_t));
	}
	return c;
}

void tfl_builder_init(tfl_builder *b)
{
	memset(b, 0, sizeof *b);
	b->version = 3;
	memcpy(b->identifier, "TFL3", 4);
	tfl_subgraph(b, NULL);
	b->cur = 0;
	tfl_buffer(b, NULL, 0);
}

void tfl_builder_free(tfl_builder *b)
{
	for (size_t i = 0; i < b->n_owned; i++)
		free(b->owned[i]);
	for (uint32_t i = 0; i < b->n_sg; i++) {
		free(b->sg[i].tensors);
		free(b->sg[i].ops);
	}
	free(b->owned);
	free(b->sg);
	free(b->opcodes);
	free(b->buffers);
	memset(b, 0, sizeof *b);
}

int tfl_subgraph(tfl_builder *b, const char *name)
{
	if (!grow(b, (void **)&b->sg, b->n_sg, &b->cap_sg, sizeof *b->sg))
		return -1;
	tfl_sg *s = &b->sg[b->n_sg];
	memset(s, 0, sizeof *s);
	s->name = keep_str(b, name);
	b->cur = b->n_sg++;
	return (int)b->cur;
}

void tfl_subgraph_name(tfl_builder *b, const char *name)
{
	b->sg[b->cur].name = keep_str(b, name);
}

static int add_buffer(tfl_builder *b, const void *data, size_t bytes,
		      bool outside)
{
	if (!grow(b, (void **)&b->buffers, b->n_buffers, &b->cap_buffers,
		  sizeof *b->buffers))
		return -1;
	tfl_buffer_rec *r = &b->buffers[b->n_buffers];
	memset(r, 0, sizeof *r);
	r->data = keep(b, data, bytes);
	r->bytes = r->data ? bytes : 0;
	r->outside = outside;
	return (int)b->n_buffers++;
}

int tfl_buffer(tfl_builder *b, const void *data, size_t bytes)
{
	return add_buffer(b, data, bytes, false);
}

int tfl_buffer_outside(tfl_builder *b, const void *data, size_t bytes)
{
	return add_buffer(b, data, bytes, true);
}

static int add_opcode(tfl_builder *b, int32_t builtin, const char *custom,
		      int32_t version)
{
	for (uint32_t i = 0; i < b->n_opcodes; i++) {
		const tfl_opcode_rec *r = &b->opcodes[i];
		bool same_custom = (!r->custom && !custom) ||
				   (r->custom && custom && !strcmp(r->custom, custom));
		if (r->builtin == builtin && r->version == version && same_custom)
			return (int)i;
	}
	if (!grow(b, (void **)&b->opcodes, b->n_opcodes, &b->cap_opcodes,
		  sizeof *b->opcodes))
		return -1;
	tfl_opcode_rec *r = &b->opcodes[b->n_opcodes];
	memset(r, 0, sizeof *r);
	r->builtin = builtin;
	r->custom = keep_str(b, custom);
	r->version = version;
	return (int)b->n_opcodes++;
}

int tfl_opcode(tfl_builder *b, int32_t builtin, int32_t version)
{
	return add_opcode(b, builtin, NULL, version);
}

int tfl_opcode_custom(tfl_builder *b, const char *custom_code, int32_t version)
{
	return add_opcode(b, MOTE_BUILTIN_CUSTOM, custom_code, version);
}

int tfl_tensor(tfl_builder *b, const tfl_tensor_desc *t)
{
	tfl_sg *s = &b->sg[b->cur];
	if (!grow(b, (void **)&s->tensors, s->n_tensors, &s->cap_tensors,
		  sizeof *s->tensors))
		return -1;
	tfl_tensor_rec *r = &s->tensors[s->n_tensors];
	memset(r, 0, sizeof *r);
	r->d = *t;
	if (r->d.rank > TFL_MAX_RANK)
		r->d.rank = TFL_MAX_RANK;
	if (r->d.rank < 0)
		r->d.rank = 0;
	r->d.dims = keep(b, t->dims, (size_t)r->d.rank * sizeof(int32_t));
	r->d.name = keep_str(b, t->name);
	r->d.scale = keep(b, t->scale, t->n_scale * sizeof(float));
	r->d.zp = keep(b, t->zp, t->n_zp * sizeof(int64_t));
	if (!r->d.scale)
		r->d.n_scale = 0;
	if (!r->d.zp)
		r->d.n_zp = 0;
	if (t->data) {
		int k = add_buffer(b, t->data, t->data_bytes, t->data_outside);
		r->d.buffer = k < 0 ? 0 : (uint32_t)k;
	}
	r->d.data = NULL;
	r->d.extra = keep_fields(b, t->extra, t->n_extra);
	if (!r->d.extra)
		r->d.n_extra = 0;
	return (int)s->n_tensors++;
}

int tfl_op(tfl_builder *b, const tfl_op_desc *op)
{
	tfl_sg *s = &b->sg[b->cur];
	if (!grow(b, (void **)&s->ops, s->n_ops, &s->cap_ops, sizeof *s->ops))
		return -1;
	tfl_op_rec *r = &s->ops[s->n_ops];
	memset(r, 0, sizeof *r);
	r->d = *op;
	r->d.in = keep(b, op->in, op->n_in * sizeof(int32_t));
	r->d.out = keep(b, op->out, op->n_out * sizeof(int32_t));
	r->d.intermediates = keep(b, op->intermediates,
				  op->n_intermediates * sizeof(int32_t));
	r->d.opts = keep_fields(b, op->opts, op->n_opts);
	r->d.opts2 = keep_fields(b, op->opts2, op->n_opts2);
	r->d.custom = keep(b, op->custom, op->custom_bytes);
	if (!r->d.in)
		r->d.n_in = 0;
	if (!r->d.out)
		r->d.n_out = 0;
	if (!r->d.intermediates)
		r->d.n_intermediates = 0;
	if (!r->d.opts)
		r->d.n_opts = 0;
	if (!r->d.opts2)
		r->d.n_opts2 = 0;
	if (!r->d.custom)
		r->d.custom_bytes = 0;
	r->d.extra = keep_fields(b, op->extra, op->n_extra);
	if (!r->d.extra)
		r->d.n_extra = 0;
	return (int)s->n_ops++;
}

void tfl_inputs(tfl_builder *b, const int32_t *v, uint32_t n)
{
	tfl_sg *s = &b->sg[b->cur];
	s->in = keep(b, v, n * sizeof *v);
	s->n_in = s->in ? n : 0;
}

void tfl_outputs(tfl_builder *b, const int32_t *v, uint32_t n)
{
	tfl_sg *s = &b->sg[b->cur];
	s->out = keep(b, v, n * sizeof *v);
	s->n_out = s->out ? n : 0;
}

/* ---- writing ------------------------------------------------------------ */

/* The output being written. */
typedef struct wr {
	uint8_t *p;
	size_t n, cap;
	bool bad; /* out of memory or over 4 GiB */
} wr;

/* Appends n zero bytes; returns their position. */
static uint32_t w_add(wr *w, size_t n)
{
	if (w->n + n > w->cap) {
		size_t c = w->cap ? w->cap : 4096;
		while (c < w->n + n)
			c *= 2;
		uint8_t *p = c <= UINT32_MAX ? realloc(w->p, c) : NULL;
		if (!p) {
			w->bad = true;
			return 0;
		}
		w->p = p;
		w->cap = c;
	}
	size_t at = w->n;
	memset(w->p + at, 0, n);
	w->n += n;
	return (uint32_t)at;
}

/* Pads with zeros until (position + phase) is a multiple of align. */
static void w_align(wr *w, size_t align, size_t phase)
{
	while (!w->bad && (w->n + phase) % align != 0)
		w_add(w, 1);
}

static void put(uint8_t *p, size_t pos, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		p[pos + i] = (uint8_t)(v >> (8 * i));
}

/* Points the offset slot at `slot` to `target` (which lies after it). */
static void w_patch(wr *w, uint32_t slot, uint32_t target)
{
	if (!w->bad && slot)
		put(w->p, slot, target - slot, 4);
}

/* A field of a table being written: a scalar, or (ref) an offset slot
 * patched later. *at, if set, receives the field's position. */
typedef struct wfield {
	unsigned id;
	unsigned size;
	uint64_t value;
	uint32_t *at;
} wfield;

/*
 * Writes a vtable and its table with fields f[0..n) (ids distinct).
 * Fields are laid out largest first, each aligned to its size.
 */
static uint32_t w_table(wr *w, wfield *f, unsigned n, uint32_t *vtable)
{
	unsigned n_ids = 0;
	bool has8 = false;
	for (unsigned i = 0; i < n; i++) {
		if (f[i].id + 1 > n_ids)
			n_ids = f[i].id + 1;
		has8 |= f[i].size == 8;
	}
	w_align(w, 2, 0);
	uint32_t vt = w_add(w, 4 + 2 * n_ids);
	w_align(w, has8 ? 8 : 4, has8 ? 4 : 0);
	uint32_t t = (uint32_t)w->n;
	/* Offsets within the table, by size classes 8, 4, 2, 1. */
	uint16_t off[64] = { 0 };
	size_t end = 4;
	for (unsigned size = 8; size >= 1; size /= 2) {
		for (unsigned i = 0; i < n && i < 64; i++) {
			if (f[i].size != size)
				continue;
			while ((t + end) % size != 0)
				end++;
			off[i] = (uint16_t)end;
			end += size;
		}
	}
	w_add(w, end);
	if (w->bad)
		return 0;
	put(w->p, vt, 4 + 2 * n_ids, 2);
	put(w->p, vt + 2, end, 2);
	put(w->p, t, t - vt, 4);
	for (unsigned i = 0; i < n && i < 64; i++) {
		put(w->p, vt + 4 + 2 * f[i].id, off[i], 2);
		put(w->p, t + off[i], f[i].value, f[i].size);
		if (f[i].at)
			*f[i].at = t + off[i];
	}
	if (vtable)
		*vtable = vt;
	return t;
}

/* Writes a vector of n elements of `size` bytes whose data starts at a
 * multiple of `align`; returns the position of its length. */
static uint32_t w_vector(wr *w, const void *data, uint32_t n, unsigned size,
			 unsigned align)
{
	w_align(w, align > 4 ? align : 4, align > 4 ? 4 : 0);
	uint32_t v = w_add(w, 4 + (size_t)n * size);
	if (w->bad)
		return 0;
	put(w->p, v, n, 4);
	if (n && data)
		memcpy(w->p + v + 4, data, (size_t)n * size);
	return v;
}

static uint32_t w_string(wr *w, const char *s)
{
	size_t len = strlen(s);
	w_align(w, 4, 0);
	uint32_t v = w_add(w, 4 + len + 1);
	if (w->bad)
		return 0;
	put(w->p, v, len, 4);
	memcpy(w->p + v + 4, s, len);
	return v;
}

/* Writes a string and points `slot` at it (nothing if s is NULL). */
static uint32_t w_string_at(wr *w, uint32_t slot, const char *s)
{
	if (!s)
		return 0;
	uint32_t v = w_string(w, s);
	w_patch(w, slot, v);
	return v;
}

static uint32_t w_ints_at(wr *w, uint32_t slot, const int32_t *v, uint32_t n)
{
	if (!slot)
		return 0;
	uint32_t pos = w_vector(w, v, n, 4, 4);
	w_patch(w, slot, pos);
	return pos;
}

/* A vector of n offset slots; slot i is at pos + 4 + 4 i. */
static uint32_t w_offsets(wr *w, uint32_t slot, uint32_t n)
{
	uint32_t pos = w_vector(w, NULL, n, 4, 4);
	w_patch(w, slot, pos);
	return pos;
}

#define REF(id, slot) ((wfield){ (id), 4, 0, &(slot) })
#define SCALAR(id, size, v) ((wfield){ (id), (size), (uint64_t)(v), NULL })

/* Appends field f to the list l of *n fields if `add`. */
static void field_if(wfield *l, unsigned *n, bool add, wfield f)
{
	if (add)
		l[(*n)++] = f;
}

/* Appends the scalar fields of an extra list (vectors are skipped). */
static void extra_fields(wfield *l, unsigned *n, unsigned max,
			 const tfl_field *f, uint32_t nf)
{
	for (uint32_t i = 0; i < nf && *n < max; i++) {
		if (f[i].size != 0)
			l[(*n)++] = SCALAR(f[i].id, f[i].size, f[i].value);
	}
}

static uint32_t w_options(wr *w, uint32_t slot, const tfl_field *f,
			  uint32_t n)
{
	wfield l[64];
	uint32_t slots[64] = { 0 };
	unsigned k = 0;
	for (uint32_t i = 0; i < n && k < 64; i++) {
		if (f[i].size == 0)
			l[k++] = REF(f[i].id, slots[i]);
		else
			l[k++] = SCALAR(f[i].id, f[i].size, f[i].value);
	}
	uint32_t t = w_table(w, l, k, NULL);
	w_patch(w, slot, t);
	for (uint32_t i = 0; i < n && i < 64; i++) {
		if (f[i].size == 0)
			w_ints_at(w, slots[i], f[i].vec, f[i].n_vec);
	}
	return t;
}

static void w_quant(wr *w, uint32_t slot, tfl_tensor_rec *r)
{
	const tfl_tensor_desc *d = &r->d;
	uint32_t s_scale = 0, s_zp = 0;
	wfield l[3];
	unsigned k = 0;
	field_if(l, &k, d->n_scale > 0, REF(FB_Q_SCALE, s_scale));
	field_if(l, &k, d->n_zp > 0, REF(FB_Q_ZP, s_zp));
	field_if(l, &k, d->qdim != 0,
		 SCALAR(FB_Q_QDIM, 4, (uint32_t)d->qdim));
	r->at.quant = w_table(w, l, k, &r->at.quant_vtable);
	w_patch(w, slot, r->at.quant);
	if (s_scale) {
		r->at.scale = w_vector(w, d->scale, d->n_scale, 4, 4);
		w_patch(w, s_scale, r->at.scale);
	}
	if (s_zp) {
		r->at.zp = w_vector(w, d->zp, d->n_zp, 8, 8);
		w_patch(w, s_zp, r->at.zp);
	}
}

static void w_tensor(wr *w, uint32_t slot, tfl_tensor_rec *r)
{
	const tfl_tensor_desc *d = &r->d;
	uint32_t s_shape = 0, s_name = 0, s_quant = 0;
	bool quant = d->n_scale || d->n_zp || d->quant_table || d->qdim;
	wfield l[6 + 16];
	unsigned k = 0;
	l[k++] = REF(FB_T_SHAPE, s_shape);
	field_if(l, &k, d->type != 0, SCALAR(FB_T_TYPE, 1, (uint8_t)d->type));
	field_if(l, &k, d->buffer != 0, SCALAR(FB_T_BUFFER, 4, d->buffer));
	field_if(l, &k, d->name != NULL, REF(FB_T_NAME, s_name));
	field_if(l, &k, quant, REF(FB_T_QUANT, s_quant));
	field_if(l, &k, d->is_variable, SCALAR(FB_T_VARIABLE, 1, 1));
	extra_fields(l, &k, 6 + 16, d->extra, d->n_extra);
	r->at.table = w_table(w, l, k, &r->at.vtable);
	w_patch(w, slot, r->at.table);
	r->at.shape = w_ints_at(w, s_shape, d->dims, (uint32_t)d->rank);
	r->at.name = w_string_at(w, s_name, d->name);
	if (quant)
		w_quant(w, s_quant, r);
}

/* Custom options after the flatbuffer, patched at the end. */
typedef struct outside {
	const uint8_t *data;
	size_t bytes;
	uint32_t offset_field, size_field;
	uint32_t *pos; /* receives the data position */
} outside;

typedef struct wctx {
	wr w;
	outside *out; /* custom options stored outside */
	uint32_t n_out, cap_out;
} wctx;

static void w_op(wctx *c, uint32_t slot, tfl_op_rec *r)
{
	wr *w = &c->w;
	const tfl_op_desc *d = &r->d;
	uint32_t s_in = 0, s_out = 0, s_mid = 0, s_opts = 0, s_opts2 = 0;
	uint32_t s_custom = 0, f_lo = 0, f_ls = 0;
	bool opts = d->opts_type || d->n_opts, opts2 = d->opts2_type || d->n_opts2;
	bool custom_in = d->custom_bytes && !d->custom_outside;
	bool custom_out = d->custom_bytes && d->custom_outside;
	wfield l[12 + 16];
	unsigned k = 0;
	field_if(l, &k, d->opcode != 0, SCALAR(FB_OP_OPCODE, 4, d->opcode));
	l[k++] = REF(FB_OP_INPUTS, s_in);
	l[k++] = REF(FB_OP_OUTPUTS, s_out);
	field_if(l, &k, d->opts_type != 0, SCALAR(FB_OP_OPTS_TYPE, 1, d->opts_type));
	field_if(l, &k, opts, REF(FB_OP_OPTS, s_opts));
	field_if(l, &k, custom_in, REF(FB_OP_CUSTOM, s_custom));
	field_if(l, &k, d->n_intermediates > 0, REF(FB_OP_INTERMEDIATES, s_mid));
	field_if(l, &k, custom_out,
		 ((wfield){ FB_OP_LARGE_CUSTOM_OFFSET, 8, 0, &f_lo }));
	field_if(l, &k, custom_out,
		 ((wfield){ FB_OP_LARGE_CUSTOM_SIZE, 8, d->custom_bytes, &f_ls }));
	field_if(l, &k, d->opts2_type != 0,
		 SCALAR(FB_OP_OPTS2_TYPE, 1, d->opts2_type));
	field_if(l, &k, opts2, REF(FB_OP_OPTS2, s_opts2));
	extra_fields(l, &k, 12 + 16, d->extra, d->n_extra);
	r->at.table = w_table(w, l, k, &r->at.vtable);
	w_patch(w, slot, r->at.table);
	r->at.inputs = w_ints_at(w, s_in, d->in, d->n_in);
	r->at.outputs = w_ints_at(w, s_out, d->out, d->n_out);
	r->at.intermediates = w_ints_at(w, s_mid, d->intermediates,
					d->n_intermediates);
	if (opts)
		r->at.opts = w_options(w, s_opts, d->opts, d->n_opts);
	if (opts2)
		r->at.opts2 = w_options(w, s_opts2, d->opts2, d->n_opts2);
	if (custom_in) {
		r->at.custom = w_vector(w, d->custom, (uint32_t)d->custom_bytes,
					1, 1);
		w_patch(w, s_custom, r->at.custom);
	}
	if (custom_out && c->n_out < c->cap_out)
		c->out[c->n_out++] = (outside){ d->custom, d->custom_bytes, f_lo,
						f_ls, &r->at.custom };
}

static void w_subgraph(wctx *c, uint32_t slot, tfl_sg *s)
{
	wr *w = &c->w;
	uint32_t s_t = 0, s_in = 0, s_out = 0, s_ops = 0, s_name = 0;
	wfield l[5];
	unsigned k = 0;
	l[k++] = REF(FB_SG_TENSORS, s_t);
	l[k++] = REF(FB_SG_INPUTS, s_in);
	l[k++] = REF(FB_SG_OUTPUTS, s_out);
	l[k++] = REF(FB_SG_OPERATORS, s_ops);
	field_if(l, &k, s->name != NULL, REF(FB_SG_NAME, s_name));
	s->at.table = w_table(w, l, k, &s->at.vtable);
	w_patch(w, slot, s->at.table);

	s->at.tensors = w_offsets(w, s_t, s->n_tensors);
	for (uint32_t i = 0; i < s->n_tensors && !w->bad; i++)
		w_tensor(w, s->at.tensors + 4 + 4 * i, &s->tensors[i]);
	s->at.inputs = w_ints_at(w, s_in, s->in, s->n_in);
	s->at.outputs = w_ints_at(w, s_out, s->out, s->n_out);
	s->at.operators = w_offsets(w, s_ops, s->n_ops);
	for (uint32_t i = 0; i < s->n_ops && !w->bad; i++)
		w_op(c, s->at.operators + 4 + 4 * i, &s->ops[i]);
	s->at.name = w_string_at(w, s_name, s->name);
}

static void w_opcode(wr *w, uint32_t slot, tfl_opcode_rec *r)
{
	uint32_t s_custom = 0;
	int32_t dep = r->builtin < 127 ? r->builtin : 127;
	wfield l[4];
	unsigned k = 0;
	field_if(l, &k, dep != 0, SCALAR(FB_OPCODE_DEPRECATED, 1, (uint8_t)dep));
	field_if(l, &k, r->custom != NULL, REF(FB_OPCODE_CUSTOM, s_custom));
	field_if(l, &k, r->version != 1,
		 SCALAR(FB_OPCODE_VERSION, 4, (uint32_t)r->version));
	field_if(l, &k, r->builtin != 0,
		 SCALAR(FB_OPCODE_BUILTIN, 4, (uint32_t)r->builtin));
	r->at.table = w_table(w, l, k, &r->at.vtable);
	w_patch(w, slot, r->at.table);
	r->at.custom = w_string_at(w, s_custom, r->custom);
}

static void w_buffer(wr *w, uint32_t slot, tfl_buffer_rec *r)
{
	uint32_t s_data = 0;
	wfield l[3];
	unsigned k = 0;
	r->offset_field = r->size_field = 0;
	field_if(l, &k, r->bytes && !r->outside, REF(FB_BUF_DATA, s_data));
	field_if(l, &k, r->bytes && r->outside,
		 ((wfield){ FB_BUF_OFFSET, 8, 0, &r->offset_field }));
	field_if(l, &k, r->bytes && r->outside,
		 ((wfield){ FB_BUF_SIZE, 8, r->bytes, &r->size_field }));
	r->at.table = w_table(w, l, k, &r->at.vtable);
	w_patch(w, slot, r->at.table);
	r->at.data = 0;
}

static void clear_positions(tfl_builder *b)
{
	memset(&b->where, 0, sizeof b->where);
	for (uint32_t i = 0; i < b->n_sg; i++) {
		tfl_sg *s = &b->sg[i];
		memset(&s->at, 0, sizeof s->at);
		for (uint32_t k = 0; k < s->n_tensors; k++)
			memset(&s->tensors[k].at, 0, sizeof s->tensors[k].at);
		for (uint32_t k = 0; k < s->n_ops; k++)
			memset(&s->ops[k].at, 0, sizeof s->ops[k].at);
	}
	for (uint32_t i = 0; i < b->n_opcodes; i++)
		memset(&b->opcodes[i].at, 0, sizeof b->opcodes[i].at);
	for (uint32_t i = 0; i < b->n_buffers; i++)
		memset(&b->buffers[i].at, 0, sizeof b->buffers[i].at);
}

/* Appends data after the flatbuffer, 16-byte aligned; returns its
 * position and fills the offset/size fields. */
static uint32_t w_outside(wr *w, const uint8_t *data, size_t bytes,
			  uint32_t offset_field, uint32_t size_field)
{
	w_align(w, 16, 0);
	uint32_t pos = w_add(w, bytes);
	if (w->bad)
		return 0;
	memcpy(w->p + pos, data, bytes);
	put(w->p, offset_field, pos, 8);
	put(w->p, size_field, bytes, 8);
	return pos;
}

uint8_t *tfl_finish(tfl_builder *b, size_t *len)
{
	wctx c = { { NULL, 0, 0, false }, NULL, 0, 0 };
	wr *w = &c.w;
	tfl_model_pos *m = &b->where;
	uint32_t s_codes = 0, s_sgs = 0, s_desc = 0, s_bufs = 0;

	*len = 0;
	if (b->failed)
		return NULL;
	clear_positions(b);
	for (uint32_t i = 0; i < b->n_sg; i++)
		c.cap_out += b->sg[i].n_ops;
	c.out = calloc(c.cap_out ? c.cap_out : 1, sizeof *c.out);
	if (!c.out)
		return NULL;

	w_add(w, 8);
	if (!w->bad)
		memcpy(w->p + 4, b->identifier, 4);
	wfield l[5];
	unsigned k = 0;
	field_if(&l[0], &k, b->version != 0,
		 SCALAR(FB_MODEL_VERSION, 4, b->version));
	l[k++] = REF(FB_MODEL_OPCODES, s_codes);
	l[k++] = REF(FB_MODEL_SUBGRAPHS, s_sgs);
	field_if(l, &k, b->description != NULL, REF(FB_MODEL_DESCRIPTION, s_desc));
	l[k++] = REF(FB_MODEL_BUFFERS, s_bufs);
	m->table = w_table(w, l, k, &m->vtable);
	w_patch(w, 0, m->table);
	if (!w->bad)
		put(w->p, 0, m->table, 4);

	m->opcodes = w_offsets(w, s_codes, b->n_opcodes);
	for (uint32_t i = 0; i < b->n_opcodes && !w->bad; i++)
		w_opcode(w, m->opcodes + 4 + 4 * i, &b->opcodes[i]);
	m->subgraphs = w_offsets(w, s_sgs, b->n_sg);
	for (uint32_t i = 0; i < b->n_sg && !w->bad; i++)
		w_subgraph(&c, m->subgraphs + 4 + 4 * i, &b->sg[i]);
	m->description = w_string_at(w, s_desc, b->description);
	m->buffers = w_offsets(w, s_bufs, b->n_buffers);
	for (uint32_t i = 0; i < b->n_buffers && !w->bad; i++)
		w_buffer(w, m->buffers + 4 + 4 * i, &b->buffers[i]);
	/* Buffer data last, each block 16-byte aligned (force_align). */
	for (uint32_t i = 0; i < b->n_buffers && !w->bad; i++) {
		tfl_buffer_rec *r = &b->buffers[i];
		if (!r->bytes || r->outside)
			continue;
		uint32_t slot = tfl_field_at(w->p, r->at.table, FB_BUF_DATA);
		r->at.data = w_vector(w, r->data, (uint32_t)r->bytes, 1, 16);
		w_patch(w, slot, r->at.data);
	}
	w_align(w, 4, 0);
	m->end = (uint32_t)w->n;
	for (uint32_t i = 0; i < b->n_buffers && !w->bad; i++) {
		tfl_buffer_rec *r = &b->buffers[i];
		if (r->bytes && r->outside)
			r->at.data = w_outside(w, r->data, r->bytes,
					       r->offset_field, r->size_field);
	}
	for (uint32_t i = 0; i < c.n_out && !w->bad; i++)
		*c.out[i].pos = w_outside(w, c.out[i].data, c.out[i].bytes,
					  c.out[i].offset_field,
					  c.out[i].size_field);
	free(c.out);
	if (w->bad) {
		free(w->p);
		return NULL;
	}

	size_t cap = (w->n + 15) & ~(size_t)15;
	uint8_t *model = aligned_alloc(16, cap ? cap : 16);
	if (!model) {
		free(w->p);
		return NULL;
	}
	memcpy(model, w->p, w->n);
	memset(model + w->n, 0, cap - w->n);
	free(w->p);
	*len = w->n;
	return model;
}

/* ---- positions and surgery ---------------------------------------------- */

const tfl_model_pos *tfl_where_model(const tfl_builder *b)
{
	return &b->where;
}

const tfl_subgraph_pos *tfl_where_subgraph(const tfl_builder *b, uint32_t sg)
{
	return sg < b->n_sg ? &b->sg[sg].at : NULL;
}

const tfl_tensor_pos *tfl_where_tensor(const tfl_builder *b, uint32_t sg,
				       uint32_t i)
{
	if (sg >= b->n_sg || i >= b->sg[sg].n_tensors)
		return NULL;
	return &b->sg[sg].tensors[i].at;
}

const tfl_op_pos *tfl_where_op(const tfl_builder *b, uint32_t sg, uint32_t i)
{
	if (sg >= b->n_sg || i >= b->sg[sg].n_ops)
		return NULL;
	return &b->sg[sg].ops[i].at;
}

const tfl_opcode_pos *tfl_where_opcode(const tfl_builder *b, uint32_t i)
{
	return i < b->n_opcodes ? &b->opcodes[i].at : NULL;
}

const tfl_buffer_pos *tfl_where_buffer(const tfl_builder *b, uint32_t i)
{
	return i < b->n_buffers ? &b->buffers[i].at : NULL;
}

static uint32_t get(const uint8_t *p, size_t pos, unsigned size)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)p[pos + i] << (8 * i);
	return v;
}

uint32_t tfl_field_at(const uint8_t *model, uint32_t table, unsigned id)
{
	uint32_t vt = table - get(model, table, 4);
	uint32_t vt_len = get(model, vt, 2);
	if (4 + 2 * id + 2 > vt_len)
		return 0;
	uint32_t f = get(model, vt + 4 + 2 * id, 2);
	return f ? table + f : 0;
}

void tfl_put_u16(uint8_t *model, size_t pos, uint16_t v)
{
	put(model, pos, v, 2);
}

void tfl_put_u32(uint8_t *model, size_t pos, uint32_t v)
{
	put(model, pos, v, 4);
}

void tfl_put_u64(uint8_t *model, size_t pos, uint64_t v)
{
	put(model, pos, v, 8);
}
