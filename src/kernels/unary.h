/* SPDX-License-Identifier: Apache-2.0 */
/*
 * unary.h - element-wise math and data kernels: ABS, NEG, SIN, COS, EXP,
 * LOG, SQRT, RSQRT, FLOOR, CEIL, ROUND, SQUARE, LOGICAL_NOT, CAST,
 * ZEROS_LIKE, FILL.
 *
 * Each kernel computes what TFLM's reference kernel computes (TFLM
 * 90b983c2, micro/kernels/elementwise.cc, neg.cc, exp.cc, floor.cc,
 * ceil.cc, round.cc, cast.cc, zeros_like.cc, fill.cc). Float kernels call
 * the libm function TFLM calls (fabsf, sinf, cosf, expf, logf, sqrtf,
 * floorf, ceilf). ROUND rounds half to even. Quantized ABS and RSQRT
 * requantize with a Q0.31 multiplier (see fixedpoint.h).
 *
 * Kernels take `n` values; input and output may be the same buffer when
 * their element sizes are equal. Params structs are plain data filled at
 * prepare; kernels only read them.
 */
#ifndef MOTE_KERNELS_UNARY_H
#define MOTE_KERNELS_UNARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void mote_abs_f32(const float *in, float *out, size_t n);
void mote_neg_f32(const float *in, float *out, size_t n);
void mote_sin_f32(const float *in, float *out, size_t n);
void mote_cos_f32(const float *in, float *out, size_t n);
void mote_exp_f32(const float *in, float *out, size_t n);
void mote_log_f32(const float *in, float *out, size_t n);
void mote_sqrt_f32(const float *in, float *out, size_t n);
void mote_rsqrt_f32(const float *in, float *out, size_t n);
void mote_floor_f32(const float *in, float *out, size_t n);
void mote_ceil_f32(const float *in, float *out, size_t n);
void mote_round_f32(const float *in, float *out, size_t n);
void mote_square_f32(const float *in, float *out, size_t n);

/* Quantized ABS and RSQRT: (x - in_zp) mapped, requantized, offset. */
typedef struct mote_unary_q_params {
	int32_t in_zp; /* input zero point */
	int32_t out_zp; /* output zero point */
	int32_t mult; /* Q0.31 mantissa: in/out scale (ABS), or
			 1 / (sqrt(in_scale) * out_scale) (RSQRT) */
	int32_t shift; /* its exponent (positive = left) */
	bool rescale; /* ABS only: false when in and out scales are equal */
} mote_unary_q_params;

/* |x - in_zp| (rescaled when p->rescale) + out_zp, clamped. */
void mote_abs_s8(const mote_unary_q_params *p, const int8_t *in, int8_t *out,
		 size_t n);
void mote_abs_s16(const mote_unary_q_params *p, const int16_t *in,
		  int16_t *out, size_t n);
/* ABS of plain (not quantized) int16 values; |-32768| wraps to -32768. */
void mote_abs_i16(const int16_t *in, int16_t *out, size_t n);

/*
 * 1 / sqrt(x - in_zp) requantized + out_zp, clamped; x == in_zp gives the
 * type's maximum. Returns false at the first x < in_zp (elements before it
 * are written), true otherwise.
 */
bool mote_rsqrt_s8(const mote_unary_q_params *p, const int8_t *in,
		   int8_t *out, size_t n);
bool mote_rsqrt_s16(const mote_unary_q_params *p, const int16_t *in,
		    int16_t *out, size_t n);

/* Booleans are bytes: 0 is false, anything else true; outputs are 0/1. */
void mote_logical_not_bool(const uint8_t *in, uint8_t *out, size_t n);

/* Element kinds a CAST converts between. */
typedef enum mote_cast_kind {
	MOTE_CAST_F32, /* float */
	MOTE_CAST_S8, /* int8_t */
	MOTE_CAST_U8, /* uint8_t */
	MOTE_CAST_S16, /* int16_t */
	MOTE_CAST_U16, /* uint16_t */
	MOTE_CAST_S32, /* int32_t */
	MOTE_CAST_U32, /* uint32_t */
	MOTE_CAST_S64, /* int64_t */
	MOTE_CAST_BOOL, /* one byte, 0 or 1 */
} mote_cast_kind;

/* A CAST: element kinds and count. */
typedef struct mote_cast_params {
	mote_cast_kind in; /* input element kind */
	mote_cast_kind out; /* output element kind */
	size_t n; /* number of elements */
} mote_cast_params;

/*
 * out[i] = (out type) in[i] as C++ static_cast does on x86-64 (TFLM's
 * oracle): integers wrap modulo the output width; a float is truncated
 * toward zero into int32 (int64 for uint32/int64 outputs) and then wraps,
 * values outside that range and NaN giving its minimum; integers convert
 * to float rounding to nearest; a bool output is x != 0.
 * Buffers may alias only when the two kinds have the same size.
 */
void mote_cast(const mote_cast_params *p, const void *in, void *out);

/* ZEROS_LIKE: `bytes` zero bytes (0, 0.0f and false are all-zero). */
void mote_zeros_like(void *out, size_t bytes);

/* FILL: `n` copies of the `size`-byte element at `value`. */
void mote_fill(const void *value, size_t size, void *out, size_t n);

#endif /* MOTE_KERNELS_UNARY_H */
