/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench_fw.c - benchmark firmware: one model, one invoke, counted.
 *
 *   bench_fw MODEL.tflite      (arguments through semihosting)
 *
 * Loads the model (semihosting), initialises it on a generous arena with
 * only the operators the build linked (bench_ops, generated per model by
 * scripts/bench_mcu.sh), fills every input with the suite's xorshift32
 * pseudo-random data, then runs one invoke inside bench_region_begin/end
 * (../shared/tools/qemu-insn counts the instructions: region 0), and each
 * operator alone in its own region (regions 1..n, for per-op figures).
 * Prints: "arena=<bytes> stack=<bytes> ops=<n>" and "op <i> <NAME>".
 */
#include "host.h"
#include "port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA (2u << 20)

extern const mote_op_table bench_ops;
size_t mote_port_stack_used(void);
void mote_port_stack_mark(void);
size_t mote_port_stack_peak(void);

/* The suite's input generator (../shared/conformance/README.md). */
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
		} else if (esz == 2) {
			uint16_t v = (uint16_t)(x & 0xFFFF);
			memcpy(d + 2 * i, &v, 2);
		} else if (esz == 1) {
			d[i] = (uint8_t)(x & 0xFF);
		} else {
			memcpy(d + esz * i, &x, esz < 4 ? esz : 4);
		}
	}
}

int main(int argc, char **argv)
{
	char msg[256];
	size_t len;
	if (argc < 2) {
		printf("usage: bench_fw MODEL\n");
		return 2;
	}
	uint8_t *bytes = mote_host_read_file(argv[1], &len);
	uint8_t *arena = aligned_alloc(16, ARENA);
	mote_model m;
	static mote_interp it;
	if (!bytes || !arena || mote_model_open(&m, bytes, len) != MOTE_OK) {
		printf("bench: cannot load %s\n", argv[1]);
		return 1;
	}
	if (mote_interp_init(&it, &m, &bench_ops, arena, ARENA) != MOTE_OK) {
		printf("bench: %s\n", mote_host_error(&it.err, &m, msg, sizeof msg));
		return 1;
	}
	for (size_t k = 0; k < mote_input_count(&it); k++) {
		mote_tensor t;
		mote_input(&it, k, &t);
		fill_random(&t, 12345u + (uint32_t)k);
	}
	mote_port_stack_mark();
	bench_region_begin();
	mote_status s = mote_invoke(&it);
	bench_region_end();
	size_t stack = mote_port_stack_peak();
	if (s != MOTE_OK) {
		printf("bench: invoke: %s\n", mote_host_error(&it.err, &m, msg, sizeof msg));
		return 1;
	}
	for (uint32_t i = 0; i < it.n_nodes; i++) {
		bench_region_begin();
		mote_host_invoke_op(&it, i);
		bench_region_end();
	}
	printf("arena=%lu stack=%lu ops=%lu\n", (unsigned long)mote_arena_used(&it),
	       (unsigned long)stack, (unsigned long)it.n_nodes);
	for (uint32_t i = 0; i < it.n_nodes; i++)
		printf("op %lu %s\n", (unsigned long)i, mote_host_op_name(&m, i));
	return 0;
}
