/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_compare.c - EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
 * GREATER_EQUAL, LOGICAL_AND and LOGICAL_OR kernels (see elementwise.h).
 *
 * Raw comparisons use C's operators (a NaN compares unequal and
 * unordered). int8 compares TFLM's rescaled values: each input is offset,
 * shifted left by 8 and multiplied by its own scale (as a Q0.31
 * multiplier), and the two int32 results are compared.
 */
#include "kernels/elementwise_impl.h"

#define OP_equal ==
#define OP_not_equal !=
#define OP_less <
#define OP_less_equal <=
#define OP_greater >
#define OP_greater_equal >=

/* Raw comparison `op` of type T: element function and kernel. */
#define CMP_RAW(op, suffix, T)                                                 \
	static inline bool op##_##suffix(const mote_binary_params *p, T x,     \
					 T y)                                  \
	{                                                                      \
		(void)p;                                                       \
		return x OP_##op y;                                            \
	}                                                                      \
	MOTE__BINARY_KERNEL(mote_##op##_##suffix, mote_binary_params, T, T,    \
			    bool, op##_##suffix)

/* int8 comparison `op` on rescaled values. */
#define CMP_S8(op)                                                             \
	static inline bool op##_s8(const mote_binary_params *p, int8_t x,      \
				   int8_t y)                                   \
	{                                                                      \
		int32_t sx = mote__rescale_in(x, p->in1_offset, p->left_shift, \
					      p->in1_mult, p->in1_shift);      \
		int32_t sy = mote__rescale_in(y, p->in2_offset, p->left_shift, \
					      p->in2_mult, p->in2_shift);      \
		return sx OP_##op sy;                                          \
	}                                                                      \
	MOTE__BINARY_KERNEL(mote_##op##_s8, mote_binary_params, int8_t,        \
			    int8_t, bool, op##_s8)

#define CMP_ALL(op)                                                            \
	CMP_RAW(op, f32, float)                                                \
	CMP_RAW(op, s16, int16_t)                                              \
	CMP_RAW(op, s32, int32_t)                                              \
	CMP_RAW(op, s64, int64_t)                                              \
	CMP_S8(op)

CMP_ALL(equal)
CMP_ALL(not_equal)
CMP_ALL(less)
CMP_ALL(less_equal)
CMP_ALL(greater)
CMP_ALL(greater_equal)
/* Bool tensors are read as bytes, nonzero meaning true: an input byte other
 * than 0 or 1 (user data) is then defined, not a trap value. */
static inline bool equal_bool(const mote_binary_params *p, uint8_t x,
			      uint8_t y)
{
	(void)p;
	return (x != 0) == (y != 0);
}

static inline bool not_equal_bool(const mote_binary_params *p, uint8_t x,
				  uint8_t y)
{
	(void)p;
	return (x != 0) != (y != 0);
}

static inline bool logical_and(const mote_binary_params *p, uint8_t x,
			       uint8_t y)
{
	(void)p;
	return x != 0 && y != 0;
}

static inline bool logical_or(const mote_binary_params *p, uint8_t x,
			      uint8_t y)
{
	(void)p;
	return x != 0 || y != 0;
}

MOTE__BINARY_KERNEL(mote_equal_bool, mote_binary_params, uint8_t, uint8_t,
		    bool, equal_bool)
MOTE__BINARY_KERNEL(mote_not_equal_bool, mote_binary_params, uint8_t, uint8_t,
		    bool, not_equal_bool)
MOTE__BINARY_KERNEL(mote_logical_and_bool, mote_binary_params, uint8_t,
		    uint8_t, bool, logical_and)
MOTE__BINARY_KERNEL(mote_logical_or_bool, mote_binary_params, uint8_t,
		    uint8_t, bool, logical_or)
