# SPDX-License-Identifier: Apache-2.0
# Sourced by tests/examples/run_examples.sh, scripts/mcu_examples.sh and the
# examples' demo.sh: makes the composed test inputs (never committed) from
# the shared data, into a directory under the build tree.

# ex_make_images SHARED OUT: person/no_person as PGM, PNG and 24-bit BMP
# (tests/examples/make_images.py; needs python3).
ex_make_images() {
	mkdir -p "$2"
	python3 "$(dirname "${BASH_SOURCE[0]}")/make_images.py" "$1/data/images" "$2"
}

# ex_make_streams SHARED OUT: longer recordings made of the shared 1 s clips
# (needs sox). Prints nothing; returns 1 without sox.
#   stream_mixed.wav  yes, 0.5 s digital silence, no, noise, yes, silence, no
#   stream_repeat.wav no, no, yes back to back
ex_make_streams() {
	command -v sox >/dev/null || return 1
	local a=$1/data/audio o=$2
	mkdir -p "$o"
	sox -D -n -r 16000 -c 1 -b 16 -e signed-integer "$o/gap.wav" trim 0 0.5 &&
		sox -D "$a/yes_1000ms.wav" "$o/gap.wav" "$a/no_1000ms.wav" \
			"$a/noise_1000ms.wav" "$a/yes_1000ms.wav" \
			"$a/silence_1000ms.wav" "$a/no_1000ms.wav" "$o/stream_mixed.wav" &&
		sox -D "$a/no_1000ms.wav" "$a/no_1000ms.wav" "$a/yes_1000ms.wav" \
			"$o/stream_repeat.wav"
}

# ex_make_speech SHARED OUT VOICE: espeak-ng saying "yes" and "no" with
# VOICE, resampled to 16 kHz mono 16-bit by sox, alone and in a stream
# (1 s of the shared silence, yes, 1 s gap, no, 0.5 s gap):
# speech_VOICE_yes.wav, speech_VOICE_no.wav, speech_VOICE_stream.wav.
# Returns 1 without espeak-ng or sox.
ex_make_speech() {
	command -v espeak-ng >/dev/null && command -v sox >/dev/null || return 1
	local a=$1/data/audio o=$2 v=$3 w
	mkdir -p "$o"
	sox -D -n -r 16000 -c 1 -b 16 -e signed-integer "$o/gap.wav" trim 0 0.5
	for w in yes no; do
		espeak-ng -v "$v" -w "$o/espeak_raw.wav" "$w" &&
			sox -D "$o/espeak_raw.wav" -r 16000 -c 1 -b 16 -e signed-integer \
				"$o/speech_${v}_$w.wav" || return 1
	done
	rm -f "$o/espeak_raw.wav"
	sox -D "$a/silence_1000ms.wav" "$o/speech_${v}_yes.wav" "$o/gap.wav" "$o/gap.wav" \
		"$o/speech_${v}_no.wav" "$o/gap.wav" "$o/speech_${v}_stream.wav"
}

# ex_join_csv OUT IN...: IMU recordings one after the other, times shifted
# so they continue (one header row).
ex_join_csv() {
	local out=$1
	shift
	awk -F, 'BEGIN { OFS = "," }
		FNR == 1 { base = last + (NR > 1 ? 0.01 : 0); if (NR == 1) print; next }
		{ $1 = sprintf("%.4f", $1 + base); last = $1; print }' "$@" >"$out"
}
