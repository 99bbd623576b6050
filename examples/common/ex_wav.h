/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_wav.h - a streaming reader of RIFF WAVE files holding 16 kHz mono
 * 16-bit PCM, the audio the speech models were trained on.
 *
 * The RIFF chunk list is walked properly: "fmt " may be PCM (format 1) or
 * WAVE_FORMAT_EXTENSIBLE with a PCM sub-format; chunks such as LIST, fact
 * or cue are skipped (with their pad byte); the samples are the "data"
 * chunk, read in pieces so a file of any length needs no more memory than
 * the caller's buffer. A data size larger than the file (as streaming
 * recorders write) is cut to what the file holds. Any other rate, channel
 * count or sample format is refused with a message saying what the file
 * has and what is needed.
 */
#ifndef EX_WAV_H
#define EX_WAV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* An open WAV file positioned inside its data chunk. */
typedef struct ex_wav {
	FILE *f; /* the file, owned */
	uint32_t rate; /* samples per second (16000) */
	uint16_t channels; /* 1 */
	uint16_t bits; /* 16 */
	uint32_t samples; /* samples in the data chunk */
	uint32_t left; /* samples not yet read */
} ex_wav;

/* Opens `path` and checks its format. Returns 0, or -1 with a one-line
 * message in err (nothing left open). */
int ex_wav_open(ex_wav *w, const char *path, char *err, size_t err_n);

/* Reads up to n samples; returns how many were read (0 at the end). */
size_t ex_wav_read(ex_wav *w, int16_t *out, size_t n);

void ex_wav_close(ex_wav *w);

#endif /* EX_WAV_H */
