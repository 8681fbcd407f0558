// The grader's work folders in the system temp directory: one per grader process, named with its
// PID, holding each run's copy of the hidden tests while it runs. A grader removes its own on close;
// folders of processes that died without closing (a crash, kill -9) are removed by the next grader
// that starts on the machine, so hidden tests never linger in /tmp.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'practicum-grader-';
/** practicum-grader-<pid>-<random>; older builds used practicum-grader-<random> (no PID). */
const NAMED = /^practicum-grader-(?:(\d+)-)?[A-Za-z0-9]{6}$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates this process's work folder. */
export function createWorkDir(root = tmpdir()): Promise<string> {
  return mkdtemp(join(root, `${PREFIX}${process.pid}-`));
}

/**
 * Removes work folders left by grader processes that no longer run (and unnamed ones from older
 * builds, which no running grader uses). Returns the folders removed.
 */
export async function removeStaleWorkDirs(root = tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = NAMED.exec(name);
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && (pid === process.pid || isAlive(pid))) continue;
    const dir = join(root, name);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    removed.push(dir);
  }
  return removed;
}
