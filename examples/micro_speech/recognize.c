/* SPDX-License-Identifier: Apache-2.0 */
/*
 * recognize.c - command recognition over a moving average of scores
 * (see recognize.h). Integer arithmetic as in TFLM: scores 0-255 summed in
 * int32 and divided (truncating) by the number of results.
 */
#include "recognize.h"

#include <string.h>

void recognize_init(recognizer *r, const recognize_config *cfg)
{
	memset(r, 0, sizeof *r);
	r->cfg = *cfg;
}

/* Appends a result, dropping the oldest if the ring is full. */
static void push(recognizer *r, const int8_t *scores, int32_t time_ms)
{
	if (r->count == RECOGNIZE_MAX_RESULTS) {
		r->head = (r->head + 1) % RECOGNIZE_MAX_RESULTS;
		r->count--;
	}
	int at = (r->head + r->count) % RECOGNIZE_MAX_RESULTS;
	r->time_ms[at] = time_ms;
	for (int i = 0; i < RECOGNIZE_LABELS; i++)
		r->scores[at][i] = (uint8_t)(scores[i] + 128);
	r->count++;
}

/* The label with the highest average (the first on ties; 0 if all are 0). */
static int average_top(const recognizer *r, int32_t *top_score)
{
	int32_t sum[RECOGNIZE_LABELS] = { 0 };
	for (int k = 0; k < r->count; k++) {
		const uint8_t *s = r->scores[(r->head + k) % RECOGNIZE_MAX_RESULTS];
		for (int i = 0; i < RECOGNIZE_LABELS; i++)
			sum[i] += s[i];
	}
	int top = 0;
	*top_score = 0;
	for (int i = 0; i < RECOGNIZE_LABELS; i++) {
		if (sum[i] / r->count > *top_score) {
			*top_score = sum[i] / r->count;
			top = i;
		}
	}
	return top;
}

bool recognize_update(recognizer *r, const int8_t *scores, int32_t time_ms,
		      int *top, uint8_t *score)
{
	if (r->count > 0 &&
	    time_ms < r->time_ms[(r->head + r->count - 1) % RECOGNIZE_MAX_RESULTS]) {
		*top = -1;
		*score = 0;
		return false;
	}
	push(r, scores, time_ms);
	/* Drop results older than the averaging window. */
	int64_t limit = (int64_t)time_ms - r->cfg.window_ms;
	while (r->count > 0 && r->time_ms[r->head] < limit) {
		r->head = (r->head + 1) % RECOGNIZE_MAX_RESULTS;
		r->count--;
	}
	int32_t span = time_ms - r->time_ms[r->head];
	if (r->count < r->cfg.min_count || span < r->cfg.window_ms / 4) {
		*top = r->prev_top;
		*score = 0;
		return false;
	}
	int32_t top_score;
	int label = average_top(r, &top_score);
	*top = label;
	*score = (uint8_t)top_score;
	/* A repeat of the previous label counts only after the suppression
	 * time; after silence (or at start) any label counts. */
	bool quiet = r->prev_top == 0 || !r->prev_top_set ||
		     (int64_t)time_ms - r->prev_top_ms > r->cfg.suppression_ms;
	if (top_score <= r->cfg.threshold || (label == r->prev_top && !quiet))
		return false;
	r->prev_top = label;
	r->prev_top_ms = time_ms;
	r->prev_top_set = true;
	return true;
}
