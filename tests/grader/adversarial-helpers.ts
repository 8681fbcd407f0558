// Shared set-up of the adversarial grader suites: real graders over the fixture exercises (plus
// one exercise written here whose hidden tests compare objects with toEqual), built twice — with
// the static source checks (production) and without them (so the runtime sandbox is proven on its
// own) — inside a private TMPDIR so every run folder the grader creates can be checked for removal.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import { createGrader } from '../../src/server/grader/grader.ts';
import { graderById, type GraderById } from '../helpers/grader-by-id.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'tests/fixtures');
/** The fx-sum reference solution, which a hostile submission might try to load. */
export const SOLUTION_FILE = join(FIXTURES, 'solutions/fx-sum/src/sum.ts');
export const HIDDEN_TEST_FILE = join(FIXTURES, 'exercises/fx-sum/tests/hidden/sum.test.ts');

/** A correct fx-sum submission: graded after attacks to prove the pool recovered. */
export const CORRECT_SUM = `export function sum(a: number, b: number): number {
  return a + b;
}
export function sumAll(values: readonly number[]): number {
  return Math.round(values.reduce((t, v) => t + v, 0) * 100) / 100;
}
`;

/** fx-sum source whose functions are wrong, with `prelude` (the attack) in front. */
export function wrongSum(prelude: string, body = 'return 0;'): string {
  return `${prelude}
export function sum(a: number, b: number): number {
  ${body}
}
export function sumAll(values: readonly number[]): number {
  return 0;
}
`;
}

// An implement exercise whose hidden tests compare learner-built objects with deep equality, the
// target of "forged asymmetric matcher" attacks.
const SHAPE_EXERCISE = {
  id: 'adv-shape',
  program: 'grader-fixtures',
  title: 'Fixture: build a point',
  summary: 'Hidden tests compare objects deeply.',
  session: 1,
  module: 'fixtures',
  skill: 'implementation',
  kind: 'implement',
  difficulty: 'beginner',
  estimateMinutes: 5,
  instructions: 'instructions.md',
  editable: ['src/point.ts'],
  readonly: [],
  certification: false,
  allowedImports: [],
  hiddenTestCount: 7,
  timeLimitMs: 3000,
};
const SHAPE_HIDDEN_TEST = `import { describe, expect, it, vi } from 'vitest';
import { Grid, point, points, tags, visit } from '../../starter/src/point.ts';

describe('point', () => {
  it('builds a point', () => {
    expect(point(1, 2)).toEqual({ x: 1, y: 2 });
  });
  it('builds a point strictly', () => {
    expect(point(3, 4)).toStrictEqual({ x: 3, y: 4 });
  });
  it('lists points', () => {
    expect(points(2)).toMatchObject([{ x: 0, y: 0 }, { x: 1, y: 1 }]);
  });
  it('refuses a negative count', () => {
    expect(() => points(-1)).toThrow(new RangeError('count must not be negative'));
  });
  it('collects tags', () => {
    expect(tags()).toEqual(new Set(['a', 'b']));
  });
  it('reports each point to a callback', () => {
    const seen = vi.fn();
    visit(2, seen);
    expect(seen).toHaveBeenCalledWith({ x: 1, y: 1 });
  });
  it('has its origin at zero', () => {
    expect(new Grid()).toHaveProperty('origin', { x: 0, y: 0 });
  });
});
`;
/** The correct adv-shape exports, by name; attacks replace one or more of them. */
export const POINT_PARTS: Readonly<Record<string, string>> = {
  point: 'export function point(x: number, y: number) { return { x, y }; }',
  points: `export function points(n: number) {
  if (n < 0) throw new RangeError('count must not be negative');
  return Array.from({ length: n }, (_, i) => ({ x: i, y: i }));
}`,
  tags: "export function tags() { return new Set(['a', 'b']); }",
  visit: 'export function visit(n: number, see: (p: { x: number; y: number }) => void) { for (const p of points(n)) see(p); }',
  Grid: 'export class Grid { get origin() { return { x: 0, y: 0 }; } }',
};
export function pointSource(overrides: Readonly<Record<string, string>> = {}, prelude = ''): string {
  return [prelude, ...Object.entries(POINT_PARTS).map(([name, code]) => overrides[name] ?? code)].join('\n') + '\n';
}
export const CORRECT_POINT = pointSource();

export interface AdversarialEnv {
  exercisesDir: string;
  tmp: string;
  /** Grader with the static source checks (as in production). */
  checked: GraderById;
  /** Grader with the static checks off: only the runtime sandbox stands in the way. */
  runtimeOnly: GraderById;
  /** Static checks and runtime shadowing off: the permission model, limits and frozen realm alone. */
  processOnly: GraderById;
  close(): Promise<void>;
}

export type Mode = 'static checks on' | 'runtime defences only' | 'process sandbox only';
export const MODES: readonly Mode[] = ['static checks on', 'runtime defences only'];
/** Also the bare process sandbox: for attacks the permission model and the limits must stop. */
export const PROCESS_MODES: readonly Mode[] = [...MODES, 'process sandbox only'];

export function graderFor(env: AdversarialEnv, mode: Mode): GraderById {
  return mode === 'static checks on' ? env.checked : mode === 'runtime defences only' ? env.runtimeOnly : env.processOnly;
}

export async function startAdversarialEnv(): Promise<AdversarialEnv> {
  const base = await mkdtemp(join(tmpdir(), 'practicum-adversarial-'));
  const exercisesDir = join(base, 'exercises');
  const tmp = join(base, 'tmp');
  await mkdir(tmp, { recursive: true });
  await cp(join(FIXTURES, 'exercises'), exercisesDir, { recursive: true });
  const shape = join(exercisesDir, SHAPE_EXERCISE.id);
  await mkdir(join(shape, 'starter/src'), { recursive: true });
  await mkdir(join(shape, 'tests/hidden'), { recursive: true });
  await writeFile(join(shape, 'exercise.json'), JSON.stringify(SHAPE_EXERCISE, null, 2));
  await writeFile(join(shape, 'instructions.md'), 'Build points.\n');
  await writeFile(join(shape, 'starter/src/point.ts'), "export function point(x: number, y: number) { throw new Error('todo'); }\n");
  await writeFile(join(shape, 'tests/hidden/point.test.ts'), SHAPE_HIDDEN_TEST);
  // the grader puts its work folder (and every run folder) under os.tmpdir(), read at creation
  const savedTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = tmp;
  let checked: GraderById | undefined;
  let runtimeOnly: GraderById | undefined;
  let processOnly: GraderById | undefined;
  try {
    const common = { projectRoot: ROOT, solutionsDir: join(FIXTURES, 'solutions'), poolSize: 1 };
    [checked, runtimeOnly, processOnly] = (
      await Promise.all([
        createGrader(common),
        createGrader({ ...common, staticChecks: false }),
        createGrader({ ...common, staticChecks: false, runtimeShadow: false }),
      ])
    ).map((grader) => graderById(grader, base)) as [GraderById, GraderById, GraderById];
  } finally {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
  }
  const graders = [checked, runtimeOnly, processOnly];
  return {
    exercisesDir,
    tmp,
    checked,
    runtimeOnly,
    processOnly,
    async close() {
      await Promise.all(graders.map((g) => g.close()));
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** Run folders left behind under the graders' work folders (there must be none between runs). */
export async function leftoverRuns(env: AdversarialEnv): Promise<string[]> {
  const left: string[] = [];
  for (const work of await readdir(env.tmp)) {
    const runs = join(env.tmp, work, 'runs');
    const entries = await readdir(runs).catch(() => [] as string[]);
    left.push(...entries.map((e) => join(runs, e)));
  }
  return left;
}

/** The grader's work folders still present (there must be none after close()). */
export async function graderWorkDirs(env: AdversarialEnv): Promise<string[]> {
  return (await readdir(env.tmp)).filter((d) => d.startsWith('practicum-grader-'));
}

/** The core assertion of every case: no credit, and (when given) a readable reason. */
export function expectNoCredit(result: GradeResult, reason?: RegExp): void {
  expect(result.status, JSON.stringify(result, null, 1).slice(0, 1500)).not.toBe('pass');
  expect(result.score ?? 0).toBeLessThan(1);
  if (reason) {
    const text = [result.message ?? '', ...result.tests.map((t) => `${t.message ?? ''}\n${t.output ?? ''}`)].join('\n');
    expect(text).toMatch(reason);
  }
}
