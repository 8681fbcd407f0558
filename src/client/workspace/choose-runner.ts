// Decides where "Run tests" runs, and says so: the server until a WebContainer has booted and
// installed vitest, the WebContainer once it has. A run never waits for a boot in progress, and a
// boot that cannot succeed is given up as soon as that is known — ruled out up front (no cross-origin
// isolation, no SharedArrayBuffer, offline, or a failure remembered earlier in this browser session),
// or while booting (boot() rejects, the runner's host cannot be reached, the browser goes offline,
// the boot timeout passes, the install fails). A failure is remembered for the session
// (sessionStorage) so later pages do not try again. Pure logic over injected browser facts: tested
// with a fake WebContainer.
import type { FileMap } from './files.ts';
import type { TestRunner } from './runner.ts';
import { createWebContainerRunner, type ContainerClass, type WebContainerRunner, type WebContainerRunnerOptions } from './webcontainer-runner.ts';

/** Where "Run tests" runs now: `starting` and `server` both run on the server. */
export type RunnerStatus = { state: 'starting' } | { state: 'ready' } | { state: 'server'; reason: string };

/** The part of sessionStorage the choice uses. */
export type SessionMemory = Pick<Storage, 'getItem' | 'setItem'>;

/** A boot-time check that rejects once the boot is known to fail; dispose() stops it after the boot settles. */
export interface BootWatch {
  failed: Promise<never>;
  dispose(): void;
}

export interface ChooseRunnerOptions {
  /** `globalThis.crossOriginIsolated`: WebContainer needs an isolated page. */
  crossOriginIsolated: boolean;
  /** `typeof SharedArrayBuffer === 'function'`: WebContainer needs it (some browsers lack it even when isolated). */
  sharedArrayBuffer: boolean;
  /** `navigator.onLine`: the container runtime and npm come from the network. */
  online: boolean;
  /** Loads @webcontainer/api (a dynamic import, so pages that fall back never download it). */
  loadWebContainer: () => Promise<ContainerClass>;
  baseFiles: FileMap;
  server: TestRunner;
  bootTimeoutMs?: number;
  /** The page's Cross-Origin-Embedder-Policy, passed on to boot(). */
  coep?: 'require-corp' | 'credentialless' | 'none';
  createRunner?: (options: WebContainerRunnerOptions) => WebContainerRunner;
  /** Watches for a failure boot() does not report (its host cannot be reached); started just before boot(). */
  watchBoot?: () => BootWatch;
  /** Subscribes to the browser going offline while booting; returns the unsubscribe. */
  onOffline?: (listener: () => void) => () => void;
  /** sessionStorage, when available: a boot failure is remembered for the browser session. */
  memory?: SessionMemory | null;
}

export interface RunnerChoice {
  /** The runner "Run tests" uses right now; never waits for a boot in progress. */
  current(): TestRunner;
  status(): RunnerStatus;
  /** Starts booting the in-browser runner unless it was ruled out; later calls do nothing. */
  start(): void;
  /** A WebContainer run failed for a reason that is not the learner's code: the server runs from now on. */
  fail(error: unknown): void;
  /** Called on every change of status. */
  onChange(listener: (status: RunnerStatus) => void): void;
  /** Resolves with the final status (ready or server); at once when the runner was ruled out up front. */
  settled(): Promise<RunnerStatus>;
}

export const DEFAULT_BOOT_TIMEOUT_MS = 15_000;

/** sessionStorage key holding why the in-browser runner could not start in this browser session. */
export const MEMORY_KEY = 'practicum:runner-unavailable';

export const STATUS_LABEL: Record<RunnerStatus['state'], string> = {
  server: 'Tests run on the server',
  starting: 'Starting the in-browser runner…',
  ready: 'In-browser runner ready',
};

/** What the page shows next to the buttons: a short label and one sentence of detail. */
export function describeStatus(status: RunnerStatus): { label: string; detail: string } {
  const label = STATUS_LABEL[status.state];
  if (status.state === 'server') return { label, detail: status.reason };
  if (status.state === 'starting') return { label, detail: 'Run tests uses the server until it is ready.' };
  return { label, detail: 'Run tests runs in your browser (WebContainer); Submit still grades on the server.' };
}

function message(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

function readMemory(memory: SessionMemory | null | undefined): string | null {
  try {
    return memory?.getItem(MEMORY_KEY) ?? null;
  } catch {
    return null;
  }
}

function remember(memory: SessionMemory | null | undefined, reason: string): void {
  try {
    memory?.setItem(MEMORY_KEY, reason);
  } catch {
    // storage full or blocked: the next page tries again
  }
}

/** Why the in-browser runner cannot even be tried here, or null when it can. */
function ruledOut(opts: ChooseRunnerOptions): string | null {
  const remembered = readMemory(opts.memory);
  if (remembered) return `${remembered.replace(/\.$/, '')} (remembered for this browser session).`;
  if (!opts.crossOriginIsolated) return 'this browser did not isolate the page (cross-origin isolation), which the in-browser runner needs.';
  if (!opts.sharedArrayBuffer) return 'this browser offers no SharedArrayBuffer, which the in-browser runner needs.';
  if (!opts.online) return 'the browser reports being offline, and the in-browser runner must download its runtime.';
  return null;
}

export function chooseRunner(opts: ChooseRunnerOptions): RunnerChoice {
  const listeners: ((status: RunnerStatus) => void)[] = [];
  const upFront = ruledOut(opts);
  let status: RunnerStatus = upFront ? { state: 'server', reason: upFront } : { state: 'starting' };
  let inBrowser: WebContainerRunner | null = null;
  let started = false;
  let resolveSettled: (s: RunnerStatus) => void = () => undefined;
  const settledPromise = new Promise<RunnerStatus>((resolve) => {
    resolveSettled = resolve;
  });
  if (status.state === 'server') resolveSettled(status);

  let stopWatching = (): void => undefined;
  const set = (next: RunnerStatus): void => {
    status = next;
    if (next.state !== 'starting') {
      stopWatching();
      resolveSettled(next);
    }
    for (const listener of listeners) listener(next);
  };
  /** The first outcome of a boot wins; later ones (a boot finishing after its timeout) are ignored. */
  const toServer = (reason: string, rememberIt: boolean): void => {
    if (status.state !== 'starting') return;
    if (rememberIt) remember(opts.memory, reason);
    set({ state: 'server', reason });
  };

  const boot = async (): Promise<void> => {
    let WebContainer: ContainerClass;
    try {
      WebContainer = await opts.loadWebContainer();
    } catch (error) {
      // a failed chunk download is usually the network of the moment: not remembered
      toServer(`the in-browser runner could not be loaded (${message(error)}).`, false);
      return;
    }
    if (status.state !== 'starting') return;
    const runner = (opts.createRunner ?? createWebContainerRunner)({ WebContainer, baseFiles: opts.baseFiles, ...(opts.coep ? { coep: opts.coep } : {}) });
    const timeoutMs = opts.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
    const timer = setTimeout(() => toServer(`the in-browser runner did not start within ${Math.round(timeoutMs / 1000)} s.`, true), timeoutMs);
    const watch = opts.watchBoot?.();
    watch?.failed.catch((error: unknown) => toServer(message(error), true));
    const stopBootWatch = () => {
      clearTimeout(timer);
      watch?.dispose();
    };
    // being offline passes: not remembered
    const stopOffline = opts.onOffline?.(() => toServer('the browser went offline while the in-browser runner was starting.', false));
    // a hung boot() never settles: the watchers stop when the status does
    stopWatching = () => {
      stopBootWatch();
      stopOffline?.();
    };
    try {
      await runner.boot();
    } catch (error) {
      toServer(`the in-browser runner failed to start (${message(error)}).`, true);
      return;
    }
    if (status.state !== 'starting') return;
    // booted: the install has its own time limit, and until it is done runs still go to the server
    stopBootWatch();
    try {
      await runner.prepare();
    } catch (error) {
      toServer(`the in-browser runner could not be prepared (${message(error)}).`, true);
      return;
    }
    if (status.state === 'starting') {
      inBrowser = runner;
      set({ state: 'ready' });
    }
  };

  return {
    current: () => (status.state === 'ready' && inBrowser ? inBrowser : opts.server),
    status: () => status,
    start() {
      if (started || status.state !== 'starting') return;
      started = true;
      void boot();
    },
    fail(error) {
      if (status.state === 'server') return;
      const reason = `the in-browser runner stopped working (${message(error)}).`;
      remember(opts.memory, reason);
      inBrowser = null;
      set({ state: 'server', reason });
    },
    onChange(listener) {
      listeners.push(listener);
    },
    settled: () => settledPromise,
  };
}
