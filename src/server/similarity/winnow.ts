// Fingerprints of submitted code and how much two of them share: the winnowing method behind MOSS
// and Dolos (Schleimer, Wilkerson & Aiken 2003), over TypeScript tokens.
//
// Why not @dodona/dolos-lib: it was tried first. It installs, but its parsers are tree-sitter native
// addons shipped for Node 20 (NODE_MODULE_VERSION 115); under the project's Node 26 they fail to load,
// npm's allowScripts policy skips their install scripts, and rebuilding means compiling some twenty
// grammars with node-gyp and a C toolchain on every machine that installs Practicum. So the tokens come
// from the TypeScript compiler's own scanner (`typescript`, already a dependency), and the winnowing
// and scoring are ours:
// - identifiers become one token and literals one per kind, so renaming variables or changing messages
//   and numbers changes nothing; comments and whitespace are not tokens at all;
// - every k consecutive tokens are hashed; in each window of w hashes the smallest is kept (the
//   fingerprint), which guarantees that any shared run of w + k - 1 tokens is detected;
// - fingerprints the exercise's starter already contains are dropped (everyone starts from them);
// - the score of a pair is the Sørensen–Dice coefficient of their distinct fingerprints,
//   2·|A∩B| / (|A| + |B|): Dolos's "similarity" without multiplicities. Reordering methods only
//   loses the few k-grams that straddle a method boundary, so a reordered copy still scores high;
// - matched fragments are runs of shared fingerprints lying on one diagonal (same offset between the
//   two token streams), turned into line ranges.
import ts from 'typescript';

/** Tokens per k-gram and hashes per window: small enough for 30-line tasks, large enough that shared idioms do not count. */
export const K = 12;
export const W = 8;

export interface Token {
  /** The normalised text: `id`, `str`, `num`, `re`, `tpl` or the token itself. */
  kind: number;
  line: number;
}

export interface FileFingerprints {
  file: string;
  /** Per k-gram start position: its hash (every k-gram, before winnowing). */
  hashes: Int32Array;
  /** Line of each token (1-based). */
  lines: Int32Array;
  /** Winnowed: positions (k-gram starts) of the chosen fingerprints. */
  picked: number[];
}

export interface Fingerprinted {
  files: FileFingerprints[];
  /** Distinct fingerprint hashes across the files, starter hashes removed. */
  set: Set<number>;
  /** Filled on first use by fragments(). */
  positions?: Map<number, { f: number; p: number }[]>;
}

export interface LineRange {
  file: string;
  start: number;
  end: number;
}

export interface Fragment {
  a: LineRange;
  b: LineRange;
  /** Shared fingerprints in the fragment. */
  fingerprints: number;
}

// Normalised token kinds share the scanner's SyntaxKind numbers; the classes get numbers above them.
const ID = 10_001;
const STR = 10_002;
const NUM = 10_003;
const RE = 10_004;
const TPL = 10_005;

// After these a `/` divides; anywhere else it starts a regular expression.
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard);

/** The normalised tokens of a TypeScript text, with their lines; never throws on broken code. */
export function tokenize(text: string): Token[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  scanner.setText(text);
  scanner.setOnError(undefined);
  const tokens: Token[] = [];
  // Brace depths at which a template's `${` was opened: the matching `}` continues the template.
  const templates: number[] = [];
  let depth = 0;
  let previous: ts.SyntaxKind = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
      if (!ENDS_EXPRESSION.has(previous)) kind = scanner.reScanSlashToken();
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      depth++;
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else depth--;
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      templates.push(depth);
    }
    const line = lineOf(scanner.getTokenStart());
    previous = kind;
    switch (kind) {
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.PrivateIdentifier:
        tokens.push({ kind: ID, line });
        break;
      case ts.SyntaxKind.StringLiteral:
        tokens.push({ kind: STR, line });
        break;
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
        tokens.push({ kind: NUM, line });
        break;
      case ts.SyntaxKind.RegularExpressionLiteral:
        tokens.push({ kind: RE, line });
        break;
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
        tokens.push({ kind: TPL, line });
        break;
      // Separators a formatter adds or drops freely.
      case ts.SyntaxKind.SemicolonToken:
      case ts.SyntaxKind.CommaToken:
        break;
      default:
        tokens.push({ kind, line });
    }
  }
  return tokens;
}

/** The hash of each k-gram (FNV-1a over the token kinds), as 32-bit integers. */
export function kgramHashes(tokens: readonly Token[], k = K): Int32Array {
  const n = Math.max(0, tokens.length - k + 1);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < k; j++) {
      const kind = tokens[i + j]?.kind ?? 0;
      h = Math.imul(h ^ (kind & 0xff), 0x01000193);
      h = Math.imul(h ^ (kind >>> 8), 0x01000193);
    }
    out[i] = h;
  }
  return out;
}

/** Robust winnowing: the rightmost minimum of each window, each position recorded once. */
export function winnow(hashes: Int32Array, w = W): number[] {
  const picked: number[] = [];
  if (hashes.length === 0) return picked;
  if (hashes.length <= w) {
    let min = 0;
    for (let i = 1; i < hashes.length; i++) if ((hashes[i] ?? 0) <= (hashes[min] ?? 0)) min = i;
    return [min];
  }
  let last = -1;
  for (let start = 0; start + w <= hashes.length; start++) {
    let min = start;
    for (let i = start + 1; i < start + w; i++) if ((hashes[i] ?? 0) <= (hashes[min] ?? 0)) min = i;
    if (min !== last) {
      picked.push(min);
      last = min;
    }
  }
  return picked;
}

/** Every k-gram hash of the starter files: what no submission gets credit or blame for. */
export function starterHashes(files: Readonly<Record<string, string>>): Set<number> {
  const set = new Set<number>();
  for (const text of Object.values(files)) for (const h of kgramHashes(tokenize(text))) set.add(h);
  return set;
}

/** A submission's fingerprints (files in name order), starter fingerprints dropped. */
export function fingerprint(files: Readonly<Record<string, string>>, starter: ReadonlySet<number>): Fingerprinted {
  const out: FileFingerprints[] = [];
  const set = new Set<number>();
  for (const file of Object.keys(files).sort()) {
    const tokens = tokenize(files[file] ?? '');
    const hashes = kgramHashes(tokens);
    const picked = winnow(hashes).filter((p) => !starter.has(hashes[p] ?? 0));
    for (const p of picked) set.add(hashes[p] ?? 0);
    out.push({ file, hashes, lines: Int32Array.from(tokens, (t) => t.line), picked });
  }
  return { files: out, set };
}

/** Sørensen–Dice of the distinct fingerprints, and how many are shared. */
export function score(a: Fingerprinted, b: Fingerprinted): { score: number; shared: number } {
  const [small, large] = a.set.size <= b.set.size ? [a.set, b.set] : [b.set, a.set];
  let shared = 0;
  for (const h of small) if (large.has(h)) shared++;
  const total = a.set.size + b.set.size;
  return { score: total === 0 ? 0 : (2 * shared) / total, shared };
}

/** Where each fingerprint of a submission is (file index, k-gram start), computed once per submission. */
function positions(fp: Fingerprinted): Map<number, { f: number; p: number }[]> {
  if (fp.positions) return fp.positions;
  const where = new Map<number, { f: number; p: number }[]>();
  fp.files.forEach((file, f) => {
    for (const p of file.picked) {
      const h = file.hashes[p] ?? 0;
      const list = where.get(h);
      if (list) list.push({ f, p });
      else where.set(h, [{ f, p }]);
    }
  });
  fp.positions = where;
  return where;
}

interface Hit {
  fa: number;
  pa: number;
  fb: number;
  pb: number;
}

/** The matched fragments of two submissions: shared fingerprints grouped by file pair and diagonal. */
export function fragments(a: Fingerprinted, b: Fingerprinted): Fragment[] {
  const where = positions(b);
  const hits: Hit[] = [];
  a.files.forEach((file, fa) => {
    for (const pa of file.picked) for (const at of where.get(file.hashes[pa] ?? 0) ?? []) hits.push({ fa, pa, fb: at.f, pb: at.p });
  });
  hits.sort((x, y) => x.fa - y.fa || x.fb - y.fb || x.pb - x.pa - (y.pb - y.pa) || x.pa - y.pa);
  const out: Fragment[] = [];
  let run: Hit[] = [];
  const flush = () => {
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) return;
    const fileA = a.files[first.fa];
    const fileB = b.files[first.fb];
    if (!fileA || !fileB) return;
    const line = (file: FileFingerprints, p: number) => file.lines[Math.min(p, file.lines.length - 1)] ?? 1;
    out.push({
      a: { file: fileA.file, start: line(fileA, first.pa), end: line(fileA, last.pa + K - 1) },
      b: { file: fileB.file, start: line(fileB, first.pb), end: line(fileB, last.pb + K - 1) },
      fingerprints: run.length,
    });
    run = [];
  };
  for (const hit of hits) {
    const prev = run[run.length - 1];
    // The same diagonal, close enough that the two k-grams' tokens overlap or touch a window apart.
    if (prev && (prev.fa !== hit.fa || prev.fb !== hit.fb || prev.pb - prev.pa !== hit.pb - hit.pa || hit.pa - prev.pa > K + W)) flush();
    run.push(hit);
  }
  flush();
  return mergeFragments(out).sort((x, y) => x.a.file.localeCompare(y.a.file) || x.a.start - y.a.start);
}

/** Fragments whose ranges overlap on both sides become one (a line split across diagonals, e.g. after an inserted token). */
function mergeFragments(list: Fragment[]): Fragment[] {
  const sorted = [...list].sort((x, y) => x.a.file.localeCompare(y.a.file) || x.b.file.localeCompare(y.b.file) || x.a.start - y.a.start);
  const out: Fragment[] = [];
  for (const f of sorted) {
    const prev = out[out.length - 1];
    const overlaps = (p: LineRange, q: LineRange) => p.file === q.file && q.start <= p.end + 1 && p.start <= q.end + 1;
    if (prev && overlaps(prev.a, f.a) && overlaps(prev.b, f.b)) {
      prev.a = { file: prev.a.file, start: Math.min(prev.a.start, f.a.start), end: Math.max(prev.a.end, f.a.end) };
      prev.b = { file: prev.b.file, start: Math.min(prev.b.start, f.b.start), end: Math.max(prev.b.end, f.b.end) };
      prev.fingerprints += f.fingerprints;
    } else out.push({ a: { ...f.a }, b: { ...f.b }, fingerprints: f.fingerprints });
  }
  return out;
}
