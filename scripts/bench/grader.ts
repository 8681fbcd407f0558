// Grader benchmark: warm latency of one submission on the warm pool (p50/p95), the same suite run
// by a cold `vitest run` in a temp folder (a fresh process, as a naive grader would), and the
// sustained throughput of the pool under a full queue. Uses a real exercise and its reference
// solution (default s1-project-entity) and falls back to the fx-sum fixture while the reference
// library or the solution is not ready. Run alone: `node scripts/bench/grader.ts [--exercise <id>]`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSubmission } from '../../src/lib/contracts/submission.ts';
import { loadExercise, type LoadedExercise } from '../../src/server/content/exercise-folder.ts';
import { createGrader, type Grader } from '../../src/server/grader/grader.ts';
import { readSubmissionDir } from '../../src/server/grader/submission-dir.ts';
import { parseArgs } from '../lib/args.ts';

export interface GraderBench {
  warmP50Ms: number;
  warmP95Ms: number;
  /** Median wall time of `npx vitest run` of the same files in a temp folder (the target's baseline). */
  coldVitestMs: number;
  /** coldVitestMs / warmP50Ms. */
  speedup: number;
  /** The same cold run started as `node vitest.mjs run`, without npx's own start-up. */
  coldVitestDirectMs: number;
  /** coldVitestDirectMs / warmP50Ms: the stricter comparison. */
  speedupVsDirect: number;
  throughputPerSec: number;
  /** What was measured: the exercise, and why a fallback was used if it was. */
  exercise: string;
  note?: string;
  poolSize: number;
}

export interface GraderBenchOptions {
  exerciseId?: string;
  /** Warm submissions timed one after another (after a few unmeasured ones). */
  samples?: number;
  /** Cold vitest runs (the median is reported). */
  coldRuns?: number;
  /** Submissions pushed through the pool for the throughput figure. */
  throughputSubmissions?: number;
  poolSize?: number;
}

export const TARGETS = { warmP50Ms: 250, speedup: 5, throughputPerSec: 5 } as const;
const DEFAULT_EXERCISE = 's1-project-entity';
const FALLBACK = 'fx-sum';

interface Subject {
  id: string;
  exercise: LoadedExercise;
  submission: FileSubmission;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The exercise `id` of the content root `contentRoot` (exercises/, solutions/), with its reference solution. */
async function subjectFor(contentRoot: string, id: string, codeRoot: string): Promise<Subject> {
  const exercise = loadExercise(contentRoot, id, codeRoot);
  return { id, exercise, submission: await readSubmissionDir(join(contentRoot, 'solutions', id), exercise.definition) };
}

/** The wanted exercise if its solution passes on this tree, else the fx-sum fixture. */
async function pickSubject(root: string, wanted: string): Promise<{ subject: Subject; grader: Grader; note?: string }> {
  const poolSize = 1;
  let note: string;
  if (existsSync(join(root, 'exercises', wanted)) && existsSync(join(root, 'solutions', wanted))) {
    const subject = await subjectFor(root, wanted, root);
    const grader = await createGrader({ projectRoot: root, poolSize });
    const probe = await grader.grade(subject.exercise, subject.submission);
    if (probe.status === 'pass') return { subject, grader };
    await grader.close();
    note = `${wanted}'s solution does not pass yet (${probe.status}: ${(probe.message ?? '').split('\n')[0]})`;
  } else {
    note = `${wanted} or its solution is missing`;
  }
  const subject = await subjectFor(join(root, 'tests/fixtures'), FALLBACK, root);
  const grader = await createGrader({ projectRoot: root, poolSize });
  return { subject, grader, note: `${note}; measured ${FALLBACK} instead` };
}

async function warmLatencies(grader: Grader, subject: Subject, samples: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await grader.grade(subject.exercise, subject.submission);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const result = await grader.grade(subject.exercise, subject.submission);
    times.push(performance.now() - started);
    if (result.status !== 'pass') throw new Error(`warm run ${i} of ${subject.id} did not pass: ${result.message ?? result.status}`);
  }
  return times.sort((a, b) => a - b);
}

/** A folder holding the solution over the starter and the hidden tests, as a plain vitest project. */
async function coldProject(root: string, subject: Subject): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'practicum-bench-cold-'));
  const exerciseDir = subject.exercise.dir;
  await cp(join(exerciseDir, 'starter'), join(dir, 'starter'), { recursive: true });
  for (const [path, text] of Object.entries(subject.submission.files)) {
    await mkdir(dirname(join(dir, 'starter', path)), { recursive: true });
    await writeFile(join(dir, 'starter', path), text);
  }
  await cp(join(exerciseDir, 'tests/hidden'), join(dir, 'tests/hidden'), {
    recursive: true,
    filter: (src) => !src.includes(`${join(exerciseDir, 'tests/hidden')}/mutants`) && !src.endsWith('review-key.json'),
  });
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `export default { resolve: { alias: { ${JSON.stringify(subject.exercise.reference.specifier)}: ${JSON.stringify(subject.exercise.reference.entry)} } }, ` +
      `test: { include: ['tests/hidden/**/*.test.ts'], pool: 'forks', watch: false } };\n`,
  );
  return dir;
}

function runVitestOnce(dir: string, viaNpx: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // `npx vitest run` as a learner or a naive grader would type it, or the binary it starts
    const [command, args] = viaNpx ? ['npx', ['vitest', 'run']] : [process.execPath, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run']];
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`cold vitest run failed (exit ${code}): ${stderr.slice(-500)}`));
    });
  });
}

async function coldVitest(root: string, subject: Subject, runs: number): Promise<{ npx: number; direct: number }> {
  const dir = await coldProject(root, subject);
  try {
    const npx: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < runs; i++) {
      npx.push(await runVitestOnce(dir, true));
      direct.push(await runVitestOnce(dir, false));
    }
    return { npx: percentile(npx.sort((a, b) => a - b), 50), direct: percentile(direct.sort((a, b) => a - b), 50) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function throughput(root: string, subject: Subject, submissions: number, poolSize: number): Promise<number> {
  const grader = await createGrader({ projectRoot: root, poolSize, queueLimit: submissions });
  try {
    await Promise.all(Array.from({ length: poolSize }, () => grader.grade(subject.exercise, subject.submission)));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: submissions }, () => grader.grade(subject.exercise, subject.submission)));
    const seconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.status !== 'pass').length;
    if (failed > 0) throw new Error(`${failed} of ${submissions} submissions did not pass under load`);
    return submissions / seconds;
  } finally {
    await grader.close();
  }
}

export async function benchGrader(projectRoot: string, options: GraderBenchOptions = {}): Promise<GraderBench> {
  const { subject, grader, note } = await pickSubject(projectRoot, options.exerciseId ?? DEFAULT_EXERCISE);
  let warm: number[];
  try {
    warm = await warmLatencies(grader, subject, options.samples ?? 30);
  } finally {
    await grader.close();
  }
  const cold = await coldVitest(projectRoot, subject, options.coldRuns ?? 3);
  const poolSize = options.poolSize ?? Math.min(availableParallelism(), 8);
  const perSec = await throughput(projectRoot, subject, options.throughputSubmissions ?? 40, poolSize);
  const warmP50Ms = percentile(warm, 50);
  const bench: GraderBench = {
    warmP50Ms: round1(warmP50Ms),
    warmP95Ms: round1(percentile(warm, 95)),
    coldVitestMs: round1(cold.npx),
    speedup: round1(cold.npx / warmP50Ms),
    coldVitestDirectMs: round1(cold.direct),
    speedupVsDirect: round1(cold.direct / warmP50Ms),
    throughputPerSec: round1(perSec),
    exercise: subject.id,
    poolSize,
  };
  if (note) bench.note = note;
  return bench;
}

export function formatGraderBench(b: GraderBench): string {
  const ok = (pass: boolean): string => (pass ? '✓' : '✗');
  return [
    `grader benchmark (${b.exercise}, ${b.poolSize} slot(s))${b.note ? `\n  note: ${b.note}` : ''}`,
    `  ${ok(b.warmP50Ms <= TARGETS.warmP50Ms)} warm p50      ${b.warmP50Ms} ms (target ≤ ${TARGETS.warmP50Ms} ms); p95 ${b.warmP95Ms} ms`,
    `  ${ok(b.speedup >= TARGETS.speedup)} vs cold vitest ${b.speedup}× faster than \`npx vitest run\` (${b.coldVitestMs} ms; target ≥ ${TARGETS.speedup}×)`,
    `                   ${b.speedupVsDirect}× faster than \`node vitest.mjs run\` without npx (${b.coldVitestDirectMs} ms)`,
    `  ${ok(b.throughputPerSec >= TARGETS.throughputPerSec)} throughput    ${b.throughputPerSec} submissions/s (target ≥ ${TARGETS.throughputPerSec}/s)`,
  ].join('\n');
}

export function meetsTargets(b: GraderBench): boolean {
  return b.warmP50Ms <= TARGETS.warmP50Ms && b.speedup >= TARGETS.speedup && b.throughputPerSec >= TARGETS.throughputPerSec;
}

if (import.meta.main) {
  const args = parseArgs(process.argv.slice(2), ['exercise', 'json']);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const bench = await benchGrader(root, args['exercise'] ? { exerciseId: args['exercise'] } : {});
  console.log(args['json'] === 'true' ? JSON.stringify(bench, null, 2) : formatGraderBench(bench));
  process.exitCode = meetsTargets(bench) ? 0 : 1;
}
