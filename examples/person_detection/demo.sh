#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Demo of person_detection (scripts/demo.sh passes the shared directory):
# the shared test pictures, and the same picture as a 192x192 PNG that the
# camera pipeline scales back down.
set -u
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
BIN=build/examples/person_detection/person_detection
M=$SHARED/conformance/models
T=build/examples/test-data
. tests/examples/data.sh
echo
echo "== person_detection: MobileNet v1 96x96 gray (person_detect.tflite)"
images="$SHARED/data/images/person.bmp $SHARED/data/images/no_person.bmp"
if command -v python3 >/dev/null && ex_make_images "$SHARED" "$T"; then
	images="$images $T/person_2x.png"
fi
for f in $images; do
	out=$("$BIN" "$M" "$f" 2>&1) || {
		echo "$out"
		exit 1
	}
	printf '  %-28s %-42s %s\n' "$(basename "$f")" \
		"$(printf '%s\n' "$out" | grep '^scores:')" \
		"$(printf '%s\n' "$out" | tail -n 1)"
done
echo "  (person.bmp stores int8 bytes and is fed raw; the others are gray levels, fed as x - 128:"
echo "   see examples/person_detection/README.md)"
