#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes test images for person_detection, made from the shared BMPs.

usage: make_images.py SHARED_IMAGES_DIR OUT_DIR

Each file holds the same picture as a shared BMP in another container or
geometry, so the example must give the same scores for it:
  person_gray.pgm      P5, the gray levels of person.bmp (that BMP stores
                       int8 values p - 128; here they are the levels p)
  person_2x.png        the gray levels doubled to 192x192 (zlib-compressed,
                       row filters 0-4): a 2x area average gives them back
  person_wide.png      128x96: person flanked by 16-pixel bars on each side,
                       which the center crop removes
  person_rgb.png       8-bit RGB, R = G = B (luma of gray is gray)
  no_person_24.bmp     24-bit BMP of no_person.bmp
  no_person_ascii.pgm  P2 (ASCII) of no_person.bmp
Python's standard library only (zlib, struct).
"""
import struct
import sys
import zlib


def read_bmp8(path):
    """Pixel bytes of an 8-bit BMP with an identity gray palette, top row
    first."""
    d = open(path, 'rb').read()
    off, w, h = struct.unpack('<I', d[10:14])[0], *struct.unpack('<ii', d[18:26])
    stride = (w + 3) // 4 * 4
    rows = [d[off + y * stride:off + y * stride + w] for y in range(abs(h))]
    return w, abs(h), (rows[::-1] if h > 0 else rows)


def png(path, w, h, rows, channels):
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    raw = bytearray()
    prev = bytes(w * channels)
    for y, row in enumerate(rows):
        f = y % 5
        out = bytearray([f])
        for i, v in enumerate(row):
            a = row[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            paeth = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            pred = [0, a, b, (a + b) // 2, paeth][f]
            out.append((v - pred) & 0xff)
        raw += out
        prev = row
    ctype = 0 if channels == 1 else 2
    ihdr = struct.pack('>IIBBBBB', w, h, 8, ctype, 0, 0, 0)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) +
                           chunk(b'IDAT', zlib.compress(bytes(raw), 9)) +
                           chunk(b'IEND', b''))


def bmp24(path, w, h, rows):
    stride = (w * 3 + 3) // 4 * 4
    body = b''.join(bytes(v for p in row for v in (p, p, p)).ljust(stride, b'\0')
                    for row in rows[::-1])
    head = b'BM' + struct.pack('<IHHI', 54 + len(body), 0, 0, 54)
    info = struct.pack('<IiiHHIIiiII', 40, w, h, 1, 24, 0, len(body), 0, 0, 0, 0)
    open(path, 'wb').write(head + info + body)


def main():
    src, out = sys.argv[1], sys.argv[2]
    w, h, person = read_bmp8(src + '/person.bmp')
    gray = [bytes(v ^ 0x80 for v in row) for row in person]
    open(out + '/person_gray.pgm', 'wb').write(
        b'P5\n# person.bmp as gray levels\n%d %d\n255\n' % (w, h) + b''.join(gray))
    big = [bytes(v for v in row for _ in (0, 1)) for row in gray for _ in (0, 1)]
    png(out + '/person_2x.png', 2 * w, 2 * h, big, 1)
    wide = [bytes([0] * 16) + row + bytes([255] * 16) for row in gray]
    png(out + '/person_wide.png', w + 32, h, wide, 1)
    rgb = [bytes(v for p in row for v in (p, p, p)) for row in gray]
    png(out + '/person_rgb.png', w, h, rgb, 3)
    w, h, nop = read_bmp8(src + '/no_person.bmp')
    bmp24(out + '/no_person_24.bmp', w, h, nop)
    lines = '\n'.join(' '.join(str(v) for v in row) for row in nop)
    open(out + '/no_person_ascii.pgm', 'w').write('P2\n%d %d\n255\n%s\n' % (w, h, lines))


if __name__ == '__main__':
    main()
