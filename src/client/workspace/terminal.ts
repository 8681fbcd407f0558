// The terminal panel under the editor: streamed npm/vitest output as plain text (escape codes
// removed, carriage-return redraws collapsed), capped so a chatty run cannot freeze the page.
import { stripAnsi, tail } from './text.ts';

const MAX_CHARS = 200_000;

/** Applies carriage returns the way a terminal would: text after "\r" overwrites the line. */
export function collapseCarriageReturns(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const parts = line.split('\r').filter((p) => p !== '');
      return parts[parts.length - 1] ?? '';
    })
    .join('\n');
}

export interface Terminal {
  write(text: string): void;
  clear(): void;
}

export function createTerminal(output: HTMLElement): Terminal {
  let content = '';
  let frame = 0;
  const paint = () => {
    frame = 0;
    output.textContent = content;
    output.scrollTop = output.scrollHeight;
  };
  return {
    write(text) {
      content = tail(content + collapseCarriageReturns(stripAnsi(text)), MAX_CHARS);
      frame ||= requestAnimationFrame(paint);
    },
    clear() {
      content = '';
      paint();
    },
  };
}
