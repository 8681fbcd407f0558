// The cohort report as a PDF, for paper and for passing on: A4 landscape (pdf-lib, with DejaVu Sans
// embedded so every learner's name prints, as on the certificate), the whole cohort — KPIs against
// the program's targets, competency by skill area, progress by session, then every learner with every
// column of the learner table — and "Page n of N" on each page. A row that does not fit starts a new
// page that repeats the table's header, and pages are only added for content that needs them, so the
// last page is never blank. Pure: the caller loads the dashboard (and checks access).
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { resolve } from 'node:path';
import { formatDateTime, percent } from '../../lib/format.ts';
import { loadFontBytes } from '../certificates/pdf.ts';
import type { CohortDashboard } from './dashboard.ts';
import type { LearnerRow } from './report.ts';

const PAGE_WIDTH = 841.89; // A4 landscape, points
const PAGE_HEIGHT = 595.28;
const MARGIN = 36;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Room kept free at the bottom of every page for the footer. */
const FOOTER_SPACE = 26;
const CELL_PAD = 2.5;
const YIELD_EVERY_ROWS = 200;

const INK = rgb(0.13, 0.14, 0.16);
const MUTED = rgb(0.36, 0.38, 0.43);
const NAVY = rgb(0.118, 0.227, 0.373);
const RULE = rgb(0.82, 0.83, 0.87);
const HEADER_FILL = rgb(0.93, 0.94, 0.96);
const ZEBRA = rgb(0.975, 0.978, 0.985);
const BAR = rgb(0.231, 0.31, 0.847);
const OK = rgb(0.09, 0.5, 0.24);
const WARN = rgb(0.63, 0.36, 0);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface ReportPdfOptions {
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; defaults to `<cwd>/assets/fonts`. */
  fontDir?: string;
  /** Certification level names by id, so a certified learner's level reads as on the cohort page. */
  levelNames?: Readonly<Record<string, string>>;
}

const advances = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of `text` at `size` from per-character advances measured once per font (pdf-lib's own
 * measure lays out the whole string through fontkit each time: too slow for thousands of cells).
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = advances.get(font);
  if (!widths) advances.set(font, (widths = new Map()));
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
    total += w;
  }
  return total * size;
}

/**
 * Makes the font encode text character by character, each character's glyph code looked up once.
 * pdf-lib shapes every string through fontkit's full layout (two thirds of the time of a large
 * report); the report's names, addresses and figures need no ligatures or kerning, and textWidth
 * measures the same per-character advances, so what is drawn and what was measured agree.
 */
function encodeByCharacter(font: PDFFont): void {
  const encodeOne = font.encodeText.bind(font);
  const codes = new Map<string, string>();
  font.encodeText = (text: string) => {
    let hex = '';
    for (const ch of text) {
      let code = codes.get(ch);
      if (code === undefined) codes.set(ch, (code = encodeOne(ch).asString()));
      hex += code;
    }
    return PDFHexString.of(hex);
  };
}

/** Splits text into lines no wider than `width`: at spaces, and inside words too long for a line (e-mail addresses). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(font, candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (textWidth(font, rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(font, rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

type Align = 'left' | 'right';

interface Column<T> {
  header: string;
  /**
   * Share of the table's width; in a table sized to its content, the column takes its widest cell
   * instead, and 0 keeps it from ever being narrower than that.
   */
  width: number;
  /** In a table sized to its content: the narrowest the column may get, in points. */
  min?: number;
  /** In a table sized to its content: the widest it may get, in points (longer content wraps). */
  max?: number;
  text: (row: T) => string;
  align?: Align;
  bold?: boolean;
  color?: (row: T) => RGB;
  /** A bar for a share (0..1) with an optional target marker, instead of text. */
  bar?: (row: T) => { value: number | null; target?: number | null };
  /** A second, muted line under the text in the same cell (a learner's address under their name). */
  sub?: (row: T) => string;
}

/** Lays content out top to bottom over as many pages as it needs. */
class ReportWriter {
  readonly pages: PDFPage[] = [];
  private page: PDFPage | null = null;
  private y = 0;

  private readonly document: PDFDocument;
  private readonly fonts: Fonts;

  constructor(document: PDFDocument, fonts: Fonts) {
    this.document = document;
    this.fonts = fonts;
  }

  private newPage(): PDFPage {
    const page = this.document.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(page);
    this.page = page;
    this.y = PAGE_HEIGHT - MARGIN;
    return page;
  }

  /** The current page with at least `height` points left above the footer (a new page when not). */
  private room(height: number): PDFPage {
    if (!this.page || this.y - height < MARGIN + FOOTER_SPACE) return this.newPage();
    return this.page;
  }

  private hasRoom(height: number): boolean {
    return this.page !== null && this.y - height >= MARGIN + FOOTER_SPACE;
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(value: string, { size = 9, font = this.fonts.regular, color = INK, after = 3 }: { size?: number; font?: PDFFont; color?: RGB; after?: number } = {}): void {
    for (const line of wrapText(value, font, size, CONTENT_WIDTH)) {
      const page = this.room(size * 1.3);
      this.y -= size * 1.3;
      page.drawText(line, { x: MARGIN, y: this.y + size * 0.3, size, font, color });
    }
    this.y -= after;
  }

  /** A section heading, kept on the page with at least `keep` points of what follows. */
  heading(value: string, keep = 60): void {
    if (!this.hasRoom(30 + keep)) this.newPage();
    else this.gap(8);
    this.text(value, { size: 13, font: this.fonts.bold, color: NAVY, after: 5 });
  }

  /**
   * Column widths from the content: each column as wide as its widest cell (headers wrap at spaces);
   * when that is wider than the page, the columns that may wrap give up the difference, each down to
   * at most its minimum; what is left over goes to the last column.
   */
  private fitColumns<T>(columns: readonly Column<T>[], rows: readonly T[], size: number): number[] {
    const longestWord = (text: string, font: PDFFont) => Math.max(0, ...text.split(/\s+/).map((w) => textWidth(font, w, size)));
    const natural = columns.map((c) => {
      const font = c.bold ? this.fonts.bold : this.fonts.regular;
      let widest = longestWord(c.header, this.fonts.bold);
      for (const row of rows) {
        widest = Math.max(widest, textWidth(font, c.text(row), size));
        if (c.sub) widest = Math.max(widest, textWidth(this.fonts.regular, c.sub(row), size));
      }
      return Math.min(c.max ?? Infinity, Math.ceil(widest + 2 * CELL_PAD + 4));
    });
    const widths = [...natural];
    const excess = widths.reduce((s, w) => s + w, 0) - CONTENT_WIDTH;
    if (excess > 0) {
      // Each column that may wrap gives in proportion to what it can spare above its minimum, so the
      // wrapping is spread (two lines here and there) rather than piled into one column.
      const spare = columns.map((c, i) => (c.width > 0 ? Math.max(0, (natural[i] ?? 0) - (c.min ?? 0)) : 0));
      const total = spare.reduce((s, v) => s + v, 0);
      if (total > 0) spare.forEach((v, i) => (widths[i] = (natural[i] ?? 0) - Math.min(v, (v / total) * excess)));
    }
    const last = widths.length - 1;
    const spare = CONTENT_WIDTH - widths.reduce((s, w) => s + w, 0);
    if (spare > 0) widths[last] = (widths[last] ?? 0) + spare;
    return widths;
  }

  async table<T>(columns: readonly Column<T>[], rows: readonly T[], size = 8, { fit = false }: { fit?: boolean } = {}): Promise<void> {
    const lineHeight = size * 1.25;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = fit ? this.fitColumns(columns, rows, size) : columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const lefts = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const cellLines = (text: string, i: number, font: PDFFont) => wrapText(text, font, size, (widths[i] ?? 0) - 2 * CELL_PAD);
    const headerLines = columns.map((c, i) => cellLines(c.header, i, this.fonts.bold));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * CELL_PAD;

    const drawHeader = (page: PDFPage) => {
      page.drawRectangle({ x: MARGIN, y: this.y - headerHeight, width: CONTENT_WIDTH, height: headerHeight, color: HEADER_FILL });
      columns.forEach((c, i) => this.cell(page, headerLines[i] ?? [], lefts[i] ?? 0, widths[i] ?? 0, this.fonts.bold, size, INK, c.align ?? 'left'));
      this.y -= headerHeight;
    };

    if (!this.hasRoom(headerHeight + lineHeight * 2 + 2 * CELL_PAD)) this.newPage();
    drawHeader(this.room(headerHeight));
    for (const [r, row] of rows.entries()) {
      // A large cohort takes seconds to lay out: let the server answer other requests meanwhile.
      if (r > 0 && r % YIELD_EVERY_ROWS === 0) await new Promise((done) => setImmediate(done));
      const lines = columns.map((c, i) => (c.bar ? [''] : cellLines(c.text(row), i, c.bold ? this.fonts.bold : this.fonts.regular)));
      const subs = columns.map((c, i) => (c.sub ? cellLines(c.sub(row), i, this.fonts.regular) : []));
      const height = Math.max(...lines.map((l, i) => l.length + (subs[i]?.length ?? 0))) * lineHeight + 2 * CELL_PAD;
      let page = this.page as PDFPage;
      if (!this.hasRoom(height)) {
        page = this.newPage();
        drawHeader(page);
      }
      if (r % 2 === 1) page.drawRectangle({ x: MARGIN, y: this.y - height, width: CONTENT_WIDTH, height, color: ZEBRA });
      columns.forEach((c, i) => {
        if (c.bar) this.bar(page, c.bar(row), lefts[i] ?? 0, widths[i] ?? 0, lineHeight);
        else this.cell(page, lines[i] ?? [], lefts[i] ?? 0, widths[i] ?? 0, c.bold ? this.fonts.bold : this.fonts.regular, size, c.color?.(row) ?? INK, c.align ?? 'left');
        const sub = subs[i] ?? [];
        if (sub.length) this.cell(page, sub, lefts[i] ?? 0, widths[i] ?? 0, this.fonts.regular, size, MUTED, c.align ?? 'left', lines[i]?.length ?? 0);
      });
      this.y -= height;
      page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + CONTENT_WIDTH, y: this.y }, thickness: 0.4, color: RULE });
    }
  }

  /** Draws a cell's lines from the row's top, `skip` lines down (below lines already drawn). */
  private cell(page: PDFPage, lines: readonly string[], left: number, width: number, font: PDFFont, size: number, color: RGB, align: Align, skip = 0): void {
    const lineHeight = size * 1.25;
    lines.forEach((line, n) => {
      if (!line) return;
      const y = this.y - CELL_PAD - (skip + n + 1) * lineHeight + size * 0.28;
      const x = align === 'right' ? left + width - CELL_PAD - textWidth(font, line, size) : left + CELL_PAD;
      page.drawText(line, { x, y, size, font, color });
    });
  }

  private bar(page: PDFPage, { value, target }: { value: number | null; target?: number | null }, left: number, width: number, lineHeight: number): void {
    const x = left + CELL_PAD;
    const w = width - 2 * CELL_PAD;
    const y = this.y - CELL_PAD - lineHeight + 1;
    page.drawRectangle({ x, y, width: w, height: lineHeight - 2, borderColor: RULE, borderWidth: 0.5 });
    if (value !== null) {
      const met = target === null || target === undefined ? null : value >= target;
      page.drawRectangle({ x, y, width: Math.max(0.5, Math.min(1, value) * w), height: lineHeight - 2, color: met === null ? BAR : met ? OK : WARN });
    }
    if (target !== null && target !== undefined) {
      const tx = x + Math.min(1, target) * w;
      page.drawLine({ start: { x: tx, y: y - 1.5 }, end: { x: tx, y: y + lineHeight - 0.5 }, thickness: 1.2, color: INK, dashArray: [2, 1.5] });
    }
  }

  /** "Page n of N" and what the report is, on every page, once the page count is known. */
  footers(left: string): void {
    const size = 7.5;
    this.pages.forEach((page, i) => {
      const label = `Page ${i + 1} of ${this.pages.length}`;
      page.drawLine({ start: { x: MARGIN, y: MARGIN + 12 }, end: { x: PAGE_WIDTH - MARGIN, y: MARGIN + 12 }, thickness: 0.4, color: RULE });
      page.drawText(left, { x: MARGIN, y: MARGIN, size, font: this.fonts.regular, color: MUTED });
      page.drawText(label, { x: PAGE_WIDTH - MARGIN - textWidth(this.fonts.regular, label, size), y: MARGIN, size, font: this.fonts.regular, color: MUTED });
    });
  }
}

// formatDate's wording ("23 Nov 2026"), with one formatter for the thousands of dates of a large cohort.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const formatDate = (ms: number) => dateFormat.format(ms);
const share = (value: number | null) => (value === null ? '—' : percent(value));
const metText = (met: boolean | null, hasTarget: boolean) => (!hasTarget ? '—' : met === null ? 'no data' : met ? 'met' : 'below target');
const metColor = (met: boolean | null): RGB => (met === true ? OK : met === false ? WARN : INK);

/**
 * The learner table's columns (those of the cohort page, the address under the name as there), sized
 * to their content; when too wide, the certification, flags and solutions viewed wrap (names and
 * addresses only past 200 points, some 50 characters).
 */
export function learnerColumns(levelNames: Readonly<Record<string, string>> = {}): Column<LearnerRow>[] {
  // A level name says "certified" already; any other state is named, with its level when there is one.
  const certification = (l: LearnerRow) => {
    const level = l.level ? (levelNames[l.level] ?? l.level) : null;
    if (l.certification === 'certified' && level) return level;
    const state = l.certification.replace('-', ' ');
    return level ? `${state} · ${level}` : state;
  };
  return [
    { header: 'Learner and email', width: 0, max: 200, text: (l) => l.name, bold: true, sub: (l) => l.email },
    { header: 'Progress (lessons)', width: 0, text: (l) => `${percent(l.progress)} · ${l.lessonsDone}/${l.lessonsTotal}`, align: 'right' },
    { header: 'Exercises', width: 0, text: (l) => `${l.exercisesPassed}/${l.exercisesTotal}`, align: 'right' },
    { header: 'Last active', width: 0, text: (l) => (l.lastActiveAt ? formatDate(l.lastActiveAt) : 'never') },
    { header: 'Certification', width: 2, min: 90, text: certification },
    { header: 'Best score', width: 0, text: (l) => share(l.bestScore), align: 'right' },
    { header: 'Attempts', width: 0, text: (l) => String(l.attempts), align: 'right' },
    { header: 'Flags', width: 4, min: 100, text: (l) => l.atRisk.join('; ') || '—', color: (l) => (l.atRisk.length ? WARN : MUTED) },
    { header: 'Solutions viewed', width: 5, min: 70, text: (l) => l.solutionsViewed.join('; ') || '—' },
  ];
}

/** The whole cohort's report; the same dashboard always renders the same bytes. */
export async function renderCohortReportPdf(dashboard: CohortDashboard, options: ReportPdfOptions = {}): Promise<Uint8Array> {
  const { report, programTitle } = dashboard;
  const fontDir = options.fontDir ?? resolve(process.cwd(), 'assets/fonts');
  const [regularBytes, boldBytes] = await loadFontBytes(fontDir);
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await document.embedFont(regularBytes, { subset: true }),
    bold: await document.embedFont(boldBytes, { subset: true }),
  };
  encodeByCharacter(fonts.regular);
  encodeByCharacter(fonts.bold);
  const generated = new Date(report.generatedAt);
  document.setTitle(`Cohort report: ${report.cohort.name}`, { showInWindowTitleBar: true });
  document.setSubject(`${programTitle} · ${report.memberCount} learners · generated ${formatDateTime(report.generatedAt)}`);
  document.setAuthor('Practicum');
  document.setCreator('Practicum');
  document.setProducer('Practicum');
  document.setLanguage('en');
  document.setCreationDate(generated);
  document.setModificationDate(generated);

  const w = new ReportWriter(document, fonts);
  const atRisk = report.learners.filter((l) => l.atRisk.length > 0).length;
  const dates = report.cohort.sessionDates.map((d) => formatDate(Date.parse(d))).join(', ');
  w.text(`Cohort report: ${report.cohort.name}`, { size: 18, font: fonts.bold, color: NAVY, after: 2 });
  w.text(`${programTitle} · ${report.memberCount === 1 ? '1 learner' : `${report.memberCount} learners`}${dates ? ` · sessions ${dates}` : ''} · generated ${formatDateTime(report.generatedAt)}`, { size: 9.5, color: MUTED, after: 6 });

  w.heading('KPIs against targets');
  type KpiRow = { label: string; value: string; target: string; status: string; met: boolean | null; detail: string };
  const kpis: KpiRow[] = report.kpis.map((k) => ({
    label: k.label,
    value: share(k.value),
    target: k.target === null ? '—' : percent(k.target),
    status: metText(k.met, k.target !== null),
    met: k.met,
    detail: k.detail,
  }));
  kpis.push({ label: 'At risk', value: String(atRisk), target: '—', status: '—', met: null, detail: 'learners inactive for 7 days or more, or behind the session schedule' });
  await w.table<KpiRow>(
    [
      { header: 'KPI', width: 22, text: (k) => k.label, bold: true },
      { header: 'Value', width: 10, text: (k) => k.value, align: 'right' },
      { header: 'Target', width: 10, text: (k) => k.target, align: 'right' },
      { header: 'Status', width: 12, text: (k) => k.status, color: (k) => metColor(k.met) },
      { header: 'Detail', width: 46, text: (k) => k.detail },
    ],
    kpis,
    8.5,
  );

  w.heading('Competency by skill area');
  w.text('Average score per skill area over each learner’s best attempt at the certification’s first level (taken or renewed); the dashed line is the target.', { size: 8, color: MUTED });
  await w.table(
    [
      { header: 'Skill area', width: 24, text: (c) => c.name, bold: true },
      { header: 'Average', width: 10, text: (c) => share(c.average), align: 'right' },
      { header: 'Target', width: 10, text: (c) => percent(c.target), align: 'right' },
      { header: 'Status', width: 12, text: (c) => metText(c.met, true), color: (c) => metColor(c.met) },
      { header: 'Learners assessed', width: 10, text: (c) => String(c.assessed), align: 'right' },
      { header: 'Chart (0–100 %)', width: 34, text: () => '', bar: (c) => ({ value: c.average, target: c.target }) },
    ],
    report.competency,
    8.5,
  );

  w.heading('Progress by session');
  w.text('Share of the session’s lessons completed and exercises passed, over every learner of the cohort.', { size: 8, color: MUTED });
  await w.table(
    [
      { header: 'Session', width: 30, text: (s) => `${s.number}. ${s.title}`, bold: true },
      { header: 'Date', width: 12, text: (s) => (s.date ? formatDate(Date.parse(s.date)) : '—') },
      { header: 'Lessons completed', width: 10, text: (s) => percent(s.lessonShare), align: 'right' },
      { header: '', width: 14, text: () => '', bar: (s) => ({ value: s.lessonShare }) },
      { header: 'Exercises passed', width: 10, text: (s) => percent(s.exerciseShare), align: 'right' },
      { header: '', width: 14, text: () => '', bar: (s) => ({ value: s.exerciseShare }) },
    ],
    report.sessions,
    8.5,
  );

  // Only once someone answered: the KPI table already says there is no program feedback yet.
  const programFeedback = dashboard.programFeedback;
  if (programFeedback && programFeedback.responses > 0) {
    w.heading('Program feedback');
    const rate = programFeedback.responseRate === null ? '' : ` (${percent(programFeedback.responseRate)} response rate)`;
    w.text(`${programFeedback.responses} of ${programFeedback.members} learners answered the end-of-program form${rate}. Average rating from 1 (Poor) to 5 (Excellent), and how many gave each point.`, { size: 8, color: MUTED });
    await w.table(
      [
        { header: 'Question', width: 40, text: (r) => r.label, bold: true },
        { header: 'Average', width: 12, text: (r) => (r.average === null ? '—' : `${r.average.toFixed(1)} / 5`), align: 'right' },
        { header: 'Answers 1 · 2 · 3 · 4 · 5', width: 24, text: (r) => r.counts.join(' · '), align: 'right' },
        { header: 'Chart (1–5)', width: 24, text: () => '', bar: (r) => ({ value: r.average === null ? null : (r.average - 1) / 4 }) },
      ],
      programFeedback.ratings,
      8.5,
    );
  }

  // Kept with its introduction, the table's header and its first rows (or the line saying there are none).
  w.heading(`Learners (${report.learners.length})`, report.learners.length ? 70 : 20);
  if (report.learners.length === 0) {
    w.text('No learner has joined this cohort yet.', { size: 9, color: MUTED });
  } else {
    w.text('Every learner of the cohort, by name. Flags: inactive for 7 days or more, or behind on a session whose date has passed.', { size: 8, color: MUTED });
    await w.table(learnerColumns(options.levelNames), report.learners, 7, { fit: true });
  }

  w.footers(`${report.cohort.name} · ${programTitle} · generated ${formatDateTime(report.generatedAt)}`);
  return document.save();
}

/** A file name for the download: the cohort's name in lowercase ASCII words. */
export function reportPdfFileName(cohortName: string): string {
  const slug = cohortName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cohort';
  return `${slug}-report.pdf`;
}
