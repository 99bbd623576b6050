/* SPDX-License-Identifier: Apache-2.0 */
/*
 * movement.h - prepare/eval helpers shared by the data-movement operators
 * (concatenation.c, pad.c, transpose.c, strided_slice.c, slice.c, split.c,
 * pack.c, gather.c, shape.c, broadcast_to.c, reverse.c, space_depth.c,
 * batch_space.c, embedding_lookup.c, resize.c).
 *
 * These operators move values without arithmetic, so they accept every
 * element type with a fixed byte size; the index-like inputs (axes,
 * paddings, begin/size, block shapes) are int32 or int64 tensors read with
 * mote__index_values(), at prepare when constant and at eval otherwise.
 */
#ifndef MOTE_OPS_MOVEMENT_H
#define MOTE_OPS_MOVEMENT_H

#include "kernels/concat.h"
#include "kernels/strided_copy.h"
#include "runtime/op.h"

/*
 * Reads n int32 or int64 values at `data` into v (int32). Returns false if
 * `type` is neither or an int64 value does not fit in int32. `data` may be
 * NULL only when n is 0.
 */
bool mote__index_values(mote_type type, const void *data, size_t n,
			int32_t *v);

/*
 * Element size of a tensor whose values are only moved: its type's byte
 * size. Records E_UNSUPPORTED (and returns 0) for types without a fixed
 * size (string, int4, resource, variant).
 */
uint32_t mote__prep_elem_size(mote__prep *p, const mote__tensor *t);

/* Records E_BAD_TYPE unless b has a's type. */
mote_status mote__prep_same_type(mote__prep *p, const mote__tensor *a,
				 const mote__tensor *b);

/*
 * Reads the constant int32/int64 tensor `t` of exactly n values (any
 * shape; callers check it) into v. Records E_UNSUPPORTED with the text
 * `what` if it is not constant, E_BAD_TYPE / E_BAD_SHAPE if it has another
 * type or size, E_INVALID if a value does not fit in int32.
 */
mote_status mote__prep_const_indices(mote__prep *p, const mote__tensor *t,
				     size_t n, int32_t *v, const char *what);

/*
 * Eval of every operator whose output is a constant view of input 0
 * (params: a mote_view): one mote_strided_copy_any().
 */
mote_status mote__eval_view(const mote__node *n, void *const *t);

/* Ends a prepare whose output is the view `v`: stores a copy in the arena
 * and sets mote__eval_view (only records the size while measuring). */
mote_status mote__prep_set_view(mote__prep *p, const mote_view *v);

/*
 * Fills the part layout `k` of a CONCATENATION, PACK, SPLIT, SPLIT_V or
 * UNPACK: part i is input i (`inputs`) or output i of the operator, and
 * spans dims[axis] elements of the joined axis (one element if axis < 0,
 * PACK and UNPACK). `outer` blocks; `inner_bytes` bytes per element of the
 * axis; `axis_len` elements of the axis per block. Allocates the offset and
 * size arrays in both prepare passes; returns false while measuring (or if
 * k is NULL), true once k is filled.
 */
bool mote__prep_parts(mote__prep *p, mote_concat_params *k, bool inputs,
		      int32_t axis, int32_t outer, int64_t inner_bytes,
		      int32_t axis_len);

/* Normalizes a possibly negative axis against `rank`; false if outside. */
bool mote__axis(int32_t axis, int32_t rank, int32_t *out);

#endif /* MOTE_OPS_MOVEMENT_H */
