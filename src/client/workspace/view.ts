// The exercise view as the browser receives it (the GET /api/exercises/<id> contract), read from the
// JSON the page embeds, plus the URLs derived from it. Browser code never imports server modules,
// so this is the client's own copy of the shape; the page passes the server's view, which matches it.
import type { GradeResult } from '../../lib/grade-result.ts';

export interface FileText {
  path: string;
  content: string;
}

export type ExerciseKind = 'implement' | 'debug' | 'optimize' | 'write-tests' | 'review';

/** How much of the grader's result the server showed (src/server/exercises/feedback.ts decides). */
export type Disclosure = 'full' | 'requirements' | 'own-findings';

/** A graded result as the server hands it to the learner. */
export interface ShownResult extends GradeResult {
  /** Absent on "Run tests" results (visible tests are public, so shown in full). */
  disclosure?: Disclosure;
  review?: { findings: number; matched: number; precision: number; recall: number };
}

/** Graded submissions a certification task allows in this attempt. */
export interface SubmissionAllowance {
  limit: number;
  used: number;
  remaining: number;
}

/** A certification task's attempt: its clock (server time) and the task's allowance. */
export interface AttemptTask {
  id: string;
  expiresAt: string;
  serverNow: string;
  submissions: SubmissionAllowance;
}

export interface WorkspaceView {
  id: string;
  program: string;
  title: string;
  kind: ExerciseKind;
  certification: boolean;
  editable: FileText[];
  readonly: FileText[];
  visibleTests: FileText[];
  review?: { files: FileText[]; categories: string[]; maxFindings: number };
  reference: FileText[];
  draft: { files: Record<string, string>; updatedAt: string } | null;
  lastResult: ShownResult | null;
  passed: boolean;
  solutionAvailable: boolean;
  submitUrl: string;
  runUrl: string;
  attemptId: string | null;
  attempt: AttemptTask | null;
}

/** What the page adds around the view: who is signed in and where "next" leads. */
export interface WorkspacePageData {
  view: WorkspaceView;
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

function withAttempt(url: string, attemptId: string | null): string {
  return attemptId ? `${url}${url.includes('?') ? '&' : '?'}attempt=${encodeURIComponent(attemptId)}` : url;
}

/** Server draft endpoint; drafts inside an attempt are kept apart from practice drafts. */
export function draftUrl(view: Pick<WorkspaceView, 'id' | 'attemptId'>): string {
  return withAttempt(`/api/exercises/${encodeURIComponent(view.id)}/draft`, view.attemptId);
}

/** Server "Run tests" endpoint (visible tests only, nothing stored). */
export function serverRunUrl(view: Pick<WorkspaceView, 'runUrl' | 'attemptId'>): string {
  return withAttempt(view.runUrl, view.attemptId);
}

/** localStorage key of the local draft copy, per learner (a shared computer must not mix drafts). */
export function localDraftKey(view: Pick<WorkspaceView, 'id' | 'attemptId'>, userId: string | null): string {
  return `practicum:draft:${userId ?? 'guest'}:${view.id}${view.attemptId ? `@${view.attemptId}` : ''}`;
}
