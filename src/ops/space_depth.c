/* SPDX-License-Identifier: Apache-2.0 */
/*
 * space_depth.c - the SPACE_TO_DEPTH (26) and DEPTH_TO_SPACE (5) operators.
 *
 * Input 0 and the output are NHWC (rank 4) of one fixed-size type (TFLM:
 * float32 and int8). Option block_size (field 0) b >= 1.
 * SPACE_TO_DEPTH: [n, h, w, c] -> [n, h/b, w/b, b*b*c]; output channel
 * (by*b + bx)*c + k of pixel (y, x) is input (y*b + by, x*b + bx, k).
 * DEPTH_TO_SPACE is the inverse: [n, h, w, b*b*c] -> [n, h*b, w*b, c].
 * Both are transposes of a 6-D reshape of the input,
 *   [n, h/b, b, w/b, b, c] -> [n, h/b, w/b, b, b, c]   (space to depth)
 *   [n, h, w, b, b, c]     -> [n, h, b, w, b, c]       (depth to space)
 * so prepare builds a view (kernels/strided_copy.h) and eval copies it.
 */
#include "ops/movement.h"

#include <string.h>

/* Both directions use the same permutation of the 6-D reshape. */
static const int32_t perm6[6] = { 0, 1, 3, 2, 4, 5 };

static mote_status prepare_common(mote__prep *p, bool to_depth)
{
	mote__tensor in, out;
	int64_t want[4];
	int32_t dims6[6];
	mote_view view;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 1, 1, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &in)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &in, &out)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &in)))
		return MOTE_E_UNSUPPORTED;
	int32_t b = mote__opt_i32(p, 0, 0);
	if (b < 1 || b > 46340)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "block_size must be >= 1");
	if (in.rank != 4 || out.rank != 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "input and output must be rank 4");
	int32_t n = in.dims[0], h = in.dims[1], w = in.dims[2], c = in.dims[3];
	if (to_depth && (h % b != 0 || w % b != 0))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "height, width not multiples of block");
	if (!to_depth && c % (b * b) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, in.index,
				       "depth must divide by block_size^2");
	if (to_depth) {
		const int64_t w4[4] = { n, h / b, w / b, (int64_t)c * b * b };
		const int32_t d6[6] = { n, h / b, b, w / b, b, c };
		memcpy(want, w4, sizeof want);
		memcpy(dims6, d6, sizeof dims6);
	} else {
		const int64_t w4[4] = { n, (int64_t)h * b, (int64_t)w * b,
					c / (b * b) };
		const int32_t d6[6] = { n, h, w, b, b, c / (b * b) };
		memcpy(want, w4, sizeof want);
		memcpy(dims6, d6, sizeof dims6);
	}
	bool same = true;
	for (int32_t d = 0; d < 4; d++)
		same = same && out.dims[d] == want[d];
	if (!same)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output shape does not fit block");
	if (!mote_view_init_transpose(&view, dims6, 6, perm6, es))
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, in.index,
				       "tensor too large");
	return mote__prep_set_view(p, &view);
}

static mote_status prepare_s2d(mote__prep *p)
{
	return prepare_common(p, true);
}

static mote_status prepare_d2s(mote__prep *p)
{
	return prepare_common(p, false);
}

const mote_op mote_op_space_to_depth = { 26, NULL, "SPACE_TO_DEPTH",
					 prepare_s2d };
const mote_op mote_op_depth_to_space = { 5, NULL, "DEPTH_TO_SPACE",
					 prepare_d2s };
