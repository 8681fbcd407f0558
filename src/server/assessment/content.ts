// A program's certification rules, question bank and exercise titles, from the catalogue (server only).
import { exercisesOf, getCertification, questionBank } from '../content/catalog.ts';
import { HttpError } from '../http.ts';
import type { AssessmentContent } from './attempts.ts';

export async function findAssessmentContent(program: string): Promise<AssessmentContent | null> {
  const certification = await getCertification(program);
  if (!certification) return null;
  const [bank, exercises] = await Promise.all([questionBank(program), exercisesOf(program)]);
  return { certification, bank, exerciseTitles: new Map(exercises.map((e) => [e.id, e.title])) };
}

export async function loadAssessmentContent(program: string): Promise<AssessmentContent> {
  const content = await findAssessmentContent(program);
  if (!content) throw new HttpError(404, 'not_found', `No certification for program "${program}".`);
  return content;
}
