/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise.h - element-wise kernels with broadcasting: ADD, SUB, MUL,
 * DIV, MINIMUM, MAXIMUM, SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD, the six
 * comparisons, LOGICAL_AND, LOGICAL_OR, SELECT/SELECT_V2, PRELU and ADD_N.
 *
 * Every kernel (ADD_N excepted: its inputs all have the output's shape)
 * walks the output in row-major order with the mote_bcast of its params
 * (see broadcast.h) and computes each element from the input elements it
 * maps to, with TFLM's arithmetic for that element; same-shape inputs are
 * the one-loop case of the same walk, so TFLM's same-shape and broadcast
 * paths (which compute identical per-element results) are both covered.
 *
 * Integer arithmetic is TFLite's (double-rounding build): quantized ADD and
 * SUB shift both offset inputs left by `left_shift` (20 for int8, 15 for
 * int16), scale each with a multiplier < 1, add or subtract and rescale
 * with the output multiplier; quantized MUL multiplies the offset inputs
 * and rescales once; int8 comparisons rescale both inputs to a common
 * scale (left shift 8) before comparing, exactly as TFLM (the rescaled
 * values are coarse: close inputs can compare equal). Float results use
 * the same operations in the same order as TFLM's reference kernels and are
 * bit-identical; fused activations clamp as std::min(std::max(x, lo), hi),
 * so with no activation an infinite float sum becomes +-FLT_MAX, as in
 * TFLM. int32 sums, differences and products wrap modulo 2^32.
 *
 * Pointers: inputs and output are the tensors' data, borrowed for the call;
 * the output may alias an input of the same type and shape only when the
 * kernel reads each element before writing it (all kernels here do when
 * shapes are equal). Kernels never fail, except the divisions that
 * return bool (DIV int32/int8, FLOOR_DIV, FLOOR_MOD int32): false on a
 * zero divisor (int32 DIV and FLOOR_DIV also on INT32_MIN / -1), with the
 * output partly written.
 */
#ifndef MOTE_KERNELS_ELEMENTWISE_H
#define MOTE_KERNELS_ELEMENTWISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/broadcast.h"

/*
 * Parameters of a two-input kernel. Fields a kernel does not use are 0;
 * each kernel's comment says which it reads. Offsets are added to raw
 * values (input offsets are minus the zero points, the output offset is
 * the output zero point); multipliers are Q0.31 with a power-of-two
 * exponent `shift` (positive = left), see fixedpoint.h.
 */
typedef struct mote_binary_params {
	mote_bcast bc; /* input 1, input 2 -> output walk (n_in = 2) */
	int32_t in1_offset; /* minus input 1's zero point */
	int32_t in2_offset; /* minus input 2's zero point */
	int32_t left_shift; /* left shift of both offset inputs */
	int32_t in1_mult; /* input 1 rescale multiplier (< 1) */
	int32_t in1_shift; /* its exponent (<= 0) */
	int32_t in2_mult; /* input 2 rescale multiplier (< 1) */
	int32_t in2_shift; /* its exponent (<= 0) */
	int32_t out_mult; /* output rescale multiplier */
	int32_t out_shift; /* its exponent */
	int32_t out_offset; /* output zero point */
	int32_t act_min; /* lowest integer output (activation and type) */
	int32_t act_max; /* highest integer output */
	float act_min_f; /* float activation clamp, low end */
	float act_max_f; /* float activation clamp, high end */
} mote_binary_params;

/*
 * ADD, SUB. _f32: (a op b) clamped to act_*_f. _s32: wrapping a op b
 * clamped to act_min/act_max (ADD's prepare sets the full range: TFLM
 * ignores int32 ADD's activation). _s8, _s16: the quantized rescale with
 * every field above but the float clamp.
 */
void mote_add_f32(const mote_binary_params *p, const float *a, const float *b,
		  float *out);
void mote_add_s32(const mote_binary_params *p, const int32_t *a,
		  const int32_t *b, int32_t *out);
void mote_add_s8(const mote_binary_params *p, const int8_t *a, const int8_t *b,
		 int8_t *out);
void mote_add_s16(const mote_binary_params *p, const int16_t *a,
		  const int16_t *b, int16_t *out);
void mote_sub_f32(const mote_binary_params *p, const float *a, const float *b,
		  float *out);
void mote_sub_s32(const mote_binary_params *p, const int32_t *a,
		  const int32_t *b, int32_t *out);
void mote_sub_s8(const mote_binary_params *p, const int8_t *a, const int8_t *b,
		 int8_t *out);
void mote_sub_s16(const mote_binary_params *p, const int16_t *a,
		  const int16_t *b, int16_t *out);

/*
 * MUL. _f32, _s32 (wrapping): a * b clamped. _s8, _s16: offset inputs
 * multiplied, rescaled by out_mult/out_shift, plus out_offset, clamped.
 */
void mote_mul_f32(const mote_binary_params *p, const float *a, const float *b,
		  float *out);
void mote_mul_s32(const mote_binary_params *p, const int32_t *a,
		  const int32_t *b, int32_t *out);
void mote_mul_s8(const mote_binary_params *p, const int8_t *a, const int8_t *b,
		 int8_t *out);
void mote_mul_s16(const mote_binary_params *p, const int16_t *a,
		  const int16_t *b, int16_t *out);

/*
 * DIV. _f32: a / b clamped (IEEE: x / 0 is inf or nan). _s32: C division
 * (truncating) clamped; false on a zero divisor or INT32_MIN / -1. _s8:
 * TFLM's reciprocal-based quotient of the offset inputs, rescaled by
 * out_mult/out_shift (out_shift <= 23, checked at prepare); false when an
 * offset divisor is 0.
 */
void mote_div_f32(const mote_binary_params *p, const float *a, const float *b,
		  float *out);
bool mote_div_s32(const mote_binary_params *p, const int32_t *a,
		  const int32_t *b, int32_t *out);
bool mote_div_s8(const mote_binary_params *p, const int8_t *a, const int8_t *b,
		 int8_t *out);

/* MINIMUM, MAXIMUM: raw values, no rescale (as TFLM); only bc is read.
 * Float: a < b ? a : b and a > b ? a : b (a NaN in b wins). */
void mote_minimum_f32(const mote_binary_params *p, const float *a,
		      const float *b, float *out);
void mote_minimum_s8(const mote_binary_params *p, const int8_t *a,
		     const int8_t *b, int8_t *out);
void mote_minimum_s16(const mote_binary_params *p, const int16_t *a,
		      const int16_t *b, int16_t *out);
void mote_minimum_s32(const mote_binary_params *p, const int32_t *a,
		      const int32_t *b, int32_t *out);
void mote_minimum_s64(const mote_binary_params *p, const int64_t *a,
		      const int64_t *b, int64_t *out);
void mote_maximum_f32(const mote_binary_params *p, const float *a,
		      const float *b, float *out);
void mote_maximum_s8(const mote_binary_params *p, const int8_t *a,
		     const int8_t *b, int8_t *out);
void mote_maximum_s16(const mote_binary_params *p, const int16_t *a,
		      const int16_t *b, int16_t *out);
void mote_maximum_s32(const mote_binary_params *p, const int32_t *a,
		      const int32_t *b, int32_t *out);
void mote_maximum_s64(const mote_binary_params *p, const int64_t *a,
		      const int64_t *b, int64_t *out);

/*
 * SQUARED_DIFFERENCE. _f32: (a - b) * (a - b). _s32: the same, wrapping.
 * _s8 (left_shift 7), _s16 (left_shift 0): both inputs rescaled as in ADD,
 * the difference squared, rescaled by out_mult/out_shift, plus out_offset,
 * clamped to act_min/act_max (the type's range).
 */
void mote_squared_difference_f32(const mote_binary_params *p, const float *a,
				 const float *b, float *out);
void mote_squared_difference_s32(const mote_binary_params *p,
				 const int32_t *a, const int32_t *b,
				 int32_t *out);
void mote_squared_difference_s8(const mote_binary_params *p, const int8_t *a,
				const int8_t *b, int8_t *out);
void mote_squared_difference_s16(const mote_binary_params *p,
				 const int16_t *a, const int16_t *b,
				 int16_t *out);

/*
 * FLOOR_DIV: _f32 floor((double)a / (double)b), false on a zero divisor
 * (TFLM refuses those too); _s32 the same quotient (exact for int32),
 * false on a zero divisor or INT32_MIN / -1. FLOOR_MOD: the remainder
 * with the divisor's sign: _f32 from fmodf (b = 0 gives nan, as in TFLM),
 * _s32 from C's %, false on a zero divisor. Only bc is read.
 */
bool mote_floor_div_f32(const mote_binary_params *p, const float *a,
			const float *b, float *out);
bool mote_floor_div_s32(const mote_binary_params *p, const int32_t *a,
			const int32_t *b, int32_t *out);
void mote_floor_mod_f32(const mote_binary_params *p, const float *a,
			const float *b, float *out);
bool mote_floor_mod_s32(const mote_binary_params *p, const int32_t *a,
			const int32_t *b, int32_t *out);

/*
 * Comparisons, output bool. _bool, _f32, _s16, _s32, _s64 compare raw
 * values (int16 only when both inputs share scale and zero point, checked
 * at prepare). _s8 compares the rescaled values: (x + in_offset) << 8
 * times in_mult/in_shift, per input (TFLM's ComparisonWithScaling).
 * LESS etc. exist for every type but bool.
 */
#define MOTE__CMP_DECL(op, suffix, T)                                          \
	void mote_##op##_##suffix(const mote_binary_params *p, const T *a,     \
				  const T *b, bool *out);
#define MOTE__CMP_DECL_ALL(op)                                                 \
	MOTE__CMP_DECL(op, f32, float)                                         \
	MOTE__CMP_DECL(op, s8, int8_t)                                         \
	MOTE__CMP_DECL(op, s16, int16_t)                                       \
	MOTE__CMP_DECL(op, s32, int32_t)                                       \
	MOTE__CMP_DECL(op, s64, int64_t)
MOTE__CMP_DECL_ALL(equal)
MOTE__CMP_DECL_ALL(not_equal)
MOTE__CMP_DECL_ALL(less)
MOTE__CMP_DECL_ALL(less_equal)
MOTE__CMP_DECL_ALL(greater)
MOTE__CMP_DECL_ALL(greater_equal)
/* Bool inputs are read as bytes: nonzero is true. */
MOTE__CMP_DECL(equal, bool, uint8_t)
MOTE__CMP_DECL(not_equal, bool, uint8_t)
#undef MOTE__CMP_DECL_ALL
#undef MOTE__CMP_DECL

/* LOGICAL_AND, LOGICAL_OR on bool tensors (read as bytes, nonzero is
 * true); only bc is read. */
void mote_logical_and_bool(const mote_binary_params *p, const uint8_t *a,
			   const uint8_t *b, bool *out);
void mote_logical_or_bool(const mote_binary_params *p, const uint8_t *a,
			  const uint8_t *b, bool *out);

/* SELECT, SELECT_V2: out = cond ? x : y. */
typedef struct mote_select_params {
	mote_bcast bc; /* cond, x, y -> output walk (n_in = 3) */
} mote_select_params;

/* One kernel per element size: values are copied, never interpreted, so
 * _u8 serves int8/uint8/bool, _u16 int16, _u32 float/int32, _u64 int64. */
void mote_select_u8(const mote_select_params *p, const uint8_t *cond,
		    const uint8_t *x, const uint8_t *y, uint8_t *out);
void mote_select_u16(const mote_select_params *p, const uint8_t *cond,
		     const uint16_t *x, const uint16_t *y, uint16_t *out);
void mote_select_u32(const mote_select_params *p, const uint8_t *cond,
		     const uint32_t *x, const uint32_t *y, uint32_t *out);
void mote_select_u64(const mote_select_params *p, const uint8_t *cond,
		     const uint64_t *x, const uint64_t *y, uint64_t *out);

/* PRELU: out = x >= 0 ? x : x * alpha, alpha broadcast onto x. */
typedef struct mote_prelu_params {
	mote_bcast bc; /* input, alpha -> output walk (n_in = 2) */
	int32_t in_offset; /* minus the input zero point */
	int32_t alpha_offset; /* minus alpha's zero point */
	int32_t out_offset; /* output zero point */
	int32_t pos_mult; /* input scale / output scale */
	int32_t pos_shift; /* its exponent */
	int32_t neg_mult; /* input scale * alpha scale / output scale */
	int32_t neg_shift; /* its exponent */
} mote_prelu_params;

/* _f32 reads only bc. _s8 and _s16 (int8 alpha) rescale the offset input
 * (times the offset alpha when the input is negative) and clamp to the
 * output type's range. */
void mote_prelu_f32(const mote_prelu_params *p, const float *x,
		    const float *alpha, float *out);
void mote_prelu_s8(const mote_prelu_params *p, const int8_t *x,
		   const int8_t *alpha, int8_t *out);
void mote_prelu_s16(const mote_prelu_params *p, const int16_t *x,
		    const int8_t *alpha, int16_t *out);

/* ADD_N: the sum of n_in tensors of one shape. */
typedef struct mote_add_n_params {
	int32_t n_in; /* number of inputs (>= 1) */
	int32_t count; /* elements per tensor */
	int32_t in_offset; /* minus the (common) input zero point */
	int32_t left_shift; /* left shift of the offset inputs (20) */
	int32_t in_mult; /* input rescale multiplier */
	int32_t in_shift; /* its exponent (<= 0) */
	int32_t out_mult; /* output rescale multiplier */
	int32_t out_shift; /* its exponent (<= 0) */
	int32_t out_offset; /* output zero point */
	int32_t act_min; /* lowest output value */
	int32_t act_max; /* highest output value */
} mote_add_n_params;

/*
 * `in` holds n_in data pointers (the op keeps them in its scratch).
 * _f32: for each element 0.0f + in[0] + in[1] + ... in input order.
 * _s32: the same, wrapping. _s8: TFLM's sum of rescaled inputs, which
 * starts from the rescaled input offset (a constant -zp term TFLM adds
 * once per element), then rescales, offsets and clamps.
 */
void mote_add_n_f32(const mote_add_n_params *p, const float *const *in,
		    float *out);
void mote_add_n_s32(const mote_add_n_params *p, const int32_t *const *in,
		    int32_t *out);
void mote_add_n_s8(const mote_add_n_params *p, const int8_t *const *in,
		   int8_t *out);

/* Scratch bytes ADD_N's op needs for its pointer table. */
size_t mote_add_n_scratch_size(int32_t n_in);

#endif /* MOTE_KERNELS_ELEMENTWISE_H */
