// Hidden suite for Exercise 2.1, scenario 3: the bulk status update must keep its behaviour while
// using a constant number of repository round trips and one batch publish, whatever the size.
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  NotFoundError,
  TimestampUpdatedEvent,
  type RepositoryStats,
} from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';
import { BulkStatusService } from '../../starter/src/bulk-status-service.ts';

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

interface Board {
  clock: FixedClock;
  bus: InMemoryEventBus;
  repository: InMemoryRepository<Task>;
  service: BulkStatusService;
  ids: string[];
}

async function board(size: number): Promise<Board> {
  const clock = new FixedClock('2025-03-10T09:00:00Z');
  const bus = new InMemoryEventBus();
  const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
  const ids = Array.from({ length: size }, (_, i) => `task-${String(i + 1).padStart(3, '0')}`);
  await repository.bulkSave(ids.map((id) => new Task({ id, title: `Task ${id}` }, { clock })));
  clock.advance(60_000);
  return { clock, bus, repository, service: new BulkStatusService(repository), ids };
}

/** Round trips and bus calls made while `action` runs. */
async function measure(b: Board, action: () => Promise<void>): Promise<{ repo: RepositoryStats; publishCalls: number; batchCalls: number; published: number }> {
  const repoBefore = { ...b.repository.stats };
  const [publishBefore, batchBefore, publishedBefore] = [b.bus.publishCalls, b.bus.batchCalls, b.bus.published.length];
  await action();
  const after = b.repository.stats;
  return {
    repo: {
      findById: after.findById - repoBefore.findById,
      findByIds: after.findByIds - repoBefore.findByIds,
      findUpdatedSince: after.findUpdatedSince - repoBefore.findUpdatedSince,
      save: after.save - repoBefore.save,
      bulkSave: after.bulkSave - repoBefore.bulkSave,
      queries: after.queries - repoBefore.queries,
    },
    publishCalls: b.bus.publishCalls - publishBefore,
    batchCalls: b.bus.batchCalls - batchBefore,
    published: b.bus.published.length - publishedBefore,
  };
}

describe('BulkStatusService.bulkStatusUpdate — behaviour', () => {
  it('moves every listed task to the new status and stores it', async () => {
    const b = await board(5);
    await b.service.bulkStatusUpdate(b.ids.slice(0, 3), 'done');
    const stored = await b.repository.findByIds(b.ids);
    expect(stored.map((t) => [t.id, t.status])).toEqual([
      ['task-001', 'done'],
      ['task-002', 'done'],
      ['task-003', 'done'],
      ['task-004', 'todo'],
      ['task-005', 'todo'],
    ]);
  });

  it('publishes a TimestampUpdated event for every updated task', async () => {
    const b = await board(4);
    await b.service.bulkStatusUpdate(b.ids, 'in_progress');
    const updated = new Set(b.bus.published.filter((e) => e instanceof TimestampUpdatedEvent).map((e) => e.entityId));
    expect([...updated].sort()).toEqual(b.ids);
  });

  it('moves updatedAt of every task to the time of the update', async () => {
    const b = await board(4);
    await b.service.bulkStatusUpdate(b.ids, 'in_progress');
    for (const task of await b.repository.findByIds(b.ids)) {
      expect(task.updatedAt.getTime(), task.id).toBeGreaterThanOrEqual(Date.parse('2025-03-10T09:01:00Z'));
    }
  });

  it('fails the whole update with NotFoundError when an id is unknown, changing nothing', async () => {
    const b = await board(3);
    expect(await rejectionOf(b.service.bulkStatusUpdate(['task-001', 'task-404', 'task-003'], 'done'))).toBeInstanceOf(NotFoundError);
    const stored = await b.repository.findByIds(b.ids);
    expect(stored.map((t) => t.status)).toEqual(['todo', 'todo', 'todo']);
  });

  it('updates a task listed twice once, without failing', async () => {
    const b = await board(2);
    await b.service.bulkStatusUpdate(['task-001', 'task-002', 'task-001'], 'done');
    const stored = await b.repository.findByIds(b.ids);
    expect(stored.map((t) => t.status)).toEqual(['done', 'done']);
  });
});

describe('BulkStatusService.bulkStatusUpdate — round trips', () => {
  it('loads the tasks with one findByIds call, not one findById per task', async () => {
    const b = await board(20);
    const used = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(used.repo.findById).toBe(0);
    expect(used.repo.findByIds).toBe(1);
  });

  it('stores the tasks with one bulkSave call, not one save per task', async () => {
    const b = await board(20);
    const used = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(used.repo.save).toBe(0);
    expect(used.repo.bulkSave).toBe(1);
  });

  it('publishes the events in one batch instead of one publish call per event', async () => {
    const b = await board(20);
    const used = await measure(b, () => b.service.bulkStatusUpdate(b.ids, 'done'));
    expect(used.publishCalls).toBe(0);
    expect(used.batchCalls).toBe(1);
    expect(used.published).toBeGreaterThanOrEqual(20);
  });

  it('needs the same number of round trips for 3 tasks as for 60', async () => {
    const small = await board(3);
    const large = await board(60);
    const forSmall = await measure(small, () => small.service.bulkStatusUpdate(small.ids, 'done'));
    const forLarge = await measure(large, () => large.service.bulkStatusUpdate(large.ids, 'done'));
    expect(forLarge.repo.queries).toBe(forSmall.repo.queries);
    expect(forLarge.batchCalls + forLarge.publishCalls).toBe(forSmall.batchCalls + forSmall.publishCalls);
  });

  it('makes no round trip and publishes nothing for an empty list', async () => {
    const b = await board(3);
    const used = await measure(b, () => b.service.bulkStatusUpdate([], 'done'));
    expect(used.repo.queries).toBe(0);
    expect(used.published).toBe(0);
  });
});
