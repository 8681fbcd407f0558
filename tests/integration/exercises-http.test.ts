// Exercises over real HTTP against the built server and the real sandboxed grader: what the browser
// may see, stored and credited submissions, drafts, "show solution" policy, and who may do what.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { getSubmissionsFor } from '../helpers/db.ts';

const EXERCISE = 's1-project-entity';
let server: RunningServer;
let learner: HttpClient;

function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(full, base));
    else out[full.slice(base.length + 1)] = readFileSync(full, 'utf8');
  }
  return out;
}
const solution = filesUnder(join(ROOT, 'solutions', EXERCISE));
const hiddenTexts = Object.values(filesUnder(join(ROOT, 'exercises', EXERCISE, 'tests/hidden')));

interface View {
  editable: { path: string; content: string }[];
  visibleTests: { path: string }[];
  submittable: string[];
  reference: { specifier: string; entry: string; files: { path: string }[] };
  draft: { files: Record<string, string> } | null;
  lastResult: { status: string } | null;
  passed: boolean;
  solutionAvailable: boolean;
  submitUrl: string;
}

beforeAll(async () => {
  server = await startServer();
  learner = server.client();
  await learner.signUp('grace@example.com', 'Grace');
});
afterAll(() => server?.stop());

describe('exercises over HTTP', () => {
  it('serves the public view without hidden tests or the solution', async () => {
    const res = await server.client().get(`/api/exercises/${EXERCISE}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const view = JSON.parse(text) as View;
    expect(view.editable.length).toBeGreaterThan(0);
    expect(view.reference).toMatchObject({ specifier: '@practicum/reference', entry: 'index.ts' });
    expect(view.reference.files.some((f) => f.path === 'index.ts')).toBe(true);
    expect(view.submittable).toEqual(view.editable.map((f) => f.path));
    expect(view.submitUrl).toBe(`/api/exercises/${EXERCISE}/submissions`);
    for (const hidden of hiddenTexts) expect(text).not.toContain(JSON.stringify(hidden).slice(1, 200));
    for (const sol of Object.values(solution)) expect(text).not.toContain(JSON.stringify(sol).slice(1, 200));
    expect((await server.client().get('/api/exercises/no-such-exercise')).status).toBe(404);
  });

  it('needs a signed-in learner to grade', async () => {
    const res = await server.client().post(`/api/exercises/${EXERCISE}/submissions`, { files: solution });
    expect(res.status).toBe(401);
  });

  it('grades the starter as fail and the solution as pass, storing both', async () => {
    const view = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    const starter = Object.fromEntries(view.editable.map((f) => [f.path, f.content]));
    const failed = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: starter });
    expect(failed.status).toBe(200);
    const failBody = (await failed.json()) as { id: string; status: string; tests: { status: string }[] };
    expect(failBody.status).not.toBe('pass');

    const passed = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: solution });
    const passBody = (await passed.json()) as { id: string; status: string; executed: number; expected: number };
    expect(passBody.status).toBe('pass');
    expect(passBody.executed).toBe(passBody.expected);

    const rows = await getSubmissionsFor(server.dataDir, 'grace@example.com', EXERCISE);
    expect(rows.map((r) => r.status).sort()).toEqual([failBody.status, 'pass'].sort());
    expect(rows.every((r) => r.files.length > 0)).toBe(true);

    const after = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    expect(after.passed).toBe(true);
    expect(after.lastResult?.status).toBe('pass');
    expect(after.solutionAvailable).toBe(true);
  });

  it('rejects files that are not editable (400) and oversized submissions (413)', async () => {
    const bad = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { '../../etc/passwd': 'x' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/valid file path|cannot be submitted/);
    const path = Object.keys(solution)[0] ?? 'src/project.ts';
    const big = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { [path]: 'x'.repeat(210 * 1024) } });
    expect(big.status).toBe(413);
  });

  it('keeps a server draft per learner and deletes it on reset', async () => {
    const path = Object.keys(solution)[0] ?? 'src/project.ts';
    const saved = await learner.put(`/api/exercises/${EXERCISE}/draft`, { files: { [path]: '// my draft' } });
    expect(saved.status).toBe(200);
    const view = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    expect(view.draft?.files[path]).toBe('// my draft');
    expect((await learner.request('DELETE', `/api/exercises/${EXERCISE}/draft`)).status).toBe(200);
    const cleared = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    expect(cleared.draft).toBeNull();
    expect((await learner.put(`/api/exercises/${EXERCISE}/draft`, { files: { 'tests/hidden/x.test.ts': '' } })).status).toBe(400);
  });

  it('opens the solution only when earned, and never for certification tasks', async () => {
    const fresh = server.client();
    await fresh.signUp('newcomer@example.com', 'Newcomer');
    expect((await fresh.post(`/api/exercises/${EXERCISE}/solution`)).status).toBe(403);
    const earned = await learner.post(`/api/exercises/${EXERCISE}/solution`);
    expect(earned.status).toBe(200);
    expect(((await earned.json()) as { files: Record<string, string> }).files).toEqual(solution);
    expect((await learner.post('/api/exercises/cert-release-entity/solution')).status).toBe(403);
    expect((await learner.get('/api/exercises/cert-release-entity')).status).toBe(403);
  });

  it('runs the visible tests on the server without storing them', async () => {
    const before = (await getSubmissionsFor(server.dataDir, 'grace@example.com', EXERCISE)).length;
    const res = await learner.post(`/api/exercises/${EXERCISE}/runs`, { files: solution });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; tests: unknown[] };
    expect(body.status).toBe('pass');
    expect(body.tests.length).toBeGreaterThan(0);
    expect((await getSubmissionsFor(server.dataDir, 'grace@example.com', EXERCISE)).length).toBe(before);
  });

  it('sets cross-origin isolation only on exercise pages', async () => {
    const page = await server.client().get(`/exercises/${EXERCISE}`);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const home = await server.client().get('/');
    expect(home.headers.get('cross-origin-embedder-policy')).toBeNull();
  });
});
