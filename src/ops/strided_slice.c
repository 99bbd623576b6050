/* SPDX-License-Identifier: Apache-2.0 */
/*
 * strided_slice.c - the STRIDED_SLICE operator (45).
 *
 * Inputs: 0 the tensor (any fixed-size type, rank 0..8), 1 begin, 2 end,
 * 3 strides (constant 1-D int32 or int64 of equal length n, as TFLM
 * requires). Options (StridedSliceOptions): begin_mask 0, end_mask 1,
 * ellipsis_mask 2, new_axis_mask 3, shrink_axis_mask 4, offset 5.
 *
 * The masks are resolved the way TFLite does it (TFLM keeps only begin,
 * end and shrink masks and ignores the others): an ellipsis stands for as
 * many full-range dims as the spec leaves unnamed; a new axis inserts a
 * dim of size 1; dims past the spec are taken whole. Then per dim, with
 * size s and stride k != 0:
 *   start = begin (+ s if negative), clamped to [0, s] (k > 0) or
 *           [-1, s - 1] (k < 0); begin_mask: 0 or s - 1.
 *   stop  = end (+ start with `offset`) (+ s if negative), clamped the same
 *           way with [0, s] or [-1, s - 1]; end_mask: s or -1.
 *   the dim yields start, start + k, ... while before stop.
 * A shrunk dim takes the single element `start`, which must exist, and
 * disappears from the output; its stride must be positive (TFLite would
 * write nothing for it). The resulting shape must equal the output's.
 * Prepare turns all this into a view (kernels/strided_copy.h).
 */
#include "ops/movement.h"

/* The slice spec after expanding ellipsis and new axes. */
typedef struct spec {
	int32_t rank; /* effective rank */
	int32_t dims[MOTE_MAX_DIMS]; /* effective input dims */
	int32_t begin[MOTE_MAX_DIMS]; /* begin per effective dim */
	int32_t end[MOTE_MAX_DIMS]; /* end per effective dim */
	int32_t stride[MOTE_MAX_DIMS]; /* stride per effective dim */
	uint32_t begin_mask; /* bits per effective dim */
	uint32_t end_mask; /* bits per effective dim */
	uint32_t shrink_mask; /* bits per effective dim */
} spec;

/* The options and the raw begin/end/strides. */
typedef struct raw {
	int32_t n; /* length of begin, end and strides */
	int32_t begin[MOTE_MAX_DIMS]; /* begin values */
	int32_t end[MOTE_MAX_DIMS]; /* end values */
	int32_t stride[MOTE_MAX_DIMS]; /* stride values */
	uint32_t begin_mask; /* option 0: take the dim from its start */
	uint32_t end_mask; /* option 1: take the dim to its end */
	uint32_t ellipsis_mask; /* option 2: the ellipsis position */
	uint32_t new_axis_mask; /* option 3: insert a dim of size 1 */
	uint32_t shrink_mask; /* option 4: take one index, drop the dim */
	bool offset; /* option 5: end is relative to begin */
} raw;

static bool bit(uint32_t mask, int32_t i)
{
	return i < 32 && ((mask >> i) & 1u) != 0;
}

/* Marks which effective dims the ellipsis covers and which are new axes;
 * returns how many dims more than one the ellipsis stands for. */
static int32_t classify(const raw *r, int32_t eff,
			uint32_t *ell, uint32_t *newax)
{
	int32_t expanded = 0;
	*ell = 0;
	*newax = 0;
	for (int32_t i = 0; i < eff;) {
		if (bit(r->ellipsis_mask, i) && *ell == 0) {
			int32_t e = i + 1 + eff - r->n;
			e = e < eff ? e : eff;
			e = e > i + 1 ? e : i + 1;
			expanded = e - i - 1;
			for (; i < e; i++)
				*ell |= 1u << i;
			continue;
		}
		if (bit(r->new_axis_mask, i - expanded))
			*newax |= 1u << i;
		i++;
	}
	return expanded;
}

/* Expands the raw spec against the input dims. */
static bool expand(const raw *r, const int32_t *in_dims, int32_t in_rank,
		   spec *sp)
{
	int32_t n_new = 0, added = 0;
	uint32_t ell, newax;

	for (int32_t i = 0; i < r->n; i++)
		n_new += bit(r->new_axis_mask, i) && !bit(r->ellipsis_mask, i);
	int32_t eff = in_rank + n_new;
	if (eff > MOTE_MAX_DIMS || r->n - (r->ellipsis_mask ? 1 : 0) > eff)
		return false;
	int32_t expanded = classify(r, eff, &ell, &newax);
	sp->rank = eff;
	sp->begin_mask = sp->end_mask = sp->shrink_mask = 0;
	for (int32_t i = 0; i < eff; i++) {
		sp->begin[i] = 0;
		sp->end[i] = 0;
		sp->stride[i] = 1;
		if (bit(newax, i)) {
			sp->dims[i] = 1;
			sp->end[i] = 1;
			added++;
			continue;
		}
		sp->dims[i] = in_dims[i - added];
		bool after_ell = ell != 0 && (ell >> i) == 0;
		int32_t orig = i - (after_ell ? expanded : 0);
		if (bit(ell, i) || orig >= r->n) {
			sp->begin_mask |= 1u << i;
			sp->end_mask |= 1u << i;
			continue;
		}
		sp->begin[i] = r->begin[orig];
		sp->end[i] = r->end[orig];
		sp->stride[i] = r->stride[orig];
		sp->begin_mask |= (uint32_t)bit(r->begin_mask, orig) << i;
		sp->end_mask |= (uint32_t)bit(r->end_mask, orig) << i;
		sp->shrink_mask |= (uint32_t)bit(r->shrink_mask, orig) << i;
	}
	return true;
}

static int64_t clamp_index(int64_t v, int32_t size, int32_t stride)
{
	int64_t lo = stride > 0 ? 0 : -1, hi = stride > 0 ? size : size - 1;
	return v < lo ? lo : (v > hi ? hi : v);
}

/* Start and element count of effective dim i; false if it is invalid. */
static bool dim_range(const spec *sp, bool offset, int32_t i, int32_t *start,
		      int32_t *count)
{
	int32_t size = sp->dims[i], k = sp->stride[i];
	int64_t b = sp->begin[i], e = sp->end[i];

	if (k == 0)
		return false;
	b = clamp_index(b < 0 ? b + size : b, size, k);
	if (bit(sp->begin_mask, i))
		b = k > 0 ? 0 : size - 1;
	*start = (int32_t)b;
	if (bit(sp->shrink_mask, i)) {
		*count = 1;
		return k > 0 && b >= 0 && b < size;
	}
	e += offset ? b : 0;
	e = clamp_index(e < 0 ? e + size : e, size, k);
	if (bit(sp->end_mask, i))
		e = k > 0 ? size : -1;
	int64_t len = k > 0 ? e - b : b - e, step = k > 0 ? k : -(int64_t)k;
	*count = len > 0 ? (int32_t)((len + step - 1) / step) : 0;
	return true;
}

/* Reads the four inputs' values and the options. */
static mote_status read_raw(mote__prep *p, const mote__tensor *t, raw *r)
{
	mote_status s;
	if (t[1].rank != 1 || t[1].dims[0] > MOTE_MAX_DIMS ||
	    t[2].elems != t[1].elems || t[3].elems != t[1].elems)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, t[1].index,
				       "begin, end, strides: one 1-D length");
	r->n = t[1].dims[0];
	size_t n = (size_t)r->n;
	s = mote__prep_const_indices(p, &t[1], n, r->begin, "begin");
	if (s == MOTE_OK)
		s = mote__prep_const_indices(p, &t[2], n, r->end, "end");
	if (s == MOTE_OK)
		s = mote__prep_const_indices(p, &t[3], n, r->stride, "strides");
	if (s != MOTE_OK)
		return s;
	r->begin_mask = (uint32_t)mote__opt_i32(p, 0, 0);
	r->end_mask = (uint32_t)mote__opt_i32(p, 1, 0);
	r->ellipsis_mask = (uint32_t)mote__opt_i32(p, 2, 0);
	r->new_axis_mask = (uint32_t)mote__opt_i32(p, 3, 0);
	r->shrink_mask = (uint32_t)mote__opt_i32(p, 4, 0);
	r->offset = mote__opt_bool(p, 5, false);
	/* Bits past the spec mean nothing. */
	uint32_t used = (1u << r->n) - 1;
	r->begin_mask &= used;
	r->end_mask &= used;
	r->ellipsis_mask &= used;
	r->new_axis_mask &= used;
	r->shrink_mask &= used;
	if ((r->ellipsis_mask & (r->ellipsis_mask - 1)) != 0)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "more than one ellipsis");
	return MOTE_OK;
}

/* Builds the view and checks it against the output shape. */
static mote_status make_view(mote__prep *p, const spec *sp, bool offset,
			     const mote__tensor *out, uint32_t es,
			     mote_view *v)
{
	int32_t start[MOTE_MAX_DIMS], count[MOTE_MAX_DIMS], r = 0;

	bool same = true;
	if (sp->rank > MOTE_MAX_DIMS)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, out->index,
				       "slice rank above 8");
	for (int32_t i = 0; i < sp->rank && i < MOTE_MAX_DIMS; i++) {
		if (!dim_range(sp, offset, i, &start[i], &count[i]))
			return mote__prep_fail(p, MOTE_E_INVALID, -1,
					       "bad stride or shrunk index");
		if (bit(sp->shrink_mask, i))
			continue;
		same = same && r < out->rank && out->dims[r] == count[i];
		r++;
	}
	if (!same || r != out->rank)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out->index,
				       "output shape differs from the slice");
	if (!mote_view_init(v, sp->dims, sp->rank, start, sp->stride, count,
			    es))
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, out->index,
				       "tensor too large");
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor t[4], out;
	raw r;
	spec sp;
	mote_view view;
	uint32_t es;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 4, 4, 1)) != MOTE_OK)
		return s;
	for (int i = 0; i < 4; i++) {
		if ((s = mote__prep_in(p, i, &t[i])) != MOTE_OK)
			return s;
	}
	if ((s = mote__prep_out(p, 0, &out)) != MOTE_OK ||
	    (s = mote__prep_same_type(p, &t[0], &out)) != MOTE_OK ||
	    (s = read_raw(p, t, &r)) != MOTE_OK)
		return s;
	if (!(es = mote__prep_elem_size(p, &t[0])))
		return MOTE_E_UNSUPPORTED;
	if (!expand(&r, t[0].dims, t[0].rank, &sp))
		return mote__prep_fail(p, MOTE_E_INVALID, t[1].index,
				       "spec too long or over 8 dims");
	if ((s = make_view(p, &sp, r.offset, &out, es, &view)) != MOTE_OK)
		return s;
	return mote__prep_set_view(p, &view);
}

const mote_op mote_op_strided_slice = { 45, NULL, "STRIDED_SLICE", prepare };
