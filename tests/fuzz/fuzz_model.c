/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_model.c - libFuzzer target for the model loader and interpreter.
 *
 * Build and run: scripts/fuzz.sh [SECONDS] (clang -fsanitize=fuzzer,
 * address,undefined over src/ and tools/host/, seeded with the shared
 * models). Without libFuzzer, tests/fuzz/mutate_models.c drives the same
 * entry point.
 *
 * Each input is copied into a 16-byte aligned allocation of exactly its
 * size (so AddressSanitizer sees any read past the end) and handed to
 * mote_model_open(). An accepted model is read through every model view
 * (as the CLI does), initialised with mote_all_ops on a 256 KiB arena and,
 * if that succeeds, invoked once on inputs filled with a fixed pattern
 * (bool inputs with 1: other bytes are not valid C bools).
 * Any crash, sanitizer report or hang is a finding; rejections are not.
 */
#define _POSIX_C_SOURCE 200809L
#include "mote.h"

#include "model/tflite.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BYTES (256u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint64_t sink;

/* Reads every subgraph, tensor and operator of a verified model. */
static void walk(const mote_model *m)
{
	uint64_t acc = 0;
	for (uint32_t sg = 0; sg < m->n_subgraphs; sg++) {
		uint32_t nt = mote__sg_n_tensors(m, sg), no = mote__sg_n_ops(m, sg);
		acc += strlen(mote__sg_name(m, sg));
		for (uint32_t i = 0; i < nt; i++) {
			mote__tensor t;
			mote__model_tensor(m, sg, (int32_t)i, &t);
			acc += t.bytes + strlen(t.name);
			if (t.data && t.bytes)
				acc += ((const uint8_t *)t.data)[t.bytes - 1];
			if (t.n_scale)
				acc += t.scale[t.n_scale - 1] != 0.0f;
			if (t.n_zp)
				acc += (uint64_t)t.zp[t.n_zp - 1];
		}
		for (uint32_t i = 0; i < no; i++) {
			uint32_t op = mote__model_op(m, sg, i), n;
			int32_t builtin, version;
			const char *custom;
			size_t len;
			mote__op_code(m, op, &builtin, &custom, &version);
			acc += (uint32_t)builtin + (custom ? strlen(custom) : 0);
			const uint8_t *c = mote__op_custom(m, op, &len);
			if (c && len)
				acc += c[len - 1];
			const int32_t *in = mote__op_io(m, op, FB_OP_INPUTS, &n);
			for (uint32_t k = 0; k < n; k++)
				acc += (uint32_t)in[k];
		}
	}
	acc += strlen(mote__model_description(m));
	sink += acc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *arena;
	mote_model m;
	mote_interp it;

	if (!arena) {
		arena = aligned_alloc(16, ARENA_BYTES);
		if (!arena)
			return 0;
		memset(arena, 0, ARENA_BYTES);
	}
	uint8_t *copy = NULL;
	if (posix_memalign((void **)&copy, 16, size ? size : 1) != 0)
		return 0;
	if (size)
		memcpy(copy, data, size);
	if (mote_model_open(&m, copy, size) == MOTE_OK) {
		walk(&m);
		if (mote_interp_init(&it, &m, &mote_all_ops, arena, ARENA_BYTES) ==
		    MOTE_OK) {
			for (size_t i = 0; i < mote_input_count(&it); i++) {
				mote_tensor t;
				/* bool tensors hold 0 or 1 (C's bool). */
				if (mote_input(&it, i, &t) == MOTE_OK && t.data)
					memset(t.data, t.type == MOTE_BOOL ? 1 : (int)(0x35 + i),
					       t.bytes);
			}
			mote_invoke(&it);
		}
	}
	free(copy);
	return 0;
}
