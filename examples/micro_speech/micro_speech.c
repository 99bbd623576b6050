/* SPDX-License-Identifier: Apache-2.0 */
/*
 * micro_speech.c - keyword spotting from a WAV file to "yes"/"no", with
 * TFLM's micro_speech models on mote.
 *
 *   micro_speech MODEL_DIR WAV [--flush MS] [-v]
 *
 * The pipeline of a device listening to a microphone:
 *  1. audio: 16 kHz mono 16-bit samples (ex_wav), read as a stream;
 *  2. features: every 20 ms (320 samples) a 30 ms window (480 samples)
 *     goes through audio_preprocessor_int8.tflite (windowing, FFT, mel
 *     filter bank, noise reduction, PCAN, log: TFLM's signal ops), giving
 *     40 int8 features; the last 49 windows form the 49x40 feature map
 *     (about 1 s of audio);
 *  3. classification: micro_speech_quantized.tflite scores silence,
 *     unknown, yes, no on the map after every window, from the 49th on:
 *     a map padded with digital silence is not something the model was
 *     trained on (README.md: it hears "yes" in the hiss of a silent
 *     file's start);
 *  4. recognition: recognize.c averages the scores over 1 s and reports a
 *     command when the average passes the threshold (TFLM's
 *     RecognizeCommands, with its defaults).
 * After the last sample the stream continues with --flush MS of digital
 * silence (default 1000), as a microphone would, so a word at the very
 * end of a file still passes through the model's 1 s view.
 *
 * Output: one "detected: <word> at <ms> score=<0-255>" line per command
 * (ms: end of the audio window that triggered it, from the start of the
 * file), then "result: <word> score=<n>" for the last command, or
 * "result: none score=0". -v also prints every inference's scores.
 */
#include "ex_net.h"
#include "ex_wav.h"
#include "recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_RATE 16000
#define WINDOW 480 /* samples per feature window (30 ms) */
#define STRIDE 320 /* samples between windows (20 ms) */
#define FEATURES 40 /* features per window */
#define FRAMES 49 /* windows in the model's view (~1 s) */

static const char *const labels[RECOGNIZE_LABELS] = { "silence", "unknown",
						      "yes", "no" };

/* Operators of the two models (a firmware links only these kernels). */
static const mote_op *const front_ops[] = {
	&mote_op_signal_window, &mote_op_reshape,
	&mote_op_signal_fft_auto_scale, &mote_op_signal_rfft,
	&mote_op_signal_energy, &mote_op_cast, &mote_op_strided_slice,
	&mote_op_concatenation, &mote_op_signal_filter_bank,
	&mote_op_signal_filter_bank_square_root,
	&mote_op_signal_filter_bank_spectral_subtraction, &mote_op_signal_pcan,
	&mote_op_signal_filter_bank_log, &mote_op_mul, &mote_op_add,
	&mote_op_div, &mote_op_minimum, &mote_op_maximum,
};
static const mote_op_table front_table = {
	front_ops, sizeof front_ops / sizeof front_ops[0]
};
static const mote_op *const kws_ops[] = { &mote_op_reshape,
					  &mote_op_depthwise_conv_2d,
					  &mote_op_fully_connected,
					  &mote_op_softmax };
static const mote_op_table kws_table = { kws_ops, 4 };

/* Everything the stream loop works on. */
typedef struct listener {
	ex_net front; /* audio_preprocessor_int8 */
	ex_net kws; /* micro_speech_quantized */
	mote_tensor audio; /* front input: int16[480] */
	mote_tensor feat; /* front output: int8[40] */
	mote_tensor in; /* kws input: int8[49 * 40] */
	mote_tensor out; /* kws output: int8[4] */
	recognizer rec; /* command recognition */
	int verbose; /* print every inference */
	int last; /* label of the last command, or -1 */
	uint8_t last_score; /* its score */
	int commands; /* commands reported */
	long frames; /* windows seen */
	int8_t map[FRAMES * FEATURES]; /* the last 49 windows' features */
} listener;

static int setup(listener *l, const char *dir)
{
	static const recognize_config tflm = { 1000, 200, 1500, 3 };
	if (ex_net_load(&l->front, dir, "audio_preprocessor_int8.tflite",
			&front_table) != 0)
		return -1;
	if (ex_net_load(&l->kws, dir, "micro_speech_quantized.tflite",
			&kws_table) != 0)
		return -1;
	if (ex_net_input(&l->front, 0, MOTE_INT16, WINDOW, "audio input",
			 &l->audio) != 0 ||
	    ex_net_output(&l->front, 0, MOTE_INT8, FEATURES, "features",
			  &l->feat) != 0 ||
	    ex_net_input(&l->kws, 0, MOTE_INT8, FRAMES * FEATURES,
			 "feature map", &l->in) != 0 ||
	    ex_net_output(&l->kws, 0, MOTE_INT8, RECOGNIZE_LABELS, "scores",
			  &l->out) != 0)
		return -1;
	ex_net_print(&l->front);
	ex_net_print(&l->kws);
	recognize_init(&l->rec, &tflm);
	l->last = -1;
	return 0;
}

/* One 30 ms window ending at `end_ms`: features, classification,
 * recognition. */
static int step(listener *l, const int16_t *window, int32_t end_ms)
{
	memcpy(l->audio.data, window, WINDOW * sizeof(int16_t));
	if (ex_net_invoke(&l->front, "audio_preprocessor") != 0)
		return -1;
	/* The map lives here: the input tensor's memory is reused by the
	 * model's later layers during an invoke. */
	memmove(l->map, l->map + FEATURES, (FRAMES - 1) * FEATURES);
	memcpy(l->map + (FRAMES - 1) * FEATURES, l->feat.data, FEATURES);
	if (++l->frames < FRAMES)
		return 0;
	memcpy(l->in.data, l->map, FRAMES * FEATURES);
	if (ex_net_invoke(&l->kws, "micro_speech") != 0)
		return -1;
	const int8_t *s = l->out.data;
	if (l->verbose)
		printf("t=%ld ms: silence=%d unknown=%d yes=%d no=%d\n",
		       (long)end_ms, s[0] + 128, s[1] + 128, s[2] + 128,
		       s[3] + 128);
	int top;
	uint8_t score;
	if (!recognize_update(&l->rec, s, end_ms, &top, &score) || top == 0)
		return 0;
	printf("detected: %s at %ld score=%u\n", labels[top], (long)end_ms,
	       score);
	l->last = top;
	l->last_score = score;
	l->commands++;
	return 0;
}

/* Streams the file, then `flush` samples of silence, window by window. */
static int listen(listener *l, ex_wav *w, long flush)
{
	int16_t window[WINDOW];
	size_t have = ex_wav_read(w, window, WINDOW);
	long audio = (long)have, done = 0;
	memset(window + have, 0, (WINDOW - have) * sizeof(int16_t));
	for (;;) {
		int32_t end_ms = (int32_t)((done + WINDOW) * 1000 / SAMPLE_RATE);
		if (step(l, window, end_ms) != 0)
			return -1;
		done += STRIDE;
		if (done + WINDOW > audio + flush)
			return 0;
		memmove(window, window + STRIDE,
			(WINDOW - STRIDE) * sizeof(int16_t));
		int16_t *fresh = window + WINDOW - STRIDE;
		size_t got = ex_wav_read(w, fresh, STRIDE);
		memset(fresh + got, 0, (STRIDE - got) * sizeof(int16_t));
		audio += (long)got;
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: micro_speech MODEL_DIR WAV [--flush MS] [-v]\n"
		"  WAV: 16 kHz mono 16-bit PCM, any length\n");
	return ex_exit(2);
}

int main(int argc, char **argv)
{
	const char *args[2] = { NULL, NULL };
	int nargs = 0, verbose = 0;
	long flush_ms = 1000;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--flush") && i + 1 < argc)
			flush_ms = atol(argv[++i]);
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (argv[i][0] != '-' && nargs < 2)
			args[nargs++] = argv[i];
		else
			return usage();
	}
	if (nargs != 2 || flush_ms < 0 || flush_ms > 60000)
		return usage();

	char err[300];
	ex_wav wav;
	if (ex_wav_open(&wav, args[1], err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return ex_exit(1);
	}
	listener *l = calloc(1, sizeof *l);
	int rc = (!l || setup(l, args[0]) != 0) ? -1 : 0;
	if (rc == 0) {
		l->verbose = verbose;
		printf("audio: %s, %lu samples (%lu ms)\n", args[1],
		       (unsigned long)wav.samples,
		       (unsigned long)wav.samples * 1000 / SAMPLE_RATE);
		rc = listen(l, &wav, flush_ms * SAMPLE_RATE / 1000);
	}
	ex_wav_close(&wav);
	if (rc == 0 && l->last >= 0)
		printf("result: %s score=%u\n", labels[l->last], l->last_score);
	else if (rc == 0)
		printf("result: none score=0\n");
	if (l) {
		ex_net_free(&l->front);
		ex_net_free(&l->kws);
	}
	free(l);
	return ex_exit(rc == 0 ? 0 : 1);
}
