#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Demo of hello_world (scripts/demo.sh passes the shared directory): the
# int8 sine model over [0, 2 pi], with an SVG plot of prediction vs sin(x).
set -u
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
BIN=build/examples/hello_world/hello_world
SVG=build/examples/hello_world/sine.svg
echo
echo "== hello_world: sin(x) from a 3-layer int8 network (hello_world_int8.tflite)"
out=$("$BIN" "$SHARED/conformance/models" --steps 9 --plot "$SVG") || {
	echo "$out"
	exit 1
}
printf '%s\n' "$out" | sed 's/^/  /'
