// A program's certification rules and question bank, from the content collections (server only).
import { getCollection, getEntry } from 'astro:content';
import { HttpError } from '../http.ts';
import type { AssessmentContent } from './attempts.ts';

const cache = new Map<string, Promise<AssessmentContent | null>>();

export function findAssessmentContent(program: string): Promise<AssessmentContent | null> {
  let hit = cache.get(program);
  if (!hit) {
    hit = (async () => {
      const certification = (await getEntry('certifications', program))?.data;
      if (!certification) return null;
      const bank = (await getCollection('questions', (q) => q.id.startsWith(`${program}/`))).map((q) => q.data);
      return { certification, bank };
    })();
    cache.set(program, hit);
  }
  return hit;
}

export async function loadAssessmentContent(program: string): Promise<AssessmentContent> {
  const content = await findAssessmentContent(program);
  if (!content) throw new HttpError(404, 'not_found', `No certification for program "${program}".`);
  return content;
}
