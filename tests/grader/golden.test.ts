// Golden fixtures: each outcome the results contract knows (pass, fail, compile error, timeout,
// captured output) graded for real and compared on the facts that matter — never on durations.
import { randomUUID } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import type { FileSubmission } from '../../src/lib/contracts/submission.ts';
import { loadExercise } from '../../src/server/content/exercise-folder.ts';
import { createGrader } from '../../src/server/grader/grader.ts';
import { readSubmissionDir } from '../../src/server/grader/submission-dir.ts';
import { graderById, type GraderById } from '../helpers/grader-by-id.ts';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures');
const goldenDir = join(root, 'tests/fixtures/golden');

interface ExpectedTest {
  name: string;
  status: string;
  messagePattern?: string;
  outputPattern?: string;
  outputLength?: number;
  task_id?: number;
}
interface Golden {
  description: string;
  exercise: string;
  files?: Record<string, string>;
  filesFrom?: string;
  expected: Omit<GradeResult, 'version' | 'durationMs' | 'tests' | 'message'> & { messagePattern?: string; tests: ExpectedTest[] };
}

async function submission(golden: Golden): Promise<FileSubmission> {
  if (golden.files) return { files: golden.files };
  const exercise = loadExercise(fixtures, golden.exercise, root);
  return readSubmissionDir(join(root, golden.filesFrom ?? ''), exercise.definition);
}

function expectMatchesGolden(result: GradeResult, expected: Golden['expected']): void {
  expect(result.version).toBe(3);
  expect(result.status).toBe(expected.status);
  if (expected.messagePattern) expect(result.message ?? '').toMatch(new RegExp(expected.messagePattern));
  expect(result.score).toBe(expected.score);
  expect(result.executed).toBe(expected.executed);
  expect(result.expected).toBe(expected.expected);
  expect(result.tests.map((t) => [t.name, t.status])).toEqual(expected.tests.map((t) => [t.name, t.status]));
  expected.tests.forEach((want, i) => {
    const got = result.tests[i];
    if (want.messagePattern) expect(got?.message ?? '').toMatch(new RegExp(want.messagePattern));
    if (want.outputPattern) expect(got?.output ?? '').toMatch(new RegExp(want.outputPattern));
    if (want.outputLength !== undefined) expect(got?.output?.length).toBe(want.outputLength);
    expect(got?.task_id).toBe(want.task_id);
  });
  expect(result.durationMs).toBeGreaterThanOrEqual(0);
}

const goldens: [string, Golden][] = await Promise.all(
  (await readdir(goldenDir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(async (f): Promise<[string, Golden]> => [f, JSON.parse(await readFile(join(goldenDir, f), 'utf8')) as Golden]),
);

let grader: GraderById;
beforeAll(async () => {
  grader = graderById(await createGrader({ projectRoot: root, solutionsDir: join(root, 'tests/fixtures/solutions'), poolSize: 1 }), fixtures);
});
afterAll(async () => {
  await grader.close();
});

describe('golden results', () => {
  it('has the four outcomes the contract requires', () => {
    expect(goldens.map(([f]) => f)).toEqual(expect.arrayContaining(['pass.json', 'fail.json', 'compile-error.json', 'timeout.json']));
  });

  it.each(goldens)('%s', async (_file, golden) => {
    const result = await grader.grade(golden.exercise, await submission(golden));
    expectMatchesGolden(result, golden.expected);
  });

  it('runs the visible tests for practice without the hidden manifest', async () => {
    const files = await submission({ description: '', exercise: 'fx-sum', filesFrom: 'tests/fixtures/solutions/fx-sum', expected: {} as Golden['expected'] });
    const result = await grader.grade('fx-sum', files, { include: 'visible' });
    expect(result.status).toBe('pass');
    expect(result.tests.map((t) => t.name)).toEqual(['adds two small numbers']);
    expect(result.expected).toBe(1);
  });

  it('leaves no copy of the learner code behind (no transform cache on disk)', async () => {
    const marker = `learner-residue-${randomUUID()}`;
    const solution = await readFile(join(root, 'tests/fixtures/solutions/fx-sum/src/sum.ts'), 'utf8');
    const startedAt = Date.now() - 1000;
    const result = await grader.grade('fx-sum', { 'src/sum.ts': `${solution}\nexport const residue = ${JSON.stringify(marker)};\n` });
    expect(result.status).toBe('pass');
    // vitest's default on-disk module cache lives here; nothing written during the run may hold the code
    const cacheDir = join(root, 'node_modules/.vitest-cache');
    const names = await readdir(cacheDir).catch(() => [] as string[]);
    const written: string[] = [];
    for (const name of names) {
      const file = join(cacheDir, name);
      if ((await stat(file)).mtimeMs >= startedAt) written.push(await readFile(file, 'utf8'));
    }
    expect(written.filter((text) => text.includes(marker))).toEqual([]);
  });

  it('grades the stored reference solution of an exercise', async () => {
    expect((await grader.gradeSolution('fx-sum')).status).toBe('pass');
  });
});
