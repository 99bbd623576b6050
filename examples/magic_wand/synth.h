/* SPDX-License-Identifier: Apache-2.0 */
/*
 * synth.h - IMU recordings of a wand drawing a digit, made up from a pen
 * path: the inverse of stroke.h's pipeline, for tests without hardware.
 *
 * Each digit is a single-stroke path (as one draws it in the air: 0
 * anticlockwise from the top, 7 as top bar then diagonal, ...) traced at
 * constant speed. The path's image coordinates become the orientation
 * about the sensor's y and z axes that stroke.h projects back to them
 * (undoing the roll given by the gravity direction); the gyroscope reports
 * that orientation's rate of change plus a constant bias and white noise,
 * the accelerometer reports gravity for the rolled wand plus noise. The
 * recording is still for 0.6 s before and 1.0 s after the gesture. Only
 * rotation is modelled: a real wrist also moves the sensor, which the
 * stroke pipeline ignores except through its gravity estimate.
 */
#ifndef SYNTH_H
#define SYNTH_H

#include <stdint.h>
#include <stdio.h>

/* How the gesture is made. */
typedef struct synth_options {
	float rate_hz; /* IMU sample rate */
	float size_deg; /* half the digit's height, in degrees of rotation */
	float speed_dps; /* pen speed along the path, degrees per second */
	float roll_deg; /* the wand's roll about its own axis */
	float noise_dps; /* gyroscope noise (standard deviation) */
	float bias_dps[3]; /* gyroscope bias */
	uint32_t seed; /* noise seed */
} synth_options;

/* Defaults: 100 Hz, 30 degrees, 110 deg/s, no roll, 0.3 deg/s noise,
 * bias (1.5, -0.8, 0.6) deg/s, seed 1. */
void synth_defaults(synth_options *o);

/* Writes "t,ax,ay,az,gx,gy,gz" (s, g, deg/s) rows for `digit` (0-9) to f.
 * Returns the number of rows, or -1 for a bad digit or write error. */
int synth_write(int digit, const synth_options *o, FILE *f);

#endif /* SYNTH_H */
