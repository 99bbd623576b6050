/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fully_connected.h - fully connected (dense) kernels (TFLite
 * FULLY_CONNECTED).
 *
 * Shapes: input [batches, accum] (any leading shape flattened to rows of
 * `accum` values), filter [out_c, accum] row-major, bias [out_c]
 * (optional), output [batches, out_c]. Output row b, channel c is
 *     act(requant(sum_d (filter[c][d] + filter_offset) *
 *                       (in[b][d] + in_offset) + bias[c]))
 *
 * Every kernel computes exactly what TFLM's reference kernel computes
 * (reference/fully_connected.h, reference/integer_ops/fully_connected.h at
 * TFLM 90b983c2): integer sums are exact in the accumulator type, wrapping
 * modulo 2^32 where TFLM's int32 accumulator would; the bias is added after
 * the sum; then the sum is requantized with the per-tensor or per-channel
 * multiplier, offset by the output zero point and clamped. Float sums run
 * in TFLM's order (d ascending), then the bias is added and the result is
 * clamped.
 *
 * The params struct is plain data: prepare fills it once. Kernels read it
 * only; they never allocate and need no scratch. Data pointers are borrowed
 * for the call; `bias` may be NULL (no bias).
 */
#ifndef MOTE_KERNELS_FULLY_CONNECTED_H
#define MOTE_KERNELS_FULLY_CONNECTED_H

#include <stdint.h>

/* Geometry, quantization and activation of one fully connected layer. */
typedef struct mote_fc_params {
	int32_t batches; /* number of input and output rows */
	int32_t accum; /* values per input row (filter columns) */
	int32_t out_c; /* values per output row (filter rows) */
	int32_t in_offset; /* minus the input zero point */
	int32_t filter_offset; /* minus the filter zero point (per-tensor
				  only; per-channel filters are symmetric) */
	int32_t out_zp; /* output zero point */
	int32_t act_min; /* lowest quantized output (fused activation) */
	int32_t act_max; /* highest quantized output */
	float act_min_f; /* lowest float output (float kernel only) */
	float act_max_f; /* highest float output (float kernel only) */
	int32_t mult; /* per-tensor Q0.31 multiplier (when ch_mult is NULL) */
	int32_t shift; /* per-tensor exponent, positive = left */
	const int32_t *ch_mult; /* out_c per-channel multipliers, or NULL for
				   per-tensor quantization */
	const int32_t *ch_shift; /* out_c per-channel exponents, or NULL */
} mote_fc_params;

/* int8 input and output, int8 filter, int32 bias. */
void mote_fully_connected_s8(const mote_fc_params *p, const int8_t *in,
			     const int8_t *filter, const int32_t *bias,
			     int8_t *out);

/*
 * As mote_fully_connected_s8 with an int4 filter packed two per byte in
 * row-major element order, low nibble first (TFLite INT4); read in place.
 */
void mote_fully_connected_s8w4(const mote_fc_params *p, const int8_t *in,
			       const uint8_t *filter, const int32_t *bias,
			       int8_t *out);

/*
 * int16 input and output, int8 filter, int32 bias and int32 accumulator
 * (TFLM's path for an int32 bias, or no bias with quantized_bias_type
 * INT32).
 */
void mote_fully_connected_s16(const mote_fc_params *p, const int16_t *in,
			      const int8_t *filter, const int32_t *bias,
			      int16_t *out);

/*
 * int16 input and output, int8 filter, int64 bias and int64 accumulator,
 * requantized with TFLite's 64-bit MultiplyByQuantizedMultiplier (TFLM's
 * path for an int64 bias, and for no bias unless quantized_bias_type is
 * INT32).
 */
void mote_fully_connected_s16_acc64(const mote_fc_params *p, const int16_t *in,
				    const int8_t *filter, const int64_t *bias,
				    int16_t *out);

/* float32 input, filter, bias and output. */
void mote_fully_connected_f32(const mote_fc_params *p, const float *in,
			      const float *filter, const float *bias,
			      float *out);

#endif /* MOTE_KERNELS_FULLY_CONNECTED_H */
