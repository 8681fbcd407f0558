// Visible checks for Exercise 1.2: run them while you work; the hidden suite checks every rule.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, ValidationError } from '@practicum/reference';
import { Project } from '../../starter/src/project.ts';

describe('Project (visible checks)', () => {
  it('starts with createdAt equal to updatedAt', () => {
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock: new FixedClock('2025-03-01T09:00:00Z') });
    expect(project.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
    expect(project.updatedAt).toEqual(project.createdAt);
  });

  it('rejects an empty name', () => {
    expect(() => new Project({ id: 'proj-1', name: '' }, { clock: new FixedClock('2025-03-01T09:00:00Z') })).toThrow(ValidationError);
  });

  it('rename moves updatedAt forward', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:01:00Z'));
  });

  it("refuses a direct change to a blank name in touch() and in save(), as the training plan's `project.name = ''` does", async () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const repository = new InMemoryRepository<Project>({ eventBus: new InMemoryEventBus(), clock });
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    clock.advance(60_000);
    project.name = '';
    expect(() => project.touch('name_updated')).toThrow(ValidationError);
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:00:00Z'));
    let refused: unknown = null;
    try {
      await repository.save(project);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    expect(repository.size).toBe(0);
  });
});
