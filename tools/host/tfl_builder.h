/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tfl_builder.h - builds TFLite models (schema version 3 flatbuffers) in
 * memory, for tests: single-op models, models that are wrong on purpose,
 * and models to corrupt byte by byte. Host-only (uses malloc).
 *
 *   tfl_builder b;
 *   tfl_builder_init(&b);               subgraph 0 and empty buffer 0 exist
 *   int x = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8,
 *           TFL_SHAPE(1, 16), .name = "x", TFL_QUANT(0.5f, -128) });
 *   int w = tfl_tensor(&b, &(tfl_tensor_desc){ .type = MOTE_INT8,
 *           TFL_SHAPE(4, 16), .data = weights, .data_bytes = 64,
 *           TFL_QUANT(0.02f, 0) });
 *   int y = tfl_tensor(&b, ...);
 *   int fc = tfl_opcode(&b, 9, 1);      FULLY_CONNECTED, version 1
 *   tfl_op(&b, &(tfl_op_desc){ .opcode = fc, TFL_INPUTS(x, w, -1),
 *          TFL_OUTPUTS(y), .opts_type = 8,
 *          TFL_OPTIONS(TFL_U8(0, 1)) });       fused_activation RELU
 *   tfl_inputs(&b, TFL_INTS(x));
 *   tfl_outputs(&b, TFL_INTS(y));
 *   size_t len;
 *   uint8_t *model = tfl_finish(&b, &len);     16-byte aligned, free()
 *   tfl_builder_free(&b);
 *
 * Every add call copies what it is given (names, shapes, data, option
 * lists), so descriptions may live on the stack. Nothing is validated:
 * out-of-range indices, unknown types, rank > 8, a version other than 3
 * or another file identifier are written as given, which is how tests
 * build models the verifier must reject.
 *
 * Layout of the output (front to back, every offset points forward):
 * root offset and identifier; the Model table; then depth first each
 * table's vectors, strings and child tables right after it; buffer data
 * last among the in-file data, each block 16-byte aligned (the schema's
 * force_align). Each vtable sits just before its table; scalar fields are
 * aligned to their size from the start of the file, vectors of int64 to 8.
 * Scalars equal to their schema default are omitted, as flatc does;
 * options fields are written exactly as listed. Buffers and custom options
 * marked "outside" follow the flatbuffer (16-byte aligned) and are
 * referenced by the offset/size fields the schema has for models over
 * 2 GiB.
 *
 * After tfl_finish(), tfl_where_*() give the byte position of each table,
 * vtable, vector and string written, so a test can corrupt one precisely.
 */
#ifndef MOTE_TFL_BUILDER_H
#define MOTE_TFL_BUILDER_H

#include "mote.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most dims a tensor description may carry (more than mote accepts, so
 * that too high a rank can be built on purpose). */
#define TFL_MAX_RANK 16

/* Number of elements in a brace list of `type`: TFL_COUNT(int, 1, 2) = 2. */
#define TFL_COUNT(type, ...) \
	((uint32_t)(sizeof((type[]){ __VA_ARGS__ }) / sizeof(type)))

/* "pointer, count" of an int32 list, for tfl_inputs() and tfl_outputs(). */
#define TFL_INTS(...) \
	(const int32_t[]){ __VA_ARGS__ }, TFL_COUNT(int32_t, __VA_ARGS__)

/*
 * One field of an options table (builtin_options or builtin_options_2):
 * a scalar of 1, 2, 4 or 8 bytes, or (size 0) a vector of int32, such as
 * ReshapeOptions.new_shape. `id` is the field's number in its table, in
 * schema order from 0 (union fields count twice: type, then value).
 */
typedef struct tfl_field {
	uint16_t id; /* field number */
	uint8_t size; /* bytes of a scalar; 0: int32 vector */
	uint64_t value; /* scalar bits, little-endian two's complement/IEEE */
	const int32_t *vec; /* size 0: the elements (copied) */
	uint32_t n_vec; /* size 0: their number */
} tfl_field;

/* Bits of a float, for TFL_F32(). */
uint64_t tfl_f32_bits(float f);

/* Scalar and vector option fields. */
#define TFL_U8(id, v) ((tfl_field){ (id), 1, (uint8_t)(v), NULL, 0 })
#define TFL_BOOL(id, v) TFL_U8(id, (v) ? 1 : 0)
#define TFL_I16(id, v) ((tfl_field){ (id), 2, (uint16_t)(int16_t)(v), NULL, 0 })
#define TFL_I32(id, v) ((tfl_field){ (id), 4, (uint32_t)(int32_t)(v), NULL, 0 })
#define TFL_I64(id, v) ((tfl_field){ (id), 8, (uint64_t)(int64_t)(v), NULL, 0 })
#define TFL_F32(id, v) ((tfl_field){ (id), 4, tfl_f32_bits(v), NULL, 0 })
#define TFL_VEC_I32(id, ...)                                         \
	((tfl_field){ (id), 0, 0, (const int32_t[]){ __VA_ARGS__ }, \
		      TFL_COUNT(int32_t, __VA_ARGS__) })

/* A tensor. Zero-initialise and set what is needed. */
typedef struct tfl_tensor_desc {
	mote_type type; /* element type; any value is written as given */
	int32_t rank; /* number of dims (0: scalar), <= TFL_MAX_RANK */
	const int32_t *dims; /* rank dims, outermost first */
	const char *name; /* NULL: no name field */
	uint32_t buffer; /* buffer index (0: none); ignored if data is set */
	const void *data; /* constant data: a new buffer gets a copy */
	size_t data_bytes; /* its size */
	bool data_outside; /* put that buffer's data after the flatbuffer */
	bool is_variable; /* state kept across invokes */
	uint32_t n_scale; /* quantization scales (0 and no zp: no table) */
	const float *scale;
	uint32_t n_zp; /* zero points */
	const int64_t *zp;
	int32_t qdim; /* quantized_dimension */
	bool quant_table; /* write a quantization table even if empty */
	const tfl_field *extra; /* more scalar fields for the Tensor table, */
	uint32_t n_extra; /*   e.g. has_rank (8); ids not written above */
} tfl_tensor_desc;

/* Designated-initializer helpers for tfl_tensor_desc. */
#define TFL_SHAPE(...) \
	.dims = (const int32_t[]){ __VA_ARGS__ }, \
	.rank = (int32_t)TFL_COUNT(int32_t, __VA_ARGS__)
#define TFL_QUANT(s, z)                                                  \
	.n_scale = 1, .scale = (const float[]){ (s) }, .n_zp = 1,        \
	.zp = (const int64_t[]){ (z) }

/* An operator of the current subgraph. Zero-initialise and set. */
typedef struct tfl_op_desc {
	uint32_t opcode; /* index from tfl_opcode*() (any value is written) */
	const int32_t *in; /* input tensor indices, -1: optional absent */
	uint32_t n_in;
	const int32_t *out; /* output tensor indices */
	uint32_t n_out;
	const int32_t *intermediates; /* intermediate tensors (LSTM) */
	uint32_t n_intermediates;
	uint8_t opts_type; /* BuiltinOptions union type (0: none) */
	const tfl_field *opts; /* its table's fields; a table is written */
	uint32_t n_opts; /*   when opts_type or n_opts is non-zero */
	uint8_t opts2_type; /* BuiltinOptions2 union type (0: none) */
	const tfl_field *opts2;
	uint32_t n_opts2;
	const uint8_t *custom; /* custom_options bytes (flexbuffer) */
	size_t custom_bytes;
	bool custom_outside; /* as large_custom_options after the flatbuffer */
	const tfl_field *extra; /* more scalar fields for the Operator table, */
	uint32_t n_extra; /*   e.g. debug_metadata_index (13) */
} tfl_op_desc;

#define TFL_INPUTS(...) \
	.in = (const int32_t[]){ __VA_ARGS__ }, \
	.n_in = TFL_COUNT(int32_t, __VA_ARGS__)
#define TFL_OUTPUTS(...) \
	.out = (const int32_t[]){ __VA_ARGS__ }, \
	.n_out = TFL_COUNT(int32_t, __VA_ARGS__)
#define TFL_INTERMEDIATES(...) \
	.intermediates = (const int32_t[]){ __VA_ARGS__ }, \
	.n_intermediates = TFL_COUNT(int32_t, __VA_ARGS__)
#define TFL_OPTIONS(...) \
	.opts = (const tfl_field[]){ __VA_ARGS__ }, \
	.n_opts = TFL_COUNT(tfl_field, __VA_ARGS__)
#define TFL_EXTRA(...) \
	.extra = (const tfl_field[]){ __VA_ARGS__ }, \
	.n_extra = TFL_COUNT(tfl_field, __VA_ARGS__)
#define TFL_OPTIONS2(...) \
	.opts2 = (const tfl_field[]){ __VA_ARGS__ }, \
	.n_opts2 = TFL_COUNT(tfl_field, __VA_ARGS__)

/* Where tfl_finish() put things: byte offsets into its output, 0 if the
 * item was not written. Vectors and strings point at their length word. */
typedef struct tfl_model_pos {
	uint32_t table, vtable; /* the Model table */
	uint32_t opcodes, subgraphs, buffers; /* vectors of tables */
	uint32_t description; /* string */
	uint32_t end; /* end of the flatbuffer (outside data follows) */
} tfl_model_pos;

typedef struct tfl_subgraph_pos {
	uint32_t table, vtable;
	uint32_t tensors, inputs, outputs, operators, name;
} tfl_subgraph_pos;

typedef struct tfl_tensor_pos {
	uint32_t table, vtable;
	uint32_t shape, name, quant; /* vector, string, table */
	uint32_t quant_vtable, scale, zp; /* quantization vtable, vectors */
} tfl_tensor_pos;

typedef struct tfl_op_pos {
	uint32_t table, vtable;
	uint32_t inputs, outputs, intermediates; /* vectors */
	uint32_t opts, opts2; /* options tables */
	uint32_t custom; /* custom_options vector, or its data outside */
} tfl_op_pos;

typedef struct tfl_opcode_pos {
	uint32_t table, vtable;
	uint32_t custom; /* custom_code string */
} tfl_opcode_pos;

typedef struct tfl_buffer_pos {
	uint32_t table, vtable;
	uint32_t data; /* data vector, or the data itself when outside */
} tfl_buffer_pos;

typedef struct tfl_sg tfl_sg; /* a subgraph being built (internal) */
typedef struct tfl_opcode_rec tfl_opcode_rec; /* (internal) */
typedef struct tfl_buffer_rec tfl_buffer_rec; /* (internal) */

/* The builder. The first three fields may be changed at any time before
 * tfl_finish(); `failed` may be read; the rest is internal. */
typedef struct tfl_builder {
	uint32_t version; /* Model.version (3) */
	char identifier[4]; /* file identifier ("TFL3") */
	const char *description; /* Model.description (not copied), or NULL */
	bool failed; /* an allocation failed: tfl_finish() returns NULL */

	tfl_sg *sg; /* subgraphs */
	uint32_t n_sg, cap_sg;
	uint32_t cur; /* subgraph that tensors and ops go to */
	tfl_opcode_rec *opcodes;
	uint32_t n_opcodes, cap_opcodes;
	tfl_buffer_rec *buffers;
	uint32_t n_buffers, cap_buffers;
	void **owned; /* copies made by the add calls */
	size_t n_owned, cap_owned;
	tfl_model_pos where; /* filled by tfl_finish() */
} tfl_builder;

/* Starts a model: schema version 3, identifier TFL3, one empty subgraph
 * (current), one empty buffer (index 0, the TFLite convention). */
void tfl_builder_init(tfl_builder *b);

/* Frees everything the builder holds (not the models it returned). */
void tfl_builder_free(tfl_builder *b);

/* Adds a subgraph, makes it current and returns its index. `name` may be
 * NULL (no name field). */
int tfl_subgraph(tfl_builder *b, const char *name);

/* Sets the current subgraph's name. */
void tfl_subgraph_name(tfl_builder *b, const char *name);

/* Adds a buffer holding a copy of `bytes` bytes at `data` (bytes 0: an
 * empty buffer) and returns its index. tfl_buffer_outside() stores the
 * data after the flatbuffer, addressed by Buffer.offset and .size. */
int tfl_buffer(tfl_builder *b, const void *data, size_t bytes);
int tfl_buffer_outside(tfl_builder *b, const void *data, size_t bytes);

/* Adds an operator code and returns its index; an identical code already
 * added is reused. Builtin codes above 127 also set the deprecated
 * byte to 127, as the converter does. */
int tfl_opcode(tfl_builder *b, int32_t builtin, int32_t version);
int tfl_opcode_custom(tfl_builder *b, const char *custom_code,
		      int32_t version);

/* Adds a tensor to the current subgraph and returns its index. */
int tfl_tensor(tfl_builder *b, const tfl_tensor_desc *t);

/* Adds an operator to the current subgraph and returns its index. */
int tfl_op(tfl_builder *b, const tfl_op_desc *op);

/* Sets the current subgraph's inputs or outputs (replacing earlier ones). */
void tfl_inputs(tfl_builder *b, const int32_t *v, uint32_t n);
void tfl_outputs(tfl_builder *b, const int32_t *v, uint32_t n);

/*
 * Writes the model. Returns a new 16-byte aligned allocation (release with
 * free()) of *len bytes, or NULL if memory ran out. May be called again
 * after more adds. Fills the positions tfl_where_*() report.
 */
uint8_t *tfl_finish(tfl_builder *b, size_t *len);

/* Positions of the last tfl_finish(); indices as the add calls returned.
 * NULL for an index that does not exist. */
const tfl_model_pos *tfl_where_model(const tfl_builder *b);
const tfl_subgraph_pos *tfl_where_subgraph(const tfl_builder *b,
					   uint32_t sg);
const tfl_tensor_pos *tfl_where_tensor(const tfl_builder *b, uint32_t sg,
				       uint32_t i);
const tfl_op_pos *tfl_where_op(const tfl_builder *b, uint32_t sg,
			       uint32_t i);
const tfl_opcode_pos *tfl_where_opcode(const tfl_builder *b, uint32_t i);
const tfl_buffer_pos *tfl_where_buffer(const tfl_builder *b, uint32_t i);

/*
 * Helpers for corrupting a model on purpose. tfl_field_at() is the byte
 * position of field `id` of the table at `table` (0 if absent), read from
 * the table's vtable; tfl_put_*() store little-endian values.
 */
uint32_t tfl_field_at(const uint8_t *model, uint32_t table, unsigned id);
void tfl_put_u16(uint8_t *model, size_t pos, uint16_t v);
void tfl_put_u32(uint8_t *model, size_t pos, uint32_t v);
void tfl_put_u64(uint8_t *model, size_t pos, uint64_t v);

#endif /* MOTE_TFL_BUILDER_H */
