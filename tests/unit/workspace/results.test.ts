// The results panel model: headline, first failing test expanded, success and submit nudges.
import { describe, expect, it } from 'vitest';
import { OWN_FINDINGS_NOTE_CERTIFICATION, OWN_FINDINGS_NOTE_PRACTICE, REQUIREMENTS_NOTE, buildResultsModel } from '../../../src/client/workspace/results.ts';
import { errorResult, type GradeResult } from '../../../src/lib/grade-result.ts';

const failing: GradeResult = {
  version: 3,
  status: 'fail',
  tests: [
    { name: 'starts equal', status: 'pass' },
    { name: 'rejects an empty name', status: 'fail', message: 'expected to throw' },
    { name: 'rejects a long name', status: 'fail', message: 'expected to throw', task_id: 2 },
  ],
  durationMs: 12,
  executed: 3,
  expected: 3,
};

describe('results model', () => {
  it('expands only the first failing test and counts failures', () => {
    const model = buildResultsModel(failing, 'submission');
    expect(model.status).toBe('fail');
    expect(model.headline).toBe('2 tests failed, 1 passed.');
    expect(model.tests.map((t) => t.expanded)).toEqual([false, true, false]);
    expect(model.tests[2]).toMatchObject({ taskId: 2, message: 'expected to throw' });
    expect(model.solved).toBe(false);
  });

  it('shows the success state for a passing submission', () => {
    const pass: GradeResult = { ...failing, status: 'pass', tests: failing.tests.map((t) => ({ name: t.name, status: 'pass' })) };
    const model = buildResultsModel(pass, 'submission');
    expect(model).toMatchObject({ solved: true, readyToSubmit: false, headline: 'Solved: all 3 checks passed.', sourceLabel: 'Graded submission' });
    expect(model.tests.every((t) => !t.expanded)).toBe(true);
  });

  it('nudges to submit when the visible tests pass in a practice run', () => {
    const pass: GradeResult = { ...failing, status: 'pass', tests: [{ name: 'a', status: 'pass' }] };
    const model = buildResultsModel(pass, 'browser');
    expect(model).toMatchObject({ solved: false, readyToSubmit: true, headline: 'All 1 visible test pass.', sourceLabel: 'Visible tests · in your browser' });
    expect(model.detail).toMatch(/Submit/);
  });

  it('explains an error run with its message', () => {
    const model = buildResultsModel(errorResult('The tests could not run. project.ts: Unexpected token', { durationMs: 3, expected: 3 }), 'server-run');
    expect(model.status).toBe('error');
    expect(model.headline).toBe('The tests could not run.');
    expect(model.detail).toContain('Unexpected token');
    expect(model.tests).toEqual([]);
  });

  it('reports a scored submission without per-test rows (review, write-tests)', () => {
    const model = buildResultsModel({ version: 3, status: 'fail', message: 'F1 0.55 is below 0.70', tests: [], durationMs: 1, score: 0.55, executed: 0, expected: 0 }, 'submission');
    expect(model.detail).toBe('F1 0.55 is below 0.70 Score: 55 %.');
  });

  it('words a certification result as requirements and says why no details are shown', () => {
    const cut = { ...failing, disclosure: 'requirements' as const, message: '1 of 3 requirements met.', tests: failing.tests.map((t) => ({ name: t.name, status: t.status })) };
    const model = buildResultsModel(cut, 'submission', { certification: true });
    expect(model).toMatchObject({ headline: '1 of 3 requirements met.', detail: null, note: REQUIREMENTS_NOTE });
    expect(model.tests.every((t) => t.message === undefined)).toBe(true);
  });

  it('words a review cut to the learner\'s own findings, for a certification and for practice', () => {
    const review = {
      version: 3 as const,
      status: 'fail' as const,
      tests: [{ name: 'src/a.ts:4 types (your finding)', status: 'pass' as const }],
      durationMs: 1,
      score: 0.2,
      executed: 8,
      expected: 8,
      disclosure: 'own-findings' as const,
      review: { findings: 2, matched: 1, precision: 0.5, recall: 0.125 },
    };
    const cert = buildResultsModel(review, 'submission', { certification: true });
    expect(cert).toMatchObject({ headline: 'Not yet: F1 20 %.', detail: 'Precision 50 %, recall 13 %: 1 of your 2 findings match a defect in the answer key.', note: OWN_FINDINGS_NOTE_CERTIFICATION });
    expect(buildResultsModel(review, 'submission').note).toBe(OWN_FINDINGS_NOTE_PRACTICE);
  });

  it('shows a full result without a note', () => {
    expect(buildResultsModel({ ...failing, disclosure: 'full' }, 'submission').note).toBeNull();
  });
});
