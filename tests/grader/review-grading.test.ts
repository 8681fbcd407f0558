// Review grading (src/server/grader/kinds/review.ts) on the fixture and on the course's review
// exercises: the result is complete (every key finding with its explanation) and each outcome says
// machine-readably what it is — a key finding found (with the learner's own matching finding), a
// key finding missed, or one of the learner's own findings matching nothing — for the layer that
// decides what a learner may see. Weak reviews from the wrong-solution corpora all fail.
import { taskRoot } from '../../src/server/variants/render.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capTests } from '../../src/lib/grade-result.ts';
import type { Submission } from '../../src/lib/contracts/submission.ts';
import { loadExercise, type LoadedExercise } from '../../src/server/content/exercise-folder.ts';
import { gradeReview } from '../../src/server/grader/kinds/review.ts';
import { checkSubmission } from '../../src/server/grader/submission.ts';
import { listCases, readCase, submittedFiles } from '../../src/server/content/solution-cases.ts';

const root = join(import.meta.dirname, '../..');
const findings = (list: { line: number; category: string }[]): Submission => ({ findings: list.map((f) => ({ file: 'src/review.ts', ...f })) });
/** A findings file (as content folders hold them), submitted as the API's {files} form. */
const file = (text: string): Submission => ({ files: { 'findings.json': text } });
/** Checked as the grader checks every submission, then graded. */
const review = async (exercise: LoadedExercise, submission: Submission) => gradeReview(exercise, checkSubmission(exercise.definition, submission).findings);

describe('review outcomes', () => {
  it('marks each outcome key-found, key-missed or own-unmatched, with the learner finding behind it', async () => {
    const exercise = loadExercise(join(root, 'tests/fixtures'), 'fx-review', root);
    // key: 8 identity, 9 timezone, 10 validation (tolerance 1)
    const result = await review(exercise, findings([{ line: 9, category: 'identity' }, { line: 10, category: 'timezone' }, { line: 3, category: 'validation' }]));
    expect(result.tests.map((t) => [t.name, t.status, t.kind, t.finding?.line])).toEqual([
      ['src/review.ts:8 identity', 'pass', 'key-found', 9],
      ['src/review.ts:9 timezone', 'pass', 'key-found', 10],
      ['src/review.ts:10 validation', 'fail', 'key-missed', undefined],
      ['src/review.ts:3 validation (your finding)', 'fail', 'own-unmatched', 3],
    ]);
    expect(result.tests[0]?.finding).toEqual({ file: 'src/review.ts', line: 9, category: 'identity' });
    // every key finding keeps its explanation, found or not
    expect(result.tests[2]?.message).toMatch(/^Missed: A negative or non-finite total/);
    expect(result.tests[0]?.message).toMatch(/crypto\.randomUUID/);
    // the markers survive the caps every stored result goes through
    expect(capTests(result.tests)).toEqual(result.tests);
  });
});

describe('weak reviews in the wrong-solution corpora', () => {
  it.each(['cert-code-review', 's2-review-entity'])('%s: every case fails, the reference solution passes', async (id) => {
    const exercise = loadExercise(root, id);
    const contentRoot = taskRoot(root, id);
    const cases = listCases(contentRoot, id, 'wrong');
    expect(cases.length).toBeGreaterThanOrEqual(id.startsWith('cert-') ? 4 : 2);
    for (const name of cases) {
      const result = await review(exercise, { files: submittedFiles(readCase(contentRoot, id, 'wrong', name), exercise.definition) });
      expect(result.status, `${name}: ${result.message}`).toBe('fail');
    }
    const solution = await readFile(join(taskRoot(root, id), 'solutions', id, 'findings.json'), 'utf8');
    expect((await review(exercise, file(solution))).status).toBe('pass');
  });

  it('fails the shotgun review although it contains every key finding', async () => {
    // s2-review-entity (practice) allows long lists: every category on every defect line
    const exercise = loadExercise(root, 's2-review-entity');
    const result = await review(exercise, { files: submittedFiles(readCase(root, 's2-review-entity', 'wrong', 'shotgun'), exercise.definition) });
    const key = result.tests.filter((t) => t.kind === 'key-found').length;
    expect(key).toBeGreaterThan(0);
    expect(result.tests.filter((t) => t.kind === 'key-missed')).toHaveLength(0);
    expect(result.tests.filter((t) => t.kind === 'own-unmatched').length).toBeGreaterThan(key);
    expect(result.status).toBe('fail');
  });

  it('refuses a certification review listing more findings than the task allows, so the key cannot be probed', async () => {
    const exercise = loadExercise(root, 'cert-code-review');
    expect(exercise.definition.kind === 'review' && exercise.definition.maxFindings).toBe(12);
    const findings = Array.from({ length: 13 }, (_, i) => ({ file: 'src/subscription.ts', line: i * 6 + 1, category: 'validation' }));
    await expect(review(exercise, { findings })).rejects.toThrow(/at most 12 findings/);
    await expect(review(exercise, file(JSON.stringify({ findings })))).rejects.toThrow(/at most 12 findings/);
    expect((await review(exercise, { findings: findings.slice(0, 12) })).status).toBe('fail');
  });
});
