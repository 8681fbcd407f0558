// Cohort membership for accounts that already exist, over real HTTP: a join link (/join/<code>) sends a
// visitor without an account to sign-up with the code and shows a signed-in learner the cohort to join
// with one button; /me joins with a typed code and leaves a cohort. Posts need the page's Origin, codes
// that name no cohort are limited per account, staff accounts are refused, and the join link an
// instructor shares is built from PUBLIC_ORIGIN whatever host the page was asked on. The solution-view
// record learners are told is "visible to your instructor" shows in the instructor's drill-down,
// learner table and CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { ROOT, startServer, HttpClient, type RunningServer } from '../helpers/server.ts';

const PROGRAM_TITLE = 'Clean Timestamp System Mastery';
const EXERCISE = 's1-project-entity';
const exerciseTitle = (JSON.parse(readFileSync(join(ROOT, 'exercises', EXERCISE, 'exercise.json'), 'utf8')) as { title: string }).title;

let server: RunningServer;
let instructor: HttpClient;
let cohort: { id: string; name: string; joinCode: string };

function form(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

async function learner(email: string, name = 'Existing Learner'): Promise<HttpClient> {
  const client = server.client();
  await client.signUp(email, name);
  return client;
}

/** The learner table row (the dashboard's HTML) of the learner named `name`, or '' when absent. */
async function tableRow(name: string): Promise<string> {
  const html = await (await instructor.get(`/cohorts/${cohort.id}`)).text();
  const table = html.slice(html.indexOf('data-testid="learner-table"'));
  return table.split('<tr').find((row) => row.includes(`>${name}</a>`)) ?? '';
}

beforeAll(async () => {
  // Every learner here signs up from the one test address.
  server = await startServer({ AUTH_SIGNUP_LIMIT: '50' });
  const made = server.script('scripts/user-create.ts', ['--email', 'owner@example.com', '--name', 'Owner', '--role', 'instructor'], 'staff-password-1\n');
  expect(made.status, made.stderr).toBe(0);
  instructor = server.client();
  await instructor.logIn('owner@example.com', 'staff-password-1');
  const created = await instructor.post('/api/cohorts', { name: 'Evening cohort', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
  expect(created.status).toBe(201);
  cohort = ((await created.json()) as { cohort: typeof cohort }).cohort;
}, 120_000);
afterAll(() => server?.stop());

describe('the join link', () => {
  it('is built from PUBLIC_ORIGIN, even when the dashboard is asked for on another host', async () => {
    const otherHost = new HttpClient(server.origin.replace('localhost', '127.0.0.1'));
    otherHost.cookies = new Map(instructor.cookies);
    const html = await (await otherHost.get(`/cohorts/${cohort.id}`)).text();
    const link = /data-testid="join-link"[^>]*>([^<]+)</.exec(html)?.[1] ?? /href="([^"]+)"[^>]*data-testid="join-link"/.exec(html)?.[1];
    expect(link).toBe(`${server.origin}/join/${cohort.joinCode}`);
    expect(html).not.toContain('127.0.0.1');
  });

  it('sends a visitor without an account to sign-up with the code, offering sign-in to join instead', async () => {
    const visitor = server.client();
    const res = await visitor.get(`/join/${cohort.joinCode}`);
    expect([res.status, res.headers.get('location')]).toEqual([303, `/signup?code=${cohort.joinCode}`]);
    const signup = await (await visitor.get(`/signup?code=${cohort.joinCode}`)).text();
    expect(signup).toContain(`value="${cohort.joinCode}"`);
    expect(signup).toContain(`/login?next=${encodeURIComponent(`/join/${cohort.joinCode}`)}`);
  });

  it('shows a signed-in learner the cohort, joins it with one button, and /me lists it', async () => {
    const ann = await learner('ann@example.com', 'Ann Existing');
    // Opening a join link from the sign-up page with an account goes to the join page, not sign-up again.
    const fromSignup = await ann.get(`/signup?code=${cohort.joinCode}`);
    expect([fromSignup.status, fromSignup.headers.get('location')]).toEqual([303, `/join/${cohort.joinCode}`]);
    const page = await ann.get(`/join/${cohort.joinCode.toLowerCase()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Evening cohort');
    expect(html).toContain(PROGRAM_TITLE);
    expect(html).toContain('data-testid="join-confirm"');
    // Opening the link changed nothing.
    expect(await tableRow('Ann Existing')).toBe('');

    const joined = await ann.request('POST', `/join/${cohort.joinCode}`, form({}));
    expect(joined.status).toBe(303);
    const location = joined.headers.get('location') ?? '';
    expect(location).toBe(`/me?cohort=${cohort.id}&done=joined#cohorts`);
    const me = await (await ann.get(location.replace(/#.*/, ''))).text();
    expect(me).toContain('You joined Evening cohort.');
    expect(/data-testid="my-cohorts"[\s\S]*Evening cohort/.test(me)).toBe(true);
    expect(await tableRow('Ann Existing')).not.toBe('');

    const again = await ann.request('POST', `/join/${cohort.joinCode}`, form({}));
    expect(again.headers.get('location')).toBe(`/me?cohort=${cohort.id}&done=already#cohorts`);
    expect(await (await ann.get(`/join/${cohort.joinCode}`)).text()).toContain('data-testid="join-member"');
  });
});

describe('joining and leaving from /me', () => {
  it('joins with a typed code, with clear errors for an empty or unknown one', async () => {
    const ben = await learner('ben@example.com', 'Ben Existing');
    const empty = await ben.request('POST', '/me', form({ action: 'join', code: '  ' }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter the join code your instructor gave you.');
    const wrong = await ben.request('POST', '/me', form({ action: 'join', code: 'NOPE2345' }));
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('No cohort has the join code &quot;NOPE2345&quot;. Check the code with your instructor.');
    expect(wrongHtml).toContain('value="NOPE2345"');
    const ok = await ben.request('POST', '/me', form({ action: 'join', code: ` ${cohort.joinCode.toLowerCase()} ` }));
    expect([ok.status, ok.headers.get('location')]).toEqual([303, `/me?cohort=${cohort.id}&done=joined#cohorts`]);
    expect(await tableRow('Ben Existing')).not.toBe('');
  });

  it('limits codes that name no cohort per account (429 with Retry-After), so codes cannot be guessed', async () => {
    const guesser = await learner('guess@example.com', 'Guesser');
    for (let i = 0; i < 10; i++) expect((await guesser.request('POST', '/me', form({ action: 'join', code: `WRONG${i}AA` }))).status).toBe(400);
    const limited = await guesser.request('POST', '/me', form({ action: 'join', code: cohort.joinCode }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many codes that match no cohort');
    expect((await guesser.get(`/join/${cohort.joinCode}`)).status).toBe(429);
    expect(await tableRow('Guesser')).toBe('');
    // Another account is not affected.
    const other = await learner('other@example.com', 'Other Learner');
    expect((await other.request('POST', '/me', form({ action: 'join', code: cohort.joinCode }))).status).toBe(303);
  });

  it('refuses joins and leaves without the page’s Origin, and staff accounts', async () => {
    const cat = await learner('cat@example.com', 'Cat Existing');
    const foreign = await cat.request('POST', '/me', { ...form({ action: 'join', code: cohort.joinCode }), origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const none = await cat.request('POST', `/join/${cohort.joinCode}`, { ...form({}), origin: null });
    expect(none.status).toBe(403);
    expect(await tableRow('Cat Existing')).toBe('');
    const staff = await instructor.request('POST', `/join/${cohort.joinCode}`, form({}));
    expect(staff.status).toBe(403);
    expect(await staff.text()).toContain('Only learner accounts join cohorts');
  });

  it('leaves a cohort: gone from /me and the instructor’s table; leaving again is 404', async () => {
    const dee = await learner('dee@example.com', 'Dee Existing');
    expect((await dee.request('POST', '/me', form({ action: 'join', code: cohort.joinCode }))).status).toBe(303);
    expect(await tableRow('Dee Existing')).not.toBe('');
    const left = await dee.request('POST', '/me', form({ action: 'leave', cohort: cohort.id }));
    expect([left.status, left.headers.get('location')]).toEqual([303, `/me?cohort=${cohort.id}&done=left#cohorts`]);
    const me = await (await dee.get(`/me?cohort=${cohort.id}&done=left`)).text();
    expect(me).toContain('You left Evening cohort.');
    expect(me).not.toContain('data-testid="my-cohorts"');
    expect(await tableRow('Dee Existing')).toBe('');
    const again = await dee.request('POST', '/me', form({ action: 'leave', cohort: cohort.id }));
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('You are not in this cohort.');
  });
});

describe('solution views where the instructor looks', () => {
  it('a solution the learner opened shows in the drill-down, the learner table and the CSV', async () => {
    const eve = await learner('eve@example.com', 'Eve Viewer');
    expect((await eve.request('POST', '/me', form({ action: 'join', code: cohort.joinCode }))).status).toBe(303);
    const userId = /\/learners\/([^"]+)"/.exec(await tableRow('Eve Viewer'))?.[1] ?? '';
    const csvRow = async () => {
      const rows = parseCsv(await (await instructor.get(`/cohorts/${cohort.id}/export.csv`)).text());
      const header = rows[0] ?? [];
      const row = rows.find((r) => r[0] === 'Eve Viewer') ?? [];
      return row[header.indexOf('solutions_viewed')];
    };
    expect(await csvRow()).toBe('');
    expect(await (await instructor.get(`/cohorts/${cohort.id}/learners/${userId}`)).text()).toContain('None: this learner has not opened a solution.');

    // A pass opens the solution; opening it is recorded.
    const solution = readFileSync(join(ROOT, 'solutions', EXERCISE, 'src/project.ts'), 'utf8');
    const graded = await eve.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': solution } });
    expect(graded.status, await graded.clone().text()).toBe(200);
    expect(((await graded.json()) as { status: string }).status).toBe('pass');
    expect((await eve.post(`/api/exercises/${EXERCISE}/solution`)).status).toBe(200);

    const drill = await (await instructor.get(`/cohorts/${cohort.id}/learners/${userId}`)).text();
    const views = drill.slice(drill.indexOf('data-testid="solution-views"'));
    expect(views.slice(0, views.indexOf('</ul>'))).toContain(exerciseTitle);
    const row = await tableRow('Eve Viewer');
    expect(row.slice(row.indexOf('data-testid="solutions-viewed"'))).toContain(exerciseTitle);
    expect(await csvRow()).toBe(exerciseTitle);
  }, 120_000);
});
