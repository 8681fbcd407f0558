// The review-kind half of the workspace: restores findings (local draft or server draft), autosaves
// them as "findings.json" and submits {findings}.
import { chooseInitialDraft, readLocalDraft } from './drafts.ts';
import { FINDINGS_DRAFT_PATH, parseFindings, serializeFindings } from './review-model.ts';
import { mountReviewUi } from './review-ui.ts';
import { localDraftKey } from './view.ts';
import type { WorkspaceUi } from './workspace-ui.ts';

export function startReview(ui: WorkspaceUi): void {
  const { view } = ui.data;
  const review = view.review;
  const root = ui.byId('ws-review');
  const list = ui.byId('ws-findings');
  if (!review || !root || !list) return;
  const starter = { [FINDINGS_DRAFT_PATH]: '[]' };
  const initial = chooseInitialDraft(starter, readLocalDraft(ui.storage, localDraftKey(view, ui.data.userId)), view.draft);
  const files = review.files.map((f) => f.path);
  const reviewUi = mountReviewUi(root, list, review.categories);
  reviewUi.setFindings(parseFindings(initial.files[FINDINGS_DRAFT_PATH], files, review.categories));
  reviewUi.onDidChange((findings) => ui.drafts.update({ [FINDINGS_DRAFT_PATH]: serializeFindings(findings) }));
  for (const b of ui.root.querySelectorAll<HTMLButtonElement>('[data-ws-action]')) b.disabled = false;
  ui.byId('submit-button')?.addEventListener('click', () => void ui.submit({ findings: reviewUi.getFindings() }));
  ui.byId('ws-reset')?.addEventListener('click', () => {
    if (!window.confirm('Remove all your findings? Your saved draft will be deleted.')) return;
    reviewUi.setFindings([]);
    void ui.drafts.clear();
  });
}
