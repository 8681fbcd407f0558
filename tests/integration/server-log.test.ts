// What the server prints while it serves: nothing per request for content that simply is not there
// (a one-version certification task, a program's unknown lesson), so a real error stays visible in the
// log of an exam day instead of drowning in thousands of content warnings.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

it('serves the certification page, its exam data and an unknown lesson without a content warning', async () => {
  const learner = server.client();
  await learner.signUp('quiet-log@example.com');
  const before = server.output().length;
  for (let i = 0; i < 3; i++) {
    expect((await learner.get('/certifications/clean-timestamp')).status).toBe(200);
    expect((await learner.get('/programs/clean-timestamp/no-such-lesson')).status).toBe(404);
  }
  const printed = server.output().slice(before);
  expect(printed).not.toMatch(/\[WARN\]|was not found/);
});
