// The WebContainer runner's logic against a fake container: one boot, the run directory layout,
// install progress, output streaming, results parsing, cancellation and limits.
import { describe, expect, it } from 'vitest';
import { createWebContainerRunner, estimateInstallProgress } from '../../../src/client/workspace/webcontainer-runner.ts';
import { RESULTS_FILE, baseRunFiles } from '../../../src/client/workspace/files.ts';
import type { RunEvent } from '../../../src/client/workspace/runner.ts';
import { FakeWebContainerClass, vitestReport } from './fake-webcontainer.ts';

const view = {
  reference: {
    specifier: '@practicum/reference',
    entry: 'index.ts',
    files: [{ path: 'index.ts', content: "export * from './clock.ts';" }, { path: 'clock.ts', content: 'export class FixedClock {}' }],
  },
  visibleTests: [{ path: 'tests/visible/project.test.ts', content: "import { Project } from '../../starter/src/project.ts';" }],
  readonly: [{ path: 'src/helpers.ts', content: 'export const x = 1;' }],
};

const report = vitestReport([
  { suite: 'Project (visible checks)', title: 'starts with createdAt equal to updatedAt', status: 'passed' },
  { suite: 'Project (visible checks)', title: 'rejects an empty name', status: 'failed', message: '\u001b[31mAssertionError: expected [Function] to throw ValidationError\u001b[39m' },
]);

function setup() {
  const WebContainer = new FakeWebContainerClass();
  const container = WebContainer.container;
  container.script = (command, args) => {
    if (command === 'npm') return { output: ['added 1 package\n', 'added 2 packages\n', 'done\n'], exitCode: 0 };
    if (command === 'npx' && args[0] === 'vitest') {
      return { output: ['\u001b[32m✓\u001b[39m starts with createdAt\n', '× rejects an empty name\n'], exitCode: 1, effect: (fs) => fs.set(RESULTS_FILE, report) };
    }
    throw new Error(`unexpected ${command} ${args.join(' ')}`);
  };
  const runner = createWebContainerRunner({ WebContainer, baseFiles: baseRunFiles(view) });
  return { WebContainer, container, runner };
}

const learnerFiles = { 'src/project.ts': 'export class Project {}' };

describe('WebContainer runner', () => {
  it('boots once, mounts the run directory, installs once and parses the results', async () => {
    const { WebContainer, container, runner } = setup();
    const events: RunEvent[] = [];
    const first = await runner.run(learnerFiles, new AbortController().signal, (e) => events.push(e));
    const second = await runner.run({ 'src/project.ts': 'export class Project { x = 1 }' }, new AbortController().signal, () => undefined);

    expect(WebContainer.boots).toBe(1);
    expect(WebContainer.bootOptions[0]).toMatchObject({ coep: 'credentialless', workdirName: 'practicum' });
    expect(container.processes.filter((p) => p.command === 'npm')).toHaveLength(1);
    expect(container.processes.filter((p) => p.command === 'npx')).toHaveLength(2);
    const pkg = JSON.parse(container.files.get('package.json') ?? '{}') as { devDependencies?: Record<string, string> };
    expect(pkg.devDependencies?.['vitest']).toMatch(/^\^5\./);
    expect(container.files.get('reference/clock.ts')).toBe('export class FixedClock {}');
    expect(container.files.has('tests/visible/project.test.ts')).toBe(true);
    expect(container.files.get('starter/src/helpers.ts')).toBe('export const x = 1;');
    expect(container.files.get('starter/src/project.ts')).toBe('export class Project { x = 1 }');
    expect(container.mounts[1]).toEqual(['starter/src/project.ts']);

    expect(first.status).toBe('fail');
    expect(first.tests.map((t) => [t.name, t.status])).toEqual([
      ['Project (visible checks) > starts with createdAt equal to updatedAt', 'pass'],
      ['Project (visible checks) > rejects an empty name', 'fail'],
    ]);
    expect(first.tests[1]?.message).toBe('AssertionError: expected [Function] to throw ValidationError');
    expect(second.status).toBe('fail');

    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.fraction] : []));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i] as number).toBeGreaterThanOrEqual(progress[i - 1] as number);
    const output = events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('');
    expect(output).toContain('added 2 packages');
    expect(output).toContain('rejects an empty name');
    expect(events.filter((e) => e.type === 'phase').map((e) => (e.type === 'phase' ? e.phase : ''))).toEqual(['booting', 'mounting', 'installing', 'running', 'grading']);
  });

  it('prepare() boots and installs ahead of the first run, which then only runs vitest', async () => {
    const { WebContainer, container, runner } = setup();
    await runner.prepare();
    expect(container.processes.map((p) => p.command)).toEqual(['npm']);
    const events: RunEvent[] = [];
    const result = await runner.run(learnerFiles, new AbortController().signal, (e) => events.push(e));
    expect(result.status).toBe('fail');
    expect(WebContainer.boots).toBe(1);
    expect(container.processes.map((p) => p.command)).toEqual(['npm', 'npx']);
    expect(events.filter((e) => e.type === 'phase').map((e) => (e.type === 'phase' ? e.phase : ''))).toEqual(['booting', 'running', 'grading']);
  });

  it('a stale results file from an earlier run is never read as this run’s result', async () => {
    const { container, runner } = setup();
    await runner.run(learnerFiles, new AbortController().signal, () => undefined);
    container.script = () => ({ output: ['Error: Cannot find package vitest\n'], exitCode: 1 });
    const result = await runner.run(learnerFiles, new AbortController().signal, () => undefined);
    expect(result.status).toBe('error');
    expect(result.message).toContain('exited with code 1');
    expect(result.message).toContain('Cannot find package vitest');
  });

  it('cancelling a run kills vitest and rejects with an AbortError', async () => {
    const { container, runner } = setup();
    container.script = (command) => (command === 'npm' ? { exitCode: 0 } : { output: ['running…\n'], hang: true });
    const controller = new AbortController();
    const running = runner.run(learnerFiles, controller.signal, (e) => {
      if (e.type === 'output' && e.text.includes('running')) controller.abort();
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(container.processes.find((p) => p.command === 'npx')?.killed).toBe(true);
  });

  it('cancelling while the container is still booting rejects at once', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.mode = 'hang';
    const runner = createWebContainerRunner({ WebContainer, baseFiles: baseRunFiles(view) });
    const controller = new AbortController();
    const running = runner.run(learnerFiles, controller.signal, () => undefined);
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a failed install is reported and retried by the next run', async () => {
    const { container, runner } = setup();
    let installs = 0;
    const original = container.script;
    container.script = (command, args) => {
      if (command === 'npm') return { output: ['npm ERR! network\n'], exitCode: ++installs === 1 ? 1 : 0 };
      return original(command, args);
    };
    await expect(runner.run(learnerFiles, new AbortController().signal, () => undefined)).rejects.toThrow(/Installing vitest failed/);
    const result = await runner.run(learnerFiles, new AbortController().signal, () => undefined);
    expect(installs).toBe(2);
    expect(result.status).toBe('fail');
  });

  it('stops a run that exceeds the time limit and says so', async () => {
    const WebContainer = new FakeWebContainerClass();
    WebContainer.container.script = (command) => (command === 'npm' ? { exitCode: 0 } : { hang: true });
    const runner = createWebContainerRunner({ WebContainer, baseFiles: baseRunFiles(view), runTimeoutMs: 30 });
    const result = await runner.run(learnerFiles, new AbortController().signal, () => undefined);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/time limit/);
    expect(WebContainer.container.processes.at(-1)?.killed).toBe(true);
  });

  it('estimates install progress without ever claiming completion early', () => {
    expect(estimateInstallProgress(0)).toBe(0);
    expect(estimateInstallProgress(40)).toBeGreaterThan(estimateInstallProgress(10));
    expect(estimateInstallProgress(10_000)).toBe(0.95);
  });
});
