/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cast.c - the CAST kernel; see unary.h.
 *
 * Every element goes through one intermediate: an int64 for integer and
 * bool inputs (exact), or the float itself. Storing converts it to the
 * output kind with the semantics unary.h states. The kind switch is
 * per element; CAST is a data-movement op where this costs little.
 */
#include "kernels/unary.h"

/* One element in transit: an integer value or a float. */
typedef struct cast_val {
	bool is_float; /* which member holds the value */
	int64_t i; /* integer or bool value */
	float f; /* float value */
} cast_val;

static cast_val load(mote_cast_kind k, const void *base, size_t i)
{
	cast_val v = { false, 0, 0.0f };

	switch (k) {
	case MOTE_CAST_F32:
		v.is_float = true;
		v.f = ((const float *)base)[i];
		break;
	case MOTE_CAST_S8:
		v.i = ((const int8_t *)base)[i];
		break;
	case MOTE_CAST_U8:
		v.i = ((const uint8_t *)base)[i];
		break;
	case MOTE_CAST_S16:
		v.i = ((const int16_t *)base)[i];
		break;
	case MOTE_CAST_U16:
		v.i = ((const uint16_t *)base)[i];
		break;
	case MOTE_CAST_S32:
		v.i = ((const int32_t *)base)[i];
		break;
	case MOTE_CAST_U32:
		v.i = ((const uint32_t *)base)[i];
		break;
	case MOTE_CAST_S64:
		v.i = ((const int64_t *)base)[i];
		break;
	case MOTE_CAST_BOOL:
		v.i = ((const uint8_t *)base)[i] != 0;
		break;
	}
	return v;
}

/* float -> integer as x86-64 truncates: into int32 (`wide` false) or
 * int64, out-of-range values and NaN giving the minimum. */
static int64_t trunc_float(float f, bool wide)
{
	if (wide)
		return f >= -9223372036854775808.0f && f < 9223372036854775808.0f
			       ? (int64_t)f
			       : INT64_MIN;
	return f >= -2147483648.0f && f < 2147483648.0f ? (int32_t)f
							: INT32_MIN;
}

/* The value as an integer of the output kind, before wrapping. */
static int64_t as_int(cast_val v, mote_cast_kind out)
{
	if (!v.is_float)
		return v.i;
	return trunc_float(v.f, out == MOTE_CAST_U32 || out == MOTE_CAST_S64);
}

static void store(mote_cast_kind k, void *base, size_t i, cast_val v)
{
	uint64_t u = (uint64_t)as_int(v, k); /* wrapping is modulo 2^64 */

	switch (k) {
	case MOTE_CAST_F32:
		((float *)base)[i] = v.is_float ? v.f : (float)v.i;
		break;
	case MOTE_CAST_S8:
		((int8_t *)base)[i] = (int8_t)(uint8_t)u;
		break;
	case MOTE_CAST_U8:
		((uint8_t *)base)[i] = (uint8_t)u;
		break;
	case MOTE_CAST_S16:
		((int16_t *)base)[i] = (int16_t)(uint16_t)u;
		break;
	case MOTE_CAST_U16:
		((uint16_t *)base)[i] = (uint16_t)u;
		break;
	case MOTE_CAST_S32:
		((int32_t *)base)[i] = (int32_t)(uint32_t)u;
		break;
	case MOTE_CAST_U32:
		((uint32_t *)base)[i] = (uint32_t)u;
		break;
	case MOTE_CAST_S64:
		((int64_t *)base)[i] = (int64_t)u;
		break;
	case MOTE_CAST_BOOL:
		((uint8_t *)base)[i] = v.is_float ? v.f != 0.0f : v.i != 0;
		break;
	}
}

void mote_cast(const mote_cast_params *p, const void *in, void *out)
{
	for (size_t i = 0; i < p->n; i++)
		store(p->out, out, i, load(p->in, in, i));
}
