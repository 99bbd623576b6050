/* SPDX-License-Identifier: Apache-2.0 */
/*
 * status.c - mote_status_str(), generated from MOTE_STATUS_LIST.
 * Define MOTE_NO_ERROR_STRINGS to compile the messages out (saves flash).
 */
#include "mote.h"

const char *mote_status_str(mote_status s)
{
#ifdef MOTE_NO_ERROR_STRINGS
	return s == MOTE_OK ? "ok" : "error";
#else
	switch (s) {
#define MOTE__STATUS_CASE(name, value, msg)                                    \
	case MOTE_##name:                                                      \
		return msg;
		MOTE_STATUS_LIST(MOTE__STATUS_CASE)
#undef MOTE__STATUS_CASE
	}
	return "unknown status";
#endif
}
