/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pooling_common.c - the pooling window clipped to the input, shared by
 * the pooling kernels. See pooling.h.
 */
#include "kernels/pooling.h"

#include "kernels/fixedpoint.h"

void mote__pool_window_at(const mote_pool_params *p, int32_t oy, int32_t ox,
			  mote__pool_window *w)
{
	w->iy = oy * p->stride_h - p->pad_h;
	w->ix = ox * p->stride_w - p->pad_w;
	w->y0 = mote_max_i32(0, -w->iy);
	w->y1 = mote_min_i32(p->filter_h, p->in_h - w->iy);
	w->x0 = mote_max_i32(0, -w->ix);
	w->x1 = mote_min_i32(p->filter_w, p->in_w - w->ix);
}
