import { describe, expect, it } from 'vitest';
import { analyseItems, type ItemResponse } from '../../../src/lib/item-analysis.ts';

// Four attempts, four questions. Totals: A 4, B 3, C 2, D 2.
//        q1 q2 q3 q4
//   A     1  1  1  1
//   B     1  0  1  1
//   C     0  1  0  1
//   D     0  0  1  1
// Hand computation for q1: marks x = 1,1,0,0 (mean 0.5); rest of test X = total − x = 3,2,2,2
// (mean 2.25). Deviations x: ±0.5; X: 0.75, −0.25, −0.25, −0.25.
// V(x) = 1/3, V(X) = 0.75/3 = 1/4, C(x,X) = (0.375 − 0.125 + 0.125 + 0.125)/3 = 1/6.
// D = 100 · (1/6) / √(1/3 · 1/4) = 100/√3 = 57.735…; sorted pairs give the same covariance, so E = 100.
// q2: x = 1,0,1,0; X = 3,3,1,2 (mean 2.25); C = −1/6, V(X) = 2.75/3 → D = −100/√11 = −30.15…;
// Cmax (sorted x 0,0,1,1 with sorted X 1,2,3,3) = 1.5/3 = 0.5 → E = −33.3…
// q3: x = 1,1,0,1; X = 3,2,2,1; C = 0 → D = 0, E = 0. q4: everyone right, no variance → undefined.
const table: Record<string, Record<string, number>> = {
  A: { q1: 1, q2: 1, q3: 1, q4: 1 },
  B: { q1: 1, q2: 0, q3: 1, q4: 1 },
  C: { q1: 0, q2: 1, q3: 0, q4: 1 },
  D: { q1: 0, q2: 0, q3: 1, q4: 1 },
};
const responses: ItemResponse[] = Object.entries(table).flatMap(([attemptId, marks]) =>
  Object.entries(marks).map(([questionId, mark]) => ({ attemptId, questionId, mark })),
);

describe('analyseItems', () => {
  const stats = new Map(analyseItems(responses).map((s) => [s.questionId, s]));

  it('computes the facility index as average mark over maximum mark', () => {
    expect(stats.get('q1')?.facility).toBe(0.5);
    expect(stats.get('q3')?.facility).toBe(0.75);
    expect(stats.get('q4')?.facility).toBe(1);
    expect(stats.get('q1')?.attempts).toBe(4);
  });

  it('computes the discrimination index against the rest of the test with n − 1 variances', () => {
    expect(stats.get('q1')?.discrimination).toBeCloseTo(100 / Math.sqrt(3), 9);
    expect(stats.get('q2')?.discrimination).toBeCloseTo(-100 / Math.sqrt(11), 9);
    expect(stats.get('q3')?.discrimination).toBeCloseTo(0, 9);
    expect(stats.get('q1')?.sd).toBeCloseTo(Math.sqrt(1 / 3), 9);
  });

  it('computes the discriminative efficiency against the largest possible covariance', () => {
    expect(stats.get('q1')?.efficiency).toBeCloseTo(100, 9);
    expect(stats.get('q2')?.efficiency).toBeCloseTo(-100 / 3, 9);
    expect(stats.get('q3')?.efficiency).toBeCloseTo(0, 9);
  });

  it('flags weak discrimination for checking and low efficiency as dubious', () => {
    expect(stats.get('q1')?.flags).toEqual([]);
    expect(stats.get('q2')?.flags).toEqual(['check', 'dubious']);
    expect(stats.get('q3')?.flags).toEqual(['check', 'dubious']);
  });

  it('leaves the indices undefined and unflagged when a question has no variance', () => {
    expect(stats.get('q4')).toMatchObject({ discrimination: null, efficiency: null, flags: [] });
    expect(stats.get('q4')?.sd).toBe(0);
  });

  it('leaves every spread statistic undefined below two attempts', () => {
    const [only] = analyseItems([
      { attemptId: 'A', questionId: 'solo', mark: 1 },
      { attemptId: 'A', questionId: 'other', mark: 0 },
    ]);
    expect(only).toMatchObject({ questionId: 'other', attempts: 1, facility: 0, sd: null, discrimination: null, efficiency: null, flags: [] });
  });

  it('uses only the attempts in which a randomly drawn question appeared', () => {
    const drawn = analyseItems([...responses, { attemptId: 'E', questionId: 'q5', mark: 1 }, { attemptId: 'F', questionId: 'q5', mark: 0 }]);
    expect(drawn.find((s) => s.questionId === 'q5')?.attempts).toBe(2);
    expect(drawn.find((s) => s.questionId === 'q1')?.discrimination).toBeCloseTo(100 / Math.sqrt(3), 9);
  });

  it('divides by the maximum mark of the question', () => {
    const [scaled] = analyseItems([
      { attemptId: 'A', questionId: 'q', mark: 2, maxMark: 2 },
      { attemptId: 'B', questionId: 'q', mark: 1, maxMark: 2 },
    ]);
    expect(scaled?.facility).toBe(0.75);
  });

  it('returns nothing for no responses', () => {
    expect(analyseItems([])).toEqual([]);
  });
});
