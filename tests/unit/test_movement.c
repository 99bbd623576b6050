/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_movement.c - tests of the data-movement kernels and operators:
 * strided views (TRANSPOSE, SLICE, STRIDED_SLICE, REVERSE_V2, BROADCAST_TO,
 * SPACE_TO_DEPTH, DEPTH_TO_SPACE), PAD / MIRROR_PAD, CONCATENATION / SPLIT
 * / PACK / UNPACK, GATHER / GATHER_ND / EMBEDDING_LOOKUP, SPACE_TO_BATCH_ND
 * / BATCH_TO_SPACE_ND and RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR.
 *
 * A standalone host program: prints each failed case with its first
 * mismatch (index, got, want) and ends with "N passed, N failed"; the exit
 * status is non-zero if any check failed.
 *
 * References are written independently of the kernels, element by element
 * from the operators' definitions: every output element is located by its
 * multi-index and mapped to the input element (or pad value) it must hold;
 * SPACE_TO_BATCH_ND is checked against "pad, reshape, transpose" and
 * BATCH_TO_SPACE_ND against "reshape, transpose, crop"; mirror padding
 * reflects by repeated folding. Data moves must match byte for byte for
 * element sizes 1, 2, 4 and 8. Resizing: nearest-neighbour indices and the
 * integer bilinear kernels are re-derived exactly from TFLM's arithmetic;
 * float bilinear is compared with a float64 interpolation within
 * 1e-5 + 1e-5 * |want| (inputs in [-1, 1]). The int8 requantizing
 * concatenation is compared with the real-number answer within one step.
 * Shapes are random (seeded xorshift32): odd sizes, zero-sized dims,
 * ranks 1 to 6, batch 2.
 *
 * A last group builds one-operator models with tfl_builder and runs them
 * through the interpreter: the STRIDED_SLICE masks (ellipsis, new axis,
 * shrink, offset), index inputs computed at run time (SLICE, MIRROR_PAD,
 * REVERSE_V2, BATCH_TO_SPACE_ND, PADV2's value), int64 indices, SHAPE to
 * int64, the errors prepare reports and MOTE_E_EVAL for bad run-time
 * indices.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/batch_space.h"
#include "kernels/concat.h"
#include "kernels/fixedpoint.h"
#include "kernels/gather.h"
#include "kernels/pad.h"
#include "kernels/resize.h"
#include "kernels/strided_copy.h"
#include "harness.h"
#include "mote.h"
#include "tfl_builder.h"

static void fill_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}

static const uint32_t elem_sizes[4] = { 1, 2, 4, 8 };

static int64_t product(const int32_t *dims, int32_t n)
{
	int64_t r = 1;
	for (int32_t i = 0; i < n; i++)
		r *= dims[i];
	return r;
}

/* Multi-index of flat index f in a row-major shape. */
static void unravel(int64_t f, const int32_t *dims, int32_t rank, int32_t *idx)
{
	for (int32_t d = rank - 1; d >= 0; d--) {
		idx[d] = dims[d] > 0 ? (int32_t)(f % dims[d]) : 0;
		f = dims[d] > 0 ? f / dims[d] : 0;
	}
}

/* Flat index of a multi-index in a row-major shape. */
static int64_t ravel(const int32_t *idx, const int32_t *dims, int32_t rank)
{
	int64_t f = 0;
	for (int32_t d = 0; d < rank; d++)
		f = f * dims[d] + idx[d];
	return f;
}

/* Compares n elements of es bytes; on a mismatch reports the first one. */
static void check_bytes(const char *name, const uint8_t *got,
			const uint8_t *want, int64_t n, uint32_t es)
{
	for (int64_t i = 0; i < n; i++) {
		if (memcmp(got + i * es, want + i * es, es) == 0)
			continue;
		char detail[96];
		snprintf(detail, sizeof detail,
			 "element %lld: got byte 0x%02x want 0x%02x",
			 (long long)i, got[i * es], want[i * es]);
		report(0, name, detail);
		return;
	}
	report(1, name, "");
}

/* ---- Strided views ------------------------------------------------------- */

/* Random transposes of ranks 1..6 against the permuted multi-index. */
static void test_transpose(void)
{
	for (int c = 0; c < 300; c++) {
		int32_t rank = rnd_int(1, 6), dims[6], perm[6], od[6];
		int32_t oi[6], ii[6];
		uint32_t es = elem_sizes[c % 4];
		mote_view v;

		for (int32_t d = 0; d < rank; d++) {
			dims[d] = rnd_int(c % 17 == 0 ? 0 : 1, 5);
			perm[d] = d;
		}
		for (int32_t d = rank - 1; d > 0; d--) {
			int32_t j = rnd_int(0, d), t = perm[d];
			perm[d] = perm[j];
			perm[j] = t;
		}
		for (int32_t d = 0; d < rank; d++)
			od[d] = dims[perm[d]];
		int64_t n = product(dims, rank);
		uint8_t *in = malloc((size_t)n * es + 1);
		uint8_t *out = malloc((size_t)n * es + 1);
		uint8_t *want = malloc((size_t)n * es + 1);
		fill_bytes(in, (size_t)n * es);
		for (int64_t f = 0; f < n; f++) {
			unravel(f, od, rank, oi);
			for (int32_t d = 0; d < rank; d++)
				ii[perm[d]] = oi[d];
			memcpy(want + f * es, in + ravel(ii, dims, rank) * es,
			       es);
		}
		bool ok = mote_view_init_transpose(&v, dims, rank, perm, es);
		report(ok && v.n_elems == n, "transpose.init", "view");
		if (ok)
			mote_strided_copy_any(&v, in, out);
		check_bytes("transpose.random", out, want, n, es);
		free(in);
		free(out);
		free(want);
	}
}

/* Picks, per axis, a slice, a strided slice, a reversal or a broadcast. */
static void random_axis(int32_t *dim, int32_t *start, int32_t *step,
			int32_t *count)
{
	int32_t n = *dim, mode = rnd_int(0, 3);
	if (mode == 3 || n == 0) {
		*dim = 1;
		*start = 0;
		*step = 0;
		*count = n == 0 ? 0 : rnd_int(1, 4);
		return;
	}
	*start = rnd_int(0, n - 1);
	*step = mode == 0 ? 1 : rnd_int(1, 3);
	int32_t room = (n - 1 - *start) / *step + 1;
	if (mode == 2) {
		*step = -*step;
		room = *start / -*step + 1;
	}
	*count = rnd_int(0, room);
}

/* Random general views against index = sum (start + i * step) * stride. */
static void test_view(void)
{
	for (int c = 0; c < 300; c++) {
		int32_t rank = rnd_int(1, 6), dims[6], start[6], step[6];
		int32_t count[6], oi[6];
		uint32_t es = elem_sizes[c % 4];
		mote_view v;

		for (int32_t d = 0; d < rank; d++) {
			dims[d] = rnd_int(0, 6);
			random_axis(&dims[d], &start[d], &step[d], &count[d]);
		}
		int64_t n_in = product(dims, rank), n = product(count, rank);
		uint8_t *in = malloc((size_t)n_in * es + 1);
		uint8_t *out = malloc((size_t)n * es + 1);
		uint8_t *want = malloc((size_t)n * es + 1);
		fill_bytes(in, (size_t)n_in * es);
		for (int64_t f = 0; f < n; f++) {
			unravel(f, count, rank, oi);
			int64_t at = 0;
			for (int32_t d = 0; d < rank; d++)
				at = at * dims[d] + start[d] + oi[d] * step[d];
			memcpy(want + f * es, in + at * es, es);
		}
		bool ok =
			mote_view_init(&v, dims, rank, start, step, count, es);
		report(ok && v.n_elems == n, "view.init", "view");
		if (ok)
			mote_strided_copy_any(&v, in, out);
		check_bytes("view.random", out, want, n, es);
		free(in);
		free(out);
		free(want);
	}
}

/* Rank 0, overflow and bad permutations. */
static void test_view_edges(void)
{
	mote_view v;
	int32_t big[2] = { 65536, 65536 }, one[1] = { 0 }, bad[2] = { 0, 0 };
	int64_t x = 0x0102030405060708, y = 0;

	report(mote_view_init(&v, NULL, 0, NULL, NULL, NULL, 8) &&
		       v.n_elems == 1,
	       "view.rank0", "a scalar is one element");
	mote_strided_copy_any(&v, &x, &y);
	report(x == y, "view.rank0.copy", "scalar copied");
	report(!mote_view_init_transpose(&v, big, 2, (int32_t[]){ 1, 0 }, 1),
	       "view.overflow", "2^32 elements must be refused");
	report(!mote_view_init_transpose(&v, (int32_t[]){ 2, 3 }, 2,
					 (int32_t[]){ 2, 0 }, 1),
	       "view.bad_perm", "perm value out of range");
	report(mote_view_init(&v, one, 1, bad, bad, one, 4) && v.n_elems == 0,
	       "view.empty", "zero count");
}

/* ---- Padding ------------------------------------------------------------- */

/* Mirror index by folding: REFLECT excludes the border, SYMMETRIC not. */
static int32_t fold(int32_t j, int32_t n, bool reflect)
{
	while (j < 0 || j >= n) {
		if (j < 0)
			j = reflect ? -j : -j - 1;
		else
			j = reflect ? 2 * (n - 1) - j : 2 * n - 1 - j;
	}
	return j;
}

/* Random PAD and MIRROR_PAD cases against per-element references. */
static void test_pad(bool mirror)
{
	const char *name = mirror ? "mirror_pad.random" : "pad.random";
	for (int c = 0; c < 300; c++) {
		mote_pad_params p;
		int32_t od[8], oi[8], ii[8];
		uint8_t value[8];
		memset(&p, 0, sizeof p);
		p.rank = rnd_int(1, 5);
		p.elem_size = elem_sizes[c % 4];
		p.reflect = mirror ? rnd_int(0, 1) : 0;
		for (int32_t d = 0; d < p.rank; d++) {
			int32_t n = rnd_int(mirror ? 1 : 0, 5);
			int32_t lim = mirror ? n - p.reflect : 3;
			p.in_dims[d] = n;
			p.before[d] = rnd_int(0, lim < 3 ? lim : 3);
			p.after[d] = rnd_int(0, lim < 3 ? lim : 3);
			od[d] = p.before[d] + n + p.after[d];
		}
		uint32_t es = p.elem_size;
		fill_bytes(value, sizeof value);
		int64_t n_in = product(p.in_dims, p.rank),
			n = product(od, p.rank);
		uint8_t *in = malloc((size_t)n_in * es + 1);
		uint8_t *out = malloc((size_t)n * es + 1);
		uint8_t *want = malloc((size_t)n * es + 1);
		fill_bytes(in, (size_t)n_in * es);
		for (int64_t f = 0; f < n; f++) {
			bool pad = false;
			unravel(f, od, p.rank, oi);
			for (int32_t d = 0; d < p.rank; d++) {
				int32_t j = oi[d] - p.before[d];
				pad = pad || j < 0 || j >= p.in_dims[d];
				ii[d] = mirror ? fold(j, p.in_dims[d],
						      p.reflect)
					       : j;
			}
			const uint8_t *src =
				!mirror && pad
					? value
					: in + ravel(ii, p.in_dims, p.rank) *
							  es;
			memcpy(want + f * es, src, es);
		}
		report(mote_pad_valid(&p, mirror), name,
		       "valid padding refused");
		if (mirror)
			mote_mirror_pad_any(&p, in, out);
		else
			mote_pad_any(&p, in, value, out);
		check_bytes(name, out, want, n, es);
		free(in);
		free(out);
		free(want);
	}
}

/* Limits checked by mote_pad_valid. */
static void test_pad_valid(void)
{
	mote_pad_params p;
	memset(&p, 0, sizeof p);
	p.rank = 1;
	p.elem_size = 1;
	p.in_dims[0] = 3;
	p.before[0] = 2;
	p.reflect = 1;
	report(mote_pad_valid(&p, true), "pad.valid.reflect_max", "2 of 3");
	p.before[0] = 3;
	report(!mote_pad_valid(&p, true), "pad.valid.reflect_over", "3 of 3");
	p.reflect = 0;
	report(mote_pad_valid(&p, true), "pad.valid.symmetric_max", "3 of 3");
	p.after[0] = 4;
	report(!mote_pad_valid(&p, true), "pad.valid.symmetric_over", "4 of 3");
	report(mote_pad_valid(&p, false), "pad.valid.constant", "any size");
	p.after[0] = -1;
	report(!mote_pad_valid(&p, false), "pad.valid.negative", "-1");
}

/* ---- Concatenation and split --------------------------------------------- */

/* Random joins of 1..5 parts along a random axis, and the split back. */
static void test_concat_split(void)
{
	for (int c = 0; c < 300; c++) {
		int32_t rank = rnd_int(1, 5), axis = rnd_int(0, rank - 1);
		int32_t n_parts = rnd_int(1, 5), dims[5], oi[5];
		int32_t len[5], first[6], offset[5], size[5];
		uint32_t es = elem_sizes[c % 4];
		uint8_t *part[5], *back[5];

		for (int32_t d = 0; d < rank; d++)
			dims[d] = rnd_int(c % 13 == 0 ? 0 : 1, 4);
		first[0] = 0;
		for (int32_t i = 0; i < n_parts; i++) {
			len[i] = rnd_int(0, 4);
			first[i + 1] = first[i] + len[i];
		}
		dims[axis] = first[n_parts];
		int64_t inner = product(dims + axis + 1, rank - axis - 1) * es;
		int64_t outer = product(dims, axis), n = product(dims, rank);
		uint8_t *want = malloc((size_t)n * es + 1);
		uint8_t *out = malloc((size_t)n * es + 1);
		for (int32_t i = 0; i < n_parts; i++) {
			size_t bytes = (size_t)(outer * len[i] * inner);
			part[i] = malloc(bytes + 1);
			back[i] = malloc(bytes + 1);
			fill_bytes(part[i], bytes);
			offset[i] = (int32_t)(first[i] * inner);
			size[i] = (int32_t)(len[i] * inner);
		}
		for (int64_t f = 0; f < n; f++) {
			unravel(f, dims, rank, oi);
			int32_t i = 0;
			while (oi[axis] >= first[i + 1])
				i++;
			int32_t pd[5];
			memcpy(pd, dims, sizeof pd);
			pd[axis] = len[i];
			oi[axis] -= first[i];
			memcpy(want + f * es,
			       part[i] + ravel(oi, pd, rank) * es, es);
		}
		mote_concat_params k = {
			.outer = (int32_t)outer,
			.block = (int32_t)(dims[axis] * inner),
			.n_parts = n_parts,
			.part_offset = offset,
			.part_size = size,
		};
		for (int32_t i = n_parts - 1; i >= 0; i--)
			mote_concat_any(&k, i, part[i], out);
		check_bytes("concat.random", out, want, n, es);
		for (int32_t i = 0; i < n_parts; i++) {
			mote_split_any(&k, i, want, back[i]);
			check_bytes("split.random", back[i], part[i],
				    outer * len[i] * (inner / es), es);
			free(part[i]);
			free(back[i]);
		}
		free(want);
		free(out);
	}
}

/* int8 parts quantized unlike the output are requantized. */
static void test_concat_requant(void)
{
	static const float scales[4] = { 0.5f, 0.0123f, 0.2f, 3.0f };
	static const int32_t zps[4] = { 0, -128, 17, 127 };
	for (int c = 0; c < 16; c++) {
		float in_s = scales[c % 4], out_s = scales[(c / 4) % 4];
		int32_t in_zp = zps[(c + 1) % 4], out_zp = zps[c % 4];
		int8_t in[2][256], out[512];
		int32_t offset[2] = { 0, 256 }, size[2] = { 256, 256 };
		mote_concat_requant rq[2] = {
			{ true, in_s * (1.0f / out_s),
			  (float)-in_zp * (in_s * (1.0f / out_s)) },
			{ false, 0.0f, 0.0f },
		};
		mote_concat_params k = { 1, 512, 2, offset, size, rq, out_zp };
		for (int i = 0; i < 256; i++) {
			in[0][i] = (int8_t)(i - 128);
			in[1][i] = (int8_t)rnd();
		}
		mote_concat_s8(&k, 0, in[0], out);
		mote_concat_s8(&k, 1, in[1], out);
		int bad = -1;
		for (int i = 0; i < 256 && bad < 0; i++) {
			double real = (double)(in[0][i] - in_zp) * in_s / out_s;
			double q = real + out_zp;
			q = q < -128 ? -128 : (q > 127 ? 127 : q);
			if (fabs(out[i] - q) > 1.0 || out[256 + i] != in[1][i])
				bad = i;
		}
		char detail[64];
		snprintf(detail, sizeof detail, "element %d", bad);
		report(bad < 0, "concat.requant_s8", detail);
	}
}

/* ---- Gathers ------------------------------------------------------------- */

/* Random GATHER cases (int32 and int64 indices, batch dims) against the
 * output multi-index definition; then one index out of range. */
static void test_gather(void)
{
	for (int c = 0; c < 300; c++) {
		int32_t pr = rnd_int(1, 4), axis = rnd_int(0, pr - 1);
		int32_t bd = rnd_int(0, axis), ir = bd + rnd_int(0, 2);
		int32_t pd[4], id[4], od[8], oi[8], ii[4], pi[4];
		uint32_t es = elem_sizes[c % 4];
		bool i64 = c % 2 == 1;

		for (int32_t d = 0; d < pr; d++)
			pd[d] = rnd_int(1, 4);
		for (int32_t d = 0; d < ir; d++)
			id[d] = d < bd ? pd[d] : rnd_int(0, 3);
		int32_t orank = 0;
		for (int32_t d = 0; d < axis; d++)
			od[orank++] = pd[d];
		for (int32_t d = bd; d < ir; d++)
			od[orank++] = id[d];
		for (int32_t d = axis + 1; d < pr; d++)
			od[orank++] = pd[d];
		int64_t np = product(pd, pr), ni = product(id, ir);
		int64_t n = product(od, orank);
		uint8_t *params = malloc((size_t)np * es + 1);
		uint8_t *out = malloc((size_t)n * es + 1);
		uint8_t *want = malloc((size_t)n * es + 1);
		int64_t *idx64 = malloc((size_t)ni * 8 + 8);
		int32_t *idx32 = malloc((size_t)ni * 4 + 4);
		fill_bytes(params, (size_t)np * es);
		for (int64_t i = 0; i < ni; i++)
			idx32[i] =
				(int32_t)(idx64[i] = rnd_int(0, pd[axis] - 1));
		for (int64_t f = 0; f < n; f++) {
			unravel(f, od, orank, oi);
			for (int32_t d = 0; d < ir; d++)
				ii[d] = d < bd ? oi[d] : oi[axis + d - bd];
			for (int32_t d = 0; d < pr; d++)
				pi[d] = d < axis   ? oi[d]
					: d > axis ? oi[d - 1 + ir - bd]
						   : idx32[ravel(ii, id, ir)];
			memcpy(want + f * es, params + ravel(pi, pd, pr) * es,
			       es);
		}
		mote_gather_params g = {
			.batch = (int32_t)product(pd, bd),
			.outer = (int32_t)product(pd + bd, axis - bd),
			.axis_size = pd[axis],
			.inner = (int32_t)product(pd + axis + 1, pr - axis - 1),
			.coords = (int32_t)product(id + bd, ir - bd),
			.elem_size = es,
			.idx64 = i64,
		};
		bool ok = mote_gather_any(
			&g, params, i64 ? (void *)idx64 : (void *)idx32, out);
		report(ok, "gather.random.ok", "valid indices refused");
		check_bytes("gather.random", out, want, n, es);
		if (ni > 0) {
			idx32[ni - 1] = pd[axis];
			idx64[ni - 1] = c % 4 == 1 ? -1 : pd[axis];
			ok = mote_gather_any(
				&g, params, i64 ? (void *)idx64 : (void *)idx32,
				out);
			report(!ok || g.batch * g.outer == 0,
			       "gather.out_of_range", "not detected");
		}
		free(params);
		free(out);
		free(want);
		free(idx64);
		free(idx32);
	}
}

/* Random GATHER_ND cases against the definition. */
static void test_gather_nd(void)
{
	for (int c = 0; c < 300; c++) {
		int32_t pr = rnd_int(1, 4), nd = rnd_int(0, pr);
		int32_t lead = rnd_int(0, 2), pd[4], id[3], pi[4];
		uint32_t es = elem_sizes[c % 4];
		bool i64 = c % 2 == 0;
		mote_gather_nd_params g;

		for (int32_t d = 0; d < pr; d++)
			pd[d] = rnd_int(1, 4);
		for (int32_t d = 0; d < lead; d++)
			id[d] = rnd_int(0, 3);
		int64_t n_slices = product(id, lead);
		int64_t slice = product(pd + nd, pr - nd), np = product(pd, pr);
		uint8_t *params = malloc((size_t)np * es + 1);
		uint8_t *out = malloc((size_t)(n_slices * slice) * es + 1);
		uint8_t *want = malloc((size_t)(n_slices * slice) * es + 1);
		int64_t *idx64 = malloc((size_t)(n_slices * nd) * 8 + 8);
		int32_t *idx32 = malloc((size_t)(n_slices * nd) * 4 + 4);
		fill_bytes(params, (size_t)np * es);
		for (int64_t s = 0; s < n_slices; s++) {
			for (int32_t j = 0; j < nd; j++) {
				pi[j] = rnd_int(0, pd[j] - 1);
				idx32[s * nd + j] = pi[j];
				idx64[s * nd + j] = pi[j];
			}
			for (int64_t e = 0; e < slice; e++) {
				unravel(e, pd + nd, pr - nd, pi + nd);
				memcpy(want + (s * slice + e) * es,
				       params + ravel(pi, pd, pr) * es, es);
			}
		}
		memset(&g, 0, sizeof g);
		g.n_slices = (int32_t)n_slices;
		g.nd = nd;
		for (int32_t j = 0; j < nd; j++) {
			g.dims[j] = pd[j];
			g.stride[j] = (int32_t)product(pd + j + 1, pr - j - 1);
		}
		g.slice = (int32_t)slice;
		g.elem_size = es;
		g.idx64 = i64;
		const void *idx = i64 ? (void *)idx64 : (void *)idx32;
		report(mote_gather_nd_any(&g, params, idx, out),
		       "gather_nd.random.ok", "valid indices refused");
		check_bytes("gather_nd.random", out, want, n_slices * slice,
			    es);
		if (n_slices > 0 && nd > 0) {
			/* Inside the whole input but outside its own dim. */
			idx32[nd - 1] = pd[nd - 1];
			idx64[nd - 1] = pd[nd - 1];
			report(!mote_gather_nd_any(&g, params, idx, out),
			       "gather_nd.out_of_range", "not detected");
		}
		free(params);
		free(out);
		free(want);
		free(idx64);
		free(idx32);
	}
}

/* Hybrid EMBEDDING_LOOKUP: int8 rows times the scale, exactly. */
static void test_embedding_hybrid(void)
{
	int8_t table[7 * 5];
	int32_t ids[4] = { 6, 0, 3, 6 };
	float out[20];
	float scale = 0.0371f;
	mote_gather_params g = { .batch = 1,
				 .outer = 1,
				 .axis_size = 7,
				 .inner = 5,
				 .coords = 4,
				 .elem_size = 1 };
	int bad = -1;

	fill_bytes((uint8_t *)table, sizeof table);
	report(mote_embedding_lookup_s8_f32(&g, scale, table, ids, out),
	       "embedding.hybrid.ok", "valid ids refused");
	for (int i = 0; i < 20 && bad < 0; i++) {
		float want = (float)table[ids[i / 5] * 5 + i % 5] * scale;
		if (memcmp(&want, &out[i], sizeof want) != 0)
			bad = i;
	}
	report(bad < 0, "embedding.hybrid", "value differs");
	ids[2] = 7;
	report(!mote_embedding_lookup_s8_f32(&g, scale, table, ids, out),
	       "embedding.hybrid.out_of_range", "id 7 of 7 rows");
}

/* ---- Space and batch ----------------------------------------------------- */

/* Random SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND with 1..3 spatial dims.
 * Space to batch is checked against: pad the space tensor, view it as
 * [batch, g0, b0, g1, b1, ..., depth] and transpose to
 * [b0, b1, ..., batch, g0, g1, ..., depth]. Batch to space against the
 * inverse, then cropping. */
static void test_batch_space(void)
{
	for (int c = 0; c < 300; c++) {
		mote_batch_space_params p;
		int32_t m = rnd_int(1, 3);
		uint32_t es = elem_sizes[c % 4];
		uint8_t value[8];

		memset(&p, 0, sizeof p);
		p.m = m;
		p.batch = rnd_int(1, 2);
		p.depth = rnd_int(1, 3);
		p.elem_size = es;
		for (int32_t j = 0; j < m; j++) {
			p.space[j] = rnd_int(1, 5);
			p.block[j] = rnd_int(1, 3);
			p.before[j] = rnd_int(0, 2);
			int32_t need = p.space[j] + p.before[j];
			p.grid[j] = (need + p.block[j] - 1) / p.block[j] +
				    rnd_int(0, 1);
		}
		fill_bytes(value, sizeof value);
		int64_t n_space = product(p.space, m),
			n_grid = product(p.grid, m);
		int64_t n_block = product(p.block, m);
		int64_t n_in = p.batch * n_space * p.depth;
		int64_t n_out = n_block * p.batch * n_grid * p.depth;
		uint8_t *in = malloc((size_t)n_in * es);
		uint8_t *out = malloc((size_t)n_out * es);
		uint8_t *want = malloc((size_t)n_out * es);
		uint8_t *back = malloc((size_t)n_in * es);
		fill_bytes(in, (size_t)n_in * es);
		/* Output dims in order: blocks (m), batch, grid (m), depth. */
		int32_t od[8], oi[8], x[3];
		int32_t r = 0;
		for (int32_t j = 0; j < m; j++)
			od[r++] = p.block[j];
		od[r++] = p.batch;
		for (int32_t j = 0; j < m; j++)
			od[r++] = p.grid[j];
		od[r++] = p.depth;
		for (int64_t f = 0; f < n_out; f++) {
			bool pad = false;
			unravel(f, od, r, oi);
			for (int32_t j = 0; j < m; j++) {
				/* Padded position g * block + b, unpadded. */
				x[j] = oi[m + 1 + j] * p.block[j] + oi[j] -
				       p.before[j];
				pad = pad || x[j] < 0 || x[j] >= p.space[j];
			}
			int64_t at =
				pad ? 0
				    : (oi[m] * n_space + ravel(x, p.space, m)) *
							p.depth +
						oi[r - 1];
			memcpy(want + f * es, pad ? value : in + at * es, es);
		}
		mote_space_to_batch_any(&p, in, value, out);
		check_bytes("space_to_batch.random", out, want, n_out, es);
		/* Crops equal to the paddings: batch to space undoes it. */
		mote_batch_to_space_any(&p, want, back);
		check_bytes("batch_to_space.random", back, in, n_in, es);
		free(in);
		free(out);
		free(want);
		free(back);
	}
}

/* ---- Resizing ------------------------------------------------------------ */

/* TFLM's nearest-neighbour index, re-derived. */
static int32_t ref_nearest(int32_t o, int32_t in, int32_t out, bool align,
			   bool half)
{
	float scale = align && out > 1 ? (float)(in - 1) / (float)(out - 1)
				       : (float)in / (float)out;
	float v = ((float)o + (half ? 0.5f : 0.0f)) * scale;
	int32_t i = align ? (int32_t)roundf(v) : (int32_t)floorf(v);
	i = i < in - 1 ? i : in - 1;
	return half && i < 0 ? 0 : i;
}

/* TFLM's integer bilinear taps, re-derived. */
static void ref_tap_q(int32_t o, int32_t in, int32_t out, bool align, bool half,
		      int32_t *lo, int32_t *hi, int32_t *w)
{
	int32_t s = align && out > 1
			    ? (1024 * (in - 1) + (out - 1) / 2) / (out - 1)
			    : (1024 * in + out / 2) / out;
	int32_t v = half ? o * s + s / 2 - 512 : o * s;
	*lo = v / 1024 > 0 ? v / 1024 : 0;
	*lo = *lo < in - 1 ? *lo : in - 1;
	*hi = (v + 1023) / 1024 < in - 1 ? (v + 1023) / 1024 : in - 1;
	*w = v - 1024 * *lo;
}

/* Float positions of bilinear resizing in float64. */
static double ref_pos(int32_t o, int32_t in, int32_t out, bool align, bool half,
		      int32_t *lo, int32_t *hi)
{
	double scale = align && out > 1 ? (double)(in - 1) / (out - 1)
					: (double)in / out;
	double v = half ? (o + 0.5) * scale - 0.5 : o * scale;
	*lo = (int32_t)floor(v) > 0 ? (int32_t)floor(v) : 0;
	*lo = *lo < in - 1 ? *lo : in - 1;
	*hi = (int32_t)ceil(v) < in - 1 ? (int32_t)ceil(v) : in - 1;
	return v - *lo;
}

static mote_resize_params resize_case(int c)
{
	mote_resize_params p;
	memset(&p, 0, sizeof p);
	p.batch = rnd_int(1, 2);
	p.in_h = rnd_int(1, 7);
	p.in_w = rnd_int(1, 7);
	p.depth = rnd_int(1, 5);
	p.out_h = rnd_int(1, 16);
	p.out_w = rnd_int(1, 16);
	p.align_corners = c % 3 == 1;
	p.half_pixel_centers = c % 3 == 2;
	mote_resize_init(&p);
	return p;
}

/* Random nearest-neighbour resizes for every flag combination. */
static void test_resize_nearest(void)
{
	for (int c = 0; c < 200; c++) {
		mote_resize_params p = resize_case(c);
		if (c % 5 == 0) {
			p.half_pixel_centers = p.align_corners = true;
			mote_resize_init(&p);
		}
		p.elem_size = elem_sizes[c % 4];
		uint32_t es = p.elem_size;
		int64_t n_in = (int64_t)p.batch * p.in_h * p.in_w * p.depth;
		int64_t n = (int64_t)p.batch * p.out_h * p.out_w * p.depth;
		uint8_t *in = malloc((size_t)n_in * es);
		uint8_t *out = malloc((size_t)n * es);
		uint8_t *want = malloc((size_t)n * es);
		int32_t od[4] = { p.batch, p.out_h, p.out_w, p.depth }, oi[4];
		int32_t id[4] = { p.batch, p.in_h, p.in_w, p.depth };
		fill_bytes(in, (size_t)n_in * es);
		for (int64_t f = 0; f < n; f++) {
			unravel(f, od, 4, oi);
			oi[1] = ref_nearest(oi[1], p.in_h, p.out_h,
					    p.align_corners,
					    p.half_pixel_centers);
			oi[2] = ref_nearest(oi[2], p.in_w, p.out_w,
					    p.align_corners,
					    p.half_pixel_centers);
			memcpy(want + f * es, in + ravel(oi, id, 4) * es, es);
		}
		mote_resize_nearest_any(&p, in, out);
		check_bytes("resize_nearest.random", out, want, n, es);
		free(in);
		free(out);
		free(want);
	}
}

/* Flat index of input pixel (y, x) of the image at `base`. */
static int64_t px(const mote_resize_params *p, int64_t base, int32_t y,
		  int32_t x)
{
	return base + ((int64_t)y * p->in_w + x) * p->depth;
}

/* Integer bilinear sum of four int64 values with Q10 weights. */
static int64_t blend_ref(int64_t v00, int64_t v10, int64_t v01, int64_t v11,
			 int64_t wy, int64_t wx)
{
	int64_t s = v00 * (1024 - wy) * (1024 - wx) + v10 * wy * (1024 - wx) +
		    v01 * (1024 - wy) * wx + v11 * wy * wx;
	/* Round half away from zero, as TFLM's double-rounding build. */
	return s >= 0 ? (s + (1 << 19)) >> 20 : -((-s + (1 << 19)) >> 20);
}

/* One random bilinear case for float32, int8 and int16. */
static void test_resize_bilinear_case(int c)
{
	mote_resize_params p = resize_case(c);
	int32_t od[4] = { p.batch, p.out_h, p.out_w, p.depth }, oi[4];
	int64_t n_in = (int64_t)p.batch * p.in_h * p.in_w * p.depth;
	int64_t n = (int64_t)p.batch * p.out_h * p.out_w * p.depth;
	float *fin = malloc((size_t)n_in * 4), *fout = malloc((size_t)n * 4);
	int8_t *bin = malloc((size_t)n_in), *bout = malloc((size_t)n);
	int16_t *sin_ = malloc((size_t)n_in * 2), *sout = malloc((size_t)n * 2);
	int bad_f = -1, bad_b = -1, bad_s = -1;

	for (int64_t i = 0; i < n_in; i++) {
		fin[i] = (float)((int32_t)(rnd() % 2001) - 1000) / 1000.0f;
		bin[i] = (int8_t)rnd();
		sin_[i] = (int16_t)rnd();
	}
	mote_resize_bilinear_f32(&p, fin, fout);
	mote_resize_bilinear_s8(&p, bin, bout);
	mote_resize_bilinear_s16(&p, sin_, sout);
	for (int64_t f = 0; f < n; f++) {
		int32_t y0, y1, x0, x1, wy, wx, qy0, qy1, qx0, qx1;
		unravel(f, od, 4, oi);
		double fy = ref_pos(oi[1], p.in_h, p.out_h, p.align_corners,
				    p.half_pixel_centers, &y0, &y1);
		double fx = ref_pos(oi[2], p.in_w, p.out_w, p.align_corners,
				    p.half_pixel_centers, &x0, &x1);
		int64_t base =
			(int64_t)oi[0] * p.in_h * p.in_w * p.depth + oi[3];
		double want = fin[px(&p, base, y0, x0)] * (1 - fy) * (1 - fx) +
			      fin[px(&p, base, y1, x0)] * fy * (1 - fx) +
			      fin[px(&p, base, y0, x1)] * (1 - fy) * fx +
			      fin[px(&p, base, y1, x1)] * fy * fx;
		if (fabs(fout[f] - want) > 1e-5 + 1e-5 * fabs(want) &&
		    bad_f < 0)
			bad_f = (int)f;
		ref_tap_q(oi[1], p.in_h, p.out_h, p.align_corners,
			  p.half_pixel_centers, &qy0, &qy1, &wy);
		ref_tap_q(oi[2], p.in_w, p.out_w, p.align_corners,
			  p.half_pixel_centers, &qx0, &qx1, &wx);
		int64_t wb = blend_ref(bin[px(&p, base, qy0, qx0)],
				       bin[px(&p, base, qy1, qx0)],
				       bin[px(&p, base, qy0, qx1)],
				       bin[px(&p, base, qy1, qx1)], wy, wx);
		int64_t ws = blend_ref(sin_[px(&p, base, qy0, qx0)],
				       sin_[px(&p, base, qy1, qx0)],
				       sin_[px(&p, base, qy0, qx1)],
				       sin_[px(&p, base, qy1, qx1)], wy, wx);
		if (bout[f] != wb && bad_b < 0)
			bad_b = (int)f;
		if (sout[f] != ws && bad_s < 0)
			bad_s = (int)f;
	}
	char detail[64];
	snprintf(detail, sizeof detail, "element %d", bad_f);
	report(bad_f < 0, "resize_bilinear.f32", detail);
	snprintf(detail, sizeof detail, "element %d", bad_b);
	report(bad_b < 0, "resize_bilinear.s8", detail);
	snprintf(detail, sizeof detail, "element %d", bad_s);
	report(bad_s < 0, "resize_bilinear.s16", detail);
	free(fin);
	free(fout);
	free(bin);
	free(bout);
	free(sin_);
	free(sout);
}

/* ---- Operators through the interpreter ----------------------------------- */

/* "pointer, count" of a list of option fields, for g_op(). */
#define OPTS(...) \
	(const tfl_field[]){ __VA_ARGS__ }, TFL_COUNT(tfl_field, __VA_ARGS__)

/* A one-operator model under construction. */
typedef struct graph {
	tfl_builder b; /* the builder */
	int32_t n_in; /* graph inputs so far */
	int32_t in[8]; /* their tensor indices */
	int32_t n_out; /* graph outputs (the operator's) */
	int32_t out[8]; /* their tensor indices */
} graph;

static void g_init(graph *g)
{
	memset(g, 0, sizeof *g);
	tfl_builder_init(&g->b);
}

/* Adds a tensor: constant if `data` is given, else a graph input when
 * `is_input`, else an activation. */
static int g_tensor(graph *g, mote_type type, int32_t rank, const int32_t *dims,
		    const void *data, size_t bytes, bool is_input)
{
	int t = tfl_tensor(&g->b, &(tfl_tensor_desc){ .type = type,
						      .rank = rank,
						      .dims = dims,
						      .data = data,
						      .data_bytes = bytes });
	if (is_input && !data)
		g->in[g->n_in++] = t;
	return t;
}

/* Same for a quantized tensor. */
static int g_qtensor(graph *g, mote_type type, int32_t rank,
		     const int32_t *dims, float scale, int64_t zp,
		     const void *data, size_t bytes, bool is_input)
{
	int t = tfl_tensor(&g->b, &(tfl_tensor_desc){ .type = type,
						      .rank = rank,
						      .dims = dims,
						      .data = data,
						      .data_bytes = bytes,
						      .n_scale = 1,
						      .scale = &scale,
						      .n_zp = 1,
						      .zp = &zp });
	if (is_input && !data)
		g->in[g->n_in++] = t;
	return t;
}

/* Adds the operator; its outputs become the graph's. */
static void g_op(graph *g, int32_t builtin, const int32_t *ins, uint32_t n_in,
		 const int32_t *outs, uint32_t n_out, uint8_t opts_type,
		 const tfl_field *opts, uint32_t n_opts)
{
	int code = tfl_opcode(&g->b, builtin, 1);
	tfl_op(&g->b, &(tfl_op_desc){ .opcode = (uint32_t)code,
				      .in = ins,
				      .n_in = n_in,
				      .out = outs,
				      .n_out = n_out,
				      .opts_type = opts_type,
				      .opts = opts,
				      .n_opts = n_opts });
	for (uint32_t i = 0; i < n_out; i++)
		g->out[g->n_out++] = outs[i];
}

/*
 * Finishes, prepares and (if that worked and `in` is given) runs g once:
 * in[i] feeds graph input i (exactly its size), output i is copied to
 * out[i] (out_bytes[i] must be its size). Returns the first failing
 * status (model, prepare, input size, invoke).
 */
static mote_status g_run(graph *g, const void *const *in, void *const *out,
			 const size_t *out_bytes)
{
	static uint8_t arena[1 << 16] __attribute__((aligned(16)));
	size_t len;
	mote_model m;
	mote_interp it;

	tfl_inputs(&g->b, g->in, (uint32_t)g->n_in);
	tfl_outputs(&g->b, g->out, (uint32_t)g->n_out);
	uint8_t *bytes = tfl_finish(&g->b, &len);
	tfl_builder_free(&g->b);
	mote_status s = model_prepare(&m, &it, bytes, len, &mote_all_ops,
				      arena, sizeof arena);
	if (s == MOTE_OK && in)
		s = model_run(&it, in, NULL, out, out_bytes);
	free(bytes);
	return s;
}

/* Reports a status check. */
static void report_status(const char *name, mote_status got, mote_status want)
{
	char detail[96];
	snprintf(detail, sizeof detail, "got %s, want %s", mote_status_str(got),
		 mote_status_str(want));
	report(got == want, name, detail);
}

/* A STRIDED_SLICE case on a float [2, 3, 4] input holding 0..23. Input
 * dim d of output element o is start[d] + step[d] * o[src[d]] (src -1:
 * the constant start[d]). */
typedef struct ss_case {
	const char *name;
	int32_t n; /* length of begin, end, strides */
	int32_t begin[4], end[4], strides[4];
	int32_t begin_mask, end_mask, ellipsis_mask, new_axis_mask;
	int32_t shrink_mask;
	bool offset;
	int32_t out_rank, out[5]; /* output shape */
	int32_t src[3], start[3], step[3]; /* reference mapping */
	mote_status status; /* expected prepare result */
} ss_case;

/* clang-format off */
static const ss_case ss_cases[] = {
	/* x[..., 1] */
	{ .name = "ellipsis_shrink", .n = 2, .begin = { 0, 1 },
	  .end = { 0, 2 }, .strides = { 1, 1 }, .ellipsis_mask = 1,
	  .shrink_mask = 2, .out_rank = 2, .out = { 2, 3 },
	  .src = { 0, 1, -1 }, .start = { 0, 0, 1 }, .step = { 1, 1, 0 } },
	/* x[:, newaxis, 1:3] */
	{ .name = "new_axis", .n = 3, .begin = { 0, 0, 1 },
	  .end = { 0, 0, 3 }, .strides = { 1, 1, 1 }, .begin_mask = 1,
	  .end_mask = 1, .new_axis_mask = 2, .out_rank = 4,
	  .out = { 2, 1, 2, 4 }, .src = { 0, 2, 3 }, .start = { 0, 1, 0 },
	  .step = { 1, 1, 1 } },
	/* x[1, ::-2, :] */
	{ .name = "reverse_step2_shrink", .n = 3, .begin = { 1, 0, 0 },
	  .end = { 2, 0, 0 }, .strides = { 1, -2, 1 }, .begin_mask = 6,
	  .end_mask = 6, .shrink_mask = 1, .out_rank = 2, .out = { 2, 4 },
	  .src = { -1, 0, 1 }, .start = { 1, 2, 0 }, .step = { 0, -2, 1 } },
	/* end given as sizes: x[0:2, 1:3, 1:4] */
	{ .name = "offset", .n = 3, .begin = { 0, 1, 1 }, .end = { 2, 2, 3 },
	  .strides = { 1, 1, 1 }, .offset = true, .out_rank = 3,
	  .out = { 2, 2, 3 }, .src = { 0, 1, 2 }, .start = { 0, 1, 1 },
	  .step = { 1, 1, 1 } },
	/* x[..., newaxis] */
	{ .name = "ellipsis_new_axis", .n = 2, .begin = { 0, 0 },
	  .end = { 0, 0 }, .strides = { 1, 1 }, .ellipsis_mask = 1,
	  .new_axis_mask = 2, .out_rank = 4, .out = { 2, 3, 4, 1 },
	  .src = { 0, 1, 2 }, .start = { 0, 0, 0 }, .step = { 1, 1, 1 } },
	/* x[-1]: the dims past the spec are taken whole */
	{ .name = "short_spec", .n = 1, .begin = { -1 }, .end = { 0 },
	  .strides = { 1 }, .shrink_mask = 1, .out_rank = 2, .out = { 3, 4 },
	  .src = { -1, 0, 1 }, .start = { 1, 0, 0 }, .step = { 0, 1, 1 } },
	/* x[-9:9, 2:-9:-1, 9:-9:-1]: clamped at both ends */
	{ .name = "negative_clamp", .n = 3, .begin = { -9, 2, 9 },
	  .end = { 9, -9, -9 }, .strides = { 1, -1, -1 }, .out_rank = 3,
	  .out = { 2, 3, 4 }, .src = { 0, 1, 2 }, .start = { 0, 2, 3 },
	  .step = { 1, -1, -1 } },
	{ .name = "shrink_out_of_range", .n = 3, .begin = { 2, 0, 0 },
	  .end = { 3, 3, 4 }, .strides = { 1, 1, 1 }, .shrink_mask = 1,
	  .out_rank = 2, .out = { 3, 4 }, .status = MOTE_E_INVALID },
	{ .name = "zero_stride", .n = 3, .begin = { 0, 0, 0 },
	  .end = { 2, 3, 4 }, .strides = { 1, 0, 1 }, .out_rank = 3,
	  .out = { 2, 3, 4 }, .status = MOTE_E_INVALID },
	{ .name = "spec_too_long", .n = 4, .begin = { 0, 0, 0, 0 },
	  .end = { 1, 1, 1, 1 }, .strides = { 1, 1, 1, 1 }, .out_rank = 3,
	  .out = { 1, 1, 1 }, .status = MOTE_E_INVALID },
	{ .name = "wrong_output", .n = 3, .begin = { 0, 0, 0 },
	  .end = { 2, 3, 4 }, .strides = { 1, 1, 2 }, .out_rank = 3,
	  .out = { 2, 3, 3 }, .status = MOTE_E_BAD_SHAPE },
};
/* clang-format on */

static void test_op_strided_slice(const ss_case *c)
{
	const int32_t in_dims[3] = { 2, 3, 4 };
	float in[24], out[24], want[24];
	int32_t oi[5], ii[3];
	graph g;
	char name[96];

	for (int i = 0; i < 24; i++)
		in[i] = (float)i;
	g_init(&g);
	int tx = g_tensor(&g, MOTE_FLOAT32, 3, in_dims, NULL, 0, true);
	int tb = g_tensor(&g, MOTE_INT32, 1, &c->n, c->begin, 4 * (size_t)c->n,
			  false);
	int te = g_tensor(&g, MOTE_INT32, 1, &c->n, c->end, 4 * (size_t)c->n,
			  false);
	int ts = g_tensor(&g, MOTE_INT32, 1, &c->n, c->strides,
			  4 * (size_t)c->n, false);
	int ty =
		g_tensor(&g, MOTE_FLOAT32, c->out_rank, c->out, NULL, 0, false);
	g_op(&g, 45, TFL_INTS(tx, tb, te, ts), TFL_INTS(ty), 32,
	     OPTS(TFL_I32(0, c->begin_mask), TFL_I32(1, c->end_mask),
		  TFL_I32(2, c->ellipsis_mask), TFL_I32(3, c->new_axis_mask),
		  TFL_I32(4, c->shrink_mask), TFL_BOOL(5, c->offset)));
	int64_t n = product(c->out, c->out_rank);
	mote_status s = g_run(&g, (const void *[]){ in }, (void *[]){ out },
			      (size_t[]){ (size_t)n * 4 });
	snprintf(name, sizeof name, "op.strided_slice.%s", c->name);
	if (c->status != MOTE_OK) {
		report_status(name, s, c->status);
		return;
	}
	for (int64_t f = 0; f < n; f++) {
		unravel(f, c->out, c->out_rank, oi);
		for (int d = 0; d < 3; d++)
			ii[d] = c->start[d] +
				(c->src[d] < 0 ? 0
					       : c->step[d] * oi[c->src[d]]);
		want[f] = in[ravel(ii, in_dims, 3)];
	}
	report(s == MOTE_OK && memcmp(out, want, (size_t)n * 4) == 0, name,
	       mote_status_str(s));
}

/* SLICE with begin and size fed at run time (int64), then a bad size. */
static void test_op_slice_dynamic(void)
{
	float in[12], out[4];
	for (int i = 0; i < 12; i++)
		in[i] = (float)i;
	for (int bad = 0; bad < 2; bad++) {
		int64_t begin[2] = { 1, 1 }, size[2] = { 2, bad ? 4 : -1 };
		graph g;
		g_init(&g);
		int tx = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 3, 4 },
				  NULL, 0, true);
		int tb = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 2 }, NULL, 0,
				  true);
		int tz = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 2 }, NULL, 0,
				  true);
		int ty = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 3 },
				  NULL, 0, false);
		g_op(&g, 65, TFL_INTS(tx, tb, tz), TFL_INTS(ty), 0, NULL, 0);
		float o6[6];
		mote_status s = g_run(&g, (const void *[]){ in, begin, size },
				      (void *[]){ o6 }, (size_t[]){ 24 });
		if (bad) {
			report_status("op.slice.dynamic_bad", s, MOTE_E_EVAL);
			continue;
		}
		report(s == MOTE_OK && o6[0] == 5 && o6[2] == 7 && o6[3] == 9 &&
			       o6[5] == 11,
		       "op.slice.dynamic", mote_status_str(s));
	}
	(void)out;
}

/* MIRROR_PAD with paddings fed at run time (REFLECT and SYMMETRIC). */
static void test_op_mirror_pad_dynamic(void)
{
	int8_t in[6] = { 1, 2, 3, 4, 5, 6 }, out[5 * 6];
	for (int c = 0; c < 3; c++) {
		int32_t pads[4] = { 1, 1, 2, c == 2 ? 3 : 1 };
		bool reflect = c != 1;
		graph g;
		g_init(&g);
		int tx = g_qtensor(&g, MOTE_INT8, 2, (int32_t[]){ 2, 3 }, 0.1f,
				   0, NULL, 0, true);
		int tp = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 2 }, NULL,
				  0, true);
		int ty = g_qtensor(&g, MOTE_INT8, 2, (int32_t[]){ 4, 6 }, 0.1f,
				   0, NULL, 0, false);
		g_op(&g, 100, TFL_INTS(tx, tp), TFL_INTS(ty), 77,
		     OPTS(TFL_U8(0, reflect ? 0 : 1)));
		mote_status s = g_run(&g, (const void *[]){ in, pads },
				      (void *[]){ out }, (size_t[]){ 24 });
		if (c == 2) {
			report_status("op.mirror_pad.dynamic_bad", s,
				      MOTE_E_EVAL);
			continue;
		}
		int bad = s != MOTE_OK;
		for (int y = 0; y < 4 && !bad; y++) {
			for (int x = 0; x < 6; x++) {
				int32_t sy = fold(y - 1, 2, reflect);
				int32_t sx = fold(x - 2, 3, reflect);
				bad |= out[y * 6 + x] != in[sy * 3 + sx];
			}
		}
		report(!bad,
		       reflect ? "op.mirror_pad.dynamic_reflect"
			       : "op.mirror_pad.dynamic_symmetric",
		       mote_status_str(s));
	}
}

/* REVERSE_V2 over non-contiguous axes fed at run time (TFLM refuses
 * those), then an axis out of range. */
static void test_op_reverse_dynamic(void)
{
	int16_t in[24], out[24];
	int32_t dims[3] = { 2, 3, 4 }, ii[3], oi[3];
	for (int i = 0; i < 24; i++)
		in[i] = (int16_t)(i * 7);
	for (int bad = 0; bad < 2; bad++) {
		int32_t axes[2] = { -1, bad ? 3 : 0 };
		graph g;
		g_init(&g);
		int tx = g_tensor(&g, MOTE_INT16, 3, dims, NULL, 0, true);
		int ta = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 }, NULL, 0,
				  true);
		int ty = g_tensor(&g, MOTE_INT16, 3, dims, NULL, 0, false);
		g_op(&g, 105, TFL_INTS(tx, ta), TFL_INTS(ty), 0, NULL, 0);
		mote_status s = g_run(&g, (const void *[]){ in, axes },
				      (void *[]){ out }, (size_t[]){ 48 });
		if (bad) {
			report_status("op.reverse.dynamic_bad", s, MOTE_E_EVAL);
			continue;
		}
		int wrong = s != MOTE_OK;
		for (int64_t f = 0; f < 24 && !wrong; f++) {
			unravel(f, dims, 3, oi);
			ii[0] = 1 - oi[0];
			ii[1] = oi[1];
			ii[2] = 3 - oi[2];
			wrong = out[f] != in[ravel(ii, dims, 3)];
		}
		report(!wrong, "op.reverse.dynamic_axes_0_2",
		       mote_status_str(s));
	}
}

/* BATCH_TO_SPACE_ND with block shape and crops fed at run time, against
 * the constant form of the same operator; then crops that do not fit. */
static void test_op_batch_to_space_dynamic(void)
{
	float in[4 * 2 * 3 * 1], out_c[1 * 3 * 5], out_d[1 * 3 * 5];
	int32_t block[2] = { 2, 2 }, crops[4] = { 1, 0, 0, 1 };
	for (int i = 0; i < 24; i++)
		in[i] = (float)i;
	for (int dyn = 0; dyn < 3; dyn++) {
		int32_t cr[4] = { 1, 0, 0, dyn == 2 ? 2 : 1 };
		graph g;
		g_init(&g);
		int tx = g_tensor(&g, MOTE_FLOAT32, 4,
				  (int32_t[]){ 4, 2, 3, 1 }, NULL, 0, true);
		int tb = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 },
				  dyn ? NULL : block, 8, true);
		int tc = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 2 },
				  dyn ? NULL : crops, 16, true);
		int ty = g_tensor(&g, MOTE_FLOAT32, 4,
				  (int32_t[]){ 1, 3, 5, 1 }, NULL, 0, false);
		g_op(&g, 37, TFL_INTS(tx, tb, tc), TFL_INTS(ty), 0, NULL, 0);
		mote_status s = g_run(&g, (const void *[]){ in, block, cr },
				      (void *[]){ dyn ? out_d : out_c },
				      (size_t[]){ 60 });
		if (dyn == 2)
			report_status("op.batch_to_space.dynamic_bad", s,
				      MOTE_E_EVAL);
		else if (dyn == 0)
			report(s == MOTE_OK, "op.batch_to_space.const",
			       mote_status_str(s));
		else
			report(s == MOTE_OK &&
				       memcmp(out_c, out_d, sizeof out_c) == 0,
			       "op.batch_to_space.dynamic", mote_status_str(s));
	}
}

/* GATHER with int64 indices fed at run time; an index out of range
 * fails the invoke. */
static void test_op_gather(void)
{
	uint8_t in[5 * 2] = { 0, 1, 10, 11, 20, 21, 30, 31, 40, 41 };
	for (int bad = 0; bad < 2; bad++) {
		int64_t idx[3] = { 4, 0, bad ? 5 : 2 };
		uint8_t out[6];
		graph g;
		g_init(&g);
		int tx = g_qtensor(&g, MOTE_UINT8, 2, (int32_t[]){ 5, 2 }, 1.0f,
				   0, NULL, 0, true);
		int ti = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 3 }, NULL, 0,
				  true);
		int ty = g_qtensor(&g, MOTE_UINT8, 2, (int32_t[]){ 3, 2 }, 1.0f,
				   0, NULL, 0, false);
		g_op(&g, 36, TFL_INTS(tx, ti), TFL_INTS(ty), 0, NULL, 0);
		mote_status s = g_run(&g, (const void *[]){ in, idx },
				      (void *[]){ out }, (size_t[]){ 6 });
		if (bad)
			report_status("op.gather.out_of_range", s, MOTE_E_EVAL);
		else
			report(s == MOTE_OK && out[0] == 40 && out[1] == 41 &&
				       out[2] == 0 && out[5] == 21,
			       "op.gather.uint8_int64", mote_status_str(s));
	}
}

/* PADV2 whose pad value is computed at run time (a graph input). */
static void test_op_padv2_value_input(void)
{
	float in[2] = { 1.5f, -2.5f }, value = 7.25f, out[5];
	graph g;
	g_init(&g);
	int tx = g_tensor(&g, MOTE_FLOAT32, 1, (int32_t[]){ 2 }, NULL, 0, true);
	int tp = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 1, 2 },
			  (int32_t[]){ 2, 1 }, 8, false);
	int tv = g_tensor(&g, MOTE_FLOAT32, 0, NULL, NULL, 0, true);
	int ty =
		g_tensor(&g, MOTE_FLOAT32, 1, (int32_t[]){ 5 }, NULL, 0, false);
	g_op(&g, 60, TFL_INTS(tx, tp, tv), TFL_INTS(ty), 0, NULL, 0);
	mote_status s = g_run(&g, (const void *[]){ in, &value },
			      (void *[]){ out }, (size_t[]){ 20 });
	report(s == MOTE_OK && out[0] == 7.25f && out[1] == 7.25f &&
		       out[2] == 1.5f && out[3] == -2.5f && out[4] == 7.25f,
	       "op.padv2.value_input", mote_status_str(s));
}

/* SHAPE into int64, and PAD of an int8 tensor with its zero point. */
static void test_op_shape_and_pad_zp(void)
{
	int64_t shape[3];
	int8_t in[3] = { 1, 2, 3 }, out[6];
	float x[24];
	graph g;

	g_init(&g);
	int tx = g_tensor(&g, MOTE_FLOAT32, 3, (int32_t[]){ 2, 3, 4 }, NULL, 0,
			  true);
	int ty = g_tensor(&g, MOTE_INT64, 1, (int32_t[]){ 3 }, NULL, 0, false);
	g_op(&g, 77, TFL_INTS(tx), TFL_INTS(ty), 0, NULL, 0);
	mote_status s = g_run(&g, (const void *[]){ x }, (void *[]){ shape },
			      (size_t[]){ 24 });
	report(s == MOTE_OK && shape[0] == 2 && shape[1] == 3 && shape[2] == 4,
	       "op.shape.int64", mote_status_str(s));

	g_init(&g);
	tx = g_qtensor(&g, MOTE_INT8, 1, (int32_t[]){ 3 }, 0.5f, -7, NULL, 0,
		       true);
	int tp = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 1, 2 },
			  (int32_t[]){ 1, 2 }, 8, false);
	ty = g_qtensor(&g, MOTE_INT8, 1, (int32_t[]){ 6 }, 0.5f, -7, NULL, 0,
		       false);
	g_op(&g, 34, TFL_INTS(tx, tp), TFL_INTS(ty), 0, NULL, 0);
	s = g_run(&g, (const void *[]){ in }, (void *[]){ out },
		  (size_t[]){ 6 });
	report(s == MOTE_OK && out[0] == -7 && out[1] == 1 && out[3] == 3 &&
		       out[4] == -7 && out[5] == -7,
	       "op.pad.int8_zero_point", mote_status_str(s));
}

/* CONCATENATION of int8 inputs with different scales (requantized). */
static void test_op_concat_requant(void)
{
	int8_t a[2] = { 10, -20 }, b[2] = { 100, -128 }, out[4];
	graph g;
	g_init(&g);
	int ta = g_qtensor(&g, MOTE_INT8, 1, (int32_t[]){ 2 }, 0.5f, 0, NULL, 0,
			   true);
	int tb = g_qtensor(&g, MOTE_INT8, 1, (int32_t[]){ 2 }, 0.25f, 4, NULL,
			   0, true);
	int ty = g_qtensor(&g, MOTE_INT8, 1, (int32_t[]){ 4 }, 0.5f, 0, NULL, 0,
			   false);
	g_op(&g, 2, TFL_INTS(ta, tb), TFL_INTS(ty), 10, NULL, 0);
	mote_status s = g_run(&g, (const void *[]){ a, b }, (void *[]){ out },
			      (size_t[]){ 4 });
	/* b: (100 - 4) * 0.25 / 0.5 = 48; (-128 - 4) * 0.5 = -66. */
	report(s == MOTE_OK && out[0] == 10 && out[1] == -20 && out[2] == 48 &&
		       out[3] == -66,
	       "op.concat.requant_s8", mote_status_str(s));
}

/* SPLIT into three outputs and SPLIT_V with a -1 size. */
static void test_op_split(void)
{
	int32_t in[12], o0[4], o1[4], o2[4], v0[3], v1[9];
	graph g;
	for (int i = 0; i < 12; i++)
		in[i] = i;
	g_init(&g);
	int ta = g_tensor(&g, MOTE_INT32, 0, NULL, (int32_t[]){ -1 }, 4, false);
	int tx =
		g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 6 }, NULL, 0, true);
	int t0 = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 2 }, NULL, 0,
			  false);
	int t1 = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 2 }, NULL, 0,
			  false);
	int t2 = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 2 }, NULL, 0,
			  false);
	g_op(&g, 49, TFL_INTS(ta, tx), TFL_INTS(t0, t1, t2), 35,
	     OPTS(TFL_I32(0, 3)));
	mote_status s =
		g_run(&g, (const void *[]){ in }, (void *[]){ o0, o1, o2 },
		      (size_t[]){ 16, 16, 16 });
	report(s == MOTE_OK && o0[0] == 0 && o0[3] == 7 && o1[0] == 2 &&
		       o2[1] == 5 && o2[3] == 11,
	       "op.split.three", mote_status_str(s));

	g_init(&g);
	tx = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 12 }, NULL, 0, true);
	int tz = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 },
			  (int32_t[]){ 3, -1 }, 8, false);
	ta = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 1 }, (int32_t[]){ 0 }, 4,
		      false);
	t0 = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 3 }, NULL, 0, false);
	t1 = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 9 }, NULL, 0, false);
	g_op(&g, 102, TFL_INTS(tx, tz, ta), TFL_INTS(t0, t1), 79,
	     OPTS(TFL_I32(0, 2)));
	s = g_run(&g, (const void *[]){ in }, (void *[]){ v0, v1 },
		  (size_t[]){ 12, 36 });
	report(s == MOTE_OK && v0[2] == 2 && v1[0] == 3 && v1[8] == 11,
	       "op.split_v.minus_one", mote_status_str(s));
}

/* Element types outside the suite (TFLM supports some of them): REVERSE_V2
 * of bool, uint8 and int64, PAD of int64 and uint32, TRANSPOSE of int64. */
static void test_op_types(void)
{
	static const mote_type types[] = { MOTE_BOOL, MOTE_UINT8, MOTE_INT64,
					   MOTE_UINT32, MOTE_FLOAT16 };
	for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
		mote_type ty = types[k];
		size_t es = mote_type_size(ty);
		uint8_t in[5 * 8], out[7 * 8], want[7 * 8];
		char name[64];
		graph g;

		for (size_t i = 0; i < sizeof in; i++)
			in[i] = ty == MOTE_BOOL ? (uint8_t)(rnd() & 1)
						: (uint8_t)rnd();
		g_init(&g);
		int tx = g_tensor(&g, ty, 1, (int32_t[]){ 5 }, NULL, 0, true);
		int ta = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 1 },
				  (int32_t[]){ 0 }, 4, false);
		int tr = g_tensor(&g, ty, 1, (int32_t[]){ 5 }, NULL, 0, false);
		g_op(&g, 105, TFL_INTS(tx, ta), TFL_INTS(tr), 0, NULL, 0);
		mote_status s = g_run(&g, (const void *[]){ in },
				      (void *[]){ out }, (size_t[]){ 5 * es });
		for (size_t i = 0; i < 5; i++)
			memcpy(want + i * es, in + (4 - i) * es, es);
		snprintf(name, sizeof name, "op.reverse.%s", mote_type_str(ty));
		report(s == MOTE_OK && memcmp(out, want, 5 * es) == 0, name,
		       mote_status_str(s));

		g_init(&g);
		tx = g_tensor(&g, ty, 1, (int32_t[]){ 5 }, NULL, 0, true);
		ta = g_tensor(&g, MOTE_INT64, 2, (int32_t[]){ 1, 2 },
			      (int64_t[]){ 1, 1 }, 16, false);
		tr = g_tensor(&g, ty, 1, (int32_t[]){ 7 }, NULL, 0, false);
		g_op(&g, 34, TFL_INTS(tx, ta), TFL_INTS(tr), 0, NULL, 0);
		s = g_run(&g, (const void *[]){ in }, (void *[]){ out },
			  (size_t[]){ 7 * es });
		memset(want, 0, sizeof want);
		memcpy(want + es, in, 5 * es);
		snprintf(name, sizeof name, "op.pad.%s", mote_type_str(ty));
		report(s == MOTE_OK && memcmp(out, want, 7 * es) == 0, name,
		       mote_status_str(s));
	}
	int64_t m[6] = { 1, 2, 3, 4, 5, 6 }, t[6];
	graph g;
	g_init(&g);
	int tx =
		g_tensor(&g, MOTE_INT64, 2, (int32_t[]){ 2, 3 }, NULL, 0, true);
	int tp = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 },
			  (int32_t[]){ 1, 0 }, 8, false);
	int ty = g_tensor(&g, MOTE_INT64, 2, (int32_t[]){ 3, 2 }, NULL, 0,
			  false);
	g_op(&g, 39, TFL_INTS(tx, tp), TFL_INTS(ty), 0, NULL, 0);
	mote_status s = g_run(&g, (const void *[]){ m }, (void *[]){ t },
			      (size_t[]){ 48 });
	report(s == MOTE_OK && t[0] == 1 && t[1] == 4 && t[2] == 2 && t[5] == 6,
	       "op.transpose.int64", mote_status_str(s));
}

/* Errors prepare must report. */
static void test_op_prepare_errors(void)
{
	graph g;
	mote_status s;

	/* TRANSPOSE: perm computed at run time (TFLM refuses it too). */
	g_init(&g);
	int tx = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 3 }, NULL, 0,
			  true);
	int tp = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 }, NULL, 0, true);
	int ty = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 3, 2 }, NULL, 0,
			  false);
	g_op(&g, 39, TFL_INTS(tx, tp), TFL_INTS(ty), 0, NULL, 0);
	s = g_run(&g, NULL, NULL, NULL);
	report_status("op.transpose.dynamic_perm", s, MOTE_E_UNSUPPORTED);

	/* TRANSPOSE: a repeated axis. */
	g_init(&g);
	tx = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 2 }, NULL, 0, true);
	tp = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 }, (int32_t[]){ 1, 1 },
		      8, false);
	ty = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 2 }, NULL, 0, false);
	g_op(&g, 39, TFL_INTS(tx, tp), TFL_INTS(ty), 0, NULL, 0);
	s = g_run(&g, NULL, NULL, NULL);
	report_status("op.transpose.repeated_axis", s, MOTE_E_INVALID);

	/* CONCATENATION: int16 with a non-zero zero point (as TFLM). */
	g_init(&g);
	tx = g_qtensor(&g, MOTE_INT16, 1, (int32_t[]){ 2 }, 0.5f, 3, NULL, 0,
		       true);
	ty = g_qtensor(&g, MOTE_INT16, 1, (int32_t[]){ 2 }, 0.5f, 0, NULL, 0,
		       false);
	g_op(&g, 2, TFL_INTS(tx), TFL_INTS(ty), 10, NULL, 0);
	s = g_run(&g, NULL, NULL, NULL);
	report_status("op.concat.int16_zero_point", s, MOTE_E_BAD_QUANT);

	/* RESIZE_BILINEAR: align_corners with half_pixel_centers. */
	g_init(&g);
	tx = g_tensor(&g, MOTE_FLOAT32, 4, (int32_t[]){ 1, 2, 2, 1 }, NULL, 0,
		      true);
	tp = g_tensor(&g, MOTE_INT32, 1, (int32_t[]){ 2 }, (int32_t[]){ 4, 4 },
		      8, false);
	ty = g_tensor(&g, MOTE_FLOAT32, 4, (int32_t[]){ 1, 4, 4, 1 }, NULL, 0,
		      false);
	g_op(&g, 23, TFL_INTS(tx, tp), TFL_INTS(ty), 15,
	     OPTS(TFL_BOOL(2, true), TFL_BOOL(3, true)));
	s = g_run(&g, NULL, NULL, NULL);
	report_status("op.resize_bilinear.both_flags", s, MOTE_E_BAD_OPTIONS);

	/* MIRROR_PAD: constant REFLECT padding as large as the dim. */
	g_init(&g);
	tx = g_tensor(&g, MOTE_FLOAT32, 1, (int32_t[]){ 3 }, NULL, 0, true);
	tp = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 1, 2 },
		      (int32_t[]){ 3, 0 }, 8, false);
	ty = g_tensor(&g, MOTE_FLOAT32, 1, (int32_t[]){ 6 }, NULL, 0, false);
	g_op(&g, 100, TFL_INTS(tx, tp), TFL_INTS(ty), 0, NULL, 0);
	s = g_run(&g, NULL, NULL, NULL);
	report_status("op.mirror_pad.reflect_too_far", s, MOTE_E_INVALID);

	/* GATHER: batch_dims above the axis. */
	g_init(&g);
	tx = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 3 }, NULL, 0, true);
	tp = g_tensor(&g, MOTE_INT32, 2, (int32_t[]){ 2, 1 }, NULL, 0, true);
	ty = g_tensor(&g, MOTE_FLOAT32, 2, (int32_t[]){ 2, 1 }, NULL, 0, false);
	g_op(&g, 36, TFL_INTS(tx, tp), TFL_INTS(ty), 23,
	     OPTS(TFL_I32(0, 0), TFL_I32(1, 1)));
	s = g_run(&g, NULL, NULL, NULL);
	report_status("op.gather.batch_dims_above_axis", s, MOTE_E_BAD_OPTIONS);
}

int main(void)
{
	rng_state = 12345;
	test_transpose();
	test_view();
	test_view_edges();
	test_pad(false);
	test_pad(true);
	test_pad_valid();
	test_concat_split();
	test_concat_requant();
	test_gather();
	test_gather_nd();
	test_embedding_hybrid();
	test_batch_space();
	test_resize_nearest();
	for (int c = 0; c < 200; c++)
		test_resize_bilinear_case(c);
	for (size_t i = 0; i < sizeof ss_cases / sizeof ss_cases[0]; i++)
		test_op_strided_slice(&ss_cases[i]);
	test_op_slice_dynamic();
	test_op_mirror_pad_dynamic();
	test_op_reverse_dynamic();
	test_op_batch_to_space_dynamic();
	test_op_gather();
	test_op_padv2_value_input();
	test_op_shape_and_pad_zp();
	test_op_concat_requant();
	test_op_split();
	test_op_types();
	test_op_prepare_errors();
	return totals();
}
