// The process's one grader (a warm pool of sandboxed vitest slots), started on first use and
// closed when the process exits.
import { createGrader, type Grader } from '../grader/grader.ts';
import type { App } from '../app.ts';

let grader: Promise<Grader> | undefined;

export function getGrader(app: App): Promise<Grader> {
  if (!grader) {
    const { graderPoolSize: poolSize, graderQueueLimit: queueLimit } = app.config;
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
