/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_net.c - model loading and interpreter setup for the examples
 * (see ex_net.h).
 */
#include "ex_net.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first arena tried: enough for the planner's bookkeeping of small
 * models, so the answer is usually the exact size at once. */
#define FIRST_ARENA 4096

int ex_exit(int status)
{
	fflush(stdout);
	fflush(stderr);
	return status;
}

const char *ex_path_join(char *buf, size_t n, const char *dir,
			 const char *file)
{
	size_t d = strlen(dir);
	const char *sep = (d > 0 && dir[d - 1] == '/') ? "" : "/";
	snprintf(buf, n, "%s%s%s", dir, sep, file);
	return buf;
}

uint8_t *ex_read_file(const char *path, size_t *len, size_t max)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	long size = -1;
	if (fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (max && (size_t)size > max)) {
		fprintf(stderr, "%s: cannot size the file, or it is larger "
			"than %zu bytes\n", path, max);
		fclose(f);
		return NULL;
	}
	/* Round up and keep one spare byte so an empty file still gets a
	 * valid, aligned allocation. */
	size_t cap = ((size_t)size + 16) & ~(size_t)15;
	uint8_t *buf = aligned_alloc(16, cap);
	if (!buf) {
		fprintf(stderr, "%s: out of memory (%zu bytes)\n", path, cap);
		fclose(f);
		return NULL;
	}
	size_t got = fread(buf, 1, (size_t)size, f);
	fclose(f);
	if (got != (size_t)size) {
		fprintf(stderr, "%s: short read (%zu of %ld bytes)\n", path,
			got, size);
		free(buf);
		return NULL;
	}
	*len = got;
	return buf;
}

/* One line: status text, the check that failed and where. */
static void print_error(const char *file, const mote_error *e)
{
	fprintf(stderr, "%s: %s", file, mote_status_str(e->status));
	if (e->what)
		fprintf(stderr, ": %s", e->what);
	if (e->op >= 0)
		fprintf(stderr, " (op %ld)", (long)e->op);
	if (e->tensor >= 0)
		fprintf(stderr, " (tensor %ld)", (long)e->tensor);
	if (e->offset >= 0)
		fprintf(stderr, " (byte %lld)", (long long)e->offset);
	fprintf(stderr, "\n");
}

/* Prepares the interpreter, growing the arena to what init asks for. */
static int init_interp(ex_net *n, const char *file, const mote_op_table *ops)
{
	size_t size = FIRST_ARENA;
	for (int attempt = 0; attempt < 4; attempt++) {
		n->arena = aligned_alloc(16, size);
		if (!n->arena) {
			fprintf(stderr, "%s: out of memory for a %zu-byte "
				"arena\n", file, size);
			return -1;
		}
		n->arena_size = size;
		mote_status s = mote_interp_init(&n->it, &n->model, ops,
						 n->arena, size);
		if (s == MOTE_OK)
			return 0;
		size_t needed = n->it.err.needed;
		free(n->arena);
		n->arena = NULL;
		if (s != MOTE_E_ARENA_TOO_SMALL || needed <= size) {
			print_error(file, &n->it.err);
			return -1;
		}
		size = (needed + 15) & ~(size_t)15;
	}
	fprintf(stderr, "%s: the arena size did not settle\n", file);
	return -1;
}

int ex_net_load(ex_net *n, const char *dir, const char *file,
		const mote_op_table *ops)
{
	char path[512];
	memset(n, 0, sizeof *n);
	n->file = file;
	ex_path_join(path, sizeof path, dir, file);
	n->bytes = ex_read_file(path, &n->len, 0);
	if (!n->bytes)
		return -1;
	if (mote_model_open(&n->model, n->bytes, n->len) != MOTE_OK) {
		print_error(path, &n->model.err);
		ex_net_free(n);
		return -1;
	}
	if (init_interp(n, path, ops) != 0) {
		ex_net_free(n);
		return -1;
	}
	return 0;
}

void ex_net_print(const ex_net *n)
{
	printf("model: %s (%zu bytes), arena %zu bytes\n", n->file, n->len,
	       mote_arena_used(&n->it));
}

void ex_net_free(ex_net *n)
{
	free(n->arena);
	free(n->bytes);
	memset(n, 0, sizeof *n);
}

static size_t element_count(const mote_tensor *t)
{
	size_t count = 1;
	for (int32_t i = 0; i < t->rank; i++)
		count *= (size_t)t->dims[i];
	return count;
}

static int check_tensor(mote_status s, const mote_tensor *t, mote_type type,
			size_t count, const char *what)
{
	if (s != MOTE_OK) {
		fprintf(stderr, "%s: %s\n", what, mote_status_str(s));
		return -1;
	}
	if (t->type != type || element_count(t) != count) {
		fprintf(stderr, "%s: expected %zu %s values, the model has "
			"%zu %s\n", what, count, mote_type_str(type),
			element_count(t), mote_type_str(t->type));
		return -1;
	}
	return 0;
}

int ex_net_input(const ex_net *n, size_t i, mote_type type, size_t count,
		 const char *what, mote_tensor *t)
{
	return check_tensor(mote_input(&n->it, i, t), t, type, count, what);
}

int ex_net_output(const ex_net *n, size_t i, mote_type type, size_t count,
		  const char *what, mote_tensor *t)
{
	return check_tensor(mote_output(&n->it, i, t), t, type, count, what);
}

int ex_net_invoke(ex_net *n, const char *what)
{
	if (mote_invoke(&n->it) == MOTE_OK)
		return 0;
	print_error(what, &n->it.err);
	return -1;
}
