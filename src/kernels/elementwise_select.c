/* SPDX-License-Identifier: Apache-2.0 */
/*
 * elementwise_select.c - SELECT and SELECT_V2 kernels (see elementwise.h):
 * out = cond ? x : y over a three-input broadcast walk. Values are copied
 * bit for bit, so one kernel per element size serves every type. The
 * condition is read as bytes, nonzero meaning true.
 */
#include "kernels/elementwise.h"

#define SELECT_KERNEL(suffix, T)                                               \
	void mote_select_##suffix(const mote_select_params *p,                 \
				  const uint8_t *cond, const T *x,             \
				  const T *y,                                  \
				  T *out)                                      \
	{                                                                      \
		const mote_bcast *bc = &p->bc;                                 \
		const int32_t sc = bc->stride[0][0];                           \
		const int32_t sx = bc->stride[1][0];                           \
		const int32_t sy = bc->stride[2][0];                           \
		mote_bcast_it it;                                              \
		for (bool more = mote_bcast_first(bc, &it); more;              \
		     more = mote_bcast_next(bc, &it)) {                        \
			const uint8_t *c = cond + it.in[0];                    \
			const T *xs = x + it.in[1];                            \
			const T *ys = y + it.in[2];                            \
			T *o = out + it.out;                                   \
			for (int32_t i = 0; i < bc->extent[0]; i++)            \
				o[i] = c[i * sc] != 0 ? xs[i * sx]             \
						      : ys[i * sy];            \
		}                                                              \
	}

SELECT_KERNEL(u8, uint8_t)
SELECT_KERNEL(u16, uint16_t)
SELECT_KERNEL(u32, uint32_t)
SELECT_KERNEL(u64, uint64_t)
