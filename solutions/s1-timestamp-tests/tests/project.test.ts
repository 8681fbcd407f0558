// Reference tests for Exercise 1.3: every promise the Project makes about its timestamps,
// events, rules and stored format, each pinned by at least one assertion.
import { describe, it, expect } from 'vitest';
import { FixedClock, NaiveDateError, TimestampUpdatedEvent, ValidationError } from '@practicum/reference';
import { Project, type ProjectRecord } from '../src/project.ts';

const START = '2025-03-01T09:00:00Z';

function setup(owner?: string): { clock: FixedClock; project: Project } {
  const clock = new FixedClock(START);
  const props = owner === undefined ? { id: 'proj-1', name: 'Apollo' } : { id: 'proj-1', name: 'Apollo', owner };
  return { clock, project: new Project(props, { clock }) };
}

function updateReasons(project: Project): string[] {
  return project
    .getDomainEvents()
    .filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent)
    .map((e) => e.reason);
}

function record(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: 'proj-1',
    name: 'Apollo',
    description: '',
    owner: null,
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('automatic timestamps', () => {
  it('sets createdAt and updatedAt to the clock time, equal to each other', () => {
    const { project } = setup();
    expect(project.createdAt).toEqual(new Date(START));
    expect(project.updatedAt).toEqual(project.createdAt);
  });

  it('hands out copies of createdAt, so callers cannot change it', () => {
    const { project } = setup();
    project.createdAt.setTime(0);
    expect(project.createdAt).toEqual(new Date(START));
  });
});

describe('touching through changes', () => {
  it('rename moves updatedAt to the clock time and keeps createdAt', () => {
    const { clock, project } = setup();
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:01:00Z'));
    expect(project.createdAt).toEqual(new Date(START));
  });

  it("rename records one update event with the reason 'name_updated'", () => {
    const { clock, project } = setup();
    clock.advance(60_000);
    project.rename('Apollo 2');
    const [event] = project.getDomainEvents();
    expect(event).toBeInstanceOf(TimestampUpdatedEvent);
    expect(updateReasons(project)).toEqual(['name_updated']);
    expect(event?.entityId).toBe('proj-1');
  });

  it("describe moves updatedAt and records 'description_updated'", () => {
    const { clock, project } = setup();
    clock.advance(5_000);
    project.describe('Moon landing tooling');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:00:05Z'));
    expect(updateReasons(project)).toEqual(['description_updated']);
  });
});

describe('validation', () => {
  it('rejects blank names on creation', () => {
    const clock = new FixedClock(START);
    expect(() => new Project({ id: 'p', name: '' }, { clock })).toThrow(ValidationError);
    expect(() => new Project({ id: 'p', name: '   ' }, { clock })).toThrow(ValidationError);
  });

  it('accepts 100 characters and rejects 101', () => {
    const clock = new FixedClock(START);
    expect(new Project({ id: 'p', name: 'x'.repeat(100) }, { clock }).name).toHaveLength(100);
    expect(() => new Project({ id: 'p', name: 'x'.repeat(101) }, { clock })).toThrow(ValidationError);
  });

  it('a rejected rename throws and changes nothing', () => {
    const { clock, project } = setup();
    clock.advance(60_000);
    expect(() => project.rename('')).toThrow(ValidationError);
    expect(project.name).toBe('Apollo');
    expect(project.updatedAt).toEqual(new Date(START));
    expect(project.getDomainEvents()).toHaveLength(0);
  });

  it('checks the owner email on creation and on changeOwner', () => {
    expect(() => setup('not-an-email')).toThrow(ValidationError);
    const { project } = setup('dev@company.com');
    expect(() => project.changeOwner('nobody')).toThrow(ValidationError);
    expect(project.owner).toBe('dev@company.com');
  });
});

describe('stored format', () => {
  it('writes timestamps as UTC ISO-8601 strings', () => {
    const { clock, project } = setup();
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.toRecord()).toMatchObject({ createdAt: '2025-03-01T09:00:00.000Z', updatedAt: '2025-03-01T09:01:00.000Z' });
  });

  it('reads back exactly what it wrote', () => {
    const loaded = Project.fromRecord(record(), new FixedClock(START));
    expect(loaded.createdAt).toEqual(new Date('2025-03-01T09:00:00Z'));
    expect(loaded.updatedAt).toEqual(new Date('2025-03-01T10:00:00Z'));
    expect(loaded.toRecord()).toEqual(record());
  });

  it('rejects stored timestamps without a time zone', () => {
    expect(() => Project.fromRecord(record({ createdAt: '2025-03-01T09:00:00' }))).toThrow(NaiveDateError);
  });
});
