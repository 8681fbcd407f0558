// The facilitator view of a cohort session over real HTTP against the built server: only the cohort's
// instructor and admins see the page and its live counts (other instructors and learners get 403,
// strangers are sent to sign in, unknown cohorts and sessions are 404); the JSON counts follow a learner
// through the real draft and grading paths; the agenda's blocks, durations and clock times come from the
// start time the instructor saves for the session.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionProgress } from '../../src/lib/contracts/session-progress.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const EXERCISE = 's1-legacy-refactor';
let server: RunningServer;
let cohort: { id: string; joinCode: string };
const users = new Map<'owner' | 'other' | 'admin' | 'member' | 'outsider', HttpClient>();
const who = (name: Parameters<typeof users.get>[0]) => users.get(name) as HttpClient;

function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(full, base));
    else out[full.slice(base.length + 1)] = readFileSync(full, 'utf8');
  }
  return out;
}

async function staff(email: string, role: 'instructor' | 'admin'): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', email, '--name', email.split('@')[0] ?? 'x', '--role', role], 'staff-password-1\n');
  expect(made.status, made.stderr).toBe(0);
  const client = server.client();
  await client.logIn(email, 'staff-password-1');
  return client;
}

function form(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

const progressPath = (session: number | string, id = cohort.id) => `/api/cohorts/${id}/sessions/${session}/progress`;
const pagePath = (session: number | string, id = cohort.id) => `/cohorts/${id}/sessions/${session}`;

async function progress(session = 1): Promise<SessionProgress> {
  const res = await who('owner').get(progressPath(session));
  expect(res.status).toBe(200);
  return (await res.json()) as SessionProgress;
}
const countsOf = (p: SessionProgress, id: string) => p.exercises.find((e) => e.id === id);

/** The agenda of the page's HTML: "<clock> <duration> <title>" per block. */
function agendaBlocks(html: string): string[] {
  return html
    .split('data-testid="agenda-block"')
    .slice(1)
    .map((chunk) => {
      const clock = /data-testid="block-clock"[^>]*>([^<]+)</.exec(chunk)?.[1];
      const duration = /data-testid="block-duration"[^>]*>([^<]+)</.exec(chunk)?.[1];
      const title = /<h3[^>]*>([^<]+)</.exec(chunk)?.[1]?.trim();
      return `${clock} ${duration} ${title}`;
    });
}

beforeAll(async () => {
  server = await startServer({ AUTH_SIGNUP_LIMIT: '50' });
  users.set('owner', await staff('owner@example.com', 'instructor'));
  users.set('other', await staff('other@example.com', 'instructor'));
  users.set('admin', await staff('admin@example.com', 'admin'));
  const created = await who('owner').post('/api/cohorts', { name: 'Autumn', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
  expect(created.status).toBe(201);
  cohort = ((await created.json()) as { cohort: typeof cohort }).cohort;
  const member = server.client();
  const joined = await member.post('/api/auth/signup', { email: 'member@example.com', password: 'correct-horse-battery', name: 'Mia Member', cohortCode: cohort.joinCode });
  expect(joined.status).toBe(201);
  users.set('member', member);
  const outsider = server.client();
  await outsider.signUp('outsider@example.com', 'Otto Outsider');
  users.set('outsider', outsider);
}, 120_000);
afterAll(() => server?.stop());

describe('who may facilitate', () => {
  it('the cohort’s instructor and admins; other instructors and learners get 403, strangers sign in', async () => {
    for (const path of [pagePath(1), progressPath(1)]) {
      expect([path, (await who('owner').get(path)).status]).toEqual([path, 200]);
      expect([path, (await who('admin').get(path)).status]).toEqual([path, 200]);
      expect([path, (await who('other').get(path)).status]).toEqual([path, 403]);
      expect([path, (await who('member').get(path)).status]).toEqual([path, 403]);
      expect([path, (await who('outsider').get(path)).status]).toEqual([path, 403]);
    }
    const anonymousPage = await server.client().get(pagePath(1));
    expect(anonymousPage.status).toBe(302);
    expect(anonymousPage.headers.get('location')).toContain(encodeURIComponent(pagePath(1)));
    expect((await server.client().get(progressPath(1))).status).toBe(401);
    // The other instructor cannot save a start time either.
    const refused = await who('other').request('POST', pagePath(1), form({ start: '07:00' }));
    expect(refused.status).toBe(403);
  });

  it('answers 404 for a cohort or session that does not exist, never 500', async () => {
    for (const session of ['0', '4', 'abc', '1.5', '99999999999999999999']) {
      expect([session, (await who('owner').get(pagePath(session))).status]).toEqual([session, 404]);
      const api = await who('owner').get(progressPath(session));
      expect([session, api.status]).toEqual([session, 404]);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect((await who('owner').get(pagePath(1, 'no-such-cohort'))).status).toBe(404);
    expect((await who('admin').get(progressPath(1, 'no-such-cohort'))).status).toBe(404);
  });
});

describe('the live counts', () => {
  it('list every exercise of the session’s agenda, and follow a learner from a draft to a pass', { timeout: 180_000 }, async () => {
    const first = await progress(1);
    expect(first).toMatchObject({ cohortId: cohort.id, session: 1, learners: 1, certification: null });
    // The modules' exercises in agenda order (exercise.json's "module").
    expect(first.exercises.map((e) => e.id).filter((id) => ['s1-legacy-refactor', 's1-project-entity', 's1-timestamp-tests'].includes(id))).toEqual(['s1-legacy-refactor', 's1-project-entity', 's1-timestamp-tests']);
    expect(first.exercises.every((e) => e.id.startsWith('s1-'))).toBe(true);
    expect(countsOf(first, EXERCISE)).toEqual({ id: EXERCISE, started: 0, passed: 0, stuck: 0 });

    const member = who('member');
    const view = (await (await member.get(`/api/exercises/${EXERCISE}`)).json()) as { editable: { path: string; content: string }[] };
    const starter = Object.fromEntries(view.editable.map((f) => [f.path, f.content]));
    expect((await member.put(`/api/exercises/${EXERCISE}/draft`, { files: starter })).status).toBe(200);
    expect(countsOf(await progress(1), EXERCISE)).toEqual({ id: EXERCISE, started: 1, passed: 0, stuck: 0 });

    const failed = await member.post(`/api/exercises/${EXERCISE}/submissions`, { files: starter });
    expect(((await failed.json()) as { status: string }).status).toBe('fail');
    expect(countsOf(await progress(1), EXERCISE)).toEqual({ id: EXERCISE, started: 1, passed: 0, stuck: 0 });

    const passed = await member.post(`/api/exercises/${EXERCISE}/submissions`, { files: filesUnder(join(ROOT, 'solutions', EXERCISE)) });
    expect(((await passed.json()) as { status: string }).status).toBe('pass');
    const after = await progress(1);
    expect(countsOf(after, EXERCISE)).toEqual({ id: EXERCISE, started: 1, passed: 1, stuck: 0 });
    expect(countsOf(after, 's1-project-entity')).toEqual({ id: 's1-project-entity', started: 0, passed: 0, stuck: 0 });
    // A learner outside the cohort passing the same exercise changes nothing.
    const outsider = who('outsider');
    expect(((await (await outsider.post(`/api/exercises/${EXERCISE}/submissions`, { files: filesUnder(join(ROOT, 'solutions', EXERCISE)) })).json()) as { status: string }).status).toBe('pass');
    expect(countsOf(await progress(1), EXERCISE)).toEqual({ id: EXERCISE, started: 1, passed: 1, stuck: 0 });
    // The admin sees the same counts.
    expect(countsOf((await (await who('admin').get(progressPath(1))).json()) as SessionProgress, EXERCISE)?.passed).toBe(1);
  });

  it('the homework reviewed in session 2’s opening, the final project presented in session 3’s, the certification of the assessment block', async () => {
    const second = await progress(2);
    expect(second.exercises[0]?.id).toBe('s1-homework-entity');
    expect(second.certification).toBeNull();
    const third = await progress(3);
    expect(third.exercises.map((e) => e.id)[0]).toBe('s2-final-project');
    expect(third.certification).toMatchObject({ level: 'associate', started: 0, inProgress: 0, submitted: 0, passed: 0 });
    expect(third.countedAt).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('the page', () => {
  it('shows the agenda with durations, clock times from the saved start and the session’s total', async () => {
    const before = await (await who('owner').get(pagePath(2))).text();
    expect(before).toContain('Not saved yet: 09:00 is assumed.');
    expect(before).toMatch(/09:00–12:00/);

    const saved = await who('owner').request('POST', pagePath(2), form({ start: '13:30' }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${pagePath(2)}?saved=1`);
    const html = await (await who('owner').get(`${pagePath(2)}?saved=1`)).text();
    expect(html).toContain('Saved: the session starts at 13:30 and ends at 16:30.');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // Every block in order, with its clock time and duration: the training plan's session 2 agenda.
    expect(agendaBlocks(html)).toEqual([
      '13:30–13:50 20 min Opening and Homework Review',
      '13:50–14:30 40 min Advanced Implementation Patterns',
      '14:30–15:05 35 min Production Deployment and Monitoring',
      '15:05–15:20 15 min Break',
      '15:20–15:50 30 min Troubleshooting and Debugging',
      '15:50–16:10 20 min Code Review and Quality Assurance',
      '16:10–16:30 20 min Wrap-up and Assignment',
    ]);
    expect(text).toContain('Ends at 16:30: 3 h in all, breaks included');
    // Another session keeps its own start.
    expect(await (await who('owner').get(pagePath(1))).text()).toMatch(/09:00–12:00/);

    const bad = await who('owner').request('POST', pagePath(2), form({ start: '25:00' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter the start time as hours and minutes, for example 09:30.');
    const foreign = await who('owner').request('POST', pagePath(2), { ...form({ start: '08:00' }), origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await (await who('owner').get(pagePath(2))).text()).toMatch(/13:30–16:30/);
  });

  it('is linked from the cohort page, one link per session', async () => {
    const html = await (await who('owner').get(`/cohorts/${cohort.id}`)).text();
    const links = [...html.matchAll(/href="([^"]+)"[^>]*data-testid="facilitate-link"/g)].map((m) => m[1]);
    expect(links).toEqual([1, 2, 3].map((n) => pagePath(n)));
  });
});
