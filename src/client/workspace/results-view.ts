// Draws the results panel from a ResultsModel: status badge (data-testid result-status), one row per
// test (data-testid test-result) with the first failing test open, and the success state.
import type { ResultsModel } from './results.ts';

export interface NextStep {
  href: string;
  label: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

const BADGE: Record<ResultsModel['status'], string> = { pass: 'badge ok', fail: 'badge danger', error: 'badge warn' };

/** Counts finished renders, so tests and assistive tools can tell a new result from the previous one. */
function markUpdated(panel: HTMLElement): void {
  panel.dataset['updates'] = String(Number(panel.dataset['updates'] ?? '0') + 1);
}

export function renderPending(panel: HTMLElement, message: string): void {
  panel.hidden = false;
  panel.setAttribute('aria-busy', 'true');
  panel.replaceChildren(el('p', { className: 'ws-pending', text: message }));
}

export function renderNotice(panel: HTMLElement, message: string, link?: NextStep): void {
  panel.hidden = false;
  panel.removeAttribute('aria-busy');
  const p = el('p', { className: 'alert error', text: message });
  p.setAttribute('role', 'alert');
  if (link) {
    const a = el('a', { text: link.label });
    a.href = link.href;
    p.append(' ', a);
  }
  panel.replaceChildren(p);
  markUpdated(panel);
}

export function renderResults(panel: HTMLElement, model: ResultsModel, next: NextStep | null): void {
  panel.hidden = false;
  panel.removeAttribute('aria-busy');
  const status = el('span', { className: BADGE[model.status], text: model.status });
  status.dataset['testid'] = 'result-status';
  const head = el('div', { className: 'ws-result-head' }, status, el('strong', { text: model.headline }), el('span', { className: 'muted', text: model.sourceLabel }));
  const parts: Node[] = [head];
  if (model.detail) parts.push(el('p', { className: 'ws-detail', text: model.detail }));
  if (model.note) {
    const note = el('p', { className: 'muted ws-note', text: model.note });
    note.dataset['testid'] = 'result-note';
    parts.push(note);
  }
  if (model.solved) {
    const solved = el('p', { className: 'ws-solved' }, el('span', { text: '✓ ' }), 'Nicely done. Your progress is updated.');
    if (next) {
      const a = el('a', { text: `Next: ${next.label} →` });
      a.href = next.href;
      solved.append(' ', a);
    }
    parts.push(solved);
  }
  if (model.tests.length > 0) {
    const list = el('ol', { className: 'ws-tests' });
    for (const t of model.tests) {
      const item = el('li', { className: `ws-test ${t.status}` });
      item.dataset['testid'] = 'test-result';
      item.dataset['status'] = t.status;
      const icon = el('span', { className: 'ws-icon', text: t.status === 'pass' ? '✓' : '✗' });
      icon.setAttribute('aria-label', t.status === 'pass' ? 'passed' : t.status === 'fail' ? 'failed' : 'error');
      const name = el('span', { className: 'ws-test-name', text: t.taskId !== undefined ? `Task ${t.taskId}: ${t.name}` : t.name });
      if (t.message || t.output) {
        const details = el('details', {}, el('summary', {}, icon, ' ', name));
        details.open = t.expanded;
        if (t.message) details.append(el('pre', { className: 'ws-message', text: t.message }));
        if (t.output) details.append(el('p', { className: 'muted', text: 'Output' }), el('pre', { className: 'ws-output', text: t.output }));
        item.append(details);
      } else {
        item.append(icon, ' ', name);
      }
      list.append(item);
    }
    parts.push(list);
  }
  panel.replaceChildren(...parts);
  markUpdated(panel);
}

/** A practice review's answer key, once "Show solution" was opened: each defect's line and category. */
export function renderAnswerKey(panel: HTMLElement, findings: readonly { file: string; line: number; category: string }[]): void {
  panel.hidden = false;
  panel.removeAttribute('aria-busy');
  const list = el('ol', { className: 'ws-tests' });
  for (const f of findings) {
    const item = el('li', { className: 'ws-test', text: `${f.file}:${f.line} · ${f.category}` });
    item.dataset['testid'] = 'answer-key-finding';
    list.append(item);
  }
  const note = el('p', { className: 'muted', text: 'Your last graded result explains each defect; submit again to compare your findings with the key.' });
  panel.replaceChildren(el('div', { className: 'ws-result-head' }, el('strong', { text: `Answer key: ${findings.length} defect${findings.length === 1 ? '' : 's'}` })), list, note);
  markUpdated(panel);
}
