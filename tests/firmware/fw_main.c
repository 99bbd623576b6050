/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fw_main.c - main() of a test firmware: splits the semihosting command
 * line (QEMU -semihosting-config ...,arg=A,arg=B) into argv and runs the
 * program's own entry point, compiled as fw_program_main.
 */
#include "port.h"

#include <string.h>

int fw_program_main(int argc, char **argv);

int main(void)
{
	static char line[512];
	char *argv[32];
	int argc = 0;

	strncpy(line, mote_port_cmdline(), sizeof line - 1);
	for (char *p = strtok(line, " "); p && argc < 31; p = strtok(NULL, " "))
		argv[argc++] = p;
	if (argc == 0)
		argv[argc++] = "firmware";
	argv[argc] = NULL;
	mote_port_exit(fw_program_main(argc, argv));
}
