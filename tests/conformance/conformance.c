/* SPDX-License-Identifier: Apache-2.0 */
/*
 * conformance.c - runs the shared conformance suites against mote.
 *
 *   conformance [--suite DIR]... [--filter SUBSTR] [--layers] [-v]
 *
 * Suites default to $MOTE_SHARED/conformance and $MOTE_SHARED/conformance-ops
 * (format: DIR/README.md). For every case: the model is verified, initialised
 * on a 64 MiB arena, fed every input frame on one interpreter, and each
 * output frame compared with TFLM's: `exact` byte for byte, `close` within
 * 1e-5 + 1e-4*|want|. The arena mote needs must not exceed TFLM's
 * (tflm_arena_bytes). A case whose operators (or operator configuration)
 * mote does not implement yet is reported as skipped with the reason, never
 * as passed. --layers compares every intermediate tensor TFLM recorded in
 * cases/<id>/layers/ (first invoke) and names the first op that diverges.
 * Last line: "conformance: N passed, N failed, N skipped".
 */
#define _POSIX_C_SOURCE 200809L
#include "host.h"

#include "runtime/op.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef CONFORMANCE_ARENA
#define CONFORMANCE_ARENA (64u << 20)
#endif
#define ARENA CONFORMANCE_ARENA
#define MAX_FIELDS 64
#define MAX_REASONS 256

typedef struct stats {
	int passed, failed, skipped;
	const char *reason[MAX_REASONS]; /* skip reasons (static or model) */
	int reason_n[MAX_REASONS];
	char *reason_owned[MAX_REASONS];
	int n_reasons;
} stats;

static int verbose;
static int layers;

static void skip(stats *st, const char *id, const char *why)
{
	st->skipped++;
	if (verbose)
		printf("SKIP %s: %s\n", id, why);
	for (int i = 0; i < st->n_reasons; i++) {
		if (!strcmp(st->reason[i], why)) {
			st->reason_n[i]++;
			return;
		}
	}
	if (st->n_reasons < MAX_REASONS) {
		char *c = strdup(why);
		st->reason_owned[st->n_reasons] = c;
		st->reason[st->n_reasons] = c;
		st->reason_n[st->n_reasons++] = 1;
	}
}

static void print_elem(mote_type t, const uint8_t *p, size_t i)
{
	switch (t) {
	case MOTE_FLOAT32: {
		float v;
		memcpy(&v, p + 4 * i, 4);
		printf("%.9g", (double)v);
		break;
	}
	case MOTE_INT8: printf("%d", (int)((const int8_t *)p)[i]); break;
	case MOTE_INT16: {
		int16_t v;
		memcpy(&v, p + 2 * i, 2);
		printf("%d", v);
		break;
	}
	case MOTE_INT32: {
		int32_t v;
		memcpy(&v, p + 4 * i, 4);
		printf("%d", (int)v);
		break;
	}
	case MOTE_INT64: {
		int64_t v;
		memcpy(&v, p + 8 * i, 8);
		printf("%lld", (long long)v);
		break;
	}
	default: printf("0x%02x", p[i]); break;
	}
}

/* Compares one frame; returns the first bad element index or -1. */
static long compare(mote_type t, bool exact, const uint8_t *got,
		    const uint8_t *want, size_t bytes)
{
	if (!exact && t == MOTE_FLOAT32) {
		for (size_t i = 0; i < bytes / 4; i++) {
			float g, w;
			memcpy(&g, got + 4 * i, 4);
			memcpy(&w, want + 4 * i, 4);
			if (isnan(g) && isnan(w))
				continue;
			if (!(fabs((double)g - (double)w) <= 1e-5 + 1e-4 * fabs((double)w)))
				return (long)i;
		}
		return -1;
	}
	size_t esz = mote_type_size(t) ? mote_type_size(t) : 1;
	for (size_t i = 0; i < bytes; i++)
		if (got[i] != want[i])
			return (long)(i / esz);
	return -1;
}

static int split(char *line, char **f, int max, char sep)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++) {
		if (*p == sep) {
			*p = 0;
			f[n++] = p + 1;
		}
	}
	return n;
}

/* Layer-by-layer: runs op by op and compares with TFLM's intermediates. */
static void check_layers(mote_interp *it, const char *casedir)
{
	char path[4096];
	for (uint32_t i = 0; i < it->n_nodes; i++) {
		if (mote_host_invoke_op(it, i) != MOTE_OK) {
			printf("  layers: op %lu failed\n", (unsigned long)i);
			return;
		}
		const mote__node *n = &it->nodes[i];
		for (uint16_t k = 0; k < n->n_out; k++) {
			int32_t ti = n->out[k];
			size_t len;
			snprintf(path, sizeof path, "%s/layers/sg0_t%d.bin", casedir, (int)ti);
			uint8_t *want = mote_host_read_file(path, &len);
			if (!want)
				continue;
			mote__tensor t;
			mote__model_tensor(it->model, 0, ti, &t);
			long bad = len == t.bytes ? compare(t.type, t.type != MOTE_FLOAT32,
							    it->tensors[ti], want, len) : 0;
			if (bad >= 0) {
				printf("  layers: first divergence at op %lu %s, tensor %d element %ld: got ",
				       (unsigned long)i, mote_host_op_name(it->model, i), (int)ti, bad);
				print_elem(t.type, it->tensors[ti], (size_t)bad);
				printf(" want ");
				print_elem(t.type, want, (size_t)bad);
				printf("\n");
				free(want);
				return;
			}
			free(want);
		}
	}
	printf("  layers: all intermediates match\n");
}

static void run_case(stats *st, const char *dir, char **f, uint8_t *arena)
{
	const char *id = f[0];
	char path[4096], msg[512];
	long invokes = strtol(f[4], NULL, 10);
	bool exact = strcmp(f[5], "exact") == 0;
	size_t tflm_arena = (size_t)strtoull(f[6], NULL, 10);
	size_t len;

	snprintf(path, sizeof path, "%s/%s", dir, f[1]);
	uint8_t *bytes = mote_host_read_file(path, &len);
	if (!bytes) {
		printf("FAIL %s: %s: %s\n", id, path, strerror(errno));
		st->failed++;
		return;
	}
	mote_model m;
	mote_interp it;
	if (mote_model_open(&m, bytes, len) != MOTE_OK) {
		printf("FAIL %s: model rejected: %s\n", id,
		       mote_host_error(&m.err, NULL, msg, sizeof msg));
		st->failed++;
		free(bytes);
		return;
	}
	for (uint32_t i = 0; i < mote__sg_n_ops(&m, 0); i++) {
		if (!mote_host_op_supported(&m, &mote_all_ops, i)) {
			snprintf(msg, sizeof msg, "operator %s", mote_host_op_name(&m, i));
			skip(st, id, msg);
			free(bytes);
			return;
		}
	}
	mote_status s = mote_interp_init(&it, &m, &mote_all_ops, arena, ARENA);
	if (s == MOTE_E_UNSUPPORTED) {
		snprintf(msg, sizeof msg, "%s %s", mote_host_op_name(&m, (uint32_t)it.err.op),
			 it.err.what ? it.err.what : "configuration");
		skip(st, id, msg);
		free(bytes);
		return;
	}
	if (s != MOTE_OK) {
		printf("FAIL %s: init: %s\n", id, mote_host_error(&it.err, &m, msg, sizeof msg));
		st->failed++;
		free(bytes);
		return;
	}
	bool ok = true;
	size_t n_in = mote_input_count(&it), n_out = mote_output_count(&it);
	char *inf[MAX_FIELDS], *outf[MAX_FIELDS];
	char inbuf[4096], outbuf[4096];
	snprintf(inbuf, sizeof inbuf, "%s", f[2]);
	snprintf(outbuf, sizeof outbuf, "%s", f[3]);
	int ni = *inbuf ? split(inbuf, inf, MAX_FIELDS, ',') : 0;
	int nout = split(outbuf, outf, MAX_FIELDS, ',');
	uint8_t *ins[MAX_FIELDS] = { 0 }, *outs[MAX_FIELDS] = { 0 };
	if ((size_t)ni != n_in || (size_t)nout != n_out) {
		printf("FAIL %s: model has %lu inputs/%lu outputs, case lists %d/%d\n",
		       id, (unsigned long)n_in, (unsigned long)n_out, ni, nout);
		ok = false;
	}
	for (int k = 0; ok && k < ni; k++) {
		mote_tensor t;
		mote_input(&it, (size_t)k, &t);
		snprintf(path, sizeof path, "%s/%s", dir, inf[k]);
		ins[k] = mote_host_read_file(path, &len);
		if (!ins[k] || len != t.bytes * (size_t)invokes) {
			printf("FAIL %s: %s: %s\n", id, path,
			       ins[k] ? "size does not match the input tensor" : strerror(errno));
			ok = false;
		}
	}
	for (int k = 0; ok && k < nout; k++) {
		mote_tensor t;
		mote_output(&it, (size_t)k, &t);
		snprintf(path, sizeof path, "%s/%s", dir, outf[k]);
		outs[k] = mote_host_read_file(path, &len);
		if (!outs[k] || len != t.bytes * (size_t)invokes) {
			printf("FAIL %s: %s: %s\n", id, path,
			       outs[k] ? "size does not match the output tensor" : strerror(errno));
			ok = false;
		}
	}
	for (long r = 0; ok && r < invokes; r++) {
		for (int k = 0; k < ni; k++) {
			mote_tensor t;
			mote_input(&it, (size_t)k, &t);
			memcpy(t.data, ins[k] + (size_t)r * t.bytes, t.bytes);
		}
		if (layers && r == 0) {
			snprintf(path, sizeof path, "%s/cases/%s", dir, id);
			check_layers(&it, path);
			mote_reset(&it); /* state ops stepped once: start over */
			for (int k = 0; k < ni; k++) {
				mote_tensor t;
				mote_input(&it, (size_t)k, &t);
				memcpy(t.data, ins[k], t.bytes);
			}
		}
		if (mote_invoke(&it) < 0) { /* MOTE_STOPPED: no new output, not an error */
			printf("FAIL %s: invoke %ld: %s\n", id, r,
			       mote_host_error(&it.err, &m, msg, sizeof msg));
			ok = false;
			break;
		}
		for (int k = 0; ok && k < nout; k++) {
			mote_tensor t;
			mote_output(&it, (size_t)k, &t);
			const uint8_t *want = outs[k] + (size_t)r * t.bytes;
			long bad = compare(t.type, exact, t.data, want, t.bytes);
			if (bad < 0)
				continue;
			printf("FAIL %s: invoke %ld output %d element %ld: got ", id, r, k, bad);
			print_elem(t.type, t.data, (size_t)bad);
			printf(" want ");
			print_elem(t.type, want, (size_t)bad);
			printf("\n");
			ok = false;
		}
	}
	size_t used = mote_arena_used(&it);
	if (ok && tflm_arena && used > tflm_arena) {
		printf("FAIL %s: arena %lu bytes > TFLM's %lu\n", id,
		       (unsigned long)used, (unsigned long)tflm_arena);
		ok = false;
	}
	if (ok) {
		st->passed++;
		if (verbose)
			printf("PASS %s (arena %lu, TFLM %lu)\n", id,
			       (unsigned long)used, (unsigned long)tflm_arena);
	} else {
		st->failed++;
	}
	for (int k = 0; k < MAX_FIELDS; k++) {
		free(ins[k]);
		free(outs[k]);
	}
	free(bytes);
}

static int run_suite(stats *st, const char *dir, const char *filter, uint8_t *arena)
{
	char path[4096], line[16384];
	snprintf(path, sizeof path, "%s/cases.tsv", dir);
	FILE *f = fopen(path, "r");
	if (!f) {
		printf("conformance: suite not found: %s (%s); set MOTE_SHARED\n", path,
		       strerror(errno));
		return 0;
	}
	int ran = 0;
	bool header = true;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (header || !*line) {
			header = false;
			continue;
		}
		char *fields[MAX_FIELDS];
		if (split(line, fields, MAX_FIELDS, '\t') < 7) {
			printf("FAIL %s: malformed row\n", line);
			st->failed++;
			continue;
		}
		if (filter && !strstr(fields[0], filter))
			continue;
		run_case(st, dir, fields, arena);
		ran++;
	}
	fclose(f);
	printf("conformance: %s: %d case%s\n", dir, ran, ran == 1 ? "" : "s");
	return ran;
}

int main(int argc, char **argv)
{
	const char *suites[8], *filter = NULL;
	int n_suites = 0;
	char def[2][4096];
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--suite") && i + 1 < argc && n_suites < 8)
			suites[n_suites++] = argv[++i];
		else if (!strcmp(argv[i], "--filter") && i + 1 < argc)
			filter = argv[++i];
		else if (!strcmp(argv[i], "--layers"))
			layers = 1;
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else {
			fprintf(stderr, "usage: conformance [--suite DIR]... [--filter S] [--layers] [-v]\n");
			return 2;
		}
	}
	if (n_suites == 0) {
		snprintf(def[0], sizeof def[0], "%s/conformance", mote_host_shared_dir());
		snprintf(def[1], sizeof def[1], "%s/conformance-ops", mote_host_shared_dir());
		suites[0] = def[0];
		suites[1] = def[1];
		n_suites = 2;
	}
	uint8_t *arena = aligned_alloc(16, ARENA);
	stats st;
	memset(&st, 0, sizeof st);
	int ran = 0;
	for (int i = 0; i < n_suites; i++)
		ran += run_suite(&st, suites[i], filter, arena);
	if (ran == 0)
		printf("conformance: no case ran (suite absent or filter matched nothing)\n");
	for (int i = 0; i < st.n_reasons; i++)
		printf("skipped %4d: %s\n", st.reason_n[i], st.reason[i]);
	printf("conformance: %d passed, %d failed, %d skipped\n", st.passed, st.failed,
	       st.skipped);
	for (int i = 0; i < st.n_reasons; i++)
		free(st.reason_owned[i]);
	free(arena);
	return st.failed ? 1 : 0;
}
