#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every test of mote (what `make test` and CI run). Each step prints its own
# result; the last line counts the steps: "make test: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
export MOTE_SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
passed=0
failed=0
failures=()

step() {
	local name=$1
	shift
	echo
	echo "=== $name"
	local t0=$SECONDS
	if "$@"; then
		passed=$((passed + 1))
		echo "=== $name: ok ($((SECONDS - t0)) s)"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "=== $name: FAILED ($((SECONDS - t0)) s)"
	fi
}

build_release() { make -s; }
unit_tests() { ctest --test-dir build --output-on-failure -j"$JOBS"; }
conformance() { build/tests/conformance; }

lib_symbols() {
	# The runtime library must not need a heap, stdio or process exit.
	local bad
	bad=$(nm -u build/libmote.a | awk '{print $NF}' |
		grep -xE 'malloc|calloc|realloc|free|printf|fprintf|sprintf|snprintf|puts|putchar|fopen|fwrite|abort|exit|_exit|__assert_fail|assert' | sort -u)
	if [ -n "$bad" ]; then
		echo "libmote.a references: $bad"
		return 1
	fi
	echo "libmote.a: no heap, stdio or exit symbols ($(nm -u build/libmote.a | awk '{print $NF}' | sort -u | tr '\n' ' '))"
}

build_clang() {
	cmake -S . -B build-clang -DCMAKE_C_COMPILER=clang >/dev/null &&
		make -s -C build-clang -j"$JOBS"
}

build_arm() {
	cmake -S . -B build-arm -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake >/dev/null &&
		make -s -C build-arm -j"$JOBS" mote &&
		arm-none-eabi-size -t build-arm/libmote.a | tail -1
}

asan() {
	cmake -S . -B build-asan -DMOTE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null &&
		make -s -C build-asan -j"$JOBS" &&
		ctest --test-dir build-asan --output-on-failure -j"$JOBS" &&
		build-asan/tests/conformance
}

cli_tests() {
	local ok=0
	for t in tests/cli/*.sh; do
		[ -e "$t" ] || continue
		bash "$t" build/mote || ok=1
	done
	return $ok
}

fuzz() {
	if [ -x scripts/fuzz.sh ]; then
		# Reproducible in CI: a fixed seed and number of inputs.
		FUZZ_RUNS=${FUZZ_RUNS:-150000} FUZZ_SEED=${FUZZ_SEED:-1} \
			scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
	else
		echo "fuzz: scripts/fuzz.sh not present"
	fi
}

if [ -d "$MOTE_SHARED/conformance" ]; then
	echo "shared suite: $MOTE_SHARED"
else
	echo "shared suite: NOT FOUND at $MOTE_SHARED (set MOTE_SHARED); conformance cases cannot run"
fi
step "build (gcc, -Werror)" build_release
step "unit tests" unit_tests
step "conformance" conformance
step "library symbols" lib_symbols
step "CLI on bad input" cli_tests
step "examples (host)" tests/examples/run_examples.sh build
step "build (clang, -Werror)" build_clang
step "build (arm-none-eabi, Cortex-M4)" build_arm
step "ASan+UBSan: unit tests and conformance" asan
step "MCU conformance (QEMU: Cortex-M4, M55, RISC-V)" scripts/mcu_test.sh
step "examples as Cortex-M4 firmware (QEMU)" scripts/mcu_examples.sh
step "fuzz (libFuzzer, bounded)" fuzz
echo
[ ${#failures[@]} -eq 0 ] || echo "failed steps: ${failures[*]}"
echo "make test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
