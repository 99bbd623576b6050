#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make bench-mcu`: per model and target, one line
#   <model> target=<cpu> insns=<N> arena=<bytes> code=<bytes> stack=<bytes>
# with TFLM's and TFLM+CMSIS-NN's figures (../shared/anchors) and the ratios,
# then per-op-type instruction counts; the same as JSON in
# build/bench-mcu.json. insns: exact count of one invoke under QEMU
# (../shared/tools/qemu-insn); arena: what the planner needs on that 32-bit
# target; code: .text of libmote.a objects linked for the model's op set
# (libc, startup, port and model excluded); stack: high-water mark of invoke.
set -eu
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
MODELS=${BENCH_MODELS:-"kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8 person_detect hello_world_int8"}
TARGETS=${BENCH_TARGETS:-"m4 m55"}
OUT=build/bench
mkdir -p "$OUT"

make -s >/dev/null
# The instruction-count plugin, built here (the shared tool dir is read-only).
PLUGIN_DIR=build/qemu-insn
if [ ! -f $PLUGIN_DIR/libinsn_region.so ]; then
	mkdir -p $PLUGIN_DIR
	cp "$SHARED/tools/qemu-insn/insn_region.c" $PLUGIN_DIR/
	sh "$SHARED/tools/qemu-insn/get_plugin_header.sh" $PLUGIN_DIR >/dev/null 2>&1
	gcc -O2 -Wall -shared -fPIC -I$PLUGIN_DIR -o $PLUGIN_DIR/libinsn_region.so $PLUGIN_DIR/insn_region.c
fi
export PLUGIN=$PWD/$PLUGIN_DIR/libinsn_region.so

results=$OUT/results.tsv
: > "$results"
for target in $TARGETS; do
	case $target in
	m4) board=mps2-an386 cpu=cortex-m4 flags="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16" ;;
	m55) board=mps3-an547 cpu=cortex-m55 flags="-mcpu=cortex-m55 -mthumb -mfloat-abi=hard" ;;
	*) echo "bench-mcu: unknown target $target"; exit 2 ;;
	esac
	dir=build-$target
	cmake -S . -B $dir -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake -DMOTE_BOARD=$board \
		"-DMOTE_CPU_FLAGS=$flags" >/dev/null
	make -s -C $dir -j"$JOBS" mote mote_port mote_fwhost
	for model in $MODELS; do
		path=$SHARED/conformance/models/$model.tflite
		gen=$OUT/${model}_ops.c
		build/mote inspect "$path" --json > $OUT/$model.json
		python3 scripts/bench_ops.py include/mote_ops.h < $OUT/$model.json > "$gen"
		elf=$OUT/${model}_$target.elf
		# shellcheck disable=SC2086
		arm-none-eabi-gcc $flags -O2 -std=c11 -Iinclude -Isrc -Iports -Itools/host \
			-Dmain=fw_program_main -c bench/bench_fw.c -o $OUT/bench_fw_$target.o
		# shellcheck disable=SC2086
		arm-none-eabi-gcc $flags -O2 -std=c11 -Iinclude -Isrc -Iports \
			$OUT/bench_fw_$target.o tests/firmware/fw_main.c "$gen" \
			$dir/libmote_fwhost.a $dir/libmote.a $dir/libmote_port.a -lm \
			-T ports/$board/link.ld -Lports/cortex-m -nostartfiles -Wl,--gc-sections \
			-Wl,--no-warn-rwx-segments --specs=nano.specs -Wl,-Map=$OUT/${model}_$target.map \
			-o "$elf"
		log=$OUT/${model}_$target.log
		"$SHARED/tools/qemu-insn/run_qemu.sh" "$elf" $board $cpu \
			-semihosting-config "enable=on,target=native,arg=bench_fw,arg=$path" > "$log" 2>&1 || {
			echo "bench-mcu: $model on $target failed:"; tail -5 "$log"; exit 1; }
		code=$(python3 scripts/map_text.py $OUT/${model}_$target.map libmote.a)
		printf '%s\t%s\t%s\t%s\n' "$model" "$target" "$code" "$log" >> "$results"
	done
done
python3 scripts/bench_report.py "$results" "$SHARED/anchors/README.md" build/bench-mcu.json
