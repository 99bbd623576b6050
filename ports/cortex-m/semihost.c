/* SPDX-License-Identifier: Apache-2.0 */
/*
 * semihost.c - Arm semihosting (BKPT 0xAB) for the QEMU Cortex-M ports:
 * console, host files, command line and exit status; plus the newlib
 * system calls the test firmware's printf needs.
 */
#include "port.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

enum {
	SYS_OPEN = 0x01,
	SYS_CLOSE = 0x02,
	SYS_WRITE0 = 0x04,
	SYS_READ = 0x06,
	SYS_FLEN = 0x0C,
	SYS_GET_CMDLINE = 0x15,
	SYS_EXIT = 0x18,
	SYS_EXIT_EXTENDED = 0x20,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihost(int op, const void *arg)
{
	register int r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

void mote_port_log(const char *s)
{
	semihost(SYS_WRITE0, s);
}

void mote_port_exit(int status)
{
	uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };
	semihost(SYS_EXIT_EXTENDED, block);
	/* Older hosts: plain exit (status 0 or 1 only). */
	semihost(SYS_EXIT, (const void *)(uintptr_t)(status ? 0x20024 : ADP_STOPPED_APPLICATION_EXIT));
	for (;;)
		;
}

int mote_port_open(const char *path)
{
	uint32_t block[3] = { (uint32_t)(uintptr_t)path, 1 /* "rb" */,
			      (uint32_t)strlen(path) };
	return semihost(SYS_OPEN, block);
}

long mote_port_flen(int fd)
{
	uint32_t block[1] = { (uint32_t)fd };
	return semihost(SYS_FLEN, block);
}

size_t mote_port_read(int fd, void *buf, size_t n)
{
	uint32_t block[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, (uint32_t)n };
	int left = semihost(SYS_READ, block);
	return n - (size_t)left;
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
	/* SysTick counts down from its reload value; started in startup.c. */
	volatile uint32_t *const cvr = (uint32_t *)0xE000E018;
	return 0x00FFFFFFu - (*cvr & 0x00FFFFFFu);
}

__attribute__((noinline)) void bench_region_begin(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void bench_region_end(void)
{
	__asm__ volatile("" ::: "memory");
}

/*
 * newlib system calls: the console on fds 0-2, host files through
 * semihosting on fds 3.., and a heap in the board's BIG region so test
 * firmware can malloc models and arenas of several MiB.
 */
#define MAX_FILES 16

static struct {
	int handle; /* semihosting handle, -1 if free */
	long pos; /* current position */
} files[MAX_FILES];

static int file_slot(int fd)
{
	int i = fd - 3;
	return i >= 0 && i < MAX_FILES && files[i].handle > 0 ? i : -1;
}

int _open(const char *path, int flags, int mode);
int _open(const char *path, int flags, int mode)
{
	(void)mode;
	if (flags & 3) { /* write access is not offered */
		errno = EACCES;
		return -1;
	}
	for (int i = 0; i < MAX_FILES; i++) {
		if (files[i].handle > 0)
			continue;
		int h = mote_port_open(path);
		if (h <= 0) {
			errno = ENOENT;
			return -1;
		}
		files[i].handle = h;
		files[i].pos = 0;
		return i + 3;
	}
	errno = EMFILE;
	return -1;
}

int _write(int fd, const char *buf, int n);
int _write(int fd, const char *buf, int n)
{
	char chunk[129];
	int done = 0;
	if (fd > 2) {
		errno = EBADF;
		return -1;
	}
	while (done < n) {
		int k = n - done < 128 ? n - done : 128;
		memcpy(chunk, buf + done, (size_t)k);
		chunk[k] = 0;
		mote_port_log(chunk);
		done += k;
	}
	return n;
}

int _read(int fd, char *buf, int n);
int _read(int fd, char *buf, int n)
{
	int i = file_slot(fd);
	if (i < 0)
		return 0;
	size_t got = mote_port_read(files[i].handle, buf, (size_t)n);
	files[i].pos += (long)got;
	return (int)got;
}

int _lseek(int fd, int off, int whence);
int _lseek(int fd, int off, int whence)
{
	int i = file_slot(fd);
	if (i < 0)
		return 0;
	long to = off;
	if (whence == 1)
		to += files[i].pos;
	else if (whence == 2)
		to += mote_port_flen(files[i].handle);
	uint32_t block[2] = { (uint32_t)files[i].handle, (uint32_t)to };
	if (to < 0 || semihost(0x0A /* SYS_SEEK */, block) != 0) {
		errno = EINVAL;
		return -1;
	}
	files[i].pos = to;
	return (int)to;
}

int _close(int fd);
int _close(int fd)
{
	int i = file_slot(fd);
	if (i >= 0) {
		mote_port_close(files[i].handle);
		files[i].handle = 0;
	}
	return 0;
}

int _fstat(int fd, struct stat *st);
int _fstat(int fd, struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_mode = fd > 2 ? S_IFREG : S_IFCHR;
	return 0;
}

int _isatty(int fd);
int _isatty(int fd)
{
	return fd <= 2;
}

extern char __heap_start[], __heap_end[];
void *_sbrk(ptrdiff_t incr);
void *_sbrk(ptrdiff_t incr)
{
	static char *brk = __heap_start;
	if (incr > __heap_end - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	char *old = brk;
	brk += incr;
	return old;
}

void _exit(int status);
void _exit(int status)
{
	mote_port_exit(status);
}

int _kill(int pid, int sig);
int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	return -1;
}

int _getpid(void);
int _getpid(void)
{
	return 1;
}

/* newlib-nano's aligned_alloc() needs posix_memalign(), which nano's
 * allocator lacks; memalign() does the work. */
void *memalign(size_t align, size_t n);
int posix_memalign(void **p, size_t align, size_t n);
int posix_memalign(void **p, size_t align, size_t n)
{
	*p = memalign(align, n);
	return *p ? 0 : ENOMEM;
}
