/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_net.h - what every example does before its first invoke: read a
 * .tflite file into 16-byte aligned memory, verify it, and prepare an
 * interpreter on an arena sized from mote's own answer.
 *
 * Uses only the public API (mote.h) and C stdio/malloc, so the same code
 * runs on the host and as firmware (files through semihosting).
 */
#ifndef EX_NET_H
#define EX_NET_H

#include "mote.h"

#include <stddef.h>
#include <stdint.h>

/* A model and its interpreter. Caller-allocated; must not move once
 * loaded (the interpreter points at the model). */
typedef struct ex_net {
	const char *file; /* the model's file name, borrowed */
	uint8_t *bytes; /* the .tflite, heap, 16-byte aligned; owned */
	size_t len; /* its length */
	uint8_t *arena; /* the arena, heap, 16-byte aligned; owned */
	size_t arena_size; /* its size: exactly what init asked for */
	mote_model model; /* verified view on bytes */
	mote_interp it; /* the prepared interpreter */
} ex_net;

/*
 * Loads DIR/FILE, verifies it and prepares it with `ops`. The arena is
 * sized by asking: a first init on a 4 KB arena returns
 * MOTE_E_ARENA_TOO_SMALL with err.needed, and init is retried with that
 * many bytes (again if that answer was only a lower bound; four tries at
 * most). The arena is then exactly as large as the model needs.
 * Prints what went wrong to stderr and returns -1 on failure (nothing is
 * left allocated); 0 on success.
 */
int ex_net_load(ex_net *n, const char *dir, const char *file,
		const mote_op_table *ops);

/* Prints one line: "model: FILE (N bytes), arena M bytes". */
void ex_net_print(const ex_net *n);

/* Frees what ex_net_load allocated; safe on a zeroed or failed net. */
void ex_net_free(ex_net *n);

/*
 * Fetches input or output `i` and checks its type and element count;
 * prints a message naming `what` and returns -1 on mismatch.
 */
int ex_net_input(const ex_net *n, size_t i, mote_type type, size_t count,
		 const char *what, mote_tensor *t);
int ex_net_output(const ex_net *n, size_t i, mote_type type, size_t count,
		  const char *what, mote_tensor *t);

/* Runs one invoke; prints the error and returns -1 on failure. */
int ex_net_invoke(ex_net *n, const char *what);

/*
 * Reads a whole file into heap memory aligned to 16 bytes (free()).
 * Returns NULL and prints a message on failure. `max` bounds the size
 * accepted (0: no bound).
 */
uint8_t *ex_read_file(const char *path, size_t *len, size_t max);

/* Joins DIR and FILE with one '/'; returns buf (truncates to n). */
const char *ex_path_join(char *buf, size_t n, const char *dir,
			 const char *file);

/* Flushes stdout and returns `status`: the last thing main() does, so
 * firmware (which leaves through semihosting, not exit()) loses no
 * output. */
int ex_exit(int status);

#endif /* EX_NET_H */
