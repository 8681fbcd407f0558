// A program's certification rules, question bank, exercise titles and task variants, from the catalogue (server only).
import { exercisesOf, getCertification, questionBank, taskVariantsOf } from '../content/catalog.ts';
import { HttpError } from '../http.ts';
import type { AssessmentContent } from './attempts.ts';

export async function findAssessmentContent(program: string): Promise<AssessmentContent | null> {
  const certification = await getCertification(program);
  if (!certification) return null;
  const [bank, exercises] = await Promise.all([questionBank(program), exercisesOf(program)]);
  const taskVariants = new Map<string, string[]>();
  for (const e of exercises) {
    const variants = e.certification ? await taskVariantsOf(e.id) : null;
    if (variants) taskVariants.set(e.id, variants.map((v) => v.id));
  }
  return { certification, bank, exerciseTitles: new Map(exercises.map((e) => [e.id, e.title])), taskVariants };
}

export async function loadAssessmentContent(program: string): Promise<AssessmentContent> {
  const content = await findAssessmentContent(program);
  if (!content) throw new HttpError(404, 'not_found', `No certification for program "${program}".`);
  return content;
}
