/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hello_world.c - TFLM's "hello world" on mote: a three-layer int8 network
 * that approximates sin(x) on [0, 2*pi].
 *
 *   hello_world MODEL_DIR [--steps N] [--plot FILE.svg]
 *
 * Sweeps x over [0, 2*pi] in N points (default 25), quantizes each x with
 * the input tensor's scale and zero point, invokes, dequantizes the output
 * with the output tensor's, and prints x, the prediction and sin(x). The
 * last line is "result: max_abs_error=<e>", the largest |prediction -
 * sin(x)| of the sweep. --plot writes both curves as an SVG (host only:
 * firmware cannot create files).
 */
#include "ex_net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TWO_PI 6.28318530717958647692

static const mote_op *const ops[] = { &mote_op_fully_connected };
static const mote_op_table op_table = { ops, 1 };

/* The sweep: x and the model's prediction. */
typedef struct sweep {
	int n; /* points */
	double *x; /* inputs */
	double *y; /* predictions */
} sweep;

static int8_t quantize(double v, const mote_tensor *t)
{
	long q = lround(v / t->scale) + t->zero_point;
	return (int8_t)(q < -128 ? -128 : q > 127 ? 127 : q);
}

static int run_sweep(ex_net *net, sweep *s)
{
	mote_tensor in, out;
	if (ex_net_input(net, 0, MOTE_INT8, 1, "input", &in) != 0 ||
	    ex_net_output(net, 0, MOTE_INT8, 1, "output", &out) != 0)
		return -1;
	ex_net_print(net);
	printf("input: int8, scale %g, zero point %ld; output: int8, scale %g, "
	       "zero point %ld\n", (double)in.scale, (long)in.zero_point,
	       (double)out.scale, (long)out.zero_point);
	for (int i = 0; i < s->n; i++) {
		s->x[i] = TWO_PI * i / (s->n - 1);
		*(int8_t *)in.data = quantize(s->x[i], &in);
		if (ex_net_invoke(net, "hello_world") != 0)
			return -1;
		s->y[i] = (*(const int8_t *)out.data - out.zero_point) *
			  (double)out.scale;
	}
	return 0;
}

/* Plot coordinates: x in [0, 2 pi] and y in [-1.25, 1.25] onto the
 * 640 x 360 canvas, leaving margins for the axes. */
static double px(double x)
{
	return 50 + x / TWO_PI * 570;
}

static double py(double y)
{
	return 180 - y * 130;
}

static void svg_axes(FILE *f)
{
	fprintf(f, "<line x1='50' y1='180' x2='625' y2='180' stroke='#888'/>\n"
		   "<line x1='50' y1='20' x2='50' y2='340' stroke='#888'/>\n");
	for (int k = -1; k <= 1; k++)
		fprintf(f, "<text x='44' y='%.1f' text-anchor='end' "
			   "font-size='12'>%d</text>\n", py(k) + 4, k);
	for (int k = 0; k <= 6; k++)
		fprintf(f, "<text x='%.1f' y='198' text-anchor='middle' "
			   "font-size='12'>%d</text>\n", px(k), k);
}

static int write_plot(const char *path, const sweep *s, double max_err)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: cannot create the plot\n", path);
		return -1;
	}
	fprintf(f, "<svg xmlns='http://www.w3.org/2000/svg' width='640' "
		   "height='360' font-family='sans-serif'>\n"
		   "<rect width='640' height='360' fill='white'/>\n");
	svg_axes(f);
	fprintf(f, "<polyline fill='none' stroke='#1f77b4' stroke-width='2' "
		   "points='");
	for (int i = 0; i <= 200; i++)
		fprintf(f, "%.1f,%.1f ", px(TWO_PI * i / 200),
			py(sin(TWO_PI * i / 200)));
	fprintf(f, "'/>\n<polyline fill='none' stroke='#d62728' "
		   "stroke-width='1.5' points='");
	for (int i = 0; i < s->n; i++)
		fprintf(f, "%.1f,%.1f ", px(s->x[i]), py(s->y[i]));
	fprintf(f, "'/>\n");
	for (int i = 0; i < s->n; i++)
		fprintf(f, "<circle cx='%.1f' cy='%.1f' r='2.5' "
			   "fill='#d62728'/>\n", px(s->x[i]), py(s->y[i]));
	fprintf(f, "<text x='340' y='16' text-anchor='middle' "
		   "font-size='14'>hello_world_int8 on mote: predicted (red) vs "
		   "sin(x) (blue), max |error| %.3f</text>\n</svg>\n", max_err);
	int bad = ferror(f);
	return (fclose(f) != 0 || bad) ? -1 : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: hello_world MODEL_DIR [--steps N] "
		"[--plot FILE.svg]\n");
	return ex_exit(2);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *plot = NULL;
	int steps = 25;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--plot") && i + 1 < argc)
			plot = argv[++i];
		else if (!strcmp(argv[i], "--steps") && i + 1 < argc)
			steps = atoi(argv[++i]);
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else
			return usage();
	}
	if (!dir || steps < 2 || steps > 100000)
		return usage();

	ex_net net;
	if (ex_net_load(&net, dir, "hello_world_int8.tflite", &op_table) != 0)
		return ex_exit(1);
	sweep s = { steps, calloc((size_t)steps, sizeof(double)),
		    calloc((size_t)steps, sizeof(double)) };
	if ((!s.x || !s.y) || run_sweep(&net, &s) != 0) {
		free(s.x);
		free(s.y);
		ex_net_free(&net);
		return ex_exit(1);
	}
	double max_err = 0;
	printf("%10s %10s %10s\n", "x", "predicted", "sin(x)");
	for (int i = 0; i < s.n; i++) {
		double err = fabs(s.y[i] - sin(s.x[i]));
		max_err = err > max_err ? err : max_err;
		printf("%10.4f %10.4f %10.4f\n", s.x[i], s.y[i], sin(s.x[i]));
	}
	int rc = plot ? write_plot(plot, &s, max_err) : 0;
	if (plot && rc == 0)
		printf("plot: %s\n", plot);
	printf("result: max_abs_error=%.4f\n", max_err);
	free(s.x);
	free(s.y);
	ex_net_free(&net);
	return ex_exit(rc == 0 ? 0 : 1);
}
