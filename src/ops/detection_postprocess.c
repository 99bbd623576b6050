/* SPDX-License-Identifier: Apache-2.0 */
/*
 * detection_postprocess.c - the TFLite_Detection_PostProcess custom
 * operator (SSD post-processing) as TFLM runs it; the arithmetic is in
 * kernels/detection_postprocess.h.
 *
 * Inputs: 0 box encodings float32 [1, N, >= 4], 1 class scores float32
 * [1, N, C or C + 1] (the extra first column is the background), 2
 * anchors float32, rank 2, read as N rows of (y, x, h, w). TFLM's kernel
 * has no quantized path, so neither has this one (E_UNSUPPORTED).
 * Outputs, float32: 0 boxes [.., rows, 4], 1 classes [.., rows], 2 scores
 * [.., rows], 3 num_detections (1 value). rows >= max_detections for
 * regular NMS, >= max_detections * min(max_classes_per_detection, C)
 * for fast NMS.
 *
 * Custom options (FlexBuffer map), with TFLM's value for an absent key:
 * max_detections (0), max_classes_per_detection (0), detections_per_class
 * (100), use_regular_nms (false), nms_score_threshold (0),
 * nms_iou_threshold (0), num_classes (0), y_scale, x_scale, h_scale,
 * w_scale (0). Checks TFLM makes at invoke are made here instead
 * (E_BAD_OPTIONS): num_classes >= 1, max_detections >= 0, 0 <
 * nms_iou_threshold <= 1, and detections_per_class >= 1 (regular) or
 * max_classes_per_detection >= 1 (fast). A decoded box that is empty or
 * inverted fails the invoke (E_EVAL), as in TFLM.
 */
#include "kernels/detection_postprocess.h"
#include "model/flexbuf.h"
#include "runtime/op.h"

static mote_status eval(const mote__node *n, void *const *t)
{
	bool ok = mote_detection_postprocess_f32(
		n->params, mote__in(n, t, 0), mote__in(n, t, 1),
		mote__in(n, t, 2), mote__out(n, t, 0), mote__out(n, t, 1),
		mote__out(n, t, 2), mote__out(n, t, 3), n->scratch);
	return ok ? MOTE_OK : MOTE_E_EVAL;
}

/* Error messages must be static: these build them from the key. */
#define BAD_INT(key) "custom option '" key "' is not an int32"
#define BAD_FLOAT(key) "custom option '" key "' is not a float"

/* Integer option KEY with TFLM's default DEF into *out. */
#define GET_INT(p, map, KEY, DEF, out)                                    \
	(mote__flex_get_i32(map, KEY, DEF, out) == MOTE__FLEX_OK          \
		 ? MOTE_OK                                                \
		 : mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, BAD_INT(KEY)))

/* Float option KEY (default 0) into *out. */
#define GET_FLOAT(p, map, KEY, out)                                       \
	(mote__flex_get_f32(map, KEY, 0.0f, out) == MOTE__FLEX_OK         \
		 ? MOTE_OK                                                \
		 : mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, BAD_FLOAT(KEY)))

/* Reads the options into k; max_classes_per_detection into *per. */
static mote_status options(mote__prep *p, mote_detection_postprocess_params *k,
			   int32_t *per)
{
	mote__flex_ref map;
	size_t len;
	mote_status s;

	const uint8_t *buf = mote__prep_custom(p, &len);
	if (len == 0)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "custom options missing");
	mote__flex_err e = mote__flex_open_map(buf, len, &map);
	if (e != MOTE__FLEX_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       e == MOTE__FLEX_E_BAD_TYPE
					       ? "custom options are not a "
						 "FlexBuffer map"
					       : mote__flex_err_str(e));
	if (mote__flex_get_bool(&map, "use_regular_nms", false, &k->regular) !=
	    MOTE__FLEX_OK)
		return mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1,
				       "custom option 'use_regular_nms' is not "
				       "a bool");
	if ((s = GET_INT(p, &map, "max_detections", 0, &k->max_detections)) !=
		    MOTE_OK ||
	    (s = GET_INT(p, &map, "max_classes_per_detection", 0, per)) !=
		    MOTE_OK ||
	    (s = GET_INT(p, &map, "detections_per_class", 100,
			 &k->detections_per_class)) != MOTE_OK ||
	    (s = GET_INT(p, &map, "num_classes", 0, &k->n_classes)) !=
		    MOTE_OK ||
	    (s = GET_FLOAT(p, &map, "nms_score_threshold",
			   &k->score_threshold)) != MOTE_OK ||
	    (s = GET_FLOAT(p, &map, "nms_iou_threshold", &k->iou_threshold)) !=
		    MOTE_OK ||
	    (s = GET_FLOAT(p, &map, "y_scale", &k->y_scale)) != MOTE_OK ||
	    (s = GET_FLOAT(p, &map, "x_scale", &k->x_scale)) != MOTE_OK ||
	    (s = GET_FLOAT(p, &map, "h_scale", &k->h_scale)) != MOTE_OK ||
	    (s = GET_FLOAT(p, &map, "w_scale", &k->w_scale)) != MOTE_OK)
		return s;
	return MOTE_OK;
}

/* The checks TFLM makes at invoke on the options alone. */
static mote_status check_options(mote__prep *p,
				 const mote_detection_postprocess_params *k,
				 int32_t per)
{
	const char *what = NULL;

	if (k->n_classes < 1)
		what = "num_classes must be >= 1";
	else if (k->max_detections < 0)
		what = "max_detections must be >= 0";
	else if (!(k->iou_threshold > 0.0f && k->iou_threshold <= 1.0f))
		what = "nms_iou_threshold must be in (0, 1]";
	else if (k->regular && k->detections_per_class < 1)
		what = "detections_per_class must be >= 1";
	else if (!k->regular && per < 1)
		what = "max_classes_per_detection must be >= 1";
	return what ? mote__prep_fail(p, MOTE_E_BAD_OPTIONS, -1, what)
		    : MOTE_OK;
}

/* Inputs: types, ranks and sizes; sets n_boxes, box_stride, n_scores. */
static mote_status check_inputs(mote__prep *p,
				mote_detection_postprocess_params *k)
{
	mote__tensor box, cls, anc;
	mote_status s;

	if ((s = mote__prep_in(p, 0, &box)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &cls)) != MOTE_OK ||
	    (s = mote__prep_in(p, 2, &anc)) != MOTE_OK)
		return s;
	if (box.type != MOTE_FLOAT32 || cls.type != MOTE_FLOAT32 ||
	    anc.type != MOTE_FLOAT32)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, box.index,
				       "inputs must be float32 (TFLM has no "
				       "quantized kernel)");
	if (box.rank != 3 || cls.rank != 3 || anc.rank != 2)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, box.index,
				       "boxes and scores need rank 3, anchors "
				       "rank 2");
	if (box.dims[0] != 1 || box.dims[2] < 4)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, box.index,
				       "boxes must be [1, N, >= 4]");
	k->n_boxes = box.dims[1];
	k->box_stride = box.dims[2];
	k->n_scores = cls.dims[2];
	if (cls.dims[0] != 1 || cls.dims[1] != k->n_boxes)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, cls.index,
				       "scores must be [1, N, classes]");
	if (k->n_scores != k->n_classes && k->n_scores != k->n_classes + 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, cls.index,
				       "scores need num_classes columns, plus "
				       "at most one for the background");
	if (anc.elems < 4 * (size_t)k->n_boxes)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, anc.index,
				       "anchors need 4 values per box");
	return MOTE_OK;
}

/* Outputs: types and sizes; sets out_rows. */
static mote_status check_outputs(mote__prep *p,
				 mote_detection_postprocess_params *k)
{
	mote__tensor o[4];
	mote_status s;

	for (int i = 0; i < 4; i++) {
		if ((s = mote__prep_out(p, i, &o[i])) != MOTE_OK)
			return s;
		if (o[i].type != MOTE_FLOAT32)
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED,
					       o[i].index,
					       "outputs must be float32");
	}
	size_t rows = o[0].elems / 4;
	rows = o[1].elems < rows ? o[1].elems : rows;
	rows = o[2].elems < rows ? o[2].elems : rows;
	const int64_t per = k->regular ? 1 : k->classes_per_detection;
	if ((uint64_t)rows < (uint64_t)((int64_t)k->max_detections * per))
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, o[0].index,
				       "outputs hold fewer rows than "
				       "detections");
	if (o[3].elems < 1)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, o[3].index,
				       "num_detections needs one value");
	k->out_rows = (int32_t)rows;
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote_detection_postprocess_params k = { 0 };
	int32_t per = 0;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 3, 3, 4)) != MOTE_OK ||
	    (s = options(p, &k, &per)) != MOTE_OK ||
	    (s = check_options(p, &k, per)) != MOTE_OK)
		return s;
	k.classes_per_detection = per < k.n_classes ? per : k.n_classes;
	if ((s = check_inputs(p, &k)) != MOTE_OK ||
	    (s = check_outputs(p, &k)) != MOTE_OK)
		return s;

	size_t scratch = mote_detection_postprocess_f32_scratch_size(&k);
	if (scratch > INT32_MAX)
		return mote__prep_fail(p, MOTE_E_TOO_LARGE, -1,
				       "scratch for this many boxes and "
				       "classes");
	mote__prep_scratch(p, scratch);
	mote_detection_postprocess_params *kp = mote__prep_alloc(p, sizeof k);
	if (!kp)
		return MOTE_OK;
	*kp = k;
	mote__prep_set(p, eval, NULL, kp);
	return MOTE_OK;
}

const mote_op mote_op_tflite_detection_post_process = {
	32, "TFLite_Detection_PostProcess", "TFLite_Detection_PostProcess",
	prepare
};
