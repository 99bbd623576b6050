#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Prints the bench-mcu table (see scripts/bench_mcu.sh) beside TFLM's
figures from ../shared/anchors/README.md, and writes it as JSON."""
import json
import os
import re
import sys

results, anchors_md, json_out = sys.argv[1], sys.argv[2], sys.argv[3]
CPU = {"m4": "cortex-m4", "m55": "cortex-m55"}


def num(s):
    return int(s.replace(",", "").strip())


def anchors():
    """{(model, target): {...}} from the anchors tables."""
    out, section = {}, None
    for line in open(anchors_md):
        if line.startswith("## "):
            section = "m4" if "Cortex-M4" in line else "m55" if "Cortex-M55" in line else None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if section is None or len(cells) < 3 or not re.match(r"[\d,]+$", cells[2] if section == "m4" else cells[1]):
            continue
        model = cells[0].split(" ")[0]
        if section == "m4":
            a_ref, a_cm = cells[4].split("/")
            c_ref, c_cm = cells[5].split("/")
            s_ref, s_cm = cells[6].split("/")
            out[(model, "m4")] = dict(ref_insns=num(cells[2]), cmsis_insns=num(cells[3]),
                                      ref_arena=num(a_ref), cmsis_arena=num(a_cm),
                                      ref_code=num(c_ref), cmsis_code=num(c_cm),
                                      ref_stack=num(s_ref), cmsis_stack=num(s_cm))
        else:
            out[(model, "m55")] = dict(cmsis_insns=num(cells[1]), cmsis_arena=num(cells[2]))
    return out


def parse_log(path):
    r = {"regions": {}, "ops": {}}
    for line in open(path):
        m = re.match(r"arena=(\d+) stack=(\d+) ops=(\d+)", line)
        if m:
            r["arena"], r["stack"], r["n_ops"] = map(int, m.groups())
        m = re.match(r"op (\d+) (\S+)", line)
        if m:
            r["ops"][int(m.group(1))] = m.group(2)
        m = re.match(r"region (\d+) insns (\d+)", line)
        if m:
            r["regions"][int(m.group(1))] = int(m.group(2))
    return r


def ratio(a, b):
    return "x%.2f" % (a / b) if b else "-"


anc = anchors()
rows = []
for line in open(results):
    model, target, code, log = line.rstrip("\n").split("\t")
    r = parse_log(log)
    info = json.load(open(os.path.join(os.path.dirname(log), model + ".json")))
    per_op = {}
    for i, name in r["ops"].items():
        per_op[name] = per_op.get(name, 0) + r["regions"].get(i + 1, 0)
    rows.append(dict(model=model, target=CPU[target], insns=r["regions"].get(0, 0),
                     arena=r.get("arena", 0), code=int(code), stack=r.get("stack", 0),
                     macs=info["macs"], per_op=per_op, tflm=anc.get((model, target), {})))

for row in rows:
    a = row["tflm"]
    print("%s target=%s insns=%d arena=%d code=%d stack=%d" % (
        row["model"], row["target"], row["insns"], row["arena"], row["code"], row["stack"]))
    parts = []
    if "ref_insns" in a:
        parts.append("insns vs TFLM %s %s, vs TFLM+CMSIS-NN %s %s" % (
            format(a["ref_insns"], ","), ratio(row["insns"], a["ref_insns"]),
            format(a["cmsis_insns"], ","), ratio(row["insns"], a["cmsis_insns"])))
        parts.append("arena vs %s %s" % (format(a["ref_arena"], ","), ratio(row["arena"], a["ref_arena"])))
        parts.append("code vs %s %s / CMSIS %s %s" % (format(a["ref_code"], ","), ratio(row["code"], a["ref_code"]),
                                                      format(a["cmsis_code"], ","), ratio(row["code"], a["cmsis_code"])))
        parts.append("stack vs %d %s" % (a["ref_stack"], ratio(row["stack"], a["ref_stack"])))
    elif "cmsis_insns" in a:
        parts.append("insns vs TFLM+CMSIS-NN %s %s" % (format(a["cmsis_insns"], ","), ratio(row["insns"], a["cmsis_insns"])))
        parts.append("arena vs %s %s" % (format(a["cmsis_arena"], ","), ratio(row["arena"], a["cmsis_arena"])))
    if row["insns"]:
        parts.append("%.3f MAC/insn" % (row["macs"] / row["insns"]))
    print("    " + "; ".join(parts))
    ops = sorted(row["per_op"].items(), key=lambda kv: -kv[1])
    print("    per op: " + ", ".join("%s %s" % (k, format(v, ",")) for k, v in ops))

json.dump(rows, open(json_out, "w"), indent=1)
print("wrote %s" % json_out)
