// The facilitator view, live: every PROGRESS_POLL_MS the page asks its JSON endpoint for fresh counts and
// writes them into the cells the server rendered (so without JavaScript the page is the same, as of its
// last load), says when the counts were taken, and marks the block the room is in by this computer's
// clock on the session's date. A failed refresh says so and is tried again at the next tick.
import { PROGRESS_POLL_MS, type SessionProgress } from '../../lib/contracts/session-progress.ts';

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function write(root: HTMLElement, selector: string, value: number): void {
  for (const cell of root.querySelectorAll<HTMLElement>(selector)) {
    const text = String(value);
    if (cell.textContent !== text) {
      cell.textContent = text;
      // A changed count flashes once, so the instructor's eye finds it.
      cell.classList.remove('changed');
      void cell.offsetWidth;
      cell.classList.add('changed');
    }
  }
}

function apply(root: HTMLElement, progress: SessionProgress): void {
  write(root, '[data-count="learners"]', progress.learners);
  for (const e of progress.exercises) {
    const row = root.querySelector<HTMLElement>(`[data-exercise="${CSS.escape(e.id)}"]`);
    if (!row) continue;
    write(row, '[data-count="passed"]', e.passed);
    write(row, '[data-count="started"]', e.started);
    write(row, '[data-count="stuck"]', e.stuck);
    const bar = row.querySelector<HTMLElement>('[data-bar]');
    if (bar) bar.style.width = `${progress.learners ? (100 * e.passed) / progress.learners : 0}%`;
  }
  const cert = progress.certification;
  if (cert) {
    write(root, '[data-count="cert-in-progress"]', cert.inProgress);
    write(root, '[data-count="cert-submitted"]', cert.submitted);
    write(root, '[data-count="cert-passed"]', cert.passed);
  }
}

/** Marks the block the session is in now (local clock, on the session's date); none outside the session. */
function markNow(root: HTMLElement): void {
  const date = root.dataset['date'];
  const start = Number(root.dataset['start']);
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const minute = now.getHours() * 60 + now.getMinutes() - start;
  for (const block of root.querySelectorAll<HTMLElement>('[data-block]')) {
    const current = date === today && minute >= Number(block.dataset['from']) && minute < Number(block.dataset['to']);
    block.classList.toggle('now', current);
    if (current) block.setAttribute('aria-current', 'time');
    else block.removeAttribute('aria-current');
    const badge = block.querySelector<HTMLElement>('[data-now]');
    if (badge) badge.hidden = !current;
  }
}

export function followSessionProgress(root: HTMLElement): void {
  const url = root.dataset['progressUrl'];
  const status = root.querySelector<HTMLElement>('[data-live-status]');
  if (!url || !status) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    clearTimeout(timer);
    markNow(root);
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const progress = (await res.json()) as SessionProgress;
      apply(root, progress);
      status.textContent = `Live: counts as of ${timeOf(progress.countedAt)}, refreshed every ${PROGRESS_POLL_MS / 1000} s.`;
      root.dataset['refreshed'] = String(progress.countedAt);
    } catch {
      status.textContent = `Could not refresh the counts at ${timeOf(Date.now())}; trying again in ${PROGRESS_POLL_MS / 1000} s.`;
    }
    // A hidden tab does not poll; it catches up as soon as it is shown again.
    if (!document.hidden) timer = setTimeout(tick, PROGRESS_POLL_MS);
  };
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void tick();
  });
  void tick();
}
