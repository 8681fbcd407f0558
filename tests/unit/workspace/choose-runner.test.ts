// Where "Run tests" runs: the server until a WebContainer has booted, the WebContainer once it has; a
// boot that cannot succeed is given up as soon as that is known (up front, on error, host unreachable,
// offline, timeout) and a boot failure is remembered for the browser session.
import { describe, expect, it } from 'vitest';
import { MEMORY_KEY, chooseRunner, describeStatus, type BootWatch, type ChooseRunnerOptions, type RunnerStatus } from '../../../src/client/workspace/choose-runner.ts';
import { baseRunFiles } from '../../../src/client/workspace/files.ts';
import type { TestRunner } from '../../../src/client/workspace/runner.ts';
import type { Container, ContainerClass } from '../../../src/client/workspace/webcontainer-runner.ts';
import { errorResult } from '../../../src/lib/grade-result.ts';
import { FakeContainer, FakeWebContainerClass } from './fake-webcontainer.ts';

const server: TestRunner = { kind: 'server', run: async () => errorResult('server ran', { durationMs: 1, expected: 0 }) };
const baseFiles = baseRunFiles({ reference: { specifier: '@practicum/reference', entry: 'index.ts', files: [] }, visibleTests: [], readonly: [] });

/** sessionStorage as a Map. */
function memory(initial: Record<string, string> = {}) {
  const store = new Map(Object.entries(initial));
  return { store, getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
}

function options(WebContainer: ContainerClass, overrides: Partial<ChooseRunnerOptions> = {}) {
  let loads = 0;
  const opts: ChooseRunnerOptions = {
    crossOriginIsolated: true,
    sharedArrayBuffer: true,
    online: true,
    loadWebContainer: async () => {
      loads += 1;
      return WebContainer;
    },
    baseFiles,
    server,
    bootTimeoutMs: 2000,
    ...overrides,
  };
  return { opts, loads: () => loads };
}

/** A boot watch the test fails by hand. */
function manualWatch() {
  let fail: (e: Error) => void = () => undefined;
  let disposed = false;
  const watch: BootWatch = {
    failed: new Promise<never>((_, reject) => {
      fail = reject;
    }),
    dispose: () => {
      disposed = true;
    },
  };
  return { watch, fail: (message: string) => fail(new Error(message)), disposed: () => disposed };
}

/** A WebContainer whose boot the test settles by hand. */
function manualBoot() {
  let finish: (c: Container) => void = () => undefined;
  const WebContainer: ContainerClass = {
    boot: () =>
      new Promise<Container>((resolve) => {
        finish = resolve;
      }),
  };
  return { WebContainer, finish: () => finish(new FakeContainer()) };
}

describe('chooseRunner', () => {
  it('uses the server while the WebContainer boots and the WebContainer once it is ready', async () => {
    const boot = manualBoot();
    const seen: RunnerStatus['state'][] = [];
    const choice = chooseRunner(options(boot.WebContainer, { coep: 'require-corp' }).opts);
    choice.onChange((s) => seen.push(s.state));
    expect(choice.status()).toEqual({ state: 'starting' });
    choice.start();
    await new Promise((r) => setTimeout(r, 10));
    // a run asked for now goes to the server and answers without waiting for the boot
    expect(choice.current()).toBe(server);
    expect((await choice.current().run({}, new AbortController().signal, () => undefined)).message).toBe('server ran');
    boot.finish();
    expect(await choice.settled()).toEqual({ state: 'ready' });
    expect(choice.current().kind).toBe('webcontainer');
    expect(seen).toEqual(['ready']);
  });

  it('passes the page’s COEP to boot() and boots once however often start() is called', async () => {
    const WebContainer = new FakeWebContainerClass();
    const choice = chooseRunner(options(WebContainer, { coep: 'require-corp' }).opts);
    choice.start();
    choice.start();
    expect(await choice.settled()).toEqual({ state: 'ready' });
    expect(WebContainer.boots).toBe(1);
    expect(WebContainer.bootOptions[0]).toMatchObject({ coep: 'require-corp' }); // must match the page's COEP header
  });

  it('keeps running on the server while vitest installs in the booted container, and gives up if the install fails', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.container.script = (command) => (command === 'npm' ? { hang: true } : { exitCode: 0 });
    const mem = memory();
    const choice = chooseRunner(options(WebContainer, { memory: mem }).opts);
    choice.start();
    await new Promise((r) => setTimeout(r, 20));
    const install = WebContainer.container.processes.find((p) => p.command === 'npm');
    expect(install?.args).toEqual(['install', '--no-audit', '--no-fund']);
    expect(choice.status()).toEqual({ state: 'starting' });
    expect(choice.current()).toBe(server);
    install?.kill(); // npm ends with 143

    const status = await choice.settled();
    expect(status).toEqual({ state: 'server', reason: 'the in-browser runner could not be prepared (Installing vitest failed (npm exited with 143).).' });
    expect(mem.store.has(MEMORY_KEY)).toBe(true);
  });

  it('is ready only once vitest is installed, so the first in-browser run starts at once', async () => {
    const WebContainer = new FakeWebContainerClass();
    const choice = chooseRunner(options(WebContainer).opts);
    choice.start();
    expect(await choice.settled()).toEqual({ state: 'ready' });
    expect(WebContainer.container.processes.map((p) => p.command)).toEqual(['npm']);
  });

  it.each([
    ['the page is not isolated', { crossOriginIsolated: false }, /^this browser did not isolate the page \(cross-origin isolation\)/],
    ['there is no SharedArrayBuffer', { sharedArrayBuffer: false }, /no SharedArrayBuffer/],
    ['the browser is offline', { online: false }, /offline/],
  ])('rules the WebContainer out up front, without loading it, when %s', async (_, overrides, reason) => {
    const WebContainer = new FakeWebContainerClass();
    const mem = memory();
    const { opts, loads } = options(WebContainer, { ...overrides, memory: mem });
    const choice = chooseRunner(opts);
    const status = choice.status();
    expect(status.state).toBe('server');
    expect(status.state === 'server' && status.reason).toMatch(reason);
    choice.start();
    expect(await choice.settled()).toBe(status);
    expect(loads()).toBe(0);
    expect(WebContainer.boots).toBe(0);
    expect(mem.store.size).toBe(0); // a fact of this page, checked again on the next one
  });

  it('gives up as soon as boot() fails, remembers it for the session, and the next page does not try again', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'fail';
    const mem = memory();
    const started = Date.now();
    const choice = chooseRunner(options(WebContainer, { memory: mem, bootTimeoutMs: 15_000 }).opts);
    choice.start();
    const status = await choice.settled();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(status).toEqual({ state: 'server', reason: 'the in-browser runner failed to start (Unable to create more instances).' });
    expect(mem.store.get(MEMORY_KEY)).toBe(status.state === 'server' ? status.reason : '');

    const next = options(new FakeWebContainerClass(), { memory: mem });
    const later = chooseRunner(next.opts);
    later.start();
    expect(later.status()).toEqual({ state: 'server', reason: 'the in-browser runner failed to start (Unable to create more instances) (remembered for this browser session).' });
    expect(next.loads()).toBe(0);
  });

  it('gives up when the boot watch reports the host unreachable, long before the timeout', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'hang'; // as WebContainer.boot() does when its host frame shows an error page
    const watch = manualWatch();
    const mem = memory();
    const choice = chooseRunner(options(WebContainer, { watchBoot: () => watch.watch, memory: mem, bootTimeoutMs: 15_000 }).opts);
    const states: string[] = [];
    choice.onChange((s) => states.push(s.state));
    const started = Date.now();
    choice.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(choice.status()).toEqual({ state: 'starting' });
    watch.fail("the in-browser runner's host (stackblitz.com) could not be reached.");
    const status = await choice.settled();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(status).toEqual({ state: 'server', reason: "the in-browser runner's host (stackblitz.com) could not be reached." });
    expect(states).toEqual(['server']);
    expect(watch.disposed()).toBe(true); // the boot never settles; the watch stops with the status
    expect(mem.store.has(MEMORY_KEY)).toBe(true);
  });

  it('gives up when boot hangs past the timeout, and ignores a boot that finishes after it', async () => {
    const boot = manualBoot();
    const choice = chooseRunner(options(boot.WebContainer, { bootTimeoutMs: 40 }).opts);
    const started = Date.now();
    choice.start();
    const status = await choice.settled();
    expect(status.state === 'server' && status.reason).toMatch(/^the in-browser runner did not start within \d+ s\.$/);
    expect(Date.now() - started).toBeLessThan(2000);
    boot.finish();
    await new Promise((r) => setTimeout(r, 10));
    expect(choice.status().state).toBe('server');
    expect(choice.current()).toBe(server);
  });

  it('gives up when the browser goes offline while booting, without remembering it', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'hang';
    let goOffline = (): void => undefined;
    let unsubscribed = false;
    const mem = memory();
    const choice = chooseRunner(
      options(WebContainer, {
        memory: mem,
        onOffline: (listener) => {
          goOffline = listener;
          return () => {
            unsubscribed = true;
          };
        },
      }).opts,
    );
    choice.start();
    await new Promise((r) => setTimeout(r, 10));
    goOffline();
    expect(await choice.settled()).toEqual({ state: 'server', reason: 'the browser went offline while the in-browser runner was starting.' });
    expect(unsubscribed).toBe(true);
    expect(mem.store.size).toBe(0);
  });

  it('falls back to the server when the WebContainer code cannot be loaded, without remembering it', async () => {
    const mem = memory();
    const choice = chooseRunner({
      ...options(new FakeWebContainerClass(), { memory: mem }).opts,
      loadWebContainer: () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
    });
    choice.start();
    expect(await choice.settled()).toEqual({ state: 'server', reason: 'the in-browser runner could not be loaded (Failed to fetch dynamically imported module).' });
    expect(mem.store.size).toBe(0);
  });

  it('switches to the server for good after an in-browser failure, and remembers it', async () => {
    const mem = memory();
    const choice = chooseRunner(options(new FakeWebContainerClass(), { memory: mem }).opts);
    choice.start();
    await choice.settled();
    expect(choice.current().kind).toBe('webcontainer');
    const states: string[] = [];
    choice.onChange((s) => states.push(s.state));
    choice.fail(new Error('Installing vitest failed (npm exited with 1).'));
    expect(choice.current()).toBe(server);
    expect(choice.status()).toEqual({ state: 'server', reason: 'the in-browser runner stopped working (Installing vitest failed (npm exited with 1).).' });
    expect(states).toEqual(['server']);
    expect(mem.store.get(MEMORY_KEY)).toMatch(/stopped working/);
  });

  it('keeps working when sessionStorage throws', async () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'fail';
    const choice = chooseRunner(options(WebContainer, { memory: broken }).opts);
    choice.start();
    expect((await choice.settled()).state).toBe('server');
  });
});

describe('describeStatus', () => {
  it('labels each state as the page shows it next to the buttons', () => {
    expect(describeStatus({ state: 'server', reason: 'the in-browser runner failed to start (x).' })).toEqual({
      label: 'Tests run on the server',
      detail: 'the in-browser runner failed to start (x).',
    });
    expect(describeStatus({ state: 'starting' }).label).toBe('Starting the in-browser runner…');
    expect(describeStatus({ state: 'starting' }).detail).toMatch(/uses the server until it is ready/);
    expect(describeStatus({ state: 'ready' }).label).toBe('In-browser runner ready');
  });
});
