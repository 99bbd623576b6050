/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mutate_models.c - a libFuzzer-free driver for the fuzz targets: replays
 * inputs, or mutates a corpus with a seeded generator for a while.
 *
 *   mutate_models FILE...                      run each file once (replay)
 *   mutate_models -t SECONDS [-s SEED] [-o DIR] FILE...
 *       after the replay, run mutants of the files until time is up
 *   mutate_models -n RUNS ...                  the same, for RUNS mutants
 *
 * Link with one target (tests/fuzz/fuzz_*.c, which defines
 * LLVMFuzzerTestOneInput) and the library, with any compiler; build it
 * with -fsanitize=address,undefined to find memory errors. scripts/fuzz.sh
 * uses it when libFuzzer is missing.
 *
 * A mutant is a file with 1 to 4 edits: a bit flip, a random byte, a
 * 4-byte edge value (0, -1, INT_MAX, the file length ...), a 4-byte copy
 * from elsewhere in the file, or a truncation. Before each run the input
 * is kept in memory; if the process dies (signal or sanitizer report) it is
 * written to DIR/crash-<run> (default /tmp), so the crash can be replayed.
 * Exit status: 0 when every run returned.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Sanitizer hook, present only in sanitized builds. */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

typedef struct input {
	char *path;
	uint8_t *data;
	size_t size;
} input;

/* The input being run, for the crash writer. */
static const uint8_t *cur_data;
static size_t cur_size;
static char crash_path[4096];

static void save_current(void)
{
	int fd = open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	size_t done = 0;
	while (done < cur_size) {
		ssize_t w = write(fd, cur_data + done, cur_size - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(fd);
	static const char msg[] = "mutate_models: input saved to ";
	if (write(2, msg, sizeof msg - 1) < 0 ||
	    write(2, crash_path, strlen(crash_path)) < 0 || write(2, "\n", 1) < 0)
		return;
}

static void on_signal(int sig)
{
	save_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static void put32(uint8_t *p, size_t size, size_t at, uint32_t v)
{
	for (size_t k = 0; k < 4 && at + k < size; k++)
		p[at + k] = (uint8_t)(v >> (8 * k));
}

/* Applies 1..4 edits to buf (size *size, capacity cap). */
static void mutate(uint8_t *buf, size_t *size)
{
	static const uint32_t edge[] = { 0, 1, 2, 4, 8, 0x7f, 0x80, 0xff,
					 0x7fff, 0xffff, 0x10000, 0x7fffffff,
					 0x80000000, 0xfffffffc, 0xffffffff };
	int edits = 1 + (int)below(4);
	for (int e = 0; e < edits && *size > 0; e++) {
		size_t at = below(*size);
		switch (below(6)) {
		case 0:
			buf[at] ^= (uint8_t)(1u << below(8));
			break;
		case 1:
			buf[at] = (uint8_t)rnd();
			break;
		case 2:
			put32(buf, *size, at & ~(size_t)3,
			      edge[below(sizeof edge / sizeof edge[0])]);
			break;
		case 3:
			put32(buf, *size, at, (uint32_t)*size - (uint32_t)below(64));
			break;
		case 4: {
			size_t from = below(*size);
			for (size_t k = 0; k < 4 && at + k < *size && from + k < *size; k++)
				buf[at + k] = buf[from + k];
			break;
		}
		default:
			if (below(4) == 0)
				*size = at;
			break;
		}
	}
}

static int load(const char *path, input *in)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0) {
		fclose(f);
		return -1;
	}
	long n = ftell(f);
	if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	in->data = malloc((size_t)n + 1);
	if (!in->data || fread(in->data, 1, (size_t)n, f) != (size_t)n) {
		free(in->data);
		fclose(f);
		return -1;
	}
	fclose(f);
	in->size = (size_t)n;
	in->path = (char *)path;
	return 0;
}

static void run(const uint8_t *data, size_t size, const char *dir, long k)
{
	cur_data = data;
	cur_size = size;
	snprintf(crash_path, sizeof crash_path, "%s/crash-%ld", dir, k);
	LLVMFuzzerTestOneInput(data, size);
}

int main(int argc, char **argv)
{
	double seconds = 0;
	long runs = 0;
	const char *dir = "/tmp";
	int first = 1;
	rng = 0x9e3779b97f4a7c15ull;
	for (; first < argc && argv[first][0] == '-'; first += 2) {
		if (first + 1 >= argc)
			break;
		if (!strcmp(argv[first], "-t"))
			seconds = atof(argv[first + 1]);
		else if (!strcmp(argv[first], "-n"))
			runs = atol(argv[first + 1]);
		else if (!strcmp(argv[first], "-s"))
			rng = strtoull(argv[first + 1], NULL, 0) | 1;
		else if (!strcmp(argv[first], "-o"))
			dir = argv[first + 1];
		else
			break;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: mutate_models [-t SECONDS | -n RUNS] [-s SEED] [-o DIR] FILE...\n");
		return 2;
	}
	int n = argc - first;
	input *ins = calloc((size_t)n, sizeof *ins);
	if (!ins)
		return 1;
	size_t max = 0;
	int loaded = 0;
	for (int i = 0; i < n; i++) {
		if (load(argv[first + i], &ins[loaded]) != 0) {
			fprintf(stderr, "mutate_models: cannot read %s\n",
				argv[first + i]);
			continue;
		}
		max = ins[loaded].size > max ? ins[loaded].size : max;
		loaded++;
	}
	if (loaded == 0)
		return 1;
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(save_current);
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGILL, on_signal);

	for (int i = 0; i < loaded; i++)
		run(ins[i].data, ins[i].size, dir, -1 - i);
	uint8_t *buf = malloc(max + 1);
	if (!buf)
		return 1;
	time_t t0 = time(NULL);
	long k = 0;
	while ((runs > 0 && k < runs) ||
	       (seconds > 0 && difftime(time(NULL), t0) < seconds)) {
		const input *in = &ins[below((size_t)loaded)];
		size_t size = in->size;
		memcpy(buf, in->data, size);
		mutate(buf, &size);
		run(buf, size, dir, k);
		k++;
	}
	double el = difftime(time(NULL), t0);
	printf("mutate_models: %d replayed, %ld mutants in %.0f s (%.0f/s), no crash\n",
	       loaded, k, el, el > 0 ? (double)k / el : (double)k);
	free(buf);
	for (int i = 0; i < loaded; i++)
		free(ins[i].data);
	free(ins);
	return 0;
}
