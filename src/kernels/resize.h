/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resize.h - image resizing over height and width of an NHWC tensor:
 * RESIZE_NEAREST_NEIGHBOR (any element type) and RESIZE_BILINEAR (float,
 * int8, int16).
 *
 * Prepare computes the scales once; the kernels then find, like TFLM,
 * the input rows and columns ("taps") of every output row and column as
 * they go (a table would cost arena memory TFLM does not use). The taps
 * reproduce TFLM's reference arithmetic exactly:
 *
 * nearest: scale = in / out (float), or (in - 1) / (out - 1) with
 *   align_corners; index = floor((o + 0.5 if half_pixel_centers) * scale)
 *   or round() with align_corners, at most in - 1, at least 0 with
 *   half_pixel_centers.
 * bilinear, float: the same scale; position v = (o + 0.5) * scale - 0.5
 *   with half_pixel_centers, else o * scale; lo = max(floor(v), 0),
 *   hi = min(ceil(v), in - 1), frac = v - lo. Output =
 *   in[lo,lo]*(1-fy)*(1-fx) + in[hi,lo]*fy*(1-fx) + in[lo,hi]*(1-fy)*fx +
 *   in[hi,hi]*fy*fx, summed in that order in float.
 * bilinear, integer (TFLM's ResizeBilinearInteger): scale in Q10,
 *   s = (1024 * in + out / 2) / out (or with in - 1, out - 1 when aligning);
 *   v = o * s + s / 2 - 512 with half_pixel_centers, else o * s;
 *   lo = max(v / 1024, 0), hi = min((v + 1023) / 1024, in - 1),
 *   frac = v - 1024 * lo; the four products are summed in int64 and
 *   divided by 2^20 rounding half away from zero.
 *
 * `lo` is also kept at most in - 1 (TFLM would read past the input when
 * enlarging a tiny image by a huge factor; valid models never get there).
 */
#ifndef MOTE_KERNELS_RESIZE_H
#define MOTE_KERNELS_RESIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Shape of a resize and its precomputed scales. */
typedef struct mote_resize_params {
	int32_t batch; /* batches of input and output */
	int32_t in_h; /* input height, 1 .. 2^20 */
	int32_t in_w; /* input width, 1 .. 2^20 */
	int32_t depth; /* channels of input and output */
	int32_t out_h; /* output height, 1 .. 2^20 */
	int32_t out_w; /* output width, 1 .. 2^20 */
	uint32_t elem_size; /* bytes per element (nearest) */
	bool align_corners; /* corner pixels of input and output align */
	bool half_pixel_centers; /* pixels sampled at their centres */
	float scale_h; /* float scale between input and output rows */
	float scale_w; /* same for columns */
	int32_t scale_h_q10; /* integer bilinear: the row scale in Q10 */
	int32_t scale_w_q10; /* same for columns */
} mote_resize_params;

/* Fills the four scales of p from its sizes and flags (prepare time). */
void mote_resize_init(mote_resize_params *p);

void mote_resize_nearest_any(const mote_resize_params *p, const void *in,
			     void *out);
void mote_resize_bilinear_f32(const mote_resize_params *p, const float *in,
			      float *out);
void mote_resize_bilinear_s8(const mote_resize_params *p, const int8_t *in,
			     int8_t *out);
void mote_resize_bilinear_s16(const mote_resize_params *p, const int16_t *in,
			      int16_t *out);

#endif /* MOTE_KERNELS_RESIZE_H */
