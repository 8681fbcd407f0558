// `npm run bench`: the performance figures the README quotes, each against its target, measured in
// one run on this machine: grader latency and throughput (vs a cold vitest run), cohort dashboard
// report time at 1,000 and 10,000 learners, public verify throughput, page weight, and the first
// Run tests on an exercise page when the WebContainer cannot start (in Chromium), and the similarity
// check of a 300-candidate cohort.
// `--only grader,dashboard,verify,pages,first-run,similarity` runs a subset; `--cluster` the cluster
// mode's figures (PostgreSQL, grader workers) beside the embedded mode's. Exit code 1 when a target is missed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/server/auth/password.ts';
import { certificatesOfCohort } from '../src/server/db/certificates.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { openDatabase } from '../src/server/db/open.ts';
import { launchBrowser, signUpInBrowser } from '../tests/helpers/browser.ts';
import { startServer } from '../tests/helpers/server.ts';
import { parseArgs } from './lib/args.ts';
import { ensureBuilt } from './lib/build.ts';
import { seedDemoCohort } from './lib/demo-cohort.ts';
import { benchDashboard, formatDashboardBench } from './bench/dashboard.ts';
import { benchGrader, formatGraderBench, meetsTargets } from './bench/grader.ts';
import { benchFirstRun, formatFirstRunBench, NO_WEBCONTAINER_HOST } from './bench/first-run.ts';
import { formatPageWeight, LESSON_PAGE_BUDGET, measurePage } from './bench/page-weight.ts';
import { benchVerify, formatVerifyBench, VERIFY_TARGET_PER_SEC } from './bench/verify.ts';
import { benchSimilarity, formatSimilarityBench } from './bench/similarity.ts';
import { benchClusterThroughput, benchExamDay, formatClusterThroughput } from './bench/cluster.ts';
import { formatExamDay } from './bench/exam-day.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SECTIONS = ['grader', 'dashboard', 'verify', 'pages', 'first-run', 'similarity'] as const;
const clusterMode = process.argv.includes('--cluster');
const args = parseArgs(process.argv.slice(2).filter((a) => a !== '--cluster'), ['only', 'candidates', 'window']);
// with --cluster, the sections are the cluster's own: grading throughput and the exam day
const CLUSTER_SECTIONS = ['throughput', 'exam-day'] as const;
const known: readonly string[] = clusterMode ? CLUSTER_SECTIONS : SECTIONS;
const only = new Set((args['only'] ?? known.join(',')).split(',').map((s) => s.trim()).filter(Boolean));
for (const name of only) if (!known.includes(name)) throw new Error(`unknown section "${name}" (known${clusterMode ? ' with --cluster' : ''}: ${known.join(', ')})`);

let missed = 0;
const report = (line: string, ok: boolean) => {
  console.log(line);
  if (!ok) missed++;
};
console.log(`Practicum benchmark — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).availableParallelism()} cores\n`);

if (clusterMode) ensureBuilt(root);

if (clusterMode && only.has('throughput')) {
  const rows = await benchClusterThroughput(root);
  report(formatClusterThroughput(rows), rows.every((r) => r.errors === 0));
}

if (clusterMode && only.has('exam-day')) {
  // 200 candidates arriving over a 10-minute window: an exam day's arrivals compressed into it (--candidates, --window in seconds)
  const candidates = Number(args['candidates'] ?? 200);
  const windowSeconds = Number(args['window'] ?? 600);
  if (!Number.isInteger(candidates) || candidates < 1) throw new Error('--candidates must be a whole number ≥ 1');
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) throw new Error('--window must be a number of seconds > 0');
  const exam = await benchExamDay(root, candidates, windowSeconds);
  report(formatExamDay(exam), exam.every((r) => r.errors === 0));
}

if (only.has('grader')) {
  const bench = await benchGrader(root);
  report(formatGraderBench(bench), meetsTargets(bench));
}

if (only.has('dashboard')) {
  const rows = await benchDashboard(root);
  report(formatDashboardBench(rows), rows.every((r) => r.ok));
}

if (only.has('similarity')) {
  const bench = await benchSimilarity(root);
  report(formatSimilarityBench(bench), bench.ok);
}

if (only.has('verify') || only.has('pages') || only.has('first-run')) {
  ensureBuilt(root);
  // A small seeded cohort gives the server real certificates to verify.
  const dataDir = mkdtempSync(join(tmpdir(), 'practicum-bench-srv-'));
  const db = openDatabase(join(dataDir, 'practicum.sqlite'));
  await migrate(db);
  const { cohort } = await seedDemoCohort(db, root, { learners: 30, passwordHash: await hashPassword('bench-password-1'), instructorEmail: 'bench@practicum.local' });
  const certificate = (await certificatesOfCohort(db, cohort.id))[0];
  await db.close();
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    if (only.has('verify')) {
      if (!certificate) throw new Error('the seeded cohort holds no certificate to verify');
      const bench = await benchVerify(server.origin, certificate.id);
      report(formatVerifyBench(bench), bench.perSecond >= VERIFY_TARGET_PER_SEC && bench.errors === 0);
    }
    if (only.has('pages')) {
      const lesson = await measurePage(server.origin, '/programs/clean-timestamp/pitfalls');
      report(formatPageWeight(lesson, LESSON_PAGE_BUDGET), lesson.initialBytes <= LESSON_PAGE_BUDGET);
      console.log(formatPageWeight(await measurePage(server.origin, '/exercises/s1-project-entity')));
    }
    if (only.has('first-run')) {
      const browser = await launchBrowser([NO_WEBCONTAINER_HOST]);
      try {
        const bench = await benchFirstRun(browser, server.origin, (page) => signUpInBrowser(page, server.origin, 'first-run@bench.local'));
        report(formatFirstRunBench(bench), bench.ok);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(missed === 0 ? '\nall targets met' : `\n${missed} section(s) missed a target`);
process.exitCode = missed === 0 ? 0 : 1;
