// Pages over real HTTP when they cannot show what was asked for: a visitor who must sign in is sent
// to /login and back (query included), every other refusal is the HTML error page with the fitting
// status (never bare text), and a form page keeps its own message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let learner: HttpClient;
let instructor: HttpClient;
let cohortId: string;

beforeAll(async () => {
  server = await startServer();
  learner = server.client();
  await learner.signUp('pages@example.com', 'Page Reader');
  const made = server.script('scripts/user-create.ts', ['--email', 'teach@example.com', '--name', 'Teach', '--role', 'instructor', '--password', 'staff-password-1']);
  expect(made.status, made.stderr).toBe(0);
  instructor = server.client();
  await instructor.logIn('teach@example.com', 'staff-password-1');
  const created = await instructor.post('/api/cohorts', { name: 'Pages', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
  cohortId = ((await created.json()) as { cohort: { id: string } }).cohort.id;
});
afterAll(() => server?.stop());

async function expectErrorPage(res: Response, status: number, heading: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await res.text();
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain(`<h1>${heading}</h1>`);
}

describe('page errors over HTTP', () => {
  it('sends the signed-out to sign in and back, with the query', async () => {
    const visitor = server.client();
    for (const [path, next] of [
      ['/me', '%2Fme'],
      ['/cohorts', '%2Fcohorts'],
      [`/cohorts/${cohortId}?sort=score`, `%2Fcohorts%2F${cohortId}%3Fsort%3Dscore`],
      ['/programs/clean-timestamp/feedback', '%2Fprograms%2Fclean-timestamp%2Ffeedback'],
    ] as const) {
      const res = await visitor.get(path);
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 302, `/login?next=${next}`]);
    }
  });

  it('answers unknown programs, lessons and certifications with the 404 page', async () => {
    await expectErrorPage(await learner.get('/programs/no-such-program'), 404, 'Not found');
    await expectErrorPage(await learner.get('/programs/clean-timestamp/no-such-lesson'), 404, 'Not found');
    await expectErrorPage(await learner.get('/programs/no-such-program/feedback'), 404, 'Not found');
    await expectErrorPage(await learner.get('/certifications/no-such-program'), 404, 'Not found');
    await expectErrorPage(await learner.get('/certifications/clean-timestamp/attempts/no-such-attempt'), 404, 'Not found');
  });

  it('refuses a learner the cohort pages with the 403 page', async () => {
    await expectErrorPage(await learner.get(`/cohorts/${cohortId}`), 403, 'Not allowed');
    await expectErrorPage(await learner.get(`/cohorts/${cohortId}/certificates`), 403, 'Not allowed');
    await expectErrorPage(await learner.get(`/cohorts/${cohortId}/learners/someone`), 403, 'Not allowed');
    await expectErrorPage(await instructor.get(`/cohorts/${cohortId}/learners/not-a-member`), 404, 'Not found');
  });

  it('keeps a refused cohort form on its page, with the one validation the API uses', async () => {
    const form = 'name=Winter&program=clean-timestamp&session-clean-timestamp-1=2026-13-01&session-clean-timestamp-2=2026-13-02&session-clean-timestamp-3=2026-13-03';
    const res = await instructor.request('POST', '/cohorts', { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Give one date (YYYY-MM-DD) for each of the 3 sessions.');
    const api = await instructor.post('/api/cohorts', { name: 'Winter', program: 'clean-timestamp', sessionDates: ['2026-13-01', '2026-13-02', '2026-13-03'] });
    expect([api.status, ((await api.json()) as { error: { code: string } }).error.code]).toEqual([400, 'invalid_schedule']);
  });
});
