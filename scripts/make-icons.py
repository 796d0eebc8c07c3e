#!/usr/bin/env python3
"""Draw the PolicyDiff app icons (RGBA PNGs) into src-tauri/icons/ with the standard library only.

The icon: a blue rounded square with two white pages side by side; the left page's
lines are plain, the right page has one red and one green line (a change).
Usage: python3 scripts/make-icons.py
"""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "src-tauri", "icons")
SIZES = {"32x32.png": 32, "128x128.png": 128, "128x128@2x.png": 256, "icon.png": 512}

BLUE = (29, 78, 216, 255)
WHITE = (255, 255, 255, 255)
GREY = (148, 163, 184, 255)
RED = (220, 38, 38, 255)
GREEN = (22, 163, 74, 255)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def color_at(u, v):
    """Colour at unit coordinates (u, v) in [0, 1)."""
    if not inside_round_rect(u, v, 0.02, 0.02, 0.98, 0.98, 0.18):
        return (0, 0, 0, 0)
    for px0, line_colors in ((0.14, (GREY, GREY, GREY, GREY)), (0.54, (GREY, RED, GREEN, GREY))):
        px1 = px0 + 0.32
        if inside_round_rect(u, v, px0, 0.18, px1, 0.82, 0.03):
            for i, c in enumerate(line_colors):
                ly = 0.30 + i * 0.13
                if px0 + 0.05 <= u <= px1 - 0.05 and ly <= v <= ly + 0.06:
                    return c
            return WHITE
    return BLUE


def render(n, ss=4):
    rows = []
    for y in range(n):
        row = bytearray([0])  # filter: none
        for x in range(n):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = color_at((x + (sx + 0.5) / ss) / n, (y + (sy + 0.5) / ss) / n)
                    a = c[3]
                    acc[0] += c[0] * a
                    acc[1] += c[1] * a
                    acc[2] += c[2] * a
                    acc[3] += a
            k = ss * ss
            a = acc[3]
            if a:
                row += bytes((acc[0] // a, acc[1] // a, acc[2] // a, a // k))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return b"".join(rows)


def png(n, raw):
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, n in SIZES.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(png(n, render(n, 4 if n <= 256 else 2)))
        print("wrote", name)
