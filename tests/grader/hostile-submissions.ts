// Hostile submissions to the course's optimisation and troubleshooting tasks that keep the defect
// the task is about and tamper with what the hidden suite measures it with. Each one earned full
// certification credit before the defence it now meets: measuring objects frozen and their storage
// made the suite's own, the heap weighed in a process where no learner code ran before, no writes
// to global variables (adversarial-shared-realm.test.ts grades them).

/** cert-bulk-status: one getById per project, with the counters redefined on the repository itself. */
export const BULK_FAKE_COUNTERS = `import { ValidationError, type TimestampRepository } from '@practicum/reference';
import type { Project, ProjectStatus } from './project.ts';

type Counters = Record<string, number>;
function getterOf(o: object, key: string): ((this: unknown) => unknown) | undefined {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d) return d.get;
  }
  return undefined;
}

export class ProjectStatusService {
  readonly #repository: TimestampRepository<Project>;
  #hidden = 0;

  constructor(repository: TimestampRepository<Project>) {
    this.#repository = repository;
    const self = this;
    const stats = getterOf(repository, 'stats');
    const reads = getterOf(repository, 'storageReads');
    if (stats) Object.defineProperty(repository, 'stats', { get() { const s = stats.call(this) as Counters; return { ...s, findById: s['findById']! - self.#hidden, queries: s['queries']! - self.#hidden }; } });
    if (reads) Object.defineProperty(repository, 'storageReads', { get() { return (reads.call(this) as number) - self.#hidden; } });
  }

  async updateProjectStatuses(projectIds: readonly string[], status: ProjectStatus): Promise<number> {
    const unique = [...new Set(projectIds)];
    if (unique.length === 0) return 0;
    const projects: Project[] = [];
    for (const id of unique) projects.push(await this.#repository.getById(id));
    this.#hidden += unique.length;
    await this.#repository.findByIds(unique.slice(0, 1));
    for (const p of projects) if (!p.canMoveTo(status)) throw new ValidationError('Project ' + p.id + ' cannot move to ' + status, 'status');
    const changed = projects.filter((p) => p.status !== status);
    for (const p of changed) p.changeStatus(status);
    if (changed.length > 0) await this.#repository.bulkSave(changed);
    return changed.length;
  }
}
`;

/** cert-bulk-status: one read per project through the base class's storage method, which no subclass counts. */
export const BULK_UNCOUNTED_BASE_READS = `import { InMemoryRepository, NotFoundError, ValidationError, type TimestampRepository } from '@practicum/reference';
import type { Project, ProjectStatus } from './project.ts';

type LoadOne = (this: unknown, id: string) => Promise<Project | null>;
const loadOne = (InMemoryRepository.prototype as unknown as { loadOne: LoadOne }).loadOne;

export class ProjectStatusService {
  readonly #repository: TimestampRepository<Project>;

  constructor(repository: TimestampRepository<Project>) {
    this.#repository = repository;
  }

  async updateProjectStatuses(projectIds: readonly string[], status: ProjectStatus): Promise<number> {
    const unique = [...new Set(projectIds)];
    if (unique.length === 0) return 0;
    await this.#repository.findByIds(unique.slice(0, 1));
    const projects: Project[] = [];
    for (const id of unique) {
      const project = await loadOne.call(this.#repository, id);
      if (!project) throw new NotFoundError('No entity with id "' + id + '"');
      projects.push(project);
    }
    for (const p of projects) if (!p.canMoveTo(status)) throw new ValidationError('Project ' + p.id + ' cannot move to ' + status, 'status');
    const changed = projects.filter((p) => p.status !== status);
    for (const p of changed) p.changeStatus(status);
    if (changed.length > 0) await this.#repository.bulkSave(changed);
    return changed.length;
  }
}
`;

/** s2-n-plus-one: one getById per task, with the counters redefined on the repository itself. */
export const N_PLUS_ONE_FAKE_COUNTERS = `import type { TimestampRepository } from '@practicum/reference';
import type { Task, TaskStatus } from './task.ts';

type Counters = Record<string, number>;
function getterOf(o: object, key: string): ((this: unknown) => unknown) | undefined {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d) return d.get;
  }
  return undefined;
}

export class BulkStatusService {
  readonly #repository: TimestampRepository<Task>;
  #hidden = 0;

  constructor(repository: TimestampRepository<Task>) {
    this.#repository = repository;
    const self = this;
    const stats = getterOf(repository, 'stats');
    const reads = getterOf(repository, 'storageReads');
    if (stats) Object.defineProperty(repository, 'stats', { get() { const s = stats.call(this) as Counters; return { ...s, findById: s['findById']! - self.#hidden, queries: s['queries']! - self.#hidden }; } });
    if (reads) Object.defineProperty(repository, 'storageReads', { get() { return (reads.call(this) as number) - self.#hidden; } });
  }

  async bulkStatusUpdate(taskIds: readonly string[], status: TaskStatus): Promise<void> {
    const unique = [...new Set(taskIds)];
    if (unique.length === 0) return;
    const tasks: Task[] = [];
    for (const id of unique) tasks.push(await this.#repository.getById(id));
    this.#hidden += unique.length;
    await this.#repository.findByIds(unique.slice(0, 1));
    for (const task of tasks) task.changeStatus(status);
    await this.#repository.bulkSave(tasks);
  }
}
`;

const LEAKY_HEAD = `import type { SubscribableEventBus } from './event-bus.ts';
import type { Task } from './task.ts';
import type { TaskRepository } from './task-repository.ts';

export interface DailyRun {
  processed: number;
  eventsPublished: number;
}
`;

/** cert-leaky-service: a subscription per run, never cancelled, behind a redefined subscription gauge. */
export const LEAKY_FAKE_BUS_GAUGE = `${LEAKY_HEAD}
export class LeakyService {
  readonly #repository: TaskRepository;
  readonly #eventBus: SubscribableEventBus;
  #lastRunIds: string[] = [];
  #run = 0;
  #eventsThisRun = 0;
  #leaked = 0;

  constructor(repository: TaskRepository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    this.#eventBus = eventBus;
    const self = this;
    for (let p: object | null = eventBus; p; p = Object.getPrototypeOf(p)) {
      const real = Object.getOwnPropertyDescriptor(p, 'activeSubscriptions')?.get;
      if (real) {
        Object.defineProperty(eventBus, 'activeSubscriptions', { get() { return (real.call(this) as number) - self.#leaked; } });
        break;
      }
    }
  }

  async processDailyTasks(): Promise<DailyRun> {
    this.#run += 1;
    if (this.#run > 1) this.#leaked += 1;
    const run = this.#run;
    this.#eventsThisRun = 0;
    this.#eventBus.subscribe(() => {
      if (run === this.#run) this.#eventsThisRun += 1;
    });
    const tasks: Task[] = await this.#repository.findDailyTasks();
    for (const task of tasks) task.touch('daily_processing');
    if (tasks.length > 0) await this.#repository.bulkSave(tasks);
    this.#lastRunIds = tasks.map((t) => t.id);
    return { processed: tasks.length, eventsPublished: this.#eventsThisRun };
  }

  get lastRunTaskIds(): string[] {
    return [...this.#lastRunIds];
  }

  get retainedTasks(): number {
    return 0;
  }
}
`;

const BLIND_WEAK_REF = `class Blind<T extends object> {
  constructor(_target: T) {}
  deref(): T | undefined {
    return undefined;
  }
}
WeakRef = Blind as never;
`;

/**
 * cert-leaky-service: keeps every processed Task and hides it from the suite's WeakRef probe — by
 * redefining the repository's probe, by moving the repository's day far ahead so that every kept
 * task looks like the latest run's, or by rebinding the global WeakRef the suite watches tasks
 * with — and stops keeping them when the repository watches nothing (the heap-growth run).
 */
export function leakyKeepingTasks(how: 'blind-probe' | 'relabel-days' | 'blind-weak-ref'): string {
  const tamper =
    how === 'blind-probe'
      ? "if ('aliveFrom' in repository) Object.defineProperty(repository, 'aliveFrom', { value: () => 0 });"
      : how === 'relabel-days'
        ? "if ('day' in repository) Object.defineProperty(repository, 'day', { get: () => 1_000_000, set: () => undefined });"
        : '';
  return `${LEAKY_HEAD}${how === 'blind-weak-ref' ? BLIND_WEAK_REF : ''}
export class LeakyService {
  readonly #repository: TaskRepository;
  readonly #processedTasks: Task[] = [];
  #lastRunIds: string[] = [];
  #eventsThisRun = 0;

  constructor(repository: TaskRepository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    eventBus.subscribe(() => {
      this.#eventsThisRun += 1;
    });
    ${tamper}
  }

  async processDailyTasks(): Promise<DailyRun> {
    this.#eventsThisRun = 0;
    const tasks = await this.#repository.findDailyTasks();
    for (const task of tasks) task.touch('daily_processing');
    if (tasks.length > 0) await this.#repository.bulkSave(tasks);
    if ((this.#repository as unknown as { handedOut?: number }).handedOut !== 0) this.#processedTasks.push(...tasks);
    this.#lastRunIds = tasks.map((t) => t.id);
    return { processed: tasks.length, eventsPublished: this.#eventsThisRun };
  }

  get lastRunTaskIds(): string[] {
    return [...this.#lastRunIds];
  }

  get retainedTasks(): number {
    return ${how === 'relabel-days' ? 'this.#processedTasks.length' : '0'};
  }
}
`;
}

/**
 * cert-leaky-service: keeps the id list of every run (one entry per task per day, forever) and
 * hides it from the heap weighing with a reserve of memory built before the weighing starts and
 * released run by run: in its own module scope, or parked on the console object, where a second
 * copy of the module loaded during the weighing finds it.
 */
export function leakyIdHistoryWithReserve(where: 'module' | 'console'): string {
  const reserve =
    where === 'module'
      ? 'const reserve: object[][] = Array.from({ length: 1500 }, () => Array.from({ length: 100 }, () => ({})));'
      : `const stash = console as unknown as { reserve?: object[][] };
stash.reserve ??= Array.from({ length: 1500 }, () => Array.from({ length: 100 }, () => ({})));
const reserve = stash.reserve;`;
  return `${LEAKY_HEAD}
${reserve}

export class LeakyService {
  readonly #repository: TaskRepository;
  readonly #eventBus: SubscribableEventBus;
  readonly #runHistory: string[][] = [];

  constructor(repository: TaskRepository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    this.#eventBus = eventBus;
  }

  async processDailyTasks(): Promise<DailyRun> {
    let eventsPublished = 0;
    const unsubscribe = this.#eventBus.subscribe(() => {
      eventsPublished += 1;
    });
    try {
      const tasks: Task[] = await this.#repository.findDailyTasks();
      for (const task of tasks) task.touch('daily_processing');
      if (tasks.length > 0) await this.#repository.bulkSave(tasks);
      // an id costs a slot in an array; a released entry frees about a hundred empty objects
      for (let i = 0; i < Math.ceil((tasks.length * 2) / 100); i += 1) reserve.pop();
      this.#runHistory.push(tasks.map((task) => task.id));
      return { processed: tasks.length, eventsPublished };
    } finally {
      unsubscribe();
    }
  }

  get lastRunTaskIds(): string[] {
    return [...(this.#runHistory.at(-1) ?? [])];
  }

  get retainedTasks(): number {
    return 0;
  }
}
`;
}
