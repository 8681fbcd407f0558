// Hidden suite for Exercise 2.1, scenario 1: the worker's touched tasks must be saved, so their
// events are published and cleared instead of piling up in memory.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, TimestampUpdatedEvent, type DomainEvent } from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';
import { TaskProcessingService } from '../../starter/src/task-processing-service.ts';

const START = '2025-03-10T02:00:00Z';
const IDS = ['t1', 't2', 't3'];

async function setup(): Promise<{ clock: FixedClock; bus: InMemoryEventBus; repository: InMemoryRepository<Task>; service: TaskProcessingService }> {
  const clock = new FixedClock(START);
  const bus = new InMemoryEventBus();
  const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
  for (const id of IDS) await repository.save(new Task({ id, title: `Task ${id}` }, { clock }));
  bus.clear();
  clock.advance(60_000);
  return { clock, bus, repository, service: new TaskProcessingService(repository) };
}

function processingEventsFor(events: readonly DomainEvent[], entityId: string): TimestampUpdatedEvent[] {
  return events.filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent && e.entityId === entityId && e.reason === 'processing');
}

describe('TaskProcessingService.processTasks', () => {
  it("publishes a 'processing' update for every task it processes", async () => {
    const { bus, service } = await setup();
    await service.processTasks(IDS);
    for (const id of IDS) expect(processingEventsFor(bus.published, id), id).toHaveLength(1);
  });

  it('leaves no pending domain events on the tasks it returns', async () => {
    const { service } = await setup();
    const processed = await service.processTasks(IDS);
    expect(processed.map((t) => t.id)).toEqual(IDS);
    for (const task of processed) expect(task.getDomainEvents(), task.id).toHaveLength(0);
  });

  it('leaves no pending domain events on the stored tasks', async () => {
    const { repository, service } = await setup();
    await service.processTasks(IDS);
    for (const id of IDS) expect((await repository.getById(id)).getDomainEvents(), id).toHaveLength(0);
  });

  it('does not pile up events when the worker runs again and again', async () => {
    const { clock, bus, repository, service } = await setup();
    for (let run = 0; run < 5; run += 1) {
      await service.processTasks(IDS);
      clock.advance(60_000);
    }
    for (const id of IDS) {
      expect((await repository.getById(id)).getDomainEvents(), id).toHaveLength(0);
      expect(processingEventsFor(bus.published, id), id).toHaveLength(5);
    }
  });

  it('stores the new updatedAt of every processed task', async () => {
    const { repository, service } = await setup();
    await service.processTasks(IDS);
    const stored = await repository.findUpdatedSince('2025-03-10T02:00:30Z');
    expect(stored.map((t) => t.id).sort()).toEqual(IDS);
    for (const task of stored) expect(task.updatedAt.getTime(), task.id).toBeGreaterThanOrEqual(Date.parse('2025-03-10T02:01:00Z'));
  });

  it('skips ids that do not exist and still processes the rest', async () => {
    const { bus, service } = await setup();
    const processed = await service.processTasks(['t1', 'missing', 't3']);
    expect(processed.map((t) => t.id)).toEqual(['t1', 't3']);
    expect(processingEventsFor(bus.published, 't1')).toHaveLength(1);
    expect(processingEventsFor(bus.published, 't3')).toHaveLength(1);
    expect(processingEventsFor(bus.published, 't2')).toHaveLength(0);
  });
});
