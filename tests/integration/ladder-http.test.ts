// The certification ladder over real HTTP, and who may do what: a case study is read only by its
// candidate and its staff (the instructor of the candidate's cohort, an admin), changed only by its
// candidate, signed off only by its staff and never by a learner; a cohort's waiver of the holding
// period is changed only by that cohort's instructor or an admin; a practice exam is its learner's
// alone; a level is started only the way content says (exam or case study).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { issueCertificateFor } from '../helpers/db.ts';

const PROGRAM = 'clean-timestamp';
let server: RunningServer;
let owner: HttpClient;
let otherInstructor: HttpClient;
let admin: HttpClient;
let candidate: HttpClient;
let peer: HttpClient;
let cohortId = '';
let caseStudyId = '';

const DESIGN = '# Field-service sync\n\nThe service owns every timestamp; tablets only propose changes.\n';
const CODE = "import { BaseTimestampEntity } from '@practicum/reference';\nexport const owner = BaseTimestampEntity.name;\n";

async function staffClient(email: string, role: 'instructor' | 'admin'): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', email, '--name', `${role} ${email}`, '--role', role], 'staff-password-1\n');
  if (made.status !== 0) throw new Error(`user:create failed: ${made.stderr}`);
  const client = server.client();
  await client.logIn(email, 'staff-password-1');
  return client;
}

async function learnerIn(code: string, email: string, name: string): Promise<HttpClient> {
  const client = server.client();
  const res = await client.post('/api/auth/signup', { email, password: 'correct-horse-battery', name, cohortCode: code });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return client;
}

beforeAll(async () => {
  server = await startServer();
  [owner, otherInstructor, admin] = [await staffClient('owner@example.com', 'instructor'), await staffClient('other@example.com', 'instructor'), await staffClient('admin@example.com', 'admin')];
  const created = await owner.post('/api/cohorts', { name: 'Ladder cohort', program: PROGRAM, sessionDates: ['2026-01-05', '2026-01-08', '2026-01-12'] });
  const { cohort } = (await created.json()) as { cohort: { id: string; joinCode: string } };
  cohortId = cohort.id;
  candidate = await learnerIn(cohort.joinCode, 'candidate@example.com', 'Casey Candidate');
  peer = await learnerIn(cohort.joinCode, 'peer@example.com', 'Pat Peer');
  // Associate a year ago, Professional since: the candidate may take the Expert case study.
  const now = Date.now();
  await issueCertificateFor(server.dataDir, 'candidate@example.com', { level: 'associate', issuedAt: now - 200 * 86_400_000, expiresAt: now + 160 * 86_400_000 });
  await issueCertificateFor(server.dataDir, 'candidate@example.com', { level: 'professional', issuedAt: now - 20 * 86_400_000, expiresAt: now + 700 * 86_400_000 });
});
afterAll(() => server?.stop());

describe('starting a level the way content says', () => {
  it('refuses an exam for a case-study level, an unknown level, and a level whose prerequisites are missing', async () => {
    const exam = await candidate.post(`/api/certifications/${PROGRAM}/attempts`, { level: 'expert' });
    expect([exam.status, ((await exam.json()) as { error: { code: string } }).error.code]).toEqual([409, 'not_an_exam']);
    expect((await candidate.post(`/api/certifications/${PROGRAM}/attempts`, { level: 'nope' })).status).toBe(404);
    expect((await candidate.post(`/api/certifications/${PROGRAM}/attempts`, { level: 'professional', renewal: 'yes' })).status).toBe(400);
    const pro = await peer.post(`/api/certifications/${PROGRAM}/attempts`, { level: 'professional' });
    const body = (await pro.json()) as { error: { code: string; reasons: { code: string }[] } };
    expect([pro.status, body.error.code, body.error.reasons.map((r) => r.code)]).toEqual([409, 'not_eligible', ['prerequisites', 'level-required']]);
    const notHeld = await peer.post(`/api/certifications/${PROGRAM}/case-studies`, { level: 'expert' });
    expect(notHeld.status).toBe(409);
  });
});

describe('a case study: candidate and staff only', () => {
  it('is opened and filled by its candidate, within the limits', async () => {
    const opened = await candidate.post(`/api/certifications/${PROGRAM}/case-studies`, { level: 'expert' });
    expect(opened.status).toBe(201);
    const study = (await opened.json()) as { id: string; status: string; levelName: string; missing: string[] };
    caseStudyId = study.id;
    expect(study).toMatchObject({ status: 'draft', levelName: 'Certified Clean Timestamp Expert', missing: ['a written design (.md or .txt)', 'code (.ts)'] });
    const again = await candidate.post(`/api/certifications/${PROGRAM}/case-studies`, { level: 'expert' });
    expect([again.status, ((await again.json()) as { id: string }).id]).toEqual([200, caseStudyId]);

    expect((await candidate.put(`/api/case-studies/${caseStudyId}/files`, { files: { 'tool.exe': 'MZ' } })).status).toBe(415);
    expect((await candidate.put(`/api/case-studies/${caseStudyId}/files`, { files: { 'design.md': 'x'.repeat(200_001) } })).status).toBe(413);
    expect((await candidate.put(`/api/case-studies/${caseStudyId}/files`, { files: 'design.md' })).status).toBe(400);
    const early = await candidate.post(`/api/case-studies/${caseStudyId}/submit`);
    expect(early.status).toBe(400);
    const saved = await candidate.put(`/api/case-studies/${caseStudyId}/files`, { files: { 'design.md': DESIGN, 'sync.ts': CODE } });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { files: { name: string }[] }).files.map((f) => f.name).sort()).toEqual(['design.md', 'sync.ts']);
  });

  it('cannot be read by another learner or another cohort\'s instructor, and says nothing about itself to them', async () => {
    for (const [who, client] of [['peer', peer], ['other instructor', otherInstructor]] as const) {
      const json = await client.get(`/api/case-studies/${caseStudyId}`);
      const file = await client.get(`/api/case-studies/${caseStudyId}/files/design.md`);
      const page = await client.get(`/case-studies/${caseStudyId}`);
      expect([json.status, file.status, page.status], who).toEqual([404, 404, 404]);
      expect(await file.text()).not.toContain('Field-service');
    }
    const anonymous = await server.client().get(`/api/case-studies/${caseStudyId}/files/design.md`);
    expect(anonymous.status).toBe(401);
    expect((await server.client().get(`/case-studies/${caseStudyId}`)).status).toBe(302);
    // A made-up id is the same 404 as one you may not see.
    expect((await peer.get('/api/case-studies/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('is read by its candidate and its staff, as text that is never rendered', async () => {
    for (const client of [candidate, owner, admin]) {
      const file = await client.get(`/api/case-studies/${caseStudyId}/files/design.md`);
      expect([file.status, file.headers.get('content-type'), file.headers.get('x-content-type-options')]).toEqual([200, 'text/plain; charset=utf-8', 'nosniff']);
      expect(await file.text()).toBe(DESIGN);
      expect((await client.get(`/api/case-studies/${caseStudyId}`)).status).toBe(200);
    }
    expect((await candidate.get(`/api/case-studies/${caseStudyId}/files/missing.md`)).status).toBe(404);
  });

  it('is changed only by its candidate', async () => {
    expect((await peer.put(`/api/case-studies/${caseStudyId}/files`, { files: { 'x.md': 'x' } })).status).toBe(404);
    expect((await owner.put(`/api/case-studies/${caseStudyId}/files`, { files: { 'x.md': 'x' } })).status).toBe(403);
    expect((await owner.post(`/api/case-studies/${caseStudyId}/submit`)).status).toBe(403);
    expect((await peer.post(`/api/case-studies/${caseStudyId}/submit`)).status).toBe(404);
    const submitted = await candidate.post(`/api/case-studies/${caseStudyId}/submit`);
    expect([submitted.status, ((await submitted.json()) as { status: string }).status]).toEqual([200, 'submitted']);
    expect((await candidate.put(`/api/case-studies/${caseStudyId}/files`, { files: { 'late.md': 'x' } })).status).toBe(409);
  });

  it('is signed off by its staff only: never by a learner, its own candidate included', async () => {
    const points = { clocks: 2, events: 2, operations: 2, performance: 2, code: 3 };
    const review = (client: HttpClient, body: unknown) => client.post(`/api/case-studies/${caseStudyId}/review`, body);
    expect((await review(candidate, { decision: 'sign-off', points })).status).toBe(403);
    expect((await review(peer, { decision: 'sign-off', points })).status).toBe(404);
    expect((await review(otherInstructor, { decision: 'sign-off', points })).status).toBe(404);
    const cross = await owner.request('POST', `/api/case-studies/${caseStudyId}/review`, { json: { decision: 'sign-off', points }, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect((await review(owner, { decision: 'sign-off', points: { ...points, events: 1 } })).status).toBe(409);
    expect((await review(owner, { decision: 'maybe', points })).status).toBe(400);

    const signed = await review(owner, { decision: 'sign-off', points, comment: 'Every timestamp has one owner.' });
    expect(signed.status).toBe(200);
    const outcome = (await signed.json()) as { decision: string; certificateId: string; rubric: { passed: boolean } };
    expect(outcome).toMatchObject({ decision: 'sign-off', rubric: { passed: true } });
    const verified = (await (await server.client().get(`/api/certificates/${outcome.certificateId}`)).json()) as { status: string; level: { name: string }; achievement: { criteria: string } };
    expect(verified).toMatchObject({ status: 'active', level: { name: 'Certified Clean Timestamp Expert' } });
    expect(verified.achievement.criteria).toMatch(/case study/);
    expect((await review(admin, { decision: 'return', points, comment: 'again' })).status).toBe(409);
    const seen = (await (await candidate.get(`/api/case-studies/${caseStudyId}`)).json()) as { status: string; certificateId: string; reviews: { decision: string }[] };
    expect(seen).toMatchObject({ status: 'signed-off', certificateId: outcome.certificateId, reviews: [{ decision: 'sign-off' }] });
    // The credential is the Expert achievement.
    const jwt = await (await candidate.get(`/api/certificates/${outcome.certificateId}/credential`)).text();
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { credentialSubject: { achievement: { id: string; name: string } } };
    expect(payload.credentialSubject.achievement.id).toMatch(/#certification-expert$/);
  });
});

describe('the cohort waiver of the holding period', () => {
  const path = () => `/api/cohorts/${cohortId}/waivers`;

  it('is seen and changed by that cohort\'s instructor or an admin only', async () => {
    expect((await peer.get(path())).status).toBe(403);
    expect((await otherInstructor.get(path())).status).toBe(403);
    expect((await peer.put(path(), { level: 'professional', waived: true })).status).toBe(403);
    expect((await otherInstructor.put(path(), { level: 'professional', waived: true })).status).toBe(403);
    expect((await server.client().put(path(), { level: 'professional', waived: true })).status).toBe(401);
    const listed = (await (await owner.get(path())).json()) as { waivers: { level: string; waived: boolean; months: number }[] };
    expect(listed.waivers).toEqual([expect.objectContaining({ level: 'professional', waived: false, months: 6 })]);

    const granted = await owner.put(path(), { level: 'professional', waived: true });
    expect([granted.status, ((await granted.json()) as { changed: boolean }).changed]).toEqual([200, true]);
    expect(((await (await owner.put(path(), { level: 'professional', waived: true })).json()) as { changed: boolean }).changed).toBe(false);
    expect((await owner.put(path(), { level: 'expert', waived: true })).status).toBe(400); // nothing to waive
    expect((await owner.put(path(), { level: 'professional' })).status).toBe(400);
    const reinstated = await admin.put(path(), { level: 'professional', waived: false });
    expect([reinstated.status, ((await reinstated.json()) as { waivers: { waived: boolean }[] }).waivers[0]?.waived]).toEqual([200, false]);
    expect((await peer.request('POST', `/cohorts/${cohortId}`, { body: 'level=professional&waived=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(403);
  });

  it('is changed from the cohort page with a plain form', async () => {
    const posted = await owner.request('POST', `/cohorts/${cohortId}`, { body: 'level=professional&waived=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).toBe(303);
    const page = await (await owner.get(posted.headers.get('location') ?? '')).text();
    expect(page).toContain('data-testid="waiver-notice"');
    expect(page).toContain('data-waived="true"');
  });
});

describe('practice exams', () => {
  it('belong to their learner, and are scored with explanations', async () => {
    const started = await peer.post(`/api/certifications/${PROGRAM}/practice`, { level: 'associate' });
    expect(started.status).toBe(201);
    const view = (await started.json()) as { practiceId: string; questions: { id: string; options: { id: string; text: string }[] }[] };
    expect(view.questions).toHaveLength(8);
    expect(JSON.stringify(view)).not.toMatch(/"correct"|"explanation"/);
    expect((await candidate.get(`/api/certifications/practice/${view.practiceId}`)).status).toBe(403);
    expect((await candidate.post(`/api/certifications/practice/${view.practiceId}/submit`, { answers: {} })).status).toBe(403);
    const scored = await peer.post(`/api/certifications/practice/${view.practiceId}/submit`, { answers: {} });
    const result = (await scored.json()) as { score: number; review: { explanation: string; options: { correct: boolean }[] }[] };
    expect([scored.status, result.score, result.review.length]).toEqual([200, 0, 8]);
    expect(result.review.every((r) => r.explanation.length > 0 && r.options.some((o) => o.correct))).toBe(true);
  });
});
