// The main process's side of a coverage run (coverage-probe.ts is the child's): turns the raw V8
// block coverage each test module reported into istanbul counts per measured file, the way
// @vitest/coverage-v8 does (ast-v8-to-istanbul over the code the module runner ran, through its
// source map), and sums them into lines, statements, functions and branches per file. The grader's
// own selection of files decides what is measured: no configuration of the learner's takes part,
// and a file no test loaded counts with everything uncovered. What the child reported is checked for
// shape and size before it is used; a module that reported nothing (its file failed to load, or the
// process died) is named, so the caller can say why coverage is missing.
import convert, { type Options } from 'ast-v8-to-istanbul';
import { pathToFileURL } from 'node:url';
import { parseAstAsync } from 'vite';
import { COVERAGE_METRICS, type CoverageCounts, type FileCoverage } from '../../lib/grade-result.ts';
import type { ProbedScript } from './coverage-probe.ts';
import type { SlotOutcome } from './vitest-slot.ts';

type FunctionCoverage = ProbedScript['functions'][number];
type FileData = Awaited<ReturnType<typeof convert>>[string];
type Counts = { s: Map<string, number>; f: Map<string, number>; b: Map<string, number[]>; data: FileData | null };

/** Caps on what one child may report: far above any exercise, far below what could hurt the server. */
const MAX_SCRIPTS = 200;
const MAX_FUNCTIONS = 20_000;
const MAX_RANGES = 50_000;

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** The child's report, if it has the shape the probe writes (else null: nothing of it is used). */
export function readProbedScripts(value: unknown): ProbedScript[] | null {
  if (!Array.isArray(value) || value.length > MAX_SCRIPTS) return null;
  let functions = 0;
  let ranges = 0;
  const scripts: ProbedScript[] = [];
  for (const item of value as unknown[]) {
    const s = item as Partial<ProbedScript> | null;
    if (typeof s !== 'object' || s === null || typeof s.url !== 'string' || !isCount(s.startOffset) || !Array.isArray(s.functions)) return null;
    functions += s.functions.length;
    if (functions > MAX_FUNCTIONS) return null;
    const fns: FunctionCoverage[] = [];
    for (const fn of s.functions as unknown[]) {
      const f = fn as Partial<FunctionCoverage> | null;
      if (typeof f !== 'object' || f === null || typeof f.functionName !== 'string' || typeof f.isBlockCoverage !== 'boolean' || !Array.isArray(f.ranges)) return null;
      ranges += f.ranges.length;
      if (ranges > MAX_RANGES) return null;
      const rs = (f.ranges as unknown[]).map((r) => r as Partial<FunctionCoverage['ranges'][number]> | null);
      if (!rs.every((r) => r !== null && typeof r === 'object' && isCount(r.startOffset) && isCount(r.endOffset) && isCount(r.count))) return null;
      fns.push({
        functionName: f.functionName,
        isBlockCoverage: f.isBlockCoverage,
        ranges: rs.map((r) => ({ startOffset: r?.startOffset ?? 0, endOffset: r?.endOffset ?? 0, count: r?.count ?? 0 })),
      });
    }
    scripts.push({ url: s.url, startOffset: s.startOffset, functions: fns });
  }
  return scripts;
}

type AstNode = { type: string; [key: string]: unknown };
const name = (node: unknown): string | undefined => {
  const n = node as AstNode | null | undefined;
  return n?.type === 'Identifier' && typeof n['name'] === 'string' ? n['name'] : undefined;
};

/**
 * What the module runner's transform adds to a module and the learner did not write: the import
 * bindings (`const __vite_ssr_import_0__ = await __vite_ssr_import__(…)`), the export getters
 * (`__vite_ssr_exportName__("x", () => …)`) and `import.meta` set-up. @vitest/coverage-v8 leaves
 * the same nodes out; counting them would count code nobody can test.
 */
const ignoreNode: NonNullable<Options['ignoreNode']> = (node, type) => {
  const n = node as unknown as AstNode;
  if (type === 'statement' && n.type === 'VariableDeclarator' && name(n['id'])?.startsWith('__vite_ssr_')) return 'ignore-this-and-nested-nodes';
  if (n.type === 'ExpressionStatement') {
    const expression = n['expression'] as AstNode;
    if (expression.type === 'CallExpression' && name(expression['callee'])?.startsWith('__vite_ssr_')) return 'ignore-this-and-nested-nodes';
    if (expression.type === 'AssignmentExpression') {
      const left = expression['left'] as AstNode;
      if (left.type === 'MemberExpression' && name(left['object'])?.startsWith('__vite_ssr_')) return 'ignore-this-and-nested-nodes';
    }
  }
  return undefined;
};

function emptyCounts(): Counts {
  return { s: new Map(), f: new Map(), b: new Map(), data: null };
}

/** Adds one conversion's hits (the same compiled code each time, so the same keys). */
function addHits(into: Counts, data: FileData): void {
  const d = data as { statementMap: Record<string, { start: { line: number } }>; s: Record<string, number>; f: Record<string, number>; b: Record<string, number[]> };
  into.data ??= data;
  for (const [k, v] of Object.entries(d.s)) into.s.set(k, (into.s.get(k) ?? 0) + v);
  for (const [k, v] of Object.entries(d.f)) into.f.set(k, (into.f.get(k) ?? 0) + v);
  for (const [k, v] of Object.entries(d.b)) {
    const before = into.b.get(k);
    into.b.set(k, before ? before.map((n, i) => n + (v[i] ?? 0)) : [...v]);
  }
}

/** istanbul's summary: a line is covered when a statement starting on it ran. */
function summarise(counts: Counts): CoverageCounts {
  const statementMap = (counts.data as { statementMap?: Record<string, { start: { line: number } }> } | null)?.statementMap ?? {};
  const lines = new Map<number, number>();
  for (const [k, hits] of counts.s) {
    const line = statementMap[k]?.start.line;
    if (line !== undefined) lines.set(line, Math.max(lines.get(line) ?? 0, hits));
  }
  const branches = [...counts.b.values()].flat();
  const count = (values: Iterable<number>): { covered: number; total: number } => {
    let covered = 0;
    let total = 0;
    for (const v of values) {
      total++;
      if (v > 0) covered++;
    }
    return { covered, total };
  };
  return { lines: count(lines.values()), statements: count(counts.s.values()), functions: count(counts.f.values()), branches: count(branches) };
}

function sourceMapFor(map: unknown, url: string): Options['sourceMap'] | undefined {
  if (typeof map !== 'object' || map === null || typeof (map as { mappings?: unknown }).mappings !== 'string' || (map as { mappings: string }).mappings === '') return undefined;
  const m = map as NonNullable<Options['sourceMap']> & { sources?: (string | null)[] };
  const sources = (m.sources ?? []).filter((s): s is string => s !== null).map((s) => new URL(s, url).href);
  return { ...m, sources: sources.length > 0 ? sources : [url] };
}

async function convertScript(file: string, code: string, map: unknown, functions: FunctionCoverage[], wrapperLength: number): Promise<FileData | null> {
  const url = pathToFileURL(file).href;
  const sourceMap = sourceMapFor(map, url);
  const data = await convert({
    code,
    ...(sourceMap ? { sourceMap } : {}),
    ast: parseAstAsync(code) as unknown as Options['ast'],
    coverage: { url, functions },
    wrapperLength,
    ignoreNode,
  });
  const entries = Object.entries(data);
  const own = entries.find(([path]) => path === file) ?? (entries.length === 1 ? entries[0] : undefined);
  return own ? own[1] : null;
}

export interface CoverageMeasurement {
  /** Per measured file (relative path), in the order asked. */
  files: FileCoverage[];
  /** Test modules (paths as given to the run) that reported no coverage. */
  unreported: string[];
  /** Measured files the run could not compile (no numbers for them). */
  uncompiled: string[];
}

/**
 * Coverage of `measured` (paths relative to the run's starter/, as the run's coverage option named
 * them) from a finished coverage run. Throws when the run was not a coverage run.
 */
export async function measureCoverage(outcome: SlotOutcome, measured: readonly string[]): Promise<CoverageMeasurement> {
  const run = outcome.coverage;
  if (!run) throw new Error('not a coverage run, or it was stopped');
  const byFile = new Map<string, { startOffset: number; functions: FunctionCoverage[] }[]>();
  const unreported: string[] = [];
  for (const module of outcome.modules) {
    const scripts = readProbedScripts((module.meta() as Record<string, unknown>)[run.key]);
    if (!scripts) {
      unreported.push(module.moduleId);
      continue;
    }
    for (const script of scripts) {
      let path: string;
      try {
        path = decodeURIComponent(new URL(script.url).pathname);
      } catch {
        continue;
      }
      if (!run.sources.has(path)) continue;
      byFile.set(path, [...(byFile.get(path) ?? []), { startOffset: script.startOffset, functions: script.functions }]);
    }
  }
  const files: FileCoverage[] = [];
  const uncompiled: string[] = [];
  for (const relative of measured) {
    const file = `${run.root}/${relative}`;
    const source = run.sources.get(file);
    const counts = emptyCounts();
    if (!source) {
      uncompiled.push(relative);
      files.push({ file: relative, ...summarise(counts) });
      continue;
    }
    const scripts = byFile.get(file) ?? [];
    // a file no test loaded: converted with no ranges, so everything in it counts as not run
    for (const script of scripts.length > 0 ? scripts : [{ startOffset: 0, functions: [] }]) {
      const data = await convertScript(file, source.code, source.map, script.functions, script.startOffset);
      if (data) addHits(counts, data);
    }
    files.push({ file: relative, ...summarise(counts) });
  }
  return { files, unreported, uncompiled };
}

/** All files together. */
export function totalOf(files: readonly FileCoverage[]): CoverageCounts {
  const total = Object.fromEntries(COVERAGE_METRICS.map((m) => [m, { covered: 0, total: 0 }])) as CoverageCounts;
  for (const f of files) {
    for (const m of COVERAGE_METRICS) {
      total[m].covered += f[m].covered;
      total[m].total += f[m].total;
    }
  }
  return total;
}
