/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_add_sub.c - ADD and SUB kernels (see elementwise.h).
 *
 * Quantized: both inputs are offset, shifted left by left_shift and scaled
 * by multipliers below 1 onto a common scale (twice the larger input
 * scale), added or subtracted in int32, rescaled to the output, offset and
 * clamped: TFLite's AddElementwise / SubElementwise, which its same-shape
 * and broadcast paths both use.
 */
#include "kernels/elementwise_impl.h"

static inline float add_f32(const mote_binary_params *p, float x, float y)
{
	return mote__act_f32(x + y, p->act_min_f, p->act_max_f);
}

static inline float sub_f32(const mote_binary_params *p, float x, float y)
{
	return mote__act_f32(x - y, p->act_min_f, p->act_max_f);
}

static inline int32_t add_s32(const mote_binary_params *p, int32_t x,
			      int32_t y)
{
	return mote__act_i32(mote_wrap_add(x, y), p->act_min, p->act_max);
}

static inline int32_t sub_s32(const mote_binary_params *p, int32_t x,
			      int32_t y)
{
	return mote__act_i32(mote_wrap_sub(x, y), p->act_min, p->act_max);
}

/* The rescaled sum (sign = 1) or difference (sign = -1), offset, clamped. */
static inline int32_t add_sub_q(const mote_binary_params *p, int32_t x,
				int32_t y, int sign)
{
	int32_t sx = mote__rescale_in(x, p->in1_offset, p->left_shift,
				      p->in1_mult, p->in1_shift);
	int32_t sy = mote__rescale_in(y, p->in2_offset, p->left_shift,
				      p->in2_mult, p->in2_shift);
	int32_t raw = sign > 0 ? mote_wrap_add(sx, sy) : mote_wrap_sub(sx, sy);
	int32_t out = mote_mul_by_quant_mult_lt1(raw, p->out_mult,
						 p->out_shift) +
		      p->out_offset;
	return mote__act_i32(out, p->act_min, p->act_max);
}

static inline int8_t add_s8(const mote_binary_params *p, int8_t x, int8_t y)
{
	return (int8_t)add_sub_q(p, x, y, 1);
}

static inline int16_t add_s16(const mote_binary_params *p, int16_t x,
			      int16_t y)
{
	return (int16_t)add_sub_q(p, x, y, 1);
}

static inline int8_t sub_s8(const mote_binary_params *p, int8_t x, int8_t y)
{
	return (int8_t)add_sub_q(p, x, y, -1);
}

static inline int16_t sub_s16(const mote_binary_params *p, int16_t x,
			      int16_t y)
{
	return (int16_t)add_sub_q(p, x, y, -1);
}

MOTE__BINARY_KERNEL(mote_add_f32, mote_binary_params, float, float, float,
		    add_f32)
MOTE__BINARY_KERNEL(mote_add_s32, mote_binary_params, int32_t, int32_t,
		    int32_t, add_s32)
MOTE__BINARY_KERNEL(mote_add_s8, mote_binary_params, int8_t, int8_t, int8_t,
		    add_s8)
MOTE__BINARY_KERNEL(mote_add_s16, mote_binary_params, int16_t, int16_t,
		    int16_t, add_s16)
MOTE__BINARY_KERNEL(mote_sub_f32, mote_binary_params, float, float, float,
		    sub_f32)
MOTE__BINARY_KERNEL(mote_sub_s32, mote_binary_params, int32_t, int32_t,
		    int32_t, sub_s32)
MOTE__BINARY_KERNEL(mote_sub_s8, mote_binary_params, int8_t, int8_t, int8_t,
		    sub_s8)
MOTE__BINARY_KERNEL(mote_sub_s16, mote_binary_params, int16_t, int16_t,
		    int16_t, sub_s16)
