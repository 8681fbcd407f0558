// The similarity check over real HTTP: submitting a certification attempt starts the check in the
// background (the learner's answer does not wait for it), the cohort's instructor and admins see the
// flagged pair (JSON and pages, escaped, matched lines in <mark>), review it and check again on demand;
// learners, other instructors and visitors are refused (403, 404, 401), bad input is a 4xx.
import { mkdtempSync, rmSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../scripts/lib/demo-cohort.ts';
import { fixtureSolution } from '../../scripts/lib/demo-similarity.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { createCohort } from '../../src/server/cohorts/create.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createUser } from '../../src/server/db/users.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { seedCandidate, type Candidate } from '../helpers/similarity-seed.ts';

const PASSWORD = 'similarity-pass-1';
let server: RunningServer;
let dataDir: string;
let cohortId: string;
let otherCohortId: string;
let owner: HttpClient;
let original: Candidate;
let copier: Candidate;

interface ListJson {
  advisory: boolean;
  threshold: number;
  checkedAt: number | null;
  tasks: { exerciseId: string; total: number; pairs: { id: string; score: number; a: { name: string }; b: { name: string }; reviewed: boolean }[] }[];
}

const files = (exerciseId: string, kind: 'original' | 'copied' | 'independent') => {
  const found = fixtureSolution(ROOT, exerciseId, kind);
  if (!found) throw new Error(`no fixture ${exerciseId}/${kind}`);
  return found;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-similarity-'));
  const db = await openServerStore(dataDir);
  try {
    await migrate(db);
    const passwordHash = await hashPassword(PASSWORD);
    const { dashboard } = demoContent(ROOT);
    const now = Date.now() - 5 * 60_000;
    const teacher = await createUser(db, { email: 'owner@example.com', name: 'Owner', passwordHash, role: 'instructor' });
    const stranger = await createUser(db, { email: 'stranger@example.com', name: 'Stranger', passwordHash, role: 'instructor' });
    await createUser(db, { email: 'admin@example.com', name: 'Admin', passwordHash, role: 'admin' });
    const dates = ['2026-11-01', '2026-11-04', '2026-11-07'];
    const cohort = await createCohort(db, teacher, { name: 'Winter', program: dashboard.program.id, sessionDates: dates }, [dashboard.program]);
    const other = await createCohort(db, stranger, { name: 'Elsewhere', program: dashboard.program.id, sessionDates: dates }, [dashboard.program]);
    cohortId = cohort.id;
    otherCohortId = other.id;
    const finals = (kind: 'original' | 'copied' | 'independent') => ({ 'cert-release-entity': files('cert-release-entity', kind), 'cert-leaky-service': files('cert-leaky-service', kind) });
    original = await seedCandidate(db, { joinCode: cohort.joinCode, email: 'ada@example.com', name: 'Ada <Original>', passwordHash, finals: finals('original'), now });
    await seedCandidate(db, { joinCode: cohort.joinCode, email: 'cy@example.com', name: 'Cy Independent', passwordHash, finals: finals('independent'), now });
    // The copier's attempt is still open: it is submitted over HTTP below.
    copier = await seedCandidate(db, { joinCode: cohort.joinCode, email: 'bea@example.com', name: 'Bea Copier', passwordHash, finals: finals('copied'), now, leaveOpen: true });
  } finally {
    await db.close();
  }
  server = await startServer({ DATA_DIR: dataDir });
  owner = server.client();
  await owner.logIn('owner@example.com', PASSWORD);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(email: string): Promise<HttpClient> {
  const client = server.client();
  await client.logIn(email, PASSWORD);
  return client;
}

async function list(client: HttpClient = owner): Promise<ListJson> {
  const res = await client.get(`/api/cohorts/${cohortId}/similarity`);
  expect(res.status).toBe(200);
  return (await res.json()) as ListJson;
}

describe('the check after a certification submission', () => {
  it('runs in the background after the attempt is submitted and flags the copy, not the independent solution', async () => {
    expect((await list()).checkedAt).toBeNull();
    const learner = await signedIn(copier.email);
    const res = await learner.post(`/api/certifications/attempts/${copier.attemptId}/submit`, { confirm: true });
    expect(res.status).toBe(200);
    // The learner's answer came back before the check ran (it waits a few seconds for more submissions).
    expect((await list()).checkedAt).toBeNull();
    let found: ListJson | null = null;
    for (let i = 0; i < 60 && !found; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const current = await list();
      if (current.checkedAt !== null) found = current;
    }
    expect(found?.advisory).toBe(true);
    for (const exerciseId of ['cert-release-entity', 'cert-leaky-service']) {
      const task = found?.tasks.find((t) => t.exerciseId === exerciseId);
      expect(task?.pairs.map((p) => [p.a.name, p.b.name].sort())).toEqual([['Ada <Original>', 'Bea Copier']]);
      expect(task?.pairs[0]?.score).toBeGreaterThanOrEqual(found?.threshold ?? 1);
    }
  });
});

describe('the instructor', () => {
  it('sees the pages: the dashboard link, the list (advisory) and the pair side by side, escaped, matched lines marked', async () => {
    const dashboard = await (await owner.get(`/cohorts/${cohortId}`)).text();
    expect(dashboard).toContain(`href="/cohorts/${cohortId}/similarity"`);
    const page = await owner.get(`/cohorts/${cohortId}/similarity`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Advisory only');
    expect(html).toContain('nothing is revoked or changed automatically');
    expect(html).toContain('Ada &lt;Original&gt;');
    const pair = (await list()).tasks.find((t) => t.exerciseId === 'cert-release-entity')?.pairs[0];
    const pairPage = await owner.get(`/cohorts/${cohortId}/similarity/${pair?.id}`);
    expect(pairPage.status).toBe(200);
    const pairHtml = await pairPage.text();
    expect(pairHtml).toMatch(/<mark[^>]*>/);
    expect(pairHtml).toContain('length &lt; MIN_NOTES_LENGTH');
    expect(pairHtml).not.toContain('length < MIN_NOTES_LENGTH');
    expect(pairHtml).toMatch(/lines \d+–\d+ of <code[^>]*>src\/release\.ts<\/code> match/);
  });

  it('reviews a pair (JSON and form), which a re-check keeps; bad reviews are 400', async () => {
    const pair = (await list()).tasks.find((t) => t.exerciseId === 'cert-leaky-service')?.pairs[0];
    const path = `/api/cohorts/${cohortId}/similarity/${pair?.id}`;
    expect((await owner.put(path, { reviewed: 'maybe' })).status).toBe(400);
    expect((await owner.put(path, { reviewed: true, note: 'x'.repeat(1001) })).status).toBe(400);
    expect((await owner.request('PUT', path, { body: 'not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const res = await owner.put(path, { reviewed: true, note: 'Both say they worked together; talked to them.' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ reviewed: true, reviewNote: 'Both say they worked together; talked to them.', reviewerName: 'Owner' });

    const again = await owner.post(`/api/cohorts/${cohortId}/similarity`, {});
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ submissions: 6, pairs: 2 });
    const detail = (await (await owner.get(path)).json()) as { pair: { reviewed: boolean; reviewNote: string }; fragments: unknown[]; a: { files: Record<string, string> } };
    expect(detail.pair).toMatchObject({ reviewed: true, reviewNote: 'Both say they worked together; talked to them.' });
    expect(detail.fragments.length).toBeGreaterThan(0);
    expect(Object.keys(detail.a.files)).toEqual(['src/leaky-service.ts']);

    const other = (await list()).tasks.find((t) => t.exerciseId === 'cert-release-entity')?.pairs[0];
    const form = await owner.request('POST', `/cohorts/${cohortId}/similarity/${other?.id}`, {
      body: new URLSearchParams({ reviewed: 'yes', note: 'Seen in class.' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/cohorts/${cohortId}/similarity/${other?.id}?saved=1`);
    expect((await list()).tasks.find((t) => t.exerciseId === 'cert-release-entity')?.pairs[0]?.reviewed).toBe(true);
  });

  it('checks now from the page, and across the program’s cohorts when asked; bad input is 400', async () => {
    const post = (fields: Record<string, string>) =>
      owner.request('POST', `/cohorts/${cohortId}/similarity`, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await post({ across: 'sometimes' })).status).toBe(400);
    const res = await post({ across: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/cohorts/${cohortId}/similarity\\?checked=\\d+$`));
    expect(await list()).toMatchObject({ acrossProgram: true });
    expect((await owner.post(`/api/cohorts/${cohortId}/similarity`, { acrossProgram: 'yes' })).status).toBe(400);
    expect((await owner.post(`/api/cohorts/${cohortId}/similarity`, { acrossProgram: false })).status).toBe(200);
  });

  it('an admin sees the cohort’s pairs too', async () => {
    const admin = await signedIn('admin@example.com');
    expect((await list(admin)).tasks.some((t) => t.total > 0)).toBe(true);
  });
});

describe('everyone else', () => {
  it('learners of the cohort get 403 on the pages and the API, for reading and changing', async () => {
    const learner = await signedIn(original.email);
    const pair = (await list()).tasks.find((t) => t.total > 0)?.pairs[0];
    expect((await learner.get(`/api/cohorts/${cohortId}/similarity`)).status).toBe(403);
    expect((await learner.post(`/api/cohorts/${cohortId}/similarity`, {})).status).toBe(403);
    expect((await learner.get(`/api/cohorts/${cohortId}/similarity/${pair?.id}`)).status).toBe(403);
    expect((await learner.put(`/api/cohorts/${cohortId}/similarity/${pair?.id}`, { reviewed: false })).status).toBe(403);
    expect((await learner.get(`/cohorts/${cohortId}/similarity`)).status).toBe(403);
    expect((await learner.get(`/cohorts/${cohortId}/similarity/${pair?.id}`)).status).toBe(403);
  });

  it("another cohort's instructor gets 403; a pair asked for under another cohort is 404; unknown cohorts 404; visitors 401", async () => {
    const stranger = await signedIn('stranger@example.com');
    const pair = (await list()).tasks.find((t) => t.total > 0)?.pairs[0];
    expect((await stranger.get(`/api/cohorts/${cohortId}/similarity`)).status).toBe(403);
    expect((await stranger.get(`/cohorts/${cohortId}/similarity/${pair?.id}`)).status).toBe(403);
    expect((await stranger.get(`/api/cohorts/${otherCohortId}/similarity/${pair?.id}`)).status).toBe(404);
    expect((await stranger.put(`/api/cohorts/${otherCohortId}/similarity/${pair?.id}`, { reviewed: true })).status).toBe(404);
    expect((await owner.get(`/api/cohorts/${cohortId}/similarity/no-such-pair`)).status).toBe(404);
    expect((await owner.get('/api/cohorts/no-such-cohort/similarity')).status).toBe(404);
    const visitor = server.client();
    expect((await visitor.get(`/api/cohorts/${cohortId}/similarity`)).status).toBe(401);
    const page = await visitor.get(`/cohorts/${cohortId}/similarity`);
    expect([302, 303]).toContain(page.status);
  });
});
