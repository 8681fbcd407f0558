// Small text helpers shared by the runners and the terminal panel (pure, no DOM).

// CSI sequences (colours, cursor moves) and OSC sequences (titles, links) that npm and vitest print.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Removes terminal escape codes so text can be shown in plain HTML or parsed. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Keeps the last `max` characters (the end of a log is what explains a failure). */
export function tail(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
