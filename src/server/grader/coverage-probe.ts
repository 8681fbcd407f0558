// The child's side of a coverage run (coverage-report.ts is the main process's): loaded by the
// setup file (fork-guard.ts) in every sandboxed child, it does something only in a child started
// for a coverage run, whose environment names a key (a new one for each run). There it starts V8's
// precise (block) coverage through the inspector before the test file and the learner's code load,
// takes the inspector away from everything else (no other session, no debugger port: the child may
// use the inspector only because the grader started it with --allow-inspector), and after the test
// file's last hook puts the coverage of the run's own scripts (not vitest's, not the grader's) on the
// file's task meta under the key, which is how it reaches the trusted main process. Nothing here decides a number: the main
// process maps the raw V8 ranges onto the learner's sources (coverage-report.ts).
import { afterAll } from 'vitest';
import { COVERAGE_KEY_ENV } from './coverage-env.ts';

/** One script's coverage as V8 reports it, with where the module's own code starts in it. */
export interface ProbedScript {
  url: string;
  /** Length of the wrapper vitest's module runner put around the module's code. */
  startOffset: number;
  functions: { functionName: string; isBlockCoverage: boolean; ranges: { startOffset: number; endOffset: number; count: number }[] }[];
}

type Post = (method: string, params?: object) => unknown;

interface InspectorModule {
  Session: { new (): { connect(): void; post(method: string, params: object, callback: (error: Error | null, result: unknown) => void): void } };
  [name: string]: unknown;
}

/** In-process sessions answer synchronously: the callback has run when post() returns. */
function poster(session: InstanceType<InspectorModule['Session']>): Post {
  return (method, params = {}) => {
    let failure: Error | null = null;
    let out: unknown;
    session.post(method, params, (error, result) => {
      failure = error;
      out = result;
    });
    if (failure) throw failure;
    return out;
  };
}

/** After our session is connected, no other code in the child may open one or a debugger port. */
function lockInspector(inspector: InspectorModule): void {
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available while grading`);
  };
  const proto = inspector.Session.prototype as unknown as Record<string, unknown>;
  proto['connect'] = refuse('inspector.Session');
  proto['connectToMainThread'] = refuse('inspector.Session');
  Object.freeze(proto);
  for (const name of ['open', 'close', 'url', 'waitForDebugger']) inspector[name] = refuse(`inspector.${name}`);
  Object.freeze(inspector);
}

interface WorkerState {
  moduleExecutionInfo?: Map<string, { startOffset?: unknown }>;
}

/** Starts the probe in a coverage run's child; does nothing in any other child. */
export function startCoverageProbe(): void {
  const key = process.env[COVERAGE_KEY_ENV];
  delete process.env[COVERAGE_KEY_ENV];
  if (!key) return;
  const inspector = process.getBuiltinModule('node:inspector') as unknown as InspectorModule;
  const session = new inspector.Session();
  session.connect();
  const post = poster(session);
  post('Profiler.enable');
  post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  lockInspector(inspector);
  // vitest's record of where each module's code starts in the script it compiled (its own coverage
  // providers read the same map); held now, before any learner code runs
  const worker = (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__;
  // the grader's own modules (this one, the setup file) are compiled by the module runner too
  const graderDir = new URL('.', import.meta.url).href;
  afterAll(({}, suite) => {
    const taken = post('Profiler.takePreciseCoverage') as { result: (ProbedScript & { scriptId: string })[] };
    const scripts: ProbedScript[] = [];
    for (const script of taken.result) {
      if (!script.url.startsWith('file://') || script.url.includes('/node_modules/') || script.url.startsWith(graderDir)) continue;
      const path = decodeURIComponent(new URL(script.url).pathname);
      const startOffset = worker?.moduleExecutionInfo?.get(path)?.startOffset;
      if (typeof startOffset !== 'number') continue;
      scripts.push({ url: script.url, startOffset, functions: script.functions });
    }
    (suite.meta as Record<string, unknown>)[key] = scripts;
  });
}
