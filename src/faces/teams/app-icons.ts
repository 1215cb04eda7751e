/**
 * The two icons of the Teams app package, drawn in code so the package needs no binary assets:
 * a colour icon (192×192) and an outline icon (32×32, white on transparent, as Teams requires).
 */
import { crc32, deflateSync } from 'node:zlib';
import { ACCENT_COLOR } from './app-manifest.ts';

/** Is (x, y) on the glyph? Coordinates are centred, y up, the glyph fits the unit circle. */
type Shape = (x: number, y: number) => boolean;

export function colorIcon(): Buffer {
  const size = 192;
  const [r, g, b] = hexRgb(ACCENT_COLOR);
  // Corner radius ~20 %: Teams shows the icon as is, so the rounding is ours to draw.
  const square: Shape = (x, y) => roundedSquare(x, y, 1, 0.4);
  // The glyph stays within Teams' 120 px safe area of the 192 px icon.
  const scale = 0.3;
  return encodePng(size, size, (px, py) => {
    const bg = coverage(size, px, py, 0.5, square);
    const fg = coverage(size, px, py, scale, syncGlyph);
    const mix = (c: number) => Math.round(c + (255 - c) * fg);
    return [mix(r), mix(g), mix(b), Math.round(255 * bg)];
  });
}

export function outlineIcon(): Buffer {
  const size = 32;
  // No anti-aliasing: every pixel is either opaque white or fully transparent (also white, so a
  // checker that ignores alpha sees only white).
  return encodePng(size, size, (px, py) => [255, 255, 255, coverage(size, px, py, 0.48, syncGlyph) >= 0.5 ? 255 : 0]);
}

/** Two arcs chasing each other clockwise, each ending in an arrowhead: the usual "sync" sign. */
function syncGlyph(x: number, y: number): boolean {
  const mid = 0.68;
  const r = Math.hypot(x, y);
  const deg = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
  const onArc = (deg >= 40 && deg <= 170) || (deg >= 220 && deg <= 350);
  if (onArc && Math.abs(r - mid) <= 0.14) return true;
  return arrowhead(x, y, 40, mid) || arrowhead(x, y, 220, mid);
}

/** A triangle at the arc's end (angle `deg`), pointing clockwise along the circle. */
function arrowhead(x: number, y: number, deg: number, mid: number): boolean {
  const a = (deg * Math.PI) / 180;
  const [ux, uy] = [Math.cos(a), Math.sin(a)];
  const [tx, ty] = [Math.sin(a), -Math.cos(a)];
  const p1: Point = [(mid - 0.3) * ux, (mid - 0.3) * uy];
  const p2: Point = [(mid + 0.3) * ux, (mid + 0.3) * uy];
  const tip: Point = [mid * ux + 0.38 * tx, mid * uy + 0.38 * ty];
  return inTriangle([x, y], p1, p2, tip);
}

type Point = [number, number];

function inTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const side = (u: Point, v: Point) => (v[0] - u[0]) * (p[1] - u[1]) - (v[1] - u[1]) * (p[0] - u[0]);
  const [d1, d2, d3] = [side(a, b), side(b, c), side(c, a)];
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

/** A square of half-side `half` with corners rounded by `radius`, centred on the origin. */
function roundedSquare(x: number, y: number, half: number, radius: number): boolean {
  const dx = Math.max(Math.abs(x) - (half - radius), 0);
  const dy = Math.max(Math.abs(y) - (half - radius), 0);
  return Math.abs(x) <= half && Math.abs(y) <= half && Math.hypot(dx, dy) <= radius;
}

/** The share of a pixel a shape covers, from a 4×4 grid of samples; `scale` maps the unit circle to a fraction of the icon. */
function coverage(size: number, px: number, py: number, scale: number, shape: Shape): number {
  const n = 4;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = (px + (i + 0.5) / n - size / 2) / (size * scale);
      const y = (size / 2 - (py + (j + 0.5) / n)) / (size * scale);
      if (shape(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

function hexRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A minimal PNG: 8-bit RGBA, no interlace, every scanline with filter 0 (None). */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => number[]): Buffer {
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    raw[row] = 0; // the scanline's filter type
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter set 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Length, type, data, then the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
