// A certification task's page extras: the attempt's countdown on the server's clock (the same as the
// quiz page's), the graded submissions left beside Submit (Submit is switched off when none are
// left), and, when time runs out, submitting the attempt with what was saved before returning to it.
import { startCountdown } from '../quiz/countdown.ts';
import { renderNotice } from './results-view.ts';
import type { AttemptTaskView, SubmissionAllowance } from '../../lib/contracts/exercise-view.ts';
import type { WorkspaceUi } from './workspace-ui.ts';

export function allowanceText(a: SubmissionAllowance): string {
  if (a.remaining === 0) return `All ${a.limit} graded submissions used; your best one counts.`;
  return `${a.remaining} of ${a.limit} graded submission${a.limit === 1 ? '' : 's'} left; your best one counts.`;
}

export function attemptUrl(program: string, attemptId: string): string {
  return `/certifications/${encodeURIComponent(program)}/attempts/${encodeURIComponent(attemptId)}`;
}

async function timeUp(ui: WorkspaceUi, attempt: AttemptTaskView): Promise<void> {
  for (const b of ui.root.querySelectorAll<HTMLButtonElement>('[data-ws-action]')) {
    b.disabled = true;
    b.removeAttribute('data-ws-action');
  }
  renderNotice(ui.results, 'Time is up. Your attempt is being submitted with what was saved: your answers and your best graded submission of each task.');
  try {
    // 409 (someone else, e.g. the quiz page in another tab, submitted it first) is fine: either way
    // the attempt page shows the outcome.
    await fetch(`/api/certifications/attempts/${encodeURIComponent(attempt.id)}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: true }),
      credentials: 'same-origin',
    });
  } finally {
    location.assign(attemptUrl(ui.data.view.program, attempt.id));
  }
}

export function startAttemptTask(ui: WorkspaceUi): void {
  const attempt = ui.data.view.attempt;
  if (!attempt) return;
  const note = ui.byId('ws-allowance');
  const submit = ui.byId<HTMLButtonElement>('submit-button');
  const showAllowance = (a: SubmissionAllowance) => {
    if (note) note.textContent = allowanceText(a);
    if (a.remaining === 0 && submit) {
      // Out of the busy() cycle that re-enables the workspace's buttons.
      submit.removeAttribute('data-ws-action');
      submit.disabled = true;
    }
  };
  showAllowance(attempt.submissions);
  ui.onAllowance(showAllowance);
  startCountdown({ timer: ui.byId('task-timer'), expiresAt: attempt.expiresAt, serverNow: attempt.serverNow, onExpire: () => void timeUp(ui, attempt) });
}
