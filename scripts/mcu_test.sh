#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make mcu-test`: the conformance suite as firmware on emulated MCUs:
# Cortex-M4F (mps2-an386, every case), Cortex-M55 (mps3-an547) and RISC-V
# rv32imac (virt). The firmware reads models and data from ../shared through
# semihosting, compares on the target and prints "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
SUITES=${MCU_SUITES:-"$SHARED/conformance $SHARED/conformance-ops"}
failed=0
passed=0

build() { # dir toolchain board cpu-flags
	cmake -S . -B "$1" -DCMAKE_TOOLCHAIN_FILE="cmake/$2.cmake" -DMOTE_BOARD="$3" \
		${4:+"-DMOTE_CPU_FLAGS=$4"} >/dev/null && make -s -C "$1" -j"$JOBS" conformance_fw
}

run() { # label qemu machine cpu elf
	local label=$1 qemu=$2 machine=$3 cpu=$4 elf=$5 args="arg=conformance_fw"
	for s in $SUITES; do args="$args,arg=--suite,arg=$s"; done
	local extra=()
	[ "$machine" = virt ] && extra=(-bios none)
	echo "--- $label"
	local out
	out=$(timeout 1200 "$qemu" -M "$machine" -cpu "$cpu" "${extra[@]}" -nographic -monitor none \
		-serial none -semihosting-config "enable=on,target=native,$args" -kernel "$elf" 2>&1)
	local rc=$?
	echo "$out" | grep -E '^(FAIL|skipped|conformance:)'
	echo "$label: exit status $rc"
	if [ $rc -eq 0 ] && echo "$out" | grep -q ' 0 failed'; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

for tool in arm-none-eabi-gcc qemu-system-arm; do
	command -v $tool >/dev/null || { echo "mcu-test: $tool missing (make deps)"; exit 1; }
done
build build-m4 arm-none-eabi mps2-an386 || exit 1
run "Cortex-M4F (mps2-an386)" qemu-system-arm mps2-an386 cortex-m4 build-m4/fw/conformance_fw.elf
make -s -C build-m4 -j"$JOBS" test_kernel_variants_fw || exit 1
run "Cortex-M4F DSP kernels vs reference" qemu-system-arm mps2-an386 cortex-m4 build-m4/fw/test_kernel_variants_fw.elf
build build-m55 arm-none-eabi mps3-an547 "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard" || exit 1
run "Cortex-M55 (mps3-an547)" qemu-system-arm mps3-an547 cortex-m55 build-m55/fw/conformance_fw.elf
make -s -C build-m55 -j"$JOBS" test_mve_kernels_fw || exit 1
run "Cortex-M55 Helium kernels vs reference" qemu-system-arm mps3-an547 cortex-m55 build-m55/fw/test_mve_kernels_fw.elf
if command -v riscv64-unknown-elf-gcc >/dev/null && command -v qemu-system-riscv32 >/dev/null; then
	build build-rv riscv32 riscv-virt || exit 1
	run "RISC-V rv32imac (virt)" qemu-system-riscv32 virt rv32 build-rv/fw/conformance_fw.elf
else
	echo "mcu-test: RISC-V toolchain or QEMU missing: not run"
	failed=$((failed + 1))
fi
echo "mcu-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
