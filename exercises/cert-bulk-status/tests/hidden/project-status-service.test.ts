// Hidden suite for the certification optimisation task: the status update keeps its behaviour
// (all or nothing, unchanged projects skipped) with one findByIds, one bulkSave and one
// publishBatch, whatever the number of projects.
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  NotFoundError,
  TimestampUpdatedEvent,
  ValidationError,
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

const START = '2025-09-25T09:00:00Z';

interface Portfolio {
  bus: InMemoryEventBus;
  repository: InMemoryRepository<Project>;
  service: ProjectStatusService;
  ids: string[];
}

async function portfolio(size: number, statuses: Partial<Record<number, ProjectStatus>> = {}): Promise<Portfolio> {
  const clock = new FixedClock(START);
  const bus = new InMemoryEventBus();
  const repository = new InMemoryRepository<Project>({ eventBus: bus, clock });
  const ids = Array.from({ length: size }, (_, i) => `prj-${String(i + 1).padStart(3, '0')}`);
  await repository.bulkSave(ids.map((id, i) => new Project({ id, name: `Project ${id}`, status: statuses[i] ?? 'active' }, { clock })));
  bus.clear();
  clock.advance(60_000);
  return { bus, repository, service: new ProjectStatusService(repository), ids };
}

interface Usage {
  repo: RepositoryStats;
  publishCalls: number;
  batchCalls: number;
  published: number;
}

async function measure(p: Portfolio, action: () => Promise<unknown>): Promise<Usage> {
  const before = { ...p.repository.stats };
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
    publishCalls: p.bus.publishCalls - publishCalls,
    batchCalls: p.bus.batchCalls - batchCalls,
    published: p.bus.published.length - published,
  };
}

const statusesOf = async (p: Portfolio): Promise<ProjectStatus[]> => (await p.repository.findByIds(p.ids)).map((project) => project.status);

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

  it('returns how many projects changed and leaves those already at the status alone', async () => {
    const p = await portfolio(4, { 1: 'completed', 3: 'completed' });
    const changed = await p.service.updateProjectStatuses(p.ids, 'completed');
    expect(changed).toBe(2);
    const touched = new Set(p.bus.published.map((e) => e.entityId));
    expect([...touched].sort()).toEqual(['prj-001', 'prj-003']);
    const [, second] = await p.repository.findByIds(['prj-001', 'prj-002']);
    expect(second?.updatedAt).toEqual(new Date(START));
  });

  it('fails with NotFoundError for an unknown id and changes nothing', async () => {
    const p = await portfolio(3);
    expect(await rejectionOf(p.service.updateProjectStatuses(['prj-001', 'prj-404', 'prj-003'], 'on_hold'))).toBeInstanceOf(NotFoundError);
    expect(await statusesOf(p)).toEqual(['active', 'active', 'active']);
    expect(p.bus.published).toHaveLength(0);
  });

  it('refuses to move an archived project with a ValidationError and changes none of the others', async () => {
    const p = await portfolio(3, { 2: 'archived' });
    expect(await rejectionOf(p.service.updateProjectStatuses(p.ids, 'on_hold'))).toBeInstanceOf(ValidationError);
    expect(await statusesOf(p)).toEqual(['active', 'active', 'archived']);
    expect(p.bus.published).toHaveLength(0);
  });

  it('updates a project listed twice once, without failing', async () => {
    const p = await portfolio(2);
    const changed = await p.service.updateProjectStatuses(['prj-001', 'prj-002', 'prj-001'], 'on_hold');
    expect(changed).toBe(2);
    expect(await statusesOf(p)).toEqual(['on_hold', 'on_hold']);
  });
});

describe('updateProjectStatuses — round trips', () => {
  it('loads the projects with one findByIds call, not one findById per project', async () => {
    const p = await portfolio(25);
    const used = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'on_hold'));
    expect(used.repo.findById).toBe(0);
    expect(used.repo.findByIds).toBe(1);
  });

  it('stores the projects with one bulkSave call, not one save per project', async () => {
    const p = await portfolio(25);
    const used = await measure(p, () => p.service.updateProjectStatuses(p.ids, 'on_hold'));
    expect(used.repo.save).toBe(0);
    expect(used.repo.bulkSave).toBe(1);
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
    expect(forLarge.batchCalls + forLarge.publishCalls).toBe(forSmall.batchCalls + forSmall.publishCalls);
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
    expect(used.published).toBe(0);
  });
});
