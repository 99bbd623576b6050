#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Demo of micro_speech (scripts/demo.sh passes the shared directory): the
# shared 1 s clips, a 6.5 s stream composed from them, and espeak-ng's
# synthetic voice (when sox and espeak-ng are installed).
set -u
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
BIN=build/examples/micro_speech/micro_speech
M=$SHARED/conformance/models
T=build/examples/test-data
. tests/examples/data.sh
echo
echo "== micro_speech: audio front end (TFLM signal ops) + keyword model, streaming"
files=""
for w in yes no silence noise; do
	files="$files $SHARED/data/audio/${w}_1000ms.wav"
done
ex_make_streams "$SHARED" "$T" && files="$files $T/stream_mixed.wav"
ex_make_speech "$SHARED" "$T" en-us && files="$files $T/speech_en-us_stream.wav"
for f in $files; do
	out=$("$BIN" "$M" "$f" 2>&1) || {
		echo "$out"
		exit 1
	}
	printf '  %-26s %s\n' "$(basename "$f")" "$(printf '%s\n' "$out" |
		grep -E '^(detected|result):' | sed 's/^detected: //' | paste -sd ';' | sed 's/;/; /g')"
done
echo "  (stream_mixed: yes, gap, no, noise, yes, silence, no; speech_en-us_stream: espeak-ng"
echo "   saying \"yes\" then \"no\" after 1 s of silence)"
