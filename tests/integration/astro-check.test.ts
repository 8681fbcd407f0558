// `astro check` is clean: every .astro and .ts file type-checks under the strictest settings.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/server.ts';

it('astro check reports no errors and no warnings', { timeout: 300_000 }, () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'check'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/- 0 errors/);
  expect(output).toMatch(/- 0 warnings/);
  expect(run.status, output.slice(-3000)).toBe(0);
});
