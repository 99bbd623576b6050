#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Demo of magic_wand (scripts/demo.sh passes the shared directory): each
# digit is drawn by the IMU synthesizer, tracked back into a stroke,
# rasterized and classified.
set -u
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
BIN=build/examples/magic_wand/magic_wand
M=$SHARED/conformance/models
T=build/examples/test-data
mkdir -p "$T"
echo
echo "== magic_wand: synthetic IMU gestures -> stroke -> 32x32 raster -> digit (magic_wand.tflite)"
line="  drawn -> recognised:"
hits=0
for d in 0 1 2 3 4 5 6 7 8 9; do
	"$BIN" --synth $d "$T/digit_$d.csv" >/dev/null || exit 1
	r=$("$BIN" "$M" "$T/digit_$d.csv" | tail -n 1 | awk '{ print $2 }')
	line="$line $d->$r"
	[ "$r" = "$d" ] && hits=$((hits + 1))
done
echo "$line  ($hits/10)"
echo "  the synthetic 3 as the model sees it (32x32, rows with ink):"
"$BIN" "$M" "$T/digit_3.csv" -v | awk '/^  [.#]+$/ && /#/ { print "  " $0 }'
