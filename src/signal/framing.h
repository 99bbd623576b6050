/* SPDX-License-Identifier: Apache-2.0 */
/*
 * framing.h - the stateful stream operators of the signal library:
 * SignalDelay, SignalFramer, SignalStacker and SignalOverlapAdd.
 *
 * Each keeps, per independent stream ("outer" row), a buffer of int16 (or
 * float) samples in persistent memory, cleared by the *_reset() function
 * (which the interpreter calls before the first invoke and on reset). The
 * samples a stream holds are kept at the start of its buffer, oldest
 * first; TFLM keeps the same samples in a circular buffer, so outputs are
 * identical. When an operator cannot produce a frame it leaves that part
 * of the output untouched and reports it through its `valid` flag, as
 * TFLM does.
 *
 * Delay: out = the stream delayed by `delay` samples (zeros first).
 * Framer: each step of `step` input samples appends to the stream; once it
 *   holds `size` samples, the first `size` form an output frame and the
 *   oldest `step` are dropped. With prefill the stream starts with
 *   size - step zeros.
 * Stacker: each input frame of `channels` values appends to the stream
 *   (the very first one is appended left + 1 times); once the stream holds
 *   (left + right + 1) frames they are output, and the oldest `step`
 *   frames are dropped.
 * OverlapAdd: each input frame of `size` samples is added into the stream
 *   buffer (int16: saturating); the first `step` samples are output and
 *   the buffer shifts left by `step`, filling with zeros.
 */
#ifndef MOTE_SIGNAL_FRAMING_H
#define MOTE_SIGNAL_FRAMING_H

#include <stdbool.h>
#include <stdint.h>

typedef struct mote_delay_params {
	int32_t rows; /* independent streams */
	int32_t frame; /* samples per row and invoke */
	int32_t delay; /* delay in samples, >= 0 */
	int16_t *state; /* rows * delay pending samples (persistent) */
} mote_delay_params;

void mote_delay_reset(const mote_delay_params *p);
/* `in` and `out` hold rows * frame samples and must not overlap. */
void mote_delay_s16(const mote_delay_params *p, const int16_t *in,
		    int16_t *out);

typedef struct mote_framer_params {
	int32_t rows; /* independent streams */
	int32_t n_frames; /* steps per row and invoke */
	int32_t size; /* frame size, >= 1 */
	int32_t step; /* frame step, 1 .. */
	int32_t capacity; /* buffer per row: size rounded up to a step */
	bool prefill; /* start with size - step zeros (needs step <= size) */
	int16_t *buf; /* rows * capacity samples (persistent) */
	int32_t *held; /* rows counts of samples held (persistent) */
} mote_framer_params;

void mote_framer_reset(const mote_framer_params *p);
/* `in`: rows * n_frames * step samples; `out`: rows * n_frames * size.
 * Returns true if every frame was produced (the output_valid flag). */
bool mote_framer_s16(const mote_framer_params *p, const int16_t *in,
		     int16_t *out);

typedef struct mote_stacker_params {
	int32_t channels; /* values per input frame, >= 1 */
	int32_t left; /* left context in frames, >= 0 */
	int32_t size; /* output values: channels * (left + right + 1) */
	int32_t step; /* values dropped per output: channels * stacker_step */
	int16_t *buf; /* size values (persistent) */
	int32_t *held; /* one count of values held (persistent) */
	bool *started; /* one flag: the first frame was seen (persistent) */
} mote_stacker_params;

void mote_stacker_reset(const mote_stacker_params *p);
/* `in`: channels values; `out`: size values. Returns the output_valid
 * flag. */
bool mote_stacker_s16(const mote_stacker_params *p, const int16_t *in,
		      int16_t *out);

typedef struct mote_overlap_add_params {
	int32_t rows; /* independent streams */
	int32_t n_frames; /* frames per row and invoke */
	int32_t size; /* input frame size, >= 1 */
	int32_t step; /* output samples per frame, 1 .. size */
	void *buf; /* rows * size samples of the element type (persistent) */
} mote_overlap_add_params;

void mote_overlap_add_reset_s16(const mote_overlap_add_params *p);
void mote_overlap_add_reset_f32(const mote_overlap_add_params *p);
/* `in`: rows * n_frames * size samples; `out`: rows * n_frames * step. */
void mote_overlap_add_s16(const mote_overlap_add_params *p,
			  const int16_t *in, int16_t *out);
void mote_overlap_add_f32(const mote_overlap_add_params *p, const float *in,
			  float *out);

#endif /* MOTE_SIGNAL_FRAMING_H */
