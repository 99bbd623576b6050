#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make bench`: host figures per model: latency (min/median of mote bench,
# noisy) and x86-64 instructions per invoke (callgrind, deterministic:
# collection toggled on mote_invoke, two invokes counted and halved, as the
# anchors measure TFLM), beside TFLM's figures from ../shared/anchors, and
# MACs per instruction. Under each model, the same figures by operator type
# (so the next bottleneck is visible): count, instructions (callgrind dump
# after each operator of `mote bench --per-op`), share of the invoke,
# summed minimum latency, MACs and MACs per instruction.
# BENCH_MODELS="..." picks the models; BENCH_PER_OP=0 skips the per-op rows;
# BUILD=dir uses another build directory (default build).
set -eu
cd "$(dirname "$0")/.."
SHARED=${MOTE_SHARED:-$(cd .. && pwd)/shared}
MODELS=${BENCH_MODELS:-"kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8 person_detect micro_speech_quantized"}
PER_OP=${BENCH_PER_OP:-1}
B=${BUILD:-build}
make -s BUILD="$B" >/dev/null
command -v valgrind >/dev/null || { echo "bench: valgrind missing (apt-get install valgrind)"; exit 1; }
declare -A TFLM_US=([kws_ref_model]=2668 [vww_96_int8]=6998 [pretrainedResnet_quant]=8564
	[ad01_int8]=159 [person_detect]=6860 [micro_speech_quantized]=540 [hello_world_int8]=0.5)
declare -A TFLM_INSNS=([kws_ref_model]=49.9 [vww_96_int8]=121.1 [pretrainedResnet_quant]=132.8
	[ad01_int8]=2.51 [person_detect]=116.4 [micro_speech_quantized]=11.0)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-24s %10s %10s %8s %12s %11s %8s %8s\n' model "mote us" "TFLM us" ratio "mote insns" "TFLM insns" ratio "MAC/insn"
for m in $MODELS; do
	path=$SHARED/conformance/models/$m.tflite
	rm -f "$tmp"/*
	"$B"/mote bench "$path" -n 50 --per-op >"$tmp/timing"
	valgrind --tool=callgrind --callgrind-out-file="$tmp/invoke" --collect-atstart=no \
		--toggle-collect=mote_invoke "$B"/mote bench "$path" -n 1 >/dev/null 2>&1
	# mote bench invokes twice after the toggle target warms up: one warm-up
	# and one timed run; both are counted, so halve.
	if [ "$PER_OP" = 1 ]; then
		valgrind --tool=callgrind --callgrind-out-file="$tmp/op" --collect-atstart=no \
			--toggle-collect=bench_node --dump-after=bench_node \
			"$B"/mote bench "$path" -n 1 --per-op >/dev/null 2>&1
	fi
	python3 - "$m" "$tmp" "${TFLM_US[$m]:-0}" "${TFLM_INSNS[$m]:-0}" "$PER_OP" <<'EOF'
import glob, re, sys
model, tmp, t_us, t_in, per_op = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5] == "1"

def totals(path):
    for line in open(path):
        if line.startswith("totals:") or line.startswith("summary:"):
            return int(line.split()[1])
    return 0

timing = open(tmp + "/timing").read()
us = float(re.search(r"invoke min ([0-9.]+) us", timing).group(1))
ops = [l.split() for l in timing.splitlines() if l.startswith("op ")]
macs = sum(int(o[3]) for o in ops)
insns = totals(tmp + "/invoke") / 2 / 1e6
ratio = lambda a, b, f: f % (a / b) if b else "-"
kern = re.search(r"kernels (\w+)", timing)
print("%-24s %10.1f %10s %8s %11.2fM %10.2fM %8s %8.2f" % (
    model, us, ("%g" % t_us) if t_us else "-", ratio(us, t_us, "x%.3f"), insns,
    t_in, ratio(insns, t_in, "x%.3f"), macs / (insns * 1e6) if insns else 0)
    + ("  [kernels %s]" % kern.group(1) if kern else ""))
if not per_op:
    sys.exit(0)
dumps = sorted(glob.glob(tmp + "/op.*"), key=lambda p: int(p.rsplit(".", 1)[1]))
if len(dumps) != len(ops):
    print("  (per-op: %d dumps for %d operators; skipped)" % (len(dumps), len(ops)))
    sys.exit(0)
by = {}
for o, d in zip(ops, dumps):
    e = by.setdefault(o[2], [0, 0, 0.0, 0])
    e[0] += 1
    e[1] += totals(d)
    e[2] += float(o[4])
    e[3] += int(o[3])
total = sum(e[1] for e in by.values()) or 1
for name, (n, ir, t, mac) in sorted(by.items(), key=lambda kv: -kv[1][1]):
    print("  %-22s x%-3d %10.3fM insns %5.1f%% %10.1f us %10.2fM MACs %6s MAC/insn" % (
        name, n, ir / 1e6, 100.0 * ir / total, t, mac / 1e6,
        "%.2f" % (mac / ir) if mac and ir else "-"))
EOF
done
