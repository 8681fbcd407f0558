// Hidden checks of the session 1 homework: whatever entity the learner converted, it extends the
// course's BaseTimestampEntity, implements both abstract methods, takes its timestamps from the
// injected clock, changes through one touch with a reason of its own, refuses invalid data with
// ValidationError naming the field (at creation and on a change, leaving the entity as it was), and
// the learner's tests import it and their notes replace the placeholder. The learner's entity is
// reached through the `examples` the instructions ask for. Their own tests are run by the grader
// itself (exercise.json "learnerTests").
import { describe, expect, it } from 'vitest';
import { BaseTimestampEntity, FixedClock, TimestampUpdatedEvent, ValidationError, type Clock } from '@practicum/reference';
import * as submitted from '../../starter/src/entity.ts';
// The learner's notes and test file as text (the grader lets a test load starter files with `?raw`).
// Vite's client types declare `?raw` modules; an exercise laid out on its own has none of them.
// @ts-ignore
import notesRaw from '../../starter/NOTES.md?raw';
// @ts-ignore
import ownTestsRaw from '../../starter/tests/entity.test.ts?raw';

const notes: string = notesRaw;
const ownTests: string = ownTestsRaw;

const START = '2025-03-01T09:00:00Z';
const DEFAULT_REASON = 'entity_updated';

type AnyFunction = (...args: unknown[]) => unknown;

interface Examples {
  create: (clock: Clock) => BaseTimestampEntity;
  change: (entity: BaseTimestampEntity) => void;
  invalidChange: (entity: BaseTimestampEntity) => void;
  invalidCreations: ((clock: Clock) => unknown)[];
}

const exported: Record<string, unknown> = { ...submitted };

function examples(): Examples {
  const value = exported['examples'] as Partial<Record<keyof Examples, unknown>> | undefined;
  expect(value, 'src/entity.ts must export `examples` (see the instructions)').toBeTypeOf('object');
  for (const key of ['create', 'change', 'invalidChange'] as const) {
    expect(value?.[key], `examples.${key} must be a function`).toBeTypeOf('function');
  }
  expect(Array.isArray(value?.invalidCreations), 'examples.invalidCreations must be a list of functions').toBe(true);
  return value as Examples;
}

function created(clock = new FixedClock(START)): { entity: BaseTimestampEntity; clock: FixedClock } {
  const entity = examples().create(clock);
  expect(entity, 'examples.create(clock) must return your entity').toBeInstanceOf(BaseTimestampEntity);
  return { entity, clock };
}

function validationErrorOf(action: () => unknown, what: string): ValidationError {
  try {
    action();
  } catch (error) {
    expect(error, `${what} must throw a ValidationError`).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error(`${what} must throw a ValidationError, but nothing was thrown`);
}

const updates = (entity: BaseTimestampEntity): TimestampUpdatedEvent[] =>
  entity.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);

/** The learner's classes between their entity and BaseTimestampEntity (their own code, not the course's). */
function ownPrototypes(entity: BaseTimestampEntity): object[] {
  const chain: object[] = [];
  for (let p = Object.getPrototypeOf(entity) as object | null; p !== null && p !== BaseTimestampEntity.prototype; p = Object.getPrototypeOf(p) as object | null) chain.push(p);
  return chain;
}

function ownMethod(entity: BaseTimestampEntity, name: string): AnyFunction | undefined {
  for (const p of ownPrototypes(entity)) {
    const value = Object.getOwnPropertyDescriptor(p, name)?.value as unknown;
    if (typeof value === 'function') return value as AnyFunction;
  }
  return undefined;
}

/** What the entity shows through its own getters and public fields: a change it refused must leave this as it was. */
function visibleState(entity: BaseTimestampEntity): Record<string, unknown> {
  const state: Record<string, unknown> = { ...entity };
  for (const p of ownPrototypes(entity)) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
      if (!descriptor.get || name in state) continue;
      try {
        const value: unknown = descriptor.get.call(entity);
        state[name] = value instanceof Date ? value.getTime() : Array.isArray(value) ? [...(value as unknown[])] : value;
      } catch (error) {
        state[name] = `throws ${String(error)}`;
      }
    }
  }
  return state;
}

// The starter's own lines of NOTES.md: they do not count as the learner's notes.
const NOTES_PLACEHOLDER = '_Replace this line with your notes';
const STARTER_NOTE_LINES = new Set([
  '# Converting my entity: notes',
  '## Challenges',
  '- Stored timestamps without a time zone:',
  '- Triggers or database defaults:',
  '- Callers that assigned fields directly:',
  '- Places that read the system clock:',
  '## Questions for session 2',
]);

describe('session 1 homework', () => {
  it('src/entity.ts exports your entity class, which extends the course’s BaseTimestampEntity', () => {
    const classes = Object.values(exported).filter((v): v is AnyFunction => typeof v === 'function' && v.prototype instanceof BaseTimestampEntity);
    expect(classes.length, 'export the class of your entity from src/entity.ts; it must extend BaseTimestampEntity from @practicum/reference').toBeGreaterThan(0);
    const { entity } = created();
    expect(classes, 'examples.create(clock) must build an instance of the class you export').toContain(entity.constructor);
  });

  it('implements getEntityId(): a non-empty string that stays the same across a change', () => {
    const { entity, clock } = created();
    expect(ownMethod(entity, 'getEntityId'), 'your class must implement getEntityId()').toBeTypeOf('function');
    const id = entity.entityId;
    expect(id, 'getEntityId() must return a string').toBeTypeOf('string');
    expect(id.trim(), 'getEntityId() must return a non-empty identity').not.toBe('');
    clock.advance(60_000);
    examples().change(entity);
    expect(entity.entityId, 'the identity must not change when the entity changes').toBe(id);
  });

  it('implements validateEntity(), and a new entity passes it', () => {
    const { entity } = created();
    expect(ownMethod(entity, 'validateEntity'), 'your class must implement validateEntity()').toBeTypeOf('function');
    expect(() => entity.validate()).not.toThrow();
  });

  it('a new entity takes createdAt and updatedAt from the injected clock', () => {
    const { entity } = created();
    expect(entity.createdAt.toISOString(), 'createdAt must come from the clock passed to examples.create').toBe('2025-03-01T09:00:00.000Z');
    expect(entity.updatedAt.toISOString(), 'updatedAt must equal createdAt on a new entity').toBe('2025-03-01T09:00:00.000Z');
  });

  it('examples.change is one touch: updatedAt moves to the clock’s time and one TimestampUpdated event records your reason', () => {
    const { entity, clock } = created();
    entity.clearDomainEvents();
    clock.advance(90_000);
    examples().change(entity);
    expect(entity.updatedAt.toISOString(), 'updatedAt must move to the clock’s time').toBe('2025-03-01T09:01:30.000Z');
    expect(entity.createdAt.toISOString(), 'createdAt never changes').toBe('2025-03-01T09:00:00.000Z');
    const events = updates(entity);
    expect(events, 'one change is one touch: exactly one TimestampUpdated event').toHaveLength(1);
    const reason = events[0]?.reason ?? '';
    expect(reason.trim(), 'touch(reason): give the change a reason').not.toBe('');
    expect(reason, `use a reason that says what changed, not the default "${DEFAULT_REASON}"`).not.toBe(DEFAULT_REASON);
  });

  it('examples.invalidChange throws a ValidationError naming the field', () => {
    const { entity, clock } = created();
    clock.advance(60_000);
    const error = validationErrorOf(() => examples().invalidChange(entity), 'examples.invalidChange');
    expect(error.field, 'new ValidationError(message, field): name the field').toBeTypeOf('string');
    expect(error.field?.trim()).not.toBe('');
  });

  it('a refused change leaves the entity exactly as it was: its fields, updatedAt, no event, still valid', () => {
    const { entity, clock } = created();
    entity.clearDomainEvents();
    const before = visibleState(entity);
    clock.advance(60_000);
    validationErrorOf(() => examples().invalidChange(entity), 'examples.invalidChange');
    expect(entity.updatedAt.toISOString(), 'updatedAt must not move when the change is refused').toBe('2025-03-01T09:00:00.000Z');
    expect(updates(entity), 'a refused change records no event').toHaveLength(0);
    expect(visibleState(entity), 'put the fields back when touch() refuses the change').toEqual(before);
    expect(() => entity.validate(), 'after a refused change the entity must still be valid').not.toThrow();
  });

  it('examples.invalidCreations: at least two, each refused with a ValidationError naming the field', () => {
    const creations = examples().invalidCreations;
    expect(creations.length, 'list at least two creations your validation refuses').toBeGreaterThanOrEqual(2);
    creations.forEach((create, i) => {
      expect(create, `examples.invalidCreations[${i}] must be a function`).toBeTypeOf('function');
      const error = validationErrorOf(() => create(new FixedClock(START)), `examples.invalidCreations[${i}]`);
      expect(error.field, `examples.invalidCreations[${i}]: name the field in the ValidationError`).toBeTypeOf('string');
      expect(error.field?.trim()).not.toBe('');
    });
  });

  it('validation covers more than one rule: the refused creations break different rules', () => {
    const rules = new Set(
      examples().invalidCreations.map((create, i) => {
        const error = validationErrorOf(() => create(new FixedClock(START)), `examples.invalidCreations[${i}]`);
        return `${error.field ?? ''}: ${error.message}`;
      }),
    );
    expect(rules.size, 'each refused creation must break a different rule (a different field or message)').toBeGreaterThanOrEqual(2);
  });

  it('your tests import your entity from ../src/entity.ts', () => {
    expect(ownTests, 'tests/entity.test.ts must import your entity: import { … } from \'../src/entity.ts\'').toMatch(/from\s*['"]\.\.\/src\/entity(?:\.ts|\.js)?['"]/);
  });

  it('NOTES.md holds your notes on the challenges you met (at least 40 words of your own)', () => {
    expect(notes.includes(NOTES_PLACEHOLDER), 'replace the placeholder line of NOTES.md with your notes').toBe(false);
    const own = notes
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !STARTER_NOTE_LINES.has(line))
      .join(' ');
    const words = own.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    expect(words.length, `NOTES.md has ${words.length} words of your own; write at least 40`).toBeGreaterThanOrEqual(40);
  });
});
