// A cohort's homework at a glance: for each homework exercise of its program, every member's standing
// (handed in on time or late, overdue, reviewed) and the counts the dashboard shows. Built from two
// grouped queries per exercise (db/homework.ts), so a large cohort costs the same few queries.
import type { Cohort } from '../db/cohorts.ts';
import { cohortHomeworkRows, latestCohortHomeworkReviews, type HomeworkReview, type MemberHomeworkRow } from '../db/homework.ts';
import type { Db } from '../db/open.ts';
import type { HomeworkExercise } from './rules.ts';
import { homeworkDueAt, homeworkStanding, type HomeworkStanding } from './rules.ts';

export interface MemberHomework extends MemberHomeworkRow {
  standing: HomeworkStanding;
  review: HomeworkReview | null;
}

export interface HomeworkCounts {
  members: number;
  handedIn: number;
  late: number;
  overdue: number;
  toReview: number;
  accepted: number;
  needsWork: number;
}

export interface CohortAssignment {
  exercise: { id: string; title: string; session: number; dueBeforeSession: number };
  dueAt: number | null;
  counts: HomeworkCounts;
  members: MemberHomework[];
}

export function countHomework(members: readonly MemberHomework[]): HomeworkCounts {
  const counts: HomeworkCounts = { members: members.length, handedIn: 0, late: 0, overdue: 0, toReview: 0, accepted: 0, needsWork: 0 };
  for (const m of members) {
    if (m.standing.handIn === 'on-time' || m.standing.handIn === 'late') counts.handedIn++;
    if (m.standing.handIn === 'late') counts.late++;
    if (m.standing.overdue) counts.overdue++;
    if (m.standing.toReview) counts.toReview++;
    if (m.standing.review === 'accepted') counts.accepted++;
    if (m.standing.review === 'needs-work') counts.needsWork++;
  }
  return counts;
}

export async function cohortAssignment(db: Db, cohort: Cohort, exercise: HomeworkExercise, now: number): Promise<CohortAssignment> {
  const dueAt = homeworkDueAt(cohort, exercise.homework.dueBeforeSession);
  const reviews = await latestCohortHomeworkReviews(db, cohort.id, exercise.id);
  const members = (await cohortHomeworkRows(db, cohort.id, exercise.id)).map((row): MemberHomework => {
    const review = reviews.get(row.userId) ?? null;
    return { ...row, review, standing: homeworkStanding({ submissions: row.submissions, firstPassAt: row.firstPassAt, latest: row.latest, review }, dueAt, now) };
  });
  return {
    exercise: { id: exercise.id, title: exercise.title, session: exercise.session, dueBeforeSession: exercise.homework.dueBeforeSession },
    dueAt,
    counts: countHomework(members),
    members,
  };
}
