// The server runner and submit against a real local HTTP server standing in for the API routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestError, createServerRunner, submitToServer } from '../../../src/client/workspace/server-runner.ts';
import type { RunEvent } from '../../../src/client/workspace/runner.ts';

let server: Server;
let origin = '';
const received: { url: string; method: string; body: unknown }[] = [];

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || 'null');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void body(req).then((parsed) => {
      received.push({ url: req.url ?? '', method: req.method ?? '', body: parsed });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.url?.startsWith('/runs')) {
        send(200, { version: 3, status: 'pass', tests: [{ name: 'a', status: 'pass' }], durationMs: 5, executed: 1, expected: 1 });
      } else if (req.url === '/submit-401') send(401, { error: { code: 'unauthenticated', message: 'Sign in to do this.' } });
      else if (req.url === '/submit-429') send(429, { error: { code: 'busy', message: 'The grader queue is full.' } }, { 'retry-after': '7' });
      else if (req.url === '/submit-garbage') send(200, { hello: 'world' });
      else if (req.url === '/slow') setTimeout(() => send(200, {}), 5000);
      else send(200, { id: 'sub-1', version: 3, status: 'fail', tests: [{ name: 'b', status: 'fail', message: 'nope' }], durationMs: 9, executed: 1, expected: 16 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('server runner', () => {
  it('posts the files to the runs URL and returns the GradeResult with progress events', async () => {
    const events: RunEvent[] = [];
    const runner = createServerRunner({ runUrl: `${origin}/runs?attempt=a1` });
    const result = await runner.run({ 'src/x.ts': 'export {}' }, new AbortController().signal, (e) => events.push(e));
    expect(runner.kind).toBe('server');
    expect(result.status).toBe('pass');
    expect(received.at(-1)).toEqual({ url: '/runs?attempt=a1', method: 'POST', body: { files: { 'src/x.ts': 'export {}' } } });
    expect(events[0]).toMatchObject({ type: 'phase', phase: 'running' });
    expect(events.at(-1)).toEqual({ type: 'progress', phase: 'running', fraction: 1 });
  });

  it('submits files or findings and returns the stored result', async () => {
    const result = await submitToServer({ submitUrl: `${origin}/submit` }, { findings: [{ file: 'src/r.ts', line: 3, category: 'identity' }] }, new AbortController().signal);
    expect(result).toMatchObject({ id: 'sub-1', status: 'fail', expected: 16 });
    expect(received.at(-1)?.body).toEqual({ findings: [{ file: 'src/r.ts', line: 3, category: 'identity' }] });
  });

  it('turns refusals into RequestErrors carrying the server message and Retry-After', async () => {
    const signal = new AbortController().signal;
    await expect(submitToServer({ submitUrl: `${origin}/submit-401` }, { files: {} }, signal)).rejects.toMatchObject({ status: 401, message: 'Sign in to do this.' });
    const busy = await submitToServer({ submitUrl: `${origin}/submit-429` }, { files: {} }, signal).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(RequestError);
    expect(busy).toMatchObject({ status: 429, retryAfterSeconds: 7, message: 'The grader queue is full.' });
    await expect(submitToServer({ submitUrl: `${origin}/submit-garbage` }, { files: {} }, signal)).rejects.toThrow(/does not understand/);
    await expect(submitToServer({ submitUrl: 'http://127.0.0.1:1/nothing' }, { files: {} }, signal)).rejects.toMatchObject({ status: 0 });
  });

  it('cancelling aborts the request with an AbortError', async () => {
    const controller = new AbortController();
    const running = createServerRunner({ runUrl: `${origin}/slow` }).run({}, controller.signal, () => undefined);
    setTimeout(() => controller.abort(), 30);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});
