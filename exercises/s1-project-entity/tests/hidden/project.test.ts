// Hidden suite for Exercise 1.2: the Project entity's fields, its rules on every path (creation,
// rebuilding from stored data, a direct change followed by touch(), validate(), save() or
// bulkSave(), and the change methods), its recorded updates and its first save.
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  TimestampUpdatedEvent,
  ValidationError,
  type BaseTimestampEntity,
} from '@practicum/reference';
import { Project, type ProjectProps } from '../../starter/src/project.ts';

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

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Writes a value straight into a field, as the training plan's `project.name = ''` does. Returns
 * false when the project refused the write itself (a setter throwing a ValidationError on that
 * field, or a field that cannot be written), after checking the old value is still there.
 */
function writeDirectly(entity: object, field: string, value: unknown): boolean {
  const before: unknown = Reflect.get(entity, field);
  let written: boolean;
  try {
    written = Reflect.set(entity, field, value);
  } catch (error) {
    expect(error, `writing ${field}`).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    written = false;
  }
  if (!written) expect(Reflect.get(entity, field), `${field} after a refused write`).toEqual(before);
  return written;
}

const show = (value: unknown): string => (typeof value === 'string' && value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value));

function store(clock: FixedClock): { bus: InMemoryEventBus; repository: InMemoryRepository<Project> } {
  const bus = new InMemoryEventBus();
  return { bus, repository: new InMemoryRepository<Project>({ eventBus: bus, clock }) };
}

/** One rule of the project: the broken values, as given to the constructor and as written into the field. */
interface Rule {
  /** What is broken, worded as part of a requirement. */
  what: string;
  field: 'name' | 'owner';
  values: string[];
}

/** Every path a broken rule can take: creation and rebuilding, touch() and validate(), save() and bulkSave(). */
function everyPath(rule: Rule): void {
  const given = (value: string): ProjectProps => ({ id: 'proj-1', name: 'Apollo', owner: 'dev@company.com', [rule.field]: value });

  it(`${rule.what} is refused when a project is created or rebuilt from stored data`, () => {
    for (const value of rule.values) {
      const clock = new FixedClock(START);
      expect(validationErrorOf(() => new Project(given(value), { clock })).field, `new project, ${rule.field} ${show(value)}`).toBe(rule.field);
      const rebuilt = (): Project => new Project(given(value), { clock, createdAt: '2025-02-01T08:00:00Z', updatedAt: '2025-02-20T08:00:00Z' });
      expect(validationErrorOf(rebuilt).field, `rebuilt project, ${rule.field} ${show(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by touch() and validate(), leaving updatedAt and events as they were`, () => {
    for (const value of rule.values) {
      const project = newProject(new FixedClock(START), 'dev@company.com');
      const updatedAt = project.updatedAt;
      if (!writeDirectly(project, rule.field, value)) continue;
      expect(validationErrorOf(() => project.touch('edited')).field, `touch() after ${rule.field} = ${show(value)}`).toBe(rule.field);
      expect(project.updatedAt, `updatedAt after a refused touch(), ${rule.field} = ${show(value)}`).toEqual(updatedAt);
      expect(project.getDomainEvents(), `events after a refused touch(), ${rule.field} = ${show(value)}`).toHaveLength(0);
      expect(validationErrorOf(() => project.validate()).field, `validate() after ${rule.field} = ${show(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by save() and bulkSave(), which store and publish nothing`, async () => {
    for (const value of rule.values) {
      const clock = new FixedClock(START);
      const label = `${rule.field} = ${show(value)}`;
      const { bus, repository } = store(clock);
      const fresh = newProject(clock, 'dev@company.com');
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(repository.save(fresh));
      expect(onSave, `save() of a new project, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(rule.field);
      const other = new Project({ id: 'proj-2', name: 'Zeus' }, { clock });
      const onBulk = await rejectionOf(repository.bulkSave([other, fresh]));
      expect(onBulk, `bulkSave() with a new project, ${label}`).toBeInstanceOf(ValidationError);
      expect((onBulk as ValidationError).field).toBe(rule.field);
      expect(repository.size, `stored projects, ${label}`).toBe(0);
      expect(bus.published, `published events, ${label}`).toEqual([]);

      const saved = newProject(clock, 'dev@company.com');
      await repository.save(saved);
      bus.clear();
      writeDirectly(saved, rule.field, value);
      expect(await rejectionOf(repository.save(saved)), `save() of a stored project, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(repository.bulkSave([saved])), `bulkSave() of a stored project, ${label}`).toBeInstanceOf(ValidationError);
      expect(bus.published, `published events after the stored project was refused, ${label}`).toEqual([]);
      expect(await repository.findUpdatedSince(START), `projects stored after ${START}, ${label}`).toEqual([]);
    }
  });
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

// The whole value must be one address: text around an address, or two of them, is not an email.
const BAD_OWNERS = ['not-an-email', 'dev@', '@company.com', 'dev @company.com', '', 'Dev <dev@company.com>', 'dev@company.com, ops@company.com'];

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

  it('rejects owners that are not an email address, including text around an address or several addresses', () => {
    for (const owner of BAD_OWNERS) {
      const error = validationErrorOf(() => newProject(new FixedClock(START), owner));
      expect(error.field, `owner "${owner}"`).toBe('owner');
    }
  });
});

describe('3. Rules on every path: name', () => {
  everyPath({ what: 'a blank name (empty or spaces only)', field: 'name', values: ['', '   ', '\t\n'] });
  everyPath({ what: 'a name longer than 100 characters', field: 'name', values: ['x'.repeat(101), 'x'.repeat(250)] });
});

describe('4. Rules on every path: owner', () => {
  everyPath({ what: 'an owner that is not an email address (or holds more than one)', field: 'owner', values: BAD_OWNERS });
});

describe('5. Changing a project', () => {
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

describe('6. Changes go through touch()', () => {
  it('a change refused because another field is broken leaves the project exactly as it was', () => {
    const clock = new FixedClock(START);
    const noName = newProject(clock, 'dev@company.com');
    clock.advance(60_000);
    if (writeDirectly(noName, 'name', '')) {
      expect(validationErrorOf(() => noName.describe('Moon landing tooling')).field, 'describe() while the name is blank').toBe('name');
      expect(noName.description).toBe('');
      expect(validationErrorOf(() => noName.changeOwner('lead@company.com')).field, 'changeOwner() while the name is blank').toBe('name');
      expect(noName.owner).toBe('dev@company.com');
      expect(noName.updatedAt).toEqual(new Date(START));
      expect(noName.getDomainEvents()).toHaveLength(0);
    }
    const badOwner = newProject(clock, 'dev@company.com');
    clock.advance(60_000);
    if (writeDirectly(badOwner, 'owner', 'nobody')) {
      expect(validationErrorOf(() => badOwner.rename('Apollo 2')).field, 'rename() while the owner is invalid').toBe('owner');
      expect(badOwner.name).toBe('Apollo');
      expect(badOwner.getDomainEvents()).toHaveLength(0);
    }
  });

  it('keeps updatedAt strictly increasing when several changes happen at the same clock instant', () => {
    const project = newProject(new FixedClock(START));
    project.rename('Apollo 2');
    project.describe('Moon landing tooling');
    project.changeOwner('lead@company.com');
    expect(project.updatedAt).toEqual(new Date('2025-03-01T09:00:00.003Z'));
    expect(updatedEvents(project).map((e) => e.reason)).toEqual(['name_updated', 'description_updated', 'owner_changed']);
  });
});

describe('7. Saving a project', () => {
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

  it('bulkSave stores new projects and publishes TimestampCreated for each', async () => {
    const clock = new FixedClock(START);
    const { bus, repository } = store(clock);
    await repository.bulkSave([newProject(clock), new Project({ id: 'proj-2', name: 'Zeus', owner: 'lead@company.com' }, { clock })]);
    expect(bus.published.map((e) => [e.type, e.entityId])).toEqual([
      ['TimestampCreated', 'proj-1'],
      ['TimestampCreated', 'proj-2'],
    ]);
    expect(repository.size).toBe(2);
  });
});
