// The demo cohort as its facilitator view shows it: each session's start time saved as the instructor
// would (so the agenda has its clock times), and in each session a few learners stuck on one of its
// exercises (they saved work and failed it three times, and have not passed), so the view's "stuck"
// column has someone in it beside the many who passed. Built through the domain functions, as the rest
// of the demo.
import type { Cohort } from '../../src/server/db/cohorts.ts';
import type { Db } from '../../src/server/db/open.ts';
import { saveDraft } from '../../src/server/db/drafts.ts';
import { setSessionStart } from '../../src/server/db/session-progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { gatherLearners } from '../../src/server/cohorts/learners.ts';
import { STUCK_AFTER_FAILS } from '../../src/lib/contracts/session-progress.ts';

/** When the demo's sessions start: two mornings and an afternoon. */
const STARTS = ['09:30', '09:30', '14:00'];
/** The share of the cohort stuck on each session's exercise (at least one learner). */
const STUCK_SHARE = 0.02;

/**
 * `exercises`: the practice exercises with their session; `names`: each one's check names (a failing
 * submission fails some of them, as a real one does). Returns how many learners were left stuck.
 */
export async function seedDemoAgenda(db: Db, cohort: Cohort, exercises: readonly { id: string; session: number }[], names: ReadonlyMap<string, string[]>, now: number): Promise<{ stuck: number }> {
  for (let i = 0; i < cohort.sessionDates.length; i++) {
    const [h, m] = (STARTS[i] ?? STARTS[0] ?? '09:30').split(':').map(Number);
    await setSessionStart(db, cohort.id, i + 1, (h ?? 9) * 60 + (m ?? 0), now);
  }
  const learners = await gatherLearners(db, cohort.id, cohort.program, new Map());
  const count = Math.max(1, Math.round(learners.length * STUCK_SHARE));
  let stuck = 0;
  for (const [i, date] of cohort.sessionDates.entries()) {
    // The session's last exercise: the one learners reach last in the room.
    const exercise = exercises.filter((e) => e.session === i + 1).at(-1);
    if (!exercise) continue;
    const checks = names.get(exercise.id) ?? [];
    const sessionStart = Date.parse(`${date}T${STARTS[i] ?? '09:30'}:00Z`);
    const behind = learners.filter((l) => !l.exercisesPassed.has(exercise.id)).slice(0, count);
    for (const [k, learner] of behind.entries()) {
      const from = sessionStart + (60 + 5 * k) * 60_000;
      await saveDraft(db, learner.id, exercise.id, { 'src/solution.ts': '// demo work in progress\n' }, from);
      for (let f = 0; f < STUCK_AFTER_FAILS; f++) {
        const at = from + (10 + 12 * f) * 60_000;
        // A different half of the checks fails each time: close, never there.
        const half = checks.filter((_, c) => (c + f) % 2 === 0);
        const failing = half.length > 0 ? half : checks.slice(0, 1);
        const tests = checks.map((name) => ({ name, status: failing.includes(name) ? ('fail' as const) : ('pass' as const), ...(failing.includes(name) ? { message: 'AssertionError: expected values to match' } : {}) }));
        const score = checks.length ? (checks.length - failing.length) / checks.length : 0;
        const id = await insertQueuedSubmission(db, { userId: learner.id, exerciseId: exercise.id, files: { 'src/solution.ts': `// demo attempt ${f + 1}\n` }, now: at });
        await completeSubmission(db, id, { status: 'fail', score, result: { version: 3, status: 'fail', tests, durationMs: 240, score, executed: tests.length, expected: tests.length }, durationMs: 240, failedTests: failing, now: at + 240 });
      }
      stuck++;
    }
  }
  return { stuck };
}
