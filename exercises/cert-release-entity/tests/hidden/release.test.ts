// Hidden suite for the certification implementation task: the Release entity's identity, rules
// (semantic version, a valid release date not in the injected clock's future, notes of 10-1000
// characters after trimming) on every path a release can take — creation, rebuilding from stored
// data, a direct change followed by touch(), validate(), save() or bulkSave(), and updateNotes() —
// and the ReleaseCreated event on the first save only, through save() and bulkSave().
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
import { Release, type ReleaseProps } from '../../starter/src/release.ts';

const NOW = '2025-09-25T12:00:00Z';
const NOTES = 'Adds bulk export and fixes the CSV date column.';
const OTHER_NOTES = 'Adds bulk export; fixes the CSV date column and the PDF footer.';
const STORED = { createdAt: '2025-09-24T16:05:00Z', updatedAt: '2025-09-24T17:00:00Z' };

function props(overrides: Partial<ReleaseProps> = {}): ReleaseProps {
  return { id: 'rel-1', version: '2.14.0', releaseDate: '2025-09-24T16:00:00Z', notes: NOTES, ...overrides };
}

function release(overrides: Partial<ReleaseProps> = {}, clock = new FixedClock(NOW)): Release {
  return new Release(props(overrides), { clock });
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
 * Writes a value straight into a field, as `release.notes = ''`, a data mapper or Object.assign
 * would (`readonly` is a compile-time promise only). Returns false when the release refused the
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

type ReleaseCreatedLike = DomainEvent & { version?: unknown; releaseDate?: unknown };
const releaseCreated = (events: readonly DomainEvent[]): ReleaseCreatedLike[] => events.filter((e) => e.type === 'ReleaseCreated');

function store(clock: FixedClock): { bus: InMemoryEventBus; repository: InMemoryRepository<Release> } {
  const bus = new InMemoryEventBus();
  return { bus, repository: new InMemoryRepository<Release>({ eventBus: bus, clock }) };
}

/** A value for a failure message: dates as ISO (or NaN), long strings by their length. */
function show(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'NaN' : value.toISOString()})`;
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  return JSON.stringify(value);
}

/** One rule of the release: invalid values as given to the constructor and as written into the field. */
interface Rule {
  /** What is broken, worded as part of a requirement. */
  what: string;
  field: 'version' | 'releaseDate' | 'notes';
  /** Props that break the rule on creation; absent when creation refuses them another way (own test). */
  given?: Partial<ReleaseProps>[];
  /** The broken values as a direct assignment leaves them in the field. */
  written: unknown[];
}

/** Every path a broken rule can take: creation and rebuilding, touch() and validate(), save() and bulkSave(). */
function everyPath(rule: Rule): void {
  const { given } = rule;
  if (given !== undefined) {
    it(`${rule.what} is refused when a release is created or rebuilt from stored data`, () => {
      for (const overrides of given) {
        const label = `${rule.field} ${show(overrides[rule.field])}`;
        expect(validationErrorOf(() => release(overrides)).field, `new release, ${label}`).toBe(rule.field);
        const rebuilt = (): Release => new Release(props(overrides), { clock: new FixedClock(NOW), ...STORED });
        expect(validationErrorOf(rebuilt).field, `rebuilt release, ${label}`).toBe(rule.field);
      }
    });
  }

  it(`a direct change to ${rule.what} is refused by touch() and validate(), leaving updatedAt and events as they were`, () => {
    for (const value of rule.written) {
      const r = release();
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
      const fresh = release({}, clock);
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(repository.save(fresh));
      expect(onSave, `save() of a new release, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(rule.field);
      const onBulk = await rejectionOf(repository.bulkSave([release({ id: 'rel-2', version: '2.15.0' }, clock), fresh]));
      expect(onBulk, `bulkSave() with a new release, ${label}`).toBeInstanceOf(ValidationError);
      expect((onBulk as ValidationError).field).toBe(rule.field);
      expect(repository.size, `stored releases, ${label}`).toBe(0);
      expect(bus.published, `published events, ${label}`).toEqual([]);

      const saved = release({}, clock);
      await repository.save(saved);
      bus.clear();
      writeDirectly(saved, rule.field, value);
      expect(await rejectionOf(repository.save(saved)), `save() of a stored release, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(repository.bulkSave([saved])), `bulkSave() of a stored release, ${label}`).toBeInstanceOf(ValidationError);
      expect(bus.published, `published events after the stored release was refused, ${label}`).toEqual([]);
      expect(await repository.findUpdatedSince(NOW), `releases stored after ${NOW}, ${label}`).toEqual([]);
    }
  });
}

describe('1. Creating a release', () => {
  it('gets createdAt and updatedAt from the injected clock and uses its id as entity id', () => {
    const r = release();
    expect(r.createdAt).toEqual(new Date(NOW));
    expect(r.updatedAt).toEqual(new Date(NOW));
    expect(r.entityId).toBe('rel-1');
  });

  it('keeps version and notes, and stores the release date as a UTC instant', () => {
    const r = release({ releaseDate: '2025-09-24T18:00:00+02:00' });
    expect(r.version).toBe('2.14.0');
    expect(r.notes).toBe(NOTES);
    expect(r.releaseDate).toBeInstanceOf(Date);
    expect(r.releaseDate).toEqual(new Date('2025-09-24T16:00:00Z'));
    expect(release({ releaseDate: new Date('2025-09-20T08:30:00Z') }).releaseDate).toEqual(new Date('2025-09-20T08:30:00Z'));
  });

  it('keeps its own copy of a release date given as a Date: changing that Date afterwards changes neither the release nor its ReleaseCreated', () => {
    const given = new Date('2025-09-20T08:30:00Z');
    const r = release({ releaseDate: given });
    given.setTime(Date.parse('2099-01-01T00:00:00Z'));
    expect(r.releaseDate).toEqual(new Date('2025-09-20T08:30:00Z'));
    expect(releaseCreated(r.getDomainEvents()).map((e) => e.releaseDate)).toEqual([new Date('2025-09-20T08:30:00Z')]);
  });
});

const BAD_VERSIONS = [
  '2.14', '2.14.0.1', 'v2.14.0', '2.14.0-rc.1', '2.14.0+build.5', '02.14.0', '2.014.0', '2.14.00', 'a.b.c', '', ' 2.14.0', '2.14.0 ', '2..0', '-1.0.0',
  // a line break is not "nothing else": patterns with the m flag, or trimming first, let these through
  '2.14.0\n', '\n2.14.0', '2.14.0\nrc.1', 'rc.1\n2.14.0',
];

describe('2. Version', () => {
  it('accepts semantic versions such as 0.1.0, 1.0.0 and 10.20.30', () => {
    for (const version of ['0.1.0', '1.0.0', '10.20.30', '0.0.0', '2.14.0']) expect(release({ version }).version).toBe(version);
  });

  everyPath({
    what: 'a version that is not plain major.minor.patch (prefix, suffix, leading zeros, missing parts, spaces or line breaks)',
    field: 'version',
    given: BAD_VERSIONS.map((version) => ({ version })),
    written: BAD_VERSIONS,
  });
});

describe('3. Release date', () => {
  it("accepts a release date in the past or equal to the clock's now", () => {
    expect(release({ releaseDate: NOW }).releaseDate).toEqual(new Date(NOW));
    expect(release({ releaseDate: new Date('2019-01-01T00:00:00Z') }).releaseDate).toEqual(new Date('2019-01-01T00:00:00Z'));
  });

  it('rejects a release date in the future of the injected clock', () => {
    const clock = new FixedClock('2020-01-01T00:00:00Z');
    const error = validationErrorOf(() => release({ releaseDate: '2020-01-01T00:00:00.001Z' }, clock));
    expect(error.field).toBe('releaseDate');
  });

  it("judges the future by the injected clock, not the computer's: a date years from today is fine when the clock is later still", () => {
    const clock = new FixedClock('2099-06-01T00:00:00Z');
    expect(release({ releaseDate: '2098-12-31T23:00:00Z' }, clock).releaseDate).toEqual(new Date('2098-12-31T23:00:00Z'));
    const r = release({ releaseDate: '2098-12-31T23:00:00Z' }, clock);
    clock.advance(60_000);
    r.updateNotes(OTHER_NOTES);
    expect(r.notes).toBe(OTHER_NOTES);
  });

  it("judges the future by the clock's now, not by when the release was created: a date after createdAt that is not after now is accepted", () => {
    const clock = new FixedClock(NOW);
    // stored data: created 2025-09-24T16:05Z, released the next morning, read back at NOW
    const rebuilt = new Release(props({ releaseDate: '2025-09-25T08:00:00Z' }), { clock, ...STORED });
    expect(rebuilt.releaseDate).toEqual(new Date('2025-09-25T08:00:00Z'));
    const r = release({}, clock);
    clock.advance(60 * 60_000);
    if (writeDirectly(r, 'releaseDate', new Date('2025-09-25T12:30:00Z'))) {
      r.touch('release_date_corrected');
      expect(r.updatedAt).toEqual(new Date('2025-09-25T13:00:00Z'));
    }
  });

  it('rejects a release date string without a time zone with NaiveDateError', () => {
    for (const releaseDate of ['2025-09-24T16:00:00', '2025-09-24 16:00:00', '2025-09-24T16:00', '2025-09-24']) {
      expect(() => release({ releaseDate }), `releaseDate "${releaseDate}"`).toThrow(NaiveDateError);
    }
  });

  it('refuses a release date that is not a valid instant (an unreadable string or an Invalid Date)', () => {
    for (const releaseDate of ['yesterday', '2025-13-45T10:00:00Z', 'not a dateZ', new Date(Number.NaN)]) {
      expect(() => release({ releaseDate }), `releaseDate ${show(releaseDate)}`).toThrow();
    }
  });

  everyPath({
    what: "a release date in the future of the clock's now",
    field: 'releaseDate',
    given: [{ releaseDate: '2025-09-25T12:00:00.001Z' }, { releaseDate: '2025-09-25T14:30:00+02:00' }, { releaseDate: new Date('2099-01-01T00:00:00Z') }],
    written: [new Date('2025-09-25T12:00:00.001Z'), new Date('2099-01-01T00:00:00Z')],
  });

  everyPath({
    what: 'a release date that is an Invalid Date',
    field: 'releaseDate',
    written: [new Date(Number.NaN)],
  });
});

const SHORT_NOTES = ['', 'x'.repeat(9), ' '.repeat(20), `   ${'x'.repeat(9)}   `, `\n\t${'x'.repeat(9)}\n `];
const LONG_NOTES = ['x'.repeat(1001), ` ${'x'.repeat(1001)} `, 'x'.repeat(5000)];

describe('4. Release notes', () => {
  it('accepts notes of exactly 10 and exactly 1000 characters', () => {
    expect(release({ notes: 'x'.repeat(10) }).notes).toHaveLength(10);
    expect(release({ notes: 'x'.repeat(1000) }).notes).toHaveLength(1000);
  });

  it('counts the length after trimming: 10 and 1000 characters surrounded by whitespace are accepted', () => {
    expect(() => release({ notes: `  ${'x'.repeat(10)}  ` })).not.toThrow();
    expect(() => release({ notes: `\n${'x'.repeat(1000)}\n  ` })).not.toThrow();
  });

  everyPath({
    what: 'notes shorter than 10 characters after trimming',
    field: 'notes',
    given: SHORT_NOTES.map((notes) => ({ notes })),
    written: SHORT_NOTES,
  });

  everyPath({
    what: 'notes longer than 1000 characters after trimming',
    field: 'notes',
    given: LONG_NOTES.map((notes) => ({ notes })),
    written: LONG_NOTES,
  });
});

describe('5. Updating notes', () => {
  it("updateNotes replaces the notes, moves updatedAt to the clock's time and records 'notes_updated'", () => {
    const clock = new FixedClock(NOW);
    const r = release({}, clock);
    r.clearDomainEvents();
    clock.advance(90_000);
    r.updateNotes(OTHER_NOTES);
    expect(r.notes).toBe(OTHER_NOTES);
    expect(r.updatedAt).toEqual(new Date('2025-09-25T12:01:30Z'));
    expect(r.createdAt).toEqual(new Date(NOW));
    const updates = r.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => e.reason)).toEqual(['notes_updated']);
  });

  it('a rejected updateNotes leaves notes, updatedAt and events unchanged', () => {
    for (const notes of ['too short', `    ${'x'.repeat(9)}    `, 'x'.repeat(1001)]) {
      const clock = new FixedClock(NOW);
      const r = release({}, clock);
      const eventsBefore = r.getDomainEvents().length;
      clock.advance(90_000);
      expect(validationErrorOf(() => r.updateNotes(notes)).field, `updateNotes(${show(notes)})`).toBe('notes');
      expect(r.notes).toBe(NOTES);
      expect(r.updatedAt).toEqual(new Date(NOW));
      expect(r.getDomainEvents()).toHaveLength(eventsBefore);
    }
  });

  it('updateNotes goes through touch(): while another rule is broken it is refused and keeps the old notes', () => {
    const clock = new FixedClock(NOW);
    const r = release({}, clock);
    const eventsBefore = r.getDomainEvents().length;
    clock.advance(90_000);
    if (!writeDirectly(r, 'version', '2.14')) return;
    expect(validationErrorOf(() => r.updateNotes(OTHER_NOTES)).field).toBe('version');
    expect(r.notes).toBe(NOTES);
    expect(r.updatedAt).toEqual(new Date(NOW));
    expect(r.getDomainEvents()).toHaveLength(eventsBefore);
  });

  it('keeps updatedAt strictly increasing when two updates happen at the same clock instant', () => {
    const clock = new FixedClock(NOW);
    const r = release({}, clock);
    r.clearDomainEvents();
    r.updateNotes(OTHER_NOTES);
    r.updateNotes(NOTES);
    expect(r.updatedAt).toEqual(new Date('2025-09-25T12:00:00.002Z'));
    const updates = r.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => e.newTimestamp.getTime() - new Date(NOW).getTime())).toEqual([1, 2]);
  });
});

describe('6. ReleaseCreated', () => {
  it('the first save publishes one ReleaseCreated event with the version, the release date and the creation time as occurredAt', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = release({}, clock);
    clock.advance(5 * 60_000);
    await repository.save(r);
    const events = releaseCreated(bus.published);
    expect(events).toHaveLength(1);
    expect(events[0]?.entityId).toBe('rel-1');
    expect(events[0]?.entityType).toBe('Release');
    expect(events[0]?.version).toBe('2.14.0');
    expect(events[0]?.releaseDate).toEqual(new Date('2025-09-24T16:00:00Z'));
    expect(events[0]?.occurredAt).toBeInstanceOf(Date);
    expect(events[0]?.occurredAt, "occurredAt: the release's createdAt, from the injected clock").toEqual(r.createdAt);
  });

  it("a recorded ReleaseCreated keeps its own copy of the release date: changing the release's Date afterwards does not rewrite it", async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = release({}, clock);
    const [pending] = releaseCreated(r.getDomainEvents());
    r.releaseDate.setTime(Date.parse('2025-01-01T00:00:00Z'));
    expect(pending?.releaseDate, 'the pending event').toEqual(new Date('2025-09-24T16:00:00Z'));
    await repository.save(r);
    const [published] = releaseCreated(bus.published);
    r.releaseDate.setTime(Date.parse('2024-06-01T00:00:00Z'));
    expect(published?.releaseDate, 'the published event').toEqual(new Date('2025-09-24T16:00:00Z'));
  });

  it('the first save also publishes TimestampCreated and leaves no pending events', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = release({}, clock);
    await repository.save(r);
    expect(bus.published.map((e) => e.type)).toContain('TimestampCreated');
    expect(r.getDomainEvents()).toHaveLength(0);
  });

  it('saving again after updateNotes publishes no second ReleaseCreated', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = release({}, clock);
    await repository.save(r);
    clock.advance(60_000);
    r.updateNotes(OTHER_NOTES);
    await repository.save(r);
    clock.advance(60_000);
    r.touch('reviewed');
    await repository.save(r);
    expect(releaseCreated(bus.published)).toHaveLength(1);
    expect(bus.published.at(-1)?.type).toBe('TimestampUpdated');
  });

  it('a release loaded from the repository and saved again publishes no ReleaseCreated', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.save(release({}, clock));
    bus.clear();
    const loaded = await repository.getById('rel-1');
    clock.advance(60_000);
    loaded.updateNotes(OTHER_NOTES);
    await repository.save(loaded);
    expect(releaseCreated(bus.published)).toHaveLength(0);
  });

  it('a release rebuilt from stored data (createdAt given, with or without updatedAt) publishes no ReleaseCreated', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.save(new Release(props(), { clock, ...STORED }));
    await repository.save(new Release(props({ id: 'rel-2' }), { clock, createdAt: '2025-09-24T16:05:00Z' }));
    expect(releaseCreated(bus.published)).toHaveLength(0);
  });

  it('each new release publishes its own ReleaseCreated', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.bulkSave([release({ id: 'rel-1' }, clock), release({ id: 'rel-2', version: '2.15.0' }, clock)]);
    expect(releaseCreated(bus.published).map((e) => [e.entityId, e.version])).toEqual([
      ['rel-1', '2.14.0'],
      ['rel-2', '2.15.0'],
    ]);
  });

  it('bulkSave publishes ReleaseCreated for new releases only, and a second bulkSave publishes none', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const fresh = release({ id: 'rel-1' }, clock);
    const rebuilt = new Release(props({ id: 'rel-0', version: '2.13.0' }), { clock, ...STORED });
    await repository.bulkSave([fresh, rebuilt]);
    expect(releaseCreated(bus.published).map((e) => e.entityId)).toEqual(['rel-1']);
    clock.advance(60_000);
    fresh.updateNotes(OTHER_NOTES);
    await repository.bulkSave([fresh, rebuilt]);
    expect(releaseCreated(bus.published).map((e) => e.entityId)).toEqual(['rel-1']);
  });

  it('a refused first save publishes nothing, and the save after the fix publishes ReleaseCreated exactly once', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const r = release({}, clock);
    if (writeDirectly(r, 'notes', 'short')) {
      expect(await rejectionOf(repository.save(r))).toBeInstanceOf(ValidationError);
      expect(bus.published).toEqual([]);
      r.notes = NOTES;
    }
    await repository.save(r);
    await repository.save(r);
    expect(releaseCreated(bus.published).map((e) => e.entityId)).toEqual(['rel-1']);
  });
});
