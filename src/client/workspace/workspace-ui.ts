// The workspace's shared page state: draft store, results panel (brought into view with focus on its
// summary after Run tests or Submit), one-task-at-a-time with Cancel, and Submit (always the server
// grader). Used by the code and the review halves of the workspace.
import { buildResultsModel, type ResultSource } from './results.ts';
import { preparePanel, renderNotice, renderPending, renderResults, revealResults } from './results-view.ts';
import type { FileMap } from './files.ts';
import { createDraftStore, httpDraftRemote, type DraftStorage, type DraftStore, type SaveState } from './drafts.ts';
import { exerciseUrls, type ShownResult, type SubmissionAllowance } from '../../lib/contracts/exercise-view.ts';
import type { ReviewFinding } from '../../lib/contracts/review-finding.ts';
import { localDraftKey, type WorkspacePageData } from './view.ts';
import { RequestError, submitToServer } from './server-runner.ts';
import { isAbortError } from './runner.ts';

export interface WorkspaceUi {
  data: WorkspacePageData;
  root: HTMLElement;
  results: HTMLElement;
  drafts: DraftStore;
  storage: DraftStorage | null;
  byId<T extends HTMLElement = HTMLElement>(id: string): T | null;
  /**
   * Runs one long task at a time with a Cancel button; returns undefined when cancelled or failed.
   * The results panel shows `label` meanwhile and comes into view; with `focusResult` (the default,
   * for a click) its summary takes focus, which the disabled button would otherwise drop.
   */
  busy<T>(label: string, task: (signal: AbortSignal) => Promise<T>, opts?: { focusResult?: boolean }): Promise<T | undefined>;
  show(result: ShownResult, source: ResultSource, opts?: { focus?: boolean }): void;
  submit(body: { files: FileMap } | { findings: ReviewFinding[] }): Promise<void>;
  /** Called with a certification task's allowance after each graded submission (or its refusal). */
  onAllowance(listener: (allowance: SubmissionAllowance) => void): void;
}

function safeStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const SAVE_TEXT: Record<SaveState, string> = {
  'saved-locally': 'Saved in this browser',
  saving: 'Saving…',
  saved: 'Saved to your account',
  'local-only': 'Saved in this browser only (sign in to keep drafts across devices)',
  failed: 'Saved in this browser; the server copy will retry',
};

function loginLink(): { href: string; label: string } {
  return { href: `/login?next=${encodeURIComponent(location.pathname + location.search)}`, label: 'Sign in' };
}

export function createUi(data: WorkspacePageData, root: HTMLElement): WorkspaceUi {
  const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
  const results = byId('ws-results') ?? root;
  preparePanel(results);
  const saveNote = byId('ws-save');
  const cancel = byId<HTMLButtonElement>('ws-cancel');
  const controls = byId('ws-actions');
  const storage = safeStorage();
  const { view } = data;
  const drafts = createDraftStore({
    key: localDraftKey(view, data.userId),
    storage,
    remote: data.signedIn ? httpDraftRemote(exerciseUrls(view.id, view.attemptId).draft) : null,
    onState(state, detail) {
      if (saveNote) saveNote.textContent = SAVE_TEXT[state] + (state === 'saved' ? ` ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : '');
      if (saveNote && detail) saveNote.title = detail;
    },
  });
  let controller: AbortController | null = null;
  cancel?.addEventListener('click', () => controller?.abort());
  const allowanceListeners: ((allowance: SubmissionAllowance) => void)[] = [];
  const allowance = (a: SubmissionAllowance) => {
    for (const l of allowanceListeners) l(a);
  };
  const certification = view.certification || view.attemptId !== null;

  const ui: WorkspaceUi = {
    data,
    root,
    results,
    drafts,
    storage,
    byId,
    async busy(label, task, opts = {}) {
      if (controller) return undefined;
      const focus = opts.focusResult ?? true;
      controller = new AbortController();
      root.classList.add('ws-busy');
      for (const b of root.querySelectorAll<HTMLButtonElement>('[data-ws-action]')) b.disabled = true;
      if (cancel) cancel.hidden = false;
      renderPending(results, label);
      revealResults(results, focus, controls);
      try {
        return await task(controller.signal);
      } catch (error) {
        if (isAbortError(error)) renderNotice(results, 'Cancelled.');
        else if (error instanceof RequestError) renderNotice(results, error.message, error.status === 401 ? loginLink() : undefined);
        else renderNotice(results, `Something went wrong: ${error instanceof Error ? error.message : String(error)}`);
        revealResults(results, focus, controls);
        return undefined;
      } finally {
        controller = null;
        root.classList.remove('ws-busy');
        for (const b of root.querySelectorAll<HTMLButtonElement>('[data-ws-action]')) b.disabled = false;
        if (cancel) cancel.hidden = true;
      }
    },
    show(result, source, opts = {}) {
      renderResults(results, buildResultsModel(result, source, { certification }), data.next);
      revealResults(results, opts.focus ?? true, controls);
      if (source === 'submission' && result.status === 'pass') byId('ws-passed')?.removeAttribute('hidden');
    },
    async submit(body) {
      await drafts.flush();
      const result = await ui.busy('Grading your submission on the server…', async (signal) => {
        try {
          return await submitToServer({ submitUrl: exerciseUrls(view.id, view.attemptId).submit }, body, signal);
        } catch (error) {
          if (error instanceof RequestError && error.code === 'submissions_used_up' && view.attempt) {
            const { limit } = view.attempt.submissions;
            allowance({ limit, used: limit, remaining: 0 });
          }
          throw error;
        }
      });
      if (!result) return;
      ui.show(result, 'submission');
      if (result.submissions) allowance(result.submissions);
      void refreshSolutionButton(ui);
    },
    onAllowance(listener) {
      allowanceListeners.push(listener);
    },
  };
  return ui;
}

/** "Show solution" opens after a pass or repeated failures; ask the server after each submission. */
async function refreshSolutionButton(ui: WorkspaceUi): Promise<void> {
  const button = ui.byId<HTMLButtonElement>('ws-solution');
  if (!button || ui.data.view.certification || ui.data.view.attemptId) return;
  try {
    const res = await fetch(exerciseUrls(ui.data.view.id, null).view, { credentials: 'same-origin' });
    const fresh = (await res.json()) as { solutionAvailable?: boolean };
    button.hidden = fresh.solutionAvailable !== true;
  } catch {
    // keep the button as it is; the next submission asks again
  }
}

