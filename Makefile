# SPDX-License-Identifier: Apache-2.0
# mote: top-level wrapper around CMake.
#   make          build the library, CLI, examples and tests (build/)
#   make test     every test (installs missing Debian packages first)
#   make demo     the applications end to end on real data
#   make mcu-test the conformance suite (M4, M55, RISC-V) and the examples (M4)
#                 as firmware under QEMU
#   make bench-mcu instructions, arena, code and stack per model on the MCUs
#   make bench    host latency and instructions per invoke vs TFLM
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
MOTE_SHARED ?= $(abspath $(CURDIR)/../shared)
export MOTE_SHARED

.PHONY: all test demo clean deps mcu-test bench-mcu bench

all: $(BUILD)/Makefile
	@$(MAKE) -s -C $(BUILD) -j$(JOBS)

$(BUILD)/Makefile: CMakeLists.txt
	@cmake -S . -B $(BUILD) >/dev/null

deps:
	@scripts/deps.sh

test: deps
	@scripts/test.sh

demo: all
	@scripts/demo.sh

mcu-test: deps
	@scripts/mcu_test.sh && scripts/mcu_examples.sh

bench-mcu: deps
	@scripts/bench_mcu.sh

bench: all
	@scripts/bench_host.sh

clean:
	rm -rf $(BUILD) build-*
