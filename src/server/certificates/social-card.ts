// The certificate's share card: the 1200×630 PNG a shared /verify/<id> link previews with (Open
// Graph and Twitter cards want a raster image; none of them shows an SVG). A medal in the level's
// metal, then the level, the program, who holds it (or "Issued to a deleted account") and its status,
// in DejaVu Sans drawn from the font's outlines (raster.ts), so any name renders as it does on the PDF.
// Rendered on first request per certificate state and kept in a small in-memory cache.
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { formatDate } from '../../lib/format.ts';
import { loadFontBytes } from './pdf.ts';
import type { PublicCertificate } from './public-view.ts';
import { Canvas, hex, ring, circle, star, type Contours, type Point, type Rgb } from './raster.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

const NAVY = hex('#1e3a5f');
const WHITE = hex('#ffffff');
const MIST = hex('#c9d6e6');
const DANGER = hex('#f2a3a3');
/** Bronze, silver, gold, platinum: the level's place in its ladder (the badge uses the same metals). */
const METALS: readonly Rgb[] = [hex('#b87333'), hex('#a7b0ba'), hex('#d4af37'), hex('#e5e4e2')];

interface Fonts {
  regular: Font;
  bold: Font;
}

const fontCache = new Map<string, Promise<Fonts>>();
function fontsFrom(fontDir: string): Promise<Fonts> {
  let fonts = fontCache.get(fontDir);
  if (!fonts) {
    fonts = loadFontBytes(fontDir).then(([regular, bold]) => ({ regular: fontkit.create(regular), bold: fontkit.create(bold) }));
    fontCache.set(fontDir, fonts);
  }
  return fonts;
}

type Command = { command: string; args: number[] };

/** Laid-out runs by font and text: wrapping measures the same words many times, and layout is the slow part. */
const runs = new WeakMap<Font, Map<string, ReturnType<Font['layout']>>>();
function layout(font: Font, text: string): ReturnType<Font['layout']> {
  let byText = runs.get(font);
  if (!byText) runs.set(font, (byText = new Map()));
  let run = byText.get(text);
  if (!run) {
    run = font.layout(text);
    if (byText.size > 2000) byText.clear();
    byText.set(text, run);
  }
  return run;
}

/** Width of `text` at `size` px. */
function measure(font: Font, text: string, size: number, spacing = 0): number {
  const run = layout(font, text);
  return (run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * size) / font.unitsPerEm + spacing * Math.max(0, run.glyphs.length - 1);
}

/** The outlines of `text` with its baseline starting at (x, y), curves flattened to lines. */
function textContours(font: Font, text: string, x: number, y: number, size: number, spacing = 0): Contours {
  const scale = size / font.unitsPerEm;
  const run = layout(font, text);
  const contours: Point[][] = [];
  let pen = x;
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i];
    const ox = pen + (position?.xOffset ?? 0) * scale;
    const oy = y - (position?.yOffset ?? 0) * scale;
    const at = (px: number, py: number): Point => [ox + px * scale, oy - py * scale];
    let current: Point[] = [];
    let last: Point = at(0, 0);
    for (const { command, args } of (glyph.path as unknown as { commands: Command[] }).commands) {
      const a = args;
      if (command === 'moveTo') {
        if (current.length > 2) contours.push(current);
        last = at(a[0] ?? 0, a[1] ?? 0);
        current = [last];
      } else if (command === 'lineTo') {
        last = at(a[0] ?? 0, a[1] ?? 0);
        current.push(last);
      } else if (command === 'quadraticCurveTo') {
        const [c, end] = [at(a[0] ?? 0, a[1] ?? 0), at(a[2] ?? 0, a[3] ?? 0)];
        for (let t = 1; t <= 8; t += 1) {
          const u = t / 8;
          current.push([(1 - u) ** 2 * last[0] + 2 * (1 - u) * u * c[0] + u ** 2 * end[0], (1 - u) ** 2 * last[1] + 2 * (1 - u) * u * c[1] + u ** 2 * end[1]]);
        }
        last = end;
      } else if (command === 'bezierCurveTo') {
        const [c1, c2, end] = [at(a[0] ?? 0, a[1] ?? 0), at(a[2] ?? 0, a[3] ?? 0), at(a[4] ?? 0, a[5] ?? 0)];
        for (let t = 1; t <= 10; t += 1) {
          const u = t / 10;
          const k = [(1 - u) ** 3, 3 * (1 - u) ** 2 * u, 3 * (1 - u) * u ** 2, u ** 3] as const;
          current.push([k[0] * last[0] + k[1] * c1[0] + k[2] * c2[0] + k[3] * end[0], k[0] * last[1] + k[1] * c1[1] + k[2] * c2[1] + k[3] * end[1]]);
        }
        last = end;
      } else if (command === 'closePath' && current.length > 2) {
        contours.push(current);
        current = [];
      }
    }
    if (current.length > 2) contours.push(current);
    pen += (position?.xAdvance ?? 0) * scale + spacing;
  });
  return contours;
}

/** `text` in lines no wider than `width`, at most `max` of them (the last ends in "…" when cut). */
function wrap(font: Font, text: string, size: number, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const tried = line ? `${line} ${word}` : word;
    if (measure(font, tried, size) <= width || !line) {
      line = tried;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === max) {
      line = '';
      const last = lines.pop() ?? '';
      let cut = `${last} ${words.slice(i).join(' ')}`;
      while (cut.length > 1 && measure(font, `${cut}…`, size) > width) cut = cut.slice(0, -1).trimEnd();
      lines.push(`${cut}…`);
      return lines;
    }
  }
  if (line) lines.push(line);
  // A single word wider than the line is shortened too.
  return lines.map((l) => {
    let cut = l;
    while (cut.length > 1 && measure(font, cut, size) > width) cut = `${cut.slice(0, -2)}…`;
    return cut;
  });
}

/** The largest of `sizes` at which `text` fits `max` lines of `width` uncut (else the smallest, cut). */
function fitted(font: Font, text: string, sizes: readonly number[], width: number, max: number): { size: number; lines: string[] } {
  for (const size of sizes) {
    const lines = wrap(font, text, size, width, max);
    if (!lines.some((l) => l.endsWith('…'))) return { size, lines };
  }
  const size = sizes[sizes.length - 1] ?? 24;
  return { size, lines: wrap(font, text, size, width, max) };
}

/** What the card says; `tier` picks the medal's metal (0 for the ladder's first level). */
export interface CardFacts {
  certificate: Pick<PublicCertificate, 'status' | 'holder' | 'withdrawn' | 'supersededBy' | 'expiresAt' | 'revokedAt' | 'issuedAt' | 'level' | 'program'> & { issuer: { name: string } };
  tier: number;
}

function statusLine(c: CardFacts['certificate']): { text: string; warn: boolean } {
  if (c.withdrawn) return { text: 'Withdrawn at the holder’s request', warn: true };
  if (c.supersededBy) return { text: 'Replaced by a re-issued certificate', warn: true };
  if (c.status === 'revoked') return { text: `Revoked${c.revokedAt ? ` on ${formatDate(c.revokedAt)}` : ''}`, warn: true };
  if (c.status === 'expired') return { text: `Expired${c.expiresAt ? ` on ${formatDate(c.expiresAt)}` : ''}`, warn: true };
  return { text: `Issued ${formatDate(c.issuedAt)}${c.expiresAt ? ` · valid until ${formatDate(c.expiresAt)}` : ''}`, warn: false };
}

export async function renderSocialCard(facts: CardFacts, fontDir: string): Promise<Buffer> {
  const { regular, bold } = await fontsFrom(fontDir);
  const c = facts.certificate;
  const metal = METALS[Math.min(facts.tier, METALS.length - 1)] ?? (METALS[0] as Rgb);
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, NAVY);
  canvas.paint(0, 0, CARD_WIDTH, 14, metal);
  canvas.paint(0, CARD_HEIGHT - 14, CARD_WIDTH, 14, metal);

  // The medal.
  const [mx, my] = [270, 315];
  canvas.fill([circle(mx, my, 205)], metal);
  canvas.fill([circle(mx, my, 183)], NAVY);
  canvas.fill(ring(mx, my, 174, 170), metal);
  const brand = c.issuer.name.toUpperCase();
  canvas.fill(textContours(bold, brand, mx - measure(bold, brand, 30, 6) / 2, my - 62, 30, 6), metal);
  canvas.fill([star(mx, my + 18, 58)], metal);
  const initial = c.level.name.replace(/^Certified\s+/i, '').trim();
  const caption = wrap(bold, initial, 24, 260, 2);
  caption.forEach((line, i) => canvas.fill(textContours(bold, line, mx - measure(bold, line, 24) / 2, my + 112 + i * 30, 24), WHITE));

  // The words.
  const left = 540;
  const width = CARD_WIDTH - left - 60;
  let y = 120;
  canvas.fill(textContours(bold, 'CERTIFICATE', left, y, 26, 5), metal);
  y += 62;
  const title = fitted(bold, c.level.name, [50, 46, 42, 38], width, 2);
  for (const line of title.lines) {
    canvas.fill(textContours(bold, line, left, y, title.size), WHITE);
    y += Math.round(title.size * 1.2);
  }
  for (const line of wrap(regular, c.program.title, 32, width, 2)) {
    canvas.fill(textContours(regular, line, left, y, 32), MIST);
    y += 42;
  }
  y += 34;
  const holder = c.holder === null ? 'Issued to a deleted account' : `Awarded to ${c.holder}`;
  const holderFont = c.holder === null ? regular : bold;
  const named = fitted(holderFont, holder, [34, 30, 26], width, 2);
  for (const line of named.lines) {
    canvas.fill(textContours(holderFont, line, left, y, named.size), WHITE);
    y += Math.round(named.size * 1.3);
  }
  const status = statusLine(c);
  const base = CARD_HEIGHT - 70;
  canvas.fill(textContours(regular, wrap(regular, status.text, 26, width, 1)[0] ?? '', left, base, 26), status.warn ? DANGER : MIST);
  const by = `Issued by ${c.issuer.name}`;
  canvas.fill(textContours(regular, by, left, base - 40, 26), MIST);
  return canvas.png();
}

/** Rendered cards by certificate state; small, since each card is re-rendered in well under a second. */
const cards = new Map<string, Promise<Buffer>>();
const CACHE_SIZE = 200;

export function socialCardPng(id: string, facts: CardFacts, fontDir: string): Promise<Buffer> {
  const c = facts.certificate;
  const key = JSON.stringify([id, c.status, c.holder, c.withdrawn, c.supersededBy, c.expiresAt, c.revokedAt, c.level.name, c.program.title, facts.tier, fontDir]);
  let card = cards.get(key);
  if (!card) {
    card = renderSocialCard(facts, fontDir);
    card.catch(() => cards.delete(key));
    cards.set(key, card);
    if (cards.size > CACHE_SIZE) cards.delete(cards.keys().next().value as string);
  }
  return card;
}
