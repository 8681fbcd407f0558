// A fake WebContainer for the runner tests (the real one needs a cross-origin-isolated browser and
// StackBlitz's network). It records boots, mounts and spawns, and lets each test script what npm
// and vitest do: print output, write the results file, exit, hang until killed.
import type { Container, ContainerClass, ContainerProcess } from '../../../src/client/workspace/webcontainer-runner.ts';
import type { FileTree } from '../../../src/client/workspace/files.ts';

export interface ScriptedProcess {
  output?: string[];
  exitCode?: number;
  /** Never exits on its own: only kill() ends it. */
  hang?: boolean;
  /** Runs when the process starts (e.g. writes the results file). */
  effect?: (fs: Map<string, string>) => void;
}

export interface FakeProcessHandle extends ContainerProcess {
  command: string;
  args: string[];
  killed: boolean;
}

function flatten(tree: FileTree, prefix: string, out: Map<string, string>): void {
  for (const [name, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}/${name}` : name;
    if ('file' in node) out.set(path, node.file.contents);
    else flatten(node.directory, path, out);
  }
}

export class FakeContainer implements Container {
  readonly files = new Map<string, string>();
  readonly mounts: string[][] = [];
  readonly processes: FakeProcessHandle[] = [];
  script: (command: string, args: string[]) => ScriptedProcess = () => ({ exitCode: 0 });

  async mount(tree: FileTree): Promise<void> {
    const added = new Map<string, string>();
    flatten(tree, '', added);
    this.mounts.push([...added.keys()].sort());
    for (const [k, v] of added) this.files.set(k, v);
  }

  async spawn(command: string, args: string[]): Promise<ContainerProcess> {
    const plan = this.script(command, args);
    plan.effect?.(this.files);
    let controller!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({
      start(c) {
        controller = c;
      },
    });
    let finish!: (code: number) => void;
    const exit = new Promise<number>((resolve) => {
      finish = resolve;
    });
    const handle: FakeProcessHandle = {
      command,
      args,
      killed: false,
      output,
      exit,
      kill() {
        handle.killed = true;
        try {
          controller.error(new Error('killed'));
        } catch {
          // already closed
        }
        finish(143);
      },
    };
    this.processes.push(handle);
    queueMicrotask(() => {
      for (const chunk of plan.output ?? []) controller.enqueue(chunk);
      if (!plan.hang) {
        controller.close();
        setTimeout(() => finish(plan.exitCode ?? 0), 0);
      }
    });
    return handle;
  }

  fs = {
    readFile: async (path: string): Promise<string> => {
      const text = this.files.get(path);
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    rm: async (path: string): Promise<void> => {
      this.files.delete(path);
    },
  };
}

export class FakeWebContainerClass implements ContainerClass {
  boots = 0;
  bootOptions: unknown[] = [];
  readonly container = new FakeContainer();
  /** 'ok' boots, 'fail' rejects, 'hang' never settles (as in unsupported browsers). */
  mode: 'ok' | 'fail' | 'hang' = 'ok';

  boot(options?: unknown): Promise<Container> {
    this.boots += 1;
    this.bootOptions.push(options);
    if (this.mode === 'fail') return Promise.reject(new Error('Unable to create more instances'));
    if (this.mode === 'hang') return new Promise<Container>(() => undefined);
    return Promise.resolve(this.container);
  }
}

/** A vitest JSON report in the shape `vitest run --reporter=json` writes. */
export function vitestReport(tests: { suite?: string; title: string; status: 'passed' | 'failed' | 'skipped'; message?: string }[]): string {
  return JSON.stringify({
    numTotalTests: tests.length,
    numPassedTests: tests.filter((t) => t.status === 'passed').length,
    numFailedTests: tests.filter((t) => t.status === 'failed').length,
    success: tests.every((t) => t.status !== 'failed'),
    testResults: [
      {
        name: '/home/practicum/tests/visible/project.test.ts',
        status: tests.some((t) => t.status === 'failed') ? 'failed' : 'passed',
        message: '',
        assertionResults: tests.map((t) => ({
          ancestorTitles: t.suite ? [t.suite] : [],
          fullName: `${t.suite ?? ''} ${t.title}`.trim(),
          title: t.title,
          status: t.status,
          failureMessages: t.message ? [t.message] : [],
        })),
      },
    ],
  });
}
