# SPDX-License-Identifier: Apache-2.0
# mote: top-level wrapper around CMake.
#   make          build the library, CLI, examples and tests (build/)
#   make test     every test (installs missing Debian packages first)
#   make demo     the applications end to end on real data
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
MOTE_SHARED ?= $(abspath $(CURDIR)/../shared)
export MOTE_SHARED

.PHONY: all test demo clean deps asan fuzz

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

clean:
	rm -rf $(BUILD) build-*
