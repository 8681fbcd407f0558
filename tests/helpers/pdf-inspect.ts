// Reads back what a certificate PDF shows, for tests: the text (via each font's ToUnicode CMap,
// as a PDF viewer's copy/search does), the link annotations, and the QR code's module matrix.
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import type { PDFDocument, PDFObject, PDFPage } from 'pdf-lib';

function streamText(document: PDFDocument, object: PDFObject | undefined): string {
  const stream = object ? document.context.lookup(object) : undefined;
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a stream');
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

function pageContent(document: PDFDocument, page: PDFPage): string {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents ? document.context.lookup(contents) : undefined;
  const parts = resolved instanceof PDFArray ? resolved.asArray() : [contents];
  return parts.map((part) => streamText(document, part)).join('\n');
}

/** Font resource name → (glyph code → Unicode text), from each font's ToUnicode bfchar entries. */
function toUnicodeMaps(document: PDFDocument, page: PDFPage): Map<string, Map<string, string>> {
  const maps = new Map<string, Map<string, string>>();
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = document.context.lookup(ref, PDFDict);
    const cmap = streamText(document, font.get(PDFName.of('ToUnicode')));
    const map = new Map<string, string>();
    for (const [, code = '', unicode = ''] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]*)>/g)) {
      const units = unicode.match(/.{4}/g) ?? [];
      map.set(code.toLowerCase(), String.fromCharCode(...units.map((unit) => parseInt(unit, 16))));
    }
    maps.set(name.decodeText(), map);
  }
  return maps;
}

/** Every string the page shows, one entry per text-showing operator, in drawing order. */
export function extractTextRuns(document: PDFDocument, page: PDFPage): string[] {
  const maps = toUnicodeMaps(document, page);
  const runs: string[] = [];
  let current: Map<string, string> | undefined;
  const operators = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g;
  for (const [, fontName, hex] of pageContent(document, page).matchAll(operators)) {
    if (fontName !== undefined) {
      current = maps.get(fontName);
      continue;
    }
    if (!current) throw new Error('text shown before a font was selected');
    const codes = (hex ?? '').toLowerCase().match(/.{4}/g) ?? [];
    runs.push(
      codes
        .map((code) => {
          const text = current?.get(code);
          if (text === undefined) throw new Error(`glyph ${code} has no Unicode mapping`);
          return text;
        })
        .join(''),
    );
  }
  return runs;
}

/** The page's fonts: name, PDF subtype and whether the font program is embedded in the file. */
export function embeddedFonts(document: PDFDocument, page: PDFPage): { baseFont: string; subtype: string; embedded: boolean }[] {
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  return (fonts?.entries() ?? []).map(([, ref]) => {
    const font = document.context.lookup(ref, PDFDict);
    const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict) ?? font;
    const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.get(PDFName.of(key)) !== undefined);
    return {
      baseFont: font.lookup(PDFName.of('BaseFont'), PDFName).decodeText(),
      subtype: font.lookup(PDFName.of('Subtype'), PDFName).decodeText(),
      embedded,
    };
  });
}

/** The URIs of the page's link annotations. */
export function linkUris(document: PDFDocument, page: PDFPage): string[] {
  const annotations = page.node.Annots()?.asArray() ?? [];
  return annotations.map((ref) => {
    const annotation = document.context.lookup(ref, PDFDict);
    const action = annotation.lookup(PDFName.of('A'), PDFDict);
    return action.lookup(PDFName.of('URI'), PDFString).decodeText();
  });
}

/** The dark modules drawn inside the `/<tag> BMC … EMC` block, as rows of booleans (row 0 on top). */
export function drawnQrMatrix(document: PDFDocument, page: PDFPage, tag: string): boolean[][] {
  const content = pageContent(document, page);
  const start = content.indexOf(`/${tag} BMC`);
  const end = content.indexOf('EMC', start);
  if (start < 0 || end < 0) throw new Error(`no /${tag} marked content on the page`);
  const rects = [...content.slice(start, end).matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number));
  const size = Math.max(...rects.map(([x = 0, , w = 0]) => x + w));
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [x = 0, y = 0, w = 0, h = 0] of rects) {
    if (h !== 1) throw new Error(`a QR run is ${h} modules tall`);
    const row = matrix[size - 1 - y];
    for (let col = x; col < x + w; col++) if (row) row[col] = true;
  }
  return matrix;
}
