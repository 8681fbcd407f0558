// A cohort session as its instructor runs it: the session's agenda from program.json laid on the
// session's date and start time (blocks in order with durations and clock times, the lessons and
// exercises of each), and the live counts of the cohort's learners on each of those exercises and,
// in an assessment block, the certification. The facilitator view and its JSON endpoint both start
// here, so both check access the same way: the cohort's instructor or an admin.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getCertification, getOutline, practiceExercisesOf, type ProgramOutline } from '../content/catalog.ts';
import { memberCount, type Cohort } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { certificationCounts, exerciseCounts, sessionStart } from '../db/session-progress.ts';
import { HttpError } from '../http.ts';
import { formatTimeOfDay, isTeachingBlock, sessionMinutes, timeline } from '../../lib/agenda.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import { STUCK_AFTER_FAILS, type SessionProgress } from '../../lib/contracts/session-progress.ts';
import { levelName } from '../../lib/ladder-names.ts';
import type { Certification } from '../../lib/schemas/certification.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import type { BlockKind, ProgramSession } from '../../lib/schemas/program.ts';
import { requireCohortAccess } from './access.ts';

/** When a session starts if its instructor has not said: 09:00 on the session's date. */
export const DEFAULT_START_MINUTE = 9 * 60;

/** One session of one cohort, with the content it is taught from. */
export interface CohortSession {
  cohort: Cohort;
  outline: ProgramOutline;
  session: ProgramSession;
  /** The program's practice exercises (certification tasks are reached only inside an attempt). */
  practice: Exercise[];
  certification: Certification | null;
}

/** The cohort session `sessionParam` names ("1", "2"…), if this user may facilitate it: 401, 403 or 404 otherwise. */
export async function requireCohortSession(db: Db, viewer: SessionUser | null, cohortId: string, sessionParam: string): Promise<CohortSession> {
  const cohort = await requireCohortAccess(db, cohortId, requireUser(viewer));
  const outline = await getOutline(cohort.program);
  if (!outline) throw new HttpError(404, 'not_found', `The cohort's program "${cohort.program}" is no longer available.`);
  const number = /^[1-9]\d{0,2}$/.test(sessionParam) ? Number(sessionParam) : NaN;
  const session = outline.program.sessions.find((s) => s.number === number);
  if (!session) throw new HttpError(404, 'not_found', `This cohort's program has sessions 1 to ${outline.program.sessions.length}: there is no session "${sessionParam.slice(0, 20)}".`);
  return { cohort, outline, session, practice: await practiceExercisesOf(cohort.program), certification: await getCertification(cohort.program) };
}

/** The practice exercises of each block: a module's own (exercise.json's "module") first, then those the block lists. */
function blockExercises(ctx: CohortSession): Exercise[][] {
  const byId = new Map(ctx.practice.map((e) => [e.id, e]));
  return ctx.session.agenda.map((block) => {
    const own = isTeachingBlock(block) ? ctx.practice.filter((e) => e.module === block.id) : [];
    const listed = block.exercises.flatMap((id) => byId.get(id) ?? []).filter((e) => !own.includes(e));
    return [...own, ...listed];
  });
}

/** Every exercise the session's agenda lists, once each, in agenda order. */
function sessionExerciseIds(ctx: CohortSession): string[] {
  return [...new Set(blockExercises(ctx).flatMap((list) => list.map((e) => e.id)))];
}

export interface AgendaItem {
  index: number;
  kind: BlockKind;
  title: string;
  durationMinutes: number;
  /** Minutes from the session's start to the block's start and end. */
  from: number;
  to: number;
  /** Clock times ("09:15") from the session's start time. */
  startsAt: string;
  endsAt: string;
  notes: string[];
  objectives: string[];
  lessons: { slug: string; title: string; href: string; durationMinutes: number }[];
  exercises: { id: string; title: string; href: string; estimateMinutes: number }[];
  /** An assessment block: the certification's counts belong to it. */
  assessment: boolean;
}

export interface SessionAgenda {
  session: { number: number; title: string; summary: string };
  /** The cohort's date for this session (YYYY-MM-DD), if it has one. */
  date: string | null;
  /** Minutes after midnight. */
  startMinute: number;
  /** False while the start is the default (nobody saved one). */
  startSaved: boolean;
  startsAt: string;
  endsAt: string;
  /** The sum of the blocks: the session's length. */
  totalMinutes: number;
  items: AgendaItem[];
}

export async function sessionAgenda(db: Db, ctx: CohortSession): Promise<SessionAgenda> {
  const saved = await sessionStart(db, ctx.cohort.id, ctx.session.number);
  const startMinute = saved ?? DEFAULT_START_MINUTE;
  const exercises = blockExercises(ctx);
  const lessons = ctx.outline.lessons.filter((l) => l.session === ctx.session);
  const programId = ctx.outline.program.id;
  const total = sessionMinutes(ctx.session);
  return {
    session: { number: ctx.session.number, title: ctx.session.title, summary: ctx.session.summary },
    date: ctx.cohort.sessionDates[ctx.session.number - 1] ?? null,
    startMinute,
    startSaved: saved !== null,
    startsAt: formatTimeOfDay(startMinute),
    endsAt: formatTimeOfDay(startMinute + total),
    totalMinutes: total,
    items: timeline(ctx.session).map(({ block, index, from, to }) => ({
      index,
      kind: block.kind,
      title: block.title,
      durationMinutes: block.durationMinutes,
      from,
      to,
      startsAt: formatTimeOfDay(startMinute + from),
      endsAt: formatTimeOfDay(startMinute + to),
      notes: block.notes,
      objectives: isTeachingBlock(block) ? block.objectives : [],
      lessons: lessons.filter((l) => l.block === block).map((l) => ({ slug: l.slug, title: l.title, href: `/programs/${programId}/${l.slug}`, durationMinutes: l.durationMinutes })),
      exercises: (exercises[index] ?? []).map((e) => ({ id: e.id, title: e.title, href: exerciseUrls(e.id, null).page, estimateMinutes: e.estimateMinutes })),
      assessment: block.kind === 'assessment',
    })),
  };
}

/** The live counts: every query grouped over the whole cohort, none per learner. */
export async function sessionProgress(db: Db, ctx: CohortSession, now: number): Promise<SessionProgress> {
  const ids = sessionExerciseIds(ctx);
  const counts = await exerciseCounts(db, ctx.cohort.id, ids, STUCK_AFTER_FAILS);
  const first = ctx.certification?.levels[0];
  const assessed = ctx.session.agenda.some((b) => b.kind === 'assessment');
  return {
    cohortId: ctx.cohort.id,
    session: ctx.session.number,
    learners: await memberCount(db, ctx.cohort.id),
    exercises: ids.map((id) => {
      const c = counts.get(id);
      return { id, started: c?.started ?? 0, passed: c?.passed ?? 0, stuck: c?.stuck ?? 0 };
    }),
    certification:
      assessed && first && ctx.certification
        ? { level: first.id, levelName: levelName(ctx.certification, first.id), ...await certificationCounts(db, ctx.cohort.id, ctx.cohort.program, first.id, true, now) }
        : null,
    countedAt: now,
  };
}

/** GET /api/cohorts/<id>/sessions/<n>/progress. */
export async function loadSessionProgress(app: App, viewer: SessionUser | null, cohortId: string, sessionParam: string, now = Date.now()): Promise<SessionProgress> {
  return sessionProgress(app.db, await requireCohortSession(app.db, viewer, cohortId, sessionParam), now);
}
