// The review-kind half of the workspace: restores findings (local draft or server draft), autosaves
// them in the review's findings file (the view's one submittable path), submits {findings}, and once
// "Show solution" is open shows the answer key.
import { chooseInitialDraft, readLocalDraft } from './drafts.ts';
import { parseFindings, serializeFindings } from './review-model.ts';
import { REVIEW_FINDINGS_FILE } from '../../lib/contracts/submission.ts';
import { renderAnswerKey, renderNotice } from './results-view.ts';
import { mountReviewUi } from './review-ui.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import { localDraftKey } from './view.ts';
import type { WorkspaceUi } from './workspace-ui.ts';

export function startReview(ui: WorkspaceUi): void {
  const { view } = ui.data;
  const review = view.review;
  const root = ui.byId('ws-review');
  const list = ui.byId('ws-findings');
  if (!review || !root || !list) return;
  const draftPath = view.submittable[0] ?? REVIEW_FINDINGS_FILE;
  const starter = { [draftPath]: '[]' };
  const initial = chooseInitialDraft(starter, readLocalDraft(ui.storage, localDraftKey(view, ui.data.userId)), view.draft);
  const files = review.files.map((f) => f.path);
  const reviewUi = mountReviewUi(root, list, review.categories, review.maxFindings);
  reviewUi.setFindings(parseFindings(initial.files[draftPath], files, review.categories));
  reviewUi.onDidChange((findings) => ui.drafts.update({ [draftPath]: serializeFindings(findings) }));
  for (const b of ui.root.querySelectorAll<HTMLButtonElement>('[data-ws-action]')) b.disabled = false;
  ui.byId('submit-button')?.addEventListener('click', () => void ui.submit({ findings: reviewUi.getFindings() }));
  ui.byId('ws-solution')?.addEventListener('click', () => void showAnswerKey(ui, files, review.categories));
  ui.byId('ws-reset')?.addEventListener('click', () => {
    if (!window.confirm('Remove all your findings? Your saved draft will be deleted.')) return;
    reviewUi.setFindings([]);
    void ui.drafts.clear();
  });
}

async function showAnswerKey(ui: WorkspaceUi, files: readonly string[], categories: readonly string[]): Promise<void> {
  if (!window.confirm('Show the answer key? Opening it is recorded and visible to your instructor.')) return;
  const res = await fetch(exerciseUrls(ui.data.view.id, null).solution, { method: 'POST', credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as { files?: Record<string, string>; error?: { message?: string } } | null;
  if (!res.ok || !body?.files) {
    renderNotice(ui.results, body?.error?.message ?? 'The solution is not available yet.');
    return;
  }
  // the solution of a review is its findings file, as in solutions/<id>/
  renderAnswerKey(ui.results, parseFindings(body.files[REVIEW_FINDINGS_FILE], files, categories));
}
