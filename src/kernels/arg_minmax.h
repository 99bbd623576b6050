/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arg_minmax.h - ARG_MAX and ARG_MIN: the index of the largest (smallest)
 * element along one axis.
 *
 * The input is viewed as [outer, axis_size, inner]; output element
 * (o, i) is the index k in [0, axis_size) of the first extreme value of
 * in[o][k][i]. A later value replaces the running one only if it compares
 * strictly greater (smaller) with the plain C operator, as TFLM's
 * micro kernel does: ties keep the first index, and NaN never replaces
 * nor is replaced except when it is the first element (then it stays).
 * Indices are written as int32 or int64 (out_i64).
 */
#ifndef MOTE_KERNELS_ARG_MINMAX_H
#define MOTE_KERNELS_ARG_MINMAX_H

#include <stdbool.h>
#include <stdint.h>

typedef struct mote_arg_minmax_params {
	int32_t outer; /* product of the dims before the axis */
	int32_t axis_size; /* size of the reduced axis (>= 1) */
	int32_t inner; /* product of the dims after the axis */
	bool out_i64; /* output indices are int64 (else int32) */
} mote_arg_minmax_params;

/*
 * Fills `p` for an input of `rank` dims `dims` reduced along `axis`
 * (negative counts from the end). Returns false if the axis is out of
 * range or the axis dim is < 1.
 */
bool mote_arg_minmax_init(mote_arg_minmax_params *p, const int32_t *dims,
			  int32_t rank, int64_t axis, bool out_i64);

/* `out` holds outer*inner int32 or int64 values (see out_i64). */
void mote_arg_max_f32(const mote_arg_minmax_params *p, const float *in,
		      void *out);
void mote_arg_max_s8(const mote_arg_minmax_params *p, const int8_t *in,
		     void *out);
void mote_arg_min_f32(const mote_arg_minmax_params *p, const float *in,
		      void *out);
void mote_arg_min_s8(const mote_arg_minmax_params *p, const int8_t *in,
		     void *out);

#endif /* MOTE_KERNELS_ARG_MINMAX_H */
