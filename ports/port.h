/* SPDX-License-Identifier: Apache-2.0 */
/*
 * port.h - what a board port supplies to mote's firmware programs.
 *
 * The library itself needs nothing from a port. Test, benchmark and example
 * firmware use these hooks; a real board supplies the same three functions
 * (log output, a cycle counter, exit) over its UART and DWT/SysTick.
 */
#ifndef MOTE_PORT_H
#define MOTE_PORT_H

#include <stddef.h>
#include <stdint.h>

/* Writes a NUL-terminated string to the console. */
void mote_port_log(const char *s);

/* A free-running counter (on QEMU: SysTick, 1 tick per 40 instructions
 * with -icount shift=0). */
uint32_t mote_port_cycles(void);

/* Ends the program with an exit status that reaches the host (QEMU's exit
 * code through semihosting SYS_EXIT_EXTENDED). */
void mote_port_exit(int status) __attribute__((noreturn));

/* Host file access through semihosting (test firmware only). Returns a
 * handle >= 0 or -1. */
int mote_port_open(const char *path);
/* Length of an open file, or -1. */
long mote_port_flen(int fd);
/* Reads n bytes; returns the number read. */
size_t mote_port_read(int fd, void *buf, size_t n);
void mote_port_close(int fd);
/* The command line QEMU passed (-semihosting-config arg=...), or "". */
const char *mote_port_cmdline(void);

/* Marks the region whose instructions the benchmark counts
 * (../shared/tools/qemu-insn: every instruction executed between a call of
 * bench_region_begin and one of bench_region_end). */
void bench_region_begin(void);
void bench_region_end(void);

#endif /* MOTE_PORT_H */
