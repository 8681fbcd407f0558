// The code-review workspace: the server renders each reviewed file as numbered line buttons; here a
// click (or Enter) on a line opens a small form to pick a category, and the findings list below can
// be edited before Submit sends {findings}. Findings autosave like code drafts ("findings.json").
import type { ReviewFinding } from '../../lib/contracts/review-finding.ts';
import { addFinding, removeFinding } from './review-model.ts';

export interface ReviewUi {
  getFindings(): ReviewFinding[];
  setFindings(list: ReviewFinding[]): void;
  onDidChange(listener: (list: ReviewFinding[]) => void): void;
}

export function mountReviewUi(root: HTMLElement, listEl: HTMLElement, categories: readonly string[], maxFindings = 100): ReviewUi {
  let findings: ReviewFinding[] = [];
  // How many findings are listed out of how many one submission may hold, announced as it changes.
  const count = document.createElement('p');
  count.className = 'muted';
  count.setAttribute('aria-live', 'polite');
  count.dataset['testid'] = 'review-count';
  listEl.before(count);
  const listeners: ((list: ReviewFinding[]) => void)[] = [];

  const form = document.createElement('form');
  form.className = 'review-form card';
  form.hidden = true;
  const label = document.createElement('label');
  const select = document.createElement('select');
  for (const c of categories) select.append(new Option(c, c));
  const where = document.createElement('span');
  label.append(where, ' category ', select);
  const add = document.createElement('button');
  add.type = 'submit';
  add.className = 'btn';
  add.textContent = 'Add finding';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'btn secondary';
  cancel.textContent = 'Cancel';
  form.append(label, add, cancel);
  let target: { file: string; line: number; button: HTMLButtonElement } | null = null;

  const changed = () => {
    render();
    for (const l of listeners) l(findings);
  };

  const render = () => {
    count.textContent = `${findings.length} of at most ${maxFindings} findings listed.`;
    for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-line]')) {
      const marked = findings.filter((f) => f.file === b.dataset['file'] && f.line === Number(b.dataset['line']));
      b.classList.toggle('marked', marked.length > 0);
      b.title = marked.length ? `Findings: ${marked.map((f) => f.category).join(', ')}` : 'Add a finding on this line';
    }
    listEl.replaceChildren();
    if (findings.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'muted';
      empty.textContent = 'No findings yet. Choose a line in the code to add one.';
      listEl.append(empty);
      return;
    }
    for (const f of findings) {
      const item = document.createElement('li');
      item.dataset['testid'] = 'review-finding';
      item.textContent = `${f.file}:${f.line} · ${f.category} `;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'btn secondary';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove finding ${f.category} on ${f.file} line ${f.line}`);
      remove.addEventListener('click', () => {
        findings = removeFinding(findings, f);
        changed();
      });
      item.append(remove);
      listEl.append(item);
    }
  };

  root.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-line]');
    if (!button) return;
    target = { file: button.dataset['file'] ?? '', line: Number(button.dataset['line']), button };
    where.textContent = `${target.file}, line ${target.line}:`;
    button.closest('li')?.after(form);
    form.hidden = false;
    select.focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!target) return;
    if (findings.length >= maxFindings) {
      count.textContent = `You already list ${maxFindings} findings, the most one submission may hold: remove one first.`;
      return;
    }
    findings = addFinding(findings, { file: target.file, line: target.line, category: select.value });
    form.hidden = true;
    target.button.focus();
    target = null;
    changed();
  });
  cancel.addEventListener('click', () => {
    form.hidden = true;
    target?.button.focus();
    target = null;
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') cancel.click();
    // Enter on the category list adds the finding (a select does not submit its form by itself).
    if (e.key === 'Enter' && e.target === select) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-line]')) b.disabled = false;
  render();

  return {
    getFindings: () => findings,
    setFindings(list) {
      findings = [...list];
      render();
    },
    onDidChange(listener) {
      listeners.push(listener);
    },
  };
}
