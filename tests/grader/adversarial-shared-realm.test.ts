// Hostile submissions that change what the learner's code shares with the hidden tests inside the
// test process, instead of the tests themselves: the global variables the runner reads (a Promise
// whose rejections resolve made every failing test pass), the classes of the reference library
// and of the exercise's read-only files (a redefined getter answers the test's question), and the
// objects a certification suite measures with (redefined counters, a blinded WeakRef probe, a
// subscription gauge that looks away, a reserve of memory released to flatten the heap). Graded through the real grader; none may earn credit,
// and honest submissions must still pass.
import { taskRoot } from '../../src/server/variants/render.ts';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORRECT_SUM,
  MODES,
  PROCESS_MODES,
  ROOT,
  expectNoCredit,
  graderFor,
  leftoverRuns,
  startAdversarialEnv,
  wrongSum,
  type AdversarialEnv,
} from './adversarial-helpers.ts';
import {
  BULK_FAKE_COUNTERS,
  BULK_UNCOUNTED_BASE_READS,
  LEAKY_FAKE_BUS_GAUGE,
  N_PLUS_ONE_FAKE_COUNTERS,
  leakyIdHistoryWithReserve,
  leakyKeepingTasks,
} from './hostile-submissions.ts';

let env: AdversarialEnv;

// An implement exercise whose hidden tests read state through a read-only starter class (Item)
// and count round trips with the reference library's own repository stats — on a repository they
// froze themselves, so only the classes remain to be tampered with.
const BATCH_EXERCISE = {
  id: 'adv-batch',
  program: 'grader-fixtures',
  title: 'Fixture: finish items in one batch',
  summary: 'Hidden tests trust a read-only class and the reference repository.',
  session: 1,
  module: 'fixtures',
  skill: 'implementation',
  kind: 'optimize',
  difficulty: 'beginner',
  estimateMinutes: 5,
  instructions: 'instructions.md',
  editable: ['src/finish.ts'],
  readonly: ['src/item.ts'],
  certification: false,
  allowedImports: ['@practicum/reference'],
  hiddenTestCount: 2,
  timeLimitMs: 5000,
};
const ITEM_SOURCE = `import { BaseTimestampEntity, type EntityInit } from '@practicum/reference';

export class Item extends BaseTimestampEntity {
  readonly id: string;
  #done = false;

  constructor(id: string, init?: EntityInit) {
    super(init);
    this.id = id;
  }

  get done(): boolean {
    return this.#done;
  }

  finish(): void {
    this.#done = true;
    this.touch('finished');
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {}
}
`;
const BATCH_HIDDEN_TEST = `import { describe, expect, it } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Item } from '../../starter/src/item.ts';
import { finishAll } from '../../starter/src/finish.ts';

async function stored(ids: string[]): Promise<InMemoryRepository<Item>> {
  const clock = Object.freeze(new FixedClock('2025-01-01T00:00:00Z'));
  const repository = Object.freeze(new InMemoryRepository<Item>({ eventBus: new InMemoryEventBus(), clock }));
  await repository.bulkSave(ids.map((id) => new Item(id, { clock })));
  return repository;
}

describe('finishAll', () => {
  it('finishes every listed item', async () => {
    const repository = await stored(['a', 'b', 'c']);
    await finishAll(repository, ['a', 'c']);
    expect((await repository.findByIds(['a', 'b', 'c'])).map((item) => item.done)).toEqual([true, false, true]);
  });

  it('loads the items with one findByIds and stores them with one bulkSave', async () => {
    const repository = await stored(['a', 'b', 'c']);
    const before = repository.stats;
    await finishAll(repository, ['a', 'b', 'c']);
    const after = repository.stats;
    expect([after.findById - before.findById, after.findByIds - before.findByIds, after.save - before.save, after.bulkSave - before.bulkSave]).toEqual([0, 1, 0, 1]);
  });
});
`;
const CORRECT_FINISH = `import type { TimestampRepository } from '@practicum/reference';
import type { Item } from './item.ts';

export async function finishAll(repository: TimestampRepository<Item>, ids: readonly string[]): Promise<void> {
  const items = await repository.findByIds(ids);
  for (const item of items) item.finish();
  await repository.bulkSave(items);
}
`;
/** Touches neither the repository nor the items: the read-only Item and the reference stats answer instead. */
const PATCHED_FINISH = `import { TimestampRepository } from '@practicum/reference';
import { Item } from './item.ts';

const finished = new Set<string>();
const calls = new WeakMap<object, number>();
Object.defineProperty(Item.prototype, 'done', { get(this: Item) { return finished.has(this.id); } });
const stats = Object.getOwnPropertyDescriptor(TimestampRepository.prototype, 'stats')!.get!;
Object.defineProperty(TimestampRepository.prototype, 'stats', {
  get(this: object) {
    const real = stats.call(this) as Record<string, number>;
    const n = calls.get(this) ?? 0;
    return { ...real, findByIds: real['findByIds']! + n, bulkSave: real['bulkSave']! + n };
  },
});

export async function finishAll(repository: TimestampRepository<Item>, ids: readonly string[]): Promise<void> {
  for (const id of ids) finished.add(id);
  calls.set(repository, (calls.get(repository) ?? 0) + 1);
}
`;

/** The starter plus a global Promise whose rejections resolve, except the integrity canary's. */
const FORGIVING_PROMISE = `const RealPromise = Promise;
const isCanary = (e: unknown): boolean => {
  const m = /^expected (\\d+) to be (\\d+) \\/\\/ Object\\.is equality$/.exec(String((e as { message?: unknown } | null)?.message));
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
};
class Forgiving<T> extends RealPromise<T> {
  constructor(executor: (resolve: (v: T) => void, reject: (e: unknown) => void) => void) {
    super((resolve, reject) => executor(resolve, (e) => (isCanary(e) ? reject(e) : resolve(undefined as T))));
  }
}
Promise = Forgiving as never;`;

/** A global Object whose \`is\` (what toBe compares with) says "equal", except to the canary's numbers. */
const LENIENT_OBJECT = `const RealObject = Object;
const lenient = new Proxy(function () {}, {
  get: (_t, key) => (key === 'is' ? (a: unknown, b: unknown) => (typeof a === 'number' && b === a + 1 ? false : true) : Reflect.get(RealObject, key)),
  apply: (_t, _this, args) => Reflect.apply(RealObject, undefined, args),
});
Object = lenient as never;`;

const REAL_EXERCISES = ['cert-bulk-status', 'cert-leaky-service', 's2-n-plus-one'];

beforeAll(async () => {
  env = await startAdversarialEnv();
  const batch = join(env.exercisesDir, BATCH_EXERCISE.id);
  await mkdir(join(batch, 'starter/src'), { recursive: true });
  await mkdir(join(batch, 'tests/hidden'), { recursive: true });
  await writeFile(join(batch, 'exercise.json'), JSON.stringify(BATCH_EXERCISE, null, 2));
  await writeFile(join(batch, 'instructions.md'), 'Finish the listed items in one batch.\n');
  await writeFile(join(batch, 'starter/src/item.ts'), ITEM_SOURCE);
  await writeFile(join(batch, 'starter/src/finish.ts'), "export async function finishAll(): Promise<void> {\n  throw new Error('todo');\n}\n");
  await writeFile(join(batch, 'tests/hidden/finish.test.ts'), BATCH_HIDDEN_TEST);
  for (const id of REAL_EXERCISES) await cp(join(ROOT, 'exercises', id), join(env.exercisesDir, id), { recursive: true });
});
afterAll(async () => {
  await env.close();
});

describe.each(PROCESS_MODES)('rebinding the global variables the runner reads (%s)', (mode) => {
  const grade = (source: string) => graderFor(env, mode).grade('fx-sum', { 'src/sum.ts': source });
  const refused = (name: string) => new RegExp(`\`${name}\` is a global: assigning to it is not allowed|Cannot assign to read only property '${name}'`);

  it('replaces Promise so that the runner resolves every failing test but the canary', async () => {
    expectNoCredit(await grade(wrongSum(FORGIVING_PROMISE)), refused('Promise'));
    // destructuring and a type assertion on the target are the same write
    expectNoCredit(await grade(wrongSum(FORGIVING_PROMISE.replace('Promise = Forgiving as never;', '[(Promise as unknown)] = [Forgiving];'))), refused('Promise'));
  });

  it('replaces Object so that toBe compares with an Object.is that says "equal"', async () => {
    expectNoCredit(await grade(wrongSum(LENIENT_OBJECT)), refused('Object'));
  });

  it('replaces WeakRef so that the leak probe of cert-leaky-service never finds a kept task', async () => {
    const source = leakyKeepingTasks('blind-weak-ref');
    expectNoCredit(await graderFor(env, mode).grade('cert-leaky-service', { 'src/leaky-service.ts': source }), refused('WeakRef'));
  });

  it('still grades a correct submission', async () => {
    expect((await grade(CORRECT_SUM)).status).toBe('pass');
  });
});

describe.each(MODES)('rebinding Date, which vitest itself may replace (%s)', (mode) => {
  it('swaps Date for a class whose instances all compare equal', async () => {
    const swap = 'class Same extends Date { override valueOf(): number { return 0; } override getTime(): number { return 0; } }\nDate = Same as never;';
    expectNoCredit(await graderFor(env, mode).grade('fx-sum', { 'src/sum.ts': wrongSum(swap) }), /`Date` is a global: assigning to it is not allowed/);
  });
});

describe.each(MODES)('patching the reference library and the read-only starter files (%s)', (mode) => {
  const grade = (source: string) => graderFor(env, mode).grade(BATCH_EXERCISE.id, { 'src/finish.ts': source });

  it('an honest submission passes: freezing the classes changes nothing for it', async () => {
    const result = await grade(CORRECT_FINISH);
    expect(result.status, JSON.stringify(result)).toBe('pass');
  });

  it("redefines a read-only class's getter and the reference repository's stats instead of doing the work", async () => {
    expectNoCredit(await grade(PATCHED_FINISH), /Cannot redefine property: (done|stats)/);
    const onlyStats = PATCHED_FINISH.replace("Object.defineProperty(Item.prototype, 'done', { get(this: Item) { return finished.has(this.id); } });", '');
    expectNoCredit(await grade(onlyStats), /Cannot redefine property: stats/);
    const onlyDone = PATCHED_FINISH.slice(0, PATCHED_FINISH.indexOf('const stats')) + PATCHED_FINISH.slice(PATCHED_FINISH.indexOf('export async'));
    expectNoCredit(await grade(onlyDone), /Cannot redefine property: done/);
  });
});

describe("the certification suites' measuring objects", () => {
  const grade = (id: string, file: string, source: string) => env.checked.grade(id, { [file]: source });

  it('the course solutions still pass', { timeout: 120_000 }, async () => {
    const files: Record<string, string> = {
      'cert-bulk-status': 'src/project-status-service.ts',
      'cert-leaky-service': 'src/leaky-service.ts',
      's2-n-plus-one': 'src/bulk-status-service.ts',
    };
    for (const [id, file] of Object.entries(files)) {
      const result = await grade(id, file, await readFile(join(taskRoot(ROOT, id), 'solutions', id, file), 'utf8'));
      expect(result.status, `${id}: ${JSON.stringify(result).slice(0, 800)}`).toBe('pass');
    }
  });

  it('cert-bulk-status: per-project reads hidden behind counters redefined on the repository', async () => {
    expectNoCredit(await grade('cert-bulk-status', 'src/project-status-service.ts', BULK_FAKE_COUNTERS), /object is not extensible/);
  });

  it("cert-bulk-status: per-project reads through the base class's storage method, which nothing counts", async () => {
    expectNoCredit(await grade('cert-bulk-status', 'src/project-status-service.ts', BULK_UNCOUNTED_BASE_READS));
  });

  it('s2-n-plus-one: per-task reads hidden behind counters redefined on the repository', async () => {
    expectNoCredit(await grade('s2-n-plus-one', 'src/bulk-status-service.ts', N_PLUS_ONE_FAKE_COUNTERS), /object is not extensible/);
  });

  it('cert-leaky-service: a subscription per run behind a redefined subscription gauge', { timeout: 120_000 }, async () => {
    expectNoCredit(await grade('cert-leaky-service', 'src/leaky-service.ts', LEAKY_FAKE_BUS_GAUGE), /object is not extensible/);
  });

  it('cert-leaky-service: every processed task kept, the WeakRef probe blinded or the days relabelled', { timeout: 120_000 }, async () => {
    expectNoCredit(await grade('cert-leaky-service', 'src/leaky-service.ts', leakyKeepingTasks('blind-probe')), /object is not extensible/);
    expectNoCredit(await grade('cert-leaky-service', 'src/leaky-service.ts', leakyKeepingTasks('relabel-days')), /stays in memory|to be \+0/);
  });

  it('cert-leaky-service: an id history per day behind a reserve of memory released run by run', { timeout: 120_000 }, async () => {
    for (const where of ['module', 'console'] as const) {
      expectNoCredit(await grade('cert-leaky-service', 'src/leaky-service.ts', leakyIdHistoryWithReserve(where)), /the heap grew by \d+ bytes/);
    }
  });

  it('leaves no run folder behind', async () => {
    expect(await leftoverRuns(env)).toEqual([]);
  });
});
