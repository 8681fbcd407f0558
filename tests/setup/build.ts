// Global setup for integration and e2e tests: the real server is built once, if sources changed.
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/lib/build.ts';

export default function setup(): void {
  ensureBuilt(fileURLToPath(new URL('../..', import.meta.url)));
}
