// Visible check for Exercise 2.1, scenario 3: count the round trips of one bulk update.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';
import { BulkStatusService } from '../../starter/src/bulk-status-service.ts';

describe('BulkStatusService (visible check)', () => {
  it('does not load or save the tasks one by one', async () => {
    const clock = new FixedClock('2025-03-10T09:00:00Z');
    const repository = new InMemoryRepository<Task>({ eventBus: new InMemoryEventBus(), clock });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await repository.bulkSave(ids.map((id) => new Task({ id, title: `Task ${id}` }, { clock })));
    const before = { ...repository.stats };

    await new BulkStatusService(repository).bulkStatusUpdate(ids, 'done');

    expect(repository.stats.findById - before.findById).toBe(0);
    expect(repository.stats.save - before.save).toBe(0);
  });
});
