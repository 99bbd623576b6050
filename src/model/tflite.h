/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tflite.h - field numbers of the TFLite schema (version 3) and read-only
 * views of a verified model: subgraphs, tensors, operators, buffers.
 *
 * Every function here assumes mote_model_open() verified the model; none
 * checks bounds again. Positions (uint32_t) are byte offsets into
 * m->bytes; 0 means absent.
 */
#ifndef MOTE_MODEL_TFLITE_H
#define MOTE_MODEL_TFLITE_H

#include "mote.h"

/* Model */
enum { FB_MODEL_VERSION = 0, FB_MODEL_OPCODES = 1, FB_MODEL_SUBGRAPHS = 2,
       FB_MODEL_DESCRIPTION = 3, FB_MODEL_BUFFERS = 4,
       FB_MODEL_METADATA_BUFFER = 5, FB_MODEL_METADATA = 6,
       FB_MODEL_SIGNATURES = 7 };
/* OperatorCode */
enum { FB_OPCODE_DEPRECATED = 0, FB_OPCODE_CUSTOM = 1, FB_OPCODE_VERSION = 2,
       FB_OPCODE_BUILTIN = 3 };
/* SubGraph */
enum { FB_SG_TENSORS = 0, FB_SG_INPUTS = 1, FB_SG_OUTPUTS = 2,
       FB_SG_OPERATORS = 3, FB_SG_NAME = 4 };
/* Tensor */
enum { FB_T_SHAPE = 0, FB_T_TYPE = 1, FB_T_BUFFER = 2, FB_T_NAME = 3,
       FB_T_QUANT = 4, FB_T_VARIABLE = 5, FB_T_SPARSITY = 6,
       FB_T_SHAPE_SIG = 7 };
/* QuantizationParameters */
enum { FB_Q_MIN = 0, FB_Q_MAX = 1, FB_Q_SCALE = 2, FB_Q_ZP = 3,
       FB_Q_DETAILS_TYPE = 4, FB_Q_DETAILS = 5, FB_Q_QDIM = 6 };
/* Operator */
enum { FB_OP_OPCODE = 0, FB_OP_INPUTS = 1, FB_OP_OUTPUTS = 2,
       FB_OP_OPTS_TYPE = 3, FB_OP_OPTS = 4, FB_OP_CUSTOM = 5,
       FB_OP_CUSTOM_FORMAT = 6, FB_OP_MUTATING = 7, FB_OP_INTERMEDIATES = 8,
       FB_OP_LARGE_CUSTOM_OFFSET = 9, FB_OP_LARGE_CUSTOM_SIZE = 10,
       FB_OP_OPTS2_TYPE = 11, FB_OP_OPTS2 = 12 };
/* Buffer */
enum { FB_BUF_DATA = 0, FB_BUF_OFFSET = 1, FB_BUF_SIZE = 2 };

/* BuiltinOperator CUSTOM. */
#define MOTE_BUILTIN_CUSTOM 32

/* Implementation limits (checked by the verifier: E_TOO_LARGE). */
#define MOTE_MAX_TENSORS 65535u
#define MOTE_MAX_OPS 65535u
#define MOTE_MAX_SUBGRAPHS 1024u
#define MOTE_MAX_TENSOR_BYTES 0x7fffffffu

/* A tensor as the runtime and tools see it: metadata from the model. */
typedef struct mote__tensor {
	int32_t index; /* tensor index in the subgraph */
	mote_type type; /* element type */
	int32_t rank; /* number of dims */
	int32_t dims[MOTE_MAX_DIMS]; /* shape */
	size_t elems; /* product of dims */
	size_t bytes; /* data size in bytes (int4: packed, 2 per byte) */
	const void *data; /* constant data in the model, or NULL */
	bool is_variable; /* state kept across invokes */
	uint32_t n_scale; /* number of scales (0: not quantized) */
	const float *scale; /* scales (aligned, verified) */
	uint32_t n_zp; /* number of zero points */
	const int64_t *zp; /* zero points (aligned, verified) */
	int32_t qdim; /* quantized dimension for per-channel */
	const char *name; /* NUL-terminated name, or "" */
} mote__tensor;

/* Table position of subgraph sg. */
uint32_t mote__model_subgraph(const mote_model *m, uint32_t sg);
uint32_t mote__sg_n_tensors(const mote_model *m, uint32_t sg);
uint32_t mote__sg_n_ops(const mote_model *m, uint32_t sg);
/* Graph inputs (FB_SG_INPUTS) or outputs: int32 indices, count in *n. */
const int32_t *mote__sg_io(const mote_model *m, uint32_t sg, unsigned field,
			   uint32_t *n);
const char *mote__sg_name(const mote_model *m, uint32_t sg);

/* Fills t with tensor `index` of subgraph sg. */
void mote__model_tensor(const mote_model *m, uint32_t sg, int32_t index,
			mote__tensor *t);

/* Operator `i` of subgraph sg: its table position. */
uint32_t mote__model_op(const mote_model *m, uint32_t sg, uint32_t i);
/* Its input/output/intermediate indices (field FB_OP_INPUTS...), count in *n. */
const int32_t *mote__op_io(const mote_model *m, uint32_t op, unsigned field,
			   uint32_t *n);

/* The operator code of an operator: builtin code, custom name or NULL,
 * version. */
void mote__op_code(const mote_model *m, uint32_t op, int32_t *builtin,
		   const char **custom, int32_t *version);

/* Custom options bytes of an operator (also large custom options). */
const uint8_t *mote__op_custom(const mote_model *m, uint32_t op, size_t *len);

/* Data of buffer b (NULL, len 0 if empty). */
const uint8_t *mote__model_buffer(const mote_model *m, uint32_t b,
				  size_t *len);

/* Name of a builtin operator ("CONV_2D"), or NULL if unknown. */
const char *mote__builtin_name(int32_t code);

/* The model's description string, or "". */
const char *mote__model_description(const mote_model *m);

#endif /* MOTE_MODEL_TFLITE_H */
