// Notices that the WebContainer's host cannot be reached. WebContainer.boot() adds a hidden frame
// (https://stackblitz.com/headless) and waits for that page's "init" message; when the host cannot
// be reached the frame shows the browser's error page, which never sends one, and boot() hangs
// instead of failing. So: once the host frame has loaded, "init" must come within a short grace, or
// the boot has failed. The frames and messages are injected (the page passes its document and window).
import type { BootWatch } from './choose-runner.ts';

/** The part of an <iframe> the watch reads. */
export interface HostFrame extends EventTarget {
  readonly src: string;
}

export interface HostWatchEnv {
  /** Calls `listener` with every frame added to the page from now on; returns the unsubscribe. */
  onFrameAdded(listener: (frame: HostFrame) => void): () => void;
  /** Where the host's messages arrive (the window). */
  messages: EventTarget;
}

/** The host page's path in @webcontainer/api (its frame is recognised by it, whatever the host's origin). */
export const HOST_PATH = '/headless';

/** How long after its frame has loaded the host may take to say "init". */
export const DEFAULT_INIT_GRACE_MS = 3000;

function hostOrigin(frame: HostFrame): string | null {
  try {
    const url = new URL(frame.src);
    return url.pathname === HOST_PATH ? url.origin : null;
  } catch {
    return null;
  }
}

export function watchRunnerHost(env: HostWatchEnv, graceMs: number = DEFAULT_INIT_GRACE_MS): BootWatch {
  const initFrom = new Set<string>();
  const cleanups: (() => void)[] = [];
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined); // the caller may stop listening once the boot settles

  const onMessage = (event: Event) => {
    const { origin, data } = event as MessageEvent<unknown>;
    if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'init') initFrom.add(origin);
  };
  env.messages.addEventListener('message', onMessage);
  cleanups.push(() => env.messages.removeEventListener('message', onMessage));

  cleanups.push(
    env.onFrameAdded((frame) => {
      const origin = hostOrigin(frame);
      if (!origin) return;
      const onLoad = () => {
        if (initFrom.has(origin)) return;
        const timer = setTimeout(() => {
          if (!initFrom.has(origin)) fail(new Error(`the in-browser runner's host (${new URL(origin).host}) could not be reached.`));
        }, graceMs);
        cleanups.push(() => clearTimeout(timer));
      };
      frame.addEventListener('load', onLoad, { once: true });
      cleanups.push(() => frame.removeEventListener('load', onLoad));
    }),
  );

  return {
    failed,
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

/** The page's side of the watch: frames added to <body> (where WebContainer puts its own) and the window's messages. */
export function pageHostWatchEnv(doc: Document, win: Window): HostWatchEnv {
  return {
    messages: win,
    onFrameAdded(listener) {
      const observer = new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLIFrameElement) listener(node);
      });
      observer.observe(doc.body, { childList: true });
      return () => observer.disconnect();
    },
  };
}
