#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make bench`: host figures per model: latency (min/median of mote bench,
# noisy) and x86-64 instructions per invoke (callgrind, deterministic:
# collection toggled on mote_invoke, two invokes counted and halved, as the
# anchors measure TFLM), beside TFLM's figures from ../shared/anchors.
set -eu
cd "$(dirname "$0")/.."
SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
MODELS=${BENCH_MODELS:-"kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8 person_detect micro_speech_quantized"}
make -s >/dev/null
command -v valgrind >/dev/null || { echo "bench: valgrind missing (apt-get install valgrind)"; exit 1; }
declare -A TFLM_US=([kws_ref_model]=2668 [vww_96_int8]=6998 [pretrainedResnet_quant]=8564
	[ad01_int8]=159 [person_detect]=6860 [micro_speech_quantized]=540 [hello_world_int8]=0.5)
declare -A TFLM_INSNS=([kws_ref_model]=49.9 [vww_96_int8]=121.1 [pretrainedResnet_quant]=132.8
	[ad01_int8]=2.51 [person_detect]=116.4 [micro_speech_quantized]=11.0)
printf '%-24s %12s %12s %8s %14s %12s %8s\n' model "mote us" "TFLM us" ratio "mote insns" "TFLM insns" ratio
for m in $MODELS; do
	path=$SHARED/conformance/models/$m.tflite
	line=$(build/mote bench "$path" -n 50)
	us=$(echo "$line" | sed -n 's/.*invoke min \([0-9.]*\) us.*/\1/p')
	out=$(mktemp)
	valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
		--toggle-collect=mote_invoke build/mote bench "$path" -n 1 >/dev/null 2>&1
	# mote bench invokes twice after the toggle target warms up: one warm-up
	# and one timed run; both are counted, so halve.
	ir=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1}')
	rm -f "$out"
	insns=$(python3 -c "print('%.2f' % ($ir / 2 / 1e6))")
	t_us=${TFLM_US[$m]:-0}
	t_in=${TFLM_INSNS[$m]:-0}
	printf '%-24s %12s %12s %8s %13sM %11sM %8s\n' "$m" "$us" "$t_us" \
		"$(python3 -c "print('x%.2f' % ($us / $t_us) if $t_us else '-')")" "$insns" "$t_in" \
		"$(python3 -c "print('x%.3f' % ($insns / $t_in) if $t_in else '-')")"
done
