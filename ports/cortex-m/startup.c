/* SPDX-License-Identifier: Apache-2.0 */
/*
 * startup.c - vector table and reset handler for the Cortex-M ports.
 *
 * Reset: copy .data from flash, zero .bss, enable the FPU (and, on
 * Armv8.1-M, the Helium unit it shares), start SysTick as a free-running
 * counter, paint the stack for the high-water mark, run main() and exit
 * with its status through semihosting.
 */
#include "port.h"

#include <stdint.h>
#include <string.h>

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_limit[], __stack_top[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);

/* Byte the stack is painted with (see mote_port_stack_used()). */
#define STACK_PAINT 0xA5A5A5A5u

void Reset_Handler(void)
{
	uint32_t *src = __data_load, *dst = __data_start;
	while (dst < __data_end)
		*dst++ = *src++;
	for (dst = __bss_start; dst < __bss_end; dst++)
		*dst = 0;
	/* CPACR: full access to CP10/CP11 (FPU; MVE on the M55). */
	*(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
	__asm__ volatile("dsb\n isb" ::: "memory");
	/* SysTick: reload 2^24-1, processor clock, no interrupt. */
	*(volatile uint32_t *)0xE000E014 = 0x00FFFFFFu;
	*(volatile uint32_t *)0xE000E018 = 0;
	*(volatile uint32_t *)0xE000E010 = 5;
	/* Paint the unused stack below the current frame. */
	uint32_t *sp;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	for (uint32_t *p = __stack_limit; p < sp - 16; p++)
		*p = STACK_PAINT;
	mote_port_exit(main());
}

void Default_Handler(void)
{
	mote_port_log("fault: unexpected exception\n");
	mote_port_exit(99);
}

/* Bytes of stack ever used (painted words overwritten). */
size_t mote_port_stack_used(void);
size_t mote_port_stack_used(void)
{
	const uint32_t *p = __stack_limit;
	while (p < __stack_top && *p == STACK_PAINT)
		p++;
	return (size_t)((const uint8_t *)__stack_top - (const uint8_t *)p);
}

__attribute__((section(".vectors"), used))
static void (*const vectors[16])(void) = {
	(void (*)(void))__stack_top, Reset_Handler,
	Default_Handler, Default_Handler, Default_Handler, Default_Handler,
	Default_Handler, 0, 0, 0, 0, Default_Handler, Default_Handler, 0,
	Default_Handler, Default_Handler,
};

static uint32_t *stack_mark;

/* Paints the free stack below the caller's frame; mote_port_stack_peak()
 * then tells how deep the code run since went below this point. */
void mote_port_stack_mark(void);
__attribute__((noinline)) void mote_port_stack_mark(void)
{
	uint32_t *sp;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	stack_mark = sp;
	for (uint32_t *p = __stack_limit; p < sp - 8; p++)
		*p = STACK_PAINT;
}

size_t mote_port_stack_peak(void);
size_t mote_port_stack_peak(void)
{
	const uint32_t *p = __stack_limit;
	while (p < stack_mark && *p == STACK_PAINT)
		p++;
	return (size_t)((const uint8_t *)stack_mark - (const uint8_t *)p);
}
