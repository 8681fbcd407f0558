// One warm grader slot: a vitest instance created once (config, vite transform pipeline,
// sandbox plugin, sandboxed fork pool) that runs one submission's test files at a time.
// Results are read from vitest's task states in this trusted process, never from anything the
// child prints; console output only fills the per-test `output` field. The instance is rebuilt
// after a run had to be killed and every `recycleAfterRuns` runs (vitest keeps per-file state).
// A coverage run's children are started with the coverage probe's key and the inspector
// (coverage-probe.ts), ahead of the run when the grader knows one is coming (prepareCoverage); after
// such a run the slot hands back the code each measured file was compiled to, while the run is still
// the plugin's current one, so that code is what the children ran.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { createVitest, type TestModule, type Vitest } from 'vitest/node';
import { MAX_RUN_OUTPUT_BYTES } from '../../lib/grade-result.ts';
import { COVERAGE_EXEC_ARGV, COVERAGE_KEY_ENV } from './coverage-env.ts';
import type { ChildVariant } from './fork-supply.ts';
import { ForkSupply } from './fork-supply.ts';
import { watchLimits, type LimitReason, type RunLimits } from './run-limits.ts';
import { sandboxPlugins, type SandboxRun } from './sandbox-plugin.ts';

/**
 * The setup file every sandboxed run loads first. Located from the project root, not from this
 * module: in the built server this code lives in a bundled chunk far from its source folder.
 */
export function forkGuardFile(projectRoot: string): string {
  return join(projectRoot, 'src', 'server', 'grader', 'fork-guard.ts');
}
/** Per-test timeout inside vitest: catches hung promises; the wall clock catches the rest. */
const TEST_TIMEOUT_MS = 5000;

export interface SlotOptions {
  projectRoot: string;
  /** Folder this slot may use for its own files (the empty snapshot folder the child may read). */
  workDir: string;
  /** V8 heap cap of a child; resident memory is capped at twice this. */
  memoryLimitMb: number;
  recycleAfterRuns: number;
  /** Bind dangerous globals in learner modules to undefined (off only in tests of the lower layers). */
  runtimeShadow: boolean;
}

export interface SlotRun extends SandboxRun {
  /** Test files in the order their results are reported. */
  testFileList: readonly string[];
  limits: RunLimits;
  signal?: AbortSignal | undefined;
  /** Measure coverage of `files` (absolute), all inside `root` (the run's starter/ folder). */
  coverage?: { root: string; files: readonly string[] } | undefined;
}

/** The module code a measured file was compiled to for the run (null: it could not be compiled). */
export interface CompiledSource {
  code: string;
  map: unknown;
}

export interface SlotCoverage {
  /** The task-meta field each test module's coverage is under (coverage-probe.ts). */
  key: string;
  root: string;
  sources: ReadonlyMap<string, CompiledSource | null>;
}

export interface SlotOutcome {
  /** The module of each test file that vitest reported on, in `testFileList` order. */
  modules: TestModule[];
  logs: ReadonlyMap<string, string>;
  unhandledErrors: readonly unknown[];
  stopped?: { reason: LimitReason; detail: string };
  /** Tail of what the children wrote to stderr (V8 out-of-memory reports end up here). */
  crashOutput: string;
  durationMs: number;
  /** Coverage runs that were not stopped: the key and the compiled code of each measured file. */
  coverage?: SlotCoverage;
}

const discard = (): Writable => new Writable({ write: (_chunk, _enc, done) => done() });

/** A coverage run's kind of child: the inspector for the probe, and the probe's key (new for each run). */
function coverageVariant(): { key: string; variant: ChildVariant } {
  const key = randomUUID();
  return { key, variant: { execArgv: COVERAGE_EXEC_ARGV, env: { [COVERAGE_KEY_ENV]: key } } };
}

export class VitestSlot {
  private readonly options: SlotOptions;
  private vitest: Vitest | undefined;
  private supply: ForkSupply | undefined;
  private current: SandboxRun | undefined;
  private runsSinceStart = 0;
  private mustRecycle = false;
  private logs = new Map<string, string>();
  private outputBytes = 0;
  private onOutputLimit: (() => void) | undefined;
  /** The coverage run prepared ahead: its probe key and the kind of child started for it. */
  private preparedCoverage: { key: string; variant: ChildVariant } | undefined;

  private constructor(options: SlotOptions) {
    this.options = options;
  }

  static async create(options: SlotOptions): Promise<VitestSlot> {
    const slot = new VitestSlot(options);
    await slot.start();
    return slot;
  }

  private get snapshotDir(): string {
    return join(this.options.workDir, 'snapshots');
  }

  private async start(): Promise<void> {
    const { projectRoot, memoryLimitMb } = this.options;
    await mkdir(this.snapshotDir, { recursive: true });
    const supply = new ForkSupply(1);
    const snapshotDir = this.snapshotDir;
    this.supply = supply;
    // vitest's logger answers SIGINT/SIGTERM by exiting the process 1 ms later. Inside a server that
    // would kill it before it closes the grader (whose work folder holds hidden tests): the process
    // that embeds the grader decides how to shut down, so the handlers vitest adds are taken off.
    const before = new Map((['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, new Set(process.listeners(signal))]));
    this.vitest = await createVitest(
      {
        run: true,
        watch: false,
        root: projectRoot,
        config: false,
        reporters: [
          {
            onUserConsoleLog: (log) => this.recordLog(log.taskId, log.content),
          },
        ],
      },
      {
        plugins: sandboxPlugins({ projectRoot, setupFile: forkGuardFile(projectRoot), currentRun: () => this.current, runtimeShadow: this.options.runtimeShadow }),
        // no alias: each run resolves its own exercise's reference library (sandbox-plugin.ts)
        server: { watch: null },
        test: {
          pool: supply.initializer(),
          maxWorkers: 1,
          isolate: true,
          fileParallelism: false,
          cache: false,
          // vitest 5 caches every transformed module on disk by default, with a manifest it rereads and
          // rewrites after each run: for a grader that is learner code kept on disk under node_modules,
          // a manifest that grows with every submission (every run folder is new), and a run that gets
          // slower the longer the server is up
          fsModuleCache: false,
          globals: false,
          allowOnly: true,
          // no require/module/__dirname in ES modules; run folders carry {"type": "module"} so no
          // learner file is ever treated as CommonJS either
          injectCjsGlobals: false,
          environment: 'node',
          include: [],
          setupFiles: [forkGuardFile(projectRoot)],
          testTimeout: TEST_TIMEOUT_MS,
          hookTimeout: TEST_TIMEOUT_MS,
          teardownTimeout: 1000,
          resolveSnapshotPath: (testPath: string, extension: string) => join(snapshotDir, basename(testPath) + extension),
          execArgv: [
            '--permission',
            `--allow-fs-read=${join(projectRoot, 'node_modules')}`,
            `--allow-fs-read=${snapshotDir}`,
            '--disallow-code-generation-from-strings',
            `--max-old-space-size=${memoryLimitMb}`,
            // no V8 background threads (concurrent compilation, marking, scavenging): a child lives for
            // one test file, well under a second, and the threads cost more CPU than they save; on two
            // cores that CPU is the grading throughput (`npm run bench` measures it; README, Performance)
            '--single-threaded',
          ],
        },
      },
      { stdout: discard(), stderr: discard() },
    );
    for (const [signal, had] of before) {
      for (const listener of process.listeners(signal)) if (!had.has(listener)) process.off(signal, listener);
    }
    this.runsSinceStart = 0;
    this.mustRecycle = false;
  }

  private recordLog(taskId: string | undefined, content: string): void {
    if (!this.current) return;
    this.outputBytes += Buffer.byteLength(content);
    if (this.outputBytes > MAX_RUN_OUTPUT_BYTES) {
      this.onOutputLimit?.();
      return;
    }
    const key = taskId ?? '';
    const before = this.logs.get(key) ?? '';
    // keep a little more than the per-test cap so the cap (applied later) can mark truncation
    if (before.length <= 1000) this.logs.set(key, (before + content).slice(0, 1001));
  }

  /** Runs one submission's test files; the caller has already written the run folder. */
  async execute(run: SlotRun): Promise<SlotOutcome> {
    if (this.mustRecycle || this.runsSinceStart >= this.options.recycleAfterRuns) await this.restart();
    const vitest = this.vitest;
    const supply = this.supply;
    if (!vitest || !supply) throw new Error('grader slot is closed');
    const started = performance.now();
    this.current = run;
    this.logs = new Map();
    this.outputBytes = 0;
    this.runsSinceStart++;
    const coverage = run.coverage ? (this.preparedCoverage ?? coverageVariant()) : undefined;
    this.preparedCoverage = undefined;
    const coverageKey = coverage?.key;
    supply.beginRun(coverage?.variant, run.testFileList.length);
    let stopped: SlotOutcome['stopped'];
    const stop = (reason: LimitReason, detail: string): void => {
      if (stopped) return;
      stopped = { reason, detail };
      this.mustRecycle = true;
      void vitest.cancelCurrentRun('keyboard-input');
      supply.killRunning();
    };
    this.onOutputLimit = () => stop('output', `${MAX_RUN_OUTPUT_BYTES} bytes`);
    const onAbort = (): void => stop('aborted', 'the request was cancelled');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const watch = watchLimits(run.limits, () => supply.runningPids(), stop);
    const project = vitest.getRootProject();
    try {
      if (run.signal?.aborted) onAbort();
      const result = await vitest.runTestSpecifications(run.testFileList.map((file) => project.createSpecification(file)));
      const byId = new Map(result.testModules.map((m) => [m.moduleId, m]));
      const modules = run.testFileList.flatMap((file) => {
        const m = byId.get(file);
        return m ? [m] : [];
      });
      const outcome: SlotOutcome = {
        modules,
        logs: this.logs,
        unhandledErrors: result.unhandledErrors,
        crashOutput: supply.runStderr(),
        durationMs: performance.now() - started,
      };
      if (stopped) outcome.stopped = stopped;
      else if (run.coverage && coverageKey) {
        outcome.coverage = { key: coverageKey, root: run.coverage.root, sources: await this.compiledSources(run.coverage.files) };
        outcome.durationMs = performance.now() - started;
      }
      return outcome;
    } finally {
      watch.stop();
      run.signal?.removeEventListener('abort', onAbort);
      this.onOutputLimit = undefined;
      this.current = undefined;
      supply.endRun();
      supply.refill();
    }
  }

  /**
   * Starts the children of the next coverage run now (one per test file it will run), so they boot
   * while the run before it executes; cancelCoverage() stops them if that run does not come.
   */
  prepareCoverage(children: number): void {
    if (!this.supply || this.mustRecycle || this.runsSinceStart >= this.options.recycleAfterRuns) return;
    this.preparedCoverage = coverageVariant();
    this.supply.prestart(this.preparedCoverage.variant, children);
  }

  cancelCoverage(): void {
    if (!this.preparedCoverage) return;
    this.preparedCoverage = undefined;
    this.supply?.dropPrepared();
  }

  /**
   * The code each file was compiled to for the module runner: the module graph's copy for a file the
   * tests loaded, and for one they never loaded the same transform now (the run is still current, so
   * the sandbox plugin treats it as it would have in the run).
   */
  private async compiledSources(files: readonly string[]): Promise<Map<string, CompiledSource | null>> {
    const environment = this.vitest?.getRootProject().vite.environments['ssr'];
    const sources = new Map<string, CompiledSource | null>();
    for (const file of files) {
      try {
        const result = await environment?.transformRequest(file);
        sources.set(file, result ? { code: result.code, map: result.map ? JSON.parse(JSON.stringify(result.map)) : null } : null);
      } catch {
        sources.set(file, null);
      }
    }
    return sources;
  }

  private async restart(): Promise<void> {
    await this.shutdown();
    await this.start();
  }

  private async shutdown(): Promise<void> {
    const vitest = this.vitest;
    this.vitest = undefined;
    this.supply?.close();
    this.supply = undefined;
    if (vitest) await vitest.close();
  }

  async close(): Promise<void> {
    await this.shutdown();
  }
}
