// The process's one grader (a warm pool of sandboxed vitest slots), started on first use and
// closed when the process exits.
import { createGrader, type Grader } from '../grader/grader.ts';
import type { App } from '../app.ts';

let grader: Promise<Grader> | undefined;

export function getGrader(app: App): Promise<Grader> {
  if (!grader) {
    const { graderPoolSize: poolSize, graderQueueLimit: queueLimit, graderBudgetSeconds: budgetSeconds } = app.config;
    grader = createGrader({
      projectRoot: app.config.projectRoot,
      ...(poolSize !== undefined ? { poolSize } : {}),
      ...(queueLimit !== undefined ? { queueLimit } : {}),
      ...(budgetSeconds !== undefined ? { budget: { budgetMs: budgetSeconds * 1000, windowMs: 60_000 } } : {}),
    });
    // Close before exiting: closing removes the work folder, which holds copies of hidden tests.
    // A hung close must not keep the process alive, so it gets a few seconds at most.
    const closeThenExit = (code: number) => {
      const closed = grader?.then((g) => g.close()).catch(() => undefined) ?? Promise.resolve();
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
      void Promise.race([closed, timeout]).then(() => process.exit(code));
    };
    process.once('SIGTERM', () => closeThenExit(0));
    process.once('SIGINT', () => closeThenExit(130));
  }
  return grader;
}
