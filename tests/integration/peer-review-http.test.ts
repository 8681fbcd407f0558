// Peer review over real HTTP, and who sees what: a final project is read by its author, its two
// assigned reviewers (their own review only) and its cohort's instructor or an admin; a stranger
// learner, another cohort's instructor and an unassigned peer of the same cohort get 404 (403 for a
// cohort they do not teach) from every route and page, and never any of its content. Line anchors
// are checked; a review is the reviewer's alone to write and the staff's alone to rate. An Expert case
// study sent for review goes to a Professional holder of the candidate's cohort on the same model.
import { openServerStore } from '../helpers/server.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { issueCertificateFor } from '../helpers/db.ts';

const PROGRAM = 'clean-timestamp';
const SECRET_CODE = 'const marker = "ann-secret-implementation";';
const TASK = `// Task entity\nexport class Task {\n  ${SECRET_CODE}\n  validate(): void {}\n}\n`;
const README = '# Ann’s task\n';
const BOB_COMMENT = 'bob-line-comment: name the rule this enforces';
const BOB_OVERALL = 'bob-overall: rules in one place, boundaries tested';
const CY_DRAFT = 'cy-draft-not-for-anyone-else';

let server: RunningServer;
const c: Record<string, HttpClient> = {};
let cohortId = '';
let otherCohortId = '';
let workId = '';

async function staff(email: string, role: 'instructor' | 'admin'): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', email, '--name', email.split('@')[0] ?? email, '--role', role], 'staff-password-1\n');
  if (made.status !== 0) throw new Error(made.stderr);
  const client = server.client();
  await client.logIn(email, 'staff-password-1');
  return client;
}

async function learner(code: string, name: string): Promise<HttpClient> {
  const client = server.client();
  const res = await client.post('/api/auth/signup', { email: `${name}@example.com`, password: 'correct-horse-battery', name, cohortCode: code });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return client;
}

/** A passing practice submission of the final project, stored as the grader stores one. */
async function passFinalProject(email: string, files: Record<string, string>): Promise<void> {
  const { completeSubmission, insertQueuedSubmission } = await import('../../src/server/db/submissions.ts');
  const db = await openServerStore(server.dataDir);
  try {
    const user = await db.get('SELECT id FROM users WHERE email = ?', email) as { id: string };
    const id = await insertQueuedSubmission(db, { userId: user.id, exerciseId: 's2-final-project', files, now: Date.now() - 60_000 });
    await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 5, failedTests: [] });
  } finally {
    await db.close();
  }
}

async function createCohort(client: HttpClient, name: string, sessionDates: string[]): Promise<{ cohort: { id: string; joinCode: string } }> {
  const res = await client.post('/api/cohorts', { name, program: PROGRAM, sessionDates });
  if (res.status !== 201) throw new Error(`creating a cohort failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { cohort: { id: string; joinCode: string } };
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  server = await startServer();
  c['owner'] = await staff('owner@example.com', 'instructor');
  c['otherInstructor'] = await staff('other@example.com', 'instructor');
  c['admin'] = await staff('admin@example.com', 'admin');
  const made = await createCohort(c['owner']!, 'Reviewers', ['2026-01-05', '2026-01-08', '2026-01-12']);
  const other = await createCohort(c['otherInstructor']!, 'Elsewhere', ['2026-02-05', '2026-02-08', '2026-02-12']);
  cohortId = made.cohort.id;
  otherCohortId = other.cohort.id;
  for (const name of ['ann', 'bob', 'cy', 'dee']) c[name] = await learner(made.cohort.joinCode, name);
  c['stranger'] = await learner(other.cohort.joinCode, 'stranger');
  await passFinalProject('ann@example.com', { 'src/task.ts': TASK, 'README.md': README });
  await passFinalProject('bob@example.com', { 'src/task.ts': '// bob\n' });
  await passFinalProject('cy@example.com', { 'src/task.ts': '// cy\n' });
  await passFinalProject('stranger@example.com', { 'src/task.ts': '// stranger\n' });
});
afterAll(() => server?.stop());

describe('sending final projects for review', () => {
  it('needs a passing submission; three senders get two peers each', async () => {
    const early = await c['dee']!.post(`/api/peer-review/${PROGRAM}`);
    expect([early.status, (await errorCode(early)).code]).toEqual([409, 'not_passed']);
    const sent = await c['ann']!.post(`/api/peer-review/${PROGRAM}`);
    expect(sent.status).toBe(201);
    const body = (await sent.json()) as { id: string; files: string[] };
    workId = body.id;
    expect(body.files).toEqual(['README.md', 'src/task.ts']);
    const waiting = (await (await c['ann']!.get(`/api/peer-review/${PROGRAM}`)).json()) as { state: string; work: { assigned: number; waiting: string | null } };
    expect(waiting).toMatchObject({ state: 'sent', work: { assigned: 0 } });
    expect(waiting.work.waiting).toContain('0 of 2 reviewers so far');
    expect((await c['bob']!.post(`/api/peer-review/${PROGRAM}`)).status).toBe(201);
    expect((await c['cy']!.post(`/api/peer-review/${PROGRAM}`)).status).toBe(201);
    const again = await c['ann']!.post(`/api/peer-review/${PROGRAM}`);
    expect([again.status, (await errorCode(again)).code]).toEqual([409, 'already_sent']);
    // The stranger's cohort is another pool: sending there assigns nobody from this one.
    expect((await c['stranger']!.post(`/api/peer-review/${PROGRAM}`)).status).toBe(201);
    const bobs = (await (await c['bob']!.get(`/api/peer-review/${PROGRAM}`)).json()) as { tasks: { href: string; authorName: string }[] };
    expect(bobs.tasks.map((t) => t.authorName).sort()).toEqual(['ann', 'cy']);
    expect(bobs.tasks.find((t) => t.authorName === 'ann')?.href).toBe(`/peer-review/${workId}`);
    // A reviewer finds their reviews from their own page too.
    expect(await (await c['bob']!.get('/me')).text()).toContain(`href="/programs/${PROGRAM}/peer-review"`);
  });
});

describe('writing a review', () => {
  it('anchors line comments to a file and line the project has (400 otherwise), and submits only complete', async () => {
    const comment = (client: HttpClient, body: unknown) => client.post(`/api/peer-review/works/${workId}/comments`, body);
    for (const [bad, text] of [
      [{ file: 'src/missing.ts', line: 1, body: 'x' }, 'The work has no file "src/missing.ts": comment on one of "README.md", "src/task.ts".'],
      [{ file: 'src/task.ts', line: 99, body: 'x' }, '"src/task.ts" has 5 lines: give a line number from 1 to 5 (not 99).'],
      [{ file: 'src/task.ts', line: 0, body: 'x' }, '"src/task.ts" has 5 lines: give a line number from 1 to 5 (not 0).'],
    ] as const) {
      const res = await comment(c['bob']!, bad);
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toEqual({ code: 'invalid_anchor', message: text });
    }
    const added = await comment(c['bob']!, { file: 'src/task.ts', line: 3, body: BOB_COMMENT });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ file: 'src/task.ts', line: 3, body: BOB_COMMENT });

    const review = (client: HttpClient, method: 'PUT' | 'POST', body: unknown) => client.request(method, `/api/peer-review/works/${workId}/review`, { json: body });
    const incomplete = await review(c['bob']!, 'POST', { points: { 'code-quality': 3 }, comment: BOB_OVERALL });
    expect([incomplete.status, (await errorCode(incomplete)).code]).toEqual([400, 'incomplete']);
    expect((await review(c['bob']!, 'PUT', { points: { 'code-quality': 9 } })).status).toBe(400);
    const points = { 'code-quality': 3, timestamps: 4, events: 3, tests: 2, performance: 3 };
    const done = await review(c['bob']!, 'POST', { points, comment: BOB_OVERALL });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'submitted', points });
    expect((await review(c['bob']!, 'PUT', { comment: 'too late' })).status).toBe(409);
    // cy keeps a draft: nobody but cy reads it.
    expect((await review(c['cy']!, 'PUT', { points: { tests: 1 }, comment: CY_DRAFT })).status).toBe(200);
  });

  it('is written only by its assigned reviewer and rated only by the cohort’s staff', async () => {
    const put = (who: string) => c[who]!.request('PUT', `/api/peer-review/works/${workId}/review`, { json: { comment: 'x' } });
    expect((await put('ann')).status).toBe(403);
    expect((await put('owner')).status).toBe(403);
    for (const who of ['dee', 'stranger', 'otherInstructor']) expect((await put(who)).status, who).toBe(404);

    const work = (await (await c['owner']!.get(`/api/peer-review/works/${workId}`)).json()) as { reviews: { id: string; reviewer: string }[] };
    const bobReview = work.reviews.find((r) => r.reviewer === 'bob')?.id ?? '';
    const rate = (who: string, helpfulness: unknown) => c[who]!.post(`/api/peer-review/works/${workId}/rating`, { assignmentId: bobReview, helpfulness });
    expect((await rate('ann', 3)).status).toBe(403);
    expect((await rate('bob', 3)).status).toBe(403);
    for (const who of ['dee', 'stranger', 'otherInstructor']) expect((await rate(who, 3)).status, who).toBe(404);
    expect((await rate('owner', 5)).status).toBe(400);
    const rated = await rate('owner', 3);
    expect([rated.status, ((await rated.json()) as { helpfulness: number }).helpfulness]).toEqual([200, 3]);
    const cross = await c['owner']!.request('POST', `/api/peer-review/works/${workId}/rating`, { json: { assignmentId: bobReview, helpfulness: 1 }, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
  });
});

describe('who sees a project and its reviews', () => {
  it('a stranger learner, another cohort’s instructor and an unassigned peer get 404 everywhere and see none of it', async () => {
    for (const who of ['stranger', 'otherInstructor', 'dee']) {
      const responses = [
        await c[who]!.get(`/api/peer-review/works/${workId}`),
        await c[who]!.get(`/peer-review/${workId}`),
        await c[who]!.post(`/api/peer-review/works/${workId}/comments`, { file: 'src/task.ts', line: 1, body: 'x' }),
        await c[who]!.request('POST', `/peer-review/${workId}`, { body: 'action=comment&file=src%2Ftask.ts&line=1&body=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      ];
      expect(responses.map((r) => r.status), who).toEqual([404, 404, 404, 404]);
      for (const res of responses) {
        const text = await res.text();
        for (const secret of ['ann-secret-implementation', BOB_COMMENT, BOB_OVERALL, CY_DRAFT]) expect(text, who).not.toContain(secret);
      }
    }
    expect((await c['stranger']!.get('/api/peer-review/works/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await server.client().get(`/api/peer-review/works/${workId}`)).status).toBe(401);
    expect((await server.client().get(`/peer-review/${workId}`)).status).toBe(302);
  });

  it('the cohort’s page and API are its instructor’s and admins’ alone', async () => {
    for (const who of ['otherInstructor', 'ann', 'dee']) {
      const api = await c[who]!.get(`/api/cohorts/${cohortId}/peer-review`);
      const page = await c[who]!.get(`/cohorts/${cohortId}/peer-review`);
      expect([api.status, page.status], who).toEqual([403, 403]);
      expect(await page.text()).not.toContain('ann-secret');
    }
    expect((await c['owner']!.get(`/cohorts/${otherCohortId}/peer-review`)).status).toBe(403);
    const overview = (await (await c['owner']!.get(`/api/cohorts/${cohortId}/peer-review`)).json()) as {
      summary: { sent: number; assigned: number; submitted: number };
      works: { authorName: string; reviewers: { name: string; state: string; helpfulness: number | null }[] }[];
      reviewers: { name: string; assigned: number; submitted: number; onTime: number; comments: number; helpfulness: number | null }[];
      notSent: { name: string }[];
    };
    expect(overview.summary).toMatchObject({ sent: 3, assigned: 6, submitted: 1 });
    expect(overview.works.find((w) => w.authorName === 'ann')?.reviewers.map((r) => [r.name, r.state, r.helpfulness]).sort()).toEqual([
      ['bob', 'on-time', 3],
      ['cy', 'draft', null],
    ]);
    expect(overview.reviewers.find((r) => r.name === 'bob')).toMatchObject({ assigned: 2, submitted: 1, onTime: 1, comments: 1, helpfulness: 3 });
    expect(overview.notSent.map((m) => m.name)).toEqual(['dee']);
    expect((await c['admin']!.get(`/api/cohorts/${cohortId}/peer-review`)).status).toBe(200);
    const page = await c['owner']!.get(`/cohorts/${cohortId}/peer-review`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="peer-reviewer"');
  });

  it('the author reads submitted reviews with their line comments, never a draft; a reviewer only their own', async () => {
    const asAuthor = (await (await c['ann']!.get(`/api/peer-review/works/${workId}`)).json()) as { viewer: { author: boolean }; reviews: { reviewer: string; comment?: string; comments?: { line: number; body: string }[]; helpfulness?: unknown }[] };
    expect(asAuthor.viewer.author).toBe(true);
    expect(asAuthor.reviews.map((r) => r.reviewer)).toEqual(['bob']);
    expect(asAuthor.reviews[0]).toMatchObject({ comment: BOB_OVERALL, comments: [{ line: 3, body: BOB_COMMENT }] });
    expect(asAuthor.reviews[0]).not.toHaveProperty('helpfulness');
    const authorPage = await (await c['ann']!.get(`/peer-review/${workId}`)).text();
    expect(authorPage).toContain(BOB_COMMENT);
    expect(authorPage).not.toContain(CY_DRAFT);
    // The files are text on the page, never markup.
    expect(authorPage).toContain('const marker = &quot;ann-secret-implementation&quot;;');

    const asCy = (await (await c['cy']!.get(`/api/peer-review/works/${workId}`)).json()) as { reviews: { reviewer: string; comment?: string }[] };
    expect(asCy.reviews).toEqual([expect.objectContaining({ reviewer: 'cy', comment: CY_DRAFT })]);
    const cyPage = await (await c['cy']!.get(`/peer-review/${workId}`)).text();
    expect(cyPage).not.toContain(BOB_OVERALL);
    expect(cyPage).not.toContain(BOB_COMMENT);

    const asOwner = (await (await c['owner']!.get(`/api/peer-review/works/${workId}`)).json()) as { reviews: { reviewer: string; status: string; comment?: string; helpfulness?: number | null }[] };
    expect(asOwner.reviews.map((r) => [r.reviewer, r.status, r.comment ?? null, r.helpfulness]).sort()).toEqual([
      ['bob', 'submitted', BOB_OVERALL, 3],
      ['cy', 'draft', null, null],
    ]);
    expect((await c['admin']!.get(`/api/peer-review/works/${workId}`)).status).toBe(200);
  });
});

describe('the Expert case study on the same machinery', () => {
  it('goes to a Professional of the candidate’s cohort, who alone besides the candidate and staff can read it', async () => {
    const now = Date.now();
    await issueCertificateFor(server.dataDir, 'ann@example.com', { level: 'associate', issuedAt: now - 300 * 86_400_000, expiresAt: now + 60 * 86_400_000 });
    await issueCertificateFor(server.dataDir, 'ann@example.com', { level: 'professional', issuedAt: now - 30 * 86_400_000, expiresAt: now + 700 * 86_400_000 });
    await issueCertificateFor(server.dataDir, 'bob@example.com', { level: 'professional', issuedAt: now - 30 * 86_400_000, expiresAt: now + 700 * 86_400_000 });
    const opened = (await (await c['ann']!.post(`/api/certifications/${PROGRAM}/case-studies`, { level: 'expert' })).json()) as { id: string };
    expect((await c['ann']!.put(`/api/case-studies/${opened.id}/files`, { files: { 'design.md': '# case-design-secret\n', 'core.ts': 'export const core = 1;\n' } })).status).toBe(200);
    expect((await c['ann']!.post(`/api/case-studies/${opened.id}/submit`)).status).toBe(200);
    const bobs = (await (await c['bob']!.get(`/api/peer-review/${PROGRAM}`)).json()) as { tasks: { kind: string; href: string }[] };
    const task = bobs.tasks.find((t) => t.kind === 'case-study');
    expect(task).toBeDefined();
    const caseWorkId = task!.href.split('/').pop() ?? '';
    const asBob = (await (await c['bob']!.get(`/api/peer-review/works/${caseWorkId}`)).json()) as { kind: string; files: { name: string }[] };
    expect(asBob).toMatchObject({ kind: 'case-study', files: [{ name: 'core.ts' }, { name: 'design.md' }] });
    for (const who of ['cy', 'dee', 'stranger', 'otherInstructor']) {
      const res = await c[who]!.get(`/api/peer-review/works/${caseWorkId}`);
      expect(res.status, who).toBe(404);
      expect(await res.text()).not.toContain('case-design-secret');
    }
    expect((await c['owner']!.get(`/api/peer-review/works/${caseWorkId}`)).status).toBe(200);
    const signOff = await (await c['owner']!.get(`/case-studies/${opened.id}`)).text();
    expect(signOff).toContain('data-testid="case-study-peer-reviews"');
    expect(signOff).toContain('Only 1 other holder of Certified Clean Timestamp Professional or Certified Clean Timestamp Expert is in the candidate’s cohorts');
  });
});
