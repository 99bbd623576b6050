/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch_matmul.h - BATCH_MATMUL: out[b] = lhs[b] x rhs[b] for every batch
 * index b, with numpy broadcasting of the batch dims and optional
 * transposition of either operand (adj_x, adj_y).
 *
 * Shapes: lhs [..., rows, depth] (adj_x: [..., depth, rows]), rhs
 * [..., depth, cols] (adj_y: [..., cols, depth]), out [..., rows, cols].
 * Operands are read in place through strides; nothing is transposed.
 *
 * Each output element is one dot product over k = 0..depth-1 in order:
 * float starts from 0.0f and adds lhs*rhs; int8 adds
 * (lhs - zp_lhs) * (rhs - zp_rhs) in int32; int16 (zero points 0) adds
 * lhs * rhs in int64. Quantized sums are scaled by one multiplier
 * (scale_lhs * scale_rhs / scale_out; int16 uses TFLite's 64-bit
 * multiply), offset by zp_out and clamped to the type.
 */
#ifndef MOTE_KERNELS_BATCH_MATMUL_H
#define MOTE_KERNELS_BATCH_MATMUL_H

#include <stdbool.h>
#include <stdint.h>

/* Highest number of batch dims (rank 8 minus the two matrix dims). */
#define MOTE_BATCH_MATMUL_MAX_BATCH 6

typedef struct mote_batch_matmul_params {
	int32_t n_batch; /* number of batch dims */
	int32_t batch[MOTE_BATCH_MATMUL_MAX_BATCH]; /* output batch dims */
	int32_t lhs_bstride[MOTE_BATCH_MATMUL_MAX_BATCH]; /* lhs step per
							   * batch index (0:
							   * broadcast) */
	int32_t rhs_bstride[MOTE_BATCH_MATMUL_MAX_BATCH]; /* rhs step per
							   * batch index (0:
							   * broadcast) */
	int32_t rows; /* output rows */
	int32_t cols; /* output columns */
	int32_t depth; /* length of each dot product */
	int32_t lhs_row_step; /* lhs step from one row to the next */
	int32_t lhs_k_step; /* lhs step along depth */
	int32_t rhs_k_step; /* rhs step along depth */
	int32_t rhs_col_step; /* rhs step from one column to the next */
	int32_t lhs_zp; /* int8: lhs zero point */
	int32_t rhs_zp; /* int8: rhs zero point */
	int32_t out_zp; /* int8: output zero point */
	int32_t mult; /* quantized: output multiplier */
	int32_t shift; /* quantized: output shift, positive = left */
	int32_t act_min; /* quantized: lowest output */
	int32_t act_max; /* quantized: highest output */
} mote_batch_matmul_params;

/*
 * Fills the shape fields of `p` from the operand shapes and adj flags.
 * Ranks 2..8. Returns false if a batch dim pair does not broadcast
 * (neither equal nor 1) or the depths differ. On success `out_dims`
 * (rank max(lhs_rank, rhs_rank)) receives the output shape.
 */
bool mote_batch_matmul_init(mote_batch_matmul_params *p,
			    const int32_t *lhs_dims, int32_t lhs_rank,
			    const int32_t *rhs_dims, int32_t rhs_rank,
			    bool adj_x, bool adj_y, int32_t *out_dims,
			    int32_t *out_rank);

void mote_batch_matmul_f32(const mote_batch_matmul_params *p,
			   const float *lhs, const float *rhs, float *out);
void mote_batch_matmul_s8(const mote_batch_matmul_params *p,
			  const int8_t *lhs, const int8_t *rhs, int8_t *out);
void mote_batch_matmul_s16(const mote_batch_matmul_params *p,
			   const int16_t *lhs, const int16_t *rhs,
			   int16_t *out);

#endif /* MOTE_KERNELS_BATCH_MATMUL_H */
