// The code-review task's score (precision, recall, F1) as the grader computes it in
// src/lib/grading-score.ts; these cases pin the rules the certification's review component relies on.
import { describe, expect, it } from 'vitest';
import { scoreReview, type KeyFinding } from '../../../src/lib/grading-score.ts';
import type { ReviewFinding } from '../../../src/lib/contracts/review-finding.ts';

const key: KeyFinding[] = [
  { file: 'src/review.ts', line: 20, category: 'identity', explanation: 'id is the author' },
  { file: 'src/review.ts', line: 24, category: 'validation', explanation: 'no validation' },
  { file: 'src/review.ts', line: 30, category: 'timezone', explanation: 'naive date' },
  { file: 'src/review.ts', line: 41, category: 'events', explanation: 'no touch' },
];
const tolerance = 1;
const finding = (line: number, category: string, file = 'src/review.ts'): ReviewFinding => ({ file, line, category });

describe('code-review scoring', () => {
  it('scores a perfect review 1 / 1 / 1', () => {
    expect(scoreReview(key, key, tolerance)).toMatchObject({ precision: 1, recall: 1, f1: 1, matchedKey: [0, 1, 2, 3] });
  });

  it('accepts a line within the tolerance and rejects one beyond it', () => {
    expect(scoreReview(key, [finding(21, 'identity')], tolerance).matchedKey).toEqual([0]);
    expect(scoreReview(key, [finding(22, 'identity')], tolerance).matchedKey).toEqual([]);
  });

  it('requires the category and the file to match', () => {
    expect(scoreReview(key, [finding(20, 'validation')], tolerance).matchedKey).toEqual([]);
    expect(scoreReview(key, [finding(20, 'identity', 'src/other.ts')], tolerance).matchedKey).toEqual([]);
  });

  it('computes precision, recall and F1 for a partial review with a false positive', () => {
    const result = scoreReview(key, [finding(20, 'identity'), finding(25, 'validation'), finding(10, 'performance')], tolerance);
    expect(result.precision).toBeCloseTo(2 / 3, 12);
    expect(result.recall).toBe(0.5);
    expect(result.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 12);
    expect(result.submittedToKey).toEqual([0, 1, -1]);
  });

  it('gives no extra credit for repeating a finding', () => {
    const result = scoreReview(key, Array.from({ length: 4 }, () => finding(20, 'identity')), tolerance);
    expect(result.matchedKey).toEqual([0]);
    expect(result.precision).toBe(0.25);
    expect(result.recall).toBe(0.25);
  });

  it('finds the best one-to-one matching where a greedy match would lose one', () => {
    const twoLines: KeyFinding[] = [
      { file: 'a.ts', line: 10, category: 'validation', explanation: 'x' },
      { file: 'a.ts', line: 12, category: 'validation', explanation: 'y' },
    ];
    // line 11 could take key line 10 and leave line 10 without a partner; the best pairing is 11→12, 10→10
    const result = scoreReview(twoLines, [finding(11, 'validation', 'a.ts'), finding(10, 'validation', 'a.ts')], tolerance);
    expect(result.f1).toBe(1);
  });

  it('scores an empty review of a key with findings 0', () => {
    expect(scoreReview(key, [], tolerance)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('a shotgun review cannot pass', () => {
  // F1 = 2·TP / (submitted + key) with TP ≤ key, so F1 ≥ passMark needs submitted ≤ (2 / passMark − 1) · key
  const passMark = 0.7;
  const categories = ['identity', 'validation', 'timezone', 'events', 'performance', 'types', 'testing'];

  it('fails every category on every key line (all key findings among them)', () => {
    const shotgun = key.flatMap((k) => categories.map((c) => finding(k.line, c)));
    const result = scoreReview(key, shotgun, tolerance);
    expect(result.recall).toBe(1);
    expect(result.f1).toBeLessThan(passMark);
  });

  it('fails one category on every line of the file', () => {
    const everyLine = Array.from({ length: 60 }, (_, i) => finding(i + 1, categories[i % categories.length] ?? 'identity'));
    expect(scoreReview(key, everyLine, tolerance).f1).toBeLessThan(passMark);
  });

  it('cannot pass with more than (2 / passMark − 1) × the key, whatever is submitted', () => {
    const bound = Math.floor((2 / passMark - 1) * key.length);
    for (let extra = bound + 1; extra <= bound + 10; extra++) {
      // the best case: every key finding found, the rest false positives
      const submitted = [...key, ...Array.from({ length: extra - key.length }, (_, i) => finding(100 + i, 'types'))];
      expect(scoreReview(key, submitted, tolerance).f1).toBeLessThan(passMark);
    }
    const atBound = [...key, ...Array.from({ length: bound - key.length }, (_, i) => finding(100 + i, 'types'))];
    expect(scoreReview(key, atBound, tolerance).f1).toBeGreaterThanOrEqual(passMark);
  });
});
