#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The four example applications as Cortex-M4F firmware under QEMU
# (mps2-an386): builds build-m4 like scripts/mcu_test.sh, then runs each
# example's firmware with the same command line as on the host - arguments
# through semihosting, models and sensor data read from the host files -
# and checks the same "result:" lines as tests/examples/run_examples.sh.
# The magic_wand gestures are synthesized by the firmware itself
# (--synth DIGIT - writes the CSV to the console).
# Ends with "mcu_examples: N passed, N failed"; non-zero exit on failure.
set -u
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
M=$SHARED/conformance/models
A=$SHARED/data/audio
I=$SHARED/data/images
B=build-m4
T=$B/examples-data
. tests/examples/data.sh
passed=0
failed=0
FIRMWARE="hello_world_fw micro_speech_fw person_detection_fw magic_wand_fw"

for tool in arm-none-eabi-gcc qemu-system-arm; do
	command -v $tool >/dev/null || { echo "mcu_examples: $tool missing (make deps)"; exit 1; }
done
[ -d "$M" ] || { echo "mcu_examples: the shared suite is not at $SHARED"; exit 1; }
cmake -S . -B $B -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake \
	-DMOTE_BOARD=mps2-an386 >/dev/null || exit 1
if ! make -s -C $B -j"$JOBS" $FIRMWARE >/dev/null; then
	echo "mcu_examples: building $FIRMWARE failed (the top-level CMakeLists.txt"
	echo "must add examples/*/ when MOTE_BOARD is set)"
	exit 1
fi
mkdir -p "$T"
for fw in $FIRMWARE; do
	arm-none-eabi-size "$B/fw/$fw.elf" | tail -n 1 |
		awk -v n="$fw" '{ printf "%-22s flash %7d bytes (code, constants)\n", n, $1 + $2 }'
done

# fw NAME ARGS...: runs NAME's firmware; output on stdout, exit status.
fw() {
	local name=$1 args
	shift
	args="arg=$name"
	for a in "$@"; do args="$args,arg=$a"; done
	timeout 600 qemu-system-arm -M mps2-an386 -cpu cortex-m4 -nographic \
		-monitor none -serial none \
		-semihosting-config "enable=on,target=native,$args" \
		-kernel "$B/fw/${name}_fw.elf" 2>&1
}

# expect NAME PATTERN FIRMWARE ARGS...: exit 0 and the last line matches.
expect() {
	local name=$1 want=$2
	shift 2
	local out rc last
	out=$(fw "$@")
	rc=$?
	last=$(printf '%s\n' "$out" | tr -d '\r' | tail -n 1)
	# shellcheck disable=SC2053
	if [ $rc -eq 0 ] && [[ $last == $want ]]; then
		passed=$((passed + 1))
		echo "ok   $name: $last"
	else
		failed=$((failed + 1))
		echo "FAIL $name: got \"$last\" (exit $rc), want \"$want\""
	fi
}

# expect_words NAME "w1 w2 .." ARGS...: micro_speech's detected words.
expect_words() {
	local name=$1 want=$2 got
	shift 2
	got=$(fw micro_speech "$@" | awk '/^detected:/ { printf "%s%s", sep, $2; sep = " " }')
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
		echo "ok   $name: detected [$got]"
	else
		failed=$((failed + 1))
		echo "FAIL $name: detected [$got], want [$want]"
	fi
}

echo "--- hello_world"
expect "hello_world" "result: max_abs_error=0.1161" hello_world "$M"

echo "--- person_detection"
expect "person.bmp" "result: person score=113" person_detection "$M" "$I/person.bmp"
expect "no_person.bmp" "result: no_person score=-77" person_detection "$M" "$I/no_person.bmp"
if command -v python3 >/dev/null && ex_make_images "$SHARED" "$T"; then
	expect "person_2x.png" "result: person score=113" person_detection "$M" "$T/person_2x.png"
	expect "no_person_ascii.pgm" "result: no_person score=-77" person_detection "$M" "$T/no_person_ascii.pgm"
fi

echo "--- micro_speech"
expect "yes_1000ms.wav" "result: yes score=*" micro_speech "$M" "$A/yes_1000ms.wav"
expect "no_1000ms.wav" "result: no score=*" micro_speech "$M" "$A/no_1000ms.wav"
expect "silence_1000ms.wav" "result: none score=0" micro_speech "$M" "$A/silence_1000ms.wav"
expect "noise_1000ms.wav" "result: none score=0" micro_speech "$M" "$A/noise_1000ms.wav"
if ex_make_streams "$SHARED" "$T"; then
	expect_words "stream_mixed.wav" "yes no yes no" "$M" "$T/stream_mixed.wav"
fi

echo "--- magic_wand"
for d in 0 1 2 3 6 7 8 9; do
	fw magic_wand --synth $d - | tr -d '\r' >"$T/digit_$d.csv"
	expect "synthetic $d" "result: $d score=*" magic_wand "$M" "$T/digit_$d.csv"
done

echo "mcu_examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
