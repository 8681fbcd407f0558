import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { QR_ERROR_CORRECTION, QR_MARKED_CONTENT_TAG, renderCertificatePdf } from '../../../src/server/certificates/pdf.ts';
import type { CertificatePdfInput } from '../../../src/server/certificates/pdf.ts';
import { drawnQrMatrix, embeddedFonts, extractTextRuns, linkUris } from '../../helpers/pdf-inspect.ts';

const id = 'k3x7q2mz5v8w4r6t9y2b3n5c7d1f4g6h8j0l2p4s';
const input: CertificatePdfInput = {
  certificateId: id,
  learnerName: 'Zoë Ålander',
  programTitle: 'TypeScript Foundations',
  levelName: 'Associate',
  issuedAt: Date.UTC(2026, 10, 23, 7, 30),
  expiresAt: Date.UTC(2028, 10, 23, 7, 30),
  verifyUrl: `https://practicum.example.com/verify/${id}`,
  scoreSummary: 'Overall 86% · Types 90% · Testing 78%',
};

async function render(overrides: Partial<CertificatePdfInput> = {}, base: CertificatePdfInput = input) {
  const bytes = await renderCertificatePdf({ ...base, ...overrides });
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = document.getPage(0);
  return { bytes, document, page, text: extractTextRuns(document, page) };
}

const qrMatrix = (url: string): boolean[][] => {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.data[row * modules.size + col] === 1));
};

describe('certificate PDF', () => {
  it('is a one-page A4 landscape PDF with descriptive metadata', async () => {
    const { bytes, document, page } = await render();
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(document.getPageCount()).toBe(1);
    expect(page.getSize().width).toBeCloseTo(841.89, 1);
    expect(page.getSize().height).toBeCloseTo(595.28, 1);
    expect(document.getTitle()).toBe('TypeScript Foundations — Associate certificate for Zoë Ålander');
    expect(document.getAuthor()).toBe('Practicum');
    expect(document.getSubject()).toContain(id);
    expect(document.getCreationDate()?.getTime()).toBe(input.issuedAt);
  });

  it('shows the name, program, level, dates, certificate id and verify URL as text', async () => {
    const { text } = await render();
    expect(text).toEqual(
      expect.arrayContaining([
        'Zoë Ålander',
        'TypeScript Foundations',
        'has been awarded the Associate certification in',
        '23 November 2026',
        '23 November 2028',
        id,
        input.verifyUrl,
        'Overall 86% · Types 90% · Testing 78%',
      ]),
    );
  });

  it('says when a certificate does not expire and leaves out a missing score line', async () => {
    const withoutScore = Object.fromEntries(Object.entries(input).filter(([name]) => name !== 'scoreSummary')) as CertificatePdfInput;
    const { text } = await render({ expiresAt: null }, withoutScore);
    expect(text).toContain('Does not expire');
    expect(text.some((run) => run.startsWith('Overall'))).toBe(false);
  });

  it.each(['Иван Петров', 'Γιώργος Παπαδόπουλος', 'Zoë Ålander-Ñúñez', 'Łukasz Żółć'])('renders the non-Latin or accented name %s', async (learnerName) => {
    const { text, document } = await render({ learnerName });
    expect(text).toContain(learnerName);
    expect(document.getTitle()).toContain(learnerName);
  });

  it('embeds its own font instead of relying on the standard 14', async () => {
    const { bytes, document, page } = await render({ learnerName: 'Иван Петров' });
    const fonts = embeddedFonts(document, page);
    // pdf-lib adds a resource name per drawText call; they all point at the same two fonts.
    expect(new Set(fonts.map((font) => font.baseFont)).size).toBe(2);
    // A subset is named with its six-letter tag (ISO 32000-1 §9.6.4): "ABCDEF+DejaVuSans".
    for (const font of fonts) expect(font).toMatchObject({ subtype: 'Type0', baseFont: expect.stringMatching(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/), embedded: true });
    // Subset: the two DejaVu files are ~1.4 MB, the whole certificate far less.
    expect(bytes.length).toBeLessThan(120_000);
  });

  it('shrinks a very long name to fit the page instead of running off it', async () => {
    const learnerName = 'Maximiliana Alexandrovna Konstantinopoulou-Vanderbilt de la Cruz y Montenegro';
    const { text } = await render({ learnerName });
    expect(text).toContain(learnerName);
  });

  it('draws a QR code that encodes exactly the verify URL', async () => {
    const { document, page } = await render();
    const drawn = drawnQrMatrix(document, page, QR_MARKED_CONTENT_TAG);
    expect(drawn).toEqual(qrMatrix(input.verifyUrl));
    expect(drawn).not.toEqual(qrMatrix(`https://practicum.example.com/verify/${id.replace('k', 'x')}`));
  });

  it('links the QR code and the printed URL to the verify page', async () => {
    const { document, page } = await render();
    expect(linkUris(document, page)).toEqual([input.verifyUrl, input.verifyUrl]);
  });
});
