// The final project's peer review round in a cohort: a learner sends their project for review, the
// cohort's works are (re)assigned to peers by the ring (plan.ts), and an instructor may stand in for a
// peer a small cohort does not have. Settings (which exercise, how many reviewers, how long they have)
// come from the program's content (program.json "peerReview").
import type { SessionUser } from '../auth/roles.ts';
import { cohortsOfMember, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import {
  assignmentsOfPool,
  assignmentsOfWork,
  deleteUnstartedAssignment,
  exerciseWorkOf,
  getWork,
  insertAssignment,
  insertWork,
  latestPassingSubmission,
  poolWorks,
  type WorkRecord,
} from '../db/peer-reviews.ts';
import { HttpError } from '../http.ts';
import type { PeerReviewSettings } from '../../lib/schemas/peer-review.ts';
import { requireWorkStaff } from './access.ts';
import { reconcilePool } from './plan.ts';

const DAY = 86_400_000;

export type RoundSettings = Pick<PeerReviewSettings, 'exercise' | 'reviewers' | 'dueDays'>;

/**
 * The cohort a learner's final project is reviewed in: the newest cohort of the program they joined
 * (a learner who moved to a later cohort reviews with the peers they work beside now).
 */
export async function reviewCohortOf(db: Db, userId: string, program: string): Promise<Cohort | null> {
  return (await cohortsOfMember(db, userId)).filter((c) => c.program === program).at(-1) ?? null;
}

/**
 * Re-plans the reviewers of a cohort's final projects (plan.ts): adds the ring's peers where places
 * are open and takes away assignments nobody has started that the plan moved elsewhere. Returns how
 * many assignments were added and removed.
 */
export async function rebalancePool(db: Db, cohortId: string, settings: RoundSettings, now: number): Promise<{ added: number; removed: number }> {
  return await db.transaction(async (tx) => {
    const works = await poolWorks(tx, cohortId, settings.exercise);
    const existing = (await assignmentsOfPool(tx, cohortId, settings.exercise)).map((a) => ({ id: a.id, workId: a.workId, reviewerId: a.reviewerId, role: a.role, started: a.status !== 'assigned' }));
    const changes = reconcilePool(
      works.map((w) => ({ id: w.id, authorId: w.authorId, member: w.member })),
      existing,
      settings.reviewers,
    );
    let removed = 0;
    for (const id of changes.remove) if (await deleteUnstartedAssignment(tx, id)) removed++;
    for (const { workId, reviewerId } of changes.add) await insertAssignment(tx, { workId, reviewerId, role: 'peer', now, dueAt: now + settings.dueDays * DAY });
    return { added: changes.add.length, removed };
  });
}

/**
 * Sends the learner's final project for peer review: the files of their latest passing submission
 * (the tests already vouch for a passing one, so peers spend their time on how it is built rather than
 * on defects the grader reports; a later failing attempt does not replace work that met the spec),
 * once per cohort. Its reviewers are assigned at once when the cohort has enough peers who sent theirs.
 */
export async function sendForReview(db: Db, user: Pick<SessionUser, 'id'>, program: string, settings: RoundSettings, now: number): Promise<WorkRecord> {
  const cohort = await reviewCohortOf(db, user.id, program);
  if (!cohort) {
    throw new HttpError(409, 'no_cohort', 'Peer review happens in your cohort: join it (with the code your instructor gave you, under "Your cohorts" on My progress) before sending your project.');
  }
  if (await exerciseWorkOf(db, user.id, settings.exercise, cohort.id)) throw new HttpError(409, 'already_sent', 'Your project is already with your reviewers.');
  const submission = await latestPassingSubmission(db, user.id, settings.exercise);
  if (!submission) throw new HttpError(409, 'not_passed', 'Send your project for review once a submission of it passes all its tests.');
  const id = await db.transaction(async (tx) => {
    const workId = await insertWork(tx, { kind: 'exercise', authorId: user.id, program, cohortId: cohort.id, exerciseId: settings.exercise, submissionId: submission.id, files: submission.files, now });
    await rebalancePool(tx, cohort.id, settings, now);
    return workId;
  });
  const work = await getWork(db, id);
  if (!work) throw new Error(`peer review work ${id} was not stored`);
  return work;
}

/**
 * The instructor reviews a final project in a peer's place, while it has fewer reviewers than the
 * content asks for (a cohort with too few submitters). A peer who sends their project later takes the
 * place back if the instructor has not started.
 */
export async function standInAsReviewer(db: Db, viewer: Pick<SessionUser, 'id' | 'role'>, workId: string, settings: RoundSettings, now: number): Promise<WorkRecord> {
  const { work } = await requireWorkStaff(db, viewer, workId);
  if (work.kind !== 'exercise') throw new HttpError(409, 'not_a_project', 'A case study is reviewed by its holders and signed off by you: there is no peer place to take.');
  if (work.authorId === viewer.id) throw new HttpError(403, 'forbidden', 'You cannot review your own work.');
  const assignments = await assignmentsOfWork(db, work.id);
  if (assignments.some((a) => a.reviewerId === viewer.id)) throw new HttpError(409, 'already_assigned', 'You already review this project.');
  if (assignments.length >= settings.reviewers) throw new HttpError(409, 'fully_assigned', `This project already has its ${settings.reviewers} reviewers.`);
  await insertAssignment(db, { workId: work.id, reviewerId: viewer.id, role: 'instructor', now, dueAt: now + settings.dueDays * DAY });
  return work;
}
