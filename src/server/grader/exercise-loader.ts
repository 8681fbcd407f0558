// Reads exercises/<id>/exercise.json and lists the files the grader copies into a run.
// A minimal typed loader kept in this one module so it can be swapped for the shared zod schema
// (src/lib/schemas/exercise.ts) without touching the rest of the grader.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { mutantListProblems, toMutantSpec, type MutantSpec } from '../../lib/mutant-spec.ts';
import { UnknownExerciseError } from './errors.ts';

export type HiddenSuiteKind = 'implement' | 'debug' | 'optimize';

interface ExerciseBase {
  id: string;
  title: string;
  editable: string[];
  readonly: string[];
  allowedImports: string[];
  hiddenTestCount: number;
  timeLimitMs: number;
}

export type ExerciseDefinition =
  | (ExerciseBase & { kind: HiddenSuiteKind })
  | (ExerciseBase & {
      kind: 'write-tests';
      mutants: MutantSpec[];
      /** Labels of mutant classes beyond the built-in ones (see src/lib/mutant-spec.ts). */
      mutantClasses: Record<string, string>;
      passMark: number;
    })
  | (ExerciseBase & { kind: 'review'; reviewFiles: string[]; categories: string[]; passMark: number; maxFindings: number });

export interface LoadedExercise {
  definition: ExerciseDefinition;
  /** Absolute path of exercises/<id>. */
  dir: string;
  /** Every file under starter/, relative to starter/, '/'-separated. */
  starterFiles: string[];
  /** Test files directly under tests/hidden and tests/visible, relative to tests/. */
  hiddenTests: string[];
  visibleTests: string[];
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;
const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REL_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_./-]+$/;

class ExerciseDefinitionError extends Error {
  override readonly name = 'ExerciseDefinitionError';
}

function field<T>(raw: Record<string, unknown>, key: string, check: (v: unknown) => v is T, what: string, fallback?: T): T {
  const value = raw[key] ?? fallback;
  if (!check(value)) throw new ExerciseDefinitionError(`exercise.json of "${String(raw['id'])}": "${key}" must be ${what}`);
  return value;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isPaths = (v: unknown): v is string[] => Array.isArray(v) && v.every((p) => typeof p === 'string' && REL_PATH.test(p));
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isShare = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const isLabels = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(v).every(([k, l]) => EXERCISE_ID.test(k) && isString(l));
const isFindingLimit = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100;
const isLimit = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1000 && (v as number) <= 30_000;

const MUTANT_KEYS = new Set(['id', 'class', 'required', 'description']);

/** exercise.json `mutants`: folder names, or {id, class, required?, description?} (see src/lib/mutant-spec.ts). */
function parseMutants(value: unknown, id: string): MutantSpec[] {
  const fail = (at: string, what: string): never => {
    throw new ExerciseDefinitionError(`exercise.json of "${id}": "${at}" must be ${what}`);
  };
  if (!Array.isArray(value) || value.length === 0) return fail('mutants', 'a non-empty list of mutant folder names or {"id", "class", "required"} objects');
  return value.map((entry: unknown, i) => {
    if (typeof entry === 'string') return EXERCISE_ID.test(entry) ? toMutantSpec(entry) : fail(`mutants[${i}]`, 'a folder name in lowercase kebab-case');
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail(`mutants[${i}]`, 'a folder name or an object');
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).find((k) => !MUTANT_KEYS.has(k));
    if (unknown !== undefined) fail(`mutants[${i}].${unknown}`, 'one of id, class, required, description (unknown field)');
    const mutantId = e['id'];
    const cls = e['class'];
    const required = e['required'] ?? false;
    const description = e['description'];
    if (typeof mutantId !== 'string' || !EXERCISE_ID.test(mutantId)) fail(`mutants[${i}].id`, 'a folder name in lowercase kebab-case');
    if (typeof cls !== 'string' || !EXERCISE_ID.test(cls)) fail(`mutants[${i}].class`, 'a class name in lowercase kebab-case');
    if (typeof required !== 'boolean') fail(`mutants[${i}].required`, 'true or false');
    if (description !== undefined && !isString(description)) fail(`mutants[${i}].description`, 'a non-empty string');
    return toMutantSpec({ id: mutantId as string, class: cls as string, required: required as boolean, description: description as string | undefined });
  });
}

export function parseExerciseDefinition(raw: unknown, expectedId: string, defaultTimeLimitMs = DEFAULT_TIME_LIMIT_MS): ExerciseDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ExerciseDefinitionError(`exercise.json of "${expectedId}" must be an object`);
  }
  const r = raw as Record<string, unknown>;
  if (r['id'] !== expectedId) throw new ExerciseDefinitionError(`exercise.json of "${expectedId}" has id "${String(r['id'])}"`);
  const base: ExerciseBase = {
    id: expectedId,
    title: field(r, 'title', isString, 'a non-empty string'),
    editable: field(r, 'editable', isPaths, 'a list of relative paths'),
    readonly: field(r, 'readonly', isPaths, 'a list of relative paths', []),
    allowedImports: field(r, 'allowedImports', isStrings, 'a list of module specifiers', ['@practicum/reference']),
    hiddenTestCount: field(r, 'hiddenTestCount', isCount, 'a whole number ≥ 0'),
    timeLimitMs: field(r, 'timeLimitMs', isLimit, 'a whole number of ms in 1000..30000', defaultTimeLimitMs),
  };
  if (base.editable.length === 0) throw new ExerciseDefinitionError(`exercise.json of "${expectedId}": "editable" is empty`);
  const kind = r['kind'];
  switch (kind) {
    case 'implement':
    case 'debug':
    case 'optimize':
      return { ...base, kind };
    case 'write-tests': {
      const mutantClasses = field(r, 'mutantClasses', isLabels, 'an object mapping class names to learner-facing labels', {});
      const mutants = parseMutants(r['mutants'], expectedId);
      const problem = mutantListProblems(mutants, mutantClasses)[0];
      if (problem) throw new ExerciseDefinitionError(`exercise.json of "${expectedId}": "${problem.field}": ${problem.message}`);
      return { ...base, kind, mutants, mutantClasses, passMark: field(r, 'passMark', isShare, 'a number in 0..1', 0.8) };
    }
    case 'review':
      return {
        ...base,
        kind,
        reviewFiles: field(r, 'reviewFiles', isPaths, 'a list of relative paths'),
        categories: field(r, 'categories', isStrings, 'a list of categories'),
        passMark: field(r, 'passMark', isShare, 'a number in 0..1', 0.7),
        maxFindings: field(r, 'maxFindings', isFindingLimit, 'a whole number in 1..100', 100),
      };
    default:
      throw new ExerciseDefinitionError(`exercise.json of "${expectedId}": unknown kind "${String(kind)}"`);
  }
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

async function listTestFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.test.ts')).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

export async function loadExercise(exercisesDir: string, id: string, defaultTimeLimitMs = DEFAULT_TIME_LIMIT_MS): Promise<LoadedExercise> {
  if (!EXERCISE_ID.test(id)) throw new UnknownExerciseError(id, 'ids are lowercase kebab-case');
  const dir = join(exercisesDir, id);
  let text: string;
  try {
    text = await readFile(join(dir, 'exercise.json'), 'utf8');
  } catch {
    throw new UnknownExerciseError(id);
  }
  const definition = parseExerciseDefinition(JSON.parse(text) as unknown, id, defaultTimeLimitMs);
  const testsDir = join(dir, 'tests');
  const [starterFiles, hidden, visible] = await Promise.all([
    listFiles(join(dir, 'starter')),
    listTestFiles(join(testsDir, 'hidden')),
    listTestFiles(join(testsDir, 'visible')),
  ]);
  return {
    definition,
    dir,
    starterFiles,
    hiddenTests: hidden.map((f) => `hidden/${f}`),
    visibleTests: visible.map((f) => `visible/${f}`),
  };
}
