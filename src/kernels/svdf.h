/* SPDX-License-Identifier: Apache-2.0 */
/*
 * svdf.h - SVDF kernels (TFLite SVDF: a rank-limited approximation of a
 * fully connected layer over a window of time).
 *
 * Shapes: input [batches, in_n]; weights_feature [filters, in_n];
 * weights_time [filters, memory]; bias [units] (optional); state
 * [batches, filters * memory], a variable kept across invokes; output
 * [batches, units] with filters = units * rank. One call is one time step:
 *  1. the whole state buffer moves one element towards its start (each
 *     filter's oldest value drops out; the last value of the buffer is
 *     left as it was and overwritten in step 2);
 *  2. state[b][f][memory - 1] = sum_d in[b][d] * weights_feature[f][d]
 *     (integer: requantized to the state's scale and zero point);
 *  3. s[b][f] = sum_m weights_time[f][m] * state[b][f][m];
 *  4. out[b][u] = bias[u] + sum_r s[b][u * rank + r] (0 without bias),
 *     then the fused activation (float) or the requantization to int8.
 *
 * Every kernel computes exactly what TFLM's reference kernels compute
 * (micro/kernels/svdf_common.cc at TFLM 90b983c2): float sums in TFLM's
 * order; integer sums in int32 (wrapping as TFLM's would), each
 * requantization TFLite's double-rounding MultiplyByQuantizedMultiplier.
 * As in TFLM, the integer kernels apply no fused activation: the output
 * is only clamped to the int8 range.
 *
 * The params struct is plain data filled once at prepare. Data pointers
 * are borrowed for the call; `bias` may be NULL; the state is read and
 * written; the scratch buffer (mote_svdf_*_scratch_size() bytes, aligned
 * to 4) holds nothing between calls.
 */
#ifndef MOTE_KERNELS_SVDF_H
#define MOTE_KERNELS_SVDF_H

#include <stddef.h>
#include <stdint.h>

/* Fused activation of the float kernel (TFLite ActivationFunctionType). */
typedef enum mote_svdf_act {
	MOTE_SVDF_ACT_NONE = 0, /* identity */
	MOTE_SVDF_ACT_RELU = 1, /* max(0, x) */
	MOTE_SVDF_ACT_RELU_N1_TO_1 = 2, /* clamp to [-1, 1] */
	MOTE_SVDF_ACT_RELU6 = 3, /* clamp to [0, 6] */
	MOTE_SVDF_ACT_TANH = 4, /* tanhf(x) */
	MOTE_SVDF_ACT_SIGN_BIT = 5, /* 1 if the sign bit of x is set, else 0 */
} mote_svdf_act;

/* Geometry and quantization of one SVDF layer. */
typedef struct mote_svdf_params {
	int32_t batches; /* input and output rows */
	int32_t in_n; /* values per input row */
	int32_t filters; /* feature filters: units * rank */
	int32_t units; /* values per output row */
	int32_t rank; /* filters summed into each output value */
	int32_t memory; /* time steps each filter remembers */
	int32_t act; /* mote_svdf_act (float kernel only) */
	int32_t in_zp; /* input zero point */
	int32_t state_zp; /* state zero point */
	int32_t out_zp; /* output zero point */
	int32_t feature_mult; /* Q0.31 mantissa of in_scale * feature_scale /
				 state_scale */
	int32_t feature_shift; /* its exponent, positive = left */
	int32_t out_mult; /* Q0.31 mantissa of state_scale * time_scale /
			     out_scale */
	int32_t out_shift; /* its exponent, positive = left */
} mote_svdf_params;

/* Scratch bytes of the float kernel: batches * filters floats. */
size_t mote_svdf_f32_scratch_size(const mote_svdf_params *p);

/* Scratch bytes of the integer kernels: batches * (filters + units)
 * int32 values. */
size_t mote_svdf_s8_scratch_size(const mote_svdf_params *p);

/* float32 everything. */
void mote_svdf_f32(const mote_svdf_params *p, const float *in,
		   const float *feature, const float *time, const float *bias,
		   float *state, float *out, void *scratch);

/* int8 input, feature weights and output; int16 time weights and state;
 * int32 bias. */
void mote_svdf_s8(const mote_svdf_params *p, const int8_t *in,
		  const int8_t *feature, const int16_t *time,
		  const int32_t *bias, int16_t *state, int8_t *out,
		  void *scratch);

/* As mote_svdf_s8 with int8 time weights and state (TFLM's int8 SVDF;
 * the state's zero point may be non-zero). */
void mote_svdf_s8_state8(const mote_svdf_params *p, const int8_t *in,
			 const int8_t *feature, const int8_t *time,
			 const int32_t *bias, int8_t *state, int8_t *out,
			 void *scratch);

#endif /* MOTE_KERNELS_SVDF_H */
