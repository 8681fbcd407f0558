// The printable certificate: one A4 landscape page (pdf-lib) with the learner's name, program,
// level, dates, certificate id and a QR code + clickable link to the public verify page.
// DejaVu Sans is embedded (subset) so names in Latin, Greek and Cyrillic scripts render; the
// standard PDF fonts only cover WinAnsi and would drop them. The page is tagged for screen readers
// (pdf-structure.ts) and carries XMP metadata, an sRGB output intent and tagged font subset names
// for PDF/A-2b (pdf-archival.ts, which also says what pdf-lib cannot reach).
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  PDFHexString,
  PDFString,
  beginMarkedContent,
  endMarkedContent,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  scale,
  setFillingRgbColor,
  translate,
} from 'pdf-lib';
import type { PDFFont, PDFOperator, PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeArchival, subsetTag } from './pdf-archival.ts';
import { PageStructure, type StructureElement, type StructureType } from './pdf-structure.ts';
import { ISSUER_NAME } from './vc-jwt.ts';

export interface CertificatePdfInput {
  certificateId: string;
  learnerName: string;
  programTitle: string;
  levelName: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number | null;
  /** Absolute URL of the public verify page, `${origin}/verify/<id>`. */
  verifyUrl: string;
  /** One line such as "Overall 86% · Testing 90% · Debugging 78%". */
  scoreSummary?: string;
}

export interface CertificatePdfOptions {
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; defaults to `<cwd>/assets/fonts`. */
  fontDir?: string;
}

/** Marked-content tag around the QR code's drawing operators, so tests and tools can find it. */
export const QR_MARKED_CONTENT_TAG = 'VerifyQRCode';
/** The QR code's error-correction level: M survives print smudges and stays small for ~70-char URLs. */
export const QR_ERROR_CORRECTION = 'M';

const LANGUAGE = 'en';
const PAGE_WIDTH = 841.89; // A4 landscape, points
const PAGE_HEIGHT = 595.28;
const NAVY = rgb(0.118, 0.227, 0.373);
const GOLD = rgb(0.722, 0.576, 0.29);
const INK = rgb(0.13, 0.14, 0.16);
const MUTED = rgb(0.4, 0.42, 0.46);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const fontBytesCache = new Map<string, Promise<[Uint8Array, Uint8Array]>>();

/** DejaVu Sans regular and bold from `fontDir`, read once per folder (the cohort report PDF uses them too). */
export function loadFontBytes(fontDir: string): Promise<[Uint8Array, Uint8Array]> {
  let cached = fontBytesCache.get(fontDir);
  if (!cached) {
    cached = Promise.all([readFile(join(fontDir, 'DejaVuSans.ttf')), readFile(join(fontDir, 'DejaVuSans-Bold.ttf'))]);
    cached.catch(() => fontBytesCache.delete(fontDir));
    fontBytesCache.set(fontDir, cached);
  }
  return cached;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Largest size ≤ `size` (down to `min`) at which `text` fits in `maxWidth`. */
function fitSize(font: PDFFont, text: string, size: number, maxWidth: number, min: number): number {
  const width = font.widthOfTextAtSize(text, size);
  return width <= maxWidth ? size : Math.max(min, Math.floor(((size * maxWidth) / width) * 10) / 10);
}

type Align = 'left' | 'center' | 'right';

/** Where a run of text belongs in the structure tree: its element and the tag its marked content carries. */
interface Tag {
  structure: PageStructure;
  owner: StructureElement;
  type: StructureType;
}

function text(page: PDFPage, tag: Tag, value: string, x: number, y: number, font: PDFFont, size: number, color = INK, align: Align = 'left'): number {
  const width = font.widthOfTextAtSize(value, size);
  const left = align === 'center' ? x - width / 2 : align === 'right' ? x - width : x;
  tag.structure.mark(tag.owner, tag.type, () => page.drawText(value, { x: left, y, size, font, color }));
  return width;
}

/** A paragraph (or heading) of its own: a new structure element holding one line of text. */
function block(structure: PageStructure, type: StructureType): Tag {
  return { structure, owner: structure.add(type), type };
}

function centered(page: PDFPage, tag: Tag, value: string, y: number, font: PDFFont, size: number, color = INK, maxWidth = 660, min = 9): void {
  text(page, tag, value, PAGE_WIDTH / 2, y, font, fitSize(font, value, size, maxWidth, min), color, 'center');
}

/**
 * A URI link annotation: clicking the rectangle opens `url` in viewers that support it. Printable
 * (F 4) with an empty appearance, as PDF/A wants of every annotation, and described for screen readers.
 */
function addLink(document: PDFDocument, page: PDFPage, link: StructureElement, structure: PageStructure, url: string, [x, y, width, height]: [number, number, number, number]): void {
  const { context } = document;
  const appearance = context.register(context.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height] }));
  const annotation = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [x, y, x + width, y + height],
      Border: [0, 0, 0],
      F: 4,
      Contents: PDFHexString.fromText(`Open the verification page ${url}`),
      AP: { N: appearance },
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    }),
  );
  page.node.addAnnot(annotation);
  structure.annotation(link, annotation);
}

/** Draws the QR code as vector rectangles (one per horizontal run of dark modules): sharp at any zoom. */
function drawQrCode(page: PDFPage, figure: Tag, url: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const count = modules.size;
  const runs: PDFOperator[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.data[row * count + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.data[row * count + col]) col++;
      // PDF y grows upwards; module row 0 is the top row.
      runs.push(rectangle(start, count - 1 - row, col - start, 1));
    }
  }
  // The figure's own marked content (its MCID) wraps the named sequence tools and tests look for.
  figure.structure.mark(figure.owner, figure.type, () =>
    page.pushOperators(
      beginMarkedContent(QR_MARKED_CONTENT_TAG),
      pushGraphicsState(),
      translate(x, y),
      scale(size / count, size / count),
      setFillingRgbColor(0, 0, 0),
      ...runs,
      fill(),
      popGraphicsState(),
      endMarkedContent(),
    ),
  );
}

function drawFrame(page: PDFPage, structure: PageStructure): void {
  structure.artifact(() => {
    page.drawRectangle({ x: 0, y: 0, width: PAGE_WIDTH, height: PAGE_HEIGHT, color: rgb(0.992, 0.988, 0.976) });
    page.drawRectangle({ x: 18, y: 18, width: PAGE_WIDTH - 36, height: PAGE_HEIGHT - 36, borderColor: NAVY, borderWidth: 3 });
    page.drawRectangle({ x: 27, y: 27, width: PAGE_WIDTH - 54, height: PAGE_HEIGHT - 54, borderColor: GOLD, borderWidth: 0.8 });
    // Small gold corner squares: a classic certificate touch that costs nothing to render.
    for (const [cx, cy] of [[27, 27], [PAGE_WIDTH - 27, 27], [27, PAGE_HEIGHT - 27], [PAGE_WIDTH - 27, PAGE_HEIGHT - 27]] as const) {
      page.drawRectangle({ x: cx - 4, y: cy - 4, width: 8, height: 8, color: GOLD });
    }
  });
}

function rule(page: PDFPage, structure: PageStructure, y: number, halfWidth: number, thickness: number): void {
  structure.artifact(() => page.drawLine({ start: { x: PAGE_WIDTH / 2 - halfWidth, y }, end: { x: PAGE_WIDTH / 2 + halfWidth, y }, thickness, color: GOLD }));
}

function drawBody(page: PDFPage, structure: PageStructure, fonts: Fonts, input: CertificatePdfInput): void {
  const top = PAGE_HEIGHT;
  centered(page, block(structure, 'P'), ISSUER_NAME.toUpperCase(), top - 78, fonts.bold, 13, NAVY);
  rule(page, structure, top - 88, 40, 1);
  centered(page, block(structure, 'H1'), 'Certificate of Achievement', top - 138, fonts.bold, 34, NAVY);
  centered(page, block(structure, 'P'), 'This certifies that', top - 180, fonts.regular, 13, MUTED);
  centered(page, block(structure, 'P'), input.learnerName, top - 232, fonts.bold, 34, INK, 640, 12);
  rule(page, structure, top - 248, 200, 0.8);
  centered(page, block(structure, 'P'), `has been awarded the ${input.levelName} certification in`, top - 278, fonts.regular, 13, MUTED);
  centered(page, block(structure, 'P'), input.programTitle, top - 314, fonts.bold, 24, NAVY, 640, 11);
  if (input.scoreSummary) centered(page, block(structure, 'P'), input.scoreSummary, top - 342, fonts.regular, 11, MUTED, 620, 7);
}

function drawDetails(page: PDFPage, structure: PageStructure, fonts: Fonts, input: CertificatePdfInput): void {
  const rows: [string, string][] = [
    ['ISSUED', dateFormat.format(new Date(input.issuedAt))],
    ['VALID UNTIL', input.expiresAt === null ? 'Does not expire' : dateFormat.format(new Date(input.expiresAt))],
    ['CERTIFICATE ID', input.certificateId],
  ];
  let y = 176;
  for (const [label, value] of rows) {
    // Label and value are one paragraph to a screen reader ("ISSUED 23 November 2026").
    const row = block(structure, 'P');
    text(page, row, label, 70, y, fonts.bold, 7.5, MUTED);
    text(page, row, value, 70, y - 14, fonts.regular, fitSize(fonts.regular, value, 11, 330, 6), INK);
    y -= 40;
  }
}

function drawVerification(document: PDFDocument, page: PDFPage, structure: PageStructure, fonts: Fonts, url: string): void {
  const qrSize = 112;
  const qrX = PAGE_WIDTH - 70 - qrSize;
  const qrY = 66;
  const right = qrX - 16;
  text(page, block(structure, 'H2'), 'Verify this certificate', right, qrY + 80, fonts.bold, 10, NAVY, 'right');
  text(page, block(structure, 'P'), 'Scan the code or open the link to see its current status.', right, qrY + 64, fonts.regular, 7.5, MUTED, 'right');
  const urlSize = fitSize(fonts.regular, url, 8.5, 300, 5);
  const urlLink = structure.add('Link');
  const urlWidth = text(page, { structure, owner: urlLink, type: 'Link' }, url, right, qrY + 46, fonts.regular, urlSize, NAVY, 'right');
  addLink(document, page, urlLink, structure, url, [right - urlWidth, qrY + 43, urlWidth, urlSize + 4]);

  const qrLink = structure.add('Link');
  const figure = structure.add('Figure', { parent: qrLink, alt: `QR code linking to the verification page ${url}` });
  drawQrCode(page, { structure, owner: figure, type: 'Figure' }, url, qrX, qrY, qrSize);
  addLink(document, page, qrLink, structure, url, [qrX, qrY, qrSize, qrSize]);
}

/** Renders the certificate; the caller stores the bytes once (certificates.pdf_path) and serves them. */
export async function renderCertificatePdf(input: CertificatePdfInput, options: CertificatePdfOptions = {}): Promise<Uint8Array> {
  const fontDir = options.fontDir ?? resolve(process.cwd(), 'assets/fonts');
  const [regularBytes, boldBytes] = await loadFontBytes(fontDir);
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  // What makes this file this certificate: seeds the font subset tags and the file identifier.
  const seed = JSON.stringify(input);
  const embed = async (bytes: Uint8Array, fallbackName: string): Promise<PDFFont> => {
    const name = fontkit.create(bytes).postscriptName ?? fallbackName;
    return document.embedFont(bytes, { subset: true, customName: `${subsetTag(name, seed)}+${name}` });
  };
  const fonts: Fonts = { regular: await embed(regularBytes, 'DejaVuSans'), bold: await embed(boldBytes, 'DejaVuSans-Bold') };

  makeArchival(
    document,
    {
      title: `${input.programTitle} — ${input.levelName} certificate for ${input.learnerName}`,
      author: ISSUER_NAME,
      subject: `${input.levelName} certification in ${input.programTitle} awarded to ${input.learnerName} (certificate ${input.certificateId})`,
      keywords: ['certificate', input.certificateId, input.programTitle, input.levelName],
      creatorTool: ISSUER_NAME,
      producer: `${ISSUER_NAME} (pdf-lib)`,
      language: LANGUAGE,
      created: new Date(input.issuedAt),
      certificate: {
        id: input.certificateId,
        holder: input.learnerName,
        issuer: ISSUER_NAME,
        issued: new Date(input.issuedAt),
        validUntil: input.expiresAt === null ? null : new Date(input.expiresAt),
        verifyUrl: input.verifyUrl,
      },
    },
    seed,
  );

  const page = document.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const structure = new PageStructure(document, page, LANGUAGE);
  drawFrame(page, structure);
  drawBody(page, structure, fonts, input);
  drawDetails(page, structure, fonts, input);
  drawVerification(document, page, structure, fonts, input.verifyUrl);
  structure.finish();
  return document.save();
}
