// A learner's progress per program: lessons done, exercises passed, certification state.
import type { Db } from '../db/open.ts';
import { certificatesOf } from '../db/certificates.ts';
import { completedLessons } from '../db/progress.ts';
import { passedExerciseIds } from '../db/submissions.ts';
import { isCertificateActive } from '../../lib/contracts/certificate-status.ts';
import { getOutline, listPrograms, practiceExercisesOf } from './catalog.ts';

export interface ProgramProgress {
  program: string;
  title: string;
  lessonsDone: number;
  lessonsTotal: number;
  exercisesPassed: number;
  exercisesTotal: number;
  certified: boolean;
  /** The program has peer review (program.json `peerReview`): /me links the learner's reviews. */
  peerReview: boolean;
}

export async function progressSummary(db: Db, userId: string, now = Date.now()): Promise<ProgramProgress[]> {
  const passed = await passedExerciseIds(db, userId);
  const certifiedPrograms = new Set((await certificatesOf(db, userId)).filter((c) => isCertificateActive(c, now)).map((c) => c.program));
  const result: ProgramProgress[] = [];
  for (const program of await listPrograms()) {
    const outline = await getOutline(program.id);
    const done = await completedLessons(db, userId, program.id);
    const practice = await practiceExercisesOf(program.id);
    result.push({
      program: program.id,
      title: program.title,
      lessonsDone: outline ? outline.lessons.filter((l) => done.has(l.slug)).length : 0,
      lessonsTotal: outline?.lessons.length ?? 0,
      exercisesPassed: practice.filter((e) => passed.has(e.id)).length,
      exercisesTotal: practice.length,
      certified: certifiedPrograms.has(program.id),
      peerReview: program.peerReview !== undefined,
    });
  }
  return result;
}
