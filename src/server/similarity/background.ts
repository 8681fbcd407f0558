// When the similarity check runs in the server: a few seconds after a certification attempt is
// submitted (debounced per cohort, so a cohort submitting at the end of an exam is checked once, not
// once per candidate), and at once when an instructor asks. One check per cohort at a time; a request
// arriving during a check runs another after it. In-process and never awaited by the learner's
// request: a restart loses nothing, as the next submission or "check now" recomputes from the stored
// submissions. Checks of different cohorts run one after another (the server has few cores). With
// several web nodes, a cohort's check also holds a lease in the database (db/leases.ts), so a node
// whose candidates submitted waits for another node's check of the same cohort and then runs its own,
// instead of both comparing the cohort at once.
import type { App } from '../app.ts';
import type { Cohort } from '../db/cohorts.ts';
import { getCohort } from '../db/cohorts.ts';
import { cohortsToRecheck } from '../db/similarity.ts';
import { getCertification, getExercise } from '../content/catalog.ts';
import { checkCohortSoon, similarityThreshold, type CheckOutcome, type TaskSpec } from './check.ts';
import { taskSpecs } from './tasks.ts';
import { waitForLease, type LeaseRule } from '../db/leases.ts';

/** How long after a submission the cohort is checked; more submissions meanwhile push it back. */
export const DEBOUNCE_MS = 3000;

/** One check of a cohort at a time across the web nodes; a lease outlives a node that died mid-check by 5 minutes at most. */
export const CHECK_LEASE: LeaseRule = { bucket: 'similarity-check', ttlMs: 5 * 60_000 };

const timers = new Map<string, NodeJS.Timeout>();
let queue: Promise<unknown> = Promise.resolve();
const specs = new Map<string, Promise<TaskSpec[]>>();

/** The program's certification tasks as the check compares them (read once per process). */
export async function tasksOf(app: App, program: string): Promise<TaskSpec[]> {
  let found = specs.get(program);
  if (!found) {
    found = (async () => {
      const certification = await getCertification(program);
      const ids = (certification?.components ?? []).flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
      const exercises = new Map((await Promise.all(ids.map((id) => getExercise(id)))).flatMap((e) => (e ? [[e.id, e] as const] : [])));
      return taskSpecs(app.config.projectRoot, certification, (id) => exercises.get(id));
    })();
    specs.set(program, found);
  }
  return found;
}

/** Checks a cohort after the checks already queued; resolves with its outcome. */
export function checkNow(app: App, cohort: Pick<Cohort, 'id' | 'program'>): Promise<CheckOutcome> {
  const run = queue.then(async () => {
    const tasks = await tasksOf(app, cohort.program);
    const release = await waitForLease(app.db, CHECK_LEASE, cohort.id);
    try {
      return await checkCohortSoon(app.db, cohort, tasks, similarityThreshold());
    } finally {
      await release();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** After a candidate's certification attempt: check their cohorts of the program (and cohorts that include all of it) soon. */
export async function afterCertificationSubmitted(app: App, userId: string, program: string): Promise<void> {
  let cohortIds: string[];
  try {
    cohortIds = await cohortsToRecheck(app.db, userId, program);
  } catch (error) {
    // The attempt is submitted already: a failure here must not turn the learner's answer into an error.
    console.error('[practicum] similarity check not scheduled', error);
    return;
  }
  for (const cohortId of cohortIds) {
    clearTimeout(timers.get(cohortId));
    const timer = setTimeout(async () => {
      timers.delete(cohortId);
      const cohort = await getCohort(app.db, cohortId);
      if (cohort) checkNow(app, cohort).catch((error: unknown) => console.error(`[practicum] similarity check of cohort ${cohortId} failed`, error));
    }, DEBOUNCE_MS);
    timer.unref();
    timers.set(cohortId, timer);
  }
}
