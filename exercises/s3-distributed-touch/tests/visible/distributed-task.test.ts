// Visible checks for the distributed-touch scenario: run them while you work; the hidden suite checks every rule.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, ValidationError } from '@practicum/reference';
import { DistributedTask } from '../../starter/src/distributed-task.ts';

describe('DistributedTask (visible checks)', () => {
  it("takes its timestamps from the coordinator", () => {
    const coordinator = new FixedClock('2025-06-01T10:00:02Z');
    const task = new DistributedTask({ id: 'd-1', title: 'Replicate index' }, { coordinator, localClock: new FixedClock('2025-06-01T10:00:00Z') });
    coordinator.advance(1_000);
    task.touch('synced');
    expect(task.updatedAt).toEqual(new Date('2025-06-01T10:00:03Z'));
  });

  it('changes nothing when the task is invalid', () => {
    const coordinator = new FixedClock('2025-06-01T10:00:02Z');
    const task = new DistributedTask({ id: 'd-1', title: 'Replicate index' }, { coordinator, localClock: new FixedClock('2025-06-01T10:00:00Z') });
    const before = task.updatedAt;
    coordinator.advance(1_000);
    task.title = '';
    expect(() => task.touch('synced')).toThrow(ValidationError);
    expect(task.updatedAt).toEqual(before);
  });

  it('refuses to save a task whose title was changed directly to a blank one', async () => {
    const local = new FixedClock('2025-06-01T10:00:00Z');
    const task = new DistributedTask({ id: 'd-1', title: 'Replicate index' }, { coordinator: new FixedClock('2025-06-01T10:00:02Z'), localClock: local });
    const repository = new InMemoryRepository<DistributedTask>({ eventBus: new InMemoryEventBus(), clock: local });
    task.title = '';
    let refused: unknown = null;
    try {
      await repository.save(task);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    expect(repository.size).toBe(0);
  });
});
