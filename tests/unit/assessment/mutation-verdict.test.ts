// The write-tests verdict (src/lib/grading-score.ts): score is the share of mutants killed, a pass
// needs the pass mark AND every required mutant killed, and failing on the control copy earns nothing.
import { describe, expect, it } from 'vitest';
import { mutationScore, mutationVerdict, type MutantResult } from '../../../src/lib/grading-score.ts';

const results = (killed: readonly boolean[], required: readonly number[] = []): MutantResult[] =>
  killed.map((k, i) => ({ id: `m${i}`, killed: k, required: required.includes(i) }));

describe('mutation verdict', () => {
  it('passes at the pass mark when no mutant is required', () => {
    const verdict = mutationVerdict(results([true, true, true, true, false]), 5, 0.8, false);
    expect(verdict).toEqual({ killed: 4, total: 5, score: 0.8, requiredSurvivors: [], passed: true });
  });

  it('fails below the pass mark', () => {
    expect(mutationVerdict(results([true, true, true, false, false]), 5, 0.8, false).passed).toBe(false);
  });

  it('fails at any score when a required mutant survives, and names it', () => {
    // 8 of 10 (the pass mark) but both required UTC mutants survive: the case of a suite with no UTC assertion
    const verdict = mutationVerdict(results([false, false, true, true, true, true, true, true, true, true], [0, 1]), 10, 0.8, false);
    expect(verdict.score).toBe(0.8);
    expect(verdict.requiredSurvivors).toEqual(['m0', 'm1']);
    expect(verdict.passed).toBe(false);
    // one of them caught is still not enough
    expect(mutationVerdict(results([true, false, true, true, true, true, true, true, true, true], [0, 1]), 10, 0.8, false).passed).toBe(false);
    expect(mutationVerdict(results([true, true, true, true, true, true, true, true, false, false], [0, 1]), 10, 0.8, false).passed).toBe(true);
  });

  it('gives no credit when the tests fail on the control copy, even if they kill every mutant', () => {
    expect(mutationVerdict([], 10, 0.8, true)).toEqual({ killed: 0, total: 10, score: 0, requiredSurvivors: [], passed: false });
  });

  it('refuses results that do not match the mutant count', () => {
    expect(() => mutationVerdict(results([true]), 2, 0.8, false)).toThrow(RangeError);
    expect(() => mutationScore(3, 2)).toThrow(RangeError);
    expect(mutationScore(0, 0)).toBe(0);
  });
});
