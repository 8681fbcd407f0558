// Enhances the server-rendered attempt form: autosave, progress, server-synchronised timer with
// auto-submit, flag for review, one-question-at-a-time mode and a confirmation dialog before
// submitting (submit-dialog.ts). Without JavaScript the same form still saves and submits through
// plain POSTs, and the server asks for confirmation while anything is outstanding.
import { startCountdown } from './countdown.ts';
import { createSubmitDialog } from './submit-dialog.ts';

export { formatRemaining } from './countdown.ts';

const SAVE_DELAY_MS = 600;
/** How long the dialog waits for fresh task states before showing what the page was rendered with. */
const TASKS_REFRESH_MS = 4000;

function collect(form: HTMLFormElement): { answers: Record<string, string | string[] | null>; flags: string[] } {
  const answers: Record<string, string | string[] | null> = {};
  for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('[data-question]')) {
    const id = fieldset.dataset['question'] ?? '';
    const inputs = [...fieldset.querySelectorAll<HTMLInputElement>(`input[name="q:${CSS.escape(id)}"]`)];
    const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
    answers[id] = inputs[0]?.type === 'checkbox' ? chosen : (chosen[0] ?? null);
  }
  const flags = [...form.querySelectorAll<HTMLInputElement>('input[name="flag"]:checked')].map((i) => i.value);
  return { answers, flags };
}

/** Tasks without a graded submission, as the page was rendered. */
function unsubmittedTasksOnPage(): string[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="attempt-task"]')].filter((t) => t.dataset['submitted'] !== 'true').map((t) => t.dataset['name'] ?? '');
}

/** Tasks without a graded submission now (a task may have been submitted in another tab). */
async function unsubmittedTasksNow(attemptId: string): Promise<string[] | null> {
  try {
    const res = await fetch(`/api/certifications/attempts/${encodeURIComponent(attemptId)}`, { credentials: 'same-origin', signal: AbortSignal.timeout(TASKS_REFRESH_MS) });
    if (!res.ok) return null;
    const view = (await res.json()) as { tasks?: { name: string; bestScore: number | null }[] };
    return view.tasks ? view.tasks.filter((t) => t.bestScore === null).map((t) => t.name) : null;
  } catch {
    return null;
  }
}

export function enhanceQuiz(): void {
  const form = document.getElementById('quiz-form') as HTMLFormElement | null;
  const bar = document.getElementById('quiz-bar');
  if (!form || !bar) return;
  const attemptId = bar.dataset['attempt'] ?? '';
  const timer = document.getElementById('quiz-timer');
  const confirmInput = form.querySelector<HTMLInputElement>('input[name="confirm"]');
  const dialogElement = document.getElementById('submit-dialog') as HTMLDialogElement | null;
  const progress = document.getElementById('quiz-progress');
  const savedNote = document.getElementById('quiz-saved');
  const nav = document.getElementById('quiz-nav');
  const modeToggle = document.getElementById('quiz-one-at-a-time') as HTMLInputElement | null;
  const questions = [...form.querySelectorAll<HTMLFieldSetElement>('[data-question]')];
  const submitButton = form.querySelector<HTMLButtonElement>('[data-testid="quiz-submit"]');
  let current = 0;
  let saveTimer = 0;
  let pending: Promise<void> = Promise.resolve();
  let submitting = false;

  const refresh = () => {
    const { answers, flags } = collect(form);
    const answered = questions.filter((q) => {
      const a = answers[q.dataset['question'] ?? ''];
      return Array.isArray(a) ? a.length > 0 : a !== null && a !== undefined;
    });
    if (progress) progress.textContent = `${answered.length} of ${questions.length} answered${flags.length ? ` · ${flags.length} flagged` : ''}`;
    questions.forEach((q, i) => {
      const id = q.dataset['question'] ?? '';
      q.classList.toggle('flagged', flags.includes(id));
      const button = nav?.querySelector<HTMLButtonElement>(`[data-goto="${i}"]`);
      button?.classList.toggle('answered', answered.includes(q));
      button?.classList.toggle('flagged', flags.includes(id));
    });
    return { answered: answered.length, flags: flags.length };
  };

  const save = (): Promise<void> => {
    const body = collect(form);
    pending = pending.then(async () => {
      if (savedNote) savedNote.textContent = 'Saving…';
      try {
        const res = await fetch(`/api/certifications/attempts/${attemptId}/answers`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'same-origin',
        });
        if (res.ok) {
          if (savedNote) savedNote.textContent = `Saved ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
        } else {
          const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          if (savedNote) savedNote.textContent = `Not saved: ${err?.error?.message ?? res.statusText}`;
        }
      } catch {
        if (savedNote) savedNote.textContent = 'Not saved (offline?) — will retry on your next change.';
      }
    });
    return pending;
  };

  form.addEventListener('change', () => {
    refresh();
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => void save(), SAVE_DELAY_MS);
  });

  const show = (index: number) => {
    current = Math.max(0, Math.min(questions.length - 1, index));
    const single = modeToggle?.checked ?? false;
    questions.forEach((q, i) => {
      q.hidden = single && i !== current;
      const step = q.querySelector<HTMLElement>('.step');
      if (step) step.hidden = !single;
    });
    nav?.querySelectorAll('button').forEach((b, i) => (i === current && single ? b.setAttribute('aria-current', 'step') : b.removeAttribute('aria-current')));
    if (single) questions[current]?.querySelector<HTMLInputElement>('input')?.focus();
  };
  if (nav) nav.hidden = false;
  nav?.addEventListener('click', (e) => {
    const target = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-goto]');
    if (!target) return;
    const index = Number(target.dataset['goto']);
    if (modeToggle?.checked) show(index);
    else questions[index]?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  form.addEventListener('click', (e) => {
    const step = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-step]');
    if (step) show(current + Number(step.dataset['step']));
  });
  form.addEventListener('keydown', (e) => {
    if (!modeToggle?.checked || !e.altKey) return;
    if (e.key === 'ArrowRight') show(current + 1);
    if (e.key === 'ArrowLeft') show(current - 1);
  });
  try {
    if (modeToggle) modeToggle.checked = localStorage.getItem('practicum-quiz-mode') === 'single';
  } catch {
    // storage unavailable: default mode
  }
  modeToggle?.addEventListener('change', () => {
    try {
      localStorage.setItem('practicum-quiz-mode', modeToggle.checked ? 'single' : 'all');
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
    show(current);
  });

  const goToQuestion = (index: number) => {
    if (modeToggle?.checked) show(index);
    const question = questions[index];
    question?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    question?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  };
  const dialog = dialogElement ? createSubmitDialog(dialogElement, goToQuestion) : null;
  /** Submits for real: the server scores what was saved plus this form's answers. */
  const submitNow = () => {
    submitting = true;
    if (confirmInput) confirmInput.value = '1';
    if (submitButton) void pending.then(() => form.requestSubmit(submitButton));
  };

  form.addEventListener('submit', (e) => {
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitting || submitter?.value !== 'submit' || !dialog) return;
    // Submitting is final and uses one of the allowed attempts: always ask, listing what is outstanding.
    e.preventDefault();
    const answers = collect(form).answers;
    const unanswered = questions.flatMap((q, i) => {
      const a = answers[q.dataset['question'] ?? ''];
      return (Array.isArray(a) ? a.length > 0 : a !== null && a !== undefined) ? [] : [i];
    });
    const { flags } = refresh();
    const asked = dialog.ask({ questions: unanswered, tasks: unsubmittedTasksOnPage(), flagged: flags }, submitter);
    void unsubmittedTasksNow(attemptId).then((tasks) => {
      if (tasks) dialog.updateTasks(tasks);
    });
    void asked.then((ok) => {
      if (ok) submitNow();
    });
  });

  startCountdown({
    timer,
    expiresAt: bar.dataset['expiresAt'] ?? '',
    serverNow: bar.dataset['serverNow'] ?? '',
    onExpire: () => {
      // Time is up: what was saved is scored; nothing is left to confirm.
      if (dialogElement?.open) dialogElement.close('confirm');
      else submitNow();
    },
  });
  refresh();
  show(0);
}
