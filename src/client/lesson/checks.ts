// Inline "check your understanding" questions: check the choice in the page and, for signed-in
// learners, record it as progress. Recording is best-effort: a failed request never hides the answer.
function recordAnswer(root: HTMLElement, checkId: string, correct: boolean): void {
  const program = root.dataset['program'];
  const lesson = root.dataset['lesson'];
  if (!program || !lesson || root.dataset['signedIn'] !== 'true') return;
  void fetch('/api/progress/checks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ program, lesson, checkId, correct }),
  }).catch(() => undefined);
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
      const correct = Number(chosen) === Number(form.dataset['answer']);
      feedback.dataset['state'] = correct ? 'right' : 'wrong';
      feedback.textContent = correct ? 'Correct.' : 'Not quite — read the explanation below.';
      if (explanation) explanation.open = true;
      if (root) recordAnswer(root, form.dataset['check'] ?? '', correct);
    });
  }
}
