// Project test configuration. Exercise suites (exercises/, solutions/) never run here:
// they are executed only through the sandboxed grader.
import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { referenceAliases } from './src/server/content/reference-library.ts';

// each program's reference library under its specifier (program.json referenceLibrary; the platform's by default)
const alias = referenceAliases(fileURLToPath(new URL('.', import.meta.url)));

// astro:content exists only inside the Astro build: unit tests read the same collections from disk.
const unitAlias = { ...alias, 'astro:content': fileURLToPath(new URL('./tests/helpers/astro-content.ts', import.meta.url)) };

// The unit tests that store data (through tests/helpers/temp-db.ts or temp-app.ts): unit-pg runs them
// again on PostgreSQL. Left out: the pure ones, and those about one engine by nature (the SQLite
// store and migrations, the PostgreSQL store, the parity and SQLite-to-PostgreSQL export tests,
// which start their own clusters in the unit project).
const storageUnitTests = [
  'tests/unit/account/{delete-account,erasure,export}.test.ts',
  'tests/unit/assessment/{attempts-service,ladder-service,retake-draw,submit-confirmation,task-variant-draw}.test.ts',
  'tests/unit/auth/{accounts,rate-limit,sign-in-throttle}.test.ts',
  'tests/unit/certificates/linkedin-pages.test.ts',
  'tests/unit/cohorts/*.test.ts',
  'tests/unit/contracts/contracts.test.ts',
  'tests/unit/db/{check-answers,competency-areas,holder-identity,ladder-migration,leases,learner-summaries,report-and-certificate-facts,report-projections,status-lists,submission-allowance}.test.ts',
  'tests/unit/feedback/program-feedback.test.ts',
  'tests/unit/grader/demo-coverage.test.ts',
  'tests/unit/homework/homework.test.ts',
  'tests/unit/pages/*.test.ts',
  'tests/unit/peer-review/{access,completion,demo,rounds}.test.ts',
  'tests/unit/similarity/similarity.test.ts',
];

// The PostgreSQL twin of a project: the same files, a fresh database per test on one throw-away
// cluster per run (tests/setup/postgres.ts), chosen by PRACTICUM_TEST_DATABASE (tests/helpers/test-database.ts).
const onPostgres = { PRACTICUM_TEST_DATABASE: 'postgres' };

// How the run shares the machine. Projects run in groups, one group after another, the projects of a
// group side by side (sequence.groupOrder). Unit and HTTP integration files mostly wait on a database
// or a server, so they run at least two at a time even on two cores. The grader files start graders of
// their own (one sandboxed vitest slot per core) and are timed by them, so they run one at a time, alone.
// A browser journey keeps a core busy (Chromium and its server): one at a time per two cores.
const wide = Math.max(2, availableParallelism());
const groups = {
  unit: { sequence: { groupOrder: 0 }, maxWorkers: wide },
  integration: { sequence: { groupOrder: 1 }, maxWorkers: wide },
  browser: { sequence: { groupOrder: 2 }, maxWorkers: Math.max(1, Math.floor(availableParallelism() / 2)) },
  grader: { sequence: { groupOrder: 3 }, maxWorkers: 1 },
};

export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: wide,
    projects: [
      {
        resolve: { alias: unitAlias },
        test: {
          name: 'unit',
          ...groups.unit,
          include: ['tests/unit/**/*.test.ts', 'reference/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: unitAlias },
        test: {
          name: 'unit-pg',
          ...groups.unit,
          include: storageUnitTests,
          env: onPostgres,
          globalSetup: ['tests/setup/postgres.ts'],
          hookTimeout: 60_000,
        },
      },
      {
        // Real sandboxed grading runs: each test spawns vitest slots, so a generous timeout.
        resolve: { alias },
        test: {
          name: 'grader',
          ...groups.grader,
          include: ['tests/grader/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          ...groups.integration,
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/build.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The same HTTP suites against servers on PostgreSQL, each with a grader worker process of its own.
        // Left out: the files about no storage (Astro's check, the reference coverage) and the cluster
        // and reverse-proxy tests, which are on PostgreSQL already.
        resolve: { alias },
        test: {
          name: 'integration-pg',
          ...groups.integration,
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/{astro-check,reference-coverage,cluster,reverse-proxy}.test.ts'],
          env: onPostgres,
          globalSetup: ['tests/setup/build.ts', 'tests/setup/postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          ...groups.browser,
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/build.ts', 'tests/setup/screenshots.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        // Every browser journey again, the server on PostgreSQL.
        test: {
          name: 'e2e-pg',
          ...groups.browser,
          include: ['tests/e2e/**/*.test.ts'],
          env: onPostgres,
          globalSetup: ['tests/setup/build.ts', 'tests/setup/postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
