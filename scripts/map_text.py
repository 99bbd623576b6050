#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Sums the sizes of the .text input sections a linker map took from one
archive: `map_text.py FILE.map libmote.a` prints the byte count."""
import re
import sys

path, archive = sys.argv[1], sys.argv[2]
total = 0
section = None
in_discarded = False
for line in open(path):
    if line.startswith('Discarded input sections'):
        in_discarded = True
    elif line.startswith('Memory Configuration') or line.startswith('Linker script and memory map'):
        in_discarded = False
    if in_discarded:
        continue
    m = re.match(r'^ (\.\S+)(\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+))?', line)
    if m:
        section = m.group(1)
        if not m.group(2):
            continue
        size, obj = int(m.group(3), 16), m.group(4)
    else:
        m = re.match(r'^\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+)', line)
        if not m or section is None:
            continue
        size, obj = int(m.group(1), 16), m.group(2)
    if section.startswith('.text') and archive + '(' in obj:
        total += size
print(total)
