/* SPDX-License-Identifier: Apache-2.0 */
/*
 * detection_postprocess.c - reference TFLite_Detection_PostProcess; see
 * detection_postprocess.h for what is computed.
 *
 * Two sorts decide the order of results, and both reproduce TFLM's:
 * - the NMS candidates are sorted by a stable merge sort (bottom-up here,
 *   top-down with insertion sort in TFLM: any stable sort gives the same
 *   order, as candidates are never NaN);
 * - class ranking and the regular NMS's best list use a partial sort by
 *   (score decreasing, index increasing). That order is total unless a
 *   score is NaN, so the heap selection below follows libstdc++'s
 *   std::partial_sort step for step (make_heap, sift the rest through the
 *   heap top, sort_heap), which makes NaN cases match TFLM's x86 build.
 *
 * Scratch layout (4-byte elements, then bytes): decoded boxes 4N, kept
 * scores N, kept indices N, sort order M + N, selected N, per-class or
 * best scores N; regular: candidate indices and scores M + N each, sorted
 * values M; fast: class ranks N * C; then N activity flags.
 */
#include "kernels/detection_postprocess.h"

#include <math.h>
#include <string.h>

/* Byte offsets of the scratch arrays (64-bit, so that a hostile size
 * cannot wrap on a 32-bit target before the operator refuses it). */
typedef struct layout {
	uint64_t decoded; /* 4N floats: box corners */
	uint64_t keep_scores; /* N floats: NMS candidates' scores */
	uint64_t keep_idx; /* N ints: their boxes */
	uint64_t order; /* M + N ints: sort results */
	uint64_t selected; /* N ints: NMS picks */
	uint64_t class_scores; /* N floats: the scores NMS runs on */
	uint64_t cand_idx; /* regular, M + N ints: best list entries */
	uint64_t cand_scores; /* regular, M + N floats: their scores */
	uint64_t sorted_values; /* regular, M floats */
	uint64_t ranks; /* fast, N * C ints: class ranks per box */
	uint64_t active; /* N bytes: NMS candidate still in play */
	uint64_t total; /* bytes in all, a multiple of 4 */
} layout;

static layout plan(const mote_detection_postprocess_params *p)
{
	const uint64_t n = (uint64_t)p->n_boxes, m = (uint64_t)p->max_detections;
	const uint64_t c = (uint64_t)p->n_classes;
	layout l;
	uint64_t at = 0;

	l.decoded = at, at += 16 * n;
	l.keep_scores = at, at += 4 * n;
	l.keep_idx = at, at += 4 * n;
	l.order = at, at += 4 * (m + n);
	l.selected = at, at += 4 * n;
	l.class_scores = at, at += 4 * n;
	l.cand_idx = at, at += p->regular ? 4 * (m + n) : 0;
	l.cand_scores = at, at += p->regular ? 4 * (m + n) : 0;
	l.sorted_values = at, at += p->regular ? 4 * m : 0;
	l.ranks = at, at += p->regular ? 0 : 4 * n * c;
	l.active = at, at += n;
	l.total = at < 4 ? 4 : (at + 3) / 4 * 4;
	return l;
}

size_t mote_detection_postprocess_f32_scratch_size(
	const mote_detection_postprocess_params *p)
{
	const uint64_t total = plan(p).total;
	return total > SIZE_MAX ? SIZE_MAX : (size_t)total;
}

/* The scratch arrays and the parameters, as the steps below share them. */
typedef struct work {
	const mote_detection_postprocess_params *p; /* parameters */
	float *decoded; /* corners (ymin, xmin, ymax, xmax) per box */
	float *keep_scores; /* scores of the NMS candidates */
	int32_t *keep_idx; /* their boxes (also the merge sort's buffer) */
	int32_t *order; /* sort results */
	int32_t *selected; /* boxes picked by NMS */
	float *class_scores; /* the scores NMS runs on */
	int32_t *cand_idx; /* regular: best list, as box * n_scores + col */
	float *cand_scores; /* regular: its scores */
	float *sorted_values; /* regular: scores in best-list order */
	int32_t *ranks; /* fast: C class ranks per box */
	uint8_t *active; /* NMS: candidate still in play */
} work;

/* std::max<float> and std::min<float>, NaN behaviour included. */
static float max_f(float a, float b)
{
	return a < b ? b : a;
}

static float min_f(float a, float b)
{
	return b < a ? b : a;
}

static void decode_boxes(const work *w, const float *boxes,
			 const float *anchors)
{
	const mote_detection_postprocess_params *p = w->p;
	for (int32_t i = 0; i < p->n_boxes; i++) {
		const float *b = boxes + (size_t)i * (size_t)p->box_stride;
		const float *a = anchors + 4 * (size_t)i;
		float yc = (float)((double)b[0] / (double)p->y_scale *
					   (double)a[2] +
				   (double)a[0]);
		float xc = (float)((double)b[1] / (double)p->x_scale *
					   (double)a[3] +
				   (double)a[1]);
		float hh = (float)(0.5 * exp((double)b[2] / (double)p->h_scale) *
				   (double)a[2]);
		float hw = (float)(0.5 * exp((double)b[3] / (double)p->w_scale) *
				   (double)a[3]);
		float *d = w->decoded + 4 * (size_t)i;
		d[0] = yc - hh;
		d[1] = xc - hw;
		d[2] = yc + hh;
		d[3] = xc + hw;
	}
}

static bool boxes_valid(const work *w)
{
	for (int32_t i = 0; i < w->p->n_boxes; i++) {
		const float *d = w->decoded + 4 * (size_t)i;
		if (d[0] >= d[2] || d[1] >= d[3])
			return false;
	}
	return true;
}

static float iou(const work *w, int32_t i, int32_t j)
{
	const float *a = w->decoded + 4 * (size_t)i;
	const float *b = w->decoded + 4 * (size_t)j;
	const float area_a = (a[2] - a[0]) * (a[3] - a[1]);
	const float area_b = (b[2] - b[0]) * (b[3] - b[1]);
	if (area_a <= 0 || area_b <= 0)
		return 0.0f;
	const float ymin = max_f(a[0], b[0]);
	const float xmin = max_f(a[1], b[1]);
	const float ymax = min_f(a[2], b[2]);
	const float xmax = min_f(a[3], b[3]);
	const float inter = max_f(ymax - ymin, 0.0f) * max_f(xmax - xmin, 0.0f);
	return inter / (area_a + area_b - inter);
}

/* Stable sort of order[0 .. n) = 0 .. n - 1 by decreasing v[], bottom-up
 * merges through buf (n elements). */
static void stable_sort_desc(const float *v, int32_t n, int32_t *order,
			     int32_t *buf)
{
	int32_t *src = order, *dst = buf;

	for (int32_t i = 0; i < n; i++)
		order[i] = i;
	for (int32_t width = 1; width < n; width *= 2) {
		for (int32_t lo = 0; lo < n; lo += 2 * width) {
			int32_t mid = lo + width < n ? lo + width : n;
			int32_t hi = mid + width < n ? mid + width : n;
			int32_t l = lo, r = mid;
			for (int32_t k = lo; k < hi; k++) {
				bool right = l >= mid ||
					     (r < hi && v[src[r]] > v[src[l]]);
				dst[k] = right ? src[r++] : src[l++];
			}
		}
		int32_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != order)
		memcpy(order, src, sizeof *order * (size_t)n);
}

/* True if index i ranks before index j: higher score, then lower index
 * (NaN scores compare as ties). */
static bool before(const float *v, int32_t i, int32_t j)
{
	return v[j] < v[i] || (!(v[i] < v[j]) && i < j);
}

/* libstdc++'s heap primitives on a[] under before(): the heap keeps the
 * element ranking last at a[0]. */
static void push_heap(const float *v, int32_t *a, size_t hole, size_t top,
		      int32_t value)
{
	size_t parent = (hole - 1) / 2;
	while (hole > top && before(v, a[parent], value)) {
		a[hole] = a[parent];
		hole = parent;
		parent = (hole - 1) / 2;
	}
	a[hole] = value;
}

static void adjust_heap(const float *v, int32_t *a, size_t hole, size_t len,
			int32_t value)
{
	const size_t top = hole;
	size_t child = hole;

	while (len >= 1 && child < (len - 1) / 2) {
		child = 2 * (child + 1);
		if (before(v, a[child], a[child - 1]))
			child--;
		a[hole] = a[child];
		hole = child;
	}
	if (len >= 2 && (len & 1) == 0 && child == (len - 2) / 2) {
		child = 2 * (child + 1);
		a[hole] = a[child - 1];
		hole = child - 1;
	}
	push_heap(v, a, hole, top, value);
}

/* Moves a[0] to a[at] and sifts the old a[at] into the heap a[0 .. len). */
static void pop_heap(const float *v, int32_t *a, size_t len, size_t at)
{
	int32_t value = a[at];
	a[at] = a[0];
	adjust_heap(v, a, 0, len, value);
}

/* a[0 .. k) = the k indices of 0 .. n - 1 that rank first, in rank order
 * (std::partial_sort of std::iota under before()). */
static void partial_sort_desc(const float *v, int32_t n, int32_t k, int32_t *a)
{
	const size_t mid = (size_t)k;

	for (int32_t i = 0; i < n; i++)
		a[i] = i;
	for (size_t parent = mid >= 2 ? (mid - 2) / 2 + 1 : 0; parent-- > 0;)
		adjust_heap(v, a, parent, mid, a[parent]);
	for (size_t i = mid; i < (size_t)n; i++) {
		if (before(v, a[i], a[0]))
			pop_heap(v, a, mid, i);
	}
	for (size_t last = mid; last > 1; last--)
		pop_heap(v, a, last - 1, last - 1);
}

/* Drops the candidates after position i that overlap pick i too much;
 * returns how many it dropped. */
static int32_t suppress(const work *w, int32_t i, int32_t kept)
{
	const int32_t box = w->keep_idx[w->order[i]];
	int32_t dropped = 0;

	for (int32_t j = i + 1; j < kept; j++) {
		if (!w->active[j])
			continue;
		if (iou(w, box, w->keep_idx[w->order[j]]) >
		    w->p->iou_threshold) {
			w->active[j] = 0;
			dropped++;
		}
	}
	return dropped;
}

/* Single-class NMS on scores s[] with at most `limit` picks; the picks go
 * to w->selected, their number is returned. */
static int32_t nms(const work *w, const float *s, int32_t limit)
{
	const mote_detection_postprocess_params *p = w->p;
	int32_t kept = 0, picked = 0;

	for (int32_t i = 0; i < p->n_boxes; i++) {
		if (s[i] >= p->score_threshold) {
			w->keep_scores[kept] = s[i];
			w->keep_idx[kept++] = i;
		}
	}
	stable_sort_desc(w->keep_scores, kept, w->order, w->keep_idx);
	kept = 0;
	for (int32_t i = 0; i < p->n_boxes; i++) {
		if (s[i] >= p->score_threshold)
			w->keep_idx[kept++] = i;
	}

	const int32_t want = kept < limit ? kept : limit;
	int32_t left = kept;
	memset(w->active, 1, (size_t)kept);
	for (int32_t i = 0; i < kept && left > 0 && picked < want; i++) {
		if (!w->active[i])
			continue;
		w->selected[picked++] = w->keep_idx[w->order[i]];
		w->active[i] = 0;
		left -= 1 + suppress(w, i, kept);
	}
	return picked;
}

/* Regular NMS: one best list across the classes; returns its size. */
static int32_t regular(const work *w, const float *scores)
{
	const mote_detection_postprocess_params *p = w->p;
	const int32_t offset = p->n_scores - p->n_classes;
	int32_t size = 0;

	for (int32_t c = 0; c < p->n_classes; c++) {
		for (int32_t b = 0; b < p->n_boxes; b++)
			w->class_scores[b] =
				scores[(size_t)b * (size_t)p->n_scores +
				       (size_t)(c + offset)];
		int32_t picked = nms(w, w->class_scores,
				     p->detections_per_class);
		int32_t n = size;
		for (int32_t i = 0; i < picked; i++, n++) {
			int32_t box = w->selected[i];
			w->cand_idx[n] = box * p->n_scores + c + offset;
			w->cand_scores[n] = w->class_scores[box];
		}
		int32_t keep = n < p->max_detections ? n : p->max_detections;
		partial_sort_desc(w->cand_scores, n, keep, w->order);
		for (int32_t r = 0; r < keep; r++) {
			int32_t from = w->order[r];
			w->order[r] = w->cand_idx[from];
			w->sorted_values[r] = w->cand_scores[from];
		}
		for (int32_t r = 0; r < keep; r++) {
			w->cand_idx[r] = w->order[r];
			w->cand_scores[r] = w->sorted_values[r];
		}
		size = keep;
	}
	return size;
}

/* Rows 0 .. size - 1 of the regular NMS (the rest stay 0). */
static void write_regular(const work *w, int32_t size, float *out_boxes,
			  float *out_classes, float *out_scores)
{
	const mote_detection_postprocess_params *p = w->p;
	const int32_t offset = p->n_scores - p->n_classes;

	for (int32_t k = 0; k < size; k++) {
		int32_t box = w->cand_idx[k] / p->n_scores;
		memcpy(out_boxes + 4 * (size_t)k, w->decoded + 4 * (size_t)box,
		       4 * sizeof(float));
		out_classes[k] =
			(float)(w->cand_idx[k] - box * p->n_scores - offset);
		out_scores[k] = w->cand_scores[k];
	}
}

/* Fast NMS: writes the rows and returns the number of detections. */
static int32_t fast(const work *w, const float *scores, float *out_boxes,
		    float *out_classes, float *out_scores)
{
	const mote_detection_postprocess_params *p = w->p;
	const int32_t offset = p->n_scores - p->n_classes;
	const int32_t per = p->classes_per_detection;
	int32_t n = 0;

	for (int32_t b = 0; b < p->n_boxes; b++) {
		const float *s = scores + (size_t)b * (size_t)p->n_scores + offset;
		int32_t *rank = w->ranks + (size_t)b * (size_t)p->n_classes;
		partial_sort_desc(s, p->n_classes, per, rank);
		w->class_scores[b] = s[rank[0]];
	}
	int32_t picked = nms(w, w->class_scores, p->max_detections);
	for (int32_t i = 0; i < picked; i++) {
		const int32_t box = w->selected[i];
		const float *s = scores + (size_t)box * (size_t)p->n_scores + offset;
		const int32_t *rank = w->ranks + (size_t)box * (size_t)p->n_classes;
		for (int32_t r = 0; r < per; r++, n++) {
			int64_t row = (int64_t)per * n + r;
			if (row >= p->out_rows)
				continue;
			memcpy(out_boxes + 4 * (size_t)row,
			       w->decoded + 4 * (size_t)box, 4 * sizeof(float));
			out_classes[row] = (float)rank[r];
			out_scores[row] = s[rank[r]];
		}
	}
	return n;
}

bool mote_detection_postprocess_f32(const mote_detection_postprocess_params *p,
				    const float *boxes, const float *scores,
				    const float *anchors, float *out_boxes,
				    float *out_classes, float *out_scores,
				    float *out_num, void *scratch)
{
	const layout l = plan(p);
	uint8_t *s = scratch;
	const work w = {
		p,
		(float *)(void *)(s + l.decoded),
		(float *)(void *)(s + l.keep_scores),
		(int32_t *)(void *)(s + l.keep_idx),
		(int32_t *)(void *)(s + l.order),
		(int32_t *)(void *)(s + l.selected),
		(float *)(void *)(s + l.class_scores),
		(int32_t *)(void *)(s + l.cand_idx),
		(float *)(void *)(s + l.cand_scores),
		(float *)(void *)(s + l.sorted_values),
		(int32_t *)(void *)(s + l.ranks),
		s + l.active,
	};

	decode_boxes(&w, boxes, anchors);
	if (!boxes_valid(&w))
		return false;
	const size_t rows = (size_t)p->out_rows;
	if (rows > 0) {
		memset(out_boxes, 0, 4 * rows * sizeof *out_boxes);
		memset(out_classes, 0, rows * sizeof *out_classes);
		memset(out_scores, 0, rows * sizeof *out_scores);
	}
	if (p->regular) {
		int32_t size = regular(&w, scores);
		write_regular(&w, size, out_boxes, out_classes, out_scores);
		*out_num = (float)size;
	} else {
		*out_num = (float)fast(&w, scores, out_boxes, out_classes,
				       out_scores);
	}
	return true;
}
