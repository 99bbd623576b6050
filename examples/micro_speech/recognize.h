/* SPDX-License-Identifier: Apache-2.0 */
/*
 * recognize.h - turns the keyword model's per-inference scores into
 * commands, as TFLM's micro_speech RecognizeCommands does: the scores of
 * the last `window_ms` are averaged; the top label is reported as a new
 * command when its average exceeds `threshold` and it differs from the
 * previous top label, or the previous one is older than `suppression_ms`;
 * fewer than `min_count` results, or results spanning less than a quarter
 * of the window, give no answer yet. Label 0 is silence: it takes part in
 * the ranking (and ends the suppression of the label before it) but the
 * caller does not report it as a command.
 */
#ifndef RECOGNIZE_H
#define RECOGNIZE_H

#include <stdbool.h>
#include <stdint.h>

#define RECOGNIZE_LABELS 4 /* silence, unknown, yes, no */
#define RECOGNIZE_MAX_RESULTS 128 /* results kept for the average */

/* Tuning; TFLM's defaults are { 1000, 200, 1500, 3 }. */
typedef struct recognize_config {
	int32_t window_ms; /* averaging window */
	uint8_t threshold; /* average score (0-255) a command must exceed */
	int32_t suppression_ms; /* quiet time after a command */
	int32_t min_count; /* results needed in the window */
} recognize_config;

/* The recognizer's state; caller-allocated, set up by recognize_init. */
typedef struct recognizer {
	recognize_config cfg; /* tuning */
	int32_t time_ms[RECOGNIZE_MAX_RESULTS]; /* ring of result times */
	uint8_t scores[RECOGNIZE_MAX_RESULTS][RECOGNIZE_LABELS]; /* 0-255 */
	int head; /* index of the oldest result */
	int count; /* results in the ring */
	int prev_top; /* last label reported as new (0 at start) */
	int32_t prev_top_ms; /* its time */
	bool prev_top_set; /* prev_top_ms is valid */
} recognizer;

void recognize_init(recognizer *r, const recognize_config *cfg);

/*
 * Adds the scores of one inference (int8 softmax outputs with zero point
 * -128, so score + 128 is 0-255) taken at `time_ms`, which must not
 * decrease. Sets *top and *score (the averaged top label and its score, or
 * the previous label and 0 when there are too few results) and returns
 * true when *top is a new command. Returns false with *top = -1 if the
 * time went backwards.
 */
bool recognize_update(recognizer *r, const int8_t *scores, int32_t time_ms,
		      int *top, uint8_t *score);

#endif /* RECOGNIZE_H */
