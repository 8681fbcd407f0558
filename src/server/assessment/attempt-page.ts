// One certification attempt as its page shows it: the quiz and the practical tasks while open
// (saving answers and submitting are plain form posts, so it works without JavaScript), the
// time-up notice, or the results once submitted. Submitting asks for confirmation: without
// JavaScript the page lists what is outstanding and waits for "Submit anyway" (submit-confirmed).
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import type { AttemptRow } from '../db/attempts.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import { examComponents, type Certification, type Exam } from '../../lib/schemas/certification.ts';
import { attemptResults, type AttemptResults } from './attempt-results.ts';
import { attemptView, examOf, requireOwnAttempt, saveAttemptAnswers, type AssessmentContent, type AttemptView, type Outstanding } from './attempts.ts';
import { loadAssessmentContent } from './content.ts';
import { submitAttemptAndIssue } from './submit-attempt.ts';

/** A quiz form carries every answer and flag of the paper at once, so it may be larger than other forms. */
const MAX_QUIZ_FORM_BYTES = 128 * 1024;

export interface AttemptPage {
  program: string;
  certification: Certification;
  /** The exam this attempt takes (its time limit, attempts and submissions per task). */
  exam: Exam;
  /** "Renewal" or the exam's plain heading, with the level's name. */
  heading: string;
  /** The quiz section's heading: the quiz component's name from certification.json (names joined if several). */
  quizHeading: string;
  /** What the attempt was when the page was asked for. */
  state: 'open' | 'expired' | 'submitted';
  status: number;
  /** Why a posted save or submit was refused. */
  error: string | null;
  /** A submit that needs confirming: what is still outstanding. */
  unconfirmed: Outstanding | null;
  view: AttemptView;
  /** Each task's page inside this attempt. */
  taskHref: (exerciseId: string) => string;
  minutesLeft: number;
  /** Submitted attempts only. */
  results: AttemptResults | null;
}

/** The answers a quiz form carries for the questions on the paper (missing ones clear the answer). */
function answersFromForm(form: URLSearchParams, view: AttemptView): Record<string, string | string[] | null> {
  const answers: Record<string, string | string[] | null> = {};
  for (const q of view.questions) {
    const chosen = form.getAll(`q:${q.id}`);
    answers[q.id] = q.type === 'multiple' ? chosen : (chosen[0] ?? null);
  }
  return answers;
}

/** Saves the posted answers and flags; with action submit, submits. Outstanding items when a submit needs confirming. */
async function applyPost(app: App, user: SessionUser, attempt: AttemptRow, content: AssessmentContent, request: Request, now: () => number): Promise<Outstanding | null> {
  const form = await readForm(request, MAX_QUIZ_FORM_BYTES);
  const answers = answersFromForm(form, await attemptView(app.db, attempt, content, now()));
  await saveAttemptAnswers(app.db, user.id, attempt.id, { answers, flags: form.getAll('flag') }, now());
  const action = form.get('action');
  if (action !== 'submit' && action !== 'submit-confirmed') return null;
  try {
    await submitAttemptAndIssue(app, user, attempt.id, () => action === 'submit-confirmed' || form.get('confirm') === '1', now());
    return null;
  } catch (e) {
    if (!(e instanceof HttpError) || e.code !== 'confirmation_required') throw e;
    return e.details?.['outstanding'] as Outstanding;
  }
}

/** `path`: the page's own address, where a successful post returns to. `clock` is read at each step, as the server's time moves on. */
export async function attemptPage(app: App, viewer: SessionUser | null, attemptId: string, request: Request, path: string, clock: () => number = Date.now): Promise<AttemptPage | SeeOther> {
  const user = requireUser(viewer);
  const attempt = await requireOwnAttempt(app.db, user.id, attemptId);
  const content = await loadAssessmentContent(attempt.program);
  let error: string | null = null;
  let status = 200;
  let unconfirmed: Outstanding | null = null;
  if (request.method === 'POST' && attempt.status === 'open') {
    try {
      unconfirmed = await applyPost(app, user, attempt, content, request, clock);
      if (!unconfirmed) return new SeeOther(path);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const now = clock();
  const view = await attemptView(app.db, await requireOwnAttempt(app.db, user.id, attempt.id), content, now);
  const { level, exam } = examOf(attempt, content.certification);
  return {
    program: attempt.program,
    certification: content.certification,
    exam,
    heading: `${attempt.purpose === 'renew' ? 'Renewal' : 'Certification'} attempt · ${level.name}`,
    quizHeading: examComponents(content.certification, exam).flatMap((c) => (c.type === 'quiz' ? [c.name] : [])).join(' · ') || 'Quiz',
    state: attempt.status === 'submitted' ? 'submitted' : now > attempt.expiresAt ? 'expired' : 'open',
    status,
    error,
    unconfirmed,
    view,
    taskHref: (exerciseId) => exerciseUrls(exerciseId, attempt.id).page,
    minutesLeft: Math.ceil((attempt.expiresAt - now) / 60000),
    results: attempt.status === 'submitted' ? await attemptResults(app.db, attempt, content, now, app.config.publicOrigin) : null,
  };
}
