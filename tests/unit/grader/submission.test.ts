// What may be submitted (lib/contracts/submission.ts submittablePaths) and the grader's one check of a
// submission (server/grader/submission.ts): files for code exercises, findings as data for reviews
// (or their findings.json file), the stored form a row keeps, and that a checked submission is not
// checked twice against the same definition — but is against another one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_FINDINGS_FILE, findingsInFile, submittablePaths } from '../../../src/lib/contracts/submission.ts';
import { loadExercise } from '../../../src/server/content/exercise-folder.ts';
import { InvalidSubmissionError } from '../../../src/server/grader/errors.ts';
import { MAX_SUBMISSION_BYTES, checkSubmission, checkedFor } from '../../../src/server/grader/submission.ts';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'tests/fixtures');
const sum = loadExercise(fixtures, 'fx-sum', root).definition;
const review = loadExercise(fixtures, 'fx-review', root).definition;

const refusal = (run: () => unknown): InvalidSubmissionError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidSubmissionError) return error;
    throw error;
  }
  throw new Error('the submission was accepted');
};

describe('submittablePaths', () => {
  it('is the editable files of a code exercise, and the findings file of a review', () => {
    expect(submittablePaths(sum)).toEqual(['src/sum.ts']);
    expect(submittablePaths(review)).toEqual([REVIEW_FINDINGS_FILE]);
  });
});

describe('checkSubmission: code exercises', () => {
  it('accepts the editable files and stores them as sent', () => {
    const checked = checkSubmission(sum, { files: { 'src/sum.ts': 'export const x = 1;' } });
    expect([...checked.files]).toEqual([['src/sum.ts', 'export const x = 1;']]);
    expect(checked.findings).toEqual([]);
    expect(checked.stored()).toEqual({ 'src/sum.ts': 'export const x = 1;' });
  });

  it('refuses other paths, path tricks, non-text, findings and oversized submissions', () => {
    expect(refusal(() => checkSubmission(sum, { files: { 'src/other.ts': '' } })).message).toMatch(/"src\/other\.ts" cannot be submitted for this exercise; editable files: src\/sum\.ts/);
    expect(refusal(() => checkSubmission(sum, { files: { '../src/sum.ts': '' } })).message).toMatch(/is not a valid file path/);
    expect(refusal(() => checkSubmission(sum, { files: { 'src/sum.ts': 42 } })).message).toMatch(/must be text/);
    expect(refusal(() => checkSubmission(sum, { files: {} })).message).toMatch(/submit at least one of: src\/sum\.ts/);
    expect(refusal(() => checkSubmission(sum, { findings: [] })).message).toMatch(/graded on files, not findings: submit src\/sum\.ts/);
    const big = refusal(() => checkSubmission(sum, { files: { 'src/sum.ts': 'x'.repeat(MAX_SUBMISSION_BYTES + 1) } }));
    expect(big.tooLarge).toBe(true);
  });
});

describe('checkSubmission: reviews', () => {
  const finding = { file: 'src/review.ts', line: 8, category: 'identity' };

  it('takes findings as data, and stores them as the findings file rows have always held', () => {
    const checked = checkSubmission(review, { findings: [{ ...finding, note: 'extra fields are dropped' }] });
    expect(checked.findings).toEqual([finding]);
    expect(checked.files.size).toBe(0);
    expect(checked.stored()).toEqual({ [REVIEW_FINDINGS_FILE]: JSON.stringify({ findings: [finding] }) });
    expect(findingsInFile(checked.stored()[REVIEW_FINDINGS_FILE])).toEqual([finding]);
  });

  it('reads the same findings from a findings file (a content folder, a saved draft sent as files)', () => {
    const checked = checkSubmission(review, { files: { [REVIEW_FINDINGS_FILE]: JSON.stringify({ findings: [finding] }) } });
    expect(checked.findings).toEqual([finding]);
    expect(refusal(() => checkSubmission(review, { files: { [REVIEW_FINDINGS_FILE]: '{oops' } })).message).toBe('findings.json is not valid JSON');
    expect(refusal(() => checkSubmission(review, { files: { 'src/review.ts': 'x' } })).message).toMatch(/cannot be submitted/);
  });

  it('refuses findings outside the review files, lines that are not lines and unknown categories', () => {
    expect(refusal(() => checkSubmission(review, { findings: [{ ...finding, file: 'src/other.ts' }] })).message).toMatch(/finding 1: "file" must be one of src\/review\.ts/);
    expect(refusal(() => checkSubmission(review, { findings: [{ ...finding, line: 0 }] })).message).toMatch(/finding 1: "line" must be a line number/);
    expect(refusal(() => checkSubmission(review, { findings: [finding, { ...finding, category: 'style' }] })).message).toMatch(/finding 2: "category" must be one of identity, validation, timezone/);
  });
});

describe('checkedFor', () => {
  it('trusts a submission checked against this very definition, and checks again against another', () => {
    const checked = checkSubmission(review, { findings: [{ file: 'src/review.ts', line: 8, category: 'identity' }, { file: 'src/review.ts', line: 9, category: 'timezone' }] });
    expect(checkedFor(review, checked)).toBe(checked);
    const stricter = { ...review, maxFindings: 1 };
    expect(refusal(() => checkedFor(stricter, checked)).message).toMatch(/at most 1 findings/);
    expect(checkedFor(review, { findings: [] }).findings).toEqual([]);
  });

  it('cannot be forged or changed after the check', () => {
    const checked = checkSubmission(review, { findings: [{ file: 'src/review.ts', line: 8, category: 'identity' }] });
    expect(Object.isFrozen(checked)).toBe(true);
    expect(Object.isFrozen(checked.findings)).toBe(true);
    const Forged = checked.constructor as new (...args: unknown[]) => unknown;
    expect(() => new Forged(Symbol('checked here'), review, new Map(), [])).toThrow(/made only by checkSubmission/);
  });
});
