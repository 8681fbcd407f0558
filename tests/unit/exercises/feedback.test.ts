// What a learner may see of a grade result (src/server/exercises/feedback.ts). Review results come
// from the real review grader and the real answer keys, so a change in how the grader names or
// explains its entries cannot quietly leak a key through this module.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnerResult, reviewEntryKind, type FeedbackContext } from '../../../src/server/exercises/feedback.ts';
import { loadExercise } from '../../../src/server/content/exercise-folder.ts';
import { gradeReview } from '../../../src/server/grader/kinds/review.ts';
import { checkSubmission } from '../../../src/server/grader/submission.ts';
import type { GradeResult } from '../../../src/lib/grade-result.ts';

const ROOT = join(import.meta.dirname, '../../..');

interface KeyFinding {
  file: string;
  line: number;
  category: string;
  explanation: string;
}
function keyOf(id: string): { findings: KeyFinding[]; tolerance: number } {
  return JSON.parse(readFileSync(join(loadExercise(ROOT, id).dir, 'tests/hidden/review-key.json'), 'utf8')) as { findings: KeyFinding[]; tolerance: number };
}

type Finding = { file: string; line: number; category: string };
/** Graded as a submission is: checked, graded, and stored as its row keeps it (files). */
async function review(id: string, findings: Finding[]): Promise<{ result: GradeResult; files: Record<string, string> }> {
  const exercise = loadExercise(ROOT, id);
  const checked = checkSubmission(exercise.definition, { findings });
  const result = await gradeReview(exercise, checked.findings);
  return { result, files: checked.stored() };
}

/** Everything a key finding could give away, as it could appear in a response. */
function keyFragments(k: KeyFinding): string[] {
  return [k.explanation, k.explanation.slice(0, 40), `${k.file}:${k.line} ${k.category}`, `:${k.line} `, `:${k.line}"`];
}

const hiddenSuite: GradeResult = {
  version: 3,
  status: 'fail',
  message: '2 of 3 tests failed.',
  tests: [
    { name: 'Release > accepts a semantic version', status: 'pass', output: 'debug: 1.2.3\n' },
    { name: 'Release > rejects a date in the future', status: 'fail', message: 'AssertionError: expected [Function] to throw an error\n- Expected: "future"\n+ Received: undefined', task_id: 2 },
    { name: 'Release > publishes ReleaseCreated once', status: 'error', message: 'expected 2 to be 1 // Object.is equality', output: 'events: [ReleaseCreated, ReleaseCreated]' },
  ],
  durationMs: 120,
  score: 0.33,
  executed: 3,
  expected: 3,
};
const certCode: Omit<FeedbackContext, 'files'> = { kind: 'implement', certification: true, solutionUnlocked: false };

describe('certification test suites: requirement names only', () => {
  it('keeps each requirement name, status and task, and drops messages, output and expected values', () => {
    const shown = learnerResult(hiddenSuite, { ...certCode, files: {} });
    expect(shown.disclosure).toBe('requirements');
    expect(shown.tests).toEqual([
      { name: 'Release > accepts a semantic version', status: 'pass' },
      { name: 'Release > rejects a date in the future', status: 'fail', task_id: 2 },
      { name: 'Release > publishes ReleaseCreated once', status: 'error' },
    ]);
    expect(shown.message).toBe('1 of 3 requirements met.');
    expect(shown).toMatchObject({ score: 0.33, executed: 3, expected: 3, status: 'fail' });
    const text = JSON.stringify(shown);
    for (const leak of ['Expected', 'Received', 'AssertionError', 'to throw', 'Object.is', 'debug: 1.2.3', 'events: [']) expect(text).not.toContain(leak);
  });

  it('does not pass on the details of an error thrown outside the tests', () => {
    const outside: GradeResult = { ...hiddenSuite, score: 0, message: 'An error was thrown outside of any test, so no credit is given: AssertionError: expected 3 to equal 4' };
    const shown = learnerResult(outside, { ...certCode, files: {} });
    expect(shown.message).toMatch(/^An error was thrown outside of any test/);
    expect(shown.message).not.toContain('expected 3');
  });

  it('keeps the reason nothing ran (about the run, not the requirements) and strips any test rows', () => {
    const error: GradeResult = { ...hiddenSuite, status: 'error', score: 0, message: 'Time limit exceeded: the tests did not finish within 10 s.' };
    const shown = learnerResult(error, { ...certCode, files: {} });
    expect(shown.message).toBe(error.message);
    expect(shown.tests.every((t) => Object.keys(t).every((k) => k === 'name' || k === 'status' || k === 'task_id'))).toBe(true);
  });

  it('applies to any exercise graded inside an attempt, and leaves practice results whole', () => {
    expect(learnerResult(hiddenSuite, { kind: 'debug', certification: true, solutionUnlocked: true, files: {} }).disclosure).toBe('requirements');
    const practice = learnerResult(hiddenSuite, { kind: 'implement', certification: false, solutionUnlocked: false, files: {} });
    expect(practice).toEqual({ ...hiddenSuite, disclosure: 'full' });
  });
});

describe('certification review: the candidate\'s own findings, never the key', () => {
  const key = keyOf('cert-code-review');
  const cert = { kind: 'review' as const, certification: true, solutionUnlocked: false };

  it('an empty findings list returns the score and nothing of the key', async () => {
    const { result, files } = await review('cert-code-review', []);
    expect(result.tests.some((t) => t.message?.startsWith('Missed:'))).toBe(true); // the grader's full result has the key
    const shown = learnerResult(result, { ...cert, files });
    expect(shown.disclosure).toBe('own-findings');
    expect(shown.tests).toEqual([]);
    expect(shown.review).toEqual({ findings: 0, matched: 0, precision: 0, recall: 0 });
    const text = JSON.stringify(shown);
    expect(text).not.toContain('Missed');
    for (const k of key.findings) for (const fragment of keyFragments(k)) expect(text).not.toContain(fragment);
    for (const category of new Set(key.findings.map((k) => k.category))) expect(text).not.toContain(category);
  });

  it('names which of the candidate\'s own findings matched, with their own line, and nothing else', async () => {
    const [first, second] = key.findings as [KeyFinding, KeyFinding];
    const near = { file: first.file, line: first.line + key.tolerance, category: first.category };
    const wrong = { file: second.file, line: second.line, category: first.category === 'types' ? 'events' : 'types' };
    const { result, files } = await review('cert-code-review', [near, wrong]);
    const shown = learnerResult(result, { ...cert, files });
    expect(shown.tests).toEqual([
      { name: `${near.file}:${near.line} ${near.category} (your finding)`, status: 'pass' },
      { name: `${wrong.file}:${wrong.line} ${wrong.category} (your finding)`, status: 'fail', message: 'Not a defect in the answer key (check the line and the category).' },
    ].sort((a, b) => Number(/:(\d+)/.exec(a.name)?.[1]) - Number(/:(\d+)/.exec(b.name)?.[1])));
    expect(shown.review).toMatchObject({ findings: 2, matched: 1, precision: 0.5, recall: Math.round((1 / key.findings.length) * 1000) / 1000 });
    const text = JSON.stringify(shown);
    expect(text).not.toContain('Missed');
    for (const k of key.findings) expect(text).not.toContain(k.explanation.slice(0, 40)); // not even the found one's
    for (const k of key.findings.slice(1)) expect(text).not.toContain(`${k.file}:${k.line} ${k.category}"`);
    if (key.tolerance > 0) expect(text).not.toContain(`${first.file}:${first.line} `); // the key's exact line
  });

  it('withholds an entry the grader marks as a missed key finding, whatever its name looks like', () => {
    const marked = { name: 'src/x.ts:3 types (your finding)', status: 'fail' as const, message: 'Missed: the secret', kind: 'key-missed' as const };
    expect(reviewEntryKind(marked)).toBe('key-missed');
    const result: GradeResult = { version: 3, status: 'fail', tests: [marked], durationMs: 1, score: 0, executed: 1, expected: 1 };
    const shown = learnerResult(result, { ...cert, files: { 'findings.json': '{"findings":[]}' } });
    expect(JSON.stringify(shown)).not.toContain('secret');
  });
});

describe('practice review: missed defects only once the solution opens', () => {
  const key = keyOf('s2-review-entity');
  const practice = { kind: 'review' as const, certification: false };

  it('before the solution opens: own findings (with the explanation of each defect found), no missed defect', async () => {
    const [found, other] = key.findings as [KeyFinding, KeyFinding];
    const { result, files } = await review('s2-review-entity', [{ file: found.file, line: found.line, category: found.category }]);
    const shown = learnerResult(result, { ...practice, solutionUnlocked: false, files });
    expect(shown.disclosure).toBe('own-findings');
    expect(shown.tests).toEqual([{ name: `${found.file}:${found.line} ${found.category} (your finding)`, status: 'pass', message: found.explanation }]);
    const text = JSON.stringify(shown);
    expect(text).not.toContain('Missed');
    for (const k of key.findings.filter((k) => k !== found)) expect(text).not.toContain(k.explanation.slice(0, 40));
    expect(text).not.toContain(`${other.file}:${other.line} `);
  });

  it('once the solution is open: the full result with every missed defect', async () => {
    const { result, files } = await review('s2-review-entity', []);
    const shown = learnerResult(result, { ...practice, solutionUnlocked: true, files });
    expect(shown).toEqual({ ...result, disclosure: 'full' });
    const messages = shown.tests.map((t) => t.message ?? '').join('\n');
    for (const k of key.findings) expect(messages).toContain(k.explanation);
  });
});

describe('results stored before the grader marked review entries', () => {
  /** The same result without the `kind` and `finding` markers, as older stored rows hold it. */
  const unmarked = (result: GradeResult): GradeResult => ({ ...result, tests: result.tests.map(({ kind: _k, finding: _f, ...rest }) => rest) });

  it('cuts them down the same way, from the entry names and the stored findings', async () => {
    const key = keyOf('s2-review-entity');
    const [a, b] = key.findings as [KeyFinding, KeyFinding];
    const findings = [
      { file: a.file, line: a.line + key.tolerance, category: a.category },
      { file: b.file, line: b.line, category: b.category },
      { file: a.file, line: 2, category: 'identity' },
      { file: a.file, line: 2, category: 'identity' },
    ];
    const { result, files } = await review('s2-review-entity', findings);
    for (const certification of [true, false]) {
      const ctx = { kind: 'review' as const, certification, solutionUnlocked: false, files };
      const marked = learnerResult(result, ctx);
      expect(learnerResult(unmarked(result), ctx)).toEqual(marked);
      expect(marked.tests.filter((t) => t.status === 'pass')).toHaveLength(2);
      expect(marked.tests.filter((t) => t.status === 'fail')).toHaveLength(2);
    }
  });
});
