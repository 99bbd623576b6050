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
	X(conv_2d) \
	X(depthwise_conv_2d) \
	X(fully_connected) \
	X(softmax) \
	X(average_pool_2d) \
	X(max_pool_2d) \
	X(reshape) \
	X(concatenation) \
	X(pad) \
	X(padv2) \
	X(mirror_pad) \
	X(transpose) \
	X(strided_slice) \
	X(slice) \
	X(split) \
	X(split_v) \
	X(pack) \
	X(unpack) \
	X(gather) \
	X(gather_nd) \
	X(shape) \
	X(broadcast_to) \
	X(reverse_v2) \
	X(space_to_depth) \
	X(depth_to_space) \
	X(batch_to_space_nd) \
	X(space_to_batch_nd) \
	X(embedding_lookup) \
	X(resize_nearest_neighbor) \
	X(resize_bilinear) \
	X(squeeze) \
	X(expand_dims) \
	X(mean) \
	X(sum) \
	X(reduce_max) \
	X(reduce_min) \
	X(reduce_all) \
	X(arg_max) \
	X(arg_min) \
	X(cumsum) \
	X(batch_matmul) \
	X(transpose_conv) \
	X(l2_pool_2d) \
	X(broadcast_args) \
	X(dynamic_update_slice) \
	X(add) \
	X(sub) \
	X(mul) \
	X(div) \
	X(minimum) \
	X(maximum) \
	X(squared_difference) \
	X(floor_div) \
	X(floor_mod) \
	X(add_n) \
	X(prelu) \
	X(equal) \
	X(not_equal) \
	X(less) \
	X(less_equal) \
	X(greater) \
	X(greater_equal) \
	X(logical_and) \
	X(logical_or) \
	X(select) \
	X(select_v2) \
	X(quantize) \
	X(dequantize) \
	X(logistic) \
	X(tanh) \
	X(relu) \
	X(relu6) \
	X(hard_swish) \
	X(leaky_relu) \
	X(elu) \
	X(log_softmax) \
	X(l2_normalization) \
	X(abs) \
	X(neg) \
	X(sin) \
	X(cos) \
	X(exp) \
	X(log) \
	X(sqrt) \
	X(rsqrt) \
	X(floor) \
	X(ceil) \
	X(round) \
	X(square) \
	X(logical_not) \
	X(cast) \
	X(zeros_like) \
	X(fill) \
	X(if) \
	X(while) \
	X(call_once) \
	X(var_handle) \
	X(read_variable) \
	X(assign_variable) \
	X(svdf) \
	X(unidirectional_sequence_lstm) \
	X(signal_delay) \
	X(signal_energy) \
	X(signal_fft_auto_scale) \
	X(signal_filter_bank) \
	X(signal_filter_bank_log) \
	X(signal_filter_bank_spectral_subtraction) \
	X(signal_filter_bank_square_root) \
	X(signal_framer) \
	X(signal_irfft) \
	X(signal_overlap_add) \
	X(signal_pcan) \
	X(signal_rfft) \
	X(signal_stacker) \
	X(signal_window) \
	X(circular_buffer) \
	X(tflm_decode) \
	X(tflite_detection_post_process) \
	/* one line per op above this one: X(name) \ */

#define MOTE__OP_DECL(name) extern const mote_op mote_op_##name;
MOTE_OP_LIST(MOTE__OP_DECL)
#undef MOTE__OP_DECL

#endif /* MOTE_OPS_H */
