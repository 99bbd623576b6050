/* SPDX-License-Identifier: Apache-2.0 */
/*
 * stroke.h - from IMU samples to the 2-D stroke a wand gesture draws, and
 * from the stroke to the 32x32x3 image the magic_wand model classifies;
 * the pipeline of TFLM's magic_wand example (Arduino Nano 33 BLE Sense).
 *
 * Per sample (accelerometer in g, gyroscope in degrees per second):
 *  - drift: while the wand is still (the last 20 gyroscope samples are
 *    all below 10 deg/s and within 2 deg/s of their mean) the gyroscope's
 *    mean is taken as its bias. (TFLM gates this on a velocity integrated
 *    from the accelerometer instead; the test on the gyroscope itself does
 *    not drift with the accelerometer's errors.)
 *  - orientation: the bias-corrected rates integrated over the sample
 *    interval (degrees about the sensor's x, y and z axes);
 *  - gravity: the mean of the last 100 accelerometer samples;
 *  - stroke: the wand is moving while the summed squared change of the
 *    orientation over the last 50 samples exceeds 10 deg^2. A stroke starts
 *    50 samples before motion is detected and ends when motion stops (if
 *    it lasted more than 60 samples); at most the last 320 samples count.
 *    The orientations about y and z, minus their mean over the stroke and
 *    divided by 90 degrees, are rotated by the roll angle read from the
 *    gravity direction (so the wand may be held rolled) and projected on
 *    the drawing plane: every second sample becomes an int8 point (x right,
 *    y up, 128 = 90 degrees). A stroke smaller than 0.2 (18 degrees) both
 *    ways is dropped.
 * Rasterizing (stroke_rasterize): the points, scaled so +-0.6 fills the
 * image, are joined by 1-pixel lines on a -128 background, coloured by
 * time from red through green to blue: the model reads the direction in
 * which the digit was drawn.
 */
#ifndef STROKE_H
#define STROKE_H

#include <stdbool.h>
#include <stdint.h>

#define STROKE_HISTORY 600 /* IMU samples kept */
#define STROKE_MAX_SAMPLES 320 /* samples a stroke spans at most */
#define STROKE_MAX_POINTS (STROKE_MAX_SAMPLES / 2) /* points of a stroke */
#define STROKE_IMAGE 32 /* raster width and height */
#define STROKE_CHANNELS 3 /* raster colour channels */

/* The tracker's state; caller-allocated (about 25 KB), see stroke_init. */
typedef struct stroke_tracker {
	float accel[STROKE_HISTORY][3]; /* ring: accelerometer, g */
	float gyro[STROKE_HISTORY][3]; /* ring: gyroscope, deg/s */
	float orient[STROKE_HISTORY][3]; /* ring: integrated orientation */
	uint32_t n; /* samples seen; the newest is at (n - 1) % HISTORY */
	float drift[3]; /* gyroscope bias, deg/s */
	float gravity[3]; /* mean acceleration, g */
	int state; /* waiting, drawing or done */
	int32_t length; /* samples in the current stroke */
	int8_t points[STROKE_MAX_POINTS][2]; /* the last finished stroke */
	int n_points; /* its number of points */
} stroke_tracker;

void stroke_init(stroke_tracker *t);

/*
 * Adds one sample taken `dt` seconds after the previous one. Returns true
 * when a stroke has just ended: its points are in t->points.
 */
bool stroke_update(stroke_tracker *t, const float accel[3],
		   const float gyro[3], float dt);

/* At the end of the data: ends a stroke still being drawn. Returns true
 * if that gives a stroke (in t->points). */
bool stroke_finish(stroke_tracker *t);

/* Draws n points into out: STROKE_IMAGE^2 pixels, STROKE_CHANNELS int8
 * each, row-major, top row first. */
void stroke_rasterize(const int8_t (*points)[2], int n, int8_t *out);

#endif /* STROKE_H */
