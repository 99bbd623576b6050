/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resize.c - the RESIZE_NEAREST_NEIGHBOR (97) and RESIZE_BILINEAR (23)
 * operators.
 *
 * Inputs: 0 an NHWC tensor (rank 4), 1 size (constant int32 or int64
 * [2]: new height and width, as TFLM requires). Output: [n, height, width,
 * c] of the input's type. Options: align_corners and half_pixel_centers
 * (fields 0 and 1 for nearest, 2 and 3 for bilinear, which refuses both
 * at once as TFLM does).
 * Nearest neighbour moves any fixed-size type (TFLM: float32, int8,
 * int16); bilinear takes float32, int8 (TFLM's integer arithmetic) and
 * int16 (the same integer arithmetic; TFLM has no int16 bilinear).
 * Quantized values are interpolated as they are: input and output are
 * expected to share scale and zero point, which neither TFLM nor mote
 * checks. Prepare computes the scales (kernels/resize.h).
 */
#include "kernels/resize.h"
#include "ops/movement.h"

static mote_status eval_nearest(const mote__node *n, void *const *t)
{
	mote_resize_nearest_any(n->params, mote__in(n, t, 0),
				mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_f32(const mote__node *n, void *const *t)
{
	mote_resize_bilinear_f32(n->params, mote__in(n, t, 0),
				 mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s8(const mote__node *n, void *const *t)
{
	mote_resize_bilinear_s8(n->params, mote__in(n, t, 0),
				mote__out(n, t, 0));
	return MOTE_OK;
}

static mote_status eval_s16(const mote__node *n, void *const *t)
{
	mote_resize_bilinear_s16(n->params, mote__in(n, t, 0),
				 mote__out(n, t, 0));
	return MOTE_OK;
}

/* Shapes and the constant size; fills the dims of k. */
static mote_status check(mote__prep *p, const mote__tensor *in,
			 const mote__tensor *size_tensor,
			 const mote__tensor *out, mote_resize_params *k)
{
	int32_t size[2];
	mote_status s;

	if ((s = mote__prep_same_type(p, in, out)) != MOTE_OK ||
	    (s = mote__prep_const_indices(p, size_tensor, 2, size,
					  "size must be constant")) != MOTE_OK)
		return s;
	if (in->rank != 4 || out->rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in->index,
				       "input and output must be rank 4");
	if (size[0] < 1 || size[1] < 1 || out->dims[0] != in->dims[0] ||
	    out->dims[1] != size[0] || out->dims[2] != size[1] ||
	    out->dims[3] != in->dims[3])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output is not [n, size, c]");
	if (in->dims[1] < 1 || in->dims[2] < 1 || in->dims[1] > (1 << 20) ||
	    in->dims[2] > (1 << 20) || size[0] > (1 << 20) ||
	    size[1] > (1 << 20))
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, in->index,
				       "image sides must be 1 .. 2^20");
	k->batch = in->dims[0];
	k->in_h = in->dims[1];
	k->in_w = in->dims[2];
	k->depth = in->dims[3];
	k->out_h = size[0];
	k->out_w = size[1];
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p, bool bilinear)
{
	mote__tensor in, size, out;
	mote_resize_params k = { 0 };
	mote__eval_fn eval = eval_nearest;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &size)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = check(p, &in, &size, &out, &k)) != MOTE_OK)
		return s;
	if (!(k.elem_size = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	unsigned field = bilinear ? 2 : 0;
	bool align = mote__opt_bool(p, field, false);
	bool half = mote__opt_bool(p, field + 1, false);
	if (bilinear && align && half)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "align_corners with half_pixel_centers");
	if (bilinear && in.type == MOTE_FLOAT32)
		eval = eval_f32;
	else if (bilinear && in.type == MOTE_INT8)
		eval = eval_s8;
	else if (bilinear && in.type == MOTE_INT16)
		eval = eval_s16;
	else if (bilinear)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, in.index,
				       "bilinear needs float32, int8 or int16");

	k.align_corners = align;
	k.half_pixel_centers = half;
	mote_resize_init(&k);

	mote_resize_params *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = k;
	mote__prep_set(p, eval, NULL, d);
	return MOTE_OK;
}

static mote_status prepare_nearest(mote__prep *p)
{
	return prepare(p, false);
}

static mote_status prepare_bilinear(mote__prep *p)
{
	return prepare(p, true);
}

const mote_op mote_op_resize_nearest_neighbor = { 97, NULL,
						  "RESIZE_NEAREST_NEIGHBOR",
						  prepare_nearest };
const mote_op mote_op_resize_bilinear = { 23, NULL, "RESIZE_BILINEAR",
					  prepare_bilinear };
