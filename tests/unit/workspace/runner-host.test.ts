// The host watch: WebContainer.boot() hangs when its host frame cannot load (the frame shows the
// browser's error page and never says "init"); the watch turns that into a failure shortly after the
// frame's load event, and stays quiet when the host does answer.
import { describe, expect, it } from 'vitest';
import { watchRunnerHost, type HostFrame, type HostWatchEnv } from '../../../src/client/workspace/runner-host.ts';

const HOST = 'https://stackblitz.com';

function fakePage() {
  const messages = new EventTarget();
  let added: ((frame: HostFrame) => void) | null = null;
  let unsubscribed = false;
  const env: HostWatchEnv = {
    messages,
    onFrameAdded(listener) {
      added = listener;
      return () => {
        unsubscribed = true;
      };
    },
  };
  return {
    env,
    unsubscribed: () => unsubscribed,
    addFrame(src: string): EventTarget & HostFrame {
      const frame = Object.assign(new EventTarget(), { src });
      added?.(frame);
      return frame;
    },
    post(origin: string, data: unknown) {
      messages.dispatchEvent(new MessageEvent('message', { origin, data }));
    },
  };
}

/** 'failed: <message>' once the watch fails, else 'quiet' after `ms`. */
function outcome(failed: Promise<never>, ms: number): Promise<string> {
  return Promise.race([failed.catch((e: unknown) => `failed: ${(e as Error).message}`), new Promise<string>((r) => setTimeout(() => r('quiet'), ms))]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchRunnerHost', () => {
  it('fails a grace period after the host frame loads without saying "init" (its error page)', async () => {
    const page = fakePage();
    const watch = watchRunnerHost(page.env, 30);
    const frame = page.addFrame(`${HOST}/headless?coep=require-corp&version=1.6.4`);
    const started = Date.now();
    frame.dispatchEvent(new Event('load'));
    expect(await outcome(watch.failed, 1000)).toBe("failed: the in-browser runner's host (stackblitz.com) could not be reached.");
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    watch.dispose();
    expect(page.unsubscribed()).toBe(true);
  });

  it('stays quiet when the host says "init" before or shortly after its frame loads', async () => {
    for (const initFirst of [true, false]) {
      const page = fakePage();
      const watch = watchRunnerHost(page.env, 40);
      const frame = page.addFrame(`${HOST}/headless?version=1.6.4`);
      if (initFirst) page.post(HOST, { type: 'init' });
      frame.dispatchEvent(new Event('load'));
      if (!initFirst) {
        await sleep(10);
        page.post(HOST, { type: 'init' });
      }
      expect(await outcome(watch.failed, 120)).toBe('quiet');
      watch.dispose();
    }
  });

  it('does not count an "init" from another origin or a message of another type', async () => {
    const page = fakePage();
    const watch = watchRunnerHost(page.env, 30);
    const frame = page.addFrame(`${HOST}/headless`);
    page.post('https://evil.example', { type: 'init' });
    page.post(HOST, { type: 'warning', level: 'warn', message: 'x' });
    frame.dispatchEvent(new Event('load'));
    expect(await outcome(watch.failed, 1000)).toMatch(/^failed: /);
    watch.dispose();
  });

  it('ignores frames that are not the host page, and nothing fails once disposed', async () => {
    const page = fakePage();
    const watch = watchRunnerHost(page.env, 20);
    page.addFrame('https://www.youtube.com/embed/x').dispatchEvent(new Event('load'));
    page.addFrame('about:blank').dispatchEvent(new Event('load'));
    expect(await outcome(watch.failed, 80)).toBe('quiet');
    const frame = page.addFrame(`${HOST}/headless`);
    frame.dispatchEvent(new Event('load'));
    watch.dispose(); // the boot settled (or the choice was made) before the grace ran out
    expect(await outcome(watch.failed, 80)).toBe('quiet');
  });
});
