// The web node's connection to the grading queue (cluster mode): pg-boss to send jobs (no
// maintenance: the workers run it) and one LISTEN connection for results, started on first use and
// closed when the process exits.
import type { App } from '../../app.ts';
import { startBoss } from './grading-jobs.ts';
import { GradingNotices } from './grading-notices.ts';
import { QueuedGrading } from './queued-grading.ts';

let queued: Promise<QueuedGrading> | undefined;

export function queuedGradingFor(app: App): Promise<QueuedGrading> {
  const url = app.config.databaseUrl;
  if (!url) throw new Error('the grading queue needs DATABASE_URL (the embedded mode grades in-process)');
  if (!queued) {
    const starting = (async () => {
      const boss = await startBoss({ url, applicationName: 'practicum-web', supervise: false, max: 2 });
      const notices = new GradingNotices(url);
      const budgetSeconds = app.config.graderBudgetSeconds;
      const grading = new QueuedGrading({
        store: app.db,
        boss,
        notices,
        ...(app.config.graderQueueLimit !== undefined ? { waitingLimit: app.config.graderQueueLimit } : {}),
        ...(budgetSeconds !== undefined ? { budget: { budgetMs: budgetSeconds * 1000, windowMs: 60_000 } } : {}),
      });
      const close = () => {
        void Promise.allSettled([notices.close(), boss.stop({ graceful: false })]);
      };
      process.once('beforeExit', close);
      return grading;
    })();
    queued = starting;
    // a failed start (the database briefly unreachable) is tried again by the next request
    starting.catch(() => {
      if (queued === starting) queued = undefined;
    });
  }
  return queued;
}
