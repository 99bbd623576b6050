#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The CLI on bad input: `mote inspect` and `mote run` on missing, empty,
# directory, truncated, corrupted and wrong-size files, wrong argument
# counts and impossible options. Each case must end with a non-zero exit
# status below 128 (no signal, no timeout, no sanitizer report when the CLI
# is built with ASan/UBSan) and exactly one line on stderr that starts with
# "mote:" and contains the words naming the problem.
# Usage errors must exit with 2 and print the usage text.
#
#   tests/cli/bad_input.sh [path/to/mote]     (default build/mote)
#
# Cases on the shared models need $MOTE_SHARED (default ../shared); without
# them those cases are reported as not run and not counted. The small
# models written below were made with tools/host/tfl_builder.c.
# Last line: "N passed, N failed"; the exit status is 1 if any failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
mote=${1:-build/mote}
case $mote in /*) ;; *) mote=$PWD/$mote ;; esac
shared=${MOTE_SHARED:-$(cd .. && pwd)/shared}
# A sanitized CLI may leave its buffers unfreed on an error exit; that is
# not what this test checks, and the leak report would add stderr lines.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mote-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$mote" ]; then
	echo "bad_input: $mote not built"
	echo "0 passed, 1 failed"
	exit 1
fi

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# expect_error NAME WORDS -- ARGS...: one stderr line "mote: ..." holding
# the extended regex WORDS, exit status in 1..127.
expect_error() {
	local name=$1 words=$2
	shift 3
	timeout 20 "$mote" "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	local lines
	lines=$(wc -l <"$tmp/err")
	if [ $rc -eq 124 ]; then
		fail "$name: timed out"
	elif grep -qE "runtime error|Sanitizer" "$tmp/err"; then
		fail "$name: $(grep -m1 -E "runtime error|Sanitizer" "$tmp/err")"
	elif [ $rc -ge 128 ]; then
		fail "$name: killed by signal $((rc - 128))"
	elif [ $rc -eq 0 ]; then
		fail "$name: exit status 0"
	elif [ "$lines" -ne 1 ]; then
		fail "$name: $lines lines on stderr: $(head -c 300 "$tmp/err" | tr '\n' '|')"
	elif ! grep -q '^mote: ' "$tmp/err"; then
		fail "$name: stderr does not start with 'mote:': $(cat "$tmp/err")"
	elif ! grep -qiE "$words" "$tmp/err"; then
		fail "$name: stderr does not say /$words/: $(cat "$tmp/err")"
	else
		passed=$((passed + 1))
	fi
}

# expect_usage NAME -- ARGS...: exit status 2 and the usage text.
expect_usage() {
	local name=$1
	shift 2
	timeout 20 "$mote" "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ $rc -ne 2 ]; then
		fail "$name: exit status $rc, want 2"
	elif ! head -1 "$tmp/err" | grep -q '^usage: '; then
		fail "$name: no usage text: $(head -c 200 "$tmp/err")"
	else
		passed=$((passed + 1))
	fi
}

# expect_finish NAME -- ARGS...: any exit status below 128 within 20 s
# (for inputs that may be valid).
expect_finish() {
	local name=$1
	shift 2
	timeout 20 "$mote" "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ $rc -eq 124 ]; then
		fail "$name: did not finish in 20 s"
	elif grep -qE "runtime error|Sanitizer" "$tmp/err"; then
		fail "$name: $(grep -m1 -E "runtime error|Sanitizer" "$tmp/err")"
	elif [ $rc -ge 128 ]; then
		fail "$name: killed by signal $((rc - 128))"
	else
		passed=$((passed + 1))
	fi
}

# Writes hex digits as bytes.
unhex() {
	printf "$(echo "$1" | sed 's/../\\x&/g')" >"$2"
}

# A custom op "NoSuchOp" int8[4] -> int8[4].
unhex 1800000054464c330e001400040008000c0000001000000010000000030000000c0000003c0000000401000001000000100000000c000d000c000400000008000c0000000c0000002000000020000000080000004e6f537563684f700000000001000000100000000c001400040008000c0010000c0000001000000070000000740000007800000002000000140000003c0000000c000d0004000c00000008000c0000000c000000100000000900000001000000040000000100000078000c000d0004000c000000080000000e0000000c0000001000000009000000010000000400000001000000790000000100000000000000010000000100000001000000100000000a000c0000000400080000000c000000080000000c0000000100000000000000010000000100000001000000080000000400040004000000 "$tmp/custom.tflite"
# No operators; inputs a (int8[4]) and b (float32[2]) are the outputs.
unhex 1800000054464c330e001400040008000c0000001000000010000000030000000c0000000c000000ac0000000000000001000000100000000c001400040008000c0010000c000000100000006c000000740000007c00000002000000140000003c0000000c000d0004000c00000008000c0000000c000000100000000900000001000000040000000100000061000c000c00040000000000080000000e000000080000000c000000010000000200000001000000620000000200000000000000010000000200000001000000000000000000000001000000080000000400040004000000 "$tmp/two.tflite"
# No operators; three live int8 tensors of 2^31 - 1 bytes each.
unhex 1800000054464c330e001400040008000c0000001000000010000000030000000c0000000c000000b80000000000000001000000100000000c001400040008000c0010000c00000010000000700000007c0000008800000003000000140000002c00000044000000080009000400080008000000080000000900000001000000ffffff7f080009000400080008000000080000000900000001000000ffffff7f080009000400080008000000080000000900000001000000ffffff7f03000000000000000100000002000000030000000000000001000000020000000000000001000000080000000400040004000000 "$tmp/huge.tflite"
# FULLY_CONNECTED int8[4] x scalar weight -> int8[4] (a rank-0 weight).
unhex 1800000054464c330e001400040008000c0000001000000010000000030000000c00000028000000fc00000001000000100000000c00090008000000000004000c000000090000000900000001000000100000000c001400040008000c0010000c0000001000000074000000780000007c00000003000000140000003000000048000000080009000400080008000000080000000900000001000000040000000a000d0004000c00080000000c0000000c000000010000000900000000000000080009000400080008000000080000000900000001000000040000000100000000000000010000000200000001000000100000000a000c0000000400080000000c0000000800000014000000030000000000000001000000ffffffff0100000002000000020000000c00000014000000040004000400000006000800040000000800000008000000000000000100000001000000 "$tmp/fc_scalar.tflite"

: >"$tmp/empty"
mkdir "$tmp/dir"
printf 'TFL3 is not enough' >"$tmp/garbage"
printf 'abc' >"$tmp/three.bin"
printf '\x01\x02\x03\x04' >"$tmp/four.bin"
printf '\x00\x00\x80\x3f\x00\x00\x00\x40' >"$tmp/eight.bin"
printf 'x' >"$tmp/afile"
cp "$tmp/four.bin" "$tmp/four.npy"
npy_dict="{'descr': '|i1', 'fortran_order': False, 'shape': (1, 1), }"
{
	printf '\x93NUMPY\x01\x00'
	printf "\\x$(printf %02x $(((${#npy_dict} + 1) & 255)))\\x00"
	printf '%s\n\x05' "$npy_dict"
} >"$tmp/int8.npy"

# Structure the shipped CLI must handle without any model.
expect_usage "no arguments" --
expect_usage "unknown command" -- frobnicate x.tflite
expect_usage "inspect: extra argument" -- inspect a b c
expect_usage "run: unknown option" -- run "$tmp/two.tflite" --bogus
expect_usage "run: -i without a file" -- run "$tmp/two.tflite" -i
expect_usage "run: no model" -- run -i "$tmp/four.bin"
expect_usage "run: negative -n" -- run "$tmp/two.tflite" -n -3

expect_error "inspect: missing file" "no such file" -- inspect "$tmp/nonexistent.tflite"
expect_error "inspect: directory" "is a directory" -- inspect "$tmp/dir"
expect_error "inspect: empty file" "invalid model.*truncated" -- inspect "$tmp/empty"
expect_error "inspect: garbage" "invalid model" -- inspect "$tmp/garbage"
expect_error "run: missing model" "no such file" -- run "$tmp/nonexistent.tflite"
expect_error "run: empty model" "invalid model" -- run "$tmp/empty" -i "$tmp/four.bin"
expect_error "run: directory as model" "is a directory" -- run "$tmp/dir"
expect_error "run: unsupported custom op" "unsupported operator.*NoSuchOp" -- run "$tmp/custom.tflite" -i "$tmp/four.bin"
expect_error "run: 0 -i for 2 inputs" "2 inputs, 0 -i" -- run "$tmp/two.tflite"
expect_error "run: 1 -i for 2 inputs" "2 inputs, 1 -i" -- run "$tmp/two.tflite" -i "$tmp/four.bin"
expect_error "run: 3 -i for 2 inputs" "2 inputs, 3 -i" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/eight.bin" -i "$tmp/four.bin"
expect_error "run: missing input file" "no such file" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/nope.bin"
expect_error "run: directory as input" "is a directory" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/dir"
expect_error "run: empty input" "frame" -- run "$tmp/two.tflite" -i "$tmp/empty" -i "$tmp/eight.bin"
expect_error "run: 3 bytes for float32[2]" "frame" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/three.bin"
expect_error "run: -n 2 on one frame" "frame.*2 invokes" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/eight.bin" -n 2
expect_error "run: .npy that is not one" "not a .npy" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/four.npy"
expect_error "run: arena of 64 bytes" "arena too small" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/eight.bin" --arena 64
expect_error "run: -o under a file" "not a directory" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/eight.bin" -o "$tmp/afile/out"
expect_error "run: -o under a missing dir" "no such file" -- run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/eight.bin" -o "$tmp/missing/out"
expect_finish "inspect: FULLY_CONNECTED with a scalar weight" -- inspect "$tmp/fc_scalar.tflite"
expect_finish "inspect --json: FULLY_CONNECTED with a scalar weight" -- inspect "$tmp/fc_scalar.tflite" --json
expect_finish "inspect: 3 tensors of 2 GiB" -- inspect "$tmp/huge.tflite"
expect_finish "run: 3 tensors of 2 GiB" -- run "$tmp/huge.tflite" -i "$tmp/four.bin" -i "$tmp/four.bin" -i "$tmp/four.bin" --arena 4096

# A valid run still works (so the checks above are not vacuous).
if timeout 20 "$mote" run "$tmp/two.tflite" -i "$tmp/four.bin" -i "$tmp/eight.bin" >/dev/null 2>"$tmp/err"; then
	passed=$((passed + 1))
else
	fail "valid zero-op run failed: $(cat "$tmp/err")"
fi

# The shared models: truncated and corrupted copies.
models=$shared/conformance/models
hw=$models/hello_world_int8.tflite
hwf=$models/hello_world_float.tflite
if [ -f "$hw" ] && [ -f "$hwf" ]; then
	size=$(wc -c <"$hw")
	for n in 1 7 8 16 100 1000 $((size / 2)) $((size - 300)); do
		head -c "$n" "$hw" >"$tmp/trunc.tflite"
		expect_error "inspect: hello_world_int8 cut to $n bytes" "invalid model" -- inspect "$tmp/trunc.tflite"
		expect_error "run: hello_world_int8 cut to $n bytes" "invalid model" -- run "$tmp/trunc.tflite" -i "$tmp/four.bin"
	done
	# Identifier, root offset, and the root table's vtable offset.
	for patch in "4:XXXX" "0:\xff\xff\xff\x7f" "0:\x02\x00\x00\x00"; do
		cp "$hw" "$tmp/flip.tflite"
		chmod u+w "$tmp/flip.tflite"
		printf "${patch#*:}" | dd of="$tmp/flip.tflite" bs=1 seek="${patch%%:*}" conv=notrunc status=none
		expect_error "inspect: hello_world_int8 patched at ${patch%%:*}" "invalid model" -- inspect "$tmp/flip.tflite"
		expect_error "run: hello_world_int8 patched at ${patch%%:*}" "invalid model" -- run "$tmp/flip.tflite" -i "$tmp/four.bin"
	done
	# Every byte of the first 256 flipped in turn: any outcome but a crash.
	for ((k = 0; k < 256; k += 3)); do
		cp "$hw" "$tmp/flip.tflite"
		chmod u+w "$tmp/flip.tflite"
		b=$(od -An -tu1 -j "$k" -N1 "$hw" | tr -d ' ')
		printf "\\x$(printf %02x $((b ^ 0x5a)))" | dd of="$tmp/flip.tflite" bs=1 seek="$k" conv=notrunc status=none
		expect_finish "inspect: hello_world_int8 byte $k flipped" -- inspect "$tmp/flip.tflite"
	done
	expect_error "run: 3 bytes for hello_world_float's float32 input" "frame" -- run "$hwf" -i "$tmp/three.bin"
	expect_error "run: hello_world_float with 2 -i" "1 input, 2 -i" -- run "$hwf" -i "$tmp/four.bin" -i "$tmp/four.bin"
	expect_error "run: hello_world_float with an int8 .npy" "dtype" -- run "$hwf" -i "$tmp/int8.npy"
else
	echo "bad_input: shared models not found in $models (set MOTE_SHARED): their cases NOT RUN"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
