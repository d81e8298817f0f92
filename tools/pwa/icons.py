#!/usr/bin/env python3
"""Draws the portal's app icons (the brand mark of public/favicon.svg) as PNGs.

The mark is a rounded square in the portal's accent colour (style/main.css,
--ac-accent) with a white letter "A" drawn from the same outline as the
favicon. Writes, under public/icons/:

- icon-192.png and icon-512.png: the rounded square on a transparent
  background (the manifest's "any" icons);
- maskable-512.png: the accent colour bleeding to every edge with the "A"
  inside the central 80% safe zone (the manifest's "maskable" icon), so any
  mask a launcher applies (circle, squircle) keeps the whole letter;
- apple-touch-icon-180.png: the same full-bleed drawing at 180 pixels, since
  iOS rounds the corners itself and shows transparency as black.

Python 3 standard library only: shapes are filled scanline by scanline with
eight sub-rows per pixel and exact horizontal coverage, which gives smooth
edges, and the PNG is written with zlib and struct. Run it from anywhere:

    python3 tools/pwa/icons.py
"""

import math
import struct
import zlib
from pathlib import Path

ACCENT = (0x0F, 0x76, 0x6E)
WHITE = (0xFF, 0xFF, 0xFF)

# The favicon's view box is 64 units wide; its square has corners of 14.
VIEW = 64.0
CORNER = 14.0
# The letter "A" of favicon.svg: its outline and the triangular counter.
LETTER_OUTLINE = [
    (20, 46), (32, 16), (44, 46), (37, 46), (34.6, 39.5), (29.4, 39.5), (27, 46),
]
LETTER_COUNTER = [(29.6, 34), (34.4, 34), (32, 27)]
SUB_ROWS = 8

OUT = Path(__file__).resolve().parents[2] / "public" / "icons"


def rounded_square(size, radius, steps=24):
    """The outline of a size x size square with rounded corners, as a polygon."""
    centres = [
        (size - radius, radius, -90),
        (size - radius, size - radius, 0),
        (radius, size - radius, 90),
        (radius, radius, 180),
    ]
    points = []
    for cx, cy, start in centres:
        for step in range(steps + 1):
            angle = math.radians(start + 90 * step / steps)
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def transform(polygon, scale, dx=0.0, dy=0.0):
    """The polygon scaled about the origin, then moved by (dx, dy)."""
    return [(x * scale + dx, y * scale + dy) for x, y in polygon]


def coverage(size, polygons):
    """How much of each pixel the shape covers (0..1, row-major), where the
    shape is the even-odd union of `polygons`."""
    cover = [0.0] * (size * size)
    edges = []
    for polygon in polygons:
        for i, (x0, y0) in enumerate(polygon):
            x1, y1 = polygon[(i + 1) % len(polygon)]
            if y0 != y1:
                edges.append((x0, y0, x1, y1))
    weight = 1.0 / SUB_ROWS
    for row in range(size):
        base = row * size
        for sub in range(SUB_ROWS):
            y = row + (sub + 0.5) / SUB_ROWS
            crossings = sorted(
                x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for x0, y0, x1, y1 in edges
                if (y0 <= y < y1) or (y1 <= y < y0)
            )
            for left, right in zip(crossings[0::2], crossings[1::2]):
                add_span(cover, base, size, max(left, 0.0), min(right, float(size)), weight)
    return cover


def add_span(cover, base, size, left, right, weight):
    """Adds `weight` times the covered fraction of each pixel of one row
    that the span [left, right) overlaps."""
    if right <= left:
        return
    first, last = int(left), min(int(math.ceil(right)) - 1, size - 1)
    for column in range(first, last + 1):
        overlap = min(right, column + 1) - max(left, column)
        if overlap > 0:
            cover[base + column] += weight * overlap


def paint(size, layers, background=None):
    """RGBA rows: each layer is (colour, coverage) painted over the last."""
    pixels = []
    for index in range(size * size):
        r, g, b, a = (*background, 1.0) if background else (0, 0, 0, 0.0)
        for colour, cover in layers:
            alpha = min(cover[index], 1.0)
            if alpha <= 0:
                continue
            out_a = alpha + a * (1 - alpha)
            r, g, b = (
                (colour[c] * alpha + channel * a * (1 - alpha)) / out_a
                for c, channel in enumerate((r, g, b))
            )
            a = out_a
        pixels.append((round(r), round(g), round(b), round(a * 255)))
    return pixels


def write_png(path, size, pixels):
    """Writes 8-bit RGBA pixels as a PNG file."""
    raw = bytearray()
    for row in range(size):
        raw.append(0)  # Filter type "none" for every row.
        for r, g, b, a in pixels[row * size:(row + 1) * size]:
            raw.extend((r, g, b, a))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    print(f"{path.relative_to(OUT.parents[1])}: {len(png)} bytes")


def icon(size):
    """The favicon's mark at `size` pixels: rounded square and letter."""
    scale = size / VIEW
    square = coverage(size, [rounded_square(size, CORNER * scale)])
    letter = coverage(
        size, [transform(LETTER_OUTLINE, scale), transform(LETTER_COUNTER, scale)]
    )
    return paint(size, [(ACCENT, square), (WHITE, letter)])


def full_bleed(size):
    """The letter on a full-bleed accent background, inside the safe zone
    (the circle of radius 40% of the size around the centre)."""
    scale = size / VIEW
    letter = coverage(
        size, [transform(LETTER_OUTLINE, scale), transform(LETTER_COUNTER, scale)]
    )
    # The favicon's letter reaches at most 18.5 units from the centre, well
    # inside the safe zone's 25.6.
    return paint(size, [(WHITE, letter)], background=ACCENT)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        write_png(OUT / f"icon-{size}.png", size, icon(size))
    write_png(OUT / "maskable-512.png", 512, full_bleed(512))
    write_png(OUT / "apple-touch-icon-180.png", 180, full_bleed(180))


if __name__ == "__main__":
    main()
