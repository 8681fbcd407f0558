// A learner's progress per program: lessons done, exercises passed, certification state.
import { getCollection } from 'astro:content';
import type { Db } from '../db/open.ts';
import { completedLessons } from '../db/progress.ts';
import { getOutline, listPrograms } from './catalog.ts';

export interface ProgramProgress {
  program: string;
  title: string;
  lessonsDone: number;
  lessonsTotal: number;
  exercisesPassed: number;
  exercisesTotal: number;
  certified: boolean;
}

export async function progressSummary(db: Db, userId: string): Promise<ProgramProgress[]> {
  const exercises = await getCollection('exercises');
  const passed = new Set(
    (
      db.prepare("SELECT DISTINCT exercise_id FROM submissions WHERE user_id = ? AND status = 'pass' AND attempt_id IS NULL").all(userId) as {
        exercise_id: string;
      }[]
    ).map((r) => r.exercise_id),
  );
  const certifiedPrograms = new Set(
    (
      db.prepare('SELECT DISTINCT program FROM certificates WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)').all(
        userId,
        Date.now(),
      ) as { program: string }[]
    ).map((r) => r.program),
  );
  const result: ProgramProgress[] = [];
  for (const program of await listPrograms()) {
    const outline = await getOutline(program.id);
    const done = completedLessons(db, userId, program.id);
    const practice = exercises.filter((e) => e.data.program === program.id && !e.data.certification);
    result.push({
      program: program.id,
      title: program.title,
      lessonsDone: outline ? outline.lessons.filter((l) => done.has(l.slug)).length : 0,
      lessonsTotal: outline?.lessons.length ?? 0,
      exercisesPassed: practice.filter((e) => passed.has(e.id)).length,
      exercisesTotal: practice.length,
      certified: certifiedPrograms.has(program.id),
    });
  }
  return result;
}
