// Where "Run tests" runs: WebContainer only when isolated, online and booted in time; otherwise the
// server, with a reason the learner can read.
import { describe, expect, it } from 'vitest';
import { IN_BROWSER_REASON, chooseRunner, fallbackAfterFailure } from '../../../src/client/workspace/choose-runner.ts';
import { baseRunFiles } from '../../../src/client/workspace/files.ts';
import type { TestRunner } from '../../../src/client/workspace/runner.ts';
import { errorResult } from '../../../src/lib/grade-result.ts';
import { FakeWebContainerClass } from './fake-webcontainer.ts';

const server: TestRunner = { kind: 'server', run: async () => errorResult('server ran', { durationMs: 1, expected: 0 }) };
const baseFiles = baseRunFiles({ reference: [], visibleTests: [], readonly: [] });

function options(WebContainer: FakeWebContainerClass, overrides: Partial<Parameters<typeof chooseRunner>[0]> = {}) {
  let loads = 0;
  return {
    loads: () => loads,
    opts: {
      crossOriginIsolated: true,
      online: true,
      loadWebContainer: async () => {
        loads += 1;
        return WebContainer;
      },
      baseFiles,
      server,
      bootTimeoutMs: 50,
      ...overrides,
    },
  };
}

describe('chooseRunner', () => {
  it('uses the WebContainer when the page is isolated and the container boots', async () => {
    const WebContainer = new FakeWebContainerClass();
    const { opts } = options(WebContainer, { coep: 'require-corp' });
    const choice = await chooseRunner(opts);
    expect(choice.runner.kind).toBe('webcontainer');
    expect(choice.reason).toBe(IN_BROWSER_REASON);
    expect(WebContainer.boots).toBe(1);
    expect(WebContainer.bootOptions[0]).toMatchObject({ coep: 'require-corp' }); // must match the page's COEP header
  });

  it('falls back to the server without even loading WebContainer when the page is not isolated', async () => {
    const WebContainer = new FakeWebContainerClass();
    const { opts, loads } = options(WebContainer, { crossOriginIsolated: false });
    const choice = await chooseRunner(opts);
    expect(choice.runner).toBe(server);
    expect(choice.reason).toMatch(/^Tests run on the server: .*cross-origin isolation/);
    expect(loads()).toBe(0);
  });

  it('falls back to the server when offline', async () => {
    const { opts } = options(new FakeWebContainerClass(), { online: false });
    const choice = await chooseRunner(opts);
    expect(choice.runner).toBe(server);
    expect(choice.reason).toMatch(/offline/);
  });

  it('falls back to the server with the boot error as the reason', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'fail';
    const choice = await chooseRunner(options(WebContainer).opts);
    expect(choice.runner).toBe(server);
    expect(choice.reason).toContain('failed to start (Unable to create more instances)');
  });

  it('falls back to the server when boot hangs past the timeout', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'hang';
    const started = Date.now();
    const choice = await chooseRunner(options(WebContainer, { bootTimeoutMs: 40 }).opts);
    expect(choice.runner).toBe(server);
    expect(choice.reason).toMatch(/did not start within/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('falls back to the server when the WebContainer code cannot be loaded', async () => {
    const choice = await chooseRunner({
      ...options(new FakeWebContainerClass()).opts,
      loadWebContainer: () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
    });
    expect(choice.runner).toBe(server);
    expect(choice.reason).toContain('could not be loaded (Failed to fetch dynamically imported module)');
  });

  it('explains a later switch to the server after an in-browser failure', () => {
    const choice = fallbackAfterFailure(server, new Error('Installing vitest failed (npm exited with 1).'));
    expect(choice.runner).toBe(server);
    expect(choice.reason).toBe('Tests run on the server: the in-browser runner stopped working (Installing vitest failed (npm exited with 1).).');
  });
});
