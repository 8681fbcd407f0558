// Who reviews what, as pure functions (the rounds apply them to storage).
//
// A cohort's final projects form a ring in the order they were sent for review: the work at position
// i is reviewed by the authors at i+1 … i+k. Nobody reviews their own work, every work gets
// min(k, n−1) peers and every author reviews exactly as many works: the load is as even as it can be,
// and the same works in the same order always give the same plan. A new work joins the ring at its
// end, which moves at most k existing assignments (each to the newcomer): the rest stay where they
// were. With n ≤ k a work gets the n−1 peers there are; the round tells its author and the instructor
// (who may review in a peer's place) until more learners send theirs.
//
// A case study is reviewed by holders of the levels its content names (not by other candidates): the
// k of them with the fewest case-study reviews open, ties broken by the pool's stable order.

/** The planned reviewers of each author's work, in the ring's order: result[i] reviews authors[i]'s work. */
export function ringPlan(authors: readonly string[], reviewers: number): string[][] {
  const n = authors.length;
  const k = Math.max(0, Math.min(reviewers, n - 1));
  return authors.map((_, i) => Array.from({ length: k }, (_, d) => authors[(i + d + 1) % n] as string));
}

export interface ExistingAssignment {
  id: string;
  workId: string;
  reviewerId: string;
  role: 'peer' | 'instructor';
  /** Something was written in it (a draft or a submitted review): it is never moved. */
  started: boolean;
}

export interface PoolWork {
  id: string;
  authorId: string;
  /** Still a member of the cohort: only members are in the ring (as authors and as reviewers). */
  member: boolean;
}

export interface PoolChanges {
  add: { workId: string; reviewerId: string }[];
  /** Assignment ids to remove (never a started one). */
  remove: string[];
}

/**
 * What to change so each work has `reviewers` reviewers: started reviews stay whatever the plan says;
 * then the ring's peers fill the places left (a peer already assigned keeps the assignment); then an
 * instructor standing in keeps their place while no peer can take it. Anything else not started goes.
 */
export function reconcilePool(works: readonly PoolWork[], existing: readonly ExistingAssignment[], reviewers: number): PoolChanges {
  const ring = works.filter((w) => w.member);
  const plan = new Map(ringPlan(ring.map((w) => w.authorId), reviewers).map((peers, i) => [ring[i]?.id ?? '', peers]));
  const byWork = new Map<string, ExistingAssignment[]>();
  for (const a of existing) byWork.set(a.workId, [...(byWork.get(a.workId) ?? []), a]);
  const changes: PoolChanges = { add: [], remove: [] };
  for (const work of works) {
    const mine = byWork.get(work.id) ?? [];
    const kept = new Set(mine.filter((a) => a.started).map((a) => a.reviewerId));
    let open = reviewers - kept.size;
    for (const peer of plan.get(work.id) ?? []) {
      if (open <= 0) break;
      if (kept.has(peer) || peer === work.authorId) continue;
      kept.add(peer);
      open--;
      if (!mine.some((a) => a.reviewerId === peer)) changes.add.push({ workId: work.id, reviewerId: peer });
    }
    for (const a of mine) {
      if (open <= 0) break;
      if (a.role === 'instructor' && !kept.has(a.reviewerId)) {
        kept.add(a.reviewerId);
        open--;
      }
    }
    for (const a of mine) if (!a.started && !kept.has(a.reviewerId)) changes.remove.push(a.id);
  }
  return changes;
}

/** The `count` candidates with the fewest open reviews; equal loads keep the candidates' order. */
export function leastLoaded<T extends { open: number }>(candidates: readonly T[], count: number): T[] {
  return candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.open - b.c.open || a.i - b.i)
    .slice(0, Math.max(0, count))
    .map(({ c }) => c);
}
