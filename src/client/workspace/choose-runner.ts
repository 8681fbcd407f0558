// Decides where "Run tests" runs: in a WebContainer when the page is cross-origin isolated and the
// container boots in time, otherwise on the server, always with a reason the learner can read.
// A hung or failed boot never blocks anyone (WebContainer's boot() can hang instead of failing).
import type { FileMap } from './files.ts';
import type { TestRunner } from './runner.ts';
import { createWebContainerRunner, type ContainerClass, type WebContainerRunner, type WebContainerRunnerOptions } from './webcontainer-runner.ts';

export interface RunnerChoice {
  runner: TestRunner;
  /** One sentence for the page: where tests run and why. */
  reason: string;
}

export interface ChooseRunnerOptions {
  /** `globalThis.crossOriginIsolated`: SharedArrayBuffer, which WebContainer needs. */
  crossOriginIsolated: boolean;
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
}

export const DEFAULT_BOOT_TIMEOUT_MS = 15_000;

export const IN_BROWSER_REASON = 'Tests run in your browser (WebContainer). Submit still grades on the server.';

function serverChoice(server: TestRunner, why: string): RunnerChoice {
  return { runner: server, reason: `Tests run on the server: ${why}` };
}

function message(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

export async function chooseRunner(opts: ChooseRunnerOptions): Promise<RunnerChoice> {
  if (!opts.crossOriginIsolated) {
    return serverChoice(opts.server, 'this browser did not isolate the page (cross-origin isolation), which the in-browser runner needs.');
  }
  if (!opts.online) return serverChoice(opts.server, 'the browser reports being offline, and the in-browser runner must download its runtime.');
  let WebContainer: ContainerClass;
  try {
    WebContainer = await opts.loadWebContainer();
  } catch (error) {
    return serverChoice(opts.server, `the in-browser runner could not be loaded (${message(error)}).`);
  }
  const runner = (opts.createRunner ?? createWebContainerRunner)({ WebContainer, baseFiles: opts.baseFiles, ...(opts.coep ? { coep: opts.coep } : {}) });
  const timeoutMs = opts.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([runner.boot().then(() => 'booted' as const), timedOut]);
    if (outcome === 'timeout') {
      return serverChoice(opts.server, `the in-browser runner did not start within ${Math.round(timeoutMs / 1000)} s.`);
    }
    return { runner, reason: IN_BROWSER_REASON };
  } catch (error) {
    return serverChoice(opts.server, `the in-browser runner failed to start (${message(error)}).`);
  } finally {
    clearTimeout(timer);
  }
}

/** After a WebContainer run fails for a reason that is not the learner's code, later runs use the server. */
export function fallbackAfterFailure(server: TestRunner, error: unknown): RunnerChoice {
  return serverChoice(server, `the in-browser runner stopped working (${message(error)}).`);
}
