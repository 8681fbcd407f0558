// Starts `npm run grader:worker` as its own process (as a deployer runs it), for the cluster test and
// `npm run bench -- --cluster`: resolves once it says it is ready, keeps its output for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server.ts';

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  log: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** `root` is the project whose content it grades: this one, or a copy assembled around another program (program-root.ts). */
export function startWorkerProcess(name: string, env: Record<string, string>, root: string = ROOT): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [join(root, 'scripts/grader-worker.ts')], {
    cwd: root,
    env: { ...process.env, PRACTICUM_ROOT: root, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: WorkerProcess = {
    name,
    child,
    log: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await worker.exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${name} did not start in 60 s:\n${worker.log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      worker.log += chunk.toString();
      if (worker.log.includes('[grader-worker] ready')) {
        clearTimeout(timer);
        resolve(worker);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void worker.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${name} exited with ${code}:\n${worker.log}`));
    });
  });
}
