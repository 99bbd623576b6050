/* SPDX-License-Identifier: Apache-2.0 */
/*
 * op_util.h - prepare-time helpers shared by operators: fused activation
 * ranges, TFLite's quantized-multiplier set-up and the checks of one-input
 * operators. Pure functions of the model; no kernel calls these at invoke.
 */
#ifndef MOTE_OPS_OP_UTIL_H
#define MOTE_OPS_OP_UTIL_H

#include "runtime/op.h"

/* TFLite ActivationFunctionType. */
enum {
	MOTE_ACT_NONE = 0,
	MOTE_ACT_RELU = 1,
	MOTE_ACT_RELU_N1_TO_1 = 2,
	MOTE_ACT_RELU6 = 3,
	MOTE_ACT_TANH = 4,
	MOTE_ACT_SIGN_BIT = 5,
};

/* TFLite Padding. */
enum { MOTE_PAD_SAME = 0, MOTE_PAD_VALID = 1 };

/*
 * Clamp range of a fused activation on a quantized output (TFLite's
 * CalculateActivationRangeQuantized): int8/uint8/int16/int32 output.
 * TANH and SIGN_BIT clamp nothing, as in TFLM. Records and returns
 * E_BAD_OPTIONS for an unknown activation, E_BAD_QUANT for an
 * unquantizable bound.
 */
mote_status mote__act_range_q(mote__prep *p, int32_t act,
			      const mote__tensor *out, int32_t *act_min,
			      int32_t *act_max);

/* Same for float outputs (CalculateActivationRange<float>). */
mote_status mote__act_range_f(mote__prep *p, int32_t act, float *act_min,
			      float *act_max);

/* Lowest and highest value of an integer type (int8, uint8, int16, int32). */
void mote__type_range(mote_type t, int32_t *lo, int32_t *hi);

/* Output size and padding of a conv/pool window (TFLite ComputePaddingHeightWidth
 * for one dimension): out = computed output size, pad = leading padding,
 * pad_extra = the odd extra (offset) at the end. Returns false when the
 * output would be <= 0. */
bool mote__window(int32_t padding, int32_t in, int32_t filter, int32_t stride,
		  int32_t dilation, int32_t *out, int32_t *pad);

/*
 * Reads input 0 and output 0 of an operator with exactly one input and
 * one output. Records and returns the reading's error, else
 * E_BAD_TYPE if same_type and the types differ, else E_BAD_SHAPE if the
 * element counts differ.
 */
mote_status mote__unary_io(mote__prep *p, mote__tensor *in, mote__tensor *out,
			   bool same_type);

/* Checks that t has a positive finite first scale and a zero point in its
 * type's range; records and returns E_BAD_QUANT if not. */
mote_status mote__check_quant(mote__prep *p, const mote__tensor *t);

/* Records and returns E_UNSUPPORTED: t's type is not one the operator
 * supports. */
mote_status mote__unsupported(mote__prep *p, const mote__tensor *t);

/* The tensors of a convolution-like operator (CONV_2D, DEPTHWISE_CONV_2D):
 * input, filter, optional bias, output. */
typedef struct mote__conv_io {
	mote__tensor in; /* input 0 */
	mote__tensor filter; /* input 1 */
	mote__tensor bias; /* input 2, valid if has_bias */
	mote__tensor out; /* output 0 */
	bool has_bias; /* input 2 is present */
} mote__conv_io;

/* Reads them: 2 or 3 inputs, 1 output. */
mote_status mote__conv_tensors(mote__prep *p, mote__conv_io *io);

/*
 * Quantization checks of the integer convolution kernels: every tensor
 * quantized (`unquantized` is the message otherwise), filter scales per
 * tensor or per out_c channel along its quantized dimension, filter zero
 * points 0, input/output zero points inside their types (stored in *in_zp,
 * *out_zp) and 0 for int16.
 */
mote_status mote__conv_check_quant(mote__prep *p, const mote__conv_io *io,
				   int32_t out_c, int32_t *in_zp,
				   int32_t *out_zp, const char *unquantized);

/*
 * Per-channel multipliers as TFLM's PopulateConvolutionQuantizationParams:
 * (double)in_scale * (double)filter_scale[c] / (double)out_scale for each
 * of out_c channels. With mult NULL (measuring) it only validates.
 * max_shift: 30 for the 32-bit requantization, 14 for the 64-bit one
 * (larger shifts are undefined in TFLM's arithmetic).
 */
mote_status mote__conv_multipliers(mote__prep *p, const mote__conv_io *io,
				   int32_t out_c, int max_shift, int32_t *mult,
				   int32_t *shift);

#endif /* MOTE_OPS_OP_UTIL_H */
