// The learner's end-of-program feedback page (/programs/<program>/feedback/program): the form of
// program.json's "programFeedback", filled in with what they sent before, or, while it is not open for
// them yet, when it opens. A posted form is saved and redirected to (303), or shown again with its
// values and the problem (4xx). The session feedback page links here (feedback-page.ts).
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getOutline, getProgram, practiceExercisesOf } from '../content/catalog.ts';
import type { Db } from '../db/open.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import type { Program } from '../../lib/schemas/program.ts';
import type { ProgramFeedbackForm } from '../../lib/schemas/program-feedback.ts';
import { programFeedbackOf, programFeedbackOpening, submitProgramFeedback, type ProgramFeedbackContent, type ProgramFeedbackOpening } from './program-feedback.ts';

export const programFeedbackPath = (programId: string): string => `/programs/${encodeURIComponent(programId)}/feedback/program`;

export interface ProgramFeedbackPage {
  program: Program;
  form: ProgramFeedbackForm;
  opening: ProgramFeedbackOpening;
  /** When the learner last sent it (null: never). */
  sentAt: number | null;
  /** What the form shows: the posted values after a refusal, else what was sent before. */
  values: { ratings: Readonly<Record<string, number>>; answers: Readonly<Record<string, string>> };
  saved: boolean;
  status: number;
  error: string | null;
}

/** The program's form and what completing the program means, from the catalogue; null when it has no form. */
export async function programFeedbackContent(programId: string): Promise<ProgramFeedbackContent | null> {
  const program = await getProgram(programId);
  if (!program?.programFeedback) return null;
  const outline = await getOutline(programId);
  return {
    program: program.id,
    form: program.programFeedback,
    lessons: outline?.lessons.map((l) => l.slug) ?? [],
    exercises: (await practiceExercisesOf(programId)).map((e) => e.id),
  };
}

export async function programFeedbackPage(db: Db, viewer: SessionUser | null, programId: string, request: Request, now = Date.now()): Promise<ProgramFeedbackPage | SeeOther> {
  const program = await getProgram(programId);
  const content = await programFeedbackContent(programId);
  if (!program || !content) throw new HttpError(404, 'not_found', 'This program has no program feedback form.');
  const user = requireUser(viewer);
  let status = 200;
  let error: string | null = null;
  let posted: ProgramFeedbackPage['values'] | null = null;
  if (request.method === 'POST') {
    const fields = await readForm(request, 64 * 1024);
    try {
      await submitProgramFeedback(db, user.id, content, (id) => fields.get(id), now);
      return new SeeOther(`${programFeedbackPath(program.id)}?saved=1`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      status = e.status;
      error = e.message;
      const ratings: Record<string, number> = {};
      for (const q of content.form.ratings) {
        const v = Number(fields.get(`rating:${q.id}`));
        if (Number.isInteger(v)) ratings[q.id] = v;
      }
      posted = { ratings, answers: Object.fromEntries(content.form.questions.map((q) => [q.id, fields.get(`answer:${q.id}`) ?? ''])) };
    }
  }
  const given = await programFeedbackOf(db, user.id, program.id);
  return {
    program,
    form: content.form,
    opening: await programFeedbackOpening(db, user.id, content, now),
    sentAt: given?.updatedAt ?? null,
    values: posted ?? { ratings: given?.ratings ?? {}, answers: given?.answers ?? {} },
    saved: request.method === 'GET' && new URL(request.url).searchParams.get('saved') === '1' && given !== null,
    status,
    error,
  };
}
