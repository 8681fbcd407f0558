// The instructor's cohort report: KPI cards against the program's targets, competency by skill area,
// progress by session, the learner table with at-risk flags. Analytics per exercise and quiz item live
// in analytics.ts. Everything is computed from grouped queries over the cohort's members.
import type { Db } from '../db/open.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { mean, share } from '../../lib/stats.ts';
import { plural } from '../../lib/format.ts';
import { certificateStatus } from '../../lib/contracts/certificate-status.ts';
import { gatherLearners, type LearnerFacts } from './learners.ts';
import { programFeedbackSummary } from '../feedback/program-feedback-summary.ts';

export const INACTIVE_DAYS = 7;
const DAY = 86_400_000;

export interface ReportContext {
  db: Db;
  cohort: Cohort;
  program: Program;
  /** Lesson slug → session number, in reading order. */
  lessonSessions: ReadonlyMap<string, number>;
  /** Practice exercises (not certification tasks) of the program. */
  exercises: readonly { id: string; title: string; session: number; skill: string }[];
  /** The level whose exam competency by skill area is read from (the certification's first); null: every attempt. */
  competencyLevel?: string | null;
  now: number;
}

export interface Kpi {
  id: 'completion' | 'certification' | 'average-score' | 'on-time' | 'program-rating';
  label: string;
  value: number | null;
  target: number | null;
  met: boolean | null;
  detail: string;
}

export type CertificationState = 'certified' | 'revoked' | 'expired' | 'failed' | 'not-attempted';

export interface LearnerRow {
  id: string;
  name: string;
  email: string;
  lessonsDone: number;
  lessonsTotal: number;
  progress: number;
  exercisesPassed: number;
  exercisesTotal: number;
  lastActiveAt: number | null;
  certification: CertificationState;
  level: string | null;
  bestScore: number | null;
  attempts: number;
  completedAt: number | null;
  atRisk: string[];
  /** Titles of the program's exercises whose solution the learner opened. */
  solutionsViewed: string[];
  /** Peer reviews assigned to the learner and submitted (completion needs all of them). */
  reviewsAssigned: number;
  reviewsDone: number;
}

export interface CohortReport {
  cohort: Cohort;
  generatedAt: number;
  memberCount: number;
  kpis: Kpi[];
  competency: { skill: string; name: string; average: number | null; target: number; met: boolean | null; assessed: number }[];
  sessions: { number: number; title: string; date: string | null; lessonShare: number; exerciseShare: number }[];
  learners: LearnerRow[];
}

function certificationState(f: LearnerFacts, now: number): CertificationState {
  if (f.certificate) {
    const status = certificateStatus(f.certificate, now);
    return status === 'active' ? 'certified' : status;
  }
  return f.attempts > 0 ? 'failed' : 'not-attempted';
}

/** Learners are at risk when inactive for a week or behind the cohort's schedule. */
function riskReasons(f: LearnerFacts, ctx: ReportContext, lessonsPerSession: Map<number, number>, completed: boolean): string[] {
  if (completed) return [];
  const reasons: string[] = [];
  const last = f.lastActiveAt ?? f.joinedAt;
  if (ctx.now - last > INACTIVE_DAYS * DAY) reasons.push(`inactive for ${Math.floor((ctx.now - last) / DAY)} days`);
  ctx.cohort.sessionDates.forEach((date, i) => {
    const session = i + 1;
    const due = Date.parse(`${date}T23:59:59Z`);
    const total = lessonsPerSession.get(session) ?? 0;
    if (ctx.now > due && (f.lessonsBySession.get(session) ?? 0) < total) reasons.push(`behind on session ${session}`);
  });
  return reasons;
}

export async function buildCohortReport(ctx: ReportContext): Promise<CohortReport> {
  const facts = await gatherLearners(ctx.db, ctx.cohort.id, ctx.program.id, ctx.lessonSessions, ctx.competencyLevel ?? null);
  const lessonsTotal = ctx.lessonSessions.size;
  const lessonsPerSession = new Map<number, number>();
  for (const session of ctx.lessonSessions.values()) lessonsPerSession.set(session, (lessonsPerSession.get(session) ?? 0) + 1);
  const practiceIds = new Set(ctx.exercises.map((e) => e.id));
  const exerciseTitles = new Map(ctx.exercises.map((e) => [e.id, e.title]));
  const lastDate = ctx.cohort.sessionDates.at(-1);
  const deadline = lastDate ? Date.parse(`${lastDate}T23:59:59Z`) : null;

  const learners: LearnerRow[] = facts.map((f) => {
    const passed = [...f.exercisesPassed].filter((id) => practiceIds.has(id)).length;
    const completed = f.lessonsDone >= lessonsTotal && lessonsTotal > 0 && passed >= practiceIds.size && f.reviewsDone >= f.reviewsAssigned;
    const completedAt = completed ? Math.max(f.lastLessonAt ?? 0, f.lastPassAt ?? 0, f.reviewsAssigned > 0 ? (f.lastReviewAt ?? 0) : 0) : null;
    return {
      id: f.id,
      name: f.name,
      email: f.email,
      lessonsDone: f.lessonsDone,
      lessonsTotal,
      progress: share(f.lessonsDone + passed, lessonsTotal + practiceIds.size),
      exercisesPassed: passed,
      exercisesTotal: practiceIds.size,
      lastActiveAt: f.lastActiveAt,
      certification: certificationState(f, ctx.now),
      level: f.certificate && !f.certificate.revoked ? f.certificate.level : null,
      bestScore: f.bestAttempt?.score ?? null,
      attempts: f.attempts,
      completedAt,
      atRisk: riskReasons(f, ctx, lessonsPerSession, completed),
      solutionsViewed: f.solutionsViewed.flatMap((id) => {
        const title = exerciseTitles.get(id);
        return title === undefined ? [] : [title];
      }),
      reviewsAssigned: f.reviewsAssigned,
      reviewsDone: f.reviewsDone,
    };
  });

  const n = learners.length;
  const completedRows = learners.filter((l) => l.completedAt !== null);
  const certified = learners.filter((l) => l.certification === 'certified').length;
  const scores = learners.flatMap((l) => (l.bestScore === null ? [] : [l.bestScore]));
  const onTime = deadline === null ? null : completedRows.filter((l) => (l.completedAt ?? Infinity) <= deadline).length;
  const kpi = (id: Kpi['id'], label: string, value: number | null, target: number | null, detail: string): Kpi => ({
    id,
    label,
    value,
    target,
    met: value === null || target === null ? null : value >= target,
    detail,
  });
  const kpis: Kpi[] = [
    kpi('completion', 'Completion rate', n ? share(completedRows.length, n) : null, ctx.program.kpis.completionRate, `${completedRows.length} of ${n} completed every lesson, exercise and assigned peer review`),
    kpi('certification', 'Certification rate', n ? share(certified, n) : null, ctx.program.kpis.certificationRate, `${certified} of ${n} hold an active certificate`),
    kpi('average-score', 'Average certification score', mean(scores), null, `best attempt of ${plural(scores.length, 'learner')} who took the certification`),
    kpi('on-time', 'On-time completion', onTime === null || !n ? null : share(onTime, n), null, deadline === null ? 'no schedule set' : `${onTime ?? 0} of ${n} completed by ${lastDate}`),
  ];
  // The program feedback KPI (the training rated 4 or 5), when the program has the form.
  const rating = await programFeedbackSummary(ctx.db, ctx.cohort.id, n, ctx.program);
  if (rating) {
    const { kpi: k, responses } = rating;
    kpis.push(kpi('program-rating', 'Rated Excellent or Very good', k.share, k.target, `${k.excellent} of ${plural(responses, 'respondent')} rated the training 4 or 5 · ${responses} of ${n} answered`));
  }

  const competency = ctx.program.skillAreas.map((area) => {
    const values = facts.flatMap((f) => {
      const score = f.bestAttempt?.skills[area.id];
      return score === undefined ? [] : [score];
    });
    const average = mean(values);
    return { skill: area.id, name: area.name, average, target: area.target, met: average === null ? null : average >= area.target, assessed: values.length };
  });

  const sessions = ctx.program.sessions.map((s, i) => {
    const total = lessonsPerSession.get(s.number) ?? 0;
    const sessionExercises = ctx.exercises.filter((e) => e.session === s.number).map((e) => e.id);
    const lessonShare = n && total ? facts.reduce((t, f) => t + (f.lessonsBySession.get(s.number) ?? 0), 0) / (n * total) : 0;
    const exerciseShare =
      n && sessionExercises.length ? facts.reduce((t, f) => t + sessionExercises.filter((id) => f.exercisesPassed.has(id)).length, 0) / (n * sessionExercises.length) : 0;
    return { number: s.number, title: s.title, date: ctx.cohort.sessionDates[i] ?? null, lessonShare, exerciseShare };
  });

  return { cohort: ctx.cohort, generatedAt: ctx.now, memberCount: n, kpis, competency, sessions, learners };
}
