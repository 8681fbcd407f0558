// One exercise page: the view (view.ts) with what the page adds around it — where "next" leads, the
// instructions nested under the page's own headings, the data embedded for the workspace script —
// or, when the exercise cannot be opened here, why (the page explains it in place; only a visitor
// who must sign in is sent to do so).
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { getOutline, lessonsOf } from '../content/catalog.ts';
import { HttpError } from '../http.ts';
import { ISOLATION_HEADERS } from '../isolation.ts';
import type { ExerciseView } from '../../lib/contracts/exercise-view.ts';
import { attemptPath } from '../assessment/certification-page.ts';
import { getExerciseView } from './view.ts';
import { getExercise } from '../content/catalog.ts';
import { isHomework } from '../homework/rules.ts';
import { learnerHomework, type LearnerHomework } from '../homework/learner-view.ts';

export interface NextStep {
  href: string;
  label: string;
}

export type ExercisePage =
  | { kind: 'problem'; status: number; message: string }
  | {
      kind: 'exercise';
      view: ExerciseView;
      /** The instructions without their own title, headings one level down (they sit under "Instructions"). */
      instructionsHtml: string;
      /** The workspace's data (client/workspace/view.ts WorkspacePageData) as JSON safe inside a script element. */
      embedded: string;
      showSolution: boolean;
      /** Certification tasks: the attempt's page. */
      attemptHref: string | null;
      /** Certification tasks: all graded submissions used. */
      usedUp: boolean;
      /** Certification tasks: whole minutes left on the attempt's clock. */
      minutesLeft: number;
      /** Homework, for the signed-in learner: when it is due, where it stands, their instructor's reviews. */
      homework: LearnerHomework | null;
    };

/** Where to go after solving: back to the attempt, or the lesson after the one that links this exercise. */
async function nextStep(v: ExerciseView): Promise<NextStep | null> {
  if (v.attemptId) return { href: attemptPath(v.program, v.attemptId), label: 'back to your certification attempt' };
  const outline = await getOutline(v.program);
  if (!outline) return null;
  const linking = new Set((await lessonsOf(v.program)).filter((l) => l.data.exercises.includes(v.id)).map((l) => l.slug));
  const last = outline.lessons.findLastIndex((l) => linking.has(l.slug));
  const next = last >= 0 ? outline.lessons[last + 1] : undefined;
  if (next) return { href: `/programs/${v.program}/${next.slug}`, label: next.title };
  return { href: `/programs/${v.program}`, label: outline.program.title };
}

/** The instructions repeat the title as their own h1: drop it and nest their headings one level deeper. */
export function nestInstructions(html: string): string {
  return html
    .replace(/^\s*<h1[^>]*>[\s\S]*?<\/h1>\s*/, '')
    .replace(/<(\/?)h([1-5])(?=[\s>])/g, (_m, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 1)}`);
}

/** JSON for a <script type="application/json">: "<" is escaped so file contents cannot close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export async function exercisePage(app: App, viewer: SessionUser | null, exerciseId: string, attemptId: string | null): Promise<ExercisePage> {
  let view: ExerciseView;
  try {
    view = await getExerciseView(app, exerciseId, viewer, attemptId);
  } catch (e) {
    if (!(e instanceof HttpError) || e.status === 401) throw e;
    return { kind: 'problem', status: e.status, message: e.message };
  }
  const next = await nextStep(view);
  const attempt = view.attempt;
  const definition = await getExercise(view.id);
  return {
    kind: 'exercise',
    view,
    instructionsHtml: nestInstructions(view.instructionsHtml),
    // The view carries no hidden tests, keys or solutions, so it is safe to embed.
    embedded: scriptJson({ view, signedIn: viewer !== null, userId: viewer?.id ?? null, next, coep: ISOLATION_HEADERS['cross-origin-embedder-policy'] ?? 'none' }),
    // Homework is the learner's own code: it has no solution to show.
    showSolution: !view.certification && view.attemptId === null && !(definition && isHomework(definition)),
    attemptHref: view.attemptId ? attemptPath(view.program, view.attemptId) : null,
    usedUp: attempt !== null && attempt.submissions.remaining === 0,
    minutesLeft: attempt ? Math.max(0, Math.ceil((Date.parse(attempt.expiresAt) - Date.parse(attempt.serverNow)) / 60000)) : 0,
    homework: viewer && !attempt && definition && isHomework(definition) ? await learnerHomework(app.db, viewer.id, definition) : null,
  };
}
