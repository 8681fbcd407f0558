// Draws the results panel from a ResultsModel: status badge (data-testid result-status), one row per
// test (data-testid test-result) with the first failing test open, the success state, and for a
// project with a coverage requirement the coverage of each file (data-testid coverage-table).
import type { CoverageTableModel } from '../../lib/coverage-view.ts';
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

/**
 * The panel's two parts, made if the page lacks them. The summary is the live region: it must exist
 * before its text changes (a region added with its text already in it is not announced).
 */
function partsOf(panel: HTMLElement): { summary: HTMLElement; body: HTMLElement } {
  let summary = panel.querySelector<HTMLElement>('.ws-result-summary');
  if (!summary) {
    summary = el('div', { className: 'ws-result-summary' });
    summary.setAttribute('role', 'status');
    summary.tabIndex = -1;
    summary.dataset['testid'] = 'result-summary';
    panel.prepend(summary);
  }
  let body = panel.querySelector<HTMLElement>('.ws-result-body');
  if (!body) {
    body = el('div', { className: 'ws-result-body' });
    panel.append(body);
  }
  panel.hidden = false;
  return { summary, body };
}

/** Shows the panel with its placeholder, so its live region is in place before the first result. */
export function preparePanel(panel: HTMLElement): void {
  partsOf(panel);
}

/**
 * Brings the summary into view (scroll-padding keeps it clear of the sticky header) and, after a
 * click on Run tests or Submit, moves focus to it. The whole panel is shown when it fits the screen;
 * a longer one is shown from `controls` (the buttons right above it) down, so the buttons stay at
 * hand with the summary under them. A run started from inside the editor keeps the editor's focus
 * and scrolls as little as it can; the live region still announces the outcome.
 */
export function revealResults(panel: HTMLElement, focus: boolean, controls: HTMLElement | null = null): void {
  const { summary } = partsOf(panel);
  if (!focus) {
    summary.scrollIntoView({ block: 'nearest' });
    return;
  }
  const stuck = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--sticky-offset')) || 0;
  const fits = panel.getBoundingClientRect().height <= innerHeight - stuck - 16;
  if (fits || !controls) panel.scrollIntoView({ block: fits ? 'nearest' : 'start' });
  else controls.scrollIntoView({ block: 'start' });
  summary.focus({ preventScroll: true });
}

export function renderPending(panel: HTMLElement, message: string): void {
  const { summary, body } = partsOf(panel);
  summary.replaceChildren(el('p', { className: 'ws-pending', text: message }));
  body.replaceChildren();
}

export function renderNotice(panel: HTMLElement, message: string, link?: NextStep): void {
  const { summary, body } = partsOf(panel);
  const p = el('p', { className: 'alert error', text: message });
  if (link) {
    const a = el('a', { text: link.label });
    a.href = link.href;
    p.append(' ', a);
  }
  summary.replaceChildren(p);
  body.replaceChildren();
  markUpdated(panel);
}

/** A table with a caption, column headers and a header cell per row; a figure below the minimum says so in words. */
function coverageTable(model: CoverageTableModel): HTMLElement {
  const table = el('table', { className: 'ws-coverage' });
  table.dataset['testid'] = 'coverage-table';
  table.createCaption().textContent = model.caption;
  const headings = ['File', ...model.metrics].map((h) => {
    const th = el('th', { text: h });
    th.scope = 'col';
    return th;
  });
  table.createTHead().append(el('tr', {}, ...headings));
  const row = (r: CoverageTableModel['total'], total: boolean): HTMLTableRowElement => {
    const head = el('th', { text: r.file });
    head.scope = 'row';
    const cells = r.cells.map((c) => {
      const td = el('td', { text: c.text });
      if (c.below) {
        td.className = 'below';
        td.append(' ', el('strong', { className: 'ws-coverage-flag', text: c.below }));
      }
      return td;
    });
    const tr = el('tr', {}, head, ...cells);
    tr.dataset['testid'] = total ? 'coverage-total' : 'coverage-file';
    return tr;
  };
  table.append(el('tbody', {}, ...model.rows.map((r) => row(r, false))), el('tfoot', {}, row(model.total, true)));
  return el('div', { className: 'table-wrap ws-coverage-wrap' }, table);
}

export function renderResults(panel: HTMLElement, model: ResultsModel, next: NextStep | null): void {
  const { summary, body } = partsOf(panel);
  const status = el('span', { className: BADGE[model.status], text: model.status });
  status.dataset['testid'] = 'result-status';
  const head = el('div', { className: 'ws-result-head' }, status, el('strong', { text: model.headline }), el('span', { className: 'muted', text: model.sourceLabel }));
  const parts: Node[] = [];
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
  if (model.coverage) parts.push(coverageTable(model.coverage));
  summary.replaceChildren(head);
  body.replaceChildren(...parts);
  markUpdated(panel);
}

/** A practice review's answer key, once "Show solution" was opened: each defect's line and category. */
export function renderAnswerKey(panel: HTMLElement, findings: readonly { file: string; line: number; category: string }[]): void {
  const { summary, body } = partsOf(panel);
  const list = el('ol', { className: 'ws-tests' });
  for (const f of findings) {
    const item = el('li', { className: 'ws-test', text: `${f.file}:${f.line} · ${f.category}` });
    item.dataset['testid'] = 'answer-key-finding';
    list.append(item);
  }
  const note = el('p', { className: 'muted', text: 'Your last graded result explains each defect; submit again to compare your findings with the key.' });
  summary.replaceChildren(el('div', { className: 'ws-result-head' }, el('strong', { text: `Answer key: ${findings.length} defect${findings.length === 1 ? '' : 's'}` })));
  body.replaceChildren(list, note);
  markUpdated(panel);
}
