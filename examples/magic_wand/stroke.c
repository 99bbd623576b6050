/* SPDX-License-Identifier: Apache-2.0 */
/*
 * stroke.c - IMU samples to a stroke, stroke to image (see stroke.h).
 *
 * The rasterizer repeats, operation for operation, the 20.12 fixed-point
 * arithmetic of the Python rasterize_stroke() that drew the model's
 * training images (TFLM magic_wand train_magic_wand_model.ipynb: FIXED_POINT
 * 4096, divisions rounding toward minus infinity), so a stroke becomes
 * exactly the pixels the model learned from. TFLM's Arduino sketch uses an
 * 8.8 version instead whose colour step 256 / n truncates (with 93 points
 * the colour ramp stops at about 70 % of its range); rasters drawn that
 * way are classified markedly worse (README.md).
 */
#include "stroke.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { WAITING, DRAWING, DONE };

#define MOVING_SAMPLES 50 /* window of the motion test */
#define MOVING_THRESHOLD 10.0f /* summed squared change, deg^2 */
#define MIN_STROKE (MOVING_SAMPLES + 10) /* shortest stroke, samples */
#define MIN_SIZE 0.2f /* smallest stroke extent (x 90 degrees) */
#define RANGE_DEG 90.0f /* orientation change that maps to 1.0 */
#define GRAVITY_SAMPLES 100 /* accelerometer samples averaged */
#define DRIFT_SAMPLES 20 /* gyroscope samples averaged for the bias */
#define STILL_DPS 10.0f /* rates below this may be bias... */
#define STILL_SPREAD_DPS 2.0f /* ...if they stay this close to their mean */

static float *at(float (*ring)[3], uint32_t sample)
{
	return ring[sample % STROKE_HISTORY];
}

void stroke_init(stroke_tracker *t)
{
	memset(t, 0, sizeof *t);
	t->state = WAITING;
}

/* The gyroscope bias, re-estimated whenever the wand is still. */
static void update_drift(stroke_tracker *t)
{
	if (t->n < DRIFT_SAMPLES)
		return;
	float mean[3] = { 0, 0, 0 };
	for (uint32_t s = t->n - DRIFT_SAMPLES; s < t->n; s++) {
		const float *g = at(t->gyro, s);
		if (sqrtf(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) > STILL_DPS)
			return;
		for (int k = 0; k < 3; k++)
			mean[k] += g[k] / DRIFT_SAMPLES;
	}
	for (uint32_t s = t->n - DRIFT_SAMPLES; s < t->n; s++) {
		const float *g = at(t->gyro, s);
		for (int k = 0; k < 3; k++) {
			if (fabsf(g[k] - mean[k]) > STILL_SPREAD_DPS)
				return;
		}
	}
	memcpy(t->drift, mean, sizeof mean);
}

static void update_gravity(stroke_tracker *t)
{
	uint32_t n = t->n < GRAVITY_SAMPLES ? t->n : GRAVITY_SAMPLES;
	float sum[3] = { 0, 0, 0 };
	for (uint32_t s = t->n - n; s < t->n; s++) {
		for (int k = 0; k < 3; k++)
			sum[k] += at(t->accel, s)[k];
	}
	for (int k = 0; k < 3; k++)
		t->gravity[k] = sum[k] / (float)n;
}

static bool is_moving(stroke_tracker *t)
{
	if (t->n <= MOVING_SAMPLES)
		return false;
	float total = 0;
	for (uint32_t s = t->n - MOVING_SAMPLES; s < t->n; s++) {
		const float *o = at(t->orient, s), *p = at(t->orient, s - 1);
		for (int k = 0; k < 3; k++)
			total += (o[k] - p[k]) * (o[k] - p[k]);
	}
	return total > MOVING_THRESHOLD;
}

static int8_t to_int8(float v)
{
	long q = lroundf(v * 128.0f);
	return (int8_t)(q > 127 ? 127 : q < -128 ? -128 : q);
}

/* Projects the stroke's orientations onto the drawing plane. Returns false
 * (and drops the stroke) if it is too small. */
static bool make_points(stroke_tracker *t)
{
	uint32_t len = (uint32_t)t->length < t->n ? (uint32_t)t->length : t->n;
	uint32_t start = t->n - len;
	float mean_y = 0, mean_z = 0;
	for (uint32_t s = start; s < t->n; s++) {
		mean_y += at(t->orient, s)[1] / (float)len;
		mean_z += at(t->orient, s)[2] / (float)len;
	}
	/* The roll of the wand, from gravity in the sensor's y-z plane. */
	float gy = t->gravity[1], gz = t->gravity[2];
	float gmag = sqrtf(gy * gy + gz * gz);
	gmag = gmag < 0.0001f ? 0.0001f : gmag;
	float ngy = gy / gmag, ngz = gz / gmag;
	float lo[2] = { 0, 0 }, hi[2] = { 0, 0 };
	t->n_points = (int)(len / 2);
	for (int j = 0; j < t->n_points; j++) {
		const float *o = at(t->orient, start + 2 * (uint32_t)j);
		float ny = (o[1] - mean_y) / RANGE_DEG;
		float nz = (o[2] - mean_z) / RANGE_DEG;
		float xy[2] = { -ngz * nz - ngy * ny, -ngy * nz + ngz * ny };
		for (int k = 0; k < 2; k++) {
			t->points[j][k] = to_int8(xy[k]);
			lo[k] = (j == 0 || xy[k] < lo[k]) ? xy[k] : lo[k];
			hi[k] = (j == 0 || xy[k] > hi[k]) ? xy[k] : hi[k];
		}
	}
	if (hi[0] - lo[0] >= MIN_SIZE || hi[1] - lo[1] >= MIN_SIZE)
		return true;
	t->state = WAITING;
	t->length = 0;
	t->n_points = 0;
	return false;
}

/* The stroke state machine for the newest sample. */
static bool track(stroke_tracker *t)
{
	bool moving = is_moving(t);
	int old = t->state;
	if (old != DRAWING && moving) {
		t->length = MOVING_SAMPLES;
		t->state = DRAWING;
	} else if (old == DRAWING && !moving) {
		t->state = t->length > MIN_STROKE ? DONE : WAITING;
		t->length = t->state == DONE ? t->length : 0;
	}
	if (t->state == WAITING)
		return false;
	if (++t->length > STROKE_MAX_SAMPLES)
		t->length = STROKE_MAX_SAMPLES;
	if (old == DONE || t->state != DONE)
		return false;
	return make_points(t);
}

bool stroke_update(stroke_tracker *t, const float accel[3],
		   const float gyro[3], float dt)
{
	uint32_t s = t->n++;
	memcpy(at(t->accel, s), accel, 3 * sizeof(float));
	memcpy(at(t->gyro, s), gyro, 3 * sizeof(float));
	update_drift(t);
	float *o = at(t->orient, s);
	for (int k = 0; k < 3; k++) {
		float prev = s > 0 ? at(t->orient, s - 1)[k] : 0.0f;
		o[k] = prev + (gyro[k] - t->drift[k]) * dt;
	}
	update_gravity(t);
	return track(t);
}

bool stroke_finish(stroke_tracker *t)
{
	if (t->state != DRAWING || t->length <= MIN_STROKE)
		return false;
	t->state = DONE;
	return make_points(t);
}

/* ---- rasterizing, in 20.12 fixed point ---- */

#define FP 4096

/* Division rounding toward minus infinity, as Python's // does. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t mul_fp(int64_t a, int64_t b)
{
	return floor_div(a * b, FP);
}

static int64_t div_fp(int64_t a, int64_t b)
{
	return floor_div(a * FP, b == 0 ? 1 : b);
}

static int64_t round_fp(int64_t a)
{
	return floor_div(a + FP / 2, FP);
}

/* A point coordinate (int8, 128 = 1.0) to a pixel coordinate, in
 * fixed point. */
static int64_t to_pixel(int32_t v, int64_t range_fp, int64_t half_fp)
{
	return mul_fp(div_fp((int64_t)v * (FP / 128), range_fp), half_fp) +
	       half_fp;
}

static int8_t to_int8_pixel(int64_t v)
{
	return (int8_t)((v < 0 ? 0 : v > 255 ? 255 : v) - 128);
}

/* The colour of segment time t_fp in [0, 1): red to green to blue. */
static void colour(int64_t t_fp, int8_t rgb[3])
{
	int64_t first = t_fp < FP / 2;
	int64_t local = div_fp(first ? t_fp : t_fp - FP / 2, FP / 2);
	int8_t falling = to_int8_pixel(round_fp((FP - local) * 255));
	int8_t rising = to_int8_pixel(round_fp(local * 255));
	rgb[0] = first ? falling : -128;
	rgb[1] = first ? rising : falling;
	rgb[2] = first ? -128 : rising;
}

/* A 1-pixel line from (x0, y0) to (x1, y1), pixel coordinates in fixed
 * point, stepping one pixel along the longer axis. */
static void line(int8_t *out, int64_t x0, int64_t y0, int64_t x1, int64_t y1,
		 const int8_t rgb[3])
{
	int64_t dx = x1 - x0, dy = y1 - y0, steps, xinc, yinc;
	if (llabs(dx) > llabs(dy)) {
		steps = llabs(round_fp(dx));
		xinc = dx > 0 ? FP : -FP;
		yinc = dx > 0 ? div_fp(dy, dx) : -div_fp(dy, dx);
	} else {
		steps = llabs(round_fp(dy));
		yinc = dy > 0 ? FP : -FP;
		xinc = dy > 0 ? div_fp(dx, dy) : -div_fp(dx, dy);
	}
	for (int64_t i = 0; i <= steps; i++) {
		int64_t x = round_fp(x0 + i * xinc), y = round_fp(y0 + i * yinc);
		if (x < 0 || x >= STROKE_IMAGE || y < 0 || y >= STROKE_IMAGE)
			continue;
		memcpy(out + (y * STROKE_IMAGE + x) * STROKE_CHANNELS, rgb, 3);
	}
}

void stroke_rasterize(const int8_t (*points)[2], int n, int8_t *out)
{
	const int64_t half = STROKE_IMAGE * FP / 2;
	const int64_t range = (int64_t)(0.6 * FP); /* floor(2457.6) */
	memset(out, -128, STROKE_IMAGE * STROKE_IMAGE * STROKE_CHANNELS);
	if (n < 2)
		return;
	const int64_t t_inc = FP / n;
	for (int p = 0; p + 1 < n; p++) {
		int8_t rgb[3];
		colour(p * t_inc, rgb);
		line(out, to_pixel(points[p][0], range, half),
		     to_pixel(-points[p][1], range, half),
		     to_pixel(points[p + 1][0], range, half),
		     to_pixel(-points[p + 1][1], range, half), rgb);
	}
}
