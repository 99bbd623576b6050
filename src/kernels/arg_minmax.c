/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arg_minmax.c - reference ARG_MAX / ARG_MIN; see arg_minmax.h.
 */
#include "kernels/arg_minmax.h"

bool mote_arg_minmax_init(mote_arg_minmax_params *p, const int32_t *dims,
			  int32_t rank, int64_t axis, bool out_i64)
{
	int64_t outer = 1, inner = 1;

	if (axis < 0)
		axis += rank;
	if (rank < 1 || axis < 0 || axis >= rank || dims[axis] < 1)
		return false;
	for (int32_t d = 0; d < rank; d++) {
		if (dims[d] < 0)
			return false;
		if (d < axis)
			outer *= dims[d];
		else if (d > axis)
			inner *= dims[d];
	}
	if (outer * dims[axis] * inner > INT32_MAX)
		return false;
	p->outer = (int32_t)outer;
	p->axis_size = dims[axis];
	p->inner = (int32_t)inner;
	p->out_i64 = out_i64;
	return true;
}

static void put(const mote_arg_minmax_params *p, void *out, int32_t i,
		int32_t k)
{
	if (p->out_i64)
		((int64_t *)out)[i] = k;
	else
		((int32_t *)out)[i] = k;
}

void mote_arg_max_f32(const mote_arg_minmax_params *p, const float *in,
		      void *out)
{
	for (int32_t o = 0; o < p->outer; o++) {
		const float *row = in + (int64_t)o * p->axis_size * p->inner;
		for (int32_t i = 0; i < p->inner; i++) {
			float best = row[i];
			int32_t best_k = 0;
			for (int32_t k = 1; k < p->axis_size; k++) {
				float v = row[(int64_t)k * p->inner + i];
				best_k = v > best ? k : best_k;
				best = v > best ? v : best;
			}
			put(p, out, o * p->inner + i, best_k);
		}
	}
}

void mote_arg_min_f32(const mote_arg_minmax_params *p, const float *in,
		      void *out)
{
	for (int32_t o = 0; o < p->outer; o++) {
		const float *row = in + (int64_t)o * p->axis_size * p->inner;
		for (int32_t i = 0; i < p->inner; i++) {
			float best = row[i];
			int32_t best_k = 0;
			for (int32_t k = 1; k < p->axis_size; k++) {
				float v = row[(int64_t)k * p->inner + i];
				best_k = v < best ? k : best_k;
				best = v < best ? v : best;
			}
			put(p, out, o * p->inner + i, best_k);
		}
	}
}

void mote_arg_max_s8(const mote_arg_minmax_params *p, const int8_t *in,
		     void *out)
{
	for (int32_t o = 0; o < p->outer; o++) {
		const int8_t *row = in + (int64_t)o * p->axis_size * p->inner;
		for (int32_t i = 0; i < p->inner; i++) {
			int8_t best = row[i];
			int32_t best_k = 0;
			for (int32_t k = 1; k < p->axis_size; k++) {
				int8_t v = row[(int64_t)k * p->inner + i];
				best_k = v > best ? k : best_k;
				best = v > best ? v : best;
			}
			put(p, out, o * p->inner + i, best_k);
		}
	}
}

void mote_arg_min_s8(const mote_arg_minmax_params *p, const int8_t *in,
		     void *out)
{
	for (int32_t o = 0; o < p->outer; o++) {
		const int8_t *row = in + (int64_t)o * p->axis_size * p->inner;
		for (int32_t i = 0; i < p->inner; i++) {
			int8_t best = row[i];
			int32_t best_k = 0;
			for (int32_t k = 1; k < p->axis_size; k++) {
				int8_t v = row[(int64_t)k * p->inner + i];
				best_k = v < best ? k : best_k;
				best = v < best ? v : best;
			}
			put(p, out, o * p->inner + i, best_k);
		}
	}
}
