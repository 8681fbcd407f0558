// Wrong: thorough on creation, changes, events and validation, but "both are UTC" is checked on the
// Date objects (whose toISOString() always ends in Z), never where the zone can be lost: the stored
// record and reading it back. Catches 8 of 10 broken copies (the pass mark), yet both UTC bugs get
// through, so it must not pass.
import { describe, it, expect } from 'vitest';
import { FixedClock, TimestampUpdatedEvent, ValidationError } from '@practicum/reference';
import { Project } from '../src/project.ts';

const START = '2025-03-01T09:00:00Z';

function setup(): { clock: FixedClock; project: Project } {
  const clock = new FixedClock(START);
  return { clock, project: new Project({ id: 'proj-1', name: 'Apollo' }, { clock }) };
}

function reasons(project: Project): string[] {
  return project
    .getDomainEvents()
    .filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent)
    .map((e) => e.reason);
}

describe('Project', () => {
  it('sets both timestamps from the clock, equal, in UTC', () => {
    const { project } = setup();
    expect(project.createdAt).toEqual(new Date(START));
    expect(project.updatedAt).toEqual(project.createdAt);
    expect(project.createdAt.toISOString().endsWith('Z')).toBe(true);
    expect(project.updatedAt.toISOString().endsWith('Z')).toBe(true);
  });

  it('keeps createdAt when the returned Date is changed', () => {
    const { project } = setup();
    project.createdAt.setTime(0);
    expect(project.createdAt).toEqual(new Date(START));
  });

  it('rename moves updatedAt and records name_updated', () => {
    const { clock, project } = setup();
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:01:00Z'));
    expect(reasons(project)).toEqual(['name_updated']);
  });

  it('describe moves updatedAt and records description_updated', () => {
    const { clock, project } = setup();
    clock.advance(5_000);
    project.describe('Moon tooling');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:00:05Z'));
    expect(reasons(project)).toEqual(['description_updated']);
  });

  it('validates the name on creation and on rename', () => {
    const clock = new FixedClock(START);
    expect(() => new Project({ id: 'p', name: '   ' }, { clock })).toThrow(ValidationError);
    expect(new Project({ id: 'p', name: 'x'.repeat(100) }, { clock }).name).toHaveLength(100);
    expect(() => new Project({ id: 'p', name: 'x'.repeat(101) }, { clock })).toThrow(ValidationError);
    const { project } = setup();
    expect(() => project.rename('')).toThrow(ValidationError);
    expect(project.name).toBe('Apollo');
  });

  it('validates the owner on changeOwner', () => {
    const { project } = setup();
    expect(() => project.changeOwner('nobody')).toThrow(ValidationError);
  });
});
