/* SPDX-License-Identifier: Apache-2.0 */
/*
 * reduce.h - reductions over a set of axes: MEAN, SUM, REDUCE_MAX,
 * REDUCE_MIN and REDUCE_ALL.
 *
 * A reduction is described once by a mote_reduce_shape (filled by
 * mote_reduce_shape_init from the input dims and the axis list). Every
 * kernel walks the input once in row-major order and folds each element
 * into its output element, so each output sees its inputs in increasing
 * input order, exactly as TFLite's reference Reduce() does; float results
 * are therefore bit-identical to TFLM's.
 *
 * Quantized MEAN and SUM (int8, int16) sum the raw values into int32
 * accumulators (wrapping, as TFLM), subtract zp_in * count and rescale
 * with one multiplier. For SUM it is scale_in / scale_out; for MEAN
 * mote_mean_multiplier() folds 1/count into it the way TFLM does (the
 * multiplier is scaled up by 2^floor(log2 count), divided by count with
 * truncation, and the shift lowered to match). The accumulators live in a
 * caller-provided scratch buffer of mote_mean_s8_scratch_size() bytes.
 *
 * Kernels never fail: shape and axis checks happen in
 * mote_reduce_shape_init().
 */
#ifndef MOTE_KERNELS_REDUCE_H
#define MOTE_KERNELS_REDUCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Highest input rank a reduction accepts (equals MOTE_MAX_DIMS). */
#define MOTE_REDUCE_MAX_DIMS 8

/* How input elements map onto output elements. */
typedef struct mote_reduce_shape {
	int32_t rank; /* input rank, 0..MOTE_REDUCE_MAX_DIMS */
	int32_t dims[MOTE_REDUCE_MAX_DIMS]; /* input dims, outermost first */
	int32_t out_stride[MOTE_REDUCE_MAX_DIMS]; /* output step per step of
						   * input dim d; 0 on reduced
						   * axes */
	int32_t n_in; /* input elements */
	int32_t n_out; /* output elements (product of the kept dims) */
	int32_t count; /* input elements folded into each output */
} mote_reduce_shape;

/* Parameters of a quantized MEAN or SUM. */
typedef struct mote_reduce_q_params {
	mote_reduce_shape shape; /* the reduction */
	int32_t in_zp; /* input zero point */
	int32_t out_zp; /* output zero point */
	int32_t mult; /* output multiplier (MEAN: 1/count folded in) */
	int32_t shift; /* output shift, positive = left */
	int32_t act_min; /* lowest output value (type minimum) */
	int32_t act_max; /* highest output value (type maximum) */
} mote_reduce_q_params;

/*
 * Fills `s` for reducing an input of `rank` dims `dims` over the `n_axis`
 * axes in `axis` (negative axes count from the end; repeats are ignored).
 * A rank-0 input ignores the axes. Returns false if an axis is out of
 * range, a dim is negative, rank exceeds MOTE_REDUCE_MAX_DIMS, or an
 * element count does not fit in int32.
 */
bool mote_reduce_shape_init(mote_reduce_shape *s, const int32_t *dims,
			    int32_t rank, const int32_t *axis, int32_t n_axis);

/*
 * TFLM's MEAN rescaling: from the (mult, shift) of scale_in / scale_out and
 * the number of elements per output, the (mult, shift) that also divides
 * by `count`. count >= 1, shift >= -31.
 */
void mote_mean_multiplier(int32_t mult, int32_t shift, int32_t count,
			  int32_t *out_mult, int32_t *out_shift);

/* Scratch bytes of the quantized MEAN and SUM kernels (int32 per output). */
size_t mote_mean_s8_scratch_size(const mote_reduce_shape *s);
size_t mote_mean_s16_scratch_size(const mote_reduce_shape *s);
size_t mote_sum_s8_scratch_size(const mote_reduce_shape *s);
size_t mote_sum_s16_scratch_size(const mote_reduce_shape *s);

/* MEAN: float sums in input order, then one division by count. */
void mote_mean_f32(const mote_reduce_shape *s, const float *in, float *out);
void mote_mean_s8(const mote_reduce_q_params *p, const int8_t *in,
		  int8_t *out, int32_t *scratch);
void mote_mean_s16(const mote_reduce_q_params *p, const int16_t *in,
		   int16_t *out, int32_t *scratch);

/* SUM: float sums in input order; quantized as described above. */
void mote_sum_f32(const mote_reduce_shape *s, const float *in, float *out);
void mote_sum_s8(const mote_reduce_q_params *p, const int8_t *in, int8_t *out,
		 int32_t *scratch);
void mote_sum_s16(const mote_reduce_q_params *p, const int16_t *in,
		  int16_t *out, int32_t *scratch);

/*
 * REDUCE_MAX / REDUCE_MIN. Outputs start at the type's lowest (max) or
 * highest (min) finite value and take an input only if it compares
 * strictly greater (smaller): NaN inputs are skipped and an all -inf
 * float input yields -FLT_MAX, as in TFLM. Quantized outputs share the
 * input's scale and zero point.
 */
void mote_reduce_max_f32(const mote_reduce_shape *s, const float *in,
			 float *out);
void mote_reduce_max_s8(const mote_reduce_shape *s, const int8_t *in,
			int8_t *out);
void mote_reduce_min_f32(const mote_reduce_shape *s, const float *in,
			 float *out);
void mote_reduce_min_s8(const mote_reduce_shape *s, const int8_t *in,
			int8_t *out);

/* REDUCE_ALL: logical and, true for an empty reduction. */
void mote_reduce_all_bool(const mote_reduce_shape *s, const uint8_t *in,
			  bool *out);

#endif /* MOTE_KERNELS_REDUCE_H */
