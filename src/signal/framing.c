/* SPDX-License-Identifier: Apache-2.0 */
/*
 * framing.c - reference SignalDelay, SignalFramer, SignalStacker and
 * SignalOverlapAdd; see framing.h.
 */
#include "signal/framing.h"

#include <string.h>

void mote_delay_reset(const mote_delay_params *p)
{
	memset(p->state, 0, sizeof *p->state * (size_t)p->rows *
				    (size_t)p->delay);
}

/* One row: out = first `frame` samples of (state, in); state = the last
 * `delay` samples of (state, in). */
static void delay_row(int32_t frame, int32_t delay, int16_t *state,
		      const int16_t *in, int16_t *out)
{
	if (delay <= frame) {
		memcpy(out, state, sizeof *out * (size_t)delay);
		memcpy(out + delay, in, sizeof *out * (size_t)(frame - delay));
		memcpy(state, in + frame - delay, sizeof *out * (size_t)delay);
		return;
	}
	memcpy(out, state, sizeof *out * (size_t)frame);
	memmove(state, state + frame, sizeof *out * (size_t)(delay - frame));
	memcpy(state + delay - frame, in, sizeof *out * (size_t)frame);
}

void mote_delay_s16(const mote_delay_params *p, const int16_t *in,
		    int16_t *out)
{
	for (int32_t r = 0; r < p->rows; r++) {
		size_t at = (size_t)r * (size_t)p->frame;
		delay_row(p->frame, p->delay,
			  p->state + (size_t)r * (size_t)p->delay, in + at,
			  out + at);
	}
}

void mote_framer_reset(const mote_framer_params *p)
{
	memset(p->buf, 0, sizeof *p->buf * (size_t)p->rows *
				  (size_t)p->capacity);
	for (int32_t r = 0; r < p->rows; r++)
		p->held[r] = p->prefill ? p->size - p->step : 0;
}

bool mote_framer_s16(const mote_framer_params *p, const int16_t *in,
		     int16_t *out)
{
	bool valid = true;
	for (int32_t r = 0; r < p->rows; r++) {
		int16_t *buf = p->buf + (size_t)r * (size_t)p->capacity;
		int32_t *held = &p->held[r];
		for (int32_t f = 0; f < p->n_frames; f++) {
			size_t k = (size_t)r * (size_t)p->n_frames + (size_t)f;
			memcpy(buf + *held, in + k * (size_t)p->step,
			       sizeof *buf * (size_t)p->step);
			*held += p->step;
			if (*held < p->size) {
				valid = false;
				continue;
			}
			memcpy(out + k * (size_t)p->size, buf,
			       sizeof *buf * (size_t)p->size);
			*held -= p->step;
			memmove(buf, buf + p->step, sizeof *buf * (size_t)*held);
		}
	}
	return valid;
}

void mote_stacker_reset(const mote_stacker_params *p)
{
	memset(p->buf, 0, sizeof *p->buf * (size_t)p->size);
	*p->held = 0;
	*p->started = false;
}

bool mote_stacker_s16(const mote_stacker_params *p, const int16_t *in,
		      int16_t *out)
{
	const size_t frame = sizeof *p->buf * (size_t)p->channels;
	int16_t *buf = p->buf;
	int32_t copies = *p->started ? 1 : p->left + 1;
	for (int32_t c = 0; c < copies; c++) {
		memcpy(buf + *p->held, in, frame);
		*p->held += p->channels;
	}
	*p->started = true;
	if (*p->held < p->size)
		return false;
	memcpy(out, buf, sizeof *buf * (size_t)p->size);
	*p->held -= p->step;
	memmove(buf, buf + p->step, sizeof *buf * (size_t)*p->held);
	return true;
}

void mote_overlap_add_reset_s16(const mote_overlap_add_params *p)
{
	memset(p->buf, 0, sizeof(int16_t) * (size_t)p->rows * (size_t)p->size);
}

void mote_overlap_add_reset_f32(const mote_overlap_add_params *p)
{
	memset(p->buf, 0, sizeof(float) * (size_t)p->rows * (size_t)p->size);
}

/* One frame of one int16 row: add, emit `step`, shift. */
static void overlap_add_frame_s16(const mote_overlap_add_params *p,
				  int16_t *buf, const int16_t *in,
				  int16_t *out)
{
	for (int32_t k = 0; k < p->size; k++) {
		int32_t v = (int32_t)in[k] + buf[k];
		buf[k] = (int16_t)(v < INT16_MIN ? INT16_MIN
						 : (v > INT16_MAX ? INT16_MAX : v));
	}
	memcpy(out, buf, sizeof *buf * (size_t)p->step);
	memmove(buf, buf + p->step, sizeof *buf * (size_t)(p->size - p->step));
	memset(buf + p->size - p->step, 0, sizeof *buf * (size_t)p->step);
}

void mote_overlap_add_s16(const mote_overlap_add_params *p,
			  const int16_t *in, int16_t *out)
{
	for (int32_t r = 0; r < p->rows; r++) {
		int16_t *buf = (int16_t *)p->buf + (size_t)r * (size_t)p->size;
		for (int32_t f = 0; f < p->n_frames; f++) {
			size_t k = (size_t)r * (size_t)p->n_frames + (size_t)f;
			overlap_add_frame_s16(p, buf, in + k * (size_t)p->size,
					      out + k * (size_t)p->step);
		}
	}
}

/* One frame of one float row: add, emit `step`, shift. */
static void overlap_add_frame_f32(const mote_overlap_add_params *p,
				  float *buf, const float *in, float *out)
{
	for (int32_t k = 0; k < p->size; k++)
		buf[k] += in[k];
	memcpy(out, buf, sizeof *buf * (size_t)p->step);
	memmove(buf, buf + p->step, sizeof *buf * (size_t)(p->size - p->step));
	memset(buf + p->size - p->step, 0, sizeof *buf * (size_t)p->step);
}

void mote_overlap_add_f32(const mote_overlap_add_params *p, const float *in,
			  float *out)
{
	for (int32_t r = 0; r < p->rows; r++) {
		float *buf = (float *)p->buf + (size_t)r * (size_t)p->size;
		for (int32_t f = 0; f < p->n_frames; f++) {
			size_t k = (size_t)r * (size_t)p->n_frames + (size_t)f;
			overlap_add_frame_f32(p, buf, in + k * (size_t)p->size,
					      out + k * (size_t)p->step);
		}
	}
}
