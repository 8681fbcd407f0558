// Global setup for the e2e tests: the screenshots folder is emptied once per run, before any e2e file
// saves into it, so after `npm test` .tmp/screenshots/ holds exactly this run's pictures of every page type.
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const dir = fileURLToPath(new URL('../../.tmp/screenshots', import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
