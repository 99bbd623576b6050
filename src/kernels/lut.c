/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lut.c - population of int8/int16 lookup tables and the sigmoid table;
 * see lut.h for the contract. Prepare-time code: plain float arithmetic
 * with roundf() semantics (mote_roundf), no libm.
 */
#include "kernels/lut.h"

#include "kernels/fixedpoint.h"

/* float -> int32 truncation as x86-64 (cvttss2si) does it: out-of-range
 * values and NaN give INT32_MIN. */
static int32_t trunc_i32(float f)
{
	if (!(f >= -2147483648.0f && f < 2147483648.0f))
		return INT32_MIN;
	return (int32_t)f;
}

/* std::max and std::min on floats, with their NaN behaviour. */
static float max_f(float a, float b)
{
	return a < b ? b : a;
}

static float min_f(float a, float b)
{
	return b < a ? b : a;
}

void mote_lut_populate_s8(float in_scale, int32_t in_zp, float out_scale,
			  int32_t out_zp, mote_lut_fn fn, const void *ctx,
			  int8_t *lut)
{
	const float inv_scale = 1.0f / out_scale;

	for (int32_t q = -128; q <= 127; q++) {
		float x = in_scale * (float)(q - in_zp);
		float y = mote_roundf(fn(x, ctx) * inv_scale);
		int32_t r = trunc_i32(y + (float)out_zp);
		lut[(uint8_t)q] = (int8_t)mote_clamp_i32(r, -128, 127);
	}
}

void mote_lut_populate_s16(float in_scale, int32_t in_zp, float out_scale,
			   int32_t out_zp, mote_lut_fn fn, const void *ctx,
			   int16_t *lut)
{
	const float in_min = in_scale * (float)(-32768 - in_zp);
	const float in_max = in_scale * (float)(32767 - in_zp);
	const float out_min = out_scale * (float)(-32768 - out_zp);
	const float out_max = out_scale * (float)(32767 - out_zp);
	const int steps = MOTE_LUT_S16_SIZE - 1;
	const float step = (in_max - in_min) / (float)steps;
	const float half_step = step / 2.0f;
	const float out_inv = 65536.0f / (out_max - out_min);

	for (int i = 0; i < steps; i++) {
		float x = in_min + (float)i * step;
		float val = fn(x, ctx);
		float val_mid = fn(x + half_step, ctx);
		float val_next = fn(in_min + (float)(i + 1) * step, ctx);
		float sample = mote_roundf(val * out_inv);
		float mid_interp = mote_roundf(
			(val_next * out_inv + mote_roundf(val * out_inv)) / 2.0f);
		float mid = mote_roundf(val_mid * out_inv);
		float bias = mote_roundf((mid_interp - mid) / 2.0f);
		float v = min_f(max_f(sample - bias, -32768.0f), 32767.0f);
		lut[i] = (int16_t)trunc_i32(v);
	}
	float last = mote_roundf(fn(in_max, ctx) * out_inv);
	lut[steps] = (int16_t)trunc_i32(min_f(max_f(last, -32768.0f), 32767.0f));
}

const uint16_t mote_sigmoid_table_u16[256] = {
	32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513,
	38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
	43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
	47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
	51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755,
	55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
	57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519,
	59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
	61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
	62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
	63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835,
	63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
	64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
	64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
	64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
	65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
	65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301,
	65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
	65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415,
	65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
	65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
	65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
	65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504,
	65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
	65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520,
	65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
	65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
	65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
	65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532,
	65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
	65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534,
	65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
};
