// "Build if needed": fingerprints every input of the Astro build and rebuilds only when it changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const INPUTS = ['src', 'content', 'exercises', 'assessments', 'public', 'reference', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
const STAMP = 'dist/.build-fingerprint';

function walk(path: string, out: string[]): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isFile()) {
    out.push(`${path}:${stat.size}:${Math.trunc(stat.mtimeMs)}`);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    walk(join(path, name), out);
  }
}

export function buildFingerprint(root: string): string {
  const entries: string[] = [];
  for (const input of INPUTS) walk(join(root, input), entries);
  return createHash('sha256')
    .update(entries.map((e) => relative(root, e)).join('\n'))
    .digest('hex');
}

export function isBuildFresh(root: string): boolean {
  const stamp = join(root, STAMP);
  return existsSync(join(root, 'dist/server/entry.mjs')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === buildFingerprint(root);
}

/** Runs `astro build` when the sources changed since the last build. Returns true if it built. */
export function ensureBuilt(root: string, log: (line: string) => void = console.log): boolean {
  if (isBuildFresh(root)) return false;
  const fingerprint = buildFingerprint(root);
  log('[practicum] building the site (sources changed since the last build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('astro build failed (see the output above).');
  writeFileSync(join(root, STAMP), fingerprint);
  return true;
}
