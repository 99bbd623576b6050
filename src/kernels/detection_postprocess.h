/* SPDX-License-Identifier: Apache-2.0 */
/*
 * detection_postprocess.h - the TFLite_Detection_PostProcess custom
 * operator's kernel (SSD box decoding and non-max suppression), float32,
 * batch 1, as TFLM's reference computes it.
 *
 * 1. Decoding: box i's encoding (y, x, h, w) = boxes[i * box_stride + 0..3]
 *    and anchor i (y, x, h, w) = anchors[4 i + 0..3] give, in double,
 *      yc = y / y_scale * anchor.h + anchor.y, half_h = 0.5 exp(h / h_scale)
 *      * anchor.h (x, w alike), each rounded to float, and the corners
 *    ymin = yc - half_h, xmin, ymax = yc + half_h, xmax in float. Every box
 *    must have ymin < ymax and xmin < xmax (NaN passes), else the kernel
 *    fails.
 * 2. Single-class NMS (scores s, limit L): the boxes with s >= threshold,
 *    stably sorted by decreasing score, are taken greedily: each taken box
 *    drops every later candidate whose IoU with it exceeds iou_threshold,
 *    until L boxes are taken or none is left. IoU is 0 when either area is
 *    <= 0, and uses std::max/min's NaN behaviour: max(a, b) = a < b ? b : a,
 *    min(a, b) = b < a ? b : a.
 * 3a. Regular NMS: for each class c in turn, NMS with limit
 *    detections_per_class; its picks join the best list so far, which is
 *    cut to the max_detections best by decreasing score, ties to the
 *    earlier entry. Output row k < size: the box, class c, its score;
 *    later rows are 0. num_detections = size.
 * 3b. Fast NMS: each box's classes are ranked by decreasing score, ties to
 *    the lower class (a partial sort with the heap algorithm of
 *    libstdc++'s std::partial_sort, so that even NaN scores rank as in
 *    TFLM's x86 build); NMS with limit max_detections runs on each box's
 *    best score. For the j-th pick and its r-th best class (r <
 *    classes_per_detection) TFLM writes output row K * n + r, where n
 *    counts the rows written so far (n = K j + r, K =
 *    classes_per_detection): rows 0 .. K - 1 for K = 1, scattered rows
 *    beyond that. Rows are written only within out_rows; all other rows
 *    are 0. num_detections = picks * K.
 * Classes in the output exclude the background column: class 0 is score
 * column n_scores - n_classes.
 */
#ifndef MOTE_KERNELS_DETECTION_POSTPROCESS_H
#define MOTE_KERNELS_DETECTION_POSTPROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct mote_detection_postprocess_params {
	int32_t n_boxes; /* boxes and anchors, >= 0 */
	int32_t box_stride; /* values per box encoding, >= 4 */
	int32_t n_classes; /* classes without background, >= 1 */
	int32_t n_scores; /* scores per box: n_classes or n_classes + 1 */
	int32_t max_detections; /* >= 0 */
	int32_t classes_per_detection; /* fast NMS: min(max classes per
					   detection, n_classes), >= 1 */
	int32_t detections_per_class; /* regular NMS: >= 1 */
	int32_t out_rows; /* rows the detection outputs hold */
	bool regular; /* regular NMS (else fast) */
	float score_threshold; /* candidates need score >= this */
	float iou_threshold; /* in (0, 1] */
	float y_scale; /* box encoding scales */
	float x_scale;
	float h_scale;
	float w_scale;
} mote_detection_postprocess_params;

/* Scratch bytes the kernel needs (a multiple of 4; SIZE_MAX if that does
 * not fit a size_t). */
size_t mote_detection_postprocess_f32_scratch_size(
	const mote_detection_postprocess_params *p);

/*
 * Runs the operator. boxes: n_boxes * box_stride floats; scores: n_boxes
 * * n_scores; anchors: 4 * n_boxes. Outputs: out_boxes 4 * out_rows,
 * out_classes and out_scores out_rows each, out_num 1. scratch: 4-byte
 * aligned, of the size above. Returns false, with the outputs untouched,
 * if a decoded box is empty or inverted.
 */
bool mote_detection_postprocess_f32(const mote_detection_postprocess_params *p,
				    const float *boxes, const float *scores,
				    const float *anchors, float *out_boxes,
				    float *out_classes, float *out_scores,
				    float *out_num, void *scratch);

#endif /* MOTE_KERNELS_DETECTION_POSTPROCESS_H */
