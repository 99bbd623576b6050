/* SPDX-License-Identifier: Apache-2.0 */
/*
 * magic_wand.c - digits drawn in the air with an IMU, recognised with
 * TFLM's magic_wand model on mote.
 *
 *   magic_wand MODEL_DIR IMU.csv [-v]
 *   magic_wand --synth DIGIT OUT.csv|- [--size DEG] [--speed DPS]
 *              [--roll DEG] [--rate HZ] [--noise DPS] [--seed N]
 *
 * IMU.csv: rows "t,ax,ay,az,gx,gy,gz" - time in seconds, acceleration in
 * g, rotation rate in degrees per second (sensor axes: x along the wand);
 * a header row and lines starting with '#' are skipped. Samples go through
 * stroke.h (gyroscope integrated into orientation, gravity estimate, roll
 * compensation, projection into a 2-D stroke); each finished stroke is
 * drawn into the model's 32x32x3 int8 input (the input tensor's scale 1,
 * zero point -128: pixel values are the raster's int8 values as they are)
 * and classified into 0-9.
 *
 * Output: one "gesture: <digit> at <t> s score=<n> ..." line per stroke
 * (score: the int8 softmax output, -128..127), then
 * "result: <digit> score=<n>" for the last stroke, or
 * "result: none score=-128" if no stroke was found. -v draws each stroke's
 * raster in ASCII and prints all ten scores.
 *
 * --synth writes a made-up recording of DIGIT being drawn (synth.h) to
 * OUT.csv, or to stdout with "-".
 */
#include "ex_net.h"
#include "stroke.h"
#include "synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLASSES 10
#define PIXELS (STROKE_IMAGE * STROKE_IMAGE * STROKE_CHANNELS)

static const mote_op *const ops[] = { &mote_op_conv_2d, &mote_op_mean,
				      &mote_op_fully_connected,
				      &mote_op_softmax };
static const mote_op_table op_table = { ops, 4 };

/* The recogniser: model, tracker and what was found. */
typedef struct wand {
	ex_net net; /* magic_wand.tflite */
	mote_tensor in; /* int8 32x32x3 */
	mote_tensor out; /* int8 10 */
	stroke_tracker tracker; /* IMU -> stroke */
	int verbose; /* draw rasters, print all scores */
	int last; /* digit of the last stroke, or -1 */
	int last_score; /* its score */
} wand;

static void draw_ascii(const int8_t *raster)
{
	for (int y = 0; y < STROKE_IMAGE; y++) {
		char line[STROKE_IMAGE + 1];
		for (int x = 0; x < STROKE_IMAGE; x++) {
			const int8_t *p = raster + (y * STROKE_IMAGE + x) * 3;
			line[x] = (p[0] > -128 || p[1] > -128 || p[2] > -128) ?
					  '#' : '.';
		}
		line[STROKE_IMAGE] = 0;
		printf("  %s\n", line);
	}
}

/* Rasterizes and classifies the tracker's stroke that ended at t. */
static int classify(wand *w, double t)
{
	/* The input tensor's memory is reused by later layers: keep the
	 * raster here for drawing. */
	int8_t raster[PIXELS];
	stroke_rasterize((const int8_t (*)[2])w->tracker.points,
			 w->tracker.n_points, raster);
	memcpy(w->in.data, raster, PIXELS);
	if (ex_net_invoke(&w->net, "magic_wand") != 0)
		return -1;
	const int8_t *s = w->out.data;
	int best = 0;
	for (int i = 1; i < CLASSES; i++)
		best = s[i] > s[best] ? i : best;
	int second = best == 0 ? 1 : 0;
	for (int i = 0; i < CLASSES; i++)
		second = (i != best && s[i] > s[second]) ? i : second;
	printf("gesture: %d at %.2f s score=%d (points=%d, next: %d "
	       "score=%d)\n", best, t, s[best], w->tracker.n_points, second,
	       s[second]);
	if (w->verbose) {
		draw_ascii(raster);
		printf("  scores:");
		for (int i = 0; i < CLASSES; i++)
			printf(" %d:%d", i, s[i]);
		printf("\n");
	}
	w->last = best;
	w->last_score = s[best];
	return 0;
}

/* Parses one CSV row; returns 1 for a sample, 0 for a line to skip, -1
 * for a malformed row. */
static int parse_row(const char *line, double *t, float *accel, float *gyro)
{
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#' || *p == '\n' || *p == '\r' || *p == 0 ||
	    ((*p < '0' || *p > '9') && *p != '-' && *p != '+' && *p != '.'))
		return 0;
	double v[7];
	for (int i = 0; i < 7; i++) {
		char *end;
		v[i] = strtod(p, &end);
		if (end == p)
			return -1;
		p = end;
		while (*p == ' ' || *p == '\t')
			p++;
		if (i < 6 && *p++ != ',')
			return -1;
	}
	*t = v[0];
	for (int k = 0; k < 3; k++) {
		accel[k] = (float)v[1 + k];
		gyro[k] = (float)v[4 + k];
	}
	return 1;
}

static int run(wand *w, FILE *f, const char *path)
{
	char line[512];
	double t = 0, prev_t = 0;
	long lineno = 0, samples = 0;
	while (fgets(line, sizeof line, f)) {
		float accel[3], gyro[3];
		int rc = parse_row(line, &t, accel, gyro);
		lineno++;
		if (rc < 0) {
			fprintf(stderr, "%s:%ld: expected t,ax,ay,az,gx,gy,gz\n",
				path, lineno);
			return -1;
		}
		if (rc == 0)
			continue;
		double dt = samples ? t - prev_t : 0;
		if (dt < 0 || dt > 1) {
			fprintf(stderr, "%s:%ld: time goes back or jumps by "
				"%.3f s\n", path, lineno, dt);
			return -1;
		}
		prev_t = t;
		samples++;
		if (stroke_update(&w->tracker, accel, gyro, (float)dt) &&
		    classify(w, t) != 0)
			return -1;
	}
	printf("imu: %s, %ld samples over %.2f s\n", path, samples, t);
	if (stroke_finish(&w->tracker))
		return classify(w, t);
	return 0;
}

static int recognise(const char *dir, const char *path, int verbose)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: cannot open\n", path);
		return 1;
	}
	wand *w = calloc(1, sizeof *w);
	int rc = w ? 0 : -1;
	if (rc == 0 && ex_net_load(&w->net, dir, "magic_wand.tflite",
				   &op_table) != 0)
		rc = -1;
	if (rc == 0 &&
	    (ex_net_input(&w->net, 0, MOTE_INT8, PIXELS, "raster", &w->in) ||
	     ex_net_output(&w->net, 0, MOTE_INT8, CLASSES, "scores", &w->out)))
		rc = -1;
	if (rc == 0) {
		ex_net_print(&w->net);
		stroke_init(&w->tracker);
		w->verbose = verbose;
		w->last = -1;
		rc = run(w, f, path);
	}
	fclose(f);
	if (rc == 0 && w->last >= 0)
		printf("result: %d score=%d\n", w->last, w->last_score);
	else if (rc == 0)
		printf("result: none score=-128\n");
	if (w)
		ex_net_free(&w->net);
	free(w);
	return rc == 0 ? 0 : 1;
}

static int synth(int argc, char **argv)
{
	synth_options o;
	synth_defaults(&o);
	if (argc < 4)
		return 2;
	char *end;
	long digit = strtol(argv[2], &end, 10);
	if (*end || digit < 0 || digit > 9)
		return 2;
	for (int i = 4; i + 1 < argc; i += 2) {
		float v = strtof(argv[i + 1], NULL);
		if (!strcmp(argv[i], "--size"))
			o.size_deg = v;
		else if (!strcmp(argv[i], "--speed"))
			o.speed_dps = v;
		else if (!strcmp(argv[i], "--roll"))
			o.roll_deg = v;
		else if (!strcmp(argv[i], "--rate"))
			o.rate_hz = v;
		else if (!strcmp(argv[i], "--noise"))
			o.noise_dps = v;
		else if (!strcmp(argv[i], "--seed"))
			o.seed = (uint32_t)strtoul(argv[i + 1], NULL, 10);
		else
			return 2;
	}
	if (argc % 2 != 0)
		return 2;
	int to_stdout = !strcmp(argv[3], "-");
	FILE *f = to_stdout ? stdout : fopen(argv[3], "w");
	if (!f) {
		fprintf(stderr, "%s: cannot create\n", argv[3]);
		return 1;
	}
	int rows = synth_write((int)digit, &o, f);
	if ((!to_stdout && fclose(f) != 0) || rows < 0) {
		fprintf(stderr, "%s: write failed\n", argv[3]);
		return 1;
	}
	if (!to_stdout)
		printf("synth: digit %ld, %d samples -> %s\n", digit, rows,
		       argv[3]);
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: magic_wand MODEL_DIR IMU.csv [-v]\n"
		"       magic_wand --synth DIGIT OUT.csv|- [--size DEG] "
		"[--speed DPS] [--roll DEG] [--rate HZ] [--noise DPS] "
		"[--seed N]\n");
	return ex_exit(2);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--synth")) {
		int rc = synth(argc, argv);
		return rc == 2 ? usage() : ex_exit(rc);
	}
	int verbose = argc == 4 && !strcmp(argv[3], "-v");
	if (argc != 3 && !verbose)
		return usage();
	return ex_exit(recognise(argv[1], argv[2], verbose));
}
