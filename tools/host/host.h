/* SPDX-License-Identifier: Apache-2.0 */
/*
 * host.h - host-side helpers for the CLI, tests and examples: files,
 * .npy, error text. Uses libc freely; never linked into firmware.
 */
#ifndef MOTE_HOST_H
#define MOTE_HOST_H

#include "mote.h"

#include <stdio.h>

/* Reads a whole file into 16-byte aligned heap memory (free()), adding
 * `pad` zero bytes after it. NULL on error (errno set). */
uint8_t *mote_host_read_file(const char *path, size_t *len);

/* Writes n bytes; returns 0 or -1 (errno set). */
int mote_host_write_file(const char *path, const void *data, size_t n);

/* Formats an error as one line: "<status text>: <what> (subgraph s, op i
 * NAME, tensor t, offset o)"; returns buf. Model may be NULL. */
const char *mote_host_error(const mote_error *e, const mote_model *m,
			    char *buf, size_t n);

/* numpy dtype string of a type ("<i1"), or NULL. */
const char *mote_host_npy_dtype(mote_type t);

/* Writes a .npy with shape [lead] + dims (lead 0: dims only). */
int mote_host_write_npy(const char *path, mote_type type, size_t lead,
			const int32_t *dims, int32_t rank, const void *data,
			size_t bytes);

/* Reads a .npy: checks the dtype matches `type`; returns the data (free()),
 * its byte count and the shape; NULL with a message in err on failure. */
uint8_t *mote_host_read_npy(const char *path, mote_type type, size_t *bytes,
			    int32_t *dims, int32_t *rank, char *err,
			    size_t err_n);

/* Directory of the shared conformance data: $MOTE_SHARED, else the
 * compiled-in default (<source>/../shared). */
const char *mote_host_shared_dir(void);

/* Multiply-accumulates of operator i of subgraph 0 (0 for ops without). */
uint64_t mote_host_op_macs(const mote_model *m, uint32_t i);

/* Display name of operator i (builtin or custom name). */
const char *mote_host_op_name(const mote_model *m, uint32_t i);

/* True if `ops` implements operator i. */
bool mote_host_op_supported(const mote_model *m, const mote_op_table *ops,
			    uint32_t i);

/* Runs operator i alone (for layer-by-layer debugging), after init. */
mote_status mote_host_invoke_op(mote_interp *it, uint32_t i);

#endif /* MOTE_HOST_H */
