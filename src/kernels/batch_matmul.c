/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch_matmul.c - reference BATCH_MATMUL; see batch_matmul.h.
 */
#include "kernels/batch_matmul.h"

#include "kernels/fixedpoint.h"

/* Dim i of `dims` (rank `rank`) seen as rank `to` with leading 1s. */
static int32_t ext_dim(const int32_t *dims, int32_t rank, int32_t to,
		       int32_t i)
{
	int32_t lead = to - rank;
	return i < lead ? 1 : dims[i - lead];
}

/* Fills the batch strides of one operand whose matrices hold `mat`
 * elements; a dim of 1 gets stride 0 so that it broadcasts. */
static void batch_strides(const int32_t *dims, int32_t rank, int32_t to,
			  int64_t mat, int32_t *stride)
{
	int64_t s = mat;
	for (int32_t i = to - 3; i >= 0; i--) {
		int32_t d = ext_dim(dims, rank, to, i);
		stride[i] = d == 1 ? 0 : (int32_t)s;
		s *= d;
	}
}

bool mote_batch_matmul_init(mote_batch_matmul_params *p,
			    const int32_t *lhs_dims, int32_t lhs_rank,
			    const int32_t *rhs_dims, int32_t rhs_rank,
			    bool adj_x, bool adj_y, int32_t *out_dims,
			    int32_t *out_rank)
{
	int32_t rank = lhs_rank > rhs_rank ? lhs_rank : rhs_rank;
	if (lhs_rank < 2 || rhs_rank < 2 ||
	    rank - 2 > MOTE_BATCH_MATMUL_MAX_BATCH)
		return false;
	int32_t l0 = lhs_dims[lhs_rank - 2], l1 = lhs_dims[lhs_rank - 1];
	int32_t r0 = rhs_dims[rhs_rank - 2], r1 = rhs_dims[rhs_rank - 1];

	p->n_batch = rank - 2;
	p->rows = adj_x ? l1 : l0;
	p->depth = adj_x ? l0 : l1;
	p->cols = adj_y ? r0 : r1;
	if ((adj_y ? r1 : r0) != p->depth)
		return false;
	p->lhs_row_step = adj_x ? 1 : l1;
	p->lhs_k_step = adj_x ? l1 : 1;
	p->rhs_k_step = adj_y ? 1 : r1;
	p->rhs_col_step = adj_y ? r1 : 1;
	for (int32_t i = 0; i < p->n_batch; i++) {
		int32_t a = ext_dim(lhs_dims, lhs_rank, rank, i);
		int32_t b = ext_dim(rhs_dims, rhs_rank, rank, i);
		if (a != b && a != 1 && b != 1)
			return false;
		p->batch[i] = a == 1 ? b : a;
		out_dims[i] = p->batch[i];
	}
	batch_strides(lhs_dims, lhs_rank, rank, (int64_t)l0 * l1,
		      p->lhs_bstride);
	batch_strides(rhs_dims, rhs_rank, rank, (int64_t)r0 * r1,
		      p->rhs_bstride);
	out_dims[rank - 2] = p->rows;
	out_dims[rank - 1] = p->cols;
	*out_rank = rank;
	return true;
}

/* Number of output matrices. */
static int32_t n_mats(const mote_batch_matmul_params *p)
{
	int32_t n = 1;
	for (int32_t i = 0; i < p->n_batch; i++)
		n *= p->batch[i];
	return n;
}

/* Offsets of the lhs and rhs matrices of output matrix `b`. */
static void mat_offsets(const mote_batch_matmul_params *p, int32_t b,
			int32_t *lhs_off, int32_t *rhs_off)
{
	*lhs_off = 0;
	*rhs_off = 0;
	for (int32_t i = p->n_batch - 1; i >= 0; i--) {
		int32_t idx = b % p->batch[i];
		b /= p->batch[i];
		*lhs_off += idx * p->lhs_bstride[i];
		*rhs_off += idx * p->rhs_bstride[i];
	}
}

static float dot_f32(const mote_batch_matmul_params *p, const float *l,
		     const float *r)
{
	float acc = 0.0f;
	for (int32_t k = 0; k < p->depth; k++)
		acc += l[k * p->lhs_k_step] * r[k * p->rhs_k_step];
	return acc;
}

void mote_batch_matmul_f32(const mote_batch_matmul_params *p,
			   const float *lhs, const float *rhs, float *out)
{
	int32_t n = n_mats(p);
	for (int32_t b = 0; b < n; b++) {
		int32_t lo, ro;
		mat_offsets(p, b, &lo, &ro);
		for (int32_t r = 0; r < p->rows; r++) {
			for (int32_t c = 0; c < p->cols; c++)
				*out++ = dot_f32(p, lhs + lo + r * p->lhs_row_step,
						 rhs + ro + c * p->rhs_col_step);
		}
	}
}

static int32_t dot_s8(const mote_batch_matmul_params *p, const int8_t *l,
		      const int8_t *r)
{
	uint32_t acc = 0;
	for (int32_t k = 0; k < p->depth; k++) {
		int32_t a = l[k * p->lhs_k_step] - p->lhs_zp;
		int32_t b = r[k * p->rhs_k_step] - p->rhs_zp;
		acc += (uint32_t)(a * b);
	}
	return (int32_t)acc;
}

void mote_batch_matmul_s8(const mote_batch_matmul_params *p,
			  const int8_t *lhs, const int8_t *rhs, int8_t *out)
{
	int32_t n = n_mats(p);
	for (int32_t b = 0; b < n; b++) {
		int32_t lo, ro;
		mat_offsets(p, b, &lo, &ro);
		for (int32_t r = 0; r < p->rows; r++) {
			for (int32_t c = 0; c < p->cols; c++) {
				int32_t acc = dot_s8(
					p, lhs + lo + r * p->lhs_row_step,
					rhs + ro + c * p->rhs_col_step);
				acc = mote_mul_by_quant_mult(acc, p->mult,
							     p->shift);
				acc = mote_clamp_i32(acc + p->out_zp,
						     p->act_min, p->act_max);
				*out++ = (int8_t)acc;
			}
		}
	}
}

static int64_t dot_s16(const mote_batch_matmul_params *p, const int16_t *l,
		       const int16_t *r)
{
	int64_t acc = 0;
	for (int32_t k = 0; k < p->depth; k++)
		acc += (int64_t)l[k * p->lhs_k_step] * r[k * p->rhs_k_step];
	return acc;
}

void mote_batch_matmul_s16(const mote_batch_matmul_params *p,
			   const int16_t *lhs, const int16_t *rhs,
			   int16_t *out)
{
	int32_t n = n_mats(p);
	for (int32_t b = 0; b < n; b++) {
		int32_t lo, ro;
		mat_offsets(p, b, &lo, &ro);
		for (int32_t r = 0; r < p->rows; r++) {
			for (int32_t c = 0; c < p->cols; c++) {
				int64_t acc = dot_s16(
					p, lhs + lo + r * p->lhs_row_step,
					rhs + ro + c * p->rhs_col_step);
				int32_t y = mote_mul_by_quant_mult_64(
					acc, p->mult, p->shift);
				y = mote_clamp_i32(y + p->out_zp, p->act_min,
						   p->act_max);
				*out++ = (int16_t)y;
			}
		}
	}
}
