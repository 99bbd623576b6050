/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lut.h - lookup tables for quantized element-wise functions.
 *
 * An int8 table has 256 entries indexed by the input byte read as uint8
 * (so -1 is entry 255). An int16 table has 513 entries: entry k is the
 * function at input -32768 + 128 * k, and a lookup interpolates linearly
 * between two entries with the low 7 bits of the input
 * (mote_lut_lookup_s16 in fixedpoint.h).
 *
 * The populate functions run at prepare time and reproduce TFLite's
 * LUTPopulate (kernels/internal/common.h at TFLM 90b983c2) bit for bit:
 * every step is done in float, in TFLite's order, rounding with roundf()
 * and converting float to int as x86-64 does (values outside the int32
 * range and NaN become INT32_MIN before clamping). The transform is any
 * float function with an opaque context pointer; it is called in the same
 * order and on the same arguments as TFLite calls it.
 *
 * mote_sigmoid_table_u16 is TFLite's sigmoid_table_uint16: sigmoid(i / 24)
 * for i = 0 .. 255 in unsigned 0.16 format, as tuned by TFLite (it is not
 * a plain rounding of the formula), used by the int16 LOGISTIC and TANH
 * kernels.
 */
#ifndef MOTE_KERNELS_LUT_H
#define MOTE_KERNELS_LUT_H

#include <stdint.h>

/* A function tabulated by a LUT: y = fn(x, ctx). */
typedef float (*mote_lut_fn)(float x, const void *ctx);

/* Entries of an int16 LUT. */
#define MOTE_LUT_S16_SIZE 513

/*
 * Fills `lut` (256 entries) so that lut[(uint8_t)q] is the int8
 * quantization (out_scale, out_zp) of fn(in_scale * (q - in_zp)).
 */
void mote_lut_populate_s8(float in_scale, int32_t in_zp, float out_scale,
			  int32_t out_zp, mote_lut_fn fn, const void *ctx,
			  int8_t *lut);

/*
 * Fills `lut` (MOTE_LUT_S16_SIZE entries) for int16 input (in_scale,
 * in_zp) and int16 output (out_scale, out_zp): 512 samples corrected so
 * that linear interpolation is unbiased at each midpoint, plus the value
 * at the top of the input range.
 */
void mote_lut_populate_s16(float in_scale, int32_t in_zp, float out_scale,
			   int32_t out_zp, mote_lut_fn fn, const void *ctx,
			   int16_t *lut);

/* Table lookup for int8. */
static inline int8_t mote_lut_lookup_s8(int8_t x, const int8_t *lut)
{
	return lut[(uint8_t)x];
}

/* sigmoid(i / 24) in unsigned 0.16, i = 0 .. 255 (see above). */
extern const uint16_t mote_sigmoid_table_u16[256];

#endif /* MOTE_KERNELS_LUT_H */
