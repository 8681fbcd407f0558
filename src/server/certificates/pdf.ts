// The printable certificate: one A4 landscape page (pdf-lib) with the learner's name, program,
// level, dates, certificate id and a QR code + clickable link to the public verify page.
// DejaVu Sans is embedded (subset) so names in Latin, Greek and Cyrillic scripts render; the
// standard PDF fonts only cover WinAnsi and would drop them.
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
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
import type { PDFFont, PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

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

function text(page: PDFPage, value: string, x: number, y: number, font: PDFFont, size: number, color = INK, align: Align = 'left'): number {
  const width = font.widthOfTextAtSize(value, size);
  const left = align === 'center' ? x - width / 2 : align === 'right' ? x - width : x;
  page.drawText(value, { x: left, y, size, font, color });
  return width;
}

function centered(page: PDFPage, value: string, y: number, font: PDFFont, size: number, color = INK, maxWidth = 660, min = 9): void {
  text(page, value, PAGE_WIDTH / 2, y, font, fitSize(font, value, size, maxWidth, min), color, 'center');
}

/** A URI link annotation: clicking the rectangle opens `url` in viewers that support it. */
function addLink(document: PDFDocument, page: PDFPage, url: string, [x, y, width, height]: [number, number, number, number]): void {
  const annotation = document.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [x, y, x + width, y + height],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  });
  page.node.addAnnot(document.context.register(annotation));
}

/** Draws the QR code as vector rectangles (one per horizontal run of dark modules): sharp at any zoom. */
function drawQrCode(page: PDFPage, url: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const count = modules.size;
  const runs = [];
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
  );
}

function drawFrame(page: PDFPage): void {
  page.drawRectangle({ x: 0, y: 0, width: PAGE_WIDTH, height: PAGE_HEIGHT, color: rgb(0.992, 0.988, 0.976) });
  page.drawRectangle({ x: 18, y: 18, width: PAGE_WIDTH - 36, height: PAGE_HEIGHT - 36, borderColor: NAVY, borderWidth: 3 });
  page.drawRectangle({ x: 27, y: 27, width: PAGE_WIDTH - 54, height: PAGE_HEIGHT - 54, borderColor: GOLD, borderWidth: 0.8 });
  // Small gold corner squares: a classic certificate touch that costs nothing to render.
  for (const [cx, cy] of [[27, 27], [PAGE_WIDTH - 27, 27], [27, PAGE_HEIGHT - 27], [PAGE_WIDTH - 27, PAGE_HEIGHT - 27]] as const) {
    page.drawRectangle({ x: cx - 4, y: cy - 4, width: 8, height: 8, color: GOLD });
  }
}

function drawBody(page: PDFPage, fonts: Fonts, input: CertificatePdfInput): void {
  const top = PAGE_HEIGHT;
  centered(page, 'PRACTICUM', top - 78, fonts.bold, 13, NAVY);
  page.drawLine({ start: { x: PAGE_WIDTH / 2 - 40, y: top - 88 }, end: { x: PAGE_WIDTH / 2 + 40, y: top - 88 }, thickness: 1, color: GOLD });
  centered(page, 'Certificate of Achievement', top - 138, fonts.bold, 34, NAVY);
  centered(page, 'This certifies that', top - 180, fonts.regular, 13, MUTED);
  centered(page, input.learnerName, top - 232, fonts.bold, 34, INK, 640, 12);
  page.drawLine({ start: { x: PAGE_WIDTH / 2 - 200, y: top - 248 }, end: { x: PAGE_WIDTH / 2 + 200, y: top - 248 }, thickness: 0.8, color: GOLD });
  centered(page, `has been awarded the ${input.levelName} certification in`, top - 278, fonts.regular, 13, MUTED);
  centered(page, input.programTitle, top - 314, fonts.bold, 24, NAVY, 640, 11);
  if (input.scoreSummary) centered(page, input.scoreSummary, top - 342, fonts.regular, 11, MUTED, 620, 7);
}

function drawDetails(page: PDFPage, fonts: Fonts, input: CertificatePdfInput): void {
  const rows: [string, string][] = [
    ['ISSUED', dateFormat.format(new Date(input.issuedAt))],
    ['VALID UNTIL', input.expiresAt === null ? 'Does not expire' : dateFormat.format(new Date(input.expiresAt))],
    ['CERTIFICATE ID', input.certificateId],
  ];
  let y = 176;
  for (const [label, value] of rows) {
    text(page, label, 70, y, fonts.bold, 7.5, MUTED);
    text(page, value, 70, y - 14, fonts.regular, fitSize(fonts.regular, value, 11, 330, 6), INK);
    y -= 40;
  }
}

function drawVerification(document: PDFDocument, page: PDFPage, fonts: Fonts, url: string): void {
  const qrSize = 112;
  const qrX = PAGE_WIDTH - 70 - qrSize;
  const qrY = 66;
  drawQrCode(page, url, qrX, qrY, qrSize);
  addLink(document, page, url, [qrX, qrY, qrSize, qrSize]);

  const right = qrX - 16;
  text(page, 'Verify this certificate', right, qrY + 80, fonts.bold, 10, NAVY, 'right');
  text(page, 'Scan the code or open the link to see its current status.', right, qrY + 64, fonts.regular, 7.5, MUTED, 'right');
  const urlSize = fitSize(fonts.regular, url, 8.5, 300, 5);
  const urlWidth = text(page, url, right, qrY + 46, fonts.regular, urlSize, NAVY, 'right');
  addLink(document, page, url, [right - urlWidth, qrY + 43, urlWidth, urlSize + 4]);
}

/** Renders the certificate; the caller stores the bytes once (certificates.pdf_path) and serves them. */
export async function renderCertificatePdf(input: CertificatePdfInput, options: CertificatePdfOptions = {}): Promise<Uint8Array> {
  const fontDir = options.fontDir ?? resolve(process.cwd(), 'assets/fonts');
  const [regularBytes, boldBytes] = await loadFontBytes(fontDir);
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await document.embedFont(regularBytes, { subset: true }),
    bold: await document.embedFont(boldBytes, { subset: true }),
  };

  const issued = new Date(input.issuedAt);
  document.setTitle(`${input.programTitle} — ${input.levelName} certificate for ${input.learnerName}`, { showInWindowTitleBar: true });
  document.setAuthor('Practicum');
  document.setSubject(`${input.levelName} certification in ${input.programTitle} awarded to ${input.learnerName} (certificate ${input.certificateId})`);
  document.setKeywords(['certificate', input.certificateId, input.programTitle, input.levelName]);
  document.setCreator('Practicum');
  document.setProducer('Practicum');
  document.setLanguage('en');
  document.setCreationDate(issued);
  document.setModificationDate(issued);

  const page = document.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  drawFrame(page);
  drawBody(page, fonts, input);
  drawDetails(page, fonts, input);
  drawVerification(document, page, fonts, input.verifyUrl);
  return document.save();
}
