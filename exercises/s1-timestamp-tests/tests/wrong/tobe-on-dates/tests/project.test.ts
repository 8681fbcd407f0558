// Wrong: compares Dates with toBe (identity), not toEqual (the instant). createdAt and updatedAt
// hand out copies, so these tests fail on the correct Project and the submission earns nothing.
import { describe, it, expect } from 'vitest';
import { FixedClock, TimestampUpdatedEvent, ValidationError } from '@practicum/reference';
import { Project } from '../src/project.ts';

describe('Project', () => {
  it('starts with updatedAt equal to createdAt', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    expect(project.updatedAt).toBe(project.createdAt);
  });

  it('rename moves updatedAt to the clock time', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.updatedAt).toBe(clock.now());
    expect(project.getDomainEvents()[0]).toBeInstanceOf(TimestampUpdatedEvent);
  });

  it('rejects a blank rename', () => {
    const clock = new FixedClock('2025-03-01T09:00:00Z');
    const project = new Project({ id: 'proj-1', name: 'Apollo' }, { clock });
    expect(() => project.rename(' ')).toThrow(ValidationError);
  });
});
