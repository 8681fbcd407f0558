// A small RGB canvas that fills anti-aliased polygons (non-zero winding, so glyph outlines with holes
// fill as fonts mean them) and encodes itself as a PNG: enough to draw the certificate's share card
// (social-card.ts) with shapes and text outlines, without a native image library. Pure.
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];
export type Point = readonly [number, number];
/** Closed outlines; together they make one filled shape. */
export type Contours = readonly (readonly Point[])[];

/** Vertical samples per pixel row; horizontal coverage is computed exactly. */
const SAMPLES = 4;

export function hex(color: string): Rgb {
  const n = Number.parseInt(color.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

interface Edge {
  x0: number;
  y0: number;
  yMin: number;
  yMax: number;
  slope: number;
  dir: 1 | -1;
}

export class Canvas {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;

  constructor(width: number, height: number, background: Rgb) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i += 1) this.pixels.set(background, i * 3);
  }

  /** Fills the shape the contours outline (non-zero winding) with `color` at `opacity`. */
  fill(contours: Contours, color: Rgb, opacity = 1): void {
    const edges: Edge[] = [];
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const contour of contours) {
      for (let i = 0; i < contour.length; i += 1) {
        const [x0, y0] = contour[i] as Point;
        const [x1, y1] = contour[(i + 1) % contour.length] as Point;
        minX = Math.min(minX, x0);
        maxX = Math.max(maxX, x0);
        minY = Math.min(minY, y0);
        maxY = Math.max(maxY, y0);
        if (y0 === y1) continue;
        edges.push({ x0, y0, yMin: Math.min(y0, y1), yMax: Math.max(y0, y1), slope: (x1 - x0) / (y1 - y0), dir: y1 > y0 ? 1 : -1 });
      }
    }
    if (edges.length === 0) return;
    const left = Math.max(0, Math.floor(minX));
    const right = Math.min(this.width, Math.ceil(maxX) + 1);
    const cover = new Float32Array(this.width + 1);
    const crossings: { x: number; dir: number }[] = [];
    for (let row = Math.max(0, Math.floor(minY)); row < Math.min(this.height, Math.ceil(maxY)); row += 1) {
      cover.fill(0, left, right + 1);
      for (let s = 0; s < SAMPLES; s += 1) {
        const y = row + (s + 0.5) / SAMPLES;
        crossings.length = 0;
        for (const e of edges) if (y >= e.yMin && y < e.yMax) crossings.push({ x: e.x0 + (y - e.y0) * e.slope, dir: e.dir });
        crossings.sort((a, b) => a.x - b.x);
        let winding = 0;
        for (let i = 0; i < crossings.length - 1; i += 1) {
          winding += (crossings[i] as { dir: number }).dir;
          if (winding !== 0) this.#span(cover, (crossings[i] as { x: number }).x, (crossings[i + 1] as { x: number }).x);
        }
      }
      for (let x = left; x < right; x += 1) {
        const alpha = Math.min(1, cover[x] as number) * opacity;
        if (alpha <= 0) continue;
        const at = (row * this.width + x) * 3;
        for (let c = 0; c < 3; c += 1) this.pixels[at + c] = ((this.pixels[at + c] as number) * (1 - alpha) + (color[c] as number) * alpha + 0.5) | 0;
      }
    }
  }

  /** Paints a whole-pixel rectangle (no edges to smooth): bands and backgrounds. */
  paint(x: number, y: number, width: number, height: number, color: Rgb): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + height); row += 1) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + width); col += 1) this.pixels.set(color, (row * this.width + col) * 3);
    }
  }

  /** Adds one sample row's coverage of [a, b) to the pixels it crosses. */
  #span(cover: Float32Array, a: number, b: number): void {
    const from = Math.max(0, a);
    const to = Math.min(this.width, b);
    if (to <= from) return;
    const weight = 1 / SAMPLES;
    const first = Math.floor(from);
    const last = Math.floor(to);
    if (first === last) {
      cover[first] = (cover[first] as number) + (to - from) * weight;
      return;
    }
    cover[first] = (cover[first] as number) + (first + 1 - from) * weight;
    for (let x = first + 1; x < last; x += 1) cover[x] = (cover[x] as number) + weight;
    if (last < this.width) cover[last] = (cover[last] as number) + (to - last) * weight;
  }

  /** The canvas as a PNG file (8-bit RGB, no interlacing). */
  png(): Buffer {
    const row = this.width * 3;
    const raw = Buffer.alloc((row + 1) * this.height);
    for (let y = 0; y < this.height; y += 1) {
      raw[y * (row + 1)] = 0; // filter: none
      raw.set(this.pixels.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filtering, no interlace
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A circle as a polygon, counter-clockwise when `reverse` (to cut a hole in a clockwise one). */
export function circle(cx: number, cy: number, r: number, reverse = false): Point[] {
  const steps = Math.max(32, Math.ceil(r));
  const points: Point[] = [];
  for (let i = 0; i < steps; i += 1) {
    const angle = ((reverse ? -i : i) / steps) * 2 * Math.PI;
    points.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  return points;
}

/** A ring: the area between two circles. */
export const ring = (cx: number, cy: number, outer: number, inner: number): Contours => [circle(cx, cy, outer), circle(cx, cy, inner, true)];

export function rect(x: number, y: number, width: number, height: number): Point[] {
  return [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
}

/** A five-pointed star centred on (cx, cy). */
export function star(cx: number, cy: number, outer: number, inner = outer * 0.42): Point[] {
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as Point;
  });
}
