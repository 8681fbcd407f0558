// Hidden suite for the certification implementation task: the {{Entity}} entity's identity, rules
// (semantic version{{#preRelease}} with an optional pre-release{{/preRelease}}, a valid {{date}} not in the injected clock's future, {{notesField}} of {{minNotes}}-{{maxNotes}}
// characters after trimming) on every path a {{entity}} can take — creation, rebuilding from stored
// data, a direct change followed by touch(), validate(), save() or bulkSave(), and {{updateMethod}}() —
// and the {{Event}} event on the first save only, through save() and bulkSave().
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  NaiveDateError,
  TimestampUpdatedEvent,
  ValidationError,
  type DomainEvent,
} from '@practicum/reference';
import { {{Entity}}, type {{Entity}}Props } from '../../starter/src/{{Entity|kebab}}.ts';

const NOW = '2025-09-25T12:00:00Z';
const NOTES = 'Adds bulk export and fixes the CSV date column.';
const OTHER_NOTES = 'Adds bulk export; fixes the CSV date column and the PDF footer.';
const STORED = { createdAt: '2025-09-24T16:05:00Z', updatedAt: '2025-09-24T17:00:00Z' };

function props(overrides: Partial<{{Entity}}Props> = {}): {{Entity}}Props {
  return { id: '{{idPrefix}}-1', {{versionField}}: '2.14.0', {{dateField}}: '2025-09-24T16:00:00Z', {{notesField}}: NOTES, ...overrides };
}

function {{Entity|camel}}(overrides: Partial<{{Entity}}Props> = {}, clock = new FixedClock(NOW)): {{Entity}} {
  return new {{Entity}}(props(overrides), { clock });
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
 * Writes a value straight into a field, as `{{Entity|camel}}.{{notesField}} = ''`, a data mapper or Object.assign
 * would (`readonly` is a compile-time promise only). Returns false when the {{entity}} refused the
 * write itself (a setter throwing a ValidationError on that field, or a field that cannot be
 * written), after checking the old value is still there: the rule cannot be broken that way.
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

type {{Event}}Like = DomainEvent & { {{versionField}}?: unknown; {{dateField}}?: unknown };
const {{Event|camel}} = (events: readonly DomainEvent[]): {{Event}}Like[] => events.filter((e) => e.type === '{{Event}}');

function store(clock: FixedClock): { bus: InMemoryEventBus; repository: InMemoryRepository<{{Entity}}> } {
  const bus = new InMemoryEventBus();
  return { bus, repository: new InMemoryRepository<{{Entity}}>({ eventBus: bus, clock }) };
}

/** A value for a failure message: dates as ISO (or NaN), long strings by their length. */
function show(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'NaN' : value.toISOString()})`;
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  return JSON.stringify(value);
}

/** One rule of the {{entity}}: invalid values as given to the constructor and as written into the field. */
interface Rule {
  /** What is broken, worded as part of a requirement. */
  what: string;
  field: '{{versionField}}' | '{{dateField}}' | '{{notesField}}';
  /** Props that break the rule on creation; absent when creation refuses them another way (own test). */
  given?: Partial<{{Entity}}Props>[];
  /** The broken values as a direct assignment leaves them in the field. */
  written: unknown[];
}

/** Every path a broken rule can take: creation and rebuilding, touch() and validate(), save() and bulkSave(). */
function everyPath(rule: Rule): void {
  const { given } = rule;
  if (given !== undefined) {
    it(`${rule.what} is refused when a {{entity}} is created or rebuilt from stored data`, () => {
      for (const overrides of given) {
        const label = `${rule.field} ${show(overrides[rule.field])}`;
        expect(validationErrorOf(() => {{Entity|camel}}(overrides)).field, `new {{entity}}, ${label}`).toBe(rule.field);
        const rebuilt = (): {{Entity}} => new {{Entity}}(props(overrides), { clock: new FixedClock(NOW), ...STORED });
        expect(validationErrorOf(rebuilt).field, `rebuilt {{entity}}, ${label}`).toBe(rule.field);
      }
    });
  }

  it(`a direct change to ${rule.what} is refused by touch() and validate(), leaving updatedAt and events as they were`, () => {
    for (const value of rule.written) {
      const r = {{Entity|camel}}();
      const updatedAt = r.updatedAt;
      const events = r.getDomainEvents().length;
      if (!writeDirectly(r, rule.field, value)) continue;
      expect(validationErrorOf(() => r.touch('edited')).field, `touch() after ${rule.field} = ${show(value)}`).toBe(rule.field);
      expect(r.updatedAt, `updatedAt after a refused touch(), ${rule.field} = ${show(value)}`).toEqual(updatedAt);
      expect(r.getDomainEvents(), `events after a refused touch(), ${rule.field} = ${show(value)}`).toHaveLength(events);
      expect(validationErrorOf(() => r.validate()).field, `validate() after ${rule.field} = ${show(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by save() and bulkSave(), which store and publish nothing`, async () => {
    for (const value of rule.written) {
      const clock = new FixedClock(NOW);
      const label = `${rule.field} = ${show(value)}`;

      const { bus, repository } = store(clock);
      const fresh = {{Entity|camel}}({}, clock);
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(repository.save(fresh));
      expect(onSave, `save() of a new {{entity}}, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(rule.field);
      const onBulk = await rejectionOf(repository.bulkSave([{{Entity|camel}}({ id: '{{idPrefix}}-2', {{versionField}}: '2.15.0' }, clock), fresh]));
      expect(onBulk, `bulkSave() with a new {{entity}}, ${label}`).toBeInstanceOf(ValidationError);
      expect((onBulk as ValidationError).field).toBe(rule.field);
      expect(repository.size, `stored {{entity}}s, ${label}`).toBe(0);
      expect(bus.published, `published events, ${label}`).toEqual([]);

      const saved = {{Entity|camel}}({}, clock);
      await repository.save(saved);
      bus.clear();
      writeDirectly(saved, rule.field, value);
      expect(await rejectionOf(repository.save(saved)), `save() of a stored {{entity}}, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(repository.bulkSave([saved])), `bulkSave() of a stored {{entity}}, ${label}`).toBeInstanceOf(ValidationError);
      expect(bus.published, `published events after the stored {{entity}} was refused, ${label}`).toEqual([]);
      expect(await repository.findUpdatedSince(NOW), `{{entity}}s stored after ${NOW}, ${label}`).toEqual([]);
    }
  });
}

describe('1. Creating a {{entity}}', () => {
  it('gets createdAt and updatedAt from the injected clock and uses its id as entity id', () => {
    const r = {{Entity|camel}}();
    expect(r.createdAt).toEqual(new Date(NOW));
    expect(r.updatedAt).toEqual(new Date(NOW));
    expect(r.entityId).toBe('{{idPrefix}}-1');
  });

  it('keeps {{versionField}} and {{notesField}}, and stores the {{date}} as a UTC instant', () => {
    const r = {{Entity|camel}}({ {{dateField}}: '2025-09-24T18:00:00+02:00' });
    expect(r.{{versionField}}).toBe('2.14.0');
    expect(r.{{notesField}}).toBe(NOTES);
    expect(r.{{dateField}}).toBeInstanceOf(Date);
    expect(r.{{dateField}}).toEqual(new Date('2025-09-24T16:00:00Z'));
    expect({{Entity|camel}}({ {{dateField}}: new Date('2025-09-20T08:30:00Z') }).{{dateField}}).toEqual(new Date('2025-09-20T08:30:00Z'));
  });

  it('keeps its own copy of a {{date}} given as a Date: changing that Date afterwards changes neither the {{entity}} nor its {{Event}}', () => {
    const given = new Date('2025-09-20T08:30:00Z');
    const r = {{Entity|camel}}({ {{dateField}}: given });
    given.setTime(Date.parse('2099-01-01T00:00:00Z'));
    expect(r.{{dateField}}).toEqual(new Date('2025-09-20T08:30:00Z'));
    expect({{Event|camel}}(r.getDomainEvents()).map((e) => e.{{dateField}})).toEqual([new Date('2025-09-20T08:30:00Z')]);
  });
});

const BAD_VERSIONS = [
  '2.14', '2.14.0.1', 'v2.14.0', {{^preRelease}}'2.14.0-rc.1', {{/preRelease}}'2.14.0+build.5', '02.14.0', '2.014.0', '2.14.00', 'a.b.c', '', ' 2.14.0', '2.14.0 ', '2..0', '-1.0.0',
{{#preRelease}}  // a pre-release is dot-separated identifiers of letters, digits and hyphens, numeric ones without leading zeros, and no build metadata
  '2.14.0-', '2.14.0-rc..1', '2.14.0-rc.', '2.14.0-rc.01', '2.14.0-01', '2.14.0-rc_1', '2.14.0-rc.1+build.5', '2.14.0-rc.1 ', '2.14.0-rc.1\n',
{{/preRelease}}  // a line break is not "nothing else": patterns with the m flag, or trimming first, let these through
  '2.14.0\n', '\n2.14.0', '2.14.0\nrc.1', 'rc.1\n2.14.0',
];

describe('2. Version', () => {
  it('accepts semantic versions such as 0.1.0, 1.0.0 and 10.20.30{{#preRelease}}, with or without a pre-release such as 1.0.0-rc.1{{/preRelease}}', () => {
    for (const {{versionField}} of ['0.1.0', '1.0.0', '10.20.30', '0.0.0', '2.14.0'{{#preRelease}}, '1.0.0-rc.1', '2.0.0-alpha.beta.7', '1.0.0-0.3.7', '3.1.0-x-y.01a'{{/preRelease}}]) expect({{Entity|camel}}({ {{versionField}} }).{{versionField}}).toBe({{versionField}});
  });

  everyPath({
    what: 'a version that is not plain major.minor.patch{{#preRelease}} with an optional pre-release{{/preRelease}} (prefix, {{#preRelease}}build {{/preRelease}}suffix, leading zeros, missing parts, spaces or line breaks)',
    field: '{{versionField}}',
    given: BAD_VERSIONS.map(({{versionField}}) => ({ {{versionField}} })),
    written: BAD_VERSIONS,
  });
});

describe('3. {{date|pascal}}', () => {
  it("accepts a {{date}} in the past or equal to the clock's now", () => {
    expect({{Entity|camel}}({ {{dateField}}: NOW }).{{dateField}}).toEqual(new Date(NOW));
    expect({{Entity|camel}}({ {{dateField}}: new Date('2019-01-01T00:00:00Z') }).{{dateField}}).toEqual(new Date('2019-01-01T00:00:00Z'));
  });

  it('rejects a {{date}} in the future of the injected clock', () => {
    const clock = new FixedClock('2020-01-01T00:00:00Z');
    const error = validationErrorOf(() => {{Entity|camel}}({ {{dateField}}: '2020-01-01T00:00:00.001Z' }, clock));
    expect(error.field).toBe('{{dateField}}');
  });

  it("judges the future by the injected clock, not the computer's: a date years from today is fine when the clock is later still", () => {
    const clock = new FixedClock('2099-06-01T00:00:00Z');
    expect({{Entity|camel}}({ {{dateField}}: '2098-12-31T23:00:00Z' }, clock).{{dateField}}).toEqual(new Date('2098-12-31T23:00:00Z'));
    const r = {{Entity|camel}}({ {{dateField}}: '2098-12-31T23:00:00Z' }, clock);
    clock.advance(60_000);
    r.{{updateMethod}}(OTHER_NOTES);
    expect(r.{{notesField}}).toBe(OTHER_NOTES);
  });

  it("judges the future by the clock's now, not by when the {{entity}} was created: a date after createdAt that is not after now is accepted", () => {
    const clock = new FixedClock(NOW);
    // stored data: created 2025-09-24T16:05Z, released the next morning, read back at NOW
    const rebuilt = new {{Entity}}(props({ {{dateField}}: '2025-09-25T08:00:00Z' }), { clock, ...STORED });
    expect(rebuilt.{{dateField}}).toEqual(new Date('2025-09-25T08:00:00Z'));
    const r = {{Entity|camel}}({}, clock);
    clock.advance(60 * 60_000);
    if (writeDirectly(r, '{{dateField}}', new Date('2025-09-25T12:30:00Z'))) {
      r.touch('{{dateField|snake}}_corrected');
      expect(r.updatedAt).toEqual(new Date('2025-09-25T13:00:00Z'));
    }
  });

  it('rejects a {{date}} string without a time zone with NaiveDateError', () => {
    for (const {{dateField}} of ['2025-09-24T16:00:00', '2025-09-24 16:00:00', '2025-09-24T16:00', '2025-09-24']) {
      expect(() => {{Entity|camel}}({ {{dateField}} }), `{{dateField}} "${{{dateField}}}"`).toThrow(NaiveDateError);
    }
  });

  it('refuses a {{date}} that is not a valid instant (an unreadable string or an Invalid Date)', () => {
    for (const {{dateField}} of ['yesterday', '2025-13-45T10:00:00Z', 'not a dateZ', new Date(Number.NaN)]) {
      expect(() => {{Entity|camel}}({ {{dateField}} }), `{{dateField}} ${show({{dateField}})}`).toThrow();
    }
  });

  everyPath({
    what: "a {{date}} in the future of the clock's now",
    field: '{{dateField}}',
    given: [{ {{dateField}}: '2025-09-25T12:00:00.001Z' }, { {{dateField}}: '2025-09-25T14:30:00+02:00' }, { {{dateField}}: new Date('2099-01-01T00:00:00Z') }],
    written: [new Date('2025-09-25T12:00:00.001Z'), new Date('2099-01-01T00:00:00Z')],
  });

  everyPath({
    what: 'a {{date}} that is an Invalid Date',
    field: '{{dateField}}',
    written: [new Date(Number.NaN)],
  });
});

const SHORT_NOTES = ['', 'x'.repeat({{belowMin}}), ' '.repeat(20), `   ${'x'.repeat({{belowMin}})}   `, `\n\t${'x'.repeat({{belowMin}})}\n `];
const LONG_NOTES = ['x'.repeat({{aboveMax}}), ` ${'x'.repeat({{aboveMax}})} `, 'x'.repeat(5000)];

describe('4. {{notes|pascal}}', () => {
  it('accepts {{notesField}} of exactly {{minNotes}} and exactly {{maxNotes}} characters', () => {
    expect({{Entity|camel}}({ {{notesField}}: 'x'.repeat({{minNotes}}) }).{{notesField}}).toHaveLength({{minNotes}});
    expect({{Entity|camel}}({ {{notesField}}: 'x'.repeat({{maxNotes}}) }).{{notesField}}).toHaveLength({{maxNotes}});
  });

  it('counts the length after trimming: {{minNotes}} and {{maxNotes}} characters surrounded by whitespace are accepted', () => {
    expect(() => {{Entity|camel}}({ {{notesField}}: `  ${'x'.repeat({{minNotes}})}  ` })).not.toThrow();
    expect(() => {{Entity|camel}}({ {{notesField}}: `\n${'x'.repeat({{maxNotes}})}\n  ` })).not.toThrow();
  });

  everyPath({
    what: '{{notesField}} shorter than {{minNotes}} characters after trimming',
    field: '{{notesField}}',
    given: SHORT_NOTES.map(({{notesField}}) => ({ {{notesField}} })),
    written: SHORT_NOTES,
  });

  everyPath({
    what: '{{notesField}} longer than {{maxNotes}} characters after trimming',
    field: '{{notesField}}',
    given: LONG_NOTES.map(({{notesField}}) => ({ {{notesField}} })),
    written: LONG_NOTES,
  });
});

describe('5. Updating {{notesField}}', () => {
  it("{{updateMethod}} replaces the {{notesField}}, moves updatedAt to the clock's time and records '{{notesField|snake}}_updated'", () => {
    const clock = new FixedClock(NOW);
    const r = {{Entity|camel}}({}, clock);
    r.clearDomainEvents();
    clock.advance(90_000);
    r.{{updateMethod}}(OTHER_NOTES);
    expect(r.{{notesField}}).toBe(OTHER_NOTES);
    expect(r.updatedAt).toEqual(new Date('2025-09-25T12:01:30Z'));
    expect(r.createdAt).toEqual(new Date(NOW));
    const updates = r.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => e.reason)).toEqual(['{{notesField|snake}}_updated']);
  });

  it('a rejected {{updateMethod}} leaves {{notesField}}, updatedAt and events unchanged', () => {
    for (const {{notesField}} of ['{{tooShortNotes}}', `    ${'x'.repeat({{belowMin}})}    `, 'x'.repeat({{aboveMax}})]) {
      const clock = new FixedClock(NOW);
      const r = {{Entity|camel}}({}, clock);
      const eventsBefore = r.getDomainEvents().length;
      clock.advance(90_000);
      expect(validationErrorOf(() => r.{{updateMethod}}({{notesField}})).field, `{{updateMethod}}(${show({{notesField}})})`).toBe('{{notesField}}');
      expect(r.{{notesField}}).toBe(NOTES);
      expect(r.updatedAt).toEqual(new Date(NOW));
      expect(r.getDomainEvents()).toHaveLength(eventsBefore);
    }
  });

  it('{{updateMethod}} goes through touch(): while another rule is broken it is refused and keeps the old {{notesField}}', () => {
    const clock = new FixedClock(NOW);
    const r = {{Entity|camel}}({}, clock);
    const eventsBefore = r.getDomainEvents().length;
    clock.advance(90_000);
    if (!writeDirectly(r, '{{versionField}}', '2.14')) return;
    expect(validationErrorOf(() => r.{{updateMethod}}(OTHER_NOTES)).field).toBe('{{versionField}}');
    expect(r.{{notesField}}).toBe(NOTES);
    expect(r.updatedAt).toEqual(new Date(NOW));
    expect(r.getDomainEvents()).toHaveLength(eventsBefore);
  });

  it('keeps updatedAt strictly increasing when two updates happen at the same clock instant', () => {
    const clock = new FixedClock(NOW);
    const r = {{Entity|camel}}({}, clock);
    r.clearDomainEvents();
    r.{{updateMethod}}(OTHER_NOTES);
    r.{{updateMethod}}(NOTES);
    expect(r.updatedAt).toEqual(new Date('2025-09-25T12:00:00.002Z'));
    const updates = r.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => e.newTimestamp.getTime() - new Date(NOW).getTime())).toEqual([1, 2]);
  });
});

describe('6. {{Event}}', () => {
  it('the first save publishes one {{Event}} event with the {{versionField}}, the {{date}} and the creation time as occurredAt', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = {{Entity|camel}}({}, clock);
    clock.advance(5 * 60_000);
    await repository.save(r);
    const events = {{Event|camel}}(bus.published);
    expect(events).toHaveLength(1);
    expect(events[0]?.entityId).toBe('{{idPrefix}}-1');
    expect(events[0]?.entityType).toBe('{{Entity}}');
    expect(events[0]?.{{versionField}}).toBe('2.14.0');
    expect(events[0]?.{{dateField}}).toEqual(new Date('2025-09-24T16:00:00Z'));
    expect(events[0]?.occurredAt).toBeInstanceOf(Date);
    expect(events[0]?.occurredAt, "occurredAt: the {{entity}}'s createdAt, from the injected clock").toEqual(r.createdAt);
  });

  it("a recorded {{Event}} keeps its own copy of the {{date}}: changing the {{entity}}'s Date afterwards does not rewrite it", async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = {{Entity|camel}}({}, clock);
    const [pending] = {{Event|camel}}(r.getDomainEvents());
    r.{{dateField}}.setTime(Date.parse('2025-01-01T00:00:00Z'));
    expect(pending?.{{dateField}}, 'the pending event').toEqual(new Date('2025-09-24T16:00:00Z'));
    await repository.save(r);
    const [published] = {{Event|camel}}(bus.published);
    r.{{dateField}}.setTime(Date.parse('2024-06-01T00:00:00Z'));
    expect(published?.{{dateField}}, 'the published event').toEqual(new Date('2025-09-24T16:00:00Z'));
  });

  it('the first save also publishes TimestampCreated and leaves no pending events', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = {{Entity|camel}}({}, clock);
    await repository.save(r);
    expect(bus.published.map((e) => e.type)).toContain('TimestampCreated');
    expect(r.getDomainEvents()).toHaveLength(0);
  });

  it('saving again after {{updateMethod}} publishes no second {{Event}}', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = {{Entity|camel}}({}, clock);
    await repository.save(r);
    clock.advance(60_000);
    r.{{updateMethod}}(OTHER_NOTES);
    await repository.save(r);
    clock.advance(60_000);
    r.touch('reviewed');
    await repository.save(r);
    expect({{Event|camel}}(bus.published)).toHaveLength(1);
    expect(bus.published.at(-1)?.type).toBe('TimestampUpdated');
  });

  it('a {{entity}} loaded from the repository and saved again publishes no {{Event}}', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.save({{Entity|camel}}({}, clock));
    bus.clear();
    const loaded = await repository.getById('{{idPrefix}}-1');
    clock.advance(60_000);
    loaded.{{updateMethod}}(OTHER_NOTES);
    await repository.save(loaded);
    expect({{Event|camel}}(bus.published)).toHaveLength(0);
  });

  it('a {{entity}} rebuilt from stored data (createdAt given, with or without updatedAt) publishes no {{Event}}', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.save(new {{Entity}}(props(), { clock, ...STORED }));
    await repository.save(new {{Entity}}(props({ id: '{{idPrefix}}-2' }), { clock, createdAt: '2025-09-24T16:05:00Z' }));
    expect({{Event|camel}}(bus.published)).toHaveLength(0);
  });

  it('each new {{entity}} publishes its own {{Event}}', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.bulkSave([{{Entity|camel}}({ id: '{{idPrefix}}-1' }, clock), {{Entity|camel}}({ id: '{{idPrefix}}-2', {{versionField}}: '2.15.0' }, clock)]);
    expect({{Event|camel}}(bus.published).map((e) => [e.entityId, e.{{versionField}}])).toEqual([
      ['{{idPrefix}}-1', '2.14.0'],
      ['{{idPrefix}}-2', '2.15.0'],
    ]);
  });

  it('bulkSave publishes {{Event}} for new {{entity}}s only, and a second bulkSave publishes none', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const fresh = {{Entity|camel}}({ id: '{{idPrefix}}-1' }, clock);
    const rebuilt = new {{Entity}}(props({ id: '{{idPrefix}}-0', {{versionField}}: '2.13.0' }), { clock, ...STORED });
    await repository.bulkSave([fresh, rebuilt]);
    expect({{Event|camel}}(bus.published).map((e) => e.entityId)).toEqual(['{{idPrefix}}-1']);
    clock.advance(60_000);
    fresh.{{updateMethod}}(OTHER_NOTES);
    await repository.bulkSave([fresh, rebuilt]);
    expect({{Event|camel}}(bus.published).map((e) => e.entityId)).toEqual(['{{idPrefix}}-1']);
  });

  it('a refused first save publishes nothing, and the save after the fix publishes {{Event}} exactly once', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = {{Entity|camel}}({}, clock);
    if (writeDirectly(r, '{{notesField}}', '{{shortNotes}}')) {
      expect(await rejectionOf(repository.save(r))).toBeInstanceOf(ValidationError);
      expect(bus.published).toEqual([]);
      r.{{notesField}} = NOTES;
    }
    await repository.save(r);
    await repository.save(r);
    expect({{Event|camel}}(bus.published).map((e) => e.entityId)).toEqual(['{{idPrefix}}-1']);
  });
});
