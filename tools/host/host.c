/* SPDX-License-Identifier: Apache-2.0 */
/*
 * host.c - see host.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "host.h"

#include "model/tflite.h"
#include "runtime/op.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef MOTE_DEFAULT_SHARED
#define MOTE_DEFAULT_SHARED "../shared"
#endif

uint8_t *mote_host_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
		fclose(f);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0) {
		fclose(f);
		return NULL;
	}
	long n = ftell(f);
	if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	size_t cap = ((size_t)n + 16) & ~(size_t)15;
	uint8_t *buf = aligned_alloc(16, cap);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	memset(buf, 0, cap);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int mote_host_write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = n ? fwrite(data, 1, n, f) : 0;
	if (fclose(f) != 0 || w != n)
		return -1;
	return 0;
}

const char *mote_host_op_name(const mote_model *m, uint32_t i)
{
	int32_t builtin, version;
	const char *custom;
	mote__op_code(m, mote__model_op(m, 0, i), &builtin, &custom, &version);
	if (builtin == MOTE_BUILTIN_CUSTOM)
		return custom ? custom : "CUSTOM";
	const char *n = mote__builtin_name(builtin);
	return n ? n : "UNKNOWN";
}

const char *mote_host_error(const mote_error *e, const mote_model *m,
			    char *buf, size_t n)
{
	int k = snprintf(buf, n, "%s", mote_status_str(e->status));
	if (e->what && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, ": %s", e->what);
	if (e->status == MOTE_E_ARENA_TOO_SMALL && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, " (needs %zu bytes)",
			      e->needed);
	if (e->subgraph >= 0 && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, " [subgraph %d",
			      (int)e->subgraph);
	if (e->op >= 0 && k >= 0 && (size_t)k < n) {
		const char *name = "";
		if (m && m->n_subgraphs && e->subgraph == 0 &&
		    (uint32_t)e->op < mote__sg_n_ops(m, 0))
			name = mote_host_op_name(m, (uint32_t)e->op);
		k += snprintf(buf + k, n - (size_t)k, ", op %d %s",
			      (int)e->op, name);
	}
	if (e->tensor >= 0 && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, ", tensor %d",
			      (int)e->tensor);
	if (e->offset >= 0 && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, ", byte offset %lld",
			      (long long)e->offset);
	if (e->subgraph >= 0 && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, "]");
	return buf;
}

const char *mote_host_npy_dtype(mote_type t)
{
	switch (t) {
	case MOTE_FLOAT32: return "<f4";
	case MOTE_FLOAT64: return "<f8";
	case MOTE_INT8: return "|i1";
	case MOTE_UINT8: return "|u1";
	case MOTE_INT16: return "<i2";
	case MOTE_UINT16: return "<u2";
	case MOTE_INT32: return "<i4";
	case MOTE_UINT32: return "<u4";
	case MOTE_INT64: return "<i8";
	case MOTE_UINT64: return "<u8";
	case MOTE_BOOL: return "|b1";
	case MOTE_FLOAT16: return "<f2";
	default: return NULL;
	}
}

int mote_host_write_npy(const char *path, mote_type type, size_t lead,
			const int32_t *dims, int32_t rank, const void *data,
			size_t bytes)
{
	const char *dt = mote_host_npy_dtype(type);
	char hdr[256], shape[160];
	int k = 0;
	if (!dt)
		dt = "|u1";
	if (lead)
		k += snprintf(shape + k, sizeof shape - (size_t)k, "%zu,", lead);
	for (int32_t i = 0; i < rank && k < (int)sizeof shape; i++)
		k += snprintf(shape + k, sizeof shape - (size_t)k, "%d,",
			      (int)dims[i]);
	if (k > 0 && (lead + (size_t)rank) > 1)
		shape[k - 1] = 0; /* (a,b) not (a,b,) */
	else if (k == 0)
		shape[0] = 0;
	int h = snprintf(hdr, sizeof hdr,
			 "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
			 dt, shape);
	int total = 10 + h + 1;
	int pad = (64 - total % 64) % 64;
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	unsigned hl = (unsigned)(h + pad + 1);
	unsigned char pre[10] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
				  (unsigned char)(hl & 0xff),
				  (unsigned char)(hl >> 8) };
	fwrite(pre, 1, 10, f);
	fwrite(hdr, 1, (size_t)h, f);
	for (int i = 0; i < pad; i++)
		fputc(' ', f);
	fputc('\n', f);
	size_t w = bytes ? fwrite(data, 1, bytes, f) : 0;
	if (fclose(f) != 0 || w != bytes)
		return -1;
	return 0;
}

uint8_t *mote_host_read_npy(const char *path, mote_type type, size_t *bytes,
			    int32_t *dims, int32_t *rank, char *err,
			    size_t err_n)
{
	size_t len;
	uint8_t *buf = mote_host_read_file(path, &len);
	if (!buf) {
		snprintf(err, err_n, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (len < 10 || memcmp(buf, "\x93NUMPY", 6) != 0) {
		snprintf(err, err_n, "%s: not a .npy file", path);
		free(buf);
		return NULL;
	}
	size_t hl, off;
	if (buf[6] == 1) {
		hl = buf[8] | ((size_t)buf[9] << 8);
		off = 10;
	} else {
		hl = buf[8] | ((size_t)buf[9] << 8) | ((size_t)buf[10] << 16) |
		     ((size_t)buf[11] << 24);
		off = 12;
	}
	if (off + hl > len || hl > 4096) {
		snprintf(err, err_n, "%s: bad .npy header", path);
		free(buf);
		return NULL;
	}
	char hdr[4097];
	memcpy(hdr, buf + off, hl);
	hdr[hl] = 0;
	const char *dt = mote_host_npy_dtype(type);
	const char *d = strstr(hdr, "'descr':");
	if (!dt || !d || !strstr(d, dt) || strstr(hdr, "'fortran_order': True")) {
		snprintf(err, err_n, "%s: dtype/order is not %s (C order)", path,
			 dt ? dt : "?");
		free(buf);
		return NULL;
	}
	const char *s = strstr(hdr, "'shape':");
	const char *p = s ? strchr(s, '(') : NULL;
	*rank = 0;
	while (p && *p && *p != ')') {
		p++;
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (*rank >= MOTE_MAX_DIMS + 1)
			break;
		dims[(*rank)++] = (int32_t)v;
		p = end;
		while (*p == ' ' || *p == ',')
			p++;
		p--;
	}
	*bytes = len - off - hl;
	memmove(buf, buf + off + hl, *bytes);
	return buf;
}

const char *mote_host_shared_dir(void)
{
	const char *e = getenv("MOTE_SHARED");
	return e && *e ? e : MOTE_DEFAULT_SHARED;
}

static int64_t dim(const mote__tensor *t, int i)
{
	return i < t->rank ? t->dims[i] : 1;
}

uint64_t mote_host_op_macs(const mote_model *m, uint32_t i)
{
	int32_t builtin, version;
	const char *custom;
	uint32_t op = mote__model_op(m, 0, i), n_in, n_out;
	const int32_t *in = mote__op_io(m, op, FB_OP_INPUTS, &n_in);
	const int32_t *out = mote__op_io(m, op, FB_OP_OUTPUTS, &n_out);
	mote__tensor a, w, o;

	mote__op_code(m, op, &builtin, &custom, &version);
	if (n_in < 2 || n_out < 1 || in[0] < 0 || in[1] < 0)
		return 0;
	mote__model_tensor(m, 0, in[0], &a);
	mote__model_tensor(m, 0, in[1], &w);
	mote__model_tensor(m, 0, out[0], &o);
	switch (builtin) {
	case 3: /* CONV_2D: out elems x kh x kw x in_c */
		return (uint64_t)o.elems * (uint64_t)(dim(&w, 1) * dim(&w, 2) *
						      dim(&w, 3));
	case 4: /* DEPTHWISE_CONV_2D: out elems x kh x kw */
		return (uint64_t)o.elems * (uint64_t)(dim(&w, 1) * dim(&w, 2));
	case 9: /* FULLY_CONNECTED: out elems x in depth */
		return w.rank ? (uint64_t)o.elems * (uint64_t)dim(&w, w.rank - 1) : 0;
	case 126: /* BATCH_MATMUL: out elems x inner */
		return a.rank ? (uint64_t)o.elems * (uint64_t)dim(&a, a.rank - 1) : 0;
	case 67: /* TRANSPOSE_CONV: input elems x kh x kw x out_c */
		if (n_in < 3 || in[2] < 0)
			return 0;
		mote__model_tensor(m, 0, in[2], &a);
		return (uint64_t)a.elems * (uint64_t)(dim(&w, 0) * dim(&w, 1) *
						      dim(&w, 2));
	default:
		return 0;
	}
}

bool mote_host_op_supported(const mote_model *m, const mote_op_table *ops,
			    uint32_t i)
{
	int32_t builtin, version;
	const char *custom;
	mote__op_code(m, mote__model_op(m, 0, i), &builtin, &custom, &version);
	for (size_t k = 0; k < ops->n; k++) {
		const mote_op *o = ops->ops[k];
		if (o->builtin != builtin)
			continue;
		if (builtin != MOTE_BUILTIN_CUSTOM)
			return true;
		if (custom && o->custom && strcmp(o->custom, custom) == 0)
			return true;
	}
	return false;
}

mote_status mote_host_invoke_op(mote_interp *it, uint32_t i)
{
	if (!it->ready || i >= it->n_nodes)
		return MOTE_E_STATE;
	const mote__node *n = &it->nodes[i];
	return n->eval(n, it->tensors);
}
