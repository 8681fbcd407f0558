// The words of the submit-attempt dialog and the countdown format (the DOM parts run in the e2e test).
import { describe, expect, it } from 'vitest';
import { outstandingSummary } from '../../../src/client/quiz/submit-dialog.ts';
import { formatRemaining } from '../../../src/client/quiz/countdown.ts';

describe('submit dialog summary', () => {
  it('names what is outstanding and that it scores 0', () => {
    expect(outstandingSummary({ questions: [0, 4], tasks: ['Code review'], flagged: 0 })).toBe('You have 2 questions unanswered and 1 task not submitted: they score 0 if you submit now.');
    expect(outstandingSummary({ questions: [], tasks: ['Code review'], flagged: 0 })).toBe('You have 1 task not submitted: it scores 0 if you submit now.');
    expect(outstandingSummary({ questions: [3], tasks: [], flagged: 2 })).toBe('You have 1 question unanswered: it scores 0 if you submit now. 2 questions still flagged for review.');
  });

  it('says so when nothing is outstanding', () => {
    expect(outstandingSummary({ questions: [], tasks: [], flagged: 0 })).toBe('Every question is answered and every task has a graded submission.');
  });
});

describe('countdown', () => {
  it('formats the time left on the server clock', () => {
    expect(formatRemaining(90 * 60_000)).toBe('1:30:00');
    expect(formatRemaining(61_500)).toBe('1:01');
    expect(formatRemaining(-5)).toBe('0:00');
  });
});
