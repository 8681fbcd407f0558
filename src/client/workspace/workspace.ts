// Entry of the exercise page's script: reads the embedded view and starts the code or the review
// workspace. The only workspace module the page imports; Monaco and WebContainer load on demand.
import { startAttemptTask } from './attempt-task.ts';
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
  const certification = data.view.certification || data.view.attemptId !== null;
  if (data.view.lastResult) renderResults(ui.results, buildResultsModel(data.view.lastResult, 'submission', { certification }), data.next);
  startAttemptTask(ui);
  if (data.view.kind === 'review') startReview(ui);
  else startCode(ui);
}
