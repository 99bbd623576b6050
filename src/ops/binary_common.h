/* SPDX-License-Identifier: Apache-2.0 */
/*
 * binary_common.h - prepare-time helpers shared by the element-wise
 * operators (add_sub.c, mul_div.c, minmax.c, compare.c, logical.c,
 * squared_difference.c, floor_divmod.c, prelu.c, select.c, add_n.c).
 *
 * A two-input operator's prepare reads its tensors and broadcast walk with
 * mote__binary_begin() into a mote__binary on its stack, checks types and
 * computes multipliers into b.params, then calls mote__binary_finish(),
 * which copies the params into persistent memory (or returns MOTE_OK at
 * once while measuring, after every check has run) and sets the eval.
 */
#ifndef MOTE_OPS_BINARY_COMMON_H
#define MOTE_OPS_BINARY_COMMON_H

#include "kernels/elementwise.h"
#include "runtime/op.h"

/* A two-input operator being prepared. */
typedef struct mote__binary {
	mote__tensor in1; /* input 0 */
	mote__tensor in2; /* input 1 */
	mote__tensor out; /* output 0 */
	mote_binary_params params; /* filled here and by the operator */
} mote__binary;

/* Defines a static eval `name` calling a two-input kernel that cannot
 * fail on the node's params, inputs 0 and 1 and output 0. */
#define MOTE__EVAL_BINARY(name, kernel)                                        \
	static mote_status name(const mote__node *n, void *const *t)           \
	{                                                                      \
		kernel(n->params, mote__in(n, t, 0), mote__in(n, t, 1),        \
		       mote__out(n, t, 0));                                    \
		return MOTE_OK;                                                \
	}

/* The same for a kernel that returns false on bad data (a zero divisor):
 * the eval then returns MOTE_E_EVAL. */
#define MOTE__EVAL_BINARY_CHECKED(name, kernel)                                \
	static mote_status name(const mote__node *n, void *const *t)           \
	{                                                                      \
		bool ok = kernel(n->params, mote__in(n, t, 0),                 \
				 mote__in(n, t, 1), mote__out(n, t, 0));       \
		return ok ? MOTE_OK : MOTE_E_EVAL;                             \
	}

/*
 * Reads inputs 0 and 1 and output 0 (exactly two inputs and one output),
 * checks that the inputs broadcast to the output's shape and fills
 * b->params.bc; the other params are zeroed. When `same_type`, both
 * inputs must have one type. Lets the output reuse an input of its shape
 * and type. Records and returns E_INVALID, E_UNSUPPORTED or E_TOO_LARGE.
 */
mote_status mote__binary_begin(mote__prep *p, mote__binary *b, bool same_type);

/* Copies b->params into persistent memory and sets `eval`. */
mote_status mote__binary_finish(mote__prep *p, const mote__binary *b,
				mote__eval_fn eval);

/*
 * Fills the fused activation clamp of b->params for b->out's type, as
 * TFLM computes it: float (act_*_f), int32 (act_min/max: RELU [0, max],
 * RELU6 [0, 6], RELU_N1_TO_1 [-1, 1]) or int8/int16 (quantized bounds,
 * intersected with the type's range). TANH, SIGN_BIT and unknown values
 * clamp only to the type's range, as in TFLM.
 */
mote_status mote__binary_act(mote__prep *p, mote__binary *b, int32_t act);

/* Records E_UNSUPPORTED for t's type unless it is one of the `n` types;
 * sets *index to its position in `types` (so kernels can be tabled). */
mote_status mote__expect_types(mote__prep *p, const mote__tensor *t,
			       const mote_type *types, int n, int *index);

/* Records E_BAD_QUANT unless t carries (per-tensor) quantization. */
mote_status mote__expect_quant(mote__prep *p, const mote__tensor *t);

/*
 * TFLite QuantizeMultiplierSmallerThanOneExp with TFLM's checks: m must be
 * in (0, 1) and quantize with shift <= 0, else E_BAD_QUANT is recorded
 * against `tensor` (TFLM aborts on such models).
 */
mote_status mote__quant_mult_lt1(mote__prep *p, double m, int32_t tensor,
				 int32_t *mult, int32_t *shift);

/* TFLite QuantizeMultiplier for a finite m >= 0, else E_BAD_QUANT. */
mote_status mote__quant_mult(mote__prep *p, double m, int32_t tensor,
			     int32_t *mult, int32_t *shift);

#endif /* MOTE_OPS_BINARY_COMMON_H */
