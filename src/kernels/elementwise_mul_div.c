/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_mul_div.c - MUL and DIV kernels (see elementwise.h).
 *
 * Quantized MUL multiplies the offset inputs in int32 and rescales once
 * (TFLite MulElementwise). Quantized DIV follows TFLite DivElementwise:
 * the divisor is made positive (negating both), its reciprocal is taken
 * as a Q0 mantissa and exponent (mote_fp_reciprocal), the dividend is
 * normalised by its redundant sign bits, multiplied by the reciprocal and
 * the result shifted right by recip_shift + headroom - out_shift together
 * with the output multiplier. That right shift exceeds 31 only for a
 * dividend of 0 (or a tiny one over a large divisor with an output
 * multiplier below 2^5): TFLM then shifts by 32 or more, which is
 * undefined (x86 builds give the zero point plus one for a zero dividend
 * and garbage otherwise); mote gives the true quotient, which rounds to 0.
 */
#include "kernels/elementwise_impl.h"

static inline float mul_f32(const mote_binary_params *p, float x, float y)
{
	return mote__act_f32(x * y, p->act_min_f, p->act_max_f);
}

static inline int32_t mul_s32(const mote_binary_params *p, int32_t x,
			      int32_t y)
{
	int32_t prod = (int32_t)((uint32_t)x * (uint32_t)y);
	return mote__act_i32(prod, p->act_min, p->act_max);
}

static inline int32_t mul_q(const mote_binary_params *p, int32_t x, int32_t y)
{
	int32_t prod = (x + p->in1_offset) * (y + p->in2_offset);
	int32_t out = mote_mul_by_quant_mult(prod, p->out_mult, p->out_shift) +
		      p->out_offset;
	return mote__act_i32(out, p->act_min, p->act_max);
}

static inline int8_t mul_s8(const mote_binary_params *p, int8_t x, int8_t y)
{
	return (int8_t)mul_q(p, x, y);
}

static inline int16_t mul_s16(const mote_binary_params *p, int16_t x,
			      int16_t y)
{
	return (int16_t)mul_q(p, x, y);
}

static inline float div_f32(const mote_binary_params *p, float x, float y)
{
	return mote__act_f32(x / y, p->act_min_f, p->act_max_f);
}

MOTE__BINARY_KERNEL(mote_mul_f32, mote_binary_params, float, float, float,
		    mul_f32)
MOTE__BINARY_KERNEL(mote_mul_s32, mote_binary_params, int32_t, int32_t,
		    int32_t, mul_s32)
MOTE__BINARY_KERNEL(mote_mul_s8, mote_binary_params, int8_t, int8_t, int8_t,
		    mul_s8)
MOTE__BINARY_KERNEL(mote_mul_s16, mote_binary_params, int16_t, int16_t,
		    int16_t, mul_s16)
MOTE__BINARY_KERNEL(mote_div_f32, mote_binary_params, float, float, float,
		    div_f32)

bool mote_div_s32(const mote_binary_params *p, const int32_t *a,
		  const int32_t *b, int32_t *out)
{
	const mote_bcast *bc = &p->bc;
	const int32_t sa = bc->stride[0][0];
	const int32_t sb = bc->stride[1][0];
	mote_bcast_it it;

	for (bool more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it)) {
		for (int32_t i = 0; i < bc->extent[0]; i++) {
			int32_t x = a[it.in[0] + i * sa];
			int32_t y = b[it.in[1] + i * sb];
			if (y == 0 || (x == INT32_MIN && y == -1))
				return false;
			out[it.out + i] =
				mote__act_i32(x / y, p->act_min, p->act_max);
		}
	}
	return true;
}

/* The quotient of two offset int8 values (y != 0), rescaled and clamped. */
static int32_t div_q(const mote_binary_params *p, int32_t x, int32_t y)
{
	int recip_shift;

	if (y < 0) {
		x = -x;
		y = -y;
	}
	int32_t recip = mote_fp_reciprocal(y, 31, &recip_shift);
	int headroom = mote_clrsb_i32(x);
	int32_t quot = mote_mul_by_quant_mult_gt1(x, recip, headroom);
	int total_shift = p->out_shift - recip_shift - headroom;
	int32_t scaled = 0;
	if (total_shift >= -31)
		scaled = mote_mul_by_quant_mult_lt1(quot, p->out_mult,
						    total_shift);
	return mote__act_i32(scaled + p->out_offset, p->act_min, p->act_max);
}

bool mote_div_s8(const mote_binary_params *p, const int8_t *a,
		 const int8_t *b, int8_t *out)
{
	const mote_bcast *bc = &p->bc;
	const int32_t sa = bc->stride[0][0];
	const int32_t sb = bc->stride[1][0];
	mote_bcast_it it;

	for (bool more = mote_bcast_first(bc, &it); more;
	     more = mote_bcast_next(bc, &it)) {
		for (int32_t i = 0; i < bc->extent[0]; i++) {
			int32_t x = a[it.in[0] + i * sa] + p->in1_offset;
			int32_t y = b[it.in[1] + i * sb] + p->in2_offset;
			if (y == 0)
				return false;
			out[it.out + i] = (int8_t)div_q(p, x, y);
		}
	}
	return true;
}
