// The share card PNG: a valid PNG file (signature, chunk CRCs, IHDR, inflatable image data of the
// stated size), drawn as meant (the level's metal, the background, text where the holder's line goes,
// none of it for a deleted account), and the rasterizer under it (coverage, holes, anti-aliasing).
import { describe, expect, it } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Canvas, circle, rect, ring } from '../../../src/server/certificates/raster.ts';
import { CARD_HEIGHT, CARD_WIDTH, renderSocialCard, socialCardPng, type CardFacts } from '../../../src/server/certificates/social-card.ts';

const FONTS = fileURLToPath(new URL('../../../assets/fonts', import.meta.url));

/** Decodes an 8-bit RGB, filter-0 PNG as Canvas.png() writes it, checking every chunk's CRC. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]?.data ?? Buffer.alloc(13);
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(chunks[1]?.data ?? Buffer.alloc(0));
  expect(raw.length).toBe((width * 3 + 1) * height);
  const pixel = (x: number, y: number) => {
    const at = y * (width * 3 + 1) + 1 + x * 3;
    return [raw[at] ?? -1, raw[at + 1] ?? -1, raw[at + 2] ?? -1];
  };
  return { width, height, pixel };
}

const facts = (holder: string | null, tier = 0): CardFacts => ({
  tier,
  certificate: {
    status: 'active',
    holder,
    withdrawn: false,
    supersededBy: null,
    expiresAt: '2027-03-14T00:00:00.000Z',
    revokedAt: null,
    issuedAt: '2026-03-14T00:00:00.000Z',
    level: { id: 'associate', name: 'Certified Clean Timestamp Associate', description: '' },
    program: { id: 'clean-timestamp', title: 'Clean Timestamp System Mastery' },
    issuer: { name: 'Practicum' },
  },
});

/** Pixels in a box brighter than the navy background by a clear margin (text). */
function bright(image: ReturnType<typeof decode>, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if ((image.pixel(x, y)[0] ?? 0) > 150) n += 1;
  return n;
}

describe('renderSocialCard', () => {
  it('draws a 1200×630 PNG in the level’s metal, with the holder’s name where a deleted account has none', async () => {
    const named = decode(await renderSocialCard(facts('Zoë Ålander-Петрова', 2), FONTS));
    expect([named.width, named.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(named.pixel(600, 5)).toEqual([0xd4, 0xaf, 0x37]); // gold band for the third level
    expect(named.pixel(1180, 300)).toEqual([0x1e, 0x3a, 0x5f]); // navy background
    expect(named.pixel(270 - 195, 315)).toEqual([0xd4, 0xaf, 0x37]); // the medal's ring
    const deleted = decode(await renderSocialCard(facts(null, 0), FONTS));
    expect(deleted.pixel(600, 5)).toEqual([0xb8, 0x73, 0x33]); // bronze
    // The level and program lines are the same; the holder's line is bold and longer when named.
    expect(bright(named, 540, 320, 1140, 430)).toBeGreaterThan(bright(deleted, 540, 320, 1140, 430));
    expect(bright(deleted, 540, 320, 1140, 430)).toBeGreaterThan(500);
  });

  it('renders a certificate state once and serves it again from memory', async () => {
    const a = socialCardPng('cert-a', facts('Ann'), FONTS);
    expect(socialCardPng('cert-a', facts('Ann'), FONTS)).toBe(a);
    expect(socialCardPng('cert-a', facts(null), FONTS)).not.toBe(a);
    expect((await a).length).toBeGreaterThan(1000);
  });
});

describe('Canvas', () => {
  it('fills whole pixels fully, half-covered pixels half, and leaves a ring’s hole alone', () => {
    const canvas = new Canvas(20, 10, [0, 0, 0]);
    canvas.fill([rect(2, 2, 4.5, 4)], [200, 100, 50]);
    const at = (x: number, y: number) => [...canvas.pixels.subarray((y * 20 + x) * 3, (y * 20 + x) * 3 + 3)];
    expect(at(3, 3)).toEqual([200, 100, 50]);
    expect(at(6, 3)).toEqual([100, 50, 25]);
    expect(at(7, 3)).toEqual([0, 0, 0]);
    expect(at(3, 7)).toEqual([0, 0, 0]);
    const donut = new Canvas(40, 40, [0, 0, 0]);
    donut.fill(ring(20, 20, 18, 8), [255, 255, 255]);
    expect([...donut.pixels.subarray((20 * 40 + 20) * 3, (20 * 40 + 20) * 3 + 3)]).toEqual([0, 0, 0]);
    expect([...donut.pixels.subarray((20 * 40 + 33) * 3, (20 * 40 + 33) * 3 + 3)]).toEqual([255, 255, 255]);
    // A circle's area comes out right to within a pixel's worth of rounding.
    const disc = new Canvas(40, 40, [0, 0, 0]);
    disc.fill([circle(20, 20, 10)], [255, 255, 255]);
    const area = [...disc.pixels].filter((_, i) => i % 3 === 0).reduce((sum, v) => sum + v / 255, 0);
    expect(Math.abs(area - Math.PI * 100)).toBeLessThan(3);
  });
});
