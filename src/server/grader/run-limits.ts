// Wall-clock and memory limits of one grading run, enforced from the trusted main process:
// `testTimeout` cannot stop a synchronous infinite loop and `--max-old-space-size` does not count
// ArrayBuffers, so a timer and a resident-memory poll of the sandboxed children kill them instead.
import { readFile } from 'node:fs/promises';

export type LimitReason = 'timeout' | 'memory' | 'output' | 'aborted';

export interface RunLimits {
  timeLimitMs: number;
  memoryLimitBytes: number;
}

const POLL_MS = 50;
const PAGE_BYTES = 4096;

async function residentBytes(pid: number): Promise<number> {
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
    return Number(statm.split(' ')[1] ?? 0) * PAGE_BYTES;
  } catch {
    return 0; // the child already exited, or no procfs (then only the heap cap applies)
  }
}

export interface LimitWatch {
  stop(): void;
}

/** Calls `onLimit` once when the run exceeds its time or memory; the caller kills the children. */
export function watchLimits(limits: RunLimits, pids: () => number[], onLimit: (reason: LimitReason, detail: string) => void): LimitWatch {
  let done = false;
  const fire = (reason: LimitReason, detail: string): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    clearInterval(poll);
    onLimit(reason, detail);
  };
  const timer = setTimeout(() => fire('timeout', `${limits.timeLimitMs} ms`), limits.timeLimitMs);
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    void Promise.all(pids().map(residentBytes))
      .then((sizes) => {
        const peak = Math.max(0, ...sizes);
        if (peak > limits.memoryLimitBytes) fire('memory', `${Math.round(peak / 1048576)} MB`);
      })
      .finally(() => {
        polling = false;
      });
  }, POLL_MS);
  return {
    stop() {
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
    },
  };
}
