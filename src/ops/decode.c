/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode.c - TFLM's DECODE custom operator ("TFLM_DECODE"): decompresses
 * constant tensors (weights) at every invoke.
 *
 * Inputs come in pairs, one pair per output: 2k the encoded tensor, 2k + 1
 * the ancillary tensor, both constant. Output k is the decoded tensor; its
 * type, shape and quantization say what to produce. The model carries no
 * other metadata for this operator (no custom options; the older
 * COMPRESSION_METADATA scheme belongs to a TFLM build option that is off
 * by default and is not read here).
 *
 * The ancillary tensor starts with a 16-byte header: byte 0 the decode
 * type (0 LUT, 1 Huffman, 2 Prune; 127, custom, is refused as TFLM does),
 * byte 1 the header version (1), byte 4 the type's own version (1), then:
 *   LUT: byte 5 bits 0-2 the index width (1 .. 7), byte 6 the elements
 *     from one channel's value table to the next; value tables follow the
 *     header, in the output's type. Outputs bool, int8, int16, int32,
 *     int64, float32.
 *   Prune: the kept values follow the header, in the output's type (bool
 *     and float32 are copied as 1- and 4-byte integers). Outputs as LUT.
 *     Pruned elements take the zero point: per channel for int8; other
 *     types need all zero points 0.
 *   Huffman: byte 5 bit 0 set for 32-bit table entries (outputs int8 or
 *     int16; else 16-bit entries, output int8), bits 4-7 the first
 *     lookup's width minus 1; the tables follow the header.
 * See kernels/decode.h for the bit formats.
 *
 * Channels (LUT and Prune), as TFLM: with quantization (scales and zero
 * points present), one channel per scale; several scales on the last dim
 * make channels the innermost dim, otherwise the quantized dimension must
 * be 0 (E_BAD_QUANT).
 *
 * Where TFLM trusts the model, mote checks at prepare: the header, the
 * sizes, and (by decoding once without writing) that the stream never
 * reads outside the encoded tensor or the tables; E_INVALID names the
 * problem. Huffman bits past the encoded tensor read as 0 (TFLM reads
 * whatever follows it), which changes nothing for a complete code.
 */
#include <string.h>

#include "kernels/decode.h"
#include "runtime/op.h"

/* Header layout of the ancillary tensor. */
enum { HDR_BYTES = 16, HDR_TYPE = 0, HDR_VERSION = 1, HDR_TYPE_VERSION = 4,
       HDR_PARAMS = 5, HDR_STRIDE = 6 };

/* Decode types. */
enum { TYPE_LUT = 0, TYPE_HUFFMAN = 1, TYPE_PRUNE = 2, TYPE_CUSTOM = 127 };

/* One output's decoder. */
typedef struct decode_one {
	uint8_t type; /* TYPE_LUT, TYPE_HUFFMAN or TYPE_PRUNE */
	union {
		mote_decode_lut_params lut; /* TYPE_LUT */
		mote_decode_prune_params prune; /* TYPE_PRUNE */
		mote_decode_huffman_params huffman; /* TYPE_HUFFMAN */
	} k; /* its kernel parameters */
} decode_one;

/* What eval needs, kept in the arena. */
typedef struct decode_op {
	uint32_t n; /* outputs */
	decode_one one[]; /* one decoder per output */
} decode_op;

/* An encoded / ancillary / output triple as prepare sees it. */
typedef struct triple {
	mote__tensor in; /* encoded tensor */
	mote__tensor anc; /* ancillary tensor */
	mote__tensor out; /* decoded output */
	const uint8_t *hdr; /* the ancillary bytes */
	size_t es; /* output element size */
	bool verify; /* decode once without writing, to check the stream */
} triple;

static mote_status eval(const mote__node *n, void *const *t)
{
	const decode_op *d = n->params;
	bool ok = true;

	for (uint32_t i = 0; i < d->n && ok; i++) {
		const decode_one *o = &d->one[i];
		void *out = mote__out(n, t, (int)i);
		if (o->type == TYPE_LUT)
			ok = mote_decode_lut(&o->k.lut, out);
		else if (o->type == TYPE_PRUNE)
			ok = mote_decode_prune(&o->k.prune, out);
		else
			ok = mote_decode_huffman(&o->k.huffman, out);
	}
	return ok ? MOTE_OK : MOTE_E_EVAL;
}

/* Types LUT and Prune produce. */
static bool table_type(mote_type t)
{
	return t == MOTE_BOOL || t == MOTE_INT8 || t == MOTE_INT16 ||
	       t == MOTE_INT32 || t == MOTE_INT64 || t == MOTE_FLOAT32;
}

/* Zero point c of a tensor as TFLM keeps it: truncated to int, then
 * (Prune) to int8. */
static int32_t zp_int(const mote__tensor *t, uint32_t c)
{
	return (int32_t)(uint32_t)(uint64_t)t->zp[c < t->n_zp ? c : 0];
}

static int8_t zp_s8(const mote__tensor *t, uint32_t c)
{
	int32_t low = zp_int(t, c) & 0xff;
	return (int8_t)(low >= 128 ? low - 256 : low);
}

/* True if the output carries quantization as TFLM sees it. */
static bool quantized(const mote__tensor *t)
{
	return t->n_scale > 0 && t->n_zp > 0;
}

/* Channels of a LUT or Prune output. */
static mote_status channels(mote__prep *p, const mote__tensor *out,
			    size_t *n_ch, bool *alt)
{
	*n_ch = 1;
	*alt = false;
	if (!quantized(out))
		return MOTE_OK;
	*n_ch = out->n_scale;
	if (out->qdim == out->rank - 1 && *n_ch > 1)
		*alt = true;
	else if (out->qdim != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "quantized dimension must be 0 or, "
				       "per channel, the last");
	if (out->elems % *n_ch != 0)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, out->index,
				       "channels do not divide the output");
	return MOTE_OK;
}

static mote_status setup_lut(mote__prep *p, const triple *x, decode_one *o)
{
	mote_decode_lut_params *k = &o->k.lut;
	mote_status s;

	if (!table_type(x->out.type))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, x->out.index,
				       "LUT output type");
	if ((s = channels(p, &x->out, &k->n_channels, &k->alt_axis)) !=
	    MOTE_OK)
		return s;
	k->bits = x->hdr[HDR_PARAMS] & 7u;
	if (k->bits == 0)
		return mote__prep_fail(p, MOTE_E_INVALID, x->anc.index,
				       "LUT index width is 0");
	k->stride = x->hdr[HDR_STRIDE];
	k->indices = x->in.data;
	k->n_index_bytes = x->in.bytes;
	k->table = x->hdr + HDR_BYTES;
	k->n_table = (x->anc.bytes - HDR_BYTES) / x->es;
	k->count = x->out.elems;
	k->elem_size = (uint32_t)x->es;
	if (x->verify && !mote_decode_lut(k, NULL))
		return mote__prep_fail(p, MOTE_E_INVALID, x->in.index,
				       "LUT indices run past the encoded "
				       "tensor or the value tables");
	return MOTE_OK;
}

/* Zero points of a Prune output: *zp_bytes > 0 when int8 channels need
 * their own (written to zp if not NULL), else one in k->zp0. */
static mote_status prune_zps(mote__prep *p, const triple *x,
			     mote_decode_prune_params *k, int8_t *zp,
			     size_t *zp_bytes)
{
	bool nonzero = false;

	*zp_bytes = 0;
	k->zp = NULL;
	k->zp0 = 0;
	if (!quantized(&x->out))
		return MOTE_OK;
	for (uint32_t c = 0; c < k->n_channels; c++)
		nonzero = nonzero || zp_int(&x->out, c) != 0;
	if (nonzero && x->out.type != MOTE_INT8)
		return mote__prep_fail(p, MOTE_E_BAD_QUANT, x->out.index,
				       "Prune needs zero points 0 unless int8");
	if (k->n_channels == 1 || !nonzero) {
		k->zp0 = zp_s8(&x->out, 0);
		return MOTE_OK;
	}
	*zp_bytes = k->n_channels;
	if (!zp)
		return MOTE_OK;
	for (uint32_t c = 0; c < k->n_channels; c++)
		zp[c] = zp_s8(&x->out, c);
	k->zp = zp;
	return MOTE_OK;
}

static mote_status setup_prune(mote__prep *p, const triple *x, decode_one *o,
			       int8_t *zp, size_t *zp_bytes)
{
	mote_decode_prune_params *k = &o->k.prune;
	mote_status s;

	if (!table_type(x->out.type))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, x->out.index,
				       "Prune output type");
	if ((s = channels(p, &x->out, &k->n_channels, &k->alt_axis)) !=
		    MOTE_OK ||
	    (s = prune_zps(p, x, k, zp, zp_bytes)) != MOTE_OK)
		return s;
	k->mask = x->in.data;
	k->n_mask_bytes = x->in.bytes;
	k->values = x->hdr + HDR_BYTES;
	k->n_values = (x->anc.bytes - HDR_BYTES) / x->es;
	k->count = x->out.elems;
	k->elem_size = (uint32_t)x->es;
	if (x->verify && !mote_decode_prune(k, NULL))
		return mote__prep_fail(p, MOTE_E_INVALID, x->in.index,
				       "Prune mask runs past the encoded "
				       "tensor or the kept values");
	return MOTE_OK;
}

static mote_status setup_huffman(mote__prep *p, const triple *x,
				 decode_one *o)
{
	mote_decode_huffman_params *k = &o->k.huffman;

	k->wide = (x->hdr[HDR_PARAMS] & 1u) != 0;
	k->first_bits = (uint32_t)(x->hdr[HDR_PARAMS] >> 4) + 1u;
	if (x->out.type != MOTE_INT8 &&
	    !(k->wide && x->out.type == MOTE_INT16))
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, x->out.index,
				       "Huffman output must be int8, or int16 "
				       "with 32-bit tables");
	k->stream = x->in.data;
	k->n_stream_bytes = x->in.bytes;
	k->table = x->hdr + HDR_BYTES;
	k->n_entries = (x->anc.bytes - HDR_BYTES) / (k->wide ? 4u : 2u);
	k->count = x->out.elems;
	k->elem_size = (uint32_t)x->es;
	if (x->verify && !mote_decode_huffman(k, NULL))
		return mote__prep_fail(p, MOTE_E_INVALID, x->in.index,
				       "Huffman code runs past the encoded "
				       "tensor or the tables");
	return MOTE_OK;
}

/* Reads pair i and checks what all decode types share. */
static mote_status load(mote__prep *p, uint32_t i, triple *x)
{
	mote_status s;

	if ((s = mote__prep_in(p, (int)(2 * i), &x->in)) != MOTE_OK ||
	    (s = mote__prep_in(p, (int)(2 * i + 1), &x->anc)) != MOTE_OK ||
	    (s = mote__prep_out(p, (int)i, &x->out)) != MOTE_OK)
		return s;
	if (!x->in.data || !x->anc.data)
		return mote__prep_fail(p, MOTE_E_INVALID, x->in.data
							 ? x->anc.index
							 : x->in.index,
				       "encoded and ancillary tensors must be "
				       "constant");
	if (x->out.data)
		return mote__prep_fail(p, MOTE_E_INVALID, x->out.index,
				       "output must not be constant");
	if (x->anc.bytes < HDR_BYTES)
		return mote__prep_fail(p, MOTE_E_INVALID, x->anc.index,
				       "ancillary tensor shorter than its "
				       "16-byte header");
	x->hdr = x->anc.data;
	x->es = mote_type_size(x->out.type);
	if (x->hdr[HDR_VERSION] != 1 || x->hdr[HDR_TYPE_VERSION] != 1)
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, x->anc.index,
				       "decode header version is not 1");
	return MOTE_OK;
}

/* Sets up output i's decoder in *o; zp and *zp_bytes as prune_zps().
 * The stream is checked while zp is NULL (the first, checking pass). */
static mote_status setup(mote__prep *p, uint32_t i, decode_one *o,
			 int8_t *zp, size_t *zp_bytes)
{
	triple x;
	mote_status s;

	*zp_bytes = 0;
	if ((s = load(p, i, &x)) != MOTE_OK)
		return s;
	x.verify = zp == NULL;
	o->type = x.hdr[HDR_TYPE];
	switch (o->type) {
	case TYPE_LUT:
		return setup_lut(p, &x, o);
	case TYPE_PRUNE:
		return setup_prune(p, &x, o, zp, zp_bytes);
	case TYPE_HUFFMAN:
		return setup_huffman(p, &x, o);
	case TYPE_CUSTOM:
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, x.anc.index,
				       "custom decode type");
	default:
		return mote__prep_fail(p, MOTE_E_UNSUPPORTED, x.anc.index,
				       "unknown decode type");
	}
}

static mote_status prepare(mote__prep *p)
{
	uint32_t n = (uint32_t)mote__prep_n_out(p);
	size_t zp_total = 0, zp_bytes;
	decode_one scratch;
	mote_status s;

	if (n < 1 || (uint32_t)mote__prep_n_in(p) != 2 * n)
		return mote__prep_fail(p, MOTE_E_INVALID, -1,
				       "need two inputs per output");
	for (uint32_t i = 0; i < n; i++) {
		if ((s = setup(p, i, &scratch, NULL, &zp_bytes)) != MOTE_OK)
			return s;
		zp_total += zp_bytes;
	}

	const size_t head = sizeof(decode_op) + n * sizeof(decode_one);
	decode_op *d = mote__prep_alloc(p, head + zp_total);
	if (!d)
		return MOTE_OK;
	int8_t *zp = (int8_t *)((uint8_t *)d + head);
	d->n = n;
	for (uint32_t i = 0; i < n; i++) {
		if ((s = setup(p, i, &d->one[i], zp, &zp_bytes)) != MOTE_OK)
			return s;
		zp += zp_bytes;
	}
	mote__prep_set(p, eval, NULL, d);
	return MOTE_OK;
}

const mote_op mote_op_tflm_decode = { 32, "TFLM_DECODE", "TFLM_DECODE",
				      prepare };
