// The copies of the code under test that a write-tests exercise's learner tests run against after
// the real implementation (which runs as the starter ships it): the control — the real
// implementation under another layout, which must survive — and each mutant. Every copy gets a
// random layout of its own: a nonce statement on a new first line and no-op statements
// (`void 0;`) at random statement boundaries. So the layout of the real run is the only one a
// learner can ever observe, and a test that recognises it (line and column numbers in a stack
// trace or a V8 CallSite, the script hash a CallSite exposes) fails on the control; the source
// text itself cannot be read at all (Function.prototype.toString is neutralised in the fork, see
// source-text-guard.ts). What tells the copies apart is behaviour, and behaviour only.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parseAst } from 'vite';
import type { LoadedExercise } from '../../content/exercise-folder.ts';

type Node = { type: string; start: number; end: number; [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';
const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock']);
const CODE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

/** A TypeScript overload signature: no statement may come between it and its implementation. */
function isSignature(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'TSDeclareFunction') return true;
  const declaration = node['declaration'];
  return (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') && isNode(declaration) && declaration.type === 'TSDeclareFunction';
}

/** Offsets of statements a no-op statement may be put in front of without changing what the code does. */
function insertionPoints(program: Node): number[] {
  const points: number[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    if (STATEMENT_LISTS.has(node.type) && Array.isArray(node['body'])) {
      const body = node['body'] as Node[];
      body.forEach((statement, i) => {
        // a directive ("use strict") stops being one with a statement in front of it
        if (statement.type === 'ExpressionStatement' && typeof statement['directive'] === 'string') return;
        if (isSignature(statement) || isSignature(body[i - 1])) return;
        points.push(statement.start);
      });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'type' && key !== 'start' && key !== 'end' && typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(program);
  return points;
}

/** Random choices of a layout; injectable so tests can pin them. */
export interface LayoutRandom {
  /** A whole number in [0, max). */
  int(max: number): number;
  nonce(): string;
}

export const cryptoRandom: LayoutRandom = { int: (max) => randomInt(max), nonce: () => randomUUID() };

/**
 * The same module under a random layout: `void "<nonce>";` on line 1 and, in front of about half
 * of the statements in statement lists (module body, blocks, static blocks), one to three lines
 * of `void 0;`. Behaviour is unchanged: the inserted statements do nothing, are never put in front
 * of a directive or between an overload signature and its implementation, and a statement that
 * starts with `void` can never continue the previous line. Files that are not code stay as they are.
 */
export function relayout(source: string, path: string, random: LayoutRandom = cryptoRandom): string {
  if (!CODE_FILE.test(path)) return source;
  let points: number[];
  try {
    const program = parseAst(source, { lang: /\.[cm]?ts$/.test(path) ? 'ts' : 'js', sourceType: 'module' }, path) as unknown as Node;
    points = insertionPoints(program).sort((a, b) => a - b);
  } catch {
    // a copy that does not parse fails in the run whatever its layout; it still gets its nonce
    points = [];
  }
  let out = '';
  let from = 0;
  for (const at of points) {
    const lines = random.int(2) === 0 ? 0 : 1 + random.int(3);
    if (lines === 0) continue;
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    const lead = source.slice(lineStart, at);
    const indent = /^[ \t]*$/.test(lead) ? lead : '';
    out += source.slice(from, at) + `void 0;\n${indent}`.repeat(lines);
    from = at;
  }
  out += source.slice(from);
  const nonce = `void ${JSON.stringify(random.nonce())};\n`;
  if (out.startsWith('#!')) {
    const end = out.indexOf('\n') + 1 || out.length;
    return out.slice(0, end) + nonce + out.slice(end);
  }
  return nonce + out;
}

async function listFiles(root: string): Promise<Map<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    files.set(relative(root, full).split(sep).join('/'), full);
  }
  return files;
}

export interface CodeUnderTest {
  /** Files (relative to starter/) replaced in the control and mutant runs: each one a mutant changes. */
  paths: string[];
  /** Override files (path → absolute file) of the control: the real implementation, newly laid out. */
  control(): Promise<Map<string, string>>;
  /** Override files of a mutant, newly laid out on each call. */
  mutant(id: string): Promise<Map<string, string>>;
  /** Removes every file written; call once grading is over. */
  dispose(): Promise<void>;
}

/**
 * Reads the exercise's mutants and the starter files they replace. Written copies go to a private
 * folder under `parentDir` (the grader's run folder parent), removed by dispose().
 */
export async function loadCodeUnderTest(exercise: LoadedExercise, mutantIds: readonly string[], parentDir: string): Promise<CodeUnderTest> {
  const id = exercise.definition.id;
  const editable = new Set(exercise.definition.editable);
  const starterDir = join(exercise.dir, 'starter');
  const mutants = new Map<string, Map<string, string>>();
  for (const mutant of mutantIds) {
    const files = await listFiles(join(exercise.dir, 'tests', 'hidden', 'mutants', mutant));
    if (files.size === 0) throw new Error(`mutant "${mutant}" of "${id}" has no files`);
    for (const path of files.keys()) {
      if (editable.has(path)) throw new Error(`mutant "${mutant}" of "${id}" replaces ${path}, a file the learner edits`);
    }
    mutants.set(mutant, files);
  }
  const paths = [...new Set([...mutants.values()].flatMap((files) => [...files.keys()]))].sort();
  const starterText = new Map<string, string>();
  for (const path of paths) {
    try {
      starterText.set(path, await readFile(join(starterDir, path), 'utf8'));
    } catch (error) {
      // a file only a mutant has (an extra module it adds): the real implementation has no such file
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  await mkdir(parentDir, { recursive: true });
  const root = await mkdtemp(join(parentDir, 'layouts-'));
  let copies = 0;
  const write = async (texts: ReadonlyMap<string, string>): Promise<Map<string, string>> => {
    const dir = join(root, String(copies++));
    const out = new Map<string, string>();
    for (const [path, text] of texts) {
      const target = join(dir, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, relayout(text, path));
      out.set(path, target);
    }
    return out;
  };
  return {
    paths,
    control: () => write(starterText),
    async mutant(mutant) {
      const files = mutants.get(mutant);
      if (!files) throw new Error(`"${mutant}" is not a mutant of "${id}"`);
      const texts = new Map(starterText);
      for (const [path, file] of files) texts.set(path, await readFile(file, 'utf8'));
      return write(texts);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
