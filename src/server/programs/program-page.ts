// A program's overview page: each session's agenda with its lessons and practice exercises in order, with the
// signed-in learner's progress through them.
import type { SessionUser } from '../auth/roles.ts';
import { getOutline, practiceExercisesOf, type OutlineLesson, type ProgramOutline } from '../content/catalog.ts';
import type { Db } from '../db/open.ts';
import { completedLessons } from '../db/progress.ts';
import { passedExerciseIds } from '../db/submissions.ts';
import { HttpError } from '../http.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';

export interface ProgramPage {
  outline: ProgramOutline;
  /** Lesson slugs done (empty when signed out). */
  done: Set<string>;
  /** Share of the program's lessons done, 0..1. */
  doneShare: number;
  /** Practice exercises (certification tasks are reached only from inside an attempt), with their page and whether this learner passed. */
  exercises: (Pick<Exercise, 'id' | 'title' | 'module' | 'estimateMinutes'> & { href: string; passed: boolean })[];
  /** Where "Continue" (or "Start") leads: the first lesson not done. */
  firstOpen: OutlineLesson | undefined;
}

export async function programPage(db: Db, viewer: SessionUser | null, programId: string): Promise<ProgramPage> {
  const outline = await getOutline(programId);
  if (!outline) throw new HttpError(404, 'not_found', 'No such program.');
  const { program, lessons } = outline;
  const done = viewer ? await completedLessons(db, viewer.id, program.id) : new Set<string>();
  const passed = viewer ? await passedExerciseIds(db, viewer.id) : new Set<string>();
  const practice = await practiceExercisesOf(program.id);
  return {
    outline,
    done,
    doneShare: lessons.length ? lessons.filter((l) => done.has(l.slug)).length / lessons.length : 0,
    exercises: practice.map((x) => ({ id: x.id, title: x.title, module: x.module, estimateMinutes: x.estimateMinutes, href: exerciseUrls(x.id, null).page, passed: passed.has(x.id) })),
    firstOpen: lessons.find((l) => !done.has(l.slug)) ?? lessons[0],
  };
}
