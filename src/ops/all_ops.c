/* SPDX-License-Identifier: Apache-2.0 */
/*
 * all_ops.c - mote_all_ops: every operator in MOTE_OP_LIST. Referencing
 * this table links every kernel; applications list their own ops instead.
 */
#include "runtime/op.h"

#define MOTE__OP_ENTRY(name) &mote_op_##name,
static const mote_op *const all[] = { MOTE_OP_LIST(MOTE__OP_ENTRY) NULL };
#undef MOTE__OP_ENTRY

/* The NULL sentinel keeps the array valid while the list is short. */
const mote_op_table mote_all_ops = { all, sizeof all / sizeof all[0] - 1 };
