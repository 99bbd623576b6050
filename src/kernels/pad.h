/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pad.h - padding kernels: PAD and PADV2 (a constant around the input) and
 * MIRROR_PAD (the input reflected at its borders).
 *
 * Along axis d the output has before[d] + in_dims[d] + after[d] elements;
 * output index o maps to input index o - before[d]. Outside the input, PAD
 * writes the pad value and MIRROR_PAD reads the input mirrored at the
 * border: with REFLECT the border element is not repeated
 * (a b c | b a), with SYMMETRIC it is (a b c | c b). REFLECT needs
 * before, after <= in_dims - 1 and SYMMETRIC before, after <= in_dims
 * (TensorFlow's limits), which mote_pad_valid() checks.
 *
 * Values move as raw bytes of `elem_size`, so one kernel serves every
 * type; the pad value is one element in the tensor's own type (for
 * quantized tensors already quantized: TFLM pads int8 with the output
 * zero point unless PADV2 gives a value). Output and input must not
 * overlap.
 */
#ifndef MOTE_KERNELS_PAD_H
#define MOTE_KERNELS_PAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Highest rank of a padded tensor (equals MOTE_MAX_DIMS). */
#define MOTE_PAD_MAX_DIMS 8

/* Shape of a padding. */
typedef struct mote_pad_params {
	int32_t rank; /* number of dims, 1..MOTE_PAD_MAX_DIMS */
	int32_t in_dims[MOTE_PAD_MAX_DIMS]; /* input dims */
	int32_t before[MOTE_PAD_MAX_DIMS]; /* elements added before, >= 0 */
	int32_t after[MOTE_PAD_MAX_DIMS]; /* elements added after, >= 0 */
	int32_t reflect; /* MIRROR_PAD: 1 for REFLECT, 0 for SYMMETRIC */
	uint32_t elem_size; /* bytes per element, >= 1 */
} mote_pad_params;

/*
 * True if the padding is well formed: rank in range, dims and pads
 * non-negative, the output fits in int32 elements, and for MIRROR_PAD
 * (`mirror`) every pad within the mode's limit.
 */
bool mote_pad_valid(const mote_pad_params *p, bool mirror);

/* PAD / PADV2: `value` points to one element of elem_size bytes. */
void mote_pad_any(const mote_pad_params *p, const void *in, const void *value,
		  void *out);

/* MIRROR_PAD; the padding must pass mote_pad_valid(p, true). */
void mote_mirror_pad_any(const mote_pad_params *p, const void *in, void *out);

#endif /* MOTE_KERNELS_PAD_H */
