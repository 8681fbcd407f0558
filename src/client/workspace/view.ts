// What the exercise page embeds for the workspace: the server's ExerciseView (the contract in
// lib/contracts/exercise-view.ts, also served by GET /api/exercises/<id>) plus what the page knows
// around it, and the browser-only key of a local draft copy.
import type { ExerciseView } from '../../lib/contracts/exercise-view.ts';

/** What the page adds around the view: who is signed in and where "next" leads. */
export interface WorkspacePageData {
  view: ExerciseView;
  signedIn: boolean;
  /** The signed-in learner's id (null when signed out): keeps local drafts of people sharing a browser apart. */
  userId: string | null;
  next: { href: string; label: string } | null;
  /** The Cross-Origin-Embedder-Policy the server sends for this page; WebContainer.boot() must use the same. */
  coep: 'require-corp' | 'credentialless' | 'none';
}

/** Reads the page's embedded data (a <script type="application/json">). */
export function readPageData(element: Element | null): WorkspacePageData | null {
  if (!element?.textContent) return null;
  try {
    return JSON.parse(element.textContent) as WorkspacePageData;
  } catch {
    return null;
  }
}

/** localStorage key of the local draft copy, per learner (a shared computer must not mix drafts). */
export function localDraftKey(view: Pick<ExerciseView, 'id' | 'attemptId'>, userId: string | null): string {
  return `practicum:draft:${userId ?? 'guest'}:${view.id}${view.attemptId ? `@${view.attemptId}` : ''}`;
}
