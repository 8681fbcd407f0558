// One lesson page: the rendered lesson in its session's outline, the learner's progress mark, the
// neighbours in reading order, and marking the lesson done or not done (a plain form post).
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getLessonEntry, getOutline, renderLesson, type LessonEntry, type OutlineLesson, type ProgramOutline, type RenderedLesson } from '../content/catalog.ts';
import { completedLessons, markLessonDone, unmarkLessonDone } from '../db/progress.ts';
import { HttpError, readForm } from '../http.ts';
import { signInPath } from '../redirects.ts';
import { SeeOther } from '../route.ts';

export interface LessonPage {
  outline: ProgramOutline;
  here: OutlineLesson;
  lesson: LessonEntry['data'];
  rendered: RenderedLesson;
  /** Slugs of the lessons this learner has done (empty when signed out). */
  done: Set<string>;
  prev: OutlineLesson | undefined;
  next: OutlineLesson | undefined;
  sessionLessons: OutlineLesson[];
  /** Where "Sign in" leads a visitor who is signed out (back here afterwards). */
  signInHref: string;
}

/** `path`: the lesson's own address; a posted mark comes back to its progress box. */
export async function lessonPage(app: App, viewer: SessionUser | null, programId: string, slug: string, request: Request, path: string): Promise<LessonPage | SeeOther> {
  const outline = await getOutline(programId);
  const entry = await getLessonEntry(programId, slug);
  const here = outline?.lessons.find((l) => l.slug === slug);
  if (!outline || !entry || !here) throw new HttpError(404, 'not_found', 'No such lesson.');
  if (request.method === 'POST') {
    const user = requireUser(viewer);
    const form = await readForm(request);
    if (form.get('done') === 'false') await unmarkLessonDone(app.db, user.id, programId, slug);
    else await markLessonDone(app.db, user.id, programId, slug);
    return new SeeOther(`${path}#progress`);
  }
  return {
    outline,
    here,
    lesson: entry.data,
    rendered: await renderLesson(entry),
    done: viewer ? await completedLessons(app.db, viewer.id, programId) : new Set<string>(),
    prev: outline.lessons[here.index - 1],
    next: outline.lessons[here.index + 1],
    sessionLessons: outline.lessons.filter((l) => l.session.number === here.session.number),
    signInHref: signInPath(path, app.config.publicOrigin),
  };
}
