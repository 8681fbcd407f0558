// Storage and write limits over real HTTP: identical submissions are stored once; an account stops at
// its storage quota with a clear 413 (nothing stored for the refused request); drafts and every other
// write route are rate-limited per account; and when the disk is nearly full, learner content is
// refused with 507 while signing in and signing up keep working.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { usesPostgres } from '../helpers/test-database.ts';

const EXERCISE = 's1-project-entity';
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

async function count(server: RunningServer, sql: string): Promise<number> {
  const db = await server.openStore();
  try {
    return (await db.get(sql) as { n: number }).n;
  } finally {
    await db.close();
  }
}

/** A syntactically fine but failing Project of about `kb` KB (grading is quick: the tests fail). */
const bulky = (kb: number, tag: string) => `// ${tag}\nexport const padding = ${JSON.stringify('x'.repeat(kb * 1024 - 100))};\n`;

describe('storage quota and deduplication', () => {
  it('stores identical submissions once and refuses content past the account quota', { timeout: 120_000 }, async () => {
    const server = await startServer({ STORAGE_QUOTA_MB: '1' });
    servers.push(server);
    const learner = server.client();
    await learner.signUp('quota@example.com', 'Quota');
    const same = bulky(150, 'same');
    for (let i = 0; i < 8; i++) {
      const res = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': same } });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    expect(await count(server, 'SELECT COUNT(*) AS n FROM submissions')).toBe(8);
    expect(await count(server, "SELECT COUNT(*) AS n FROM submission_files WHERE bytes > 100000")).toBe(1);

    // 150 KB held; five more distinct 150 KB contents reach 900 KB; the sixth would pass 1 MB
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': bulky(150, `distinct ${i}`) } });
      statuses.push(res.status);
      if (res.status === 413) {
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('quota_exceeded');
        expect(body.error.message).toMatch(/1 MB each account may keep/);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 413]);
    expect(await count(server, 'SELECT COUNT(*) AS n FROM submissions')).toBe(13);
    // resubmitting content already held costs nothing and is still graded
    expect((await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': same } })).status).toBe(200);
    // drafts count too: a large new draft is refused, a small one fits
    expect((await learner.put(`/api/exercises/${EXERCISE}/draft`, { files: { 'src/project.ts': bulky(190, 'draft') } })).status).toBe(413);
    expect((await learner.put(`/api/exercises/${EXERCISE}/draft`, { files: { 'src/project.ts': 'export {}' } })).status).toBe(200);
  });
});

describe('write limits', () => {
  it('limits draft saves and all writes per account per minute, each with Retry-After', { timeout: 60_000 }, async () => {
    const server = await startServer({ DRAFT_SAVES_PER_MINUTE: '5', WRITES_PER_MINUTE: '12' });
    servers.push(server);
    const learner = server.client();
    await learner.signUp('writer@example.com', 'Writer');
    const drafts: number[] = [];
    for (let i = 0; i < 7; i++) drafts.push((await learner.put(`/api/exercises/${EXERCISE}/draft`, { files: { 'src/project.ts': `// ${i}` } })).status);
    expect(drafts).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const lessons: Response[] = [];
    for (let i = 0; i < 6; i++) lessons.push(await learner.post('/api/progress/lessons', { program: 'clean-timestamp', lesson: 'welcome' }));
    // 7 draft writes + 5 lesson writes = 12 allowed; the 13th write is refused
    expect(lessons.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = lessons.at(-1) as Response;
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/12 changes in a minute/);
    // leaving is never limited
    expect((await learner.post('/api/auth/logout')).status).toBeLessThan(400);
  });
});

// DATA_DIR's free space guards the embedded mode's SQLite file; the cluster mode keeps no data on a node's disk.
describe.skipIf(usesPostgres())('a nearly full disk', () => {
  it('refuses learner content with 507 but keeps sign-up and sign-in working', { timeout: 60_000 }, async () => {
    // a reserve larger than any disk: every content write would eat into it
    const server = await startServer({ DISK_RESERVE_MB: '100000000' });
    servers.push(server);
    const learner = server.client();
    await learner.signUp('full@example.com', 'Full');
    const submitted = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: { 'src/project.ts': 'export {}' } });
    expect(submitted.status).toBe(507);
    expect(((await submitted.json()) as { error: { code: string; message: string } }).error.message).toMatch(/nearly out of storage/);
    expect((await learner.put(`/api/exercises/${EXERCISE}/draft`, { files: { 'src/project.ts': 'x' } })).status).toBe(507);
    expect(await count(server, 'SELECT COUNT(*) AS n FROM submissions')).toBe(0);
    const again = server.client();
    await again.logIn('full@example.com', 'correct-horse-battery');
    expect((await again.post('/api/progress/lessons', { program: 'clean-timestamp', lesson: 'welcome' })).status).toBe(200);
  });

  it('keeps a reserve file in DATA_DIR that a full disk can release', async () => {
    const server = await startServer({ DISK_RESERVE_FILE_MB: '2' });
    servers.push(server);
    const file = join(server.dataDir, 'space-reserve.bin');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBe(2 * 1024 * 1024);
  });
});
