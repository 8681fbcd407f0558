// Visible reproduction for Exercise 2.1, scenario 1: run it to see the leak.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';
import { TaskProcessingService } from '../../starter/src/task-processing-service.ts';

describe('TaskProcessingService (visible reproduction)', () => {
  it('publishes the processing events and leaves none behind', async () => {
    const clock = new FixedClock('2025-03-10T02:00:00Z');
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
    await repository.save(new Task({ id: 't1', title: 'Nightly sync' }, { clock }));
    bus.clear();
    clock.advance(60_000);

    const [task] = await new TaskProcessingService(repository).processTasks(['t1']);

    expect(bus.published.map((e) => e.type)).toContain('TimestampUpdated');
    expect(task?.getDomainEvents()).toEqual([]);
  });
});
