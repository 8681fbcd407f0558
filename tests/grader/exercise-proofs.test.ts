// Every exercise of every program, proven through the real sandboxed grader as content:check proves
// it: the reference solution passes, the unchanged starter fails, and each wrong solution in
// exercises/<id>/tests/wrong/ (a plausible learner mistake) fails — so a certificate or a pass can
// never be had with the mistakes the corpus names. Runs in `npm test`, not only on demand.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/server/content/files.ts';
import { createGrader, type Grader } from '../../src/server/grader/grader.ts';
import { componentPassMarks, MIN_WRONG_CASES, proveExercise, wrongCaseProblem } from '../../scripts/lib/prove-exercises.ts';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import { readVariants } from '../../src/server/variants/render.ts';
import { MIN_VARIANTS } from '../../src/lib/schemas/variants.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const content = loadContent(root);
const exercises = content.exercises.map((e) => e.data);
const passMarks = componentPassMarks(content.certifications.map((c) => c.data));

let grader: Grader;
beforeAll(async () => {
  grader = await createGrader({ projectRoot: root, poolSize: 2 });
});
afterAll(async () => {
  await grader.close();
});

const result = (status: GradeResult['status'], executed: number, tests: GradeResult['tests'] = []): GradeResult => ({
  version: 3,
  status,
  tests,
  durationMs: 1,
  executed,
  expected: 3,
});

describe('wrong-solution rule', () => {
  it('counts a passing wrong solution, and one that never ran, as a broken proof; a failing one as proof', () => {
    expect(wrongCaseProblem(result('pass', 3))).toMatch(/does not catch this mistake/);
    expect(wrongCaseProblem({ ...result('error', 0), message: 'src/x.ts(3): Unexpected token' })).toMatch(/could not run \(src\/x\.ts\(3\)/);
    expect(wrongCaseProblem(result('fail', 3, [{ name: 'a', status: 'fail' }]))).toBeUndefined();
    // a run stopped by the time limit after tests started still shows the mistake is caught
    expect(wrongCaseProblem(result('error', 2, [{ name: 'a', status: 'error' }]))).toBeUndefined();
    // a certification task's wrong solution must also miss its component's pass mark
    expect(wrongCaseProblem({ ...result('fail', 3), score: 0.9 }, 0.8)).toMatch(/would be certified/);
    expect(wrongCaseProblem({ ...result('fail', 3), score: 0.9 }, 1)).toBeUndefined();
  });
});

describe('exercise proofs', () => {
  it('loads the course content without problems', () => {
    expect(content.issues).toEqual([]);
    expect(exercises.length).toBeGreaterThanOrEqual(15);
    expect(passMarks.size).toBeGreaterThanOrEqual(4);
  });

  it('gives every task of the first level\'s exam at least six variants', () => {
    const certification = content.certifications[0]?.data;
    const first = certification?.levels[0];
    const tasks = (certification?.components ?? []).filter((c) => c.type === 'task' && first?.assessment.type === 'exam' && first.assessment.components.includes(c.id));
    expect(tasks.length).toBe(4);
    for (const task of tasks) expect(task.type === 'task' ? readVariants(root, task.exercise)?.variants.length : 0, task.id).toBeGreaterThanOrEqual(MIN_VARIANTS);
  });

  // Concurrent, so both grader slots stay busy (one proof grades its cases one after another).
  it.concurrent.for(exercises.map((e) => [e.id, e] as const))(
    '%s: solution passes; starter and wrong solutions fail; other correct solutions pass',
    { timeout: 600_000 },
    async ([, exercise], { expect: expectHere }) => {
      const proof = await proveExercise(grader, root, exercise, passMarks.get(exercise.id));
      expectHere(proof.problems).toEqual([]);
      // A task with variants is proved in every one of them.
      expectHere(proof.variants?.length ?? 0).toBe(readVariants(root, exercise.id)?.variants.length ?? 0);
      expectHere(proof.wrongCases.length).toBeGreaterThanOrEqual(exercise.certification ? MIN_WRONG_CASES.certification : MIN_WRONG_CASES.practice);
    },
  );
});
