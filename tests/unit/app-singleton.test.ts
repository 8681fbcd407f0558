// The server's entry point and Astro's bundle each load their own copy of src/server/app.ts; both must
// reach the same App, so a web node has one database pool, not one per copy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'practicum-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('gives every copy of the app module the one App of the process', async () => {
  process.env['DATA_DIR'] = dir;
  const entry = await import('../../src/server/app.ts');
  const copy = '../../src/server/app.ts?as-bundled'; // another module id: a second instance of the module
  const bundled = (await import(/* @vite-ignore */ copy)) as typeof entry;
  expect(bundled.getApp).not.toBe(entry.getApp); // two module instances, as in the built server
  const app = await entry.getApp();
  expect(await bundled.getApp()).toBe(app);
  expect(app.config.dataDir).toBe(dir);
  await app.db.close();
});
