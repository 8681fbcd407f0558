// Cohort access over real HTTP: an instructor sees only their own cohorts (admins see all), learners
// and other instructors are refused with 403, and the CSV export is served to the owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const users = new Map<string, HttpClient>();

async function staff(email: string, role: 'instructor' | 'admin'): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', email, '--name', email.split('@')[0] ?? 'x', '--role', role, '--password', 'staff-password-1']);
  expect(made.status, made.stderr).toBe(0);
  const client = server.client();
  await client.logIn(email, 'staff-password-1');
  return client;
}

beforeAll(async () => {
  server = await startServer();
  users.set('owner', await staff('owner@example.com', 'instructor'));
  users.set('other', await staff('other@example.com', 'instructor'));
  users.set('admin', await staff('admin@example.com', 'admin'));
  const learner = server.client();
  await learner.signUp('member@example.com', 'Member');
  users.set('learner', learner);
});
afterAll(() => server?.stop());

describe('cohorts over HTTP', () => {
  it('lets only the owner and admins read a cohort report; others get 403', async () => {
    const owner = users.get('owner') as HttpClient;
    const created = await owner.post('/api/cohorts', { name: 'Autumn', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
    expect(created.status).toBe(201);
    const { cohort } = (await created.json()) as { cohort: { id: string; joinCode: string } };
    const report = (who: string) => (users.get(who) as HttpClient).get(`/api/cohorts/${cohort.id}/report`);
    expect((await report('owner')).status).toBe(200);
    expect((await report('admin')).status).toBe(200);
    expect((await report('other')).status).toBe(403);
    expect((await report('learner')).status).toBe(403);
    expect((await server.client().get(`/api/cohorts/${cohort.id}/report`)).status).toBe(401);
    expect((await (users.get('other') as HttpClient).get(`/cohorts/${cohort.id}`)).status).toBe(403);
    const listed = (await (await (users.get('other') as HttpClient).get('/api/cohorts')).json()) as { cohorts: unknown[] };
    expect(listed.cohorts).toEqual([]);
  });

  it('rejects a cohort without a name or with session dates out of order', async () => {
    const owner = users.get('owner') as HttpClient;
    expect((await owner.post('/api/cohorts', { name: ' ', program: 'clean-timestamp', sessionDates: [] })).status).toBe(400);
    expect((await owner.post('/api/cohorts', { name: 'X', program: 'clean-timestamp', sessionDates: ['2026-11-06', '2026-11-02'] })).status).toBe(400);
    expect((await owner.post('/api/cohorts', { name: 'X', program: 'no-such-program', sessionDates: [] })).status).toBeGreaterThanOrEqual(400);
  });

  it('exports the learner table as UTF-8 CSV to the owner', async () => {
    const owner = users.get('owner') as HttpClient;
    const { cohorts } = (await (await owner.get('/api/cohorts')).json()) as { cohorts: { id: string }[] };
    const id = cohorts[0]?.id ?? '';
    const res = await owner.get(`/cohorts/${id}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv.*utf-8/i);
    const rows = parseCsv(await res.text());
    expect(rows[0]?.length).toBeGreaterThan(3);
    expect((await (users.get('other') as HttpClient).get(`/cohorts/${id}/export.csv`)).status).toBe(403);
  });
});
