// The attempt's countdown, shared by the quiz page and the task pages: it runs on the server's clock
// (the page embeds the deadline and the server's "now"; the difference to this device's clock is
// kept), warns at five minutes (assertive once) and calls onExpire exactly once when time is up.

export const WARN_BEFORE_MS = 5 * 60_000;

export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
}

export interface Countdown {
  /** Milliseconds left on the server's clock. */
  remaining(): number;
  stop(): void;
}

export function startCountdown(opts: { timer: HTMLElement | null; expiresAt: string; serverNow: string; onExpire: () => void }): Countdown {
  const expiresAt = Date.parse(opts.expiresAt);
  const skew = Date.parse(opts.serverNow) - Date.now();
  const remaining = () => expiresAt - (Date.now() + skew);
  const { timer } = opts;
  let handle = 0;
  let expired = false;
  const tick = () => {
    const left = remaining();
    if (timer) timer.textContent = formatRemaining(left);
    if (left <= WARN_BEFORE_MS && timer && !timer.dataset['warned']) {
      timer.dataset['warned'] = '1';
      timer.setAttribute('aria-live', 'assertive');
      timer.classList.add('warn');
    }
    if (left <= 0 && !expired) {
      expired = true;
      window.clearInterval(handle);
      opts.onExpire();
    }
  };
  handle = window.setInterval(tick, 1000);
  tick();
  return { remaining, stop: () => window.clearInterval(handle) };
}
