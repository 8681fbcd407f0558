// Inline "check your understanding" questions: check the choice in the page and, for signed-in
// learners, record which option they chose (the server judges it against the lesson's key and
// renders it again on the next visit). Recording is best-effort: a failed request never hides the
// answer. Anonymous readers get the check in the page and nothing is stored.

/** What the learner reads after checking; Check.astro renders the same words for a saved answer. */
export const CHECK_FEEDBACK = {
  right: 'Correct.',
  wrong: 'Not quite — read the explanation below.',
} as const;

function recordAnswer(root: HTMLElement, checkId: string, option: number): void {
  const program = root.dataset['program'];
  const lesson = root.dataset['lesson'];
  if (!program || !lesson || root.dataset['signedIn'] !== 'true') return;
  void fetch('/api/progress/checks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ program, lesson, checkId, option }),
  })
    .then(async (res) => {
      if (!res.ok) console.warn(`Your answer to "${checkId}" was not saved (${res.status}): ${await res.text()}`);
    })
    .catch(() => undefined);
}

export function enhanceChecks(doc: Document): void {
  const root = doc.querySelector<HTMLElement>('[data-lesson-root]');
  for (const form of doc.querySelectorAll<HTMLFormElement>('form[data-check]')) {
    if (form.dataset['enhanced']) continue;
    form.dataset['enhanced'] = 'true';
    form.querySelector<HTMLElement>('[data-js-only]')?.removeAttribute('hidden');
    const explanation = form.querySelector<HTMLDetailsElement>('[data-explanation]');
    const feedback = form.querySelector<HTMLElement>('[data-feedback]');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = new FormData(form).get(`check-${form.dataset['check']}`);
      if (chosen === null || !feedback) return;
      const option = Number(chosen);
      const correct = option === Number(form.dataset['answer']);
      feedback.dataset['state'] = correct ? 'right' : 'wrong';
      feedback.textContent = correct ? CHECK_FEEDBACK.right : CHECK_FEEDBACK.wrong;
      for (const label of form.querySelectorAll<HTMLElement>('[data-option]')) {
        label.toggleAttribute('data-chosen', label.dataset['option'] === String(option));
      }
      if (explanation) explanation.open = true;
      if (root) recordAnswer(root, form.dataset['check'] ?? '', option);
    });
  }
}
