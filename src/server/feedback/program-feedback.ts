// The end-of-program feedback form (the training plan's "Program Feedback": the ratings and open
// questions program.json's "programFeedback" lists), one per learner and program, changeable later.
//
// When it opens: from the first day (00:00 UTC) of the last session of any cohort of the program the
// learner is in, or as soon as they have completed every lesson and practice exercise of the program,
// whichever comes first. The training plan hands the program form out at the end of the program: a
// cohort's learners fill it in during the last session's wrap-up (so it is open on that day, not only
// after it), and a learner who works through the program on their own (or ahead of their cohort) has
// reached its end when they have completed it. Before either, the form explains when it opens.
import type { Cohort } from '../db/cohorts.ts';
import { cohortsOfMember } from '../db/cohorts.ts';
import type { Db } from '../db/open.ts';
import { programFeedbackOf, saveProgramFeedback, type ProgramFeedbackEntry } from '../db/program-feedback.ts';
import { completedLessons } from '../db/progress.ts';
import { passedExerciseIds } from '../db/submissions.ts';
import { HttpError } from '../http.ts';
import type { ProgramFeedbackForm } from '../../lib/schemas/program-feedback.ts';
import { RATING_POINTS } from '../../lib/program-rating.ts';

export const MAX_PROGRAM_ANSWER = 4000;

export interface ProgramFeedbackContent {
  program: string;
  form: ProgramFeedbackForm;
  /** Every lesson slug and practice exercise id of the program: completing them all opens the form. */
  lessons: readonly string[];
  exercises: readonly string[];
}

export type ProgramFeedbackOpening =
  | { open: true; because: 'last-session' | 'completed' }
  | { open: false; /** The earliest first day of a last session still to come, when the learner has a cohort. */ opensAt: number | null };

/** The start of the cohort's last session day, or null without dates. */
export function lastSessionStart(cohort: Pick<Cohort, 'sessionDates'>): number | null {
  const date = cohort.sessionDates.at(-1);
  if (date === undefined) return null;
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(at) ? null : at;
}

export async function programFeedbackOpening(db: Db, userId: string, content: ProgramFeedbackContent, now = Date.now()): Promise<ProgramFeedbackOpening> {
  const starts = (await cohortsOfMember(db, userId))
    .filter((c) => c.program === content.program)
    .flatMap((c) => {
      const at = lastSessionStart(c);
      return at === null ? [] : [at];
    });
  if (starts.some((at) => now >= at)) return { open: true, because: 'last-session' };
  const lessons = await completedLessons(db, userId, content.program);
  const passed = await passedExerciseIds(db, userId);
  if (content.lessons.length + content.exercises.length > 0 && content.lessons.every((l) => lessons.has(l)) && content.exercises.every((e) => passed.has(e))) {
    return { open: true, because: 'completed' };
  }
  return { open: false, opensAt: starts.length > 0 ? Math.min(...starts) : null };
}

const invalid = (field: string, message: string): HttpError => new HttpError(400, 'invalid_input', message, { details: { field } });

/** The form's ratings (each 1–5) and answers (each optional, at most MAX_PROGRAM_ANSWER characters) from posted fields. */
export function parseProgramFeedback(form: ProgramFeedbackForm, input: (id: string) => string | null): Pick<ProgramFeedbackEntry, 'ratings' | 'answers'> {
  const ratings: Record<string, number> = {};
  for (const q of form.ratings) {
    const raw = input(`rating:${q.id}`);
    const value = Number(raw);
    if (raw === null || raw.trim() === '' || !(RATING_POINTS as readonly number[]).includes(value)) throw invalid(`rating:${q.id}`, `Rate “${q.label}” from 1 to 5.`);
    ratings[q.id] = value;
  }
  const answers: Record<string, string> = {};
  for (const q of form.questions) {
    const text = (input(`answer:${q.id}`) ?? '').replace(/\r\n?/g, '\n').trim();
    if (text.length > MAX_PROGRAM_ANSWER) throw invalid(`answer:${q.id}`, `Keep “${q.label}” under ${MAX_PROGRAM_ANSWER.toLocaleString('en')} characters.`);
    if (text !== '') answers[q.id] = text;
  }
  return { ratings, answers };
}

/** Validates and saves the learner's form; 409 while it is not open for them yet. */
export async function submitProgramFeedback(db: Db, userId: string, content: ProgramFeedbackContent, input: (id: string) => string | null, now = Date.now()): Promise<void> {
  const opening = await programFeedbackOpening(db, userId, content, now);
  if (!opening.open) throw new HttpError(409, 'not_open_yet', 'The program feedback form opens on the day of your cohort’s last session, or once you have completed the program.');
  await saveProgramFeedback(db, { userId, program: content.program, ...parseProgramFeedback(content.form, input), now });
}

export { programFeedbackOf };
