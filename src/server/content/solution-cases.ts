// The files of a solution-corpus case (exercises/<id>/tests/wrong|right/<case>/): the one answer the
// proofs, content:check, the type-check of cases, the grade CLI and the demo ask. A case is either a
// whole project laid out like starter/, or an overlay: a case.json ({"over": "solution", "remove":
// [...]}) beside only the files it changes, laid over the reference solution (solutions/<id>/), so a
// fix to the solution reaches every case and a case shows nothing but its mistake. A removed file is
// one the case does not submit: the grader then uses the starter's version, as for a learner who
// never touched it. Rendered variants of a task are ordinary content folders, so overlays work there.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { z } from 'astro/zod';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { submittablePaths } from '../../lib/contracts/submission.ts';
import { formatIssue, type ContentIssue } from './issues.ts';

/** The file that makes a case an overlay; never part of the case's files. */
export const CASE_FILE = 'case.json';

/** tests/wrong/ holds plausible mistakes that must fail; tests/right/ other correct solutions that must pass. */
export const CASE_KINDS = ['wrong', 'right'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** A case that cannot be read: the issue names its folder or case.json, and the fix. */
export class SolutionCaseError extends Error {
  override readonly name = 'SolutionCaseError';
  readonly issue: ContentIssue;
  constructor(issue: ContentIssue) {
    super(formatIssue(issue));
    this.issue = issue;
  }
}

/** A '/'-separated path inside the project: no "..", no absolute path, nothing to normalise away. */
function isInsidePath(path: string): boolean {
  if (path === '' || path.includes('\\') || path.includes('\0') || path.startsWith('/')) return false;
  if (posix.normalize(path) !== path) return false;
  return !path.split('/').some((segment) => segment === '..' || segment === '.');
}

const caseFileSchema = z.strictObject({
  /** What the case is ("Wrong: …" / "Right: …"), for an overlay whose files cannot say it in a first-line comment (it may hold none). */
  about: z.string().trim().min(1, { message: 'must say what the case is, or be left out' }).optional(),
  over: z.literal('solution', { message: 'must be "solution": an overlay is laid over the reference solution' }),
  remove: z
    .array(z.string().refine(isInsidePath, { message: 'must be a path inside the project, relative to it and "/"-separated (e.g. "README.md"), without ".."' }))
    .default([]),
});
export type CaseFile = z.infer<typeof caseFileSchema>;

export interface SolutionCase {
  /** Where the case is, for messages (exercises/<id>/tests/<kind>/<case>). */
  where: string;
  /** Its case.json, or null for a whole-project case. */
  overlay: CaseFile | null;
  /** The files the folder itself holds, case.json aside: path ('/'-separated, relative to the case) → text. */
  own: Readonly<Record<string, string>>;
  /** The case as a project laid out like starter/: its own files, over the solution's for an overlay. */
  files: Readonly<Record<string, string>>;
}

/** Every file under `dir` ('/'-separated, relative to it) → text; a link is refused, since it could lead anywhere. */
function readTree(dir: string, where: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink()) throw new SolutionCaseError({ file: `${where}/${path}`, message: 'is a link: a case holds plain files only' });
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) files[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return files;
}

function readCaseFile(dir: string, where: string): CaseFile | null {
  const path = join(dir, CASE_FILE);
  if (!existsSync(path)) return null;
  const file = `${where}/${CASE_FILE}`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SolutionCaseError({ file, message: `is not valid JSON (${error instanceof Error ? error.message : String(error)}): write {"over": "solution", "remove": [...]}` });
  }
  const parsed = caseFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first?.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('') || undefined;
    const message = first?.code === 'unrecognized_keys' ? `${first.message}: case.json has only "over", "remove" and "about"` : (first?.message ?? 'is invalid');
    throw new SolutionCaseError({ file, ...(field ? { field } : {}), message });
  }
  return parsed.data;
}

export interface CaseFolder {
  /** The case folder on disk, and how messages name it. */
  dir: string;
  where: string;
  /** The reference solution an overlay is laid over, and how messages name it. */
  solutionDir: string;
  solutionWhere: string;
}

/** Reads a case folder wherever it is (the grade CLI's --dir may be one). */
export function readCaseFolder({ dir, where, solutionDir, solutionWhere }: CaseFolder): SolutionCase {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) throw new SolutionCaseError({ file: where, message: 'is not a folder' });
  const overlay = readCaseFile(dir, where);
  const own = readTree(dir, where);
  delete own[CASE_FILE];
  if (!overlay) return { where, overlay, own, files: own };
  const file = `${where}/${CASE_FILE}`;
  if (!existsSync(solutionDir)) {
    throw new SolutionCaseError({ file, field: 'over', message: `lays the case over the reference solution, but ${solutionWhere}/ is missing: add the solution, or make the case a whole project (delete case.json)` });
  }
  const solution = readTree(solutionDir, solutionWhere);
  const seen = new Set<string>();
  overlay.remove.forEach((path, i) => {
    const field = `remove[${i}]`;
    if (seen.has(path)) throw new SolutionCaseError({ file, field, message: `"${path}" is listed twice: list each removed file once` });
    seen.add(path);
    if (!(path in solution)) throw new SolutionCaseError({ file, field, message: `"${path}" is not a file of ${solutionWhere}/, so there is nothing to remove (paths are relative to the solution folder)` });
    if (path in own) throw new SolutionCaseError({ file, field, message: `"${path}" is removed, but the case holds its own ${path}: keep one of the two` });
  });
  const files: Record<string, string> = { ...solution, ...own };
  for (const path of overlay.remove) delete files[path];
  return { where, overlay, own, files };
}

export function casesDir(contentRoot: string, exerciseId: string, kind: CaseKind): string {
  return join(contentRoot, 'exercises', exerciseId, 'tests', kind);
}

/** Case folders under exercises/<id>/tests/<kind>/, sorted; none when the folder is missing. */
export function listCases(contentRoot: string, exerciseId: string, kind: CaseKind): string[] {
  const dir = casesDir(contentRoot, exerciseId, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** One case of an exercise in `contentRoot` (which holds its exercises/<id>/ and solutions/<id>/, a rendered variant's included). */
export function readCase(contentRoot: string, exerciseId: string, kind: CaseKind, caseName: string): SolutionCase {
  const where = `exercises/${exerciseId}/tests/${kind}/${caseName}`;
  if (!isInsidePath(caseName) || caseName.includes('/')) throw new SolutionCaseError({ file: where, message: 'is not the name of a case folder' });
  return readCaseFolder({
    dir: join(casesDir(contentRoot, exerciseId, kind), caseName),
    where,
    solutionDir: join(contentRoot, 'solutions', exerciseId),
    solutionWhere: `solutions/${exerciseId}`,
  });
}

/** The files of a case a learner could submit (the exercise's editable files, or a review's findings.json). */
export function submittedFiles(solutionCase: SolutionCase, exercise: Pick<Exercise, 'kind' | 'editable'>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of submittablePaths(exercise)) {
    const text = solutionCase.files[path];
    if (text !== undefined) files[path] = text;
  }
  return files;
}

/**
 * content:check's rules for an exercise's cases (in `contentRoot`, a rendered variant's included):
 * every case reads, and an overlay holds only what it changes and changes something a learner submits.
 */
export function solutionCaseIssues(contentRoot: string, exercise: Pick<Exercise, 'id' | 'kind' | 'editable'>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const solutionWhere = `solutions/${exercise.id}`;
  for (const kind of CASE_KINDS) {
    for (const name of listCases(contentRoot, exercise.id, kind)) {
      let solutionCase: SolutionCase;
      try {
        solutionCase = readCase(contentRoot, exercise.id, kind, name);
      } catch (error) {
        if (error instanceof SolutionCaseError) issues.push(error.issue);
        else throw error;
        continue;
      }
      const { overlay, own, where } = solutionCase;
      if (!overlay) continue;
      const submittable = submittablePaths(exercise);
      for (const [path, text] of Object.entries(own)) {
        if (readSolutionFile(contentRoot, exercise.id, path) === text) {
          issues.push({ file: `${where}/${path}`, message: `is the same as ${solutionWhere}/${path}: an overlay holds only the files it changes, so delete this copy` });
        }
      }
      const changes = submittable.some((path) => path in own || overlay.remove.includes(path));
      if (!changes) {
        issues.push({ file: `${where}/${CASE_FILE}`, message: `the case changes none of the files a learner submits (${submittable.join(', ')}), so it is the reference solution itself: add the changed file, or remove one` });
      }
    }
  }
  return issues;
}

function readSolutionFile(contentRoot: string, exerciseId: string, path: string): string | undefined {
  const file = join(contentRoot, 'solutions', exerciseId, path);
  return existsSync(file) && lstatSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
}
