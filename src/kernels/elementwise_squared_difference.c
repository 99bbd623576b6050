/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_squared_difference.c - SQUARED_DIFFERENCE kernels (see
 * elementwise.h).
 *
 * Quantized (TFLM squared_difference.cc): both inputs are rescaled onto a
 * common scale as in ADD (left shift 7 for int8, 0 for int16), the int32
 * difference is squared and rescaled to the output with a general
 * multiplier, offset and clamped to the type's range.
 */
#include "kernels/elementwise_impl.h"

static inline float sqdiff_f32(const mote_binary_params *p, float x, float y)
{
	(void)p;
	float d = x - y;
	return d * d;
}

static inline int32_t sqdiff_s32(const mote_binary_params *p, int32_t x,
				 int32_t y)
{
	(void)p;
	uint32_t d = (uint32_t)x - (uint32_t)y;
	return (int32_t)(d * d);
}

static inline int32_t sqdiff_q(const mote_binary_params *p, int32_t x,
			       int32_t y)
{
	int32_t sx = mote__rescale_in(x, p->in1_offset, p->left_shift,
				      p->in1_mult, p->in1_shift);
	int32_t sy = mote__rescale_in(y, p->in2_offset, p->left_shift,
				      p->in2_mult, p->in2_shift);
	uint32_t d = (uint32_t)sx - (uint32_t)sy;
	int32_t sq = (int32_t)(d * d);
	int32_t out = mote_mul_by_quant_mult(sq, p->out_mult, p->out_shift) +
		      p->out_offset;
	return mote__act_i32(out, p->act_min, p->act_max);
}

static inline int8_t sqdiff_s8(const mote_binary_params *p, int8_t x, int8_t y)
{
	return (int8_t)sqdiff_q(p, x, y);
}

static inline int16_t sqdiff_s16(const mote_binary_params *p, int16_t x,
				 int16_t y)
{
	return (int16_t)sqdiff_q(p, x, y);
}

MOTE__BINARY_KERNEL(mote_squared_difference_f32, mote_binary_params, float,
		    float, float, sqdiff_f32)
MOTE__BINARY_KERNEL(mote_squared_difference_s32, mote_binary_params, int32_t,
		    int32_t, int32_t, sqdiff_s32)
MOTE__BINARY_KERNEL(mote_squared_difference_s8, mote_binary_params, int8_t,
		    int8_t, int8_t, sqdiff_s8)
MOTE__BINARY_KERNEL(mote_squared_difference_s16, mote_binary_params, int16_t,
		    int16_t, int16_t, sqdiff_s16)
