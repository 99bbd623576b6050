/* SPDX-License-Identifier: Apache-2.0 */
/*
 * broadcast.c - mote_bcast_init(): turns shapes into the loop description
 * of broadcast.h. Runs at prepare time only.
 */
#include "kernels/broadcast.h"

/* Dim `i` counted from the end (1 = last) of a shape, 1 past its rank. */
static int32_t dim_from_end(const int32_t *dims, int32_t rank, int32_t i)
{
	return i <= rank ? dims[rank - i] : 1;
}

/* True if a new dim with strides `s` continues loop `l` of `b` for every
 * input: repeated in both, or contiguous across the two. */
static bool can_fuse(const mote_bcast *b, int32_t l, const int32_t *s)
{
	for (int32_t k = 0; k < b->n_in; k++) {
		int32_t cur = b->stride[k][l];
		if (s[k] == 0 && cur == 0)
			continue;
		if (s[k] == 0 || cur == 0)
			return false;
		if ((int64_t)s[k] != (int64_t)cur * b->extent[l])
			return false;
	}
	return true;
}

/* The output dim numpy broadcasting gives for input dims `d`, or -1 if
 * they do not broadcast. */
static int32_t broadcast_dim(const int32_t *d, int32_t n_in)
{
	int32_t out = 1;
	for (int32_t k = 0; k < n_in; k++) {
		if (d[k] < 0)
			return -1;
		if (d[k] == 1 || d[k] == out)
			continue;
		if (out != 1)
			return -1;
		out = d[k];
	}
	return out;
}

bool mote_bcast_init(mote_bcast *b, int32_t n_in,
		     const int32_t *const *dims, const int32_t *rank,
		     const int32_t *out_dims, int32_t out_rank)
{
	int64_t acc[MOTE_BCAST_MAX_IN];
	int64_t count = 1;
	int32_t r = out_rank;

	memset(b, 0, sizeof *b);
	if (n_in < 1 || n_in > MOTE_BCAST_MAX_IN || out_rank < 0 ||
	    out_rank > MOTE_BCAST_MAX_DIMS)
		return false;
	for (int32_t k = 0; k < n_in; k++) {
		if (rank[k] < 0 || rank[k] > MOTE_BCAST_MAX_DIMS)
			return false;
		r = rank[k] > r ? rank[k] : r;
		acc[k] = 1;
	}
	b->n_in = n_in;
	b->n_loops = 1;
	b->extent[0] = 1;

	/* Walk dims from the innermost out, opening a loop only when the
	 * dim cannot join the current one. */
	for (int32_t i = 1; i <= r; i++) {
		int32_t d[MOTE_BCAST_MAX_IN], s[MOTE_BCAST_MAX_IN];
		int32_t o = dim_from_end(out_dims, out_rank, i);
		for (int32_t k = 0; k < n_in; k++)
			d[k] = dim_from_end(dims[k], rank[k], i);
		int32_t want = broadcast_dim(d, n_in);
		if (want < 0 || o != want)
			return false;
		for (int32_t k = 0; k < n_in; k++) {
			s[k] = (d[k] == 1) ? 0 : (int32_t)acc[k];
			acc[k] *= d[k];
			if (acc[k] > INT32_MAX)
				return false;
		}
		count *= o;
		if (count > INT32_MAX)
			return false;
		if (o == 1)
			continue;
		int32_t l = b->n_loops - 1;
		if (b->extent[l] != 1 && !can_fuse(b, l, s)) {
			l = b->n_loops++;
			b->extent[l] = 1;
		}
		for (int32_t k = 0; k < n_in; k++)
			b->stride[k][l] = b->extent[l] == 1 ? s[k]
							    : b->stride[k][l];
		b->extent[l] *= o;
	}
	b->count = (int32_t)count;
	return true;
}
