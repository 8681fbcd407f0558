// Hidden suite for the certification optimisation task: the status update keeps its behaviour
// (all or nothing, unchanged projects skipped) with one findByIds, one bulkSave and one
// publishBatch, whatever the number of projects. Round trips are counted twice, by the
// repository's own stats and underneath it where the storage is read and written, and publishes
// by a bus whose counters only the test can read — nothing the code under test does goes uncounted.
// The storage belongs to this file (no inherited storage method reads it uncounted), and the bus,
// the repository, the clock and their classes are frozen before the service sees them, so the
// service can neither redefine a counter nor swap a counting method.
import { describe, it, expect } from 'vitest';
import {
  AdvancingClock,
  FixedClock,
  TimestampRepository,
  NotFoundError,
  TimestampUpdatedEvent,
  ValidationError,
  type Clock,
  type DomainEvent,
  type EventBus,
  type RepositoryStats,
} from '@practicum/reference';
import { Project, type ProjectStatus } from '../../starter/src/project.ts';
import { ProjectStatusService } from '../../starter/src/project-status-service.ts';

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Counts what reaches the bus; its counters are private, so only the test reads them. */
class CountingBus implements EventBus {
  readonly #events: DomainEvent[] = [];
  #publishCalls = 0;
  #batchCalls = 0;

  get published(): readonly DomainEvent[] {
    return [...this.#events];
  }

  get publishCalls(): number {
    return this.#publishCalls;
  }

  get batchCalls(): number {
    return this.#batchCalls;
  }

  /** Forgets everything received so far. */
  forget(): void {
    this.#events.length = 0;
    this.#publishCalls = 0;
    this.#batchCalls = 0;
  }

  publish(event: DomainEvent): void {
    this.#publishCalls += 1;
    this.#events.push(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    this.#batchCalls += 1;
    this.#events.push(...events);
  }
}

/**
 * An in-memory repository like the course's (it keeps the project objects themselves), whose
 * storage only this class can reach: every read and write of it is counted here.
 */
class CountedStorageRepository extends TimestampRepository<Project> {
  readonly #rows = new Map<string, { project: Project; version: number }>();
  #reads = 0;
  #writes = 0;

  get storageReads(): number {
    return this.#reads;
  }

  get storageWrites(): number {
    return this.#writes;
  }

  protected async loadOne(id: string): Promise<Project | null> {
    this.#reads += 1;
    const row = this.#rows.get(id);
    return row && !row.project.isDeleted ? row.project : null;
  }

  protected async loadMany(ids: readonly string[]): Promise<Project[]> {
    this.#reads += 1;
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row && !row.project.isDeleted ? [row.project] : [];
    });
  }

  protected async loadUpdatedSince(since: Date): Promise<Project[]> {
    this.#reads += 1;
    return [...this.#rows.values()]
      .filter((row) => !row.project.isDeleted && row.version > since.getTime())
      .sort((a, b) => a.version - b.version)
      .map((row) => row.project);
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.version) : null;
  }

  protected async persist(entity: Project): Promise<void> {
    this.#writes += 1;
    this.#rows.set(entity.id, { project: entity, version: entity.updatedAt.getTime() });
  }

  protected async persistMany(entities: readonly Project[]): Promise<void> {
    this.#writes += 1;
    for (const entity of entities) this.#rows.set(entity.id, { project: entity, version: entity.updatedAt.getTime() });
  }
}

/** The object, frozen, with its type (private members included) intact. */
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

// the measuring classes cannot be changed by the code under test (their instances are frozen too)
for (const measuring of [CountingBus, CountedStorageRepository]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}

const START = '2025-09-25T09:00:00Z';

interface Portfolio {
  bus: CountingBus;
  repository: CountedStorageRepository;
  service: ProjectStatusService;
  ids: string[];
}

/** `size` projects stored at START; a fixed clock then moves on one minute. */
async function portfolio(size: number, statuses: Partial<Record<number, ProjectStatus>> = {}, clock: Clock = new FixedClock(START)): Promise<Portfolio> {
  const bus = frozen(new CountingBus());
  const repository = frozen(new CountedStorageRepository({ eventBus: bus, clock: frozen(clock) }));
  const ids = Array.from({ length: size }, (_, i) => `prj-${String(i + 1).padStart(3, '0')}`);
  await repository.bulkSave(ids.map((id, i) => new Project({ id, name: `Project ${id}`, status: statuses[i] ?? 'active' }, { clock })));
  bus.forget();
  if (clock instanceof FixedClock) clock.advance(60_000);
  return { bus, repository, service: new ProjectStatusService(repository), ids };
}

interface Usage {
  repo: RepositoryStats;
  storageReads: number;
  storageWrites: number;
  publishCalls: number;
  batchCalls: number;
  published: number;
}

async function measure(p: Portfolio, action: () => Promise<unknown>): Promise<Usage> {
  const before = { ...p.repository.stats };
  const [reads, writes] = [p.repository.storageReads, p.repository.storageWrites];
  const [publishCalls, batchCalls, published] = [p.bus.publishCalls, p.bus.batchCalls, p.bus.published.length];
  await action();
  const after = p.repository.stats;
  return {
    repo: {
      findById: after.findById - before.findById,
      findByIds: after.findByIds - before.findByIds,
      findUpdatedSince: after.findUpdatedSince - before.findUpdatedSince,
      save: after.save - before.save,
      bulkSave: after.bulkSave - before.bulkSave,
      queries: after.queries - before.queries,
    },
    storageReads: p.repository.storageReads - reads,
    storageWrites: p.repository.storageWrites - writes,
    publishCalls: p.bus.publishCalls - publishCalls,
    batchCalls: p.bus.batchCalls - batchCalls,
    published: p.bus.published.length - published,
  };
}

const statusesOf = async (p: Portfolio): Promise<ProjectStatus[]> => (await p.repository.findByIds(p.ids)).map((project) => project.status);
const updatesOf = (p: Portfolio, id: string): number => p.bus.published.filter((e) => e instanceof TimestampUpdatedEvent && e.entityId === id).length;

describe('updateProjectStatuses — behaviour', () => {
  it('moves every listed project to the new status and stores it', async () => {
    const p = await portfolio(5);
    await p.service.updateProjectStatuses(p.ids.slice(0, 3), 'on_hold');
    expect(await statusesOf(p)).toEqual(['on_hold', 'on_hold', 'on_hold', 'active', 'active']);
  });

  it('publishes a TimestampUpdated event for every changed project and moves its updatedAt', async () => {
    const p = await portfolio(4);
    await p.service.updateProjectStatuses(p.ids, 'completed');
    const updated = new Set(p.bus.published.filter((e) => e instanceof TimestampUpdatedEvent).map((e) => e.entityId));
    expect([...updated].sort()).toEqual(p.ids);
    for (const project of await p.repository.findByIds(p.ids)) {
      expect(project.updatedAt.getTime(), project.id).toBeGreaterThanOrEqual(Date.parse('2025-09-25T09:01:00Z'));
    }
  });

  it('gives every changed project the same updatedAt: one instant for the whole update', async () => {
    // every reading of this clock is one second later than the one before
    const p = await portfolio(6, { 2: 'on_hold' }, new AdvancingClock(START, 1_000));
    const stored = Math.max(...(await p.repository.findByIds(p.ids)).map((project) => project.updatedAt.getTime()));
    await p.service.updateProjectStatuses(p.ids, 'on_hold');
    const changed = (await p.repository.findByIds(p.ids)).filter((project) => project.id !== 'prj-003');
    const instants = new Set(changed.map((project) => project.updatedAt.getTime()));
    expect(instants.size).toBe(1);
    expect([...instants][0]).toBeGreaterThan(stored);
  });

  it('returns how many projects changed and leaves those already at the status alone', async () => {
    const p = await portfolio(4, { 1: 'completed', 3: 'completed' });
    const changed = await p.service.updateProjectStatuses(p.ids, 'completed');
    expect(changed).toBe(2);
    const touched = new Set(p.bus.published.map((e) => e.entityId));
    expect([...touched].sort()).toEqual(['prj-001', 'prj-003']);
    const [, second] = await p.repository.findByIds(['prj-001', 'prj-002']);
    expect(second?.updatedAt).toEqual(new Date(START));
  });

  it('fails with NotFoundError for an unknown id, and changes, stores and publishes nothing', async () => {
    const p = await portfolio(3);
    let error: unknown;
    const used = await measure(p, async () => {
      error = await rejectionOf(p.service.updateProjectStatuses(['prj-001', 'prj-404', 'prj-003'], 'on_hold'));
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await statusesOf(p)).toEqual(['active', 'active', 'active']);
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('refuses to move an archived project with a ValidationError, and changes, stores and publishes nothing', async () => {
    const p = await portfolio(4, { 2: 'archived' });
    let error: unknown;
    const used = await measure(p, async () => {
      error = await rejectionOf(p.service.updateProjectStatuses(p.ids, 'on_hold'));
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(await statusesOf(p)).toEqual(['active', 'active', 'archived', 'active']);
    for (const project of await p.repository.findByIds(p.ids)) expect(project.updatedAt, project.id).toEqual(new Date(START));
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('leaves an archived project alone when the new status is archived: it is already there, not refused', async () => {
    const p = await portfolio(3, { 1: 'archived' });
    const changed = await p.service.updateProjectStatuses(p.ids, 'archived');
    expect(changed).toBe(2);
    expect(await statusesOf(p)).toEqual(['archived', 'archived', 'archived']);
    expect(updatesOf(p, 'prj-002')).toBe(0);
    expect((await p.repository.getById('prj-002')).updatedAt).toEqual(new Date(START));
  });

  it('updates a project listed twice once, without failing', async () => {
    const p = await portfolio(2);
    const changed = await p.service.updateProjectStatuses(['prj-001', 'prj-002', 'prj-001'], 'on_hold');
    expect(changed).toBe(2);
    expect(await statusesOf(p)).toEqual(['on_hold', 'on_hold']);
    expect(updatesOf(p, 'prj-001')).toBe(updatesOf(p, 'prj-002'));
  });
});

describe('updateProjectStatuses — round trips', () => {
  it('loads the projects with one findByIds call, not one findById per project', async () => {
    const p = await portfolio(25);
    const used = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'on_hold'));
    expect(used.repo.findById).toBe(0);
    expect(used.repo.findByIds).toBe(1);
    expect(used.storageReads).toBe(1);
  });

  it('stores the projects with one bulkSave call, not one save per project', async () => {
    const p = await portfolio(25);
    const used = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'on_hold'));
    expect(used.repo.save).toBe(0);
    expect(used.repo.bulkSave).toBe(1);
    expect(used.storageWrites).toBe(1);
  });

  it('publishes the events in one batch instead of one publish call per event', async () => {
    const p = await portfolio(25);
    const used = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'on_hold'));
    expect(used.publishCalls).toBe(0);
    expect(used.batchCalls).toBe(1);
    expect(used.published).toBeGreaterThanOrEqual(25);
  });

  it('needs the same number of round trips for 3 projects as for 60', async () => {
    const small = await portfolio(3);
    const large = await portfolio(60);
    const forSmall = await measure(small, () => small.service.updateProjectStatuses(small.ids, 'completed'));
    const forLarge = await measure(large, () => large.service.updateProjectStatuses(large.ids, 'completed'));
    expect(forLarge.repo.queries).toBe(forSmall.repo.queries);
    expect(forLarge.storageReads + forLarge.storageWrites).toBe(forSmall.storageReads + forSmall.storageWrites);
    expect(forLarge.batchCalls + forLarge.publishCalls).toBe(forSmall.batchCalls + forSmall.publishCalls);
  });

  it('loads the projects again for every update: the second update of the same projects costs what the first did', async () => {
    const p = await portfolio(10);
    const first = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'on_hold'));
    const second = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'completed'));
    expect(second.repo).toEqual(first.repo);
    expect(second.storageReads).toBe(1);
    expect(await statusesOf(p)).toEqual(p.ids.map(() => 'completed'));
  });

  it('writes and publishes nothing when every project already has the status', async () => {
    const p = await portfolio(4, { 0: 'on_hold', 1: 'on_hold', 2: 'on_hold', 3: 'on_hold' });
    let changed: unknown;
    const used = await measure(p, async () => {
      changed = await p.service.updateProjectStatuses(p.ids, 'on_hold');
    });
    expect(changed).toBe(0);
    expect(used.repo.findByIds).toBe(1);
    expect(used.repo.findById + used.repo.save + used.repo.bulkSave).toBe(0);
    expect(used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });

  it('makes no round trip for an empty list', async () => {
    const p = await portfolio(3);
    let changed: unknown;
    const used = await measure(p, async () => {
      changed = await p.service.updateProjectStatuses([], 'on_hold');
    });
    expect(changed).toBe(0);
    expect(used.repo.queries).toBe(0);
    expect(used.storageReads + used.storageWrites).toBe(0);
    expect(used.published).toBe(0);
  });
});
