// The custom vitest pool of a grader slot: every test file runs in a fresh child process started
// under Node's permission model with a scrubbed environment (the execArgv comes from the slot's
// vitest config). Children are started ahead of time ("spares") so that loading vitest inside the
// child is off the hot path; a spare has never run any code but vitest's own, and every child is
// used for exactly one test file. The supply also knows the running children, so the slot's
// watchdog can measure and kill them. A run may ask for children of another kind (a coverage run's
// children may use the inspector, see coverage-probe.ts): those are started for that run alone and
// never kept as spares.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node';

const STOP_GRACE_MS = 500;
const PIPE_ERROR_GRACE_MS = 1000;
const STDERR_TAIL_CHARS = 4000;

/** The only environment a sandboxed child sees. */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  TEST: 'true',
  VITEST: 'true',
  VITEST_MODE: 'RUN',
  TZ: 'UTC',
  NO_COLOR: '1',
};

interface ChildInfo {
  stderrTail: string;
}

/** Children of a kind other than the spares', for one run: node options and environment added to theirs. */
export interface ChildVariant {
  execArgv: readonly string[];
  env: Readonly<Record<string, string>>;
}

export class ForkSupply {
  readonly poolName = 'practicum-sandbox-forks';
  private entry: string | undefined;
  private execArgv: string[] | undefined;
  private spares: ChildProcess[] = [];
  private readonly running = new Set<ChildProcess>();
  private takenThisRun: ChildProcess[] = [];
  private variant: ChildVariant | undefined;
  /** The variant children were started ahead for (prestart), before its run began. */
  private prepared: ChildVariant | undefined;
  /** Children started ahead for a variant run (one per test file), so they boot while others run. */
  private variantSpares: ChildProcess[] = [];
  private readonly info = new WeakMap<ChildProcess, ChildInfo>();
  private closed = false;
  private readonly spareCount: number;

  constructor(spareCount = 1) {
    this.spareCount = spareCount;
  }

  initializer(): PoolRunnerInitializer {
    return {
      name: this.poolName,
      createPoolWorker: (options: PoolOptions): PoolWorker => {
        this.entry = resolve(options.distPath, 'workers/forks.js');
        this.execArgv = [...options.execArgv];
        return new SandboxForkWorker(this);
      },
    };
  }

  /** Children currently running a test file. */
  runningPids(): number[] {
    return [...this.running].flatMap((c) => (c.pid === undefined || c.exitCode !== null || c.signalCode !== null ? [] : [c.pid]));
  }

  /**
   * Marks the start of a run: `runStderr` covers the children taken from here on. The run will start
   * `children` children (one per test file): that many are started now if the spares are fewer, so
   * they boot while the first file runs. With a `variant`, every child of the run is of that kind
   * (spares are of the plain kind; children prestarted for the same variant object are used).
   */
  beginRun(variant?: ChildVariant, children = 1): void {
    this.takenThisRun = [];
    this.variant = variant;
    if (variant) {
      if (variant !== this.prepared) this.dropPrepared();
      this.prepared = variant;
      // A slot vitest has just (re)started has not configured the pool yet: take() spawns them then.
      while (!this.closed && this.entry && this.variantSpares.length < children) this.variantSpares.push(this.spawn(variant));
      return;
    }
    // a run of several test files: the children for the later files boot while the first one runs
    while (!this.closed && this.entry && this.spares.length < children) this.spares.push(this.spawn());
  }

  /**
   * Starts `children` children of `variant` now, for a run that will begin later with that very
   * variant (beginRun), so they boot while the run before it executes. Runs of the plain kind in
   * between leave them be; another variant, dropPrepared() or the end of their run stops them.
   */
  prestart(variant: ChildVariant, children: number): void {
    this.dropPrepared();
    if (this.closed || !this.entry) return;
    this.prepared = variant;
    for (let i = 0; i < children; i++) this.variantSpares.push(this.spawn(variant));
  }

  /** Ends a run: after a variant run, its children started and not used are stopped. */
  endRun(): void {
    if (this.variant) this.dropPrepared();
    this.variant = undefined;
  }

  /** Stops children started ahead that no run has used (their run will not come). */
  dropPrepared(): void {
    this.prepared = undefined;
    for (const child of this.variantSpares.splice(0)) child.kill('SIGKILL');
  }

  /** What this run's children printed last on stderr (V8 heap errors land here). */
  runStderr(): string {
    return this.takenThisRun.map((c) => this.info.get(c)?.stderrTail ?? '').join('');
  }

  killRunning(): void {
    for (const child of this.running) child.kill('SIGKILL');
  }

  /** Starts spares up to the target so the next run does not wait for vitest to load. */
  refill(): void {
    while (!this.closed && this.entry && this.spares.length < this.spareCount) this.spares.push(this.spawn());
  }

  take(): ChildProcess {
    let taken: ChildProcess;
    if (this.variant) {
      let child = this.variantSpares.shift();
      while (child && (child.exitCode !== null || child.signalCode !== null)) child = this.variantSpares.shift();
      taken = child ?? this.spawn(this.variant);
    } else {
      let child = this.spares.shift();
      while (child && (child.exitCode !== null || child.signalCode !== null)) child = this.spares.shift();
      taken = child ?? this.spawn();
    }
    this.running.add(taken);
    this.takenThisRun.push(taken);
    taken.once('exit', () => this.running.delete(taken));
    this.refill();
    return taken;
  }

  release(child: ChildProcess): void {
    this.running.delete(child);
  }

  close(): void {
    this.closed = true;
    for (const child of [...this.spares, ...this.variantSpares, ...this.running]) child.kill('SIGKILL');
    this.spares = [];
    this.variantSpares = [];
  }

  private spawn(variant?: ChildVariant): ChildProcess {
    if (!this.entry || !this.execArgv) throw new Error('the sandbox pool was used before vitest configured it');
    const child = fork(this.entry, [], {
      env: { ...SANDBOX_ENV, ...variant?.env },
      execArgv: variant ? [...this.execArgv, ...variant.execArgv] : this.execArgv,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const info: ChildInfo = { stderrTail: '' };
    this.info.set(child, info);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      info.stderrTail = (info.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    // a spare that dies (or a closed supply) must not surface as an unhandled 'error'
    child.on('error', () => {});
    return child;
  }
}

/** vitest's PoolWorker over one child of the supply. */
class SandboxForkWorker implements PoolWorker {
  readonly name: string;
  readonly cacheFs = false; // transformed code travels over IPC; the child cannot read vitest's temp files
  private readonly supply: ForkSupply;
  private child: ChildProcess | undefined;
  private readonly errors = new EventEmitter();
  private pipeErrorHeld = false;

  constructor(supply: ForkSupply) {
    this.supply = supply;
    this.name = supply.poolName;
  }

  private get proc(): ChildProcess {
    if (!this.child) throw new Error('the sandbox child was not started');
    return this.child;
  }

  on(event: string, callback: (...args: any[]) => void): void {
    if (event === 'error') this.errors.on('error', callback);
    else this.proc.on(event, callback);
  }

  off(event: string, callback: (...args: any[]) => void): void {
    if (event === 'error') this.errors.off('error', callback);
    else this.proc.off(event, callback);
  }

  send(message: WorkerRequest): void {
    const child = this.proc;
    if (child.connected) child.send(message, (error) => error && this.reportError(child, error));
  }

  /**
   * A write into a child that is dying (killed by a limit, a cancel or the end of its run) fails with
   * EPIPE or a closed channel before its 'exit' event, which is what reports the child's end to
   * vitest. Such errors are held briefly and dropped once the child has exited, as vitest's own forks
   * pool does; and no error is ever emitted without a listener, which would throw in the server.
   */
  private reportError(child: ChildProcess, error: Error): void {
    const code = (error as NodeJS.ErrnoException).code;
    const emit = (): void => {
      if (this.errors.listenerCount('error') > 0) this.errors.emit('error', error);
    };
    if (code !== 'EPIPE' && code !== 'ERR_IPC_CHANNEL_CLOSED') return emit();
    if (this.pipeErrorHeld) return;
    this.pipeErrorHeld = true;
    setTimeout(() => {
      this.pipeErrorHeld = false;
      if (child.exitCode === null && child.signalCode === null) emit();
    }, PIPE_ERROR_GRACE_MS).unref();
  }

  async start(): Promise<void> {
    const child = this.supply.take();
    this.child = child;
    child.on('error', (error) => this.reportError(child, error));
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    }
    this.supply.release(child);
  }

  deserialize(data: unknown): unknown {
    return data;
  }
}
