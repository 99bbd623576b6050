/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model.c - read-only views of a verified model (see tflite.h), type names
 * and sizes. No bounds checks here: mote_model_open() did them all.
 */
#include "model/fb.h"
#include "model/tflite.h"

#include <string.h>

size_t mote_type_size(mote_type t)
{
	switch (t) {
	case MOTE_BOOL:
	case MOTE_INT8:
	case MOTE_UINT8:
		return 1;
	case MOTE_INT16:
	case MOTE_UINT16:
	case MOTE_FLOAT16:
	case MOTE_BFLOAT16:
		return 2;
	case MOTE_FLOAT32:
	case MOTE_INT32:
	case MOTE_UINT32:
	case MOTE_RESOURCE: /* holds an int32 resource id */
		return 4;
	case MOTE_INT64:
	case MOTE_UINT64:
	case MOTE_FLOAT64:
	case MOTE_COMPLEX64:
		return 8;
	case MOTE_COMPLEX128:
		return 16;
	default:
		return 0;
	}
}

const char *mote_type_str(mote_type t)
{
	static const char *const names[] = {
		"float32", "float16", "int32",	"uint8",  "int64",
		"string",  "bool",    "int16",	"complex64", "int8",
		"float64", "complex128", "uint64", "resource", "variant",
		"uint32",  "uint16",  "int4",	"bfloat16",
	};
	if ((unsigned)t >= sizeof names / sizeof names[0])
		return "?";
	return names[t];
}

static uint32_t subgraphs(const mote_model *m)
{
	return fb_get_ref(m->bytes, m->root, FB_MODEL_SUBGRAPHS);
}

uint32_t mote__model_subgraph(const mote_model *m, uint32_t sg)
{
	return fb_vec_table(m->bytes, subgraphs(m), sg);
}

uint32_t mote__sg_n_tensors(const mote_model *m, uint32_t sg)
{
	uint32_t t = mote__model_subgraph(m, sg);
	return fb_vec_len(m->bytes, fb_get_ref(m->bytes, t, FB_SG_TENSORS));
}

uint32_t mote__sg_n_ops(const mote_model *m, uint32_t sg)
{
	uint32_t t = mote__model_subgraph(m, sg);
	return fb_vec_len(m->bytes, fb_get_ref(m->bytes, t, FB_SG_OPERATORS));
}

static const int32_t *int_vector(const mote_model *m, uint32_t t, unsigned id,
				 uint32_t *n)
{
	uint32_t v = fb_get_ref(m->bytes, t, id);
	*n = fb_vec_len(m->bytes, v);
	if (*n == 0)
		return NULL;
	/* Verified 4-byte aligned; the targets are little-endian. */
	return (const int32_t *)(const void *)(m->bytes + v + 4);
}

const int32_t *mote__sg_io(const mote_model *m, uint32_t sg, unsigned field,
			   uint32_t *n)
{
	return int_vector(m, mote__model_subgraph(m, sg), field, n);
}

static const char *string_or_empty(const mote_model *m, uint32_t t,
				   unsigned id)
{
	uint32_t s = fb_get_ref(m->bytes, t, id);
	return s ? (const char *)(m->bytes + s + 4) : "";
}

const char *mote__sg_name(const mote_model *m, uint32_t sg)
{
	return string_or_empty(m, mote__model_subgraph(m, sg), FB_SG_NAME);
}

const char *mote__model_description(const mote_model *m)
{
	return string_or_empty(m, m->root, FB_MODEL_DESCRIPTION);
}

const uint8_t *mote__model_buffer(const mote_model *m, uint32_t b, size_t *len)
{
	const uint8_t *bytes = m->bytes;
	uint32_t bv = fb_get_ref(bytes, m->root, FB_MODEL_BUFFERS);
	uint32_t bt = fb_vec_table(bytes, bv, b);
	uint64_t off = fb_get_u64(bytes, bt, FB_BUF_OFFSET, 0);
	if (off > 1) {
		*len = (size_t)fb_get_u64(bytes, bt, FB_BUF_SIZE, 0);
		return *len ? bytes + off : NULL;
	}
	uint32_t dv = fb_get_ref(bytes, bt, FB_BUF_DATA);
	*len = fb_vec_len(bytes, dv);
	return *len ? bytes + dv + 4 : NULL;
}

void mote__model_tensor(const mote_model *m, uint32_t sg, int32_t index,
			mote__tensor *t)
{
	const uint8_t *b = m->bytes;
	uint32_t sgt = mote__model_subgraph(m, sg);
	uint32_t tv = fb_get_ref(b, sgt, FB_SG_TENSORS);
	uint32_t tt = fb_vec_table(b, tv, (uint32_t)index);
	uint32_t n;
	const int32_t *shape = int_vector(m, tt, FB_T_SHAPE, &n);

	memset(t, 0, sizeof *t);
	t->index = index;
	t->type = (mote_type)fb_get_u8(b, tt, FB_T_TYPE, 0);
	t->rank = (int32_t)n;
	t->elems = 1;
	for (uint32_t i = 0; i < n; i++) {
		t->dims[i] = shape[i];
		t->elems *= (size_t)shape[i];
	}
	t->bytes = t->type == MOTE_INT4 ? (t->elems + 1) / 2
					: t->elems * mote_type_size(t->type);
	t->is_variable = fb_get_u8(b, tt, FB_T_VARIABLE, 0) != 0;
	t->name = string_or_empty(m, tt, FB_T_NAME);

	size_t len;
	const uint8_t *d = mote__model_buffer(m, fb_get_u32(b, tt, FB_T_BUFFER, 0),
					      &len);
	t->data = d;

	uint32_t q = fb_get_ref(b, tt, FB_T_QUANT);
	if (!q)
		return;
	uint32_t sv = fb_get_ref(b, q, FB_Q_SCALE);
	uint32_t zv = fb_get_ref(b, q, FB_Q_ZP);
	t->n_scale = fb_vec_len(b, sv);
	t->n_zp = fb_vec_len(b, zv);
	t->scale = t->n_scale ? (const float *)(const void *)(b + sv + 4) : NULL;
	t->zp = t->n_zp ? (const int64_t *)(const void *)(b + zv + 4) : NULL;
	t->qdim = fb_get_i32(b, q, FB_Q_QDIM, 0);
}

uint32_t mote__model_op(const mote_model *m, uint32_t sg, uint32_t i)
{
	uint32_t sgt = mote__model_subgraph(m, sg);
	return fb_vec_table(m->bytes, fb_get_ref(m->bytes, sgt, FB_SG_OPERATORS),
			    i);
}

const int32_t *mote__op_io(const mote_model *m, uint32_t op, unsigned field,
			   uint32_t *n)
{
	return int_vector(m, op, field, n);
}

void mote__op_code(const mote_model *m, uint32_t op, int32_t *builtin,
		   const char **custom, int32_t *version)
{
	const uint8_t *b = m->bytes;
	uint32_t idx = fb_get_u32(b, op, FB_OP_OPCODE, 0);
	uint32_t cv = fb_get_ref(b, m->root, FB_MODEL_OPCODES);
	uint32_t c = fb_vec_table(b, cv, idx);
	int32_t dep = (int8_t)fb_get_u8(b, c, FB_OPCODE_DEPRECATED, 0);
	int32_t code = fb_get_i32(b, c, FB_OPCODE_BUILTIN, 0);
	uint32_t cs = fb_get_ref(b, c, FB_OPCODE_CUSTOM);

	*builtin = code > dep ? code : dep;
	*custom = cs ? (const char *)(b + cs + 4) : NULL;
	*version = fb_get_i32(b, c, FB_OPCODE_VERSION, 1);
}

const uint8_t *mote__op_custom(const mote_model *m, uint32_t op, size_t *len)
{
	const uint8_t *b = m->bytes;
	uint64_t lo = fb_get_u64(b, op, FB_OP_LARGE_CUSTOM_OFFSET, 0);
	if (lo > 1) {
		*len = (size_t)fb_get_u64(b, op, FB_OP_LARGE_CUSTOM_SIZE, 0);
		return b + lo;
	}
	uint32_t v = fb_get_ref(b, op, FB_OP_CUSTOM);
	*len = fb_vec_len(b, v);
	return *len ? b + v + 4 : NULL;
}
