// The grader's queue on its own (no sandbox): priorities, one submission per learner, the per-learner
// time budget, back-pressure and Retry-After estimates, with a hand-driven clock and hand-finished runs.
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, LearnerBusyError, QueueFullError } from '../../../src/server/grader/errors.ts';
import { GradingBudget } from '../../../src/server/grader/grading-budget.ts';
import { SlotQueue, type JobTicket } from '../../../src/server/grader/slot-queue.ts';

function harness(slots: number, limit = 8, budget = { budgetMs: 30_000, windowMs: 60_000 }) {
  let now = 1_000_000;
  const queue = new SlotQueue(Array.from({ length: slots }, (_, i) => `slot-${i}`), { limit, budget, now: () => now });
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const submit = (name: string, ticket: JobTicket = {}) =>
    queue.run(
      (slot) =>
        new Promise<string>((resolve) => {
          started.push(name);
          finishers.set(name, () => resolve(`${name}@${slot}`));
        }),
      ticket,
    );
  const finish = async (name: string) => {
    const f = finishers.get(name);
    if (!f) throw new Error(`${name} is not running`);
    f();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { queue, started, submit, finish, advance: (ms: number) => (now += ms) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SlotQueue', () => {
  it('runs certification work ahead of practice work that arrived earlier', async () => {
    const h = harness(1);
    void h.submit('busy');
    await tick();
    void h.submit('practice-1', { owner: 'a', priority: 'practice' });
    void h.submit('practice-2', { owner: 'b', priority: 'practice' });
    void h.submit('exam', { owner: 'c', priority: 'certification' });
    await tick();
    await h.finish('busy');
    await h.finish('exam');
    await h.finish('practice-1');
    expect(h.started).toEqual(['busy', 'exam', 'practice-1', 'practice-2']);
  });

  it('refuses a second submission from a learner who has one queued or running', async () => {
    const h = harness(1);
    void h.submit('first', { owner: 'mallory' });
    await tick();
    const second = h.submit('second', { owner: 'mallory' });
    await expect(second).rejects.toBeInstanceOf(LearnerBusyError);
    void h.submit('other', { owner: 'alice' }); // queued behind mallory's running one
    await tick();
    await expect(h.submit('third', { owner: 'alice' })).rejects.toBeInstanceOf(LearnerBusyError);
    await h.finish('first');
    await h.finish('other');
    const again = h.submit('again', { owner: 'mallory' });
    await tick();
    expect(h.started).toEqual(['first', 'other', 'again']);
    await h.finish('again');
    await expect(again).resolves.toBe('again@slot-0');
  });

  it('makes a learner who used their budget of worker time wait, and says for how long', async () => {
    const h = harness(2, 8, { budgetMs: 20_000, windowMs: 60_000 });
    for (const name of ['loop-1', 'loop-2']) {
      const run = h.submit(name, { owner: 'mallory' });
      await tick();
      h.advance(10_000); // each run holds a worker for its full 10 s limit
      await h.finish(name);
      await run;
    }
    const refused = h.submit('loop-3', { owner: 'mallory' });
    await expect(refused).rejects.toBeInstanceOf(BudgetExceededError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 50 });
    // someone else is not affected
    const honest = h.submit('honest', { owner: 'alice' });
    await tick();
    await h.finish('honest');
    await expect(honest).resolves.toBe('honest@slot-1');
    h.advance(50_000);
    void h.submit('loop-4', { owner: 'mallory' });
    await tick();
    expect(h.started.at(-1)).toBe('loop-4');
  });

  it('refuses work beyond the queue limit with a Retry-After that covers the real backlog', async () => {
    const h = harness(1, 2);
    // teach the queue that runs take 10 s
    const warm = h.submit('warm');
    await tick();
    h.advance(10_000);
    await h.finish('warm');
    await warm;
    void h.submit('running');
    await tick();
    void h.submit('waiting-1');
    void h.submit('waiting-2');
    const refused = h.submit('refused');
    await expect(refused).rejects.toBeInstanceOf(QueueFullError);
    // 'running' needs ~10 s more, then waiting-1 takes 10 s before a place in line frees: ≥ 10 s
    const error = (await refused.catch((e: unknown) => e)) as QueueFullError;
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(10);
    expect(h.queue.retryAfterSeconds()).toBeGreaterThanOrEqual(30);
  });

  it('uses the waits submissions really had when runs are slower than typical', async () => {
    const h = harness(1);
    for (let i = 0; i < 5; i++) {
      const run = h.submit(`quick-${i}`);
      await tick();
      h.advance(300);
      await h.finish(`quick-${i}`);
      await run;
    }
    void h.submit('slow');
    await tick();
    void h.submit('queued');
    await tick();
    h.advance(31_000); // 'slow' runs far past the typical 0.3 s
    await h.finish('slow');
    await h.finish('queued');
    void h.submit('next-running');
    await tick();
    void h.submit('next-waiting');
    // one waits ahead of a newcomer: the 31 s wait observed recently is part of the estimate
    expect(h.queue.retryAfterSeconds()).toBeGreaterThanOrEqual(31);
  });

  it('lets a waiting submission leave when its request is aborted', async () => {
    const h = harness(1);
    void h.submit('busy');
    await tick();
    const controller = new AbortController();
    const waiting = h.submit('gone', { owner: 'a', signal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    expect(h.queue.stats().waiting).toBe(0);
    // the learner's slot in line is free again
    void h.submit('back', { owner: 'a' });
    await tick();
    expect(h.queue.stats().waiting).toBe(1);
  });
});

describe('GradingBudget', () => {
  it('counts only the last window and frees the budget as old runs leave it', () => {
    const budget = new GradingBudget({ budgetMs: 1000, windowMs: 10_000 });
    budget.record('a', 600, 0);
    expect(budget.retryAfterSeconds('a', 1)).toBe(0);
    budget.record('a', 600, 5_000);
    expect(budget.used('a', 5_000)).toBe(1200);
    expect(budget.retryAfterSeconds('a', 5_000)).toBe(5);
    expect(budget.retryAfterSeconds('a', 10_001)).toBe(0);
    expect(budget.used('b', 0)).toBe(0);
  });
});
