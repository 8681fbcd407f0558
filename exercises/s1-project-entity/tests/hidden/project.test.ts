// Hidden suite for Exercise 1.2: the Project entity's fields, rules, updates and first save.
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  TimestampUpdatedEvent,
  ValidationError,
  type BaseTimestampEntity,
} from '@practicum/reference';
import { Project } from '../../starter/src/project.ts';

const START = '2025-03-01T09:00:00Z';

function newProject(clock = new FixedClock(START), owner?: string): Project {
  return new Project(owner === undefined ? { id: 'proj-1', name: 'Apollo' } : { id: 'proj-1', name: 'Apollo', owner }, { clock });
}

function validationErrorOf(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

function updatedEvents(entity: BaseTimestampEntity): TimestampUpdatedEvent[] {
  return entity.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
}

describe('1. Creating a project', () => {
  it('sets createdAt and updatedAt to the same instant from the clock', () => {
    const project = newProject();
    expect(project.createdAt).toEqual(new Date(START));
    expect(project.updatedAt).toEqual(project.createdAt);
  });

  it('uses its id as the entity id', () => {
    expect(newProject().entityId).toBe('proj-1');
  });

  it('keeps name, description and owner, with an empty description by default', () => {
    const clock = new FixedClock(START);
    const full = new Project({ id: 'p2', name: 'Zeus', description: 'Billing rewrite', owner: 'lead@company.com' }, { clock });
    expect([full.name, full.description, full.owner]).toEqual(['Zeus', 'Billing rewrite', 'lead@company.com']);
    const bare = newProject(clock);
    expect(bare.description).toBe('');
    expect(bare.owner).toBeUndefined();
  });
});

describe('2. Validation rules', () => {
  it('rejects an empty name with a ValidationError on the name field', () => {
    const error = validationErrorOf(() => new Project({ id: 'p', name: '' }, { clock: new FixedClock(START) }));
    expect(error.field).toBe('name');
  });

  it('rejects a name made only of spaces', () => {
    const error = validationErrorOf(() => new Project({ id: 'p', name: '   ' }, { clock: new FixedClock(START) }));
    expect(error.field).toBe('name');
  });

  it('accepts a name of exactly 100 characters', () => {
    const project = new Project({ id: 'p', name: 'x'.repeat(100) }, { clock: new FixedClock(START) });
    expect(project.name).toHaveLength(100);
  });

  it('rejects a name longer than 100 characters', () => {
    const error = validationErrorOf(() => new Project({ id: 'p', name: 'x'.repeat(101) }, { clock: new FixedClock(START) }));
    expect(error.field).toBe('name');
  });

  it('accepts a valid owner email', () => {
    expect(newProject(new FixedClock(START), 'dev@company.com').owner).toBe('dev@company.com');
  });

  it('rejects owners that are not email addresses', () => {
    for (const owner of ['not-an-email', 'dev@', '@company.com', 'dev @company.com', '']) {
      const error = validationErrorOf(() => newProject(new FixedClock(START), owner));
      expect(error.field, `owner "${owner}"`).toBe('owner');
    }
  });
});

describe('3. Changing a project', () => {
  it('rename moves updatedAt to the current time and keeps createdAt', () => {
    const clock = new FixedClock(START);
    const project = newProject(clock);
    clock.advance(60_000);
    project.rename('Apollo 2');
    expect(project.name).toBe('Apollo 2');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:01:00Z'));
    expect(project.createdAt).toEqual(new Date(START));
  });

  it("rename records a TimestampUpdated event with the reason 'name_updated'", () => {
    const clock = new FixedClock(START);
    const project = newProject(clock);
    clock.advance(60_000);
    project.rename('Apollo 2');
    const events = updatedEvents(project);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toBe('name_updated');
    expect(events[0]?.entityId).toBe('proj-1');
    expect(events[0]?.oldTimestamp).toEqual(new Date(START));
    expect(events[0]?.newTimestamp).toEqual(new Date('2025-03-01T09:01:00Z'));
  });

  it('a rejected rename leaves name, updatedAt and events unchanged', () => {
    const clock = new FixedClock(START);
    const project = newProject(clock);
    clock.advance(60_000);
    validationErrorOf(() => project.rename(' '));
    expect(project.name).toBe('Apollo');
    expect(project.updatedAt).toEqual(new Date(START));
    expect(project.getDomainEvents()).toHaveLength(0);
  });

  it("changeOwner validates the email and records the reason 'owner_changed'", () => {
    const clock = new FixedClock(START);
    const project = newProject(clock, 'dev@company.com');
    clock.advance(1_000);
    expect(validationErrorOf(() => project.changeOwner('nobody')).field).toBe('owner');
    expect(project.owner).toBe('dev@company.com');
    project.changeOwner('lead@company.com');
    expect(project.owner).toBe('lead@company.com');
    expect(updatedEvents(project).map((e) => e.reason)).toEqual(['owner_changed']);
  });

  it('changeOwner(undefined) removes the owner', () => {
    const project = newProject(new FixedClock(START), 'dev@company.com');
    project.changeOwner(undefined);
    expect(project.owner).toBeUndefined();
    expect(updatedEvents(project).map((e) => e.reason)).toEqual(['owner_changed']);
  });

  it("describe replaces the description with the reason 'description_updated'", () => {
    const clock = new FixedClock(START);
    const project = newProject(clock);
    clock.advance(5_000);
    project.describe('Moon landing tooling');
    expect(project.description).toBe('Moon landing tooling');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:00:05Z'));
    expect(updatedEvents(project).map((e) => e.reason)).toEqual(['description_updated']);
  });
});

describe('4. Saving a project', () => {
  it('publishes TimestampCreated on the first save and only TimestampUpdated after a rename', async () => {
    const clock = new FixedClock(START);
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Project>({ eventBus: bus, clock });
    const project = newProject(clock);
    await repository.save(project);
    expect(bus.published.map((e) => [e.type, e.entityId])).toEqual([['TimestampCreated', 'proj-1']]);

    clock.advance(60_000);
    project.rename('Apollo 2');
    await repository.save(project);
    expect(bus.published.map((e) => e.type)).toEqual(['TimestampCreated', 'TimestampUpdated']);
    expect(project.getDomainEvents()).toHaveLength(0);
    expect((await repository.getById('proj-1')).name).toBe('Apollo 2');
  });
});
