#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main demo: real models from ../shared run end to end on mote.
set -eu
cd "$(dirname "$0")/.."
SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
C=$SHARED/conformance
if [ ! -d "$C" ]; then
	echo "demo: the shared suite is not at $SHARED (set MOTE_SHARED)"
	exit 1
fi
for ex in examples/*/demo.sh; do
	[ -e "$ex" ] && bash "$ex" "$SHARED"
done
echo
echo "== models of the MLPerf Tiny and TFLM examples, on mote vs TFLM's own outputs"
build/tests/conformance --suite "$C" -v | grep -E '^(PASS|FAIL|conformance: [0-9])'
