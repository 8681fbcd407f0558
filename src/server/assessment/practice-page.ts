// One practice exam as its page shows it: the questions (a plain form; no clock, nothing saved until
// it is submitted), then the score with every question's key and explanation. Never credited.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getProgram } from '../content/catalog.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { loadAssessmentContent } from './content.ts';
import { practicePath } from './certification-page.ts';
import { practiceResult, practiceView, requireOwnPractice, submitPractice, type PracticeResult, type PracticeView } from './practice.ts';

/** A practice form carries every answer at once. */
const MAX_PRACTICE_FORM_BYTES = 64 * 1024;

export interface PracticePage {
  program: string;
  certificationTitle: string;
  view: PracticeView;
  /** Once submitted. */
  result: PracticeResult | null;
  status: number;
  error: string | null;
}

export async function practicePage(app: App, viewer: SessionUser | null, practiceId: string, request: Request, now = Date.now()): Promise<PracticePage | SeeOther> {
  const user = requireUser(viewer);
  const paper = await requireOwnPractice(app.db, user.id, practiceId);
  const content = await loadAssessmentContent(paper.program);
  const program = await getProgram(paper.program);
  const skillName = (id: string) => program?.skillAreas.find((s) => s.id === id)?.name ?? id;
  let status = 200;
  let error: string | null = null;
  if (request.method === 'POST' && paper.submittedAt === null) {
    try {
      const form = await readForm(request, MAX_PRACTICE_FORM_BYTES);
      const answers: Record<string, string | string[] | null> = {};
      for (const q of practiceView(paper, content).questions) {
        const chosen = form.getAll(`q:${q.id}`);
        answers[q.id] = q.type === 'multiple' ? chosen : (chosen[0] ?? null);
      }
      await submitPractice(app.db, user.id, paper.id, answers, content, now, skillName);
      return new SeeOther(practicePath(paper.program, paper.id));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status } = e);
      error = e.message;
    }
  }
  const current = await requireOwnPractice(app.db, user.id, practiceId);
  return {
    program: paper.program,
    certificationTitle: content.certification.title,
    view: practiceView(current, content),
    result: practiceResult(current, content, skillName),
    status,
    error,
  };
}
