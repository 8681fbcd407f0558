// The assignment rules as pure functions: the ring (nobody reviews themselves, every work gets the
// same number of peers, everyone reviews as many as they are reviewed by, one more submitter moves at
// most k assignments), the reconciliation with what is stored (started reviews never move, an
// instructor standing in keeps the place until a peer can take it) and the least-loaded choice.
import { describe, expect, it } from 'vitest';
import { leastLoaded, reconcilePool, ringPlan, type ExistingAssignment } from '../../../src/server/peer-review/plan.ts';

const authors = (n: number) => Array.from({ length: n }, (_, i) => `u${i + 1}`);

describe('ringPlan', () => {
  it.each([1, 2, 3, 4, 5, 7, 12, 40])('with %i submitters: no self-review, distinct reviewers, equal load', (n) => {
    const list = authors(n);
    const plan = ringPlan(list, 2);
    const k = Math.min(2, n - 1);
    const load = new Map<string, number>();
    plan.forEach((reviewers, i) => {
      expect(reviewers).toHaveLength(k);
      expect(reviewers).not.toContain(list[i]);
      expect(new Set(reviewers).size).toBe(reviewers.length);
      for (const r of reviewers) load.set(r, (load.get(r) ?? 0) + 1);
    });
    // Everyone reviews exactly as many works as reviewers they get.
    for (const a of list) expect(load.get(a) ?? 0).toBe(k);
  });

  it('is deterministic and follows the order works were sent in', () => {
    expect(ringPlan(['a', 'b', 'c', 'd'], 2)).toEqual([['b', 'c'], ['c', 'd'], ['d', 'a'], ['a', 'b']]);
    expect(ringPlan(['a', 'b', 'c', 'd'], 2)).toEqual(ringPlan(['a', 'b', 'c', 'd'], 2));
  });

  it('a newcomer at the end moves at most k existing assignments, each to the newcomer', () => {
    for (const k of [1, 2, 3]) {
      for (let n = k + 1; n < 15; n++) {
        const before = ringPlan(authors(n), k);
        const after = ringPlan(authors(n + 1), k);
        const newcomer = `u${n + 1}`;
        let moved = 0;
        before.forEach((reviewers, i) => {
          const now = after[i] ?? [];
          const gone = reviewers.filter((r) => !now.includes(r));
          const came = now.filter((r) => !reviewers.includes(r));
          moved += gone.length;
          expect(came.every((r) => r === newcomer)).toBe(true);
        });
        expect(moved).toBeLessThanOrEqual(k);
      }
    }
  });
});

const work = (id: string, authorId: string, member = true) => ({ id, authorId, member });
const assignment = (id: string, workId: string, reviewerId: string, opts: Partial<ExistingAssignment> = {}): ExistingAssignment => ({ id, workId, reviewerId, role: 'peer', started: false, ...opts });

describe('reconcilePool', () => {
  it('assigns the ring to an empty pool and leaves a complete one alone', () => {
    const works = [work('w1', 'a'), work('w2', 'b'), work('w3', 'c')];
    const first = reconcilePool(works, [], 2);
    expect(first.remove).toEqual([]);
    expect(first.add).toEqual([
      { workId: 'w1', reviewerId: 'b' },
      { workId: 'w1', reviewerId: 'c' },
      { workId: 'w2', reviewerId: 'c' },
      { workId: 'w2', reviewerId: 'a' },
      { workId: 'w3', reviewerId: 'a' },
      { workId: 'w3', reviewerId: 'b' },
    ]);
    const stored = first.add.map((a, i) => assignment(`x${i}`, a.workId, a.reviewerId));
    expect(reconcilePool(works, stored, 2)).toEqual({ add: [], remove: [] });
  });

  it('moves an unstarted assignment to a newcomer but never a started one', () => {
    const works = [work('w1', 'a'), work('w2', 'b'), work('w3', 'c')];
    const stored = reconcilePool(works, [], 2).add.map((a, i) => assignment(`x${i}`, a.workId, a.reviewerId));
    const withD = [...works, work('w4', 'd')];
    // Unstarted: w2 (b) moves from a to d, w3 (c) from b to d.
    const moved = reconcilePool(withD, stored, 2);
    expect(moved.remove.sort()).toEqual(['x3', 'x5']);
    expect(moved.add).toEqual([
      { workId: 'w2', reviewerId: 'd' },
      { workId: 'w3', reviewerId: 'd' },
      { workId: 'w4', reviewerId: 'a' },
      { workId: 'w4', reviewerId: 'b' },
    ]);
    // a has started w2's review: it stays, and w2 keeps two reviewers (c and a), not three.
    const started = stored.map((a) => (a.id === 'x3' ? { ...a, started: true } : a));
    const kept = reconcilePool(withD, started, 2);
    expect(kept.remove).toEqual(['x5']);
    expect(kept.add.filter((a) => a.workId === 'w2')).toEqual([]);
  });

  it('keeps an instructor standing in until a peer can take the place, unless they started', () => {
    const two = [work('w1', 'a'), work('w2', 'b')];
    const stored = [assignment('p1', 'w1', 'b'), assignment('p2', 'w2', 'a'), assignment('i1', 'w1', 'teach', { role: 'instructor' })];
    expect(reconcilePool(two, stored, 2)).toEqual({ add: [], remove: [] });
    const three = [...two, work('w3', 'c')];
    const after = reconcilePool(three, stored, 2);
    expect(after.remove).toEqual(['i1']);
    expect(after.add).toContainEqual({ workId: 'w1', reviewerId: 'c' });
    const startedInstructor = stored.map((a) => (a.id === 'i1' ? { ...a, started: true } : a));
    const afterStarted = reconcilePool(three, startedInstructor, 2);
    expect(afterStarted.remove).toEqual([]);
    expect(afterStarted.add.filter((a) => a.workId === 'w1')).toEqual([]);
  });

  it('takes a learner who left out of the ring: their unstarted reviews go, their started ones stay', () => {
    const works = [work('w1', 'a'), work('w2', 'b'), work('w3', 'c'), work('w4', 'd', false)];
    const stored = [assignment('s1', 'w1', 'd', { started: true }), assignment('s2', 'w2', 'd')];
    const changes = reconcilePool(works, stored, 2);
    expect(changes.remove).toEqual(['s2']);
    expect(changes.add.some((a) => a.reviewerId === 'd' || a.workId === 'w4')).toBe(false);
    expect(changes.add.filter((a) => a.workId === 'w1')).toHaveLength(1);
  });
});

describe('leastLoaded', () => {
  it('chooses the least loaded, keeping the candidates’ order between equals', () => {
    const pool = [{ id: 'a', open: 2 }, { id: 'b', open: 0 }, { id: 'c', open: 1 }, { id: 'd', open: 0 }];
    expect(leastLoaded(pool, 2).map((c) => c.id)).toEqual(['b', 'd']);
    expect(leastLoaded(pool, 3).map((c) => c.id)).toEqual(['b', 'd', 'c']);
    expect(leastLoaded(pool.slice(0, 1), 2).map((c) => c.id)).toEqual(['a']);
    expect(leastLoaded([], 2)).toEqual([]);
  });
});
