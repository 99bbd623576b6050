/* SPDX-License-Identifier: Apache-2.0 */
/*
 * person_detection.c - is there a person in the picture? TFLM's
 * person_detect model (MobileNet v1, 96x96 gray) on mote.
 *
 *   person_detection MODEL_DIR IMAGE [--input auto|raw|centered]
 *
 * IMAGE: BMP, PGM or PNG of any size (ex_image.h). Like a camera
 * pipeline, the image is turned gray, scaled and center-cropped to 96x96
 * (ex_image_fit), and each pixel p (0-255) becomes the int8 value p - 128:
 * the model's input quantization (scale 1/127.5, zero point -1) reads that
 * as p / 127.5 - 1, the [-1, 1] range MobileNet was trained on.
 *
 * Some files (TFLM's own test image person.bmp among them) do not hold
 * gray levels but the int8 input itself, p - 128 stored as a byte; fed
 * "raw" (bytes unchanged, as TFLM's test does) they are right, converted
 * again they are not. --input says what the file holds: "centered" = gray
 * levels (convert), "raw" = int8 bytes (use as they are), "auto" (default)
 * = decide per file: int8 bytes seen as gray levels jump by about 128
 * wherever the picture crosses mid-gray, so the reading whose neighbouring
 * pixels differ less on average is taken. README.md gives the numbers.
 *
 * Output: the scores, then "result: person|no_person score=<n>", n being
 * the int8 person score (-128..127) of the model's softmax.
 */
#include "ex_image.h"
#include "ex_net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIDE 96
#define NOT_PERSON 0 /* output index of "no person" */
#define PERSON 1 /* output index of "person" */

static const mote_op *const ops[] = {
	&mote_op_depthwise_conv_2d, &mote_op_conv_2d, &mote_op_average_pool_2d,
	&mote_op_reshape, &mote_op_softmax,
};
static const mote_op_table op_table = { ops, 5 };

/* Mean absolute difference of horizontally and vertically adjacent pixels,
 * with every pixel XORed by `flip` (0x80 reads int8 bytes as gray). */
static double roughness(const ex_image *im, uint8_t flip)
{
	double sum = 0;
	size_t pairs = 0;
	for (uint32_t y = 0; y < im->h; y++) {
		const uint8_t *row = im->px + (size_t)y * im->w;
		const uint8_t *below = y + 1 < im->h ? row + im->w : NULL;
		for (uint32_t x = 0; x < im->w; x++) {
			int v = row[x] ^ flip;
			if (x + 1 < im->w)
				sum += abs(v - (row[x + 1] ^ flip));
			if (below)
				sum += abs(v - (below[x] ^ flip));
			pairs += (x + 1 < im->w) + (below != NULL);
		}
	}
	return pairs ? sum / (double)pairs : 0;
}

/* Decides whether the file holds int8 bytes; prints why. */
static int holds_int8(const ex_image *im, const char *mode)
{
	if (strcmp(mode, "auto") != 0)
		return !strcmp(mode, "raw");
	double gray = roughness(im, 0), int8 = roughness(im, 0x80);
	printf("input: mean neighbour difference %.2f read as gray levels, "
	       "%.2f read as int8 bytes -> %s\n", gray, int8,
	       int8 < gray ? "int8 bytes (fed raw)" : "gray levels (x - 128)");
	return int8 < gray;
}

static int detect(const char *dir, const char *path, const char *mode)
{
	char err[300];
	ex_image im;
	if (ex_image_load(&im, path, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("image: %s, %lux%lu %s\n", path, (unsigned long)im.w,
	       (unsigned long)im.h, im.format);
	if (holds_int8(&im, mode)) {
		for (size_t i = 0; i < (size_t)im.w * im.h; i++)
			im.px[i] ^= 0x80;
	}
	ex_net net;
	mote_tensor in, out;
	int rc = ex_net_load(&net, dir, "person_detect.tflite", &op_table);
	if (rc == 0 &&
	    (ex_net_input(&net, 0, MOTE_INT8, SIDE * SIDE, "image", &in) ||
	     ex_net_output(&net, 0, MOTE_INT8, 2, "scores", &out))) {
		ex_net_free(&net);
		rc = -1;
	}
	if (rc == 0)
		ex_net_print(&net);
	if (rc == 0 && ex_image_fit(&im, in.data, SIDE, SIDE) != 0) {
		fprintf(stderr, "%s: out of memory scaling the image\n", path);
		ex_net_free(&net);
		rc = -1;
	}
	ex_image_free(&im);
	if (rc != 0)
		return 1;
	int8_t *q = in.data;
	for (int i = 0; i < SIDE * SIDE; i++)
		q[i] = (int8_t)(((uint8_t *)in.data)[i] - 128);
	rc = ex_net_invoke(&net, "person_detect");
	if (rc == 0) {
		const int8_t *s = out.data;
		printf("scores: person=%d no_person=%d\n", s[PERSON],
		       s[NOT_PERSON]);
		printf("result: %s score=%d\n",
		       s[PERSON] > s[NOT_PERSON] ? "person" : "no_person",
		       s[PERSON]);
	}
	ex_net_free(&net);
	return rc == 0 ? 0 : 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: person_detection MODEL_DIR IMAGE "
		"[--input auto|raw|centered]\n"
		"  IMAGE: BMP (8-bit palette, 24/32-bit), PGM (P5/P2) or PNG\n");
	return ex_exit(2);
}

int main(int argc, char **argv)
{
	const char *args[2] = { NULL, NULL }, *mode = "auto";
	int nargs = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--input") && i + 1 < argc)
			mode = argv[++i];
		else if (argv[i][0] != '-' && nargs < 2)
			args[nargs++] = argv[i];
		else
			return usage();
	}
	if (nargs != 2 || (strcmp(mode, "auto") && strcmp(mode, "raw") &&
			   strcmp(mode, "centered")))
		return usage();
	return ex_exit(detect(args[0], args[1], mode));
}
