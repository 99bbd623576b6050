/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_ops.h - every operator mote implements, one line each.
 *
 * An application that links only some kernels builds its own table:
 *   static const mote_op *const my_ops[] = { &mote_op_conv_2d, ... };
 *   static const mote_op_table my_table = { my_ops, 2 };
 * mote_all_ops holds every operator below.
 *
 * X(name): `name` is the lower-case TFLite builtin name, or for custom ops
 * the custom code in snake case; the object is `mote_op_<name>`.
 */
#ifndef MOTE_OPS_H
#define MOTE_OPS_H

#define MOTE_OP_LIST(X) \
	/* one line per op above this one: X(name) \ */

#define MOTE__OP_DECL(name) extern const mote_op mote_op_##name;
MOTE_OP_LIST(MOTE__OP_DECL)
#undef MOTE__OP_DECL

#endif /* MOTE_OPS_H */
