// Entry of the exercise page's script: reads the embedded view and starts the code or the review
// workspace. The only workspace module the page imports; Monaco and WebContainer load on demand.
import { buildResultsModel } from './results.ts';
import { renderResults } from './results-view.ts';
import { readPageData } from './view.ts';
import { createUi } from './workspace-ui.ts';
import { startCode } from './workspace-code.ts';
import { startReview } from './workspace-review.ts';

export function startWorkspace(): void {
  const data = readPageData(document.getElementById('ws-data'));
  const root = document.getElementById('workspace');
  if (!data || !root) return;
  const ui = createUi(data, root);
  if (data.view.lastResult) renderResults(ui.results, buildResultsModel(data.view.lastResult, 'submission'), data.next);
  if (data.view.kind === 'review') startReview(ui);
  else startCode(ui);
}
