#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the fuzz targets (tests/fuzz/fuzz_*.c) with libFuzzer, ASan and
# UBSan and runs each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS (default 60) is per target; TARGET defaults to every
# tests/fuzz/fuzz_*.c (e.g. fuzz_model). The library sources (src/**/*.c)
# and tools/host/*.c are compiled directly into each target. fuzz_model is
# seeded with the shared models ($MOTE_SHARED/conformance/models and
# conformance-ops/models), copied to a temporary directory, never into the
# repository. FUZZ_RUNS=N (with FUZZ_SEED, default 1) runs a fixed number
# of inputs instead, reproducibly: what make test uses, so that CI is
# deterministic; a time budget explores further (developers, nightly).
# Build output goes to build-fuzz/ ($FUZZ_BUILD), crash,
# timeout and leak inputs to /tmp/mote-fuzz/ ($FUZZ_ARTIFACTS); the corpus
# grown by a run is discarded unless $FUZZ_CORPUS names a directory to
# keep it in (one subdirectory per target, reused by the next run).
# Without libFuzzer (no clang runtime) it falls back to
# tests/fuzz/mutate_models.c built with the sanitizers.
# Exit status: 0 when no target crashed or hung; 1 otherwise; 2 on a
# build failure.
set -u
cd "$(dirname "$0")/.." || exit 2
budget=${1:-60}
shift || true
export MOTE_SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
out=${FUZZ_BUILD:-build-fuzz}
art=${FUZZ_ARTIFACTS:-/tmp/mote-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

# clang and its sanitizer/libFuzzer runtime (Debian 12: libclang-rt-14-dev).
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
need=()
command -v clang >/dev/null 2>&1 || need+=(clang)
if command -v dpkg-query >/dev/null 2>&1; then
	pkg_installed libclang-rt-14-dev || need+=(libclang-rt-14-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
	echo "fuzz: installing ${need[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
		echo "fuzz: could not install ${need[*]}"
fi
command -v clang >/dev/null 2>&1 || { echo "fuzz: clang not found"; exit 2; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in tests/fuzz/fuzz_*.c; do
		targets+=("$(basename "$f" .c)")
	done
fi

cflags=(-g -O1 -std=c11 -fno-omit-frame-pointer -ffp-contract=off
	-fno-strict-aliasing -Iinclude -Isrc -Itools/host)
san=(-fsanitize=address,undefined -fno-sanitize-recover=all)

# Objects of the library (reference kernels: the variant directories
# src/kernels/<variant>/ are left out, as in the default CMake build) and
# the host helpers, compiled in parallel.
mkdir -p "$out/obj" "$art"
srcs=$(find src -name '*.c' | grep -vE '^src/kernels/[^/]+/' | sort; ls tools/host/*.c)
if ! echo "$srcs" | xargs -P "$jobs" -I{} sh -c \
	'o="$1/obj/$(echo "$2" | tr / _).o"; s=$2; shift 2; exec clang "$@" -c "$s" -o "$o"' \
	_ "$out" {} "${cflags[@]}" "${san[@]}" -fsanitize=fuzzer-no-link; then
	echo "fuzz: library build failed"
	exit 2
fi
objs=$(for s in $srcs; do echo "$out/obj/$(echo "$s" | tr / _).o"; done)

libfuzzer=1
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (int)(d && n); }' >"$out/probe.c"
clang -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" >/dev/null 2>&1 || libfuzzer=0
[ $libfuzzer -eq 1 ] || echo "fuzz: libFuzzer unavailable; using tests/fuzz/mutate_models.c"

seeds=$(mktemp -d "${TMPDIR:-/tmp}/mote-fuzz-seeds.XXXXXX")
trap 'rm -rf "$seeds"' EXIT
failed=0
for t in "${targets[@]}"; do
	src=tests/fuzz/$t.c
	[ -f "$src" ] || { echo "fuzz: no $src"; failed=1; continue; }
	corpus=${FUZZ_CORPUS:-$seeds}/$t/corpus
	mkdir -p "$corpus" "$seeds/$t/seed"
	if [ "$t" = fuzz_model ]; then
		for d in "$MOTE_SHARED/conformance/models" "$MOTE_SHARED/conformance-ops/models"; do
			if [ -d "$d" ]; then
				cp "$d"/*.tflite "$seeds/$t/seed/" 2>/dev/null
			else
				echo "fuzz: $d not found: not used as seeds"
			fi
		done
	fi
	[ -n "$(ls -A "$seeds/$t/seed")" ] || printf 'TFL3' >"$seeds/$t/seed/empty"
	if [ $libfuzzer -eq 1 ]; then
		clang "${cflags[@]}" "${san[@]}" -fsanitize=fuzzer "$src" $objs -lm -o "$out/$t" || exit 2
		# FUZZ_RUNS=N makes the run reproducible (CI): N inputs from the
		# fixed seed FUZZ_SEED instead of a time budget.
		limit=(-max_total_time="$budget")
		[ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS" -max_total_time=600)
		echo "fuzz: $t for ${FUZZ_RUNS:+$FUZZ_RUNS runs, seed ${FUZZ_SEED:-1}, }$budget s (artifacts: $art)"
		"$out/$t" "${limit[@]}" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 \
			-use_value_profile=1 -print_final_stats=1 -artifact_prefix="$art/$t-" \
			"$corpus" "$seeds/$t/seed" >"$out/$t.log" 2>&1
		rc=$?
		grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR|SUMMARY|ALARM|Test unit written)" "$out/$t.log"
	else
		clang "${cflags[@]}" "${san[@]}" "$src" tests/fuzz/mutate_models.c $objs -lm -o "$out/$t" || exit 2
		echo "fuzz: $t for $budget s (mutate_models; crash inputs: $art)"
		timeout --signal=KILL $((budget + 120)) "$out/$t" -t "$budget" -o "$art" \
			"$seeds/$t/seed"/* >"$out/$t.log" 2>&1
		rc=$?
		tail -3 "$out/$t.log"
	fi
	if [ $rc -ne 0 ]; then
		echo "fuzz: $t FAILED (exit $rc); log: $out/$t.log"
		failed=1
	else
		echo "fuzz: $t ok"
	fi
done
exit $failed
