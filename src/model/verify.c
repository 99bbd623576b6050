/* SPDX-License-Identifier: Apache-2.0 */
/*
 * verify.c - mote_model_open(): one pass that checks a whole .tflite.
 *
 * The model may come from anywhere (over the air, a corrupted flash page),
 * so before anything reads it this pass checks, against the buffer length:
 * the root offset and "TFL3" identifier; every table's vtable (in bounds,
 * sizes sane, every field the runtime reads inside its table); every
 * vector's length and alignment; every string's terminator; every tensor
 * index, buffer index and operator-code index; every shape (rank, dims >= 0,
 * byte size without overflow) against the buffer holding its data; every
 * quantization block (scale/zero-point counts, quantized dimension).
 * Operator options tables get a structural check here; their fields are
 * read through bounds-checked getters at prepare (runtime/prep.c), which
 * know each field's size. Metadata and signature definitions are never
 * read by mote and are not walked.
 *
 * The schema is walked by its fixed shape (model > subgraph > tensor >
 * quantization), so hostile offsets cannot make the walk recurse or loop.
 * The first error stops the pass and is recorded in m->err.
 */
#include "model/fb.h"
#include "model/tflite.h"

#include <string.h>

typedef struct vctx {
	const uint8_t *b; /* the bytes */
	size_t len; /* their length */
	mote_error *err; /* where to record the first error */
	int32_t sg, op, tensor; /* where the walk is, for the error */
} vctx;

static mote_status fail(vctx *v, mote_status s, size_t offset, const char *what)
{
	v->err->status = s;
	v->err->subgraph = v->sg;
	v->err->op = v->op;
	v->err->tensor = v->tensor;
	v->err->offset = (int64_t)offset;
	v->err->what = what;
	return s;
}

/* True if [pos, pos + n) lies inside the buffer. */
static bool in_bounds(const vctx *v, size_t pos, size_t n)
{
	return pos <= v->len && n <= v->len - pos;
}

/* Checks the table at t: its vtable and object size. */
static mote_status table(vctx *v, uint32_t t, const char *what)
{
	if (t % 4 != 0)
		return fail(v, MOTE_E_UNALIGNED, t, what);
	if (!in_bounds(v, t, 4))
		return fail(v, MOTE_E_TRUNCATED, t, what);
	int64_t vt = (int64_t)t - (int32_t)fb_u32(v->b, t);
	if (vt < 0 || vt % 2 != 0 || !in_bounds(v, (size_t)vt, 4))
		return fail(v, MOTE_E_BAD_VTABLE, t, what);
	uint16_t vt_len = fb_u16(v->b, (size_t)vt);
	uint16_t obj_len = fb_u16(v->b, (size_t)vt + 2);
	if (vt_len < 4 || vt_len % 2 != 0 || !in_bounds(v, (size_t)vt, vt_len))
		return fail(v, MOTE_E_BAD_VTABLE, (size_t)vt, what);
	if (obj_len < 4 || !in_bounds(v, t, obj_len))
		return fail(v, MOTE_E_TRUNCATED, t, what);
	for (unsigned at = 4; at < vt_len; at += 2) {
		if (fb_u16(v->b, (size_t)vt + at) >= obj_len)
			return fail(v, MOTE_E_BAD_VTABLE, (size_t)vt + at, what);
	}
	return MOTE_OK;
}

/* Checks that scalar field id of table t (if present) has `size` bytes
 * inside the table. */
static mote_status scalar(vctx *v, uint32_t t, unsigned id, unsigned size,
			  const char *what)
{
	uint32_t f = fb_field(v->b, t, id);
	uint32_t vt = t - fb_u32(v->b, t);
	if (f && f + size > fb_u16(v->b, vt + 2))
		return fail(v, MOTE_E_BAD_VTABLE, t, what);
	return MOTE_OK;
}

/* Resolves offset field id of table t into *target (0 if absent). */
static mote_status ref(vctx *v, uint32_t t, unsigned id, uint32_t *target,
		       const char *what)
{
	mote_status s = scalar(v, t, id, 4, what);
	*target = 0;
	if (s != MOTE_OK)
		return s;
	uint32_t f = fb_field(v->b, t, id);
	if (!f)
		return MOTE_OK;
	uint64_t to = (uint64_t)t + f + fb_u32(v->b, t + f);
	if (to >= v->len || to == 0)
		return fail(v, MOTE_E_BAD_OFFSET, t + f, what);
	*target = (uint32_t)to;
	return MOTE_OK;
}

/* Checks a vector of n elements of `size` bytes at v_pos, elements aligned
 * to `align` from the start of the model. */
static mote_status vector_at(vctx *v, uint32_t vpos, unsigned size,
			     unsigned align, uint32_t *n, const char *what)
{
	if (vpos % 4 != 0)
		return fail(v, MOTE_E_UNALIGNED, vpos, what);
	if (!in_bounds(v, vpos, 4))
		return fail(v, MOTE_E_TRUNCATED, vpos, what);
	*n = fb_u32(v->b, vpos);
	if (!in_bounds(v, (size_t)vpos + 4, (uint64_t)*n * size))
		return fail(v, MOTE_E_TRUNCATED, vpos, what);
	if (align > 1 && *n > 0 && ((size_t)vpos + 4) % align != 0)
		return fail(v, MOTE_E_UNALIGNED, vpos + 4, what);
	return MOTE_OK;
}

/* Vector field id of table t; *vpos = 0 and *n = 0 when absent. */
static mote_status vector(vctx *v, uint32_t t, unsigned id, unsigned size,
			  unsigned align, uint32_t *vpos, uint32_t *n,
			  const char *what)
{
	mote_status s = ref(v, t, id, vpos, what);
	*n = 0;
	if (s != MOTE_OK || !*vpos)
		return s;
	return vector_at(v, *vpos, size, align, n, what);
}

/* String field id of table t: a byte vector with a NUL after it. */
static mote_status string(vctx *v, uint32_t t, unsigned id, const char *what)
{
	uint32_t vpos, n;
	mote_status s = vector(v, t, id, 1, 1, &vpos, &n, what);
	if (s != MOTE_OK || !vpos)
		return s;
	if (!in_bounds(v, (size_t)vpos + 4 + n, 1))
		return fail(v, MOTE_E_TRUNCATED, vpos, what);
	if (v->b[vpos + 4 + n] != 0)
		return fail(v, MOTE_E_BAD_STRING, vpos, what);
	return MOTE_OK;
}

/* Vector of tables field: checks each element offset and table. */
static mote_status table_vector(vctx *v, uint32_t t, unsigned id,
				uint32_t *vpos, uint32_t *n, const char *what)
{
	mote_status s = vector(v, t, id, 4, 4, vpos, n, what);
	for (uint32_t i = 0; s == MOTE_OK && i < *n; i++) {
		uint32_t at = *vpos + 4 + 4 * i;
		uint64_t to = (uint64_t)at + fb_u32(v->b, at);
		if (to >= v->len)
			return fail(v, MOTE_E_BAD_OFFSET, at, what);
		s = table(v, (uint32_t)to, what);
	}
	return s;
}

/* An int32 index vector whose entries must lie in [lo, hi). */
static mote_status index_vector(vctx *v, uint32_t t, unsigned id, int32_t lo,
				int32_t hi, const char *what)
{
	uint32_t vpos, n;
	mote_status s = vector(v, t, id, 4, 4, &vpos, &n, what);
	for (uint32_t i = 0; s == MOTE_OK && i < n; i++) {
		int32_t k = (int32_t)fb_u32(v->b, vpos + 4 + 4 * i);
		if (k < lo || k >= hi) {
			v->tensor = k;
			return fail(v, MOTE_E_BAD_TENSOR, vpos + 4 + 4 * i,
				    what);
		}
	}
	if (s == MOTE_OK && n > 65535)
		return fail(v, MOTE_E_TOO_LARGE, vpos, what);
	return s;
}

static bool type_known(uint8_t type)
{
	return type <= MOTE_BFLOAT16;
}

/* Byte size of n elements of type (int4 packs two per byte). */
static uint64_t byte_size(uint8_t type, uint64_t n)
{
	if (type == MOTE_INT4)
		return (n + 1) / 2;
	return n * mote_type_size((mote_type)type);
}

static mote_status buffer(vctx *v, uint32_t t)
{
	uint32_t vpos, n;
	mote_status s = vector(v, t, FB_BUF_DATA, 1, 1, &vpos, &n,
			       "buffer.data");
	if (s == MOTE_OK)
		s = scalar(v, t, FB_BUF_OFFSET, 8, "buffer.offset");
	if (s == MOTE_OK)
		s = scalar(v, t, FB_BUF_SIZE, 8, "buffer.size");
	if (s != MOTE_OK)
		return s;
	uint64_t off = fb_get_u64(v->b, t, FB_BUF_OFFSET, 0);
	uint64_t size = fb_get_u64(v->b, t, FB_BUF_SIZE, 0);
	if (off > 1 && (off >= v->len || size > v->len - off))
		return fail(v, MOTE_E_BAD_BUFFER, t, "buffer.offset+size");
	return MOTE_OK;
}

/* Range a zero point of this type may take (TFLite's quantization spec:
 * inside the type; int32/int64, used for biases, only 0). False for types
 * whose zero points mote never reads. */
static bool zp_range(uint8_t type, int64_t *lo, int64_t *hi)
{
	switch (type) {
	case MOTE_INT8:
		*lo = -128;
		*hi = 127;
		return true;
	case MOTE_UINT8:
		*lo = 0;
		*hi = 255;
		return true;
	case MOTE_INT16:
		*lo = -32768;
		*hi = 32767;
		return true;
	case MOTE_INT4:
		*lo = -8;
		*hi = 7;
		return true;
	case MOTE_INT32:
	case MOTE_INT64:
		*lo = *hi = 0;
		return true;
	default:
		return false;
	}
}

/* Every scale positive and finite, every zero point inside its type: the
 * kernels' offset arithmetic relies on it (a hostile zero point would
 * overflow it). */
static mote_status quant_values(vctx *v, uint8_t type, uint32_t sv,
				uint32_t ns, uint32_t zv, uint32_t nz)
{
	for (uint32_t i = 0; i < ns; i++) {
		uint32_t u = fb_u32(v->b, sv + 4 + 4 * i);
		float f;
		memcpy(&f, &u, sizeof f);
		if (!(f > 0.0f && f <= 3.4028234e38f))
			return fail(v, MOTE_E_BAD_QUANT, sv + 4 + 4 * i,
				    "scale not positive and finite");
	}
	int64_t lo, hi;
	if (!zp_range(type, &lo, &hi))
		return MOTE_OK;
	for (uint32_t i = 0; i < nz; i++) {
		int64_t z = (int64_t)fb_u64(v->b, zv + 4 + 8 * i);
		if (z < lo || z > hi)
			return fail(v, MOTE_E_BAD_QUANT, zv + 4 + 8 * i,
				    "zero point outside its type's range");
	}
	return MOTE_OK;
}

static mote_status quantization(vctx *v, uint32_t q, uint8_t type,
				const int32_t *dims, int32_t rank)
{
	uint32_t sv, ns, zv, nz, mv, nm;
	mote_status s = table(v, q, "quantization");
	if (s == MOTE_OK)
		s = vector(v, q, FB_Q_SCALE, 4, 4, &sv, &ns, "quantization.scale");
	if (s == MOTE_OK)
		s = vector(v, q, FB_Q_ZP, 8, 8, &zv, &nz,
			   "quantization.zero_point");
	if (s == MOTE_OK)
		s = vector(v, q, FB_Q_MIN, 4, 4, &mv, &nm, "quantization.min");
	if (s == MOTE_OK)
		s = vector(v, q, FB_Q_MAX, 4, 4, &mv, &nm, "quantization.max");
	if (s == MOTE_OK)
		s = scalar(v, q, FB_Q_QDIM, 4, "quantization.quantized_dimension");
	if (s == MOTE_OK)
		s = scalar(v, q, FB_Q_DETAILS_TYPE, 1, "quantization.details_type");
	if (s != MOTE_OK)
		return s;
	uint32_t det;
	s = ref(v, q, FB_Q_DETAILS, &det, "quantization.details");
	if (s == MOTE_OK && det)
		s = table(v, det, "quantization.details");
	if (s != MOTE_OK)
		return s;
	if (nz != 0 && nz != ns)
		return fail(v, MOTE_E_BAD_QUANT, q, "zero_point count != scale count");
	s = quant_values(v, type, sv, ns, zv, nz);
	if (s != MOTE_OK)
		return s;
	/* Converters leave stale quantized_dimension values on per-channel
	 * biases (person_detect: a rank-1 bias with dimension 3), which TFLM
	 * accepts; so a dimension beyond the rank is allowed here and the
	 * operators that use per-channel parameters check it at prepare. */
	int32_t qdim = fb_get_i32(v->b, q, FB_Q_QDIM, 0);
	if (qdim < 0 || qdim >= MOTE_MAX_DIMS)
		return fail(v, MOTE_E_BAD_QUANT, q, "quantized_dimension");
	if (ns > 1 && qdim < rank && (uint32_t)dims[qdim] != ns)
		return fail(v, MOTE_E_BAD_QUANT, q,
			    "scale count != size of quantized dimension");
	return MOTE_OK;
}

static mote_status tensor(vctx *v, uint32_t t, uint32_t n_buffers,
			  uint32_t buffers)
{
	uint32_t sv, n, q;
	int32_t dims[MOTE_MAX_DIMS];
	mote_status s = vector(v, t, FB_T_SHAPE, 4, 4, &sv, &n, "tensor.shape");
	if (s == MOTE_OK)
		s = scalar(v, t, FB_T_TYPE, 1, "tensor.type");
	if (s == MOTE_OK)
		s = scalar(v, t, FB_T_BUFFER, 4, "tensor.buffer");
	if (s == MOTE_OK)
		s = scalar(v, t, FB_T_VARIABLE, 1, "tensor.is_variable");
	if (s == MOTE_OK)
		s = string(v, t, FB_T_NAME, "tensor.name");
	if (s != MOTE_OK)
		return s;
	if (n > MOTE_MAX_DIMS)
		return fail(v, MOTE_E_BAD_SHAPE, sv, "tensor rank > 8");
	uint64_t elems = 1;
	for (uint32_t i = 0; i < n; i++) {
		dims[i] = (int32_t)fb_u32(v->b, sv + 4 + 4 * i);
		if (dims[i] < 0)
			return fail(v, MOTE_E_BAD_SHAPE, sv + 4 + 4 * i,
				    "negative dimension");
		elems *= (uint64_t)dims[i];
		if (elems > MOTE_MAX_TENSOR_BYTES)
			return fail(v, MOTE_E_TOO_LARGE, sv, "tensor size");
	}
	uint8_t type = fb_get_u8(v->b, t, FB_T_TYPE, 0);
	if (!type_known(type))
		return fail(v, MOTE_E_BAD_TYPE, t, "tensor.type");
	uint64_t bytes = byte_size(type, elems);
	if (bytes > MOTE_MAX_TENSOR_BYTES)
		return fail(v, MOTE_E_TOO_LARGE, t, "tensor size");
	if (fb_field(v->b, t, FB_T_SPARSITY))
		return fail(v, MOTE_E_BAD_TYPE, t, "sparse tensors");
	s = ref(v, t, FB_T_QUANT, &q, "tensor.quantization");
	if (s == MOTE_OK && q)
		s = quantization(v, q, type, dims, (int32_t)n);
	if (s != MOTE_OK)
		return s;

	uint32_t bi = fb_get_u32(v->b, t, FB_T_BUFFER, 0);
	if (bi >= n_buffers)
		return fail(v, MOTE_E_BAD_BUFFER, t, "tensor.buffer index");
	/* Buffers were verified: read the one this tensor uses. */
	uint32_t bt = fb_vec_table(v->b, buffers, bi);
	uint32_t dv = fb_get_ref(v->b, bt, FB_BUF_DATA);
	uint64_t off = fb_get_u64(v->b, bt, FB_BUF_OFFSET, 0);
	uint64_t dlen = dv ? fb_vec_len(v->b, dv) : 0;
	uint64_t dpos = dv + 4;
	if (off > 1) {
		dlen = fb_get_u64(v->b, bt, FB_BUF_SIZE, 0);
		dpos = off;
	}
	if (dlen == 0 || type == MOTE_STRING)
		return MOTE_OK;
	if (dlen != bytes)
		return fail(v, MOTE_E_BAD_BUFFER, t,
			    "buffer size != tensor byte size");
	uint64_t align = mote_type_size((mote_type)type);
	if (align > 8)
		align = 8;
	if (align > 1 && dpos % align != 0)
		return fail(v, MOTE_E_UNALIGNED, (size_t)dpos, "tensor data");
	return MOTE_OK;
}

static mote_status op_options(vctx *v, uint32_t op, unsigned type_id,
			      unsigned table_id, const char *what)
{
	uint32_t o;
	mote_status s = scalar(v, op, type_id, 1, what);
	if (s == MOTE_OK)
		s = ref(v, op, table_id, &o, what);
	if (s == MOTE_OK && o)
		s = table(v, o, what);
	return s;
}

static mote_status operator(vctx *v, uint32_t op, uint32_t n_opcodes,
			    uint32_t n_tensors)
{
	uint32_t cv, n;
	int32_t nt = (int32_t)n_tensors;
	mote_status s = scalar(v, op, FB_OP_OPCODE, 4, "operator.opcode_index");
	if (s == MOTE_OK && fb_get_u32(v->b, op, FB_OP_OPCODE, 0) >= n_opcodes)
		return fail(v, MOTE_E_BAD_OPCODE, op, "operator.opcode_index");
	if (s == MOTE_OK)
		s = index_vector(v, op, FB_OP_INPUTS, -1, nt, "operator.inputs");
	if (s == MOTE_OK)
		s = index_vector(v, op, FB_OP_OUTPUTS, 0, nt, "operator.outputs");
	if (s == MOTE_OK)
		s = index_vector(v, op, FB_OP_INTERMEDIATES, -1, nt,
				 "operator.intermediates");
	if (s == MOTE_OK)
		s = op_options(v, op, FB_OP_OPTS_TYPE, FB_OP_OPTS,
			       "operator.builtin_options");
	if (s == MOTE_OK)
		s = op_options(v, op, FB_OP_OPTS2_TYPE, FB_OP_OPTS2,
			       "operator.builtin_options_2");
	if (s == MOTE_OK)
		s = vector(v, op, FB_OP_CUSTOM, 1, 1, &cv, &n,
			   "operator.custom_options");
	if (s == MOTE_OK)
		s = vector(v, op, FB_OP_MUTATING, 1, 1, &cv, &n,
			   "operator.mutating_variable_inputs");
	if (s == MOTE_OK)
		s = scalar(v, op, FB_OP_LARGE_CUSTOM_OFFSET, 8,
			   "operator.large_custom_options_offset");
	if (s == MOTE_OK)
		s = scalar(v, op, FB_OP_LARGE_CUSTOM_SIZE, 8,
			   "operator.large_custom_options_size");
	if (s != MOTE_OK)
		return s;
	uint64_t lo = fb_get_u64(v->b, op, FB_OP_LARGE_CUSTOM_OFFSET, 0);
	uint64_t ls = fb_get_u64(v->b, op, FB_OP_LARGE_CUSTOM_SIZE, 0);
	if (lo > 1 && (lo >= v->len || ls > v->len - lo))
		return fail(v, MOTE_E_BAD_OFFSET, op,
			    "operator.large_custom_options");
	return MOTE_OK;
}

static mote_status subgraph(vctx *v, uint32_t sg, uint32_t n_opcodes,
			    uint32_t n_buffers, uint32_t buffers)
{
	uint32_t tv, nt, ov, no;
	mote_status s = table_vector(v, sg, FB_SG_TENSORS, &tv, &nt,
				     "subgraph.tensors");
	if (s == MOTE_OK && nt > MOTE_MAX_TENSORS)
		return fail(v, MOTE_E_TOO_LARGE, tv, "subgraph.tensors count");
	for (uint32_t i = 0; s == MOTE_OK && i < nt; i++) {
		v->tensor = (int32_t)i;
		s = tensor(v, fb_vec_table(v->b, tv, i), n_buffers, buffers);
	}
	v->tensor = -1;
	if (s == MOTE_OK)
		s = index_vector(v, sg, FB_SG_INPUTS, 0, (int32_t)nt,
				 "subgraph.inputs");
	if (s == MOTE_OK)
		s = index_vector(v, sg, FB_SG_OUTPUTS, 0, (int32_t)nt,
				 "subgraph.outputs");
	if (s == MOTE_OK)
		s = string(v, sg, FB_SG_NAME, "subgraph.name");
	if (s == MOTE_OK)
		s = table_vector(v, sg, FB_SG_OPERATORS, &ov, &no,
				 "subgraph.operators");
	if (s == MOTE_OK && no > MOTE_MAX_OPS)
		return fail(v, MOTE_E_TOO_LARGE, ov, "subgraph.operators count");
	for (uint32_t i = 0; s == MOTE_OK && i < no; i++) {
		v->op = (int32_t)i;
		s = operator(v, fb_vec_table(v->b, ov, i), n_opcodes, nt);
	}
	if (s == MOTE_OK)
		v->op = -1;
	return s;
}

static mote_status opcodes(vctx *v, uint32_t root, uint32_t *n)
{
	uint32_t cv;
	mote_status s = table_vector(v, root, FB_MODEL_OPCODES, &cv, n,
				     "model.operator_codes");
	for (uint32_t i = 0; s == MOTE_OK && i < *n; i++) {
		uint32_t c = fb_vec_table(v->b, cv, i);
		s = scalar(v, c, FB_OPCODE_DEPRECATED, 1,
			   "operator_code.deprecated_builtin_code");
		if (s == MOTE_OK)
			s = scalar(v, c, FB_OPCODE_BUILTIN, 4,
				   "operator_code.builtin_code");
		if (s == MOTE_OK)
			s = scalar(v, c, FB_OPCODE_VERSION, 4,
				   "operator_code.version");
		if (s == MOTE_OK)
			s = string(v, c, FB_OPCODE_CUSTOM,
				   "operator_code.custom_code");
	}
	return s;
}

static mote_status model(vctx *v, mote_model *m)
{
	uint32_t root, bv, nb, sv, ns, nc;
	if (v->len < 8)
		return fail(v, MOTE_E_TRUNCATED, 0, "file header");
	if (memcmp(v->b + 4, "TFL3", 4) != 0)
		return fail(v, MOTE_E_BAD_IDENTIFIER, 4, "file identifier");
	root = fb_u32(v->b, 0);
	if (root >= v->len)
		return fail(v, MOTE_E_BAD_OFFSET, 0, "root offset");
	mote_status s = table(v, root, "model");
	if (s == MOTE_OK)
		s = scalar(v, root, FB_MODEL_VERSION, 4, "model.version");
	if (s != MOTE_OK)
		return s;
	m->version = fb_get_u32(v->b, root, FB_MODEL_VERSION, 0);
	if (m->version != 3)
		return fail(v, MOTE_E_BAD_VERSION, root, "model.version");
	s = string(v, root, FB_MODEL_DESCRIPTION, "model.description");
	if (s == MOTE_OK)
		s = opcodes(v, root, &nc);
	if (s == MOTE_OK)
		s = table_vector(v, root, FB_MODEL_BUFFERS, &bv, &nb,
				 "model.buffers");
	for (uint32_t i = 0; s == MOTE_OK && i < nb; i++)
		s = buffer(v, fb_vec_table(v->b, bv, i));
	if (s == MOTE_OK)
		s = table_vector(v, root, FB_MODEL_SUBGRAPHS, &sv, &ns,
				 "model.subgraphs");
	if (s != MOTE_OK)
		return s;
	if (ns == 0)
		return fail(v, MOTE_E_BAD_SUBGRAPH, root, "model has no subgraph");
	if (ns > MOTE_MAX_SUBGRAPHS)
		return fail(v, MOTE_E_TOO_LARGE, sv, "model.subgraphs count");
	for (uint32_t i = 0; s == MOTE_OK && i < ns; i++) {
		v->sg = (int32_t)i;
		s = subgraph(v, fb_vec_table(v->b, sv, i), nc, nb, bv);
	}
	m->root = root;
	m->n_subgraphs = ns;
	m->n_buffers = nb;
	m->n_opcodes = nc;
	return s;
}

mote_status mote_model_open(mote_model *m, const void *bytes, size_t len)
{
	if (!m)
		return MOTE_E_ARG;
	memset(m, 0, sizeof *m);
	m->err.subgraph = m->err.op = m->err.tensor = -1;
	m->err.offset = -1;
	vctx v = { bytes, len, &m->err, -1, -1, -1 };
	if (!bytes)
		return fail(&v, MOTE_E_ARG, 0, "model bytes are NULL");
	if ((uintptr_t)bytes % 16 != 0)
		return fail(&v, MOTE_E_UNALIGNED, 0,
			    "model bytes must be 16-byte aligned");
	if (len > 0x7fffffffu)
		return fail(&v, MOTE_E_TOO_LARGE, 0, "model larger than 2 GiB");
	mote_status s = model(&v, m);
	if (s != MOTE_OK) {
		m->n_subgraphs = 0;
		return s;
	}
	m->bytes = bytes;
	m->len = len;
	m->err.status = MOTE_OK;
	return MOTE_OK;
}
