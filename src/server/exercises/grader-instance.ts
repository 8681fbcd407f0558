// The process's one grader (a warm pool of sandboxed vitest slots), started on first use and
// closed when the process exits.
import { createGrader, type Grader } from '../grader/grader.ts';
import type { App } from '../app.ts';

let grader: Promise<Grader> | undefined;

/** Optional whole-number setting from the environment (GRADER_POOL_SIZE, GRADER_QUEUE_LIMIT). */
function setting(name: string, min: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

export function getGrader(app: App): Promise<Grader> {
  if (!grader) {
    const poolSize = setting('GRADER_POOL_SIZE', 1);
    const queueLimit = setting('GRADER_QUEUE_LIMIT', 0);
    grader = createGrader({
      projectRoot: app.config.projectRoot,
      ...(poolSize !== undefined ? { poolSize } : {}),
      ...(queueLimit !== undefined ? { queueLimit } : {}),
    });
    const close = () => {
      void grader?.then((g) => g.close());
    };
    process.once('SIGTERM', () => {
      close();
      process.exit(0);
    });
    process.once('SIGINT', () => {
      close();
      process.exit(130);
    });
  }
  return grader;
}
