// Homework over real HTTP, graded by the real sandboxed grader: a learner hands in the session 1
// homework (their entity, their tests and their notes), the cohort's instructor reads it (files as
// escaped text) and reviews it through the JSON route and the page's plain form, and the learner
// reads the feedback on their exercise page and from their own homework route. Everything of a
// learner's homework is visible to them and the staff of their cohort only: a learner of another
// cohort, a classmate and another cohort's instructor get 403 or 404, a visitor is sent to sign in,
// and bad input gets a clear 4xx.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const HOMEWORK = 's1-homework-entity';
// Session 2 is long past: everything handed in now is late.
const DATES = ['2026-01-05', '2026-01-08', '2026-01-12'];

let server: RunningServer;
let owner: HttpClient;
let otherInstructor: HttpClient;
let ann: HttpClient;
let bob: HttpClient;
let stranger: HttpClient;
let cohort: { id: string; joinCode: string };
let otherCohort: { id: string; joinCode: string };
let annId: string;
let submissionId: string;

function solutionFiles(): Record<string, string> {
  const dir = join(ROOT, 'solutions', HOMEWORK);
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

async function staff(email: string): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', email, '--name', email.split('@')[0] ?? email, '--role', 'instructor'], 'staff-password-1\n');
  expect(made.status, made.stderr).toBe(0);
  const client = server.client();
  await client.logIn(email, 'staff-password-1');
  return client;
}

async function learnerIn(joinCode: string, email: string, name: string): Promise<{ client: HttpClient; id: string }> {
  const client = server.client();
  const res = await client.post('/api/auth/signup', { email, name, password: 'correct-horse-battery', cohortCode: joinCode });
  expect(res.status, await res.clone().text()).toBe(201);
  const me = (await (await client.get('/api/me')).json()) as { user: { id: string } };
  return { client, id: me.user.id };
}

const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const reviewPage = (c = cohort.id, learner = annId) => `/cohorts/${c}/homework/${HOMEWORK}/${learner}`;
const reviewApi = (c = cohort.id, learner = annId) => `/api/cohorts/${c}/homework/${HOMEWORK}/${learner}`;

beforeAll(async () => {
  server = await startServer({ AUTH_SIGNUP_LIMIT: '50' });
  owner = await staff('owner@example.com');
  otherInstructor = await staff('other@example.com');
  const made = await owner.post('/api/cohorts', { name: 'January', program: 'clean-timestamp', sessionDates: DATES });
  expect(made.status).toBe(201);
  cohort = ((await made.json()) as { cohort: typeof cohort }).cohort;
  const other = await otherInstructor.post('/api/cohorts', { name: 'Elsewhere', program: 'clean-timestamp', sessionDates: DATES });
  otherCohort = ((await other.json()) as { cohort: typeof otherCohort }).cohort;
  const a = await learnerIn(cohort.joinCode, 'ann@example.com', 'Ann <Homework>');
  ann = a.client;
  annId = a.id;
  bob = (await learnerIn(cohort.joinCode, 'bob@example.com', 'Bob Classmate')).client;
  stranger = (await learnerIn(otherCohort.joinCode, 'sam@example.com', 'Sam Stranger')).client;
}, 120_000);
afterAll(() => server?.stop());

describe('handing in and reviewing homework', () => {
  it('runs the learner’s own tests on Run tests, and says when there are too few', async () => {
    const files = solutionFiles();
    const run = (await (await ann.post(`/api/exercises/${HOMEWORK}/runs`, { files })).json()) as { status: string; tests: { name: string; status: string }[] };
    expect(run.status).toBe('pass');
    expect(run.tests.map((t) => t.name)).toContain('your test: Invoice > takes createdAt and updatedAt from the injected clock');
    const one = files['tests/entity.test.ts']?.split(/\n(?=  it\()/).slice(0, 2).join('\n') + '\n});\n';
    const few = (await (await ann.post(`/api/exercises/${HOMEWORK}/runs`, { files: { ...files, 'tests/entity.test.ts': one } })).json()) as { status: string; message: string };
    expect(few).toMatchObject({ status: 'fail', message: 'You wrote 1 test; at least 3 are needed.' });
    // Nothing was handed in by running tests.
    const mine = (await (await ann.get(`/api/exercises/${HOMEWORK}/homework`)).json()) as { standing: { handIn: string } };
    expect(mine.standing.handIn).toBe('not-submitted');
  }, 120_000);

  it('grades the learner’s own tests with the hidden checks and shows the learner it is late', async () => {
    const files = solutionFiles();
    files['NOTES.md'] = `${files['NOTES.md'] ?? ''}\n<script>window.pwned = 1</script>\n`;
    const res = await ann.post(`/api/exercises/${HOMEWORK}/submissions`, { files });
    expect(res.status, await res.clone().text()).toBe(200);
    const result = (await res.json()) as { id: string; status: string; tests: { name: string; status: string }[] };
    expect(result.status).toBe('pass');
    expect(result.tests.filter((t) => t.name.startsWith('your test: '))).toHaveLength(5);
    expect(result.tests.find((t) => t.name.startsWith('your own tests'))?.status).toBe('pass');
    submissionId = result.id;
    const mine = (await (await ann.get(`/api/exercises/${HOMEWORK}/homework`)).json()) as { standing: { handIn: string; review: string }; dueAt: number; reviews: unknown[] };
    expect(mine).toMatchObject({ dueAt: Date.parse('2026-01-08T00:00:00Z'), standing: { handIn: 'late', review: 'not-reviewed' }, reviews: [] });
  }, 120_000);

  it('shows the instructor the submission, with the learner’s files as escaped text', async () => {
    const page = await owner.get(reviewPage());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Ann &lt;Homework&gt;');
    expect(html).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt;');
    expect(html).not.toContain('<script>window.pwned');
    expect(html).toContain('data-testid="submission-late"');
    const data = (await (await owner.get(reviewApi())).json()) as { selected: { id: string; files: { path: string }[] }; standing: { handIn: string } };
    expect(data.selected.id).toBe(submissionId);
    expect(data.selected.files.map((f) => f.path)).toEqual(['src/entity.ts', 'tests/entity.test.ts', 'NOTES.md']);
    const list = await (await owner.get(`/cohorts/${cohort.id}/homework`)).text();
    expect(list).toContain('handed in late');
  });

  it('records reviews through the JSON route and the plain form, refusing bad input with a 4xx', async () => {
    expect((await owner.post(reviewApi(), { submissionId, verdict: 'great', feedback: 'x' })).status).toBe(400);
    expect((await owner.post(reviewApi(), { submissionId, verdict: 'accepted', feedback: '' })).status).toBe(400);
    expect((await owner.post(reviewApi(), { submissionId: 'nope', verdict: 'accepted', feedback: 'x' })).status).toBe(404);
    expect((await owner.post(reviewApi(), ['not', 'an', 'object'])).status).toBe(400);
    expect((await owner.request('POST', reviewApi(), { body: 'verdict=accepted', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const json = await owner.post(reviewApi(), { submissionId, verdict: 'needs-work', feedback: 'Move the amount rule into validateEntity().' });
    expect(json.status).toBe(201);
    expect(((await json.json()) as { review: { verdict: string } }).review.verdict).toBe('needs-work');
    // Without the page's Origin a form post is refused.
    expect((await owner.request('POST', reviewPage(), { ...form({ submission: submissionId, verdict: 'accepted', feedback: 'x' }), origin: null })).status).toBe(403);
    const posted = await owner.request('POST', reviewPage(), form({ submission: submissionId, verdict: 'accepted', feedback: 'Accepted <b>now</b>: one touch per change.' }));
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`${reviewPage()}?submission=${submissionId}&done=reviewed#reviews`);
    const refused = await owner.request('POST', reviewPage(), form({ submission: submissionId, verdict: 'accepted', feedback: '   ' }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Write your feedback to the learner.');
  });

  it('shows the learner the feedback on their exercise page, newest first, escaped', async () => {
    const html = await (await ann.get(`/exercises/${HOMEWORK}`)).text();
    expect(html).toContain('data-testid="homework-panel"');
    expect(html).toContain('Accepted &lt;b&gt;now&lt;/b&gt;: one touch per change.');
    expect(html.indexOf('Accepted &lt;b&gt;now')).toBeLessThan(html.indexOf('Move the amount rule'));
    const mine = (await (await ann.get(`/api/exercises/${HOMEWORK}/homework`)).json()) as { standing: { review: string }; reviews: { verdict: string; reviewerName: string }[] };
    expect(mine.standing.review).toBe('accepted');
    expect(mine.reviews.map((r) => [r.verdict, r.reviewerName])).toEqual([['accepted', 'owner'], ['needs-work', 'owner']]);
  });
});

describe('who may see a learner’s homework', () => {
  it('a learner of another cohort, a classmate and another cohort’s instructor get 403 or 404; a visitor must sign in', async () => {
    for (const [who, path, status] of [
      [stranger, reviewPage(), 403],
      [stranger, reviewApi(), 403],
      [stranger, `/cohorts/${cohort.id}/homework`, 403],
      [bob, reviewPage(), 403],
      [bob, reviewApi(), 403],
      [otherInstructor, reviewPage(), 403],
      [otherInstructor, reviewApi(), 403],
      [otherInstructor, `/cohorts/${cohort.id}/homework`, 403],
      // Through their own cohort, which Ann is not in.
      [otherInstructor, reviewPage(otherCohort.id), 404],
      [otherInstructor, reviewApi(otherCohort.id), 404],
      [owner, reviewApi('no-such-cohort'), 404],
      [owner, `/api/cohorts/${cohort.id}/homework/s1-project-entity/${annId}`, 404],
    ] as const) {
      const res = await who.get(path);
      expect([path, res.status]).toEqual([path, status]);
      expect(await res.text()).not.toContain('one touch per change');
    }
    for (const who of [stranger, bob, otherInstructor]) {
      expect((await who.post(reviewApi(), { submissionId, verdict: 'accepted', feedback: 'sneaky' })).status).toBe(403);
    }
    expect((await otherInstructor.post(reviewApi(otherCohort.id), { submissionId, verdict: 'accepted', feedback: 'sneaky' })).status).toBe(404);
    const mine = (await (await ann.get(`/api/exercises/${HOMEWORK}/homework`)).json()) as { reviews: { feedback: string }[] };
    expect(mine.reviews.some((r) => r.feedback === 'sneaky')).toBe(false);
    // A learner's own homework route only ever shows their own reviews.
    const theirs = (await (await stranger.get(`/api/exercises/${HOMEWORK}/homework`)).json()) as { reviews: unknown[]; standing: { handIn: string } };
    expect(theirs).toMatchObject({ reviews: [], standing: { handIn: 'not-submitted' } });
    const strangerPage = await (await stranger.get(`/exercises/${HOMEWORK}`)).text();
    expect(strangerPage).not.toContain('one touch per change');
    const visitor = server.client();
    expect((await visitor.get(`/api/exercises/${HOMEWORK}/homework`)).status).toBe(401);
    expect((await visitor.get(reviewApi())).status).toBe(401);
    const page = await visitor.get(reviewPage());
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login\?next=/);
    expect((await ann.get(`/api/exercises/s1-project-entity/homework`)).status).toBe(404);
  });
});
