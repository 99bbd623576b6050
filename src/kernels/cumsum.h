/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cumsum.h - CUMSUM: running sums along one axis, optionally exclusive
 * (each output excludes its own input) and/or reverse (summing from the
 * end).
 *
 * The tensor is viewed as [outer, depth, inner] with the axis in the
 * middle. Float sums run from 0.0f in axis order (reverse: backwards).
 *
 * int8 follows TFLM's ADD-style rescaling exactly: each input becomes
 * ((x - zp_in) << 20) * 1/2 (rounding), the running sum of those is
 * rescaled by 2 * scale_in / (2^20 * scale_out), the output zero point
 * added and the result clamped to int8. TFLM starts every running sum not
 * at 0 but at the rescaled input offset, (-zp_in << 20) * 1/2; this kernel
 * does the same, so results match TFLM (and differ from an exact cumsum
 * by zp_in when zp_in != 0). Sums wrap in 32 bits as TFLM's do.
 */
#ifndef MOTE_KERNELS_CUMSUM_H
#define MOTE_KERNELS_CUMSUM_H

#include <stdbool.h>
#include <stdint.h>

/* Left shift applied to int8 inputs before rescaling (TFLM's 20). */
#define MOTE_CUMSUM_LEFT_SHIFT 20

typedef struct mote_cumsum_params {
	int32_t outer; /* product of the dims before the axis */
	int32_t depth; /* size of the axis */
	int32_t inner; /* product of the dims after the axis */
	bool exclusive; /* output k sums inputs before k only */
	bool reverse; /* sum from the end of the axis */
	int32_t in_zp; /* int8: input zero point */
	int32_t in_mult; /* int8: input multiplier (1/2) */
	int32_t in_shift; /* int8: its shift (<= 0) */
	int32_t out_zp; /* int8: output zero point */
	int32_t out_mult; /* int8: output multiplier */
	int32_t out_shift; /* int8: its shift (<= 0) */
	int32_t act_min; /* int8: lowest output */
	int32_t act_max; /* int8: highest output */
} mote_cumsum_params;

/*
 * Sets outer/depth/inner of `p` for `rank` dims `dims` and `axis`
 * (negative counts from the end). Returns false if the axis is out of
 * range or the element count does not fit in int32.
 */
bool mote_cumsum_init_shape(mote_cumsum_params *p, const int32_t *dims,
			    int32_t rank, int64_t axis);

/* `in` and `out` must not overlap. */
void mote_cumsum_f32(const mote_cumsum_params *p, const float *in,
		     float *out);
void mote_cumsum_s8(const mote_cumsum_params *p, const int8_t *in,
		    int8_t *out);

#endif /* MOTE_KERNELS_CUMSUM_H */
