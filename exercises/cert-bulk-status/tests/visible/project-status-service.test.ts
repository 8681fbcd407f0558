// Visible check for the certification optimisation task: count the round trips of one update.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Project } from '../../starter/src/project.ts';
import { ProjectStatusService } from '../../starter/src/project-status-service.ts';

describe('ProjectStatusService (visible check)', () => {
  it('does not load, save or publish project by project', async () => {
    const clock = new FixedClock('2025-09-25T09:00:00Z');
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Project>({ eventBus: bus, clock });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await repository.bulkSave(ids.map((id) => new Project({ id, name: `Project ${id}` }, { clock })));
    const before = { ...repository.stats, publishCalls: bus.publishCalls };

    await new ProjectStatusService(repository).updateProjectStatuses(ids, 'on_hold');

    expect(repository.stats.findById - before.findById).toBe(0);
    expect(repository.stats.save - before.save).toBe(0);
    expect(bus.publishCalls - before.publishCalls).toBe(0);
  });
});
