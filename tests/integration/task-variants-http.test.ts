// Certification task variants over real HTTP, with the built server, real SQLite and the real
// sandboxed grader: two candidates of one cohort are given different variants of every task with
// variants; each sees and is graded against their own (instructions, starter, visible tests, hidden
// suite), so a solution passed on from the other variant earns nothing; the attempt keeps its variant,
// and the candidate's results, the instructor's drill-down and the results export show it.
import { mkdtempSync, rmSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../scripts/lib/demo-cohort.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { createCohort } from '../../src/server/cohorts/create.ts';
import { joinCohortByCode } from '../../src/server/cohorts/membership.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { readVariants } from '../../src/server/variants/render.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { solutionOf, variantOfTask } from '../helpers/task-variants.ts';

const PASSWORD = 'variants-pass-1';
const TASKS = ['cert-release-entity', 'cert-leaky-service', 'cert-bulk-status', 'cert-code-review'];
const RELEASE = 'cert-release-entity';

let server: RunningServer;
let dataDir: string;
let cohortId: string;
const learnerIds: Record<string, string> = {};
const candidates: { client: HttpClient; attemptId: string; variants: Map<string, string | null> }[] = [];

interface View {
  instructionsHtml: string;
  editable: { path: string; content: string }[];
  visibleTests: { path: string; content: string }[];
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-variants-'));
  const db = await openServerStore(dataDir);
  try {
    await migrate(db);
    const passwordHash = await hashPassword(PASSWORD);
    const { dashboard, assessment } = demoContent(ROOT);
    const now = Date.now() - 60_000;
    const teacher = await createUser(db, { email: 'teacher@example.com', name: 'Teacher', passwordHash, role: 'instructor' });
    const cohort = await createCohort(db, teacher, { name: 'Variants', program: dashboard.program.id, sessionDates: ['2026-11-01', '2026-11-04', '2026-11-07'] }, [dashboard.program]);
    cohortId = cohort.id;
    // Two members who have passed the prerequisites (graded elsewhere: the grader's own tests cover them).
    for (const email of ['ada@example.com', 'bo@example.com']) {
      const user = await createUser(db, { email, name: email.split('@')[0] ?? email, passwordHash, now });
      learnerIds[email] = user.id;
      await joinCohortByCode(db, cohort.joinCode, user.id, now);
      for (const exerciseId of assessment.certification.levels[0]?.prerequisites.exercises ?? []) {
        const id = await insertQueuedSubmission(db, { userId: user.id, exerciseId, files: { 'src/solution.ts': '// passed\n' }, now });
        await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [], now });
      }
    }
  } finally {
    await db.close();
  }
  server = await startServer({ DATA_DIR: dataDir });
  for (const email of ['ada@example.com', 'bo@example.com']) {
    const client = server.client();
    await client.logIn(email, PASSWORD);
    const started = await client.post('/api/certifications/clean-timestamp/attempts');
    expect(started.status).toBe(201);
    const { attemptId } = (await started.json()) as { attemptId: string };
    const variants = new Map<string, string | null>();
    for (const task of TASKS) variants.set(task, await variantOfTask(client, attemptId, task));
    candidates.push({ client, attemptId, variants });
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const view = async (c: (typeof candidates)[number], task: string): Promise<View> => (await (await c.client.get(`/api/exercises/${task}?attempt=${c.attemptId}`)).json()) as View;

describe('variants per candidate', () => {
  it('gives two candidates of one cohort different variants of every task, each with its own instructions, starter and visible tests', async () => {
    const [ada, bo] = candidates;
    if (!ada || !bo) throw new Error('two candidates expected');
    for (const task of TASKS) {
      expect(readVariants(ROOT, task)?.variants.length ?? 0).toBeGreaterThanOrEqual(6);
      const [a, b] = [ada.variants.get(task), bo.variants.get(task)];
      expect(a, task).toBeTruthy();
      expect(a, task).not.toBe(b);
      const [va, vb] = await Promise.all([view(ada, task), view(bo, task)]);
      expect(va.instructionsHtml).not.toBe(vb.instructionsHtml);
      expect(JSON.stringify(va.editable)).not.toBe(JSON.stringify(vb.editable));
      // Nothing of the template reaches a candidate.
      expect(JSON.stringify([va, vb])).not.toMatch(/\{\{[#^/@]?[A-Za-z_]|\{\{line:/);
    }
  });

  it('grades each candidate against their own variant: the other variant\'s solution earns nothing, their own passes, "Run tests" runs their own visible tests', async () => {
    const [ada, bo] = candidates;
    if (!ada || !bo) throw new Error('two candidates expected');
    const url = `/api/certifications/attempts/${ada.attemptId}/tasks/${RELEASE}`;
    const passedOn = await ada.client.post(url, { files: solutionOf(RELEASE, bo.variants.get(RELEASE) ?? null) });
    // Refused (another variant's file names) or graded and failed: never a pass.
    if (passedOn.status === 200) expect(((await passedOn.json()) as { status: string }).status).not.toBe('pass');
    else expect(passedOn.status).toBe(400);
    const own = solutionOf(RELEASE, ada.variants.get(RELEASE) ?? null);
    const run = await ada.client.post(`/api/exercises/${RELEASE}/runs?attempt=${ada.attemptId}`, { files: own });
    expect(run.status).toBe(200);
    const ran = (await run.json()) as { status: string; tests: { name: string }[] };
    expect(ran.status).toBe('pass');
    expect(ran.tests.length).toBeGreaterThan(0);
    const graded = await ada.client.post(url, { files: own });
    expect(graded.status).toBe(200);
    expect(((await graded.json()) as { status: string }).status).toBe('pass');
  });

  it('keeps the variant with the attempt: the candidate\'s results, the instructor\'s drill-down and the results export name it', async () => {
    const [ada] = candidates;
    if (!ada) throw new Error('a candidate expected');
    const submitted = await ada.client.post(`/api/certifications/attempts/${ada.attemptId}/submit`, { confirm: true });
    expect(submitted.status).toBe(200);
    const variant = ada.variants.get(RELEASE) ?? '';
    const label = readVariants(ROOT, RELEASE)?.variants.find((v) => v.id === variant)?.label ?? '';
    expect(label).not.toBe('');
    const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const results = await (await ada.client.get(`/certifications/clean-timestamp/attempts/${ada.attemptId}`)).text();
    expect(results).toContain(`your task: ${escaped}`);

    const teacher = server.client();
    await teacher.logIn('teacher@example.com', PASSWORD);
    const drill = await (await teacher.get(`/cohorts/${cohortId}/learners/${learnerIds['ada@example.com']}`)).text();
    expect(drill).toContain(`variant: ${escaped}`);
    const csv = await (await teacher.get(`/cohorts/${cohortId}/export.csv?kind=results`)).text();
    const [header, row] = csv.trim().split('\n').map((line) => line.split(','));
    const column = header?.indexOf('variant_implementation') ?? -1;
    expect(column).toBeGreaterThan(-1);
    expect(row?.[column]).toBe(variant);
  });
});
