// The facilitator view of one cohort session (/cohorts/<id>/sessions/<n>) for the cohort's instructor or
// an admin: the session's agenda on its date and clock (sessionAgenda), the counts as they are when the
// page is rendered (the page's script then refreshes them from the JSON endpoint), and the session's start
// time of day, which a posted form saves for the cohort session (so the clock times stay right for
// everyone who opens the view, on every device).
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { setSessionStart } from '../db/session-progress.ts';
import { readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { parseTimeOfDay } from '../../lib/agenda.ts';
import type { SessionProgress } from '../../lib/contracts/session-progress.ts';
import { requireCohortSession, sessionAgenda, sessionProgress, type SessionAgenda } from './facilitator.ts';

export interface FacilitatorPage {
  cohort: { id: string; name: string };
  programTitle: string;
  /** Every session of the cohort, for moving between them. */
  sessions: { number: number; title: string; date: string | null }[];
  agenda: SessionAgenda;
  progress: SessionProgress;
  /** Where the page's script polls. */
  progressUrl: string;
  /** Why a posted start time was refused (the page's status is then `status`). */
  error: string | null;
  status: number;
  /** What a saved start time did. */
  notice: string | null;
}

export const sessionPath = (cohortId: string, session: number): string => `/cohorts/${encodeURIComponent(cohortId)}/sessions/${session}`;

/** `request`: the page's request; a POST with `start=HH:MM` saves the session's start time. */
export async function facilitatorPage(
  app: App,
  viewer: SessionUser | null,
  cohortId: string,
  sessionParam: string,
  params: URLSearchParams,
  request: Request | null = null,
  now = Date.now(),
): Promise<FacilitatorPage | SeeOther> {
  const ctx = await requireCohortSession(app.db, viewer, cohortId, sessionParam);
  const path = sessionPath(ctx.cohort.id, ctx.session.number);
  let error: string | null = null;
  let status = 200;
  if (request?.method === 'POST') {
    const form = await readForm(request, 4 * 1024);
    const start = parseTimeOfDay(form.get('start') ?? '');
    if (start === null) {
      error = 'Enter the start time as hours and minutes, for example 09:30.';
      status = 400;
    } else {
      await setSessionStart(app.db, ctx.cohort.id, ctx.session.number, start, now);
      return new SeeOther(`${path}?saved=1`);
    }
  }
  const agenda = await sessionAgenda(app.db, ctx);
  return {
    cohort: { id: ctx.cohort.id, name: ctx.cohort.name },
    programTitle: ctx.outline.program.title,
    sessions: ctx.outline.program.sessions.map((s) => ({ number: s.number, title: s.title, date: ctx.cohort.sessionDates[s.number - 1] ?? null })),
    agenda,
    progress: await sessionProgress(app.db, ctx, now),
    progressUrl: `/api${path}/progress`,
    error,
    status,
    notice: params.get('saved') === '1' && request?.method !== 'POST' ? `Saved: the session starts at ${agenda.startsAt} and ends at ${agenda.endsAt}.` : null,
  };
}
