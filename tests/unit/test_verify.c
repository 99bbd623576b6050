/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_verify.c - the model verifier (src/model/verify.c) on hostile input.
 *
 * 1. A table of crafted models, one row per error path of the verifier:
 *    each row builds a small valid model with tools/host/tfl_builder.h,
 *    then builds it wrong on purpose or corrupts one field at a position
 *    the builder reports, and expects exactly one status code with the
 *    error detail (what, subgraph, op, tensor, byte offset) it implies.
 * 2. E_UNSUPPORTED_OP from mote_interp_init (unknown custom and builtin
 *    codes), naming the operator and its index.
 * 3. Sweeps over the shared models ($MOTE_SHARED/conformance/models): every
 *    prefix of hello_world_int8, ~2000 sampled prefixes of each larger
 *    model, and 20000 seeded single mutations (bit flips, random bytes,
 *    4-byte overwrites with edge values) spread over all 17 models, mostly
 *    outside the weight data. A mutant must be rejected, or, if accepted,
 *    be readable through every model view and survive mote_interp_init and
 *    one mote_invoke on a 1 MiB arena with mote_all_ops. Meant to run under
 *    ASan/UBSan: here it only has to not crash. Every model is copied into
 *    an allocation of exactly its length, so reads past the end are caught.
 *    Without the shared models this part says so and counts nothing.
 *
 * Prints one line per failed check; ends with "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include "host.h"
#include "tfl_builder.h"

#include "model/fb.h"
#include "model/tflite.h"
#include "runtime/op.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int n_pass, n_fail;

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;
	if (ok) {
		n_pass++;
		return;
	}
	n_fail++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ---- crafted models ----------------------------------------------------- */

/* Don't check this error field. */
#define ANY (-2)
/* Expected offset: taken from the case (crafted->offset). */
#define AT (-3)

/* A crafted model: the bytes to verify and what the error must say. */
typedef struct crafted {
	tfl_builder b; /* the builder (positions of everything) */
	uint8_t *bytes; /* the model, 16-byte aligned */
	size_t len; /* bytes passed to mote_model_open */
	int64_t offset; /* expected err.offset when the row says AT */
	bool misalign; /* pass bytes + 1 */
	bool null_bytes; /* pass NULL */
} crafted;

/* The base model, valid: tensors 0 in (int8 [1,4]), 1 w (int8 [2,4],
 * per-channel, data), 2 b (int32 [2], data), 3 mid (int8 [1,2]), 4 out
 * (int8 [1,2]); op 0 FULLY_CONNECTED (0,1,2) -> 3 with options; op 1 custom
 * "MoteTestOp" (3,-1) -> 4 with custom options; inputs [0], outputs [4];
 * a description and a subgraph name. */
static void base_model(tfl_builder *b)
{
	static const int8_t w[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const int32_t bias[2] = { 100, -100 };
	tfl_builder_init(b);
	b->description = "verify test";
	tfl_subgraph_name(b, "main");
	tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(1, 4),
					  .name = "in", TFL_QUANT(0.5f, -1) });
	tfl_tensor(b, &(tfl_tensor_desc){
			      .type = MOTE_INT8, TFL_SHAPE(2, 4), .name = "w",
			      .data = w, .data_bytes = sizeof w, .n_scale = 2,
			      .scale = (const float[]){ 0.1f, 0.2f }, .n_zp = 2,
			      .zp = (const int64_t[]){ 0, 0 } });
	tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(2),
					  .name = "b", .data = bias,
					  .data_bytes = sizeof bias });
	tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(1, 2),
					  .name = "mid", TFL_QUANT(0.25f, 3) });
	tfl_tensor(b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(1, 2),
					  .name = "out", TFL_QUANT(0.25f, 3) });
	int fc = tfl_opcode(b, 9, 1);
	int cu = tfl_opcode_custom(b, "MoteTestOp", 1);
	tfl_op(b, &(tfl_op_desc){ .opcode = (uint32_t)fc, TFL_INPUTS(0, 1, 2),
				  TFL_OUTPUTS(3), .opts_type = 8,
				  TFL_OPTIONS(TFL_U8(0, 0), TFL_BOOL(2, 0)) });
	tfl_op(b, &(tfl_op_desc){ .opcode = (uint32_t)cu, TFL_INPUTS(3, -1),
				  TFL_OUTPUTS(4),
				  .custom = (const uint8_t *)"\x01\x02\x03\x04",
				  .custom_bytes = 4 });
	tfl_inputs(b, TFL_INTS(0));
	tfl_outputs(b, TFL_INTS(4));
}

/* Writes the model into c, with `slack` zero bytes after it (inside len). */
static void finish(crafted *c, size_t slack)
{
	size_t len;
	uint8_t *m = tfl_finish(&c->b, &len);
	size_t cap = (len + slack + 15) & ~(size_t)15;
	c->len = len + slack;
	c->bytes = m ? aligned_alloc(16, cap ? cap : 16) : NULL;
	if (c->bytes) {
		memset(c->bytes, 0, cap ? cap : 16);
		memcpy(c->bytes, m, len);
	}
	free(m);
}

static void base(crafted *c)
{
	base_model(&c->b);
	finish(c, 0);
}

/* Positions in the last finished model. */
static const tfl_model_pos *where_m(crafted *c)
{
	return tfl_where_model(&c->b);
}

static const tfl_subgraph_pos *where_sg(crafted *c)
{
	return tfl_where_subgraph(&c->b, 0);
}

static const tfl_tensor_pos *where_t(crafted *c, uint32_t i)
{
	return tfl_where_tensor(&c->b, 0, i);
}

static const tfl_op_pos *where_op(crafted *c, uint32_t i)
{
	return tfl_where_op(&c->b, 0, i);
}

static void put32(crafted *c, size_t pos, uint32_t v)
{
	tfl_put_u32(c->bytes, pos, v);
}

static void put16(crafted *c, size_t pos, uint16_t v)
{
	tfl_put_u16(c->bytes, pos, v);
}

/* Redirects the offset field `id` of table t to absolute position `to`. */
static void retarget(crafted *c, uint32_t t, unsigned id, uint32_t to)
{
	uint32_t f = tfl_field_at(c->bytes, t, id);
	put32(c, f, to - f);
}

/* Each maker builds a model for one row. */

static void mk_short_header(crafted *c)
{
	base(c);
	c->len = 7;
}

static void mk_root_at_end(crafted *c)
{
	base_model(&c->b);
	finish(c, 2);
	c->offset = (int64_t)(c->len - 2);
	put32(c, 0, (uint32_t)c->offset);
}

static void mk_obj_len_huge(crafted *c)
{
	base(c);
	put16(c, where_m(c)->vtable + 2, 0xfffc);
	c->offset = where_m(c)->table;
}

static void mk_vector_count_huge(crafted *c)
{
	base(c);
	put32(c, where_t(c, 1)->shape, 0x10000000);
	c->offset = where_t(c, 1)->shape;
}

static void mk_vector_at_end(crafted *c)
{
	base_model(&c->b);
	finish(c, 2);
	c->offset = (int64_t)(c->len - 2);
	retarget(c, where_m(c)->table, FB_MODEL_DESCRIPTION, (uint32_t)c->offset);
}

static void mk_string_to_end(crafted *c)
{
	base(c);
	uint32_t d = where_m(c)->description;
	put32(c, d, (uint32_t)(c->len - d - 4));
	c->offset = d;
}

static void mk_root_past_end(crafted *c)
{
	base(c);
	put32(c, 0, (uint32_t)c->len);
	c->offset = 0;
}

static void mk_name_past_end(crafted *c)
{
	base(c);
	uint32_t f = tfl_field_at(c->bytes, where_t(c, 2)->table, FB_T_NAME);
	put32(c, f, (uint32_t)(c->len + 100 - f));
	c->offset = f;
}

static void mk_tensor_elem_past_end(crafted *c)
{
	base(c);
	uint32_t at = where_sg(c)->tensors + 4 + 4 * 1;
	put32(c, at, 0x7ffffff0);
	c->offset = at;
}

static void mk_large_custom_bad(crafted *c)
{
	base_model(&c->b);
	tfl_op(&c->b, &(tfl_op_desc){ .opcode = 1, TFL_INPUTS(4),
				      TFL_OUTPUTS(3),
				      .custom = (const uint8_t *)"abcd",
				      .custom_bytes = 4,
				      .custom_outside = true });
	finish(c, 0);
	uint32_t f = tfl_field_at(c->bytes, where_op(c, 2)->table,
				  FB_OP_LARGE_CUSTOM_OFFSET);
	tfl_put_u64(c->bytes, f, c->len + 16);
	c->offset = where_op(c, 2)->table;
}

static void mk_large_custom_size(crafted *c)
{
	base_model(&c->b);
	tfl_op(&c->b, &(tfl_op_desc){ .opcode = 1, TFL_INPUTS(4),
				      TFL_OUTPUTS(3),
				      .custom = (const uint8_t *)"abcd",
				      .custom_bytes = 4,
				      .custom_outside = true });
	finish(c, 0);
	uint32_t f = tfl_field_at(c->bytes, where_op(c, 2)->table,
				  FB_OP_LARGE_CUSTOM_SIZE);
	tfl_put_u64(c->bytes, f, 5);
	c->offset = where_op(c, 2)->table;
}

static void mk_vtable_negative(crafted *c)
{
	base(c);
	put32(c, where_m(c)->table, where_m(c)->table + 64);
	c->offset = where_m(c)->table;
}

static void mk_vtable_odd(crafted *c)
{
	base(c);
	put32(c, where_m(c)->table, 1);
	c->offset = where_m(c)->table;
}

static void mk_vtable_past_end(crafted *c)
{
	base(c);
	/* soffset negative: vtable at len - 2 (even, but 4 bytes do not fit). */
	uint32_t t = where_m(c)->table;
	put32(c, t, (uint32_t)((int64_t)t - (int64_t)(c->len - 2)));
	c->offset = t;
}

static void mk_vtable_len_small(crafted *c)
{
	base(c);
	put16(c, where_t(c, 0)->vtable, 2);
	c->offset = where_t(c, 0)->vtable;
}

static void mk_vtable_len_odd(crafted *c)
{
	base(c);
	put16(c, where_t(c, 0)->vtable, 7);
	c->offset = where_t(c, 0)->vtable;
}

static void mk_vtable_len_huge(crafted *c)
{
	base(c);
	put16(c, where_sg(c)->vtable, 0xfffe);
	c->offset = where_sg(c)->vtable;
}

static void mk_field_past_table(crafted *c)
{
	base(c);
	uint32_t vt = where_t(c, 3)->vtable;
	put16(c, vt + 4 + 2 * FB_T_NAME, 0xff00);
	c->offset = vt + 4 + 2 * FB_T_NAME;
}

static void mk_scalar_straddles(crafted *c)
{
	base(c);
	uint32_t vt = where_t(c, 1)->vtable;
	uint16_t obj_len = (uint16_t)(c->bytes[vt + 2] | c->bytes[vt + 3] << 8);
	put16(c, vt + 4 + 2 * FB_T_BUFFER, (uint16_t)(obj_len - 1));
	c->offset = where_t(c, 1)->table;
}

static void mk_bad_string(crafted *c)
{
	base(c);
	uint32_t d = where_m(c)->description;
	c->bytes[d + 4 + strlen("verify test")] = 'x';
	c->offset = d;
}

static void mk_bad_tensor_name(crafted *c)
{
	base(c);
	uint32_t s = where_t(c, 2)->name;
	c->bytes[s + 4 + strlen("b")] = 'x';
	c->offset = s;
}

static void mk_bad_custom_code(crafted *c)
{
	base(c);
	uint32_t s = tfl_where_opcode(&c->b, 1)->custom;
	c->bytes[s + 4 + strlen("MoteTestOp")] = 'X';
	c->offset = s;
}

static void mk_identifier(crafted *c)
{
	base_model(&c->b);
	memcpy(c->b.identifier, "TFL2", 4);
	finish(c, 0);
	c->offset = 4;
}

static void mk_version2(crafted *c)
{
	base_model(&c->b);
	c->b.version = 2;
	finish(c, 0);
	c->offset = where_m(c)->table;
}

static void mk_version_absent(crafted *c)
{
	base_model(&c->b);
	c->b.version = 0;
	finish(c, 0);
	c->offset = where_m(c)->table;
}

static void mk_op_input_range(crafted *c)
{
	base(c);
	c->offset = where_op(c, 0)->inputs + 4 + 4 * 2;
	put32(c, (size_t)c->offset, 99);
}

static void mk_op_input_minus2(crafted *c)
{
	base(c);
	c->offset = where_op(c, 1)->inputs + 4 + 4 * 1;
	put32(c, (size_t)c->offset, (uint32_t)-2);
}

static void mk_op_output_minus1(crafted *c)
{
	base(c);
	c->offset = where_op(c, 0)->outputs + 4;
	put32(c, (size_t)c->offset, (uint32_t)-1);
}

static void mk_intermediate_range(crafted *c)
{
	base_model(&c->b);
	tfl_op(&c->b, &(tfl_op_desc){ .opcode = 0, TFL_INPUTS(0, 1, 2),
				      TFL_OUTPUTS(3), TFL_INTERMEDIATES(1, 5) });
	finish(c, 0);
	c->offset = where_op(c, 2)->intermediates + 4 + 4;
}

static void mk_graph_output_range(crafted *c)
{
	base(c);
	c->offset = where_sg(c)->outputs + 4;
	put32(c, (size_t)c->offset, 5);
}

static void mk_graph_input_negative(crafted *c)
{
	base(c);
	c->offset = where_sg(c)->inputs + 4;
	put32(c, (size_t)c->offset, (uint32_t)-1);
}

static void mk_buffer_index(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(2),
					      .buffer = 7 });
	finish(c, 0);
	c->offset = where_t(c, 5)->table;
}

static void mk_buffer_size(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT16,
					      TFL_SHAPE(2, 2),
					      .data = "1234567",
					      .data_bytes = 7 });
	finish(c, 0);
	c->offset = where_t(c, 5)->table;
}

static void mk_outside_offset(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(2),
					      .data = "12345678",
					      .data_bytes = 8,
					      .data_outside = true });
	finish(c, 0);
	const tfl_buffer_pos *bp = tfl_where_buffer(&c->b, 3);
	uint32_t f = tfl_field_at(c->bytes, bp->table, FB_BUF_OFFSET);
	tfl_put_u64(c->bytes, f, c->len);
	c->offset = bp->table;
}

static void mk_outside_size(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(2),
					      .data = "12345678",
					      .data_bytes = 8,
					      .data_outside = true });
	finish(c, 0);
	const tfl_buffer_pos *bp = tfl_where_buffer(&c->b, 3);
	uint32_t f = tfl_field_at(c->bytes, bp->table, FB_BUF_SIZE);
	tfl_put_u64(c->bytes, f, 9);
	c->offset = bp->table;
}

static void mk_rank9(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){
				  .type = MOTE_INT8,
				  TFL_SHAPE(1, 1, 1, 1, 1, 1, 1, 1, 2) });
	finish(c, 0);
	c->offset = where_t(c, 5)->shape;
}

static void mk_negative_dim(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8,
					      TFL_SHAPE(1, -1, 4) });
	finish(c, 0);
	c->offset = where_t(c, 5)->shape + 4 + 4;
}

static void mk_type19(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = (mote_type)19,
					      TFL_SHAPE(4) });
	finish(c, 0);
	c->offset = where_t(c, 5)->table;
}

static void mk_type200(crafted *c)
{
	base(c);
	uint32_t f = tfl_field_at(c->bytes, where_t(c, 0)->table, FB_T_TYPE);
	c->bytes[f] = 200;
	c->offset = where_t(c, 0)->table;
}

static void mk_sparse(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(4),
					      TFL_EXTRA(TFL_I32(FB_T_SPARSITY,
								4)) });
	finish(c, 0);
	c->offset = where_t(c, 5)->table;
}

static void mk_zp_count(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){
				  .type = MOTE_INT8, TFL_SHAPE(2, 2),
				  .n_scale = 2,
				  .scale = (const float[]){ 1, 2 }, .n_zp = 1,
				  .zp = (const int64_t[]){ 0 } });
	finish(c, 0);
	c->offset = where_t(c, 5)->quant;
}

static void mk_qdim8(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(2),
					      TFL_QUANT(1.0f, 0), .qdim = 8 });
	finish(c, 0);
	c->offset = where_t(c, 5)->quant;
}

static void mk_qdim_negative(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8, TFL_SHAPE(2),
					      TFL_QUANT(1.0f, 0), .qdim = -1 });
	finish(c, 0);
	c->offset = where_t(c, 5)->quant;
}

static void mk_scale_count(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){
				  .type = MOTE_INT8, TFL_SHAPE(2, 3),
				  .n_scale = 3,
				  .scale = (const float[]){ 1, 2, 3 }, .qdim = 0 });
	finish(c, 0);
	c->offset = where_t(c, 5)->quant;
}

/* Tensor 5: `type` [2] with scales {0.5, s1} and zero points {0, z1};
 * `bad` names the element the error must point at (0-1: scale i, 2-3:
 * zero point bad - 2). */
static void quant_values(crafted *c, mote_type type, float s1, int64_t z1,
			 unsigned bad)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){
				  .type = type, TFL_SHAPE(2), .n_scale = 2,
				  .scale = (const float[]){ 0.5f, s1 }, .n_zp = 2,
				  .zp = (const int64_t[]){ 0, z1 } });
	finish(c, 0);
	c->offset = bad < 2 ? where_t(c, 5)->scale + 4 + 4 * bad
			    : where_t(c, 5)->zp + 4 + 8 * (bad - 2);
}

static void mk_scale_zero(crafted *c)
{
	quant_values(c, MOTE_INT8, 0.0f, 0, 1);
}

static void mk_scale_negative(crafted *c)
{
	quant_values(c, MOTE_INT8, -0.25f, 0, 1);
}

static void mk_scale_nan(crafted *c)
{
	uint32_t nan_bits = 0x7fc00000u;
	float nan;
	memcpy(&nan, &nan_bits, sizeof nan);
	quant_values(c, MOTE_INT16, nan, 0, 1);
}

static void mk_scale_inf(crafted *c)
{
	uint32_t inf_bits = 0x7f800000u;
	float inf;
	memcpy(&inf, &inf_bits, sizeof inf);
	quant_values(c, MOTE_FLOAT32, inf, 0, 1);
}

static void mk_zp_int8_128(crafted *c)
{
	quant_values(c, MOTE_INT8, 1.0f, 128, 3);
}

static void mk_zp_uint8_negative(crafted *c)
{
	quant_values(c, MOTE_UINT8, 1.0f, -1, 3);
}

static void mk_zp_int16_32768(crafted *c)
{
	quant_values(c, MOTE_INT16, 1.0f, 32768, 3);
}

static void mk_zp_int32_nonzero(crafted *c)
{
	quant_values(c, MOTE_INT32, 1.0f, 5, 3);
}

static void mk_zp_int4_8(crafted *c)
{
	quant_values(c, MOTE_INT4, 1.0f, 8, 3);
}

static void mk_opcode_index(crafted *c)
{
	base(c);
	uint32_t t = where_op(c, 1)->table;
	put32(c, tfl_field_at(c->bytes, t, FB_OP_OPCODE), 2);
	c->offset = t;
}

static void mk_no_subgraph(crafted *c)
{
	base(c);
	put32(c, where_m(c)->subgraphs, 0);
	c->offset = where_m(c)->table;
}

static void mk_misaligned_bytes(crafted *c)
{
	base(c);
	c->misalign = true;
	c->offset = 0;
}

static void mk_table_unaligned(crafted *c)
{
	base(c);
	uint32_t at = where_sg(c)->tensors + 4 + 4 * 3;
	put32(c, at, where_t(c, 3)->table + 2 - at);
	c->offset = where_t(c, 3)->table + 2;
}

static void mk_vector_unaligned(crafted *c)
{
	base(c);
	uint32_t t = where_t(c, 4)->table;
	retarget(c, t, FB_T_SHAPE, where_t(c, 4)->shape + 2);
	c->offset = where_t(c, 4)->shape + 2;
}

static void mk_zp_unaligned(crafted *c)
{
	base(c);
	uint32_t zp = where_t(c, 1)->zp;
	/* Move the vector 4 bytes on, with a count of 1 there. */
	put32(c, zp + 4, 1);
	retarget(c, where_t(c, 1)->quant, FB_Q_ZP, zp + 4);
	c->offset = zp + 8;
}

static void mk_details_unaligned(crafted *c)
{
	base_model(&c->b);
	/* quantized_dimension 1 makes the vtable reach the details field. */
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8,
					      TFL_SHAPE(2, 2),
					      TFL_QUANT(1.0f, 0), .qdim = 1 });
	finish(c, 0);
	/* The zero_point slot becomes the details slot, pointing at a byte
	 * of the zero-point data (not 4-aligned). */
	uint32_t q = where_t(c, 5)->quant, qvt = where_t(c, 5)->quant_vtable;
	uint32_t f = tfl_field_at(c->bytes, q, FB_Q_ZP);
	put16(c, qvt + 4 + 2 * FB_Q_ZP, 0);
	put16(c, qvt + 4 + 2 * FB_Q_DETAILS, (uint16_t)(f - q));
	c->offset = where_t(c, 5)->zp + 5;
	put32(c, f, (uint32_t)c->offset - f);
}

static void mk_data_unaligned(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(2),
					      .data = "12345678",
					      .data_bytes = 8,
					      .data_outside = true });
	finish(c, 16);
	const tfl_buffer_pos *bp = tfl_where_buffer(&c->b, 3);
	uint32_t f = tfl_field_at(c->bytes, bp->table, FB_BUF_OFFSET);
	tfl_put_u64(c->bytes, f, bp->data + 2);
	c->offset = bp->data + 2;
}

static void mk_len_2g(crafted *c)
{
	base(c);
	c->len = (size_t)0x80000000u;
	c->offset = 0;
}

static void mk_elems_huge(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8,
					      TFL_SHAPE(65536, 65536) });
	finish(c, 0);
	c->offset = where_t(c, 5)->shape;
}

static void mk_bytes_huge(crafted *c)
{
	base_model(&c->b);
	tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_FLOAT32,
					      TFL_SHAPE(1 << 29) });
	finish(c, 0);
	c->offset = where_t(c, 5)->table;
}

static void mk_many_inputs(crafted *c)
{
	base_model(&c->b);
	int32_t *v = calloc(65536, sizeof *v);
	if (v)
		tfl_inputs(&c->b, v, 65536);
	free(v);
	finish(c, 0);
	c->offset = where_sg(c)->inputs;
}

static void mk_many_tensors(crafted *c)
{
	base_model(&c->b);
	for (int i = 5; i < 65536; i++)
		tfl_tensor(&c->b, &(tfl_tensor_desc){ .type = MOTE_INT8 });
	finish(c, 0);
	c->offset = where_sg(c)->tensors;
}

static void mk_many_ops(crafted *c)
{
	base_model(&c->b);
	for (int i = 2; i < 65536; i++)
		tfl_op(&c->b, &(tfl_op_desc){ .opcode = 0 });
	finish(c, 0);
	c->offset = where_sg(c)->operators;
}

static void mk_many_subgraphs(crafted *c)
{
	base_model(&c->b);
	for (int i = 1; i < 1025; i++)
		tfl_subgraph(&c->b, NULL);
	finish(c, 0);
	c->offset = where_m(c)->subgraphs;
}

static void mk_null_bytes(crafted *c)
{
	base(c);
	c->null_bytes = true;
	c->offset = 0;
}

/* One row: a maker and the error it must produce. */
typedef struct vcase {
	const char *name;
	void (*make)(crafted *c);
	mote_status want;
	const char *what; /* err.what must contain this */
	int32_t subgraph, op, tensor; /* expected, or ANY */
	int64_t offset; /* expected, AT (from the maker) or ANY */
} vcase;

static const vcase cases[] = {
	{ "7-byte file", mk_short_header, MOTE_E_TRUNCATED, "file header", -1, -1, -1, AT },
	{ "root table at the last 2 bytes", mk_root_at_end, MOTE_E_TRUNCATED, "model", -1, -1, -1, AT },
	{ "table size past the end", mk_obj_len_huge, MOTE_E_TRUNCATED, "model", -1, -1, -1, AT },
	{ "vector count past the end", mk_vector_count_huge, MOTE_E_TRUNCATED, "tensor.shape", 0, -1, 1, AT },
	{ "vector length word past the end", mk_vector_at_end, MOTE_E_TRUNCATED, "model.description", -1, -1, -1, AT },
	{ "string NUL past the end", mk_string_to_end, MOTE_E_TRUNCATED, "model.description", -1, -1, -1, AT },
	{ "root offset past the end", mk_root_past_end, MOTE_E_BAD_OFFSET, "root offset", -1, -1, -1, AT },
	{ "string offset past the end", mk_name_past_end, MOTE_E_BAD_OFFSET, "tensor.name", 0, -1, 2, AT },
	{ "table vector element past the end", mk_tensor_elem_past_end, MOTE_E_BAD_OFFSET, "subgraph.tensors", 0, -1, -1, AT },
	{ "large custom options offset", mk_large_custom_bad, MOTE_E_BAD_OFFSET, "operator.large_custom_options", 0, 2, -1, AT },
	{ "large custom options size", mk_large_custom_size, MOTE_E_BAD_OFFSET, "operator.large_custom_options", 0, 2, -1, AT },
	{ "vtable before the file", mk_vtable_negative, MOTE_E_BAD_VTABLE, "model", -1, -1, -1, AT },
	{ "vtable at an odd offset", mk_vtable_odd, MOTE_E_BAD_VTABLE, "model", -1, -1, -1, AT },
	{ "vtable past the end", mk_vtable_past_end, MOTE_E_BAD_VTABLE, "model", -1, -1, -1, AT },
	{ "vtable length < 4", mk_vtable_len_small, MOTE_E_BAD_VTABLE, "subgraph.tensors", 0, -1, -1, AT },
	{ "vtable length odd", mk_vtable_len_odd, MOTE_E_BAD_VTABLE, "subgraph.tensors", 0, -1, -1, AT },
	{ "vtable length past the end", mk_vtable_len_huge, MOTE_E_BAD_VTABLE, "model.subgraphs", -1, -1, -1, AT },
	{ "field offset outside its table", mk_field_past_table, MOTE_E_BAD_VTABLE, "subgraph.tensors", 0, -1, -1, AT },
	{ "scalar straddles the table end", mk_scalar_straddles, MOTE_E_BAD_VTABLE, "tensor.buffer", 0, -1, 1, AT },
	{ "description without NUL", mk_bad_string, MOTE_E_BAD_STRING, "model.description", -1, -1, -1, AT },
	{ "tensor name without NUL", mk_bad_tensor_name, MOTE_E_BAD_STRING, "tensor.name", 0, -1, 2, AT },
	{ "custom code without NUL", mk_bad_custom_code, MOTE_E_BAD_STRING, "operator_code.custom_code", -1, -1, -1, AT },
	{ "identifier TFL2", mk_identifier, MOTE_E_BAD_IDENTIFIER, "identifier", -1, -1, -1, AT },
	{ "schema version 2", mk_version2, MOTE_E_BAD_VERSION, "model.version", -1, -1, -1, AT },
	{ "schema version absent", mk_version_absent, MOTE_E_BAD_VERSION, "model.version", -1, -1, -1, AT },
	{ "op input 99 of 5 tensors", mk_op_input_range, MOTE_E_BAD_TENSOR, "operator.inputs", 0, 0, 99, AT },
	{ "op input -2", mk_op_input_minus2, MOTE_E_BAD_TENSOR, "operator.inputs", 0, 1, -2, AT },
	{ "op output -1", mk_op_output_minus1, MOTE_E_BAD_TENSOR, "operator.outputs", 0, 0, -1, AT },
	{ "intermediate 5 of 5 tensors", mk_intermediate_range, MOTE_E_BAD_TENSOR, "operator.intermediates", 0, 2, 5, AT },
	{ "graph output 5 of 5 tensors", mk_graph_output_range, MOTE_E_BAD_TENSOR, "subgraph.outputs", 0, -1, 5, AT },
	{ "graph input -1", mk_graph_input_negative, MOTE_E_BAD_TENSOR, "subgraph.inputs", 0, -1, -1, AT },
	{ "buffer index 7 of 3", mk_buffer_index, MOTE_E_BAD_BUFFER, "tensor.buffer index", 0, -1, 5, AT },
	{ "7 data bytes for int16 [2,2]", mk_buffer_size, MOTE_E_BAD_BUFFER, "buffer size != tensor byte size", 0, -1, 5, AT },
	{ "outside buffer offset = length", mk_outside_offset, MOTE_E_BAD_BUFFER, "buffer.offset+size", -1, -1, -1, AT },
	{ "outside buffer size past the end", mk_outside_size, MOTE_E_BAD_BUFFER, "buffer.offset+size", -1, -1, -1, AT },
	{ "rank 9", mk_rank9, MOTE_E_BAD_SHAPE, "rank", 0, -1, 5, AT },
	{ "dimension -1", mk_negative_dim, MOTE_E_BAD_SHAPE, "negative dimension", 0, -1, 5, AT },
	{ "type 19", mk_type19, MOTE_E_BAD_TYPE, "tensor.type", 0, -1, 5, AT },
	{ "type 200", mk_type200, MOTE_E_BAD_TYPE, "tensor.type", 0, -1, 0, AT },
	{ "sparse tensor", mk_sparse, MOTE_E_BAD_TYPE, "sparse", 0, -1, 5, AT },
	{ "2 scales, 1 zero point", mk_zp_count, MOTE_E_BAD_QUANT, "zero_point count", 0, -1, 5, AT },
	{ "quantized_dimension 8", mk_qdim8, MOTE_E_BAD_QUANT, "quantized_dimension", 0, -1, 5, AT },
	{ "quantized_dimension -1", mk_qdim_negative, MOTE_E_BAD_QUANT, "quantized_dimension", 0, -1, 5, AT },
	{ "3 scales for dimension of 2", mk_scale_count, MOTE_E_BAD_QUANT, "scale count", 0, -1, 5, AT },
	{ "scale 0", mk_scale_zero, MOTE_E_BAD_QUANT, "scale not positive", 0, -1, 5, AT },
	{ "scale -0.25", mk_scale_negative, MOTE_E_BAD_QUANT, "scale not positive", 0, -1, 5, AT },
	{ "scale NaN", mk_scale_nan, MOTE_E_BAD_QUANT, "scale not positive and finite", 0, -1, 5, AT },
	{ "scale +inf (float32 tensor)", mk_scale_inf, MOTE_E_BAD_QUANT, "scale not positive and finite", 0, -1, 5, AT },
	{ "int8 zero point 128", mk_zp_int8_128, MOTE_E_BAD_QUANT, "zero point outside", 0, -1, 5, AT },
	{ "uint8 zero point -1", mk_zp_uint8_negative, MOTE_E_BAD_QUANT, "zero point outside", 0, -1, 5, AT },
	{ "int16 zero point 32768", mk_zp_int16_32768, MOTE_E_BAD_QUANT, "zero point outside", 0, -1, 5, AT },
	{ "int32 zero point 5", mk_zp_int32_nonzero, MOTE_E_BAD_QUANT, "zero point outside", 0, -1, 5, AT },
	{ "int4 zero point 8", mk_zp_int4_8, MOTE_E_BAD_QUANT, "zero point outside", 0, -1, 5, AT },
	{ "opcode index 2 of 2", mk_opcode_index, MOTE_E_BAD_OPCODE, "operator.opcode_index", 0, 1, -1, AT },
	{ "no subgraph", mk_no_subgraph, MOTE_E_BAD_SUBGRAPH, "no subgraph", -1, -1, -1, AT },
	{ "bytes not 16-byte aligned", mk_misaligned_bytes, MOTE_E_UNALIGNED, "16-byte aligned", -1, -1, -1, AT },
	{ "table at an odd half-word", mk_table_unaligned, MOTE_E_UNALIGNED, "subgraph.tensors", 0, -1, -1, AT },
	{ "vector at 2 mod 4", mk_vector_unaligned, MOTE_E_UNALIGNED, "tensor.shape", 0, -1, 4, AT },
	{ "int64 zero points at 4 mod 8", mk_zp_unaligned, MOTE_E_UNALIGNED, "quantization.zero_point", 0, -1, 1, AT },
	{ "quantization details unaligned", mk_details_unaligned, MOTE_E_UNALIGNED, "quantization.details", 0, -1, 5, AT },
	{ "int32 data at 2 mod 4", mk_data_unaligned, MOTE_E_UNALIGNED, "tensor data", 0, -1, 5, AT },
	{ "length over 2 GiB", mk_len_2g, MOTE_E_TOO_LARGE, "2 GiB", -1, -1, -1, AT },
	{ "65536 x 65536 elements", mk_elems_huge, MOTE_E_TOO_LARGE, "tensor size", 0, -1, 5, AT },
	{ "float32 [2^29]: 2 GiB", mk_bytes_huge, MOTE_E_TOO_LARGE, "tensor size", 0, -1, 5, AT },
	{ "65536 graph inputs", mk_many_inputs, MOTE_E_TOO_LARGE, "subgraph.inputs", 0, -1, -1, AT },
	{ "65536 tensors", mk_many_tensors, MOTE_E_TOO_LARGE, "subgraph.tensors count", 0, -1, -1, AT },
	{ "65536 operators", mk_many_ops, MOTE_E_TOO_LARGE, "subgraph.operators count", 0, -1, -1, AT },
	{ "1025 subgraphs", mk_many_subgraphs, MOTE_E_TOO_LARGE, "model.subgraphs count", -1, -1, -1, AT },
	{ "NULL bytes", mk_null_bytes, MOTE_E_ARG, "NULL", -1, -1, -1, AT },
};

static void run_case(const vcase *k)
{
	crafted c;
	mote_model m;
	memset(&c, 0, sizeof c);
	c.offset = ANY;
	k->make(&c);
	if (!c.bytes) {
		check(false, "%s: could not build the model", k->name);
		tfl_builder_free(&c.b);
		return;
	}
	const uint8_t *bytes = c.bytes;
	uint8_t *shifted = NULL;
	if (c.misalign) {
		shifted = malloc(c.len + 17);
		uint8_t *p = shifted + 16 - (uintptr_t)shifted % 16 + 1;
		memcpy(p, c.bytes, c.len);
		bytes = p;
	}
	mote_status s = mote_model_open(&m, c.null_bytes ? NULL : bytes, c.len);
	const mote_error *e = &m.err;
	check(s == k->want, "%s: got %s (%s), want %s", k->name,
	      mote_status_str(s), e->what ? e->what : "-",
	      mote_status_str(k->want));
	check(e->status == s, "%s: err.status %d != returned %d", k->name,
	      e->status, s);
	check(e->what && strstr(e->what, k->what), "%s: err.what '%s' lacks '%s'",
	      k->name, e->what ? e->what : "(null)", k->what);
	check(k->subgraph == ANY || e->subgraph == k->subgraph,
	      "%s: err.subgraph %d, want %d", k->name, e->subgraph, k->subgraph);
	check(k->op == ANY || e->op == k->op, "%s: err.op %d, want %d", k->name,
	      e->op, k->op);
	check(k->tensor == ANY || e->tensor == k->tensor,
	      "%s: err.tensor %d, want %d", k->name, e->tensor, k->tensor);
	int64_t want_off = k->offset == AT ? c.offset : k->offset;
	check(want_off == ANY || e->offset == want_off,
	      "%s: err.offset %lld, want %lld", k->name, (long long)e->offset,
	      (long long)want_off);
	check(e->offset >= 0 && (e->offset < (int64_t)c.len || c.len == 0),
	      "%s: err.offset %lld outside the model (%zu bytes)", k->name,
	      (long long)e->offset, c.len);
	check(m.n_subgraphs == 0 && m.bytes == NULL,
	      "%s: a rejected model must not look open", k->name);
	free(shifted);
	free(c.bytes);
	tfl_builder_free(&c.b);
}

/* The base model and everything the builder writes must verify. */
static void test_base_valid(void)
{
	crafted c;
	mote_model m;
	memset(&c, 0, sizeof c);
	base(&c);
	mote_status s = mote_model_open(&m, c.bytes, c.len);
	check(s == MOTE_OK, "base model: %s (%s at %lld)", mote_status_str(s),
	      m.err.what ? m.err.what : "-", (long long)m.err.offset);
	check(m.err.status == MOTE_OK && m.n_subgraphs == 1 && m.n_opcodes == 2 &&
		      m.n_buffers == 3 && m.version == 3,
	      "base model: header fields");
	if (s == MOTE_OK) {
		mote__tensor t;
		mote__model_tensor(&m, 0, 1, &t);
		check(t.rank == 2 && t.dims[1] == 4 && t.bytes == 8 && t.data &&
			      ((const int8_t *)t.data)[7] == 8 && t.n_scale == 2 &&
			      t.n_zp == 2 && !strcmp(t.name, "w"),
		      "base model: tensor 1 reads back");
		check((uintptr_t)t.data % 16 == 0, "base model: data 16-aligned");
		check(!strcmp(mote__model_description(&m), "verify test") &&
			      !strcmp(mote__sg_name(&m, 0), "main"),
		      "base model: strings read back");
	}
	/* Outside data and large custom options verify and read back. */
	free(c.bytes);
	tfl_builder_free(&c.b);
	memset(&c, 0, sizeof c);
	base_model(&c.b);
	tfl_tensor(&c.b, &(tfl_tensor_desc){ .type = MOTE_INT32, TFL_SHAPE(2),
					     .data = "12345678", .data_bytes = 8,
					     .data_outside = true });
	tfl_op(&c.b, &(tfl_op_desc){ .opcode = 1, TFL_INPUTS(4), TFL_OUTPUTS(3),
				     .custom = (const uint8_t *)"abcd",
				     .custom_bytes = 4, .custom_outside = true });
	finish(&c, 0);
	s = mote_model_open(&m, c.bytes, c.len);
	check(s == MOTE_OK, "outside data: %s (%s)", mote_status_str(s),
	      m.err.what ? m.err.what : "-");
	if (s == MOTE_OK) {
		mote__tensor t;
		size_t n;
		mote__model_tensor(&m, 0, 5, &t);
		check(t.data && !memcmp(t.data, "12345678", 8),
		      "outside data reads back");
		const uint8_t *cu = mote__op_custom(&m, mote__model_op(&m, 0, 2), &n);
		check(n == 4 && cu && !memcmp(cu, "abcd", 4),
		      "large custom options read back");
	}
	free(c.bytes);
	tfl_builder_free(&c.b);
	check(mote_model_open(NULL, "", 0) == MOTE_E_ARG, "NULL model: E_ARG");
}

/* Every status code in the table has at least one row. */
static void test_coverage(void)
{
	static const mote_status need[] = {
		MOTE_E_TRUNCATED, MOTE_E_BAD_OFFSET, MOTE_E_BAD_VTABLE,
		MOTE_E_BAD_STRING, MOTE_E_BAD_IDENTIFIER, MOTE_E_BAD_VERSION,
		MOTE_E_BAD_TENSOR, MOTE_E_BAD_BUFFER, MOTE_E_BAD_SHAPE,
		MOTE_E_BAD_TYPE, MOTE_E_BAD_QUANT, MOTE_E_BAD_OPCODE,
		MOTE_E_BAD_SUBGRAPH, MOTE_E_UNALIGNED, MOTE_E_TOO_LARGE,
		MOTE_E_ARG,
	};
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
		bool found = false;
		for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
			found |= cases[k].want == need[i];
		check(found, "no case produces %s", mote_status_str(need[i]));
	}
}

/* ---- E_UNSUPPORTED_OP ---------------------------------------------------- */

static mote_status copy_eval(const mote__node *n, void *const *t)
{
	(void)n;
	(void)t;
	return MOTE_OK;
}

static mote_status copy_prepare(mote__prep *p)
{
	mote__prep_set(p, copy_eval, NULL, NULL);
	return MOTE_OK;
}

static const mote_op test_op = { MOTE_BUILTIN_CUSTOM, "MoteTestOp",
				 "MoteTestOp", copy_prepare };
static const mote_op *const test_ops[] = { &test_op };
static const mote_op_table test_table = { test_ops, 1 };

static void test_unsupported(void)
{
	static _Alignas(16) uint8_t arena[1 << 16];
	struct {
		const char *name;
		int32_t builtin; /* op 1's code; custom name below */
		const char *custom;
		const mote_op_table *ops;
		int32_t want_op;
		const char *want_what;
	} rows[] = {
		{ "unknown custom op", MOTE_BUILTIN_CUSTOM, "NoSuchOp", &test_table, 1, "NoSuchOp" },
		{ "unknown builtin code", 250, NULL, &test_table, 1, "unknown builtin code" },
		{ "builtin not in the table", 9, NULL, &test_table, 1, "FULLY_CONNECTED" },
		{ "custom op, empty table", MOTE_BUILTIN_CUSTOM, "NoSuchOp", NULL, 0, "MoteTestOp" },
		{ "custom op, all ops", MOTE_BUILTIN_CUSTOM, "NoSuchOp", &mote_all_ops, 0, "MoteTestOp" },
	};
	static const mote_op_table empty = { NULL, 0 };
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		tfl_builder b;
		tfl_builder_init(&b);
		for (int i = 0; i < 3; i++)
			tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8,
							   TFL_SHAPE(4) });
		int known = tfl_opcode_custom(&b, "MoteTestOp", 1);
		int other = rows[r].custom ? tfl_opcode_custom(&b, rows[r].custom, 1)
					   : tfl_opcode(&b, rows[r].builtin, 1);
		tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)known,
					   TFL_INPUTS(0), TFL_OUTPUTS(1) });
		tfl_op(&b, &(tfl_op_desc){ .opcode = (uint32_t)other,
					   TFL_INPUTS(1), TFL_OUTPUTS(2) });
		tfl_inputs(&b, TFL_INTS(0));
		tfl_outputs(&b, TFL_INTS(2));
		size_t len;
		uint8_t *bytes = tfl_finish(&b, &len);
		mote_model m;
		mote_interp it;
		mote_status s = mote_model_open(&m, bytes, len);
		check(s == MOTE_OK, "%s: model: %s", rows[r].name, mote_status_str(s));
		if (s == MOTE_OK) {
			const mote_op_table *ops = rows[r].ops ? rows[r].ops : &empty;
			s = mote_interp_init(&it, &m, ops, arena, sizeof arena);
			check(s == MOTE_E_UNSUPPORTED_OP, "%s: init gave %s",
			      rows[r].name, mote_status_str(s));
			check(it.err.status == s && it.err.op == rows[r].want_op &&
				      it.err.subgraph == 0,
			      "%s: err.op %d, want %d", rows[r].name, it.err.op,
			      rows[r].want_op);
			check(it.err.what && !strcmp(it.err.what, rows[r].want_what),
			      "%s: err.what '%s', want '%s'", rows[r].name,
			      it.err.what ? it.err.what : "(null)",
			      rows[r].want_what);
			check(!it.ready && mote_invoke(&it) == MOTE_E_STATE,
			      "%s: interpreter must not run", rows[r].name);
		}
		free(bytes);
		tfl_builder_free(&b);
	}
}

/* ---- sweeps over the shared models --------------------------------------- */

/* xorshift64*: the seeded generator of the sweeps. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static size_t rnd_below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

#define ARENA_BYTES (1u << 20)
static uint8_t *arena;

/* Counts of what happened to mutants and prefixes. */
typedef struct sweep_stats {
	long tried, accepted, initialised, invoked;
	long by_status[32]; /* rejections by -status */
} sweep_stats;

static volatile uint64_t sink;

/* Reads an accepted model through every view, as tools do. */
static void walk_views(const mote_model *m)
{
	uint64_t acc = 0;
	for (uint32_t sg = 0; sg < m->n_subgraphs; sg++) {
		uint32_t nt = mote__sg_n_tensors(m, sg), no = mote__sg_n_ops(m, sg);
		uint32_t n;
		const int32_t *io = mote__sg_io(m, sg, FB_SG_INPUTS, &n);
		for (uint32_t k = 0; k < n; k++)
			acc += (uint32_t)io[k];
		io = mote__sg_io(m, sg, FB_SG_OUTPUTS, &n);
		for (uint32_t k = 0; k < n; k++)
			acc += (uint32_t)io[k];
		acc += strlen(mote__sg_name(m, sg));
		for (uint32_t i = 0; i < nt; i++) {
			mote__tensor t;
			mote__model_tensor(m, sg, (int32_t)i, &t);
			acc += t.bytes + strlen(t.name) + (uint32_t)t.rank;
			for (uint32_t c = 0; c < t.n_scale; c++)
				acc += (uint64_t)(t.scale[c] != 0.0f);
			for (uint32_t c = 0; c < t.n_zp; c++)
				acc += (uint64_t)t.zp[c];
			if (t.data && t.bytes)
				acc += ((const uint8_t *)t.data)[t.bytes - 1];
		}
		for (uint32_t i = 0; i < no; i++) {
			uint32_t op = mote__model_op(m, sg, i);
			int32_t builtin, version;
			const char *custom;
			size_t len;
			mote__op_code(m, op, &builtin, &custom, &version);
			acc += (uint32_t)builtin + (custom ? strlen(custom) : 0);
			const uint8_t *cu = mote__op_custom(m, op, &len);
			if (cu && len)
				acc += cu[len - 1];
			for (unsigned f = FB_OP_INPUTS; f <= FB_OP_OUTPUTS; f++) {
				io = mote__op_io(m, op, f, &n);
				for (uint32_t k = 0; k < n; k++)
					acc += (uint32_t)io[k];
			}
		}
	}
	for (uint32_t i = 0; i < m->n_buffers; i++) {
		size_t len;
		const uint8_t *d = mote__model_buffer(m, i, &len);
		if (d && len)
			acc += d[0] + d[len - 1];
	}
	acc += strlen(mote__model_description(m));
	sink += acc;
}

/* Verifies bytes[0..len) and, if accepted, runs it once (only prepares
 * it unless `invoke`). */
static void exercise(const uint8_t *bytes, size_t len, bool invoke,
		     sweep_stats *st)
{
	mote_model m;
	mote_interp it;
	st->tried++;
	mote_status s = mote_model_open(&m, bytes, len);
	if (s != MOTE_OK) {
		int k = -(int)s;
		st->by_status[k > 0 && k < 32 ? k : 0]++;
		return;
	}
	st->accepted++;
	walk_views(&m);
	if (mote_interp_init(&it, &m, &mote_all_ops, arena, ARENA_BYTES) != MOTE_OK)
		return;
	st->initialised++;
	if (!invoke)
		return;
	for (size_t i = 0; i < mote_input_count(&it); i++) {
		mote_tensor t;
		if (mote_input(&it, i, &t) == MOTE_OK && t.data)
			memset(t.data, t.type == MOTE_BOOL ? 1 : (int)(i * 37 + 1),
			       t.bytes);
	}
	mote_invoke(&it);
	st->invoked++;
}

typedef struct shared_model {
	char name[256];
	uint8_t *bytes; /* exactly len bytes, 16-byte aligned */
	size_t len;
	uint8_t *is_data; /* per byte: inside a buffer's data */
} shared_model;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const shared_model *)a)->name,
		      ((const shared_model *)b)->name);
}

/* Loads every .tflite of DIR (sorted by name); returns how many. */
static int load_models(const char *dir, shared_model *out, int max)
{
	DIR *d = opendir(dir);
	int n = 0;
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < max) {
		size_t l = strlen(e->d_name);
		if (l < 8 || strcmp(e->d_name + l - 7, ".tflite") != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		uint8_t *buf = mote_host_read_file(path, &len);
		if (!buf)
			continue;
		shared_model *sm = &out[n];
		snprintf(sm->name, sizeof sm->name, "%s", e->d_name);
		/* Exactly len bytes, so ASan sees any read past the end. */
		sm->bytes = NULL;
		if (posix_memalign((void **)&sm->bytes, 16, len ? len : 1) != 0)
			sm->bytes = NULL;
		sm->is_data = calloc(len ? len : 1, 1);
		sm->len = len;
		if (sm->bytes && sm->is_data) {
			memcpy(sm->bytes, buf, len);
			n++;
		} else {
			free(sm->bytes);
			free(sm->is_data);
		}
		free(buf);
	}
	closedir(d);
	qsort(out, (size_t)n, sizeof *out, by_name);
	return n;
}

/* Marks the bytes of every buffer's data, to aim mutations elsewhere. */
static void mark_data(shared_model *sm)
{
	mote_model m;
	if (mote_model_open(&m, sm->bytes, sm->len) != MOTE_OK)
		return;
	for (uint32_t i = 0; i < m.n_buffers; i++) {
		size_t len;
		const uint8_t *d = mote__model_buffer(&m, i, &len);
		if (d)
			memset(sm->is_data + (d - sm->bytes), 1, len);
	}
}

/* The prefix [0, len) in an allocation of exactly len bytes. */
static void try_prefix(const shared_model *sm, size_t len, sweep_stats *st)
{
	uint8_t *p = NULL;
	if (len == 0) {
		exercise(sm->bytes, 0, true, st);
		return;
	}
	if (posix_memalign((void **)&p, 16, len) != 0)
		return;
	memcpy(p, sm->bytes, len);
	exercise(p, len, true, st);
	free(p);
}

static void print_stats(const char *what, const sweep_stats *st)
{
	printf("%s: %ld tried, %ld accepted, %ld initialised, %ld invoked; rejected:",
	       what, st->tried, st->accepted, st->initialised, st->invoked);
	for (int k = 0; k < 32; k++) {
		if (st->by_status[k])
			printf(" %s %ld", mote_status_str((mote_status)-k),
			       st->by_status[k]);
	}
	printf("\n");
}

static void test_prefixes(shared_model *ms, int n)
{
	sweep_stats st;
	memset(&st, 0, sizeof st);
	for (int i = 0; i < n; i++) {
		const shared_model *sm = &ms[i];
		bool all = !strcmp(sm->name, "hello_world_int8.tflite");
		sweep_stats whole;
		memset(&whole, 0, sizeof whole);
		try_prefix(sm, sm->len, &whole);
		check(whole.accepted == 1, "%s: the whole model is rejected",
		      sm->name);
		if (all || sm->len <= 2048) {
			for (size_t len = 0; len < sm->len; len++)
				try_prefix(sm, len, &st);
		} else {
			for (size_t len = 0; len < 64; len++)
				try_prefix(sm, len, &st);
			for (int k = 0; k < 64; k++)
				try_prefix(sm, sm->len - 1 - (size_t)k, &st);
			for (int k = 0; k < 1872; k++)
				try_prefix(sm, rnd_below(sm->len), &st);
		}
	}
	/* A prefix may still verify when it only drops bytes mote never
	 * reads (metadata, signatures, padding): those are run too. */
	print_stats("prefixes", &st);
}

/* Edge values for 4-byte overwrites. */
static uint32_t edge_value(size_t len)
{
	static const uint32_t v[] = { 0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff,
				      0xffff, 0x10000, 0x7fffffff, 0x80000000,
				      0xfffffffc, 0xfffffffe, 0xffffffff };
	size_t k = rnd_below(sizeof v / sizeof v[0] + 3);
	if (k < sizeof v / sizeof v[0])
		return v[k];
	if (k == sizeof v / sizeof v[0])
		return (uint32_t)len;
	if (k == sizeof v / sizeof v[0] + 1)
		return (uint32_t)len - 4;
	return (uint32_t)rnd();
}

static void test_mutations(shared_model *ms, int n)
{
	const long total = 20000;
	sweep_stats st;
	memset(&st, 0, sizeof st);
	for (long i = 0; i < total && n > 0; i++) {
		shared_model *sm = &ms[i % n];
		if (sm->len < 16)
			continue;
		/* 85% of mutations avoid weight data (mostly structure). */
		size_t pos = rnd_below(sm->len);
		bool aim = rnd_below(100) < 85;
		for (int tries = 0; aim && sm->is_data[pos] && tries < 64; tries++)
			pos = rnd_below(sm->len);
		uint8_t saved[4];
		size_t n_saved = pos + 4 <= sm->len ? 4 : sm->len - pos;
		memcpy(saved, sm->bytes + pos, n_saved);
		switch (rnd_below(4)) {
		case 0: /* one bit */
			sm->bytes[pos] ^= (uint8_t)(1u << rnd_below(8));
			break;
		case 1: /* one random byte */
			sm->bytes[pos] = (uint8_t)rnd();
			break;
		default: { /* four bytes, aligned half the time */
			uint32_t v = edge_value(sm->len);
			if (rnd_below(2))
				pos &= ~(size_t)3;
			n_saved = pos + 4 <= sm->len ? 4 : sm->len - pos;
			memcpy(saved, sm->bytes + pos, n_saved);
			for (size_t k = 0; k < n_saved; k++)
				sm->bytes[pos + k] = (uint8_t)(v >> (8 * k));
			break;
		}
		}
		/* A mutant that differs only in weights runs the same code as
		 * the model: invoke one in eight of those (time). */
		bool in_data = true;
		for (size_t k = 0; k < n_saved; k++)
			in_data &= sm->is_data[pos + k] != 0;
		exercise(sm->bytes, sm->len, !in_data || rnd_below(8) == 0, &st);
		memcpy(sm->bytes + pos, saved, n_saved);
	}
	print_stats("mutations", &st);
	check(st.tried == total, "mutations: %ld of %ld run", st.tried, total);
}

static void test_shared(void)
{
	static shared_model ms[64];
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/conformance/models", mote_host_shared_dir());
	int n = load_models(dir, ms, 64);
	if (n == 0) {
		printf("shared models not found in %s (set MOTE_SHARED): "
		       "prefix and mutation sweeps NOT RUN\n", dir);
		return;
	}
	printf("sweeping %d shared models from %s\n", n, dir);
	arena = aligned_alloc(16, ARENA_BYTES);
	if (!arena) {
		check(false, "cannot allocate the arena");
		return;
	}
	memset(arena, 0, ARENA_BYTES);
	for (int i = 0; i < n; i++)
		mark_data(&ms[i]);
	test_prefixes(ms, n);
	test_mutations(ms, n);
	for (int i = 0; i < n; i++) {
		free(ms[i].bytes);
		free(ms[i].is_data);
	}
	free(arena);
}

int main(void)
{
	test_base_valid();
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		run_case(&cases[k]);
	test_coverage();
	test_unsupported();
	test_shared();
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}
