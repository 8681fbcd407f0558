// What the cluster mode's grading queue keeps beside pg-boss's own tables (migration 029):
// grading_usage (worker time per learner, for the budget every web node enforces),
// grading_results ("Run tests" results, read once by the node that asked), grader_workers (which
// workers are alive and how many slots they have, for back-pressure). Unused by the embedded mode,
// whose one grader keeps all of this in memory.
import type { Store } from './store.ts';

/** Rows older than this are deleted as new ones arrive: the budget window is a minute. */
const USAGE_KEPT_MS = 10 * 60_000;
/** A worker not seen for this long is counted as gone. */
export const WORKER_SEEN_WITHIN_MS = 20_000;

export async function recordGradingUse(store: Store, owner: string, ms: number, now = Date.now()): Promise<void> {
  await store.run('INSERT INTO grading_usage (owner, finished_at, ms) VALUES (?, ?, ?)', owner, now, Math.max(0, Math.round(ms)));
  // a light prune, one owner at a time, keeps the table to the recent window
  await store.run('DELETE FROM grading_usage WHERE owner = ? AND finished_at < ?', owner, now - USAGE_KEPT_MS);
}

/** `owner`'s runs that ended after `since`, oldest first. */
export async function gradingUsesOf(store: Store, owner: string, since: number): Promise<{ at: number; ms: number }[]> {
  return store.all<{ at: number; ms: number }>('SELECT finished_at AS at, ms FROM grading_usage WHERE owner = ? AND finished_at > ? ORDER BY finished_at', owner, since);
}

/** Mean worker time of the last runs (any learner), or null before there were any. */
export async function recentRunMs(store: Store, last = 50): Promise<number | null> {
  const row = await store.get<{ avg: number | null }>('SELECT AVG(ms) AS avg FROM (SELECT ms FROM grading_usage ORDER BY finished_at DESC LIMIT ?) recent', last);
  return row?.avg ?? null;
}

/** Sandbox slots of the workers seen lately. */
export async function liveGraderSlots(store: Store, now = Date.now()): Promise<number> {
  const row = await store.get<{ slots: number | null }>('SELECT SUM(slots) AS slots FROM grader_workers WHERE seen_at > ?', now - WORKER_SEEN_WITHIN_MS);
  return row?.slots ?? 0;
}

/** Reads and removes a "Run tests" result; undefined while it is not there. */
export async function takeGradingResult(store: Store, runId: string): Promise<string | undefined> {
  return store.transaction(async (tx) => {
    const row = await tx.get<{ result: string }>('SELECT result FROM grading_results WHERE run_id = ?', runId);
    if (row) await tx.run('DELETE FROM grading_results WHERE run_id = ?', runId);
    return row?.result;
  });
}

export async function hasGradingResult(store: Store, runId: string): Promise<boolean> {
  return (await store.get('SELECT 1 AS one FROM grading_results WHERE run_id = ?', runId)) !== undefined;
}
