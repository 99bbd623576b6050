/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote.c - the host command line tool.
 *
 *   mote inspect MODEL [--json]
 *       operators, tensors, parameter bytes, MACs, the arena plan and any
 *       unsupported operator. --json prints one JSON object with at least
 *       "arena_bytes", "ops", "tensors", "macs".
 *   mote run MODEL [-i FILE]... [-n INVOKES] [-o OUTDIR] [--arena BYTES]
 *       one -i per input tensor (raw little-endian frames, or .npy); runs
 *       INVOKES invokes on one interpreter; writes OUTDIR/out<k>.bin and
 *       OUTDIR/out<k>.npy.
 *   mote bench MODEL [-n INVOKES] [--per-op]
 *       host timings: verify (mote_model_open), init, and invoke (minimum
 *       and median of INVOKES runs, default 100) on pseudo-random inputs.
 *       --per-op then runs the operators one at a time, INVOKES rounds, and
 *       prints one line per operator: "op INDEX NAME MACS MIN_US". Each
 *       operator runs inside bench_node(), so a profiler can attribute
 *       costs to operators (make bench: callgrind --dump-after=bench_node).
 *   mote to-c MODEL [--name NAME] [-o FILE.c]
 *       the model as a C array: const (so it stays in flash), 16-byte
 *       aligned, verified first; with its size and arena need in a comment.
 * Errors: one line on stderr naming the problem, exit status 1 (2: usage).
 */
#define _POSIX_C_SOURCE 200809L
#include "host.h"

#include "kernels/select.h"
#include "runtime/op.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_ARENA (64u << 20)

static int usage(void)
{
	fprintf(stderr,
		"usage: mote inspect MODEL [--json]\n"
		"       mote run MODEL [-i FILE]... [-n INVOKES] [-o OUTDIR] [--arena BYTES]\n"
		"       mote bench MODEL [-n INVOKES] [--per-op]\n"
		"       mote to-c MODEL [--name NAME] [-o FILE.c]\n");
	return 2;
}

/* A loaded, verified model; exits with a message on failure. */
typedef struct loaded {
	uint8_t *bytes;
	size_t len;
	mote_model m;
} loaded;

static int load(const char *path, loaded *l)
{
	char msg[512];
	l->bytes = mote_host_read_file(path, &l->len);
	if (!l->bytes) {
		fprintf(stderr, "mote: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (mote_model_open(&l->m, l->bytes, l->len) != MOTE_OK) {
		fprintf(stderr, "mote: %s: invalid model: %s\n", path,
			mote_host_error(&l->m.err, NULL, msg, sizeof msg));
		free(l->bytes);
		return 1;
	}
	return 0;
}

static void print_shape(FILE *f, const int32_t *dims, int32_t rank)
{
	fputc('[', f);
	for (int32_t i = 0; i < rank; i++)
		fprintf(f, "%s%d", i ? "," : "", (int)dims[i]);
	fputc(']', f);
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* First and last operator using tensor t (-1 if none). */
static void tensor_life(const mote_model *m, int32_t t, int32_t *first,
			int32_t *last)
{
	uint32_t n, no = mote__sg_n_ops(m, 0);
	*first = *last = -1;
	const int32_t *io = mote__sg_io(m, 0, FB_SG_INPUTS, &n);
	for (uint32_t k = 0; k < n; k++)
		if (io[k] == t)
			*first = *last = 0;
	for (uint32_t i = 0; i < no; i++) {
		uint32_t op = mote__model_op(m, 0, i);
		for (unsigned field = FB_OP_INPUTS; field <= FB_OP_OUTPUTS; field++) {
			const int32_t *v = mote__op_io(m, op, field, &n);
			for (uint32_t k = 0; k < n; k++) {
				if (v[k] != t)
					continue;
				if (*first < 0)
					*first = (int32_t)i;
				*last = (int32_t)i;
			}
		}
	}
	io = mote__sg_io(m, 0, FB_SG_OUTPUTS, &n);
	for (uint32_t k = 0; k < n; k++)
		if (io[k] == t && no > 0)
			*last = (int32_t)no - 1;
}

static void print_io_list(FILE *f, const int32_t *v, uint32_t n)
{
	fputc('[', f);
	for (uint32_t k = 0; k < n; k++)
		fprintf(f, "%s%d", k ? "," : "", (int)v[k]);
	fputc(']', f);
}

static int inspect(const char *path, bool json)
{
	loaded l;
	if (load(path, &l))
		return 1;
	const mote_model *m = &l.m;
	uint32_t no = mote__sg_n_ops(m, 0), nt = mote__sg_n_tensors(m, 0);
	uint64_t macs = 0, param_bytes = 0;
	uint32_t unsupported = 0;
	mote__tensor t;

	for (uint32_t i = 0; i < no; i++) {
		macs += mote_host_op_macs(m, i);
		if (!mote_host_op_supported(m, &mote_all_ops, i))
			unsupported++;
	}
	for (uint32_t i = 0; i < nt; i++) {
		mote__model_tensor(m, 0, (int32_t)i, &t);
		if (t.data)
			param_bytes += t.bytes;
	}

	mote_interp it;
	uint8_t *arena = NULL;
	mote_status s = MOTE_E_UNSUPPORTED_OP;
	char msg[512] = "";
	if (unsupported == 0) {
		arena = aligned_alloc(16, DEFAULT_ARENA);
		s = mote_interp_init(&it, m, &mote_all_ops, arena, DEFAULT_ARENA);
		if (s != MOTE_OK)
			mote_host_error(&it.err, m, msg, sizeof msg);
	}
	bool ok = s == MOTE_OK;
	FILE *f = stdout;

	if (json) {
		fprintf(f, "{\"model\":");
		json_string(f, path);
		fprintf(f, ",\"subgraphs\":%u,\"arena_bytes\":", m->n_subgraphs);
		if (ok)
			fprintf(f, "%zu", mote_arena_used(&it));
		else
			fprintf(f, "null");
		if (ok)
			fprintf(f, ",\"plan_bytes\":%zu,\"persistent_bytes\":%zu",
				it.plan_bytes, it.persist_bytes);
		fprintf(f, ",\"macs\":%llu,\"parameter_bytes\":%llu,\"error\":",
			(unsigned long long)macs, (unsigned long long)param_bytes);
		if (ok)
			fprintf(f, "null");
		else
			json_string(f, unsupported ? "unsupported operators" : msg);
		fprintf(f, ",\"ops\":[");
		for (uint32_t i = 0; i < no; i++) {
			uint32_t op = mote__model_op(m, 0, i), n;
			fprintf(f, "%s{\"index\":%u,\"name\":", i ? "," : "", i);
			json_string(f, mote_host_op_name(m, i));
			fprintf(f, ",\"supported\":%s,\"macs\":%llu,\"inputs\":",
				mote_host_op_supported(m, &mote_all_ops, i) ? "true" : "false",
				(unsigned long long)mote_host_op_macs(m, i));
			const int32_t *v = mote__op_io(m, op, FB_OP_INPUTS, &n);
			print_io_list(f, v, n);
			fprintf(f, ",\"outputs\":");
			v = mote__op_io(m, op, FB_OP_OUTPUTS, &n);
			print_io_list(f, v, n);
			if (ok && it.nodes[i].scratch)
				fprintf(f, ",\"scratch_bytes\":%lu,\"scratch_offset\":%td",
					(unsigned long)it.nodes[i].scratch_bytes,
					(uint8_t *)it.nodes[i].scratch - it.arena);
			fputc('}', f);
		}
		fprintf(f, "],\"tensors\":[");
		for (uint32_t i = 0; i < nt; i++) {
			int32_t first, last;
			mote__model_tensor(m, 0, (int32_t)i, &t);
			tensor_life(m, (int32_t)i, &first, &last);
			fprintf(f, "%s{\"index\":%u,\"name\":", i ? "," : "", i);
			json_string(f, t.name);
			fprintf(f, ",\"type\":\"%s\",\"shape\":", mote_type_str(t.type));
			print_shape(f, t.dims, t.rank);
			fprintf(f, ",\"bytes\":%zu,\"constant\":%s,\"variable\":%s",
				t.bytes, t.data ? "true" : "false",
				t.is_variable ? "true" : "false");
			if (t.n_scale)
				fprintf(f, ",\"scale\":%.9g,\"zero_point\":%d,\"channels\":%u",
					(double)t.scale[0], (int)mote__zp(&t, 0), t.n_scale);
			fprintf(f, ",\"first_op\":%d,\"last_op\":%d", (int)first, (int)last);
			if (ok && !t.data && it.tensors[i] &&
			    (uint8_t *)it.tensors[i] >= it.arena &&
			    (uint8_t *)it.tensors[i] < it.arena + it.plan_bytes)
				fprintf(f, ",\"arena_offset\":%td",
					(uint8_t *)it.tensors[i] - it.arena);
			fputc('}', f);
		}
		fprintf(f, "]}\n");
		free(arena);
		free(l.bytes);
		return 0;
	}

	fprintf(f, "model: %s (%zu bytes, schema v%u, %u subgraph%s)\n", path,
		l.len, m->version, m->n_subgraphs, m->n_subgraphs > 1 ? "s" : "");
	const char *desc = mote__model_description(m);
	if (*desc)
		fprintf(f, "description: %s\n", desc);
	fprintf(f, "\noperators (%u):\n  %-4s %-28s %12s  %s\n", no, "#", "op",
		"MACs", "inputs -> outputs");
	for (uint32_t i = 0; i < no; i++) {
		uint32_t op = mote__model_op(m, 0, i), n;
		bool sup = mote_host_op_supported(m, &mote_all_ops, i);
		fprintf(f, "  %-4u %-28s %12llu  ", i, mote_host_op_name(m, i),
			(unsigned long long)mote_host_op_macs(m, i));
		const int32_t *v = mote__op_io(m, op, FB_OP_INPUTS, &n);
		print_io_list(f, v, n);
		fprintf(f, " -> ");
		v = mote__op_io(m, op, FB_OP_OUTPUTS, &n);
		print_io_list(f, v, n);
		fprintf(f, "%s\n", sup ? "" : "  UNSUPPORTED");
	}
	fprintf(f, "\ntensors (%u):\n  %-4s %-8s %-18s %8s %-9s %-22s %s\n", nt,
		"#", "type", "shape", "bytes", "kind", "quantization", "name");
	for (uint32_t i = 0; i < nt; i++) {
		char shape[96], quant[64] = "-";
		int k = 0;
		mote__model_tensor(m, 0, (int32_t)i, &t);
		shape[0] = 0;
		for (int32_t d = 0; d < t.rank && k < 80; d++)
			k += snprintf(shape + k, sizeof shape - (size_t)k, "%s%d",
				      d ? "x" : "", (int)t.dims[d]);
		if (t.n_scale == 1)
			snprintf(quant, sizeof quant, "s=%.6g zp=%d",
				 (double)t.scale[0], (int)mote__zp(&t, 0));
		else if (t.n_scale > 1)
			snprintf(quant, sizeof quant, "per-channel(%u) dim %d",
				 t.n_scale, (int)t.qdim);
		fprintf(f, "  %-4u %-8s %-18s %8zu %-9s %-22s %s\n", i,
			mote_type_str(t.type), t.rank ? shape : "scalar", t.bytes,
			t.data ? "const" : t.is_variable ? "variable" : "activation",
			quant, t.name);
	}
	fprintf(f, "\nparameters: %llu bytes\nMACs: %llu\n",
		(unsigned long long)param_bytes, (unsigned long long)macs);
	if (unsupported) {
		fprintf(f, "unsupported operators: %u:", unsupported);
		for (uint32_t i = 0; i < no; i++)
			if (!mote_host_op_supported(m, &mote_all_ops, i))
				fprintf(f, " %s(op %u)", mote_host_op_name(m, i), i);
		fprintf(f, "\n");
	} else if (!ok) {
		fprintf(f, "init failed: %s\n", msg);
	} else {
		fprintf(f, "\narena plan (offset  bytes  ops first..last  tensor):\n");
		for (uint32_t i = 0; i < nt; i++) {
			int32_t first, last;
			mote__model_tensor(m, 0, (int32_t)i, &t);
			uint8_t *d = it.tensors[i];
			if (t.data || !d || d < it.arena || d >= it.arena + it.plan_bytes)
				continue;
			tensor_life(m, (int32_t)i, &first, &last);
			fprintf(f, "  %8td %8zu  %4d..%-4d  %u %s\n", d - it.arena,
				t.bytes, (int)first, (int)last, i, t.name);
		}
		fprintf(f, "arena: %zu bytes (%zu planned activations+scratch, %zu persistent)\n",
			mote_arena_used(&it), it.plan_bytes, it.persist_bytes);
	}
	free(arena);
	free(l.bytes);
	return 0;
}

/* One input source: frames of one input tensor. */
typedef struct input_file {
	uint8_t *data;
	size_t bytes;
} input_file;

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int read_input(const char *path, const mote_tensor *t, input_file *in)
{
	if (!ends_with(path, ".npy")) {
		in->data = mote_host_read_file(path, &in->bytes);
		if (!in->data) {
			fprintf(stderr, "mote: %s: %s\n", path, strerror(errno));
			return 1;
		}
		return 0;
	}
	char err[512];
	int32_t dims[MOTE_MAX_DIMS + 1], rank;
	in->data = mote_host_read_npy(path, t->type, &in->bytes, dims, &rank, err,
				      sizeof err);
	if (!in->data) {
		fprintf(stderr, "mote: %s\n", err);
		return 1;
	}
	/* Accept the tensor's shape, or [frames] + shape. */
	int32_t off = rank == t->rank + 1 ? 1 : 0;
	bool shape_ok = rank - off == t->rank;
	for (int32_t d = 0; shape_ok && d < t->rank; d++)
		shape_ok = dims[d + off] == t->dims[d];
	if (!shape_ok) {
		fprintf(stderr, "mote: %s: shape does not match input tensor %d\n",
			path, (int)t->index);
		free(in->data);
		return 1;
	}
	return 0;
}

static int mkdir_p(const char *dir)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "mote: %s: %s\n", dir, strerror(errno));
	return 1;
}

static int run(int argc, char **argv)
{
	const char *model = NULL, *outdir = NULL, *inputs[64];
	size_t n_inputs = 0, arena_size = DEFAULT_ARENA;
	long invokes = 0;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-i") && i + 1 < argc && n_inputs < 64)
			inputs[n_inputs++] = argv[++i];
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			invokes = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			outdir = argv[++i];
		else if (!strcmp(argv[i], "--arena") && i + 1 < argc)
			arena_size = (size_t)strtoull(argv[++i], NULL, 10);
		else if (argv[i][0] == '-' || model)
			return usage();
		else
			model = argv[i];
	}
	if (!model || invokes < 0)
		return usage();

	loaded l;
	char msg[512];
	if (load(model, &l))
		return 1;
	uint8_t *arena = aligned_alloc(16, (arena_size + 15) & ~(size_t)15);
	mote_interp it;
	if (!arena) {
		fprintf(stderr, "mote: cannot allocate the arena\n");
		return 1;
	}
	if (mote_interp_init(&it, &l.m, &mote_all_ops, arena, arena_size) != MOTE_OK) {
		fprintf(stderr, "mote: %s: %s\n", model,
			mote_host_error(&it.err, &l.m, msg, sizeof msg));
		return 1;
	}
	size_t n_in = mote_input_count(&it), n_out = mote_output_count(&it);
	if (n_inputs != n_in) {
		fprintf(stderr, "mote: %s has %zu input%s, %zu -i given\n", model,
			n_in, n_in == 1 ? "" : "s", n_inputs);
		return 1;
	}
	input_file in[64];
	for (size_t k = 0; k < n_in; k++) {
		mote_tensor t;
		mote_input(&it, k, &t);
		if (read_input(inputs[k], &t, &in[k]))
			return 1;
		size_t frames = t.bytes ? in[k].bytes / t.bytes : 1;
		if (t.bytes && (in[k].bytes % t.bytes != 0 || frames == 0)) {
			fprintf(stderr,
				"mote: %s: %zu bytes is not a whole number of frames of input %zu (%s, %zu bytes)\n",
				inputs[k], in[k].bytes, k, mote_type_str(t.type), t.bytes);
			return 1;
		}
		if (invokes == 0)
			invokes = (long)frames;
		if ((size_t)invokes > frames) {
			fprintf(stderr, "mote: %s holds %zu frame%s of input %zu, %ld invokes asked\n",
				inputs[k], frames, frames == 1 ? "" : "s", k, invokes);
			return 1;
		}
	}
	if (invokes == 0)
		invokes = 1;

	uint8_t *outs[64];
	for (size_t k = 0; k < n_out && k < 64; k++) {
		mote_tensor t;
		mote_output(&it, k, &t);
		outs[k] = malloc(t.bytes * (size_t)invokes + 1);
	}
	for (long r = 0; r < invokes; r++) {
		for (size_t k = 0; k < n_in; k++) {
			mote_tensor t;
			mote_input(&it, k, &t);
			memcpy(t.data, in[k].data + (size_t)r * t.bytes, t.bytes);
		}
		if (mote_invoke(&it) < 0) { /* MOTE_STOPPED: no new output, not an error */
			fprintf(stderr, "mote: invoke %ld: %s\n", r,
				mote_host_error(&it.err, &l.m, msg, sizeof msg));
			return 1;
		}
		for (size_t k = 0; k < n_out && k < 64; k++) {
			mote_tensor t;
			mote_output(&it, k, &t);
			memcpy(outs[k] + (size_t)r * t.bytes, t.data, t.bytes);
		}
	}
	if (outdir && mkdir_p(outdir))
		return 1;
	for (size_t k = 0; k < n_out && k < 64; k++) {
		mote_tensor t;
		char path[4096];
		mote_output(&it, k, &t);
		size_t total = t.bytes * (size_t)invokes;
		if (outdir) {
			snprintf(path, sizeof path, "%s/out%zu.bin", outdir, k);
			int e = mote_host_write_file(path, outs[k], total);
			snprintf(path, sizeof path, "%s/out%zu.npy", outdir, k);
			e |= mote_host_write_npy(path, t.type, invokes > 1 ? (size_t)invokes : 0,
						 t.dims, t.rank, outs[k], total);
			if (e) {
				fprintf(stderr, "mote: %s: %s\n", path, strerror(errno));
				return 1;
			}
		}
		printf("output %zu %s %s ", k, *t.name ? t.name : "-",
		       mote_type_str(t.type));
		print_shape(stdout, t.dims, t.rank);
		printf(" x %ld invoke%s:", invokes, invokes == 1 ? "" : "s");
		const uint8_t *last = outs[k] + (size_t)(invokes - 1) * t.bytes;
		size_t esz = mote_type_size(t.type), show = esz ? t.bytes / esz : 0;
		for (size_t e = 0; e < show && e < 16; e++) {
			if (t.type == MOTE_FLOAT32) {
				float v;
				memcpy(&v, last + 4 * e, 4);
				printf(" %.6g", (double)v);
			} else if (t.type == MOTE_INT8) {
				printf(" %d", (int)(int8_t)last[e]);
			} else if (t.type == MOTE_UINT8 || t.type == MOTE_BOOL) {
				printf(" %u", last[e]);
			} else if (t.type == MOTE_INT16) {
				int16_t v;
				memcpy(&v, last + 2 * e, 2);
				printf(" %d", v);
			} else if (t.type == MOTE_INT32) {
				int32_t v;
				memcpy(&v, last + 4 * e, 4);
				printf(" %d", (int)v);
			}
		}
		printf("%s\n", show > 16 ? " ..." : "");
		free(outs[k]);
	}
	printf("arena: %zu bytes\n", mote_arena_used(&it));
	for (size_t k = 0; k < n_in; k++)
		free(in[k].data);
	free(arena);
	free(l.bytes);
	return 0;
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Fills a tensor with the suite's xorshift32 data (seed 12345 + k). */
static void fill_random(const mote_tensor *t, uint32_t seed)
{
	uint32_t x = seed;
	size_t esz = mote_type_size(t->type), n = esz ? t->bytes / esz : 0;
	uint8_t *d = t->data;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if (t->type == MOTE_FLOAT32) {
			float f = (float)((x >> 8) * (1.0 / 16777216.0)) * 2.0f - 1.0f;
			memcpy(d + 4 * i, &f, 4);
		} else {
			memcpy(d + esz * i, &x, esz < 4 ? esz : 4);
		}
	}
}

/* Runs one operator: a function of its own, called through a pointer so
 * that it is never inlined (profilers see one call per operator). */
static mote_status bench_node(const mote__node *node, void *const *t)
{
	return node->eval(node, t);
}

static mote_status (*volatile bench_node_call)(const mote__node *,
					       void *const *) = bench_node;

/* Operators one at a time, `rounds` times; minimum time of each. */
static int bench_ops(mote_interp *it, const mote_model *m, long rounds)
{
	double *best = malloc(sizeof(double) * (it->n_nodes + 1u));
	for (uint32_t i = 0; i < it->n_nodes; i++)
		best[i] = 1e30;
	for (long r = 0; r < rounds; r++) {
		for (uint32_t i = 0; i < it->n_nodes; i++) {
			double t0 = now_us();
			mote_status s = bench_node_call(&it->nodes[i], it->tensors);
			double dt = now_us() - t0;
			if (s != MOTE_OK) {
				fprintf(stderr, "mote: op %u: %s\n", i, mote_status_str(s));
				free(best);
				return 1;
			}
			best[i] = dt < best[i] ? dt : best[i];
		}
	}
	for (uint32_t i = 0; i < it->n_nodes; i++)
		printf("op %u %s %llu %.2f\n", i, mote_host_op_name(m, i),
		       (unsigned long long)mote_host_op_macs(m, i), best[i]);
	free(best);
	return 0;
}

static int bench(int argc, char **argv)
{
	const char *model = NULL;
	long n = 100;
	bool per_op = false;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--per-op"))
			per_op = true;
		else if (argv[i][0] == '-' || model)
			return usage();
		else
			model = argv[i];
	}
	if (!model || n < 1)
		return usage();
	loaded l;
	char msg[512];
	if (load(model, &l))
		return 1;
	const long reps = 200;
	double t0 = now_us();
	for (long r = 0; r < reps; r++)
		mote_model_open(&l.m, l.bytes, l.len);
	double verify = (now_us() - t0) / (double)reps;
	uint8_t *arena = aligned_alloc(16, DEFAULT_ARENA);
	mote_interp it;
	t0 = now_us();
	for (long r = 0; r < reps; r++) {
		if (mote_interp_init(&it, &l.m, &mote_all_ops, arena, DEFAULT_ARENA) != MOTE_OK) {
			fprintf(stderr, "mote: %s: %s\n", model,
				mote_host_error(&it.err, &l.m, msg, sizeof msg));
			return 1;
		}
	}
	double init = (now_us() - t0) / (double)reps;
	for (size_t k = 0; k < mote_input_count(&it); k++) {
		mote_tensor t;
		mote_input(&it, k, &t);
		fill_random(&t, 12345u + (uint32_t)k);
	}
	double *times = malloc(sizeof(double) * (size_t)n);
	mote_invoke(&it); /* warm the caches */
	for (long r = 0; r < n; r++) {
		t0 = now_us();
		mote_invoke(&it);
		times[r] = now_us() - t0;
	}
	qsort(times, (size_t)n, sizeof *times, cmp_double);
	printf("%s: %zu bytes, verify %.1f us, init %.1f us, invoke min %.1f us, median %.1f us (%ld runs), arena %zu bytes, kernels %s\n",
	       model, l.len, verify, init, times[0], times[n / 2], n, mote_arena_used(&it),
	       mote_kernels_variant);
	int rc = per_op ? bench_ops(&it, &l.m, n) : 0;
	free(times);
	free(arena);
	free(l.bytes);
	return rc;
}

/* C identifier from a path's base name ("models/kws-ref.tflite" ->
 * "kws_ref_tflite"). */
static void c_name(const char *path, char *out, size_t n)
{
	const char *base = strrchr(path, '/');
	size_t k = 0;
	base = base ? base + 1 : path;
	if (*base >= '0' && *base <= '9' && k + 1 < n)
		out[k++] = '_';
	for (; *base && k + 1 < n; base++) {
		char c = *base;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9');
		out[k++] = ok ? c : '_';
	}
	out[k] = 0;
}

static int to_c(int argc, char **argv)
{
	const char *model = NULL, *name_arg = NULL, *out_path = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--name") && i + 1 < argc)
			name_arg = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out_path = argv[++i];
		else if (argv[i][0] == '-' || model)
			return usage();
		else
			model = argv[i];
	}
	if (!model)
		return usage();
	loaded l;
	if (load(model, &l))
		return 1;
	char name[128];
	c_name(name_arg ? name_arg : model, name, sizeof name);
	size_t arena_size = 0;
	uint8_t *arena = aligned_alloc(16, DEFAULT_ARENA);
	mote_interp it;
	if (arena && mote_interp_init(&it, &l.m, &mote_all_ops, arena, DEFAULT_ARENA) == MOTE_OK)
		arena_size = mote_arena_used(&it);
	free(arena);
	FILE *f = out_path ? fopen(out_path, "w") : stdout;
	if (!f) {
		fprintf(stderr, "mote: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	const char *base = strrchr(model, '/');
	fprintf(f, "/* Generated by `mote to-c` from %s: %zu bytes, schema v%u.\n",
		base ? base + 1 : model, l.len, l.m.version);
	if (arena_size)
		fprintf(f, " * Arena on the host that generated this: %zu bytes (32-bit\n"
			   " * targets need a little less: `mote inspect` there, or read\n"
			   " * err.needed from mote_interp_init()).\n", arena_size);
	fprintf(f, " * const keeps it in flash; mote_model_open() needs 16-byte alignment. */\n"
		   "#include <stddef.h>\n#include <stdint.h>\n\n"
		   "extern const uint8_t %s[];\nextern const size_t %s_len;\n\n"
		   "_Alignas(16) const uint8_t %s[%zu] = {", name, name, name, l.len);
	for (size_t i = 0; i < l.len; i++)
		fprintf(f, "%s0x%02x,", i % 12 ? " " : "\n\t", l.bytes[i]);
	fprintf(f, "\n};\n\nconst size_t %s_len = %zu;\n", name, l.len);
	int bad = ferror(f);
	if (out_path && fclose(f) != 0)
		bad = 1;
	free(l.bytes);
	if (bad) {
		fprintf(stderr, "mote: %s: write error\n", out_path ? out_path : "stdout");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	if (!strcmp(argv[1], "inspect")) {
		bool json = argc > 3 && !strcmp(argv[3], "--json");
		if (argc > 4 || (argc == 4 && !json))
			return usage();
		return inspect(argv[2], json);
	}
	if (!strcmp(argv[1], "run"))
		return run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "bench"))
		return bench(argc - 2, argv + 2);
	if (!strcmp(argv[1], "to-c"))
		return to_c(argc - 2, argv + 2);
	return usage();
}
