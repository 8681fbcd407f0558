// A program's own reference library through the real sandboxed grader: each run resolves the
// library of its exercise's program (the second program's "@money-basics/money", the course's
// "@practicum/reference") and no other, on the same warm slots, with its exports frozen like the
// platform library's; a learner file reaching for another program's library is refused by the static
// checks and, with them off, by the sandbox itself.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExercise } from '../../src/server/content/exercise-folder.ts';
import { createGrader, type Grader } from '../../src/server/grader/grader.ts';
import { readSubmissionDir } from '../../src/server/grader/submission-dir.ts';
import { expectNoCredit } from './adversarial-helpers.ts';

const root = join(import.meta.dirname, '../..');
const money = join(root, 'tests/fixtures/programs/money-basics');
const parseCents = loadExercise(money, 'mb-parse-cents', root);
const projectEntity = loadExercise(root, 's1-project-entity');

let checked: Grader;
let runtimeOnly: Grader;
beforeAll(async () => {
  [checked, runtimeOnly] = await Promise.all([
    createGrader({ projectRoot: root, solutionsDir: join(money, 'solutions'), poolSize: 1 }),
    createGrader({ projectRoot: root, solutionsDir: join(money, 'solutions'), poolSize: 1, staticChecks: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([checked?.close(), runtimeOnly?.close()]);
});

const solution = async (): Promise<string> => readFile(join(money, 'solutions/mb-parse-cents/src/parse-cents.ts'), 'utf8');

describe("a program's own reference library", () => {
  it('is what the exercise resolves: its solution and its hidden tests import it, and pass', async () => {
    expect(parseCents.reference.specifier).toBe('@money-basics/money');
    expect(await solution()).toContain("from '@money-basics/money'");
    const result = await checked.gradeSolution(parseCents);
    expect(result.status, JSON.stringify(result).slice(0, 800)).toBe('pass');
    expect(result.tests.map((t) => t.name)).toContain('parseCents > is exact where floating point is not');
  });

  it('shares the warm slot with the platform library: runs of either program resolve their own', async () => {
    const course = await readSubmissionDir(join(root, 'solutions/s1-project-entity'), projectEntity.definition);
    expect((await checked.grade(projectEntity, course)).status).toBe('pass');
    expect((await checked.grade(parseCents, { files: { 'src/parse-cents.ts': await solution() } })).status).toBe('pass');
  });

  it('is frozen inside a run, as the platform library is', async () => {
    // passes only when the library's exported function cannot be changed by learner code
    const probe = (await solution()).replace(
      'export function parseCents(text: string): number {',
      'export function parseCents(text: string): number {\n  if (!Object.isFrozen(isWholeCents)) return NaN;',
    );
    expect(probe).not.toBe(await solution());
    expect((await checked.grade(parseCents, { files: { 'src/parse-cents.ts': probe } })).status).toBe('pass');
  });

  it("refuses another program's library in a learner file, with the static checks and without them", async () => {
    const borrowing = `import { FixedClock } from '@practicum/reference';\n${await solution()}\nexport const clock = FixedClock;\n`;
    expectNoCredit(await checked.grade(parseCents, { files: { 'src/parse-cents.ts': borrowing } }), /import "@practicum\/reference" is not allowed in this exercise/);
    expectNoCredit(await runtimeOnly.grade(parseCents, { files: { 'src/parse-cents.ts': borrowing } }), /@practicum\/reference/);
  });
});
