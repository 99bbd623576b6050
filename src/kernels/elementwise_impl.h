/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_impl.h - private to the elementwise_*.c kernel files: the
 * broadcast loop every two-input kernel shares, and TFLM's clamp.
 *
 * A kernel file writes the arithmetic of one element as a static inline
 * function elem(p, x, y) and instantiates the loop with
 * MOTE__BINARY_KERNEL, the way TFLM instantiates its templates: the loop
 * is written once and every kernel is a plain loop after expansion.
 */
#ifndef MOTE_KERNELS_ELEMENTWISE_IMPL_H
#define MOTE_KERNELS_ELEMENTWISE_IMPL_H

#include "kernels/elementwise.h"
#include "kernels/fixedpoint.h"

/*
 * Defines `void NAME(const PT *p, const TA *a, const TB *b, TO *out)`,
 * which sets each output element, in row-major order, to
 * ELEM(p, a element, b element) for the elements p->bc maps it to.
 */
#define MOTE__BINARY_KERNEL(NAME, PT, TA, TB, TO, ELEM)                        \
	void NAME(const PT *p, const TA *a, const TB *b, TO *out)              \
	{                                                                      \
		const mote_bcast *bc = &p->bc;                                 \
		const int32_t sa = bc->stride[0][0];                           \
		const int32_t sb = bc->stride[1][0];                           \
		mote_bcast_it it;                                              \
		for (bool more = mote_bcast_first(bc, &it); more;              \
		     more = mote_bcast_next(bc, &it)) {                        \
			const TA *x = a + it.in[0];                            \
			const TB *y = b + it.in[1];                            \
			TO *o = out + it.out;                                  \
			for (int32_t i = 0; i < bc->extent[0]; i++)            \
				o[i] = ELEM(p, x[i * sa], y[i * sb]);          \
		}                                                              \
	}

/* TFLM's ActivationFunctionWithMinMax: std::min(std::max(x, lo), hi).
 * NaN passes through; +-inf become hi/lo. */
static inline float mote__act_f32(float x, float lo, float hi)
{
	float m = x < lo ? lo : x;
	return hi < m ? hi : m;
}

/* The same order of comparisons for integers (hi wins if lo > hi). */
static inline int32_t mote__act_i32(int32_t x, int32_t lo, int32_t hi)
{
	int32_t m = x < lo ? lo : x;
	return hi < m ? hi : m;
}

/* TFLite's rescale of a quantized input in ADD, SUB, SQUARED_DIFFERENCE
 * and the int8 comparisons: ((x + offset) << left_shift) * mult * 2^shift
 * with shift <= 0. The shift wraps as TFLM's multiplication does on its
 * targets; prepare keeps it in range for valid zero points. */
static inline int32_t mote__rescale_in(int32_t x, int32_t offset,
				       int32_t left_shift, int32_t mult,
				       int32_t shift)
{
	int32_t shifted = (int32_t)((uint32_t)(x + offset) << left_shift);
	return mote_mul_by_quant_mult_lt1(shifted, mult, shift);
}

#endif /* MOTE_KERNELS_ELEMENTWISE_IMPL_H */
