// Visible reproduction for the certification troubleshooting task: run it to watch things grow.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus } from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';
import { TaskRepository } from '../../starter/src/task-repository.ts';
import { LeakyService } from '../../starter/src/leaky-service.ts';

describe('LeakyService (visible reproduction)', () => {
  it('leaves nothing behind after three daily runs', async () => {
    const clock = new FixedClock('2025-09-01T03:00:00Z');
    const bus = new InMemoryEventBus();
    const repository = new TaskRepository({ eventBus: bus, clock });
    await repository.save(new Task({ id: 'd1', title: 'Rotate logs', recurrence: 'daily' }, { clock }));
    const service = new LeakyService(repository, bus);

    for (let day = 0; day < 3; day += 1) {
      clock.advance(24 * 60 * 60 * 1000);
      await service.processDailyTasks();
    }

    expect((await repository.getById('d1')).getDomainEvents()).toHaveLength(0);
    expect(service.retainedTasks).toBeLessThanOrEqual(1);
  });
});
