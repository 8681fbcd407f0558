// Hidden suite for the certification implementation task: the Release entity's identity, rules
// (semantic version, release date not in the clock's future, notes 10-1000 characters), updates,
// and the ReleaseCreated event on the first save only.
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

type ReleaseCreatedLike = DomainEvent & { version?: unknown; releaseDate?: unknown };
const releaseCreated = (events: readonly DomainEvent[]): ReleaseCreatedLike[] => events.filter((e) => e.type === 'ReleaseCreated');

function store(clock: FixedClock): { bus: InMemoryEventBus; repository: InMemoryRepository<Release> } {
  const bus = new InMemoryEventBus();
  return { bus, repository: new InMemoryRepository<Release>({ eventBus: bus, clock }) };
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
    expect(r.releaseDate).toEqual(new Date('2025-09-24T16:00:00Z'));
  });
});

describe('2. Version', () => {
  it('accepts semantic versions such as 0.1.0, 1.0.0 and 10.20.30', () => {
    for (const version of ['0.1.0', '1.0.0', '10.20.30', '0.0.0']) expect(release({ version }).version).toBe(version);
  });

  it('rejects versions that are not major.minor.patch', () => {
    for (const version of ['1.0', '1.0.0.0', 'v1.0.0', '1.0.0-beta', '01.0.0', '1.02.0', 'a.b.c', '', ' 1.0.0', '1..0']) {
      expect(validationErrorOf(() => release({ version })).field, `version "${version}"`).toBe('version');
    }
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

  it('rejects a release date string without a time zone with NaiveDateError', () => {
    expect(() => release({ releaseDate: '2025-09-24T16:00:00' })).toThrow(NaiveDateError);
  });
});

describe('4. Release notes', () => {
  it('accepts notes of exactly 10 and exactly 1000 characters', () => {
    expect(release({ notes: 'x'.repeat(10) }).notes).toHaveLength(10);
    expect(release({ notes: 'x'.repeat(1000) }).notes).toHaveLength(1000);
  });

  it('rejects notes shorter than 10 characters, also when padded with spaces', () => {
    for (const notes of ['x'.repeat(9), `   ${'x'.repeat(9)}   `, ' '.repeat(20), '']) {
      expect(validationErrorOf(() => release({ notes })).field, JSON.stringify(notes)).toBe('notes');
    }
  });

  it('rejects notes longer than 1000 characters', () => {
    expect(validationErrorOf(() => release({ notes: 'x'.repeat(1001) })).field).toBe('notes');
  });
});

describe('5. Updating notes', () => {
  it("updateNotes moves updatedAt to the clock's time and records 'notes_updated'", () => {
    const clock = new FixedClock(NOW);
    const r = release({}, clock);
    r.clearDomainEvents();
    clock.advance(90_000);
    r.updateNotes('Adds bulk export; fixes the CSV date column and the PDF footer.');
    expect(r.updatedAt).toEqual(new Date('2025-09-25T12:01:30Z'));
    expect(r.createdAt).toEqual(new Date(NOW));
    const updates = r.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => e.reason)).toEqual(['notes_updated']);
  });

  it('a rejected updateNotes leaves notes, updatedAt and events unchanged', () => {
    const clock = new FixedClock(NOW);
    const r = release({}, clock);
    const eventsBefore = r.getDomainEvents().length;
    clock.advance(90_000);
    expect(validationErrorOf(() => r.updateNotes('too short')).field).toBe('notes');
    expect(r.notes).toBe(NOTES);
    expect(r.updatedAt).toEqual(new Date(NOW));
    expect(r.getDomainEvents()).toHaveLength(eventsBefore);
  });
});

describe('6. ReleaseCreated', () => {
  it('the first save publishes one ReleaseCreated event with the version and release date', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    await repository.save(release({}, clock));
    const events = releaseCreated(bus.published);
    expect(events).toHaveLength(1);
    expect(events[0]?.entityId).toBe('rel-1');
    expect(events[0]?.entityType).toBe('Release');
    expect(events[0]?.version).toBe('2.14.0');
    expect(events[0]?.releaseDate).toEqual(new Date('2025-09-24T16:00:00Z'));
    expect(events[0]?.occurredAt).toBeInstanceOf(Date);
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
    r.updateNotes('Adds bulk export; fixes the CSV date column and the PDF footer.');
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
    loaded.updateNotes('Adds bulk export; fixes the CSV date column and the PDF footer.');
    await repository.save(loaded);
    expect(releaseCreated(bus.published)).toHaveLength(0);
  });

  it('a release rebuilt from stored data (createdAt given) publishes no ReleaseCreated', async () => {
    const clock = new FixedClock(NOW);
    const { bus, repository } = store(clock);
    const stored = new Release(props(), { clock, createdAt: '2025-09-24T16:05:00Z', updatedAt: '2025-09-24T17:00:00Z' });
    await repository.save(stored);
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
});
