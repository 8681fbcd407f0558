// Runs the visible tests in a WebContainer (Node in the browser): one boot per page, the run
// directory mounted once, vitest installed once with a progress estimate, then per run the learner's
// files are written and `vitest run` streams its output while the JSON reporter writes a file we
// read back. The WebContainer class is injected so the logic is tested with a fake.
import { MAX_RUN_OUTPUT_BYTES, errorResult, type GradeResult } from '../../lib/grade-result.ts';
import { RESULTS_FILE, learnerRunFiles, toFileTree, type FileMap, type FileTree } from './files.ts';
import { abortError, throwIfAborted, type RunEventListener, type TestRunner } from './runner.ts';
import { stripAnsi, tail } from './text.ts';
import { gradeFromVitestReport } from './vitest-report.ts';

/** The part of a WebContainer process the runner uses. */
export interface ContainerProcess {
  exit: Promise<number>;
  output: ReadableStream<string>;
  kill(): void;
}

/** The part of a booted WebContainer the runner uses (the real class satisfies it). */
export interface Container {
  mount(tree: FileTree): Promise<void>;
  spawn(command: string, args: string[], options?: { cwd?: string; env?: Record<string, string | number | boolean> }): Promise<ContainerProcess>;
  fs: {
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  };
}

export interface ContainerClass {
  boot(options?: { coep?: 'require-corp' | 'credentialless' | 'none'; workdirName?: string }): Promise<Container>;
}

export interface WebContainerRunnerOptions {
  WebContainer: ContainerClass;
  /** Config, reference library, visible tests and read-only files (see baseRunFiles). */
  baseFiles: FileMap;
  /** Wall-clock limit of one test run (the install has its own). */
  runTimeoutMs?: number;
  installTimeoutMs?: number;
  /** Must match the page's Cross-Origin-Embedder-Policy header. */
  coep?: 'require-corp' | 'credentialless' | 'none';
  now?: () => number;
}

export interface WebContainerRunner extends TestRunner {
  readonly kind: 'webcontainer';
  /** Boots the container (once per page; later calls return the same promise). */
  boot(): Promise<void>;
  /** Boots, mounts the run directory and installs vitest, so the next run starts at once (a failed install is retried by the next call or run). */
  prepare(): Promise<void>;
}

/** npm's output lines seen for a typical vitest install; only used to move the bar plausibly. */
const TYPICAL_INSTALL_LINES = 40;

/** An honest estimate: rises with output, never claims completion before npm exits. */
export function estimateInstallProgress(linesSeen: number): number {
  return Math.min(0.95, 1 - Math.exp(-linesSeen / TYPICAL_INSTALL_LINES));
}

function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined); // observed by the race; never an unhandled rejection
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

async function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  throwIfAborted(signal);
  const abort = rejectOnAbort(signal);
  try {
    return await Promise.race([work, abort.promise]);
  } finally {
    abort.dispose();
  }
}

interface ProcessOutcome {
  exitCode: number;
  output: string;
  stopped: 'aborted' | 'timeout' | 'output-limit' | null;
}

/** Streams a process's output, stopping it on abort, timeout or too much output. */
async function watchProcess(
  proc: ContainerProcess,
  opts: { signal: AbortSignal; timeoutMs: number; onText(text: string): void },
): Promise<ProcessOutcome> {
  let output = '';
  let bytes = 0;
  let stopped: ProcessOutcome['stopped'] = null;
  const stop = (why: NonNullable<ProcessOutcome['stopped']>) => {
    stopped ??= why;
    proc.kill();
  };
  const onAbort = () => stop('aborted');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stop('timeout'), opts.timeoutMs);
  const piping = proc.output
    .pipeTo(
      new WritableStream<string>({
        write(chunk) {
          if (stopped) return;
          bytes += chunk.length;
          if (bytes > MAX_RUN_OUTPUT_BYTES) {
            stop('output-limit');
            return;
          }
          output += chunk;
          opts.onText(chunk);
        },
      }),
    )
    .catch(() => undefined); // the stream errors when the process is killed; the exit code tells the rest
  try {
    const exitCode = await proc.exit;
    await Promise.race([piping, new Promise((r) => setTimeout(r, 50))]);
    return { exitCode, output, stopped };
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

export function createWebContainerRunner(options: WebContainerRunnerOptions): WebContainerRunner {
  const now = options.now ?? (() => Date.now());
  const runTimeoutMs = options.runTimeoutMs ?? 30_000;
  const installTimeoutMs = options.installTimeoutMs ?? 180_000;
  let booted: Promise<Container> | undefined;
  let prepared: Promise<void> | undefined;

  const boot = (): Promise<Container> => {
    // One boot per page: WebContainer allows a single instance, and none after teardown.
    booted ??= options.WebContainer.boot({ coep: options.coep ?? 'credentialless', workdirName: 'practicum' });
    return booted;
  };

  const install = async (container: Container, signal: AbortSignal, onEvent: RunEventListener): Promise<void> => {
    onEvent({ type: 'phase', phase: 'mounting', message: 'Copying the exercise into the in-browser runner…' });
    await container.mount(toFileTree(options.baseFiles));
    onEvent({ type: 'phase', phase: 'installing', message: 'Installing vitest in the in-browser runner (first run only)…' });
    onEvent({ type: 'progress', phase: 'installing', fraction: 0 });
    const proc = await container.spawn('npm', ['install', '--no-audit', '--no-fund']);
    let lines = 0;
    const outcome = await watchProcess(proc, {
      signal,
      timeoutMs: installTimeoutMs,
      onText(text) {
        onEvent({ type: 'output', text });
        lines += text.split('\n').length - 1;
        onEvent({ type: 'progress', phase: 'installing', fraction: estimateInstallProgress(lines) });
      },
    });
    if (outcome.stopped === 'aborted') throw abortError();
    if (outcome.stopped === 'timeout') throw new Error(`Installing vitest took longer than ${Math.round(installTimeoutMs / 1000)} s.`);
    if (outcome.exitCode !== 0) throw new Error(`Installing vitest failed (npm exited with ${outcome.exitCode}).`);
    onEvent({ type: 'progress', phase: 'installing', fraction: 1 });
  };

  const prepare = (container: Container, signal: AbortSignal, onEvent: RunEventListener): Promise<void> => {
    if (!prepared) {
      // A failed or cancelled install is retried by the next run instead of poisoning the page.
      prepared = install(container, signal, onEvent).catch((error: unknown) => {
        prepared = undefined;
        throw error;
      });
    }
    return raceAbort(prepared, signal);
  };

  return {
    kind: 'webcontainer',
    async boot() {
      await boot();
    },
    async prepare() {
      // in the background, before any run: nobody cancels it and nothing shows its output
      await prepare(await boot(), new AbortController().signal, () => undefined);
    },
    async run(files, signal, onEvent): Promise<GradeResult> {
      throwIfAborted(signal);
      const started = now();
      onEvent({ type: 'phase', phase: 'booting', message: 'Starting the in-browser runner…' });
      const container = await raceAbort(boot(), signal);
      await prepare(container, signal, onEvent);
      throwIfAborted(signal);
      await container.mount(toFileTree(learnerRunFiles(files)));
      await container.fs.rm(RESULTS_FILE, { force: true });
      onEvent({ type: 'phase', phase: 'running', message: 'Running the visible tests in your browser…' });
      const proc = await container.spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS_FILE}`]);
      const outcome = await watchProcess(proc, { signal, timeoutMs: runTimeoutMs, onText: (text) => onEvent({ type: 'output', text }) });
      const durationMs = now() - started;
      if (outcome.stopped === 'aborted') throw abortError();
      if (outcome.stopped === 'timeout') {
        return errorResult(`The tests were stopped after ${Math.round(runTimeoutMs / 1000)} s (time limit). Look for an endless loop or a promise that never settles.`, { durationMs, expected: 0 });
      }
      if (outcome.stopped === 'output-limit') {
        return errorResult('The tests printed more than 1 MB of output and were stopped (output limit). Remove large console.log calls.', { durationMs, expected: 0 });
      }
      onEvent({ type: 'phase', phase: 'grading', message: 'Reading the results…' });
      let report: unknown;
      try {
        report = JSON.parse(await container.fs.readFile(RESULTS_FILE, 'utf-8'));
      } catch {
        return errorResult(`vitest exited with code ${outcome.exitCode} without writing results:\n${tail(stripAnsi(outcome.output), 1500)}`, { durationMs, expected: 0 });
      }
      return gradeFromVitestReport(report, durationMs);
    },
  };
}
