/* SPDX-License-Identifier: Apache-2.0 */
/*
 * synth.c - IMU recordings of drawn digits (see synth.h).
 *
 * A digit is a short program of pen moves in a box x in [-0.6, 0.6],
 * y in [-1, 1] (y up): L draws a line to a point, A an elliptical arc
 * (centre, radii, start and end angle in degrees, anticlockwise when the
 * end angle is larger). The program is flattened to a dense polyline, then
 * sampled at equal arc length for constant pen speed.
 */
#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI_F 3.14159265f
#define MAX_VERTS 4096 /* polyline vertices of a flattened path */
#define LEAD_S 0.6f /* still before the gesture */
#define TAIL_S 1.0f /* still after it */

/* One pen move: 'M' start at (a, b); 'L' line to (a, b); 'A' arc around
 * (a, b) with radii (c, d) from angle e to f; 0 ends the path. */
typedef struct move {
	char op;
	float a, b, c, d, e, f;
} move;

#define START(x, y) { 'M', x, y, 0, 0, 0, 0 }
#define LINE(x, y) { 'L', x, y, 0, 0, 0, 0 }
#define ARC(cx, cy, rx, ry, from, to) { 'A', cx, cy, rx, ry, from, to }
#define END { 0, 0, 0, 0, 0, 0, 0 }

static const move digits[10][8] = {
	/* 0: anticlockwise from the top */
	{ ARC(0, 0, 0.6f, 1, 90, 450), END },
	/* 1: one stroke down */
	{ START(0, 1), LINE(0, -1), END },
	/* 2: hook, diagonal, base */
	{ ARC(0, 0.45f, 0.55f, 0.55f, 150, -30),
	  LINE(-0.6f, -1),
	  LINE(0.6f, -1), END },
	/* 3: two bowls, clockwise */
	{ ARC(0, 0.5f, 0.5f, 0.5f, 150, -90),
	  ARC(0, -0.5f, 0.5f, 0.5f, 90, -150), END },
	/* 4: down, across, then up and down through the bar */
	{ START(-0.45f, 1),
	  LINE(-0.45f, -0.1f),
	  LINE(0.55f, -0.1f),
	  LINE(0.3f, 1),
	  LINE(0.3f, -1), END },
	/* 5: top bar leftwards, down, bowl */
	{ START(0.5f, 1),
	  LINE(-0.4f, 1),
	  LINE(-0.5f, 0.15f),
	  ARC(0, -0.4f, 0.55f, 0.55f, 130, -150), END },
	/* 6: down the left side into an anticlockwise loop */
	{ START(0.45f, 1),
	  LINE(-0.35f, 0.3f),
	  LINE(-0.55f, -0.45f),
	  ARC(0, -0.45f, 0.55f, 0.55f, 180, 540), END },
	/* 7: bar, then diagonal */
	{ START(-0.6f, 1), LINE(0.6f, 1), LINE(-0.15f, -1), END },
	/* 8: from the top, left, across the middle, around the bottom */
	{ ARC(0, 0.5f, 0.5f, 0.5f, 90, 270),
	  ARC(0, -0.5f, 0.5f, 0.5f, 90, -270),
	  ARC(0, 0.5f, 0.5f, 0.5f, -90, 90), END },
	/* 9: loop anticlockwise from its right side, then the stem */
	{ ARC(0, 0.5f, 0.5f, 0.5f, 0, 360), LINE(0.5f, -1), END },
};

/* A dense polyline. */
typedef struct polyline {
	float x[MAX_VERTS], y[MAX_VERTS];
	int n;
} polyline;

static void add(polyline *p, float x, float y)
{
	if (p->n < MAX_VERTS) {
		p->x[p->n] = x;
		p->y[p->n] = y;
		p->n++;
	}
}

static void flatten(const move *m, polyline *p)
{
	p->n = 0;
	for (; m->op; m++) {
		if (m->op != 'A') {
			add(p, m->a, m->b);
			continue;
		}
		int steps = (int)(fabsf(m->f - m->e) / 2) + 1;
		for (int i = 0; i <= steps; i++) {
			float ang = (m->e + (m->f - m->e) * i / steps) * PI_F / 180;
			add(p, m->a + m->c * cosf(ang), m->b + m->d * sinf(ang));
		}
	}
}

/* The point at arc length s along p (s clamped to the path). */
static void point_at(const polyline *p, float s, float *x, float *y)
{
	for (int i = 1; i < p->n; i++) {
		float dx = p->x[i] - p->x[i - 1], dy = p->y[i] - p->y[i - 1];
		float len = sqrtf(dx * dx + dy * dy);
		if (s <= len && len > 0) {
			*x = p->x[i - 1] + dx * s / len;
			*y = p->y[i - 1] + dy * s / len;
			return;
		}
		s -= len;
	}
	*x = p->x[p->n - 1];
	*y = p->y[p->n - 1];
}

static float path_length(const polyline *p)
{
	float total = 0;
	for (int i = 1; i < p->n; i++)
		total += hypotf(p->x[i] - p->x[i - 1], p->y[i] - p->y[i - 1]);
	return total;
}

/* Gaussian noise: xorshift32, sum of four uniforms (variance 1/3), scaled
 * to unit variance. */
static float noise(uint32_t *state)
{
	float sum = 0;
	for (int i = 0; i < 4; i++) {
		uint32_t x = *state;
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		*state = x;
		sum += (float)(x >> 8) / 16777216.0f - 0.5f;
	}
	return sum * 1.7320508f;
}

void synth_defaults(synth_options *o)
{
	memset(o, 0, sizeof *o);
	o->rate_hz = 100;
	o->size_deg = 30;
	o->speed_dps = 110;
	o->noise_dps = 0.3f;
	o->bias_dps[0] = 1.5f;
	o->bias_dps[1] = -0.8f;
	o->bias_dps[2] = 0.6f;
	o->seed = 1;
}

int synth_write(int digit, const synth_options *o, FILE *f)
{
	if (digit < 0 || digit > 9 || o->rate_hz <= 0 || o->speed_dps <= 0)
		return -1;
	polyline *path = malloc(sizeof *path);
	if (!path)
		return -1;
	flatten(digits[digit], path);
	float total = path_length(path), len = total * o->size_deg;
	float dt = 1.0f / o->rate_hz, draw_s = len / o->speed_dps;
	int rows = (int)((LEAD_S + draw_s + TAIL_S) * o->rate_hz);
	float roll = o->roll_deg * PI_F / 180, s = sinf(roll), c = cosf(roll);
	uint32_t rng = o->seed ? o->seed : 1;
	float prev_oy = 0, prev_oz = 0;
	fprintf(f, "t,ax,ay,az,gx,gy,gz\n");
	for (int k = 0; k < rows; k++) {
		float t = k * dt, x, y;
		float along = (t - LEAD_S) / draw_s;
		along = along < 0 ? 0 : along > 1 ? 1 : along;
		point_at(path, along * total, &x, &y);
		x *= o->size_deg;
		y *= o->size_deg;
		/* Orientation that stroke.h projects back to (x, y). */
		float oy = -s * x + c * y, oz = -c * x - s * y;
		float gyro[3] = { 0, k ? (oy - prev_oy) / dt : 0,
				  k ? (oz - prev_oz) / dt : 0 };
		prev_oy = oy;
		prev_oz = oz;
		for (int i = 0; i < 3; i++)
			gyro[i] += o->bias_dps[i] + o->noise_dps * noise(&rng);
		fprintf(f, "%.4f,%.4f,%.4f,%.4f,%.3f,%.3f,%.3f\n", t,
			0.01f * noise(&rng), s + 0.01f * noise(&rng),
			c + 0.01f * noise(&rng), gyro[0], gyro[1], gyro[2]);
	}
	free(path);
	return ferror(f) ? -1 : rows;
}
