/* SPDX-License-Identifier: Apache-2.0 */
/*
 * embedding_lookup.c - the EMBEDDING_LOOKUP operator (7).
 *
 * Inputs: 0 ids (1-D int32, or int64), 1 the table (rank >= 2, row i =
 * table[i]). Output: [n_ids, table dims 1...], row k = table[ids[k]].
 * Same-type lookups move raw bytes of any fixed-size type (TFLM: float32
 * and int8, copied unchanged). The hybrid form, an int8 table with float32
 * output, dequantizes as (float)value * scale; as in TFLM the table's zero
 * point must be 0 (and mote also requires one scale for the whole table).
 * An id outside the table returns MOTE_E_EVAL, as in TFLM.
 */
#include "kernels/gather.h"
#include "ops/movement.h"

/* What eval needs. */
typedef struct lookup_op {
	mote_gather_params g; /* rows to copy */
	float scale; /* hybrid: table scale */
} lookup_op;

static mote_status eval_copy(const mote__node *n, void *const *t)
{
	const lookup_op *o = n->params;
	if (!mote_gather_any(&o->g, mote__in(n, t, 1), mote__in(n, t, 0),
			     mote__out(n, t, 0)))
		return MOTE_E_EVAL;
	return MOTE_OK;
}

static mote_status eval_hybrid(const mote__node *n, void *const *t)
{
	const lookup_op *o = n->params;
	if (!mote_embedding_lookup_s8_f32(&o->g, o->scale, mote__in(n, t, 1),
					  mote__in(n, t, 0),
					  mote__out(n, t, 0)))
		return MOTE_E_EVAL;
	return MOTE_OK;
}

/* Hybrid lookups: one scale, zero point 0. */
static mote_status check_hybrid(mote__prep *p, const mote__tensor *table)
{
	float s0 = mote__scale(table, 0);
	if (table->n_scale == 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, table->index,
				       "int8 table without quantization");
	for (uint32_t c = 0; c < table->n_scale; c++) {
		if (mote__scale(table, c) != s0 || mote__zp(table, c) != 0)
			return mote__prep_fail(p, MOTE_E_UNSUPPORTED,
					       table->index,
					       "hybrid table: one scale, zp 0");
	}
	return MOTE_OK;
}

static mote_status prepare(mote__prep *p)
{
	mote__tensor ids, table, out;
	lookup_op o;
	mote_status s;

	if ((s = mote__prep_expect_io(p, 2, 2, 1)) != MOTE_OK ||
	    (s = mote__prep_in(p, 0, &ids)) != MOTE_OK ||
	    (s = mote__prep_in(p, 1, &table)) != MOTE_OK ||
	    (s = mote__prep_out(p, 0, &out)) != MOTE_OK)
		return s;
	if (ids.type != MOTE_INT32 && ids.type != MOTE_INT64)
		return mote__prep_fail(p, MOTE_E_BAD_TYPE, ids.index,
				       "ids must be int32 or int64");
	bool hybrid = table.type == MOTE_INT8 && out.type == MOTE_FLOAT32;
	if (!hybrid && (s = mote__prep_same_type(p, &table, &out)) != MOTE_OK)
		return s;
	if (hybrid && (s = check_hybrid(p, &table)) != MOTE_OK)
		return s;
	if (!(o.g.elem_size = mote__prep_elem_size(p, &table)))
		return MOTE_E_UNSUPPORTED;
	if (ids.rank != 1 || table.rank < 2 || out.rank != table.rank ||
	    out.dims[0] != ids.dims[0])
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "need 1-D ids, table rank >= 2");
	o.g.inner = 1;
	bool same = true;
	for (int32_t d = 1; d < table.rank; d++) {
		same = same && out.dims[d] == table.dims[d];
		o.g.inner *= table.dims[d];
	}
	if (!same)
		return mote__prep_fail(p, MOTE_E_BAD_SHAPE, out.index,
				       "output rows differ from table rows");
	o.g.batch = 1;
	o.g.outer = 1;
	o.g.axis_size = table.dims[0];
	o.g.coords = ids.dims[0];
	o.g.idx64 = ids.type == MOTE_INT64;
	o.scale = hybrid ? mote__scale(&table, 0) : 0.0f;

	lookup_op *d = mote__prep_alloc(p, sizeof *d);
	if (!d)
		return MOTE_OK;
	*d = o;
	mote__prep_set(p, hybrid ? eval_hybrid : eval_copy, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_embedding_lookup = { 7, NULL, "EMBEDDING_LOOKUP",
					   prepare };
