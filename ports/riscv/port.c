/* SPDX-License-Identifier: Apache-2.0 */
/*
 * port.c - the RISC-V QEMU `virt` port: semihosting (the Arm-compatible
 * RISC-V semihosting sequence) for console, files, command line and exit;
 * the cycle CSR as counter. picolibc's crt0 starts the program.
 */
#include "port.h"

#include <stdio.h>
#include <string.h>

enum {
	SYS_OPEN = 0x01,
	SYS_CLOSE = 0x02,
	SYS_WRITE0 = 0x04,
	SYS_READ = 0x06,
	SYS_FLEN = 0x0C,
	SYS_GET_CMDLINE = 0x15,
	SYS_EXIT_EXTENDED = 0x20,
};

/* The three-instruction sequence must be uncompressed and 16-byte
 * aligned so the host recognises it. */
__attribute__((noinline, aligned(16))) static long semihost(long op,
							     const void *arg)
{
	register long a0 __asm__("a0") = op;
	register const void *a1 __asm__("a1") = arg;
	__asm__ volatile(".option push\n"
			 ".option norvc\n"
			 "slli x0, x0, 0x1f\n"
			 "ebreak\n"
			 "srai x0, x0, 7\n"
			 ".option pop"
			 : "+r"(a0)
			 : "r"(a1)
			 : "memory");
	return a0;
}

void mote_port_log(const char *s)
{
	fflush(stdout);
	semihost(SYS_WRITE0, s);
}

void mote_port_exit(int status)
{
	uint32_t block[2] = { 0x20026, (uint32_t)status };
	fflush(stdout);
	semihost(SYS_EXIT_EXTENDED, block);
	for (;;)
		;
}

int mote_port_open(const char *path)
{
	uint32_t block[3] = { (uint32_t)(uintptr_t)path, 1, (uint32_t)strlen(path) };
	return (int)semihost(SYS_OPEN, block);
}

long mote_port_flen(int fd)
{
	uint32_t block[1] = { (uint32_t)fd };
	return semihost(SYS_FLEN, block);
}

size_t mote_port_read(int fd, void *buf, size_t n)
{
	uint32_t block[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, (uint32_t)n };
	return n - (size_t)semihost(SYS_READ, block);
}

void mote_port_close(int fd)
{
	uint32_t block[1] = { (uint32_t)fd };
	semihost(SYS_CLOSE, block);
}

const char *mote_port_cmdline(void)
{
	static char line[512];
	uint32_t block[2] = { (uint32_t)(uintptr_t)line, sizeof line };
	if (semihost(SYS_GET_CMDLINE, block) != 0)
		line[0] = 0;
	return line;
}

uint32_t mote_port_cycles(void)
{
	uint32_t c;
	/* csrr c, cycle, spelled out: the ISA string has no zicsr. */
	__asm__ volatile(".insn i 0x73, 2, %0, x0, -1024" : "=r"(c));
	return c;
}

__attribute__((noinline)) void bench_region_begin(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void bench_region_end(void)
{
	__asm__ volatile("" ::: "memory");
}
