import { describe, expect, it } from 'vitest';
import { AdvancingClock, FixedClock } from './clock.ts';
import { ValidationError } from './entity.ts';
import { TimestampDeletedEvent, TimestampUpdatedEvent } from './events.ts';
import { Note } from './test-entities.ts';
import { NaiveDateError } from './utc.ts';

const T0 = '2025-06-01T09:00:00Z';

describe('BaseTimestampEntity creation', () => {
  it('stamps a new entity with one UTC instant for both timestamps', () => {
    const note = new Note('n1', 'hello', { clock: new AdvancingClock(T0, 5) });
    expect(note.createdAt.toISOString()).toBe('2025-06-01T09:00:00.000Z');
    expect(note.updatedAt).toEqual(note.createdAt);
    expect(note.isNew).toBe(true);
    expect(note.persistedVersion).toBeNull();
    expect([note.entityId, note.entityType]).toEqual(['n1', 'Note']);
    expect(note.getDomainEvents()).toEqual([]);
  });

  it('rehydrates stored timestamps, defaulting updatedAt to createdAt, and is not new', () => {
    const note = new Note('n1', 'x', { createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-02T00:00:00+01:00' });
    expect(note.updatedAt.toISOString()).toBe('2025-01-01T23:00:00.000Z');
    expect(note.isNew).toBe(false);
    expect(note.persistedVersion).toEqual(note.updatedAt);
    expect(new Note('n2', 'x', { createdAt: new Date(0) }).updatedAt).toEqual(new Date(0));
  });

  it('refuses naive, inconsistent or partial stored timestamps', () => {
    expect(() => new Note('n', 'x', { createdAt: '2025-01-01T00:00:00' })).toThrow(NaiveDateError);
    expect(() => new Note('n', 'x', { createdAt: '2025-01-02T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' })).toThrow(/before createdAt/);
    expect(() => new Note('n', 'x', { updatedAt: '2025-01-01T00:00:00Z' })).toThrow(RangeError);
  });

  it('hands out copies: createdAt cannot be changed from outside', () => {
    const note = new Note('n1', 'x', { clock: new FixedClock(T0) });
    note.createdAt.setUTCFullYear(1990);
    note.updatedAt.setUTCFullYear(1990);
    expect(note.createdAt.toISOString()).toBe('2025-06-01T09:00:00.000Z');
    expect(note.updatedAt.toISOString()).toBe('2025-06-01T09:00:00.000Z');
  });

  it('validates through the subclass', () => {
    expect(() => new Note('n1', '  ')).toThrow(ValidationError);
    try {
      new Note('n1', '');
    } catch (error) {
      expect((error as ValidationError).field).toBe('text');
      expect((error as ValidationError).name).toBe('ValidationError');
    }
  });
});

describe('touch()', () => {
  it('moves updatedAt to the clock and records why', () => {
    const clock = new FixedClock(T0);
    const note = new Note('n1', 'x', { clock });
    clock.advance(60_000);
    note.edit('changed');
    expect(note.updatedAt.toISOString()).toBe('2025-06-01T09:01:00.000Z');
    const [event] = note.getDomainEvents();
    expect(event).toBeInstanceOf(TimestampUpdatedEvent);
    const updated = event as TimestampUpdatedEvent;
    expect([updated.reason, updated.oldTimestamp.toISOString(), updated.newTimestamp.toISOString()]).toEqual([
      'edited',
      '2025-06-01T09:00:00.000Z',
      '2025-06-01T09:01:00.000Z',
    ]);
    expect(updated.metadata).toEqual({ length: 7 });
    expect(note.createdAt.toISOString()).toBe('2025-06-01T09:00:00.000Z');
  });

  it('is strictly increasing when the clock stands still or goes back', () => {
    const clock = new FixedClock(T0);
    const note = new Note('n1', 'x', { clock });
    note.touch();
    note.touch();
    expect(note.updatedAt.getTime() - note.createdAt.getTime()).toBe(2);
    clock.set('2025-05-01T00:00:00Z');
    note.touch('clock went back');
    expect(note.updatedAt.getTime() - note.createdAt.getTime()).toBe(3);
    expect((note.getDomainEvents()[0] as TimestampUpdatedEvent).reason).toBe('entity_updated');
  });

  it('validates first: an invalid entity changes nothing and records nothing', () => {
    const note = new Note('n1', 'x', { clock: new FixedClock(T0) });
    expect(() => note.edit('')).toThrow(ValidationError);
    expect(note.text).toBe('x');
    expect(note.updatedAt).toEqual(note.createdAt);
    expect(note.getDomainEvents()).toHaveLength(0);
  });

  it('clears collected events on request', () => {
    const note = new Note('n1', 'x');
    note.touch();
    const events = note.getDomainEvents() as unknown[];
    events.length = 0;
    expect(note.getDomainEvents()).toHaveLength(1);
    note.clearDomainEvents();
    expect(note.getDomainEvents()).toHaveLength(0);
  });
});

describe('soft delete, age and recency', () => {
  it('soft-deletes once, touching and recording a deletion event', () => {
    const clock = new FixedClock(T0);
    const note = new Note('n1', 'x', { clock });
    clock.advance(1000);
    note.softDelete('spam');
    expect(note.isDeleted).toBe(true);
    expect(note.deletedAt).toEqual(note.updatedAt);
    expect(note.getDomainEvents().map((e) => e.type)).toEqual(['TimestampUpdated', 'TimestampDeleted']);
    expect((note.getDomainEvents()[1] as TimestampDeletedEvent).reason).toBe('spam');
    expect(() => note.softDelete()).toThrow(/already deleted/);
    expect(new Note('n2', 'x').deletedAt).toBeNull();
  });

  it('measures age and time since update against the clock or a given instant', () => {
    const clock = new FixedClock(T0);
    const note = new Note('n1', 'x', { clock });
    clock.advance(30_000);
    note.touch();
    clock.advance(45_000);
    expect(note.age()).toBe(75_000);
    expect(note.timeSinceUpdate()).toBe(45_000);
    expect(note.age(new Date('2025-06-01T10:00:00Z'))).toBe(3_600_000);
    expect(note.wasRecentlyCreated()).toBe(false);
    expect(note.wasRecentlyUpdated()).toBe(true);
    expect(note.wasRecentlyCreated(80_000)).toBe(true);
    clock.set('2025-05-01T00:00:00Z');
    expect(note.wasRecentlyUpdated()).toBe(false);
    expect(note.peekClock().toISOString()).toBe('2025-05-01T00:00:00.000Z');
  });
});

describe('infrastructure API', () => {
  it('markPersisted records the version and ends newness; stampUpdatedAt shares one instant', () => {
    const clock = new FixedClock(T0);
    const note = new Note('n1', 'x', { clock });
    note.markPersisted(note.updatedAt);
    expect(note.isNew).toBe(false);
    expect(note.persistedVersion).toEqual(note.updatedAt);
    note.stampUpdatedAt(new Date('2025-06-01T12:00:00Z'), 'bulk_save');
    expect(note.updatedAt.toISOString()).toBe('2025-06-01T12:00:00.000Z');
    note.stampUpdatedAt(new Date('2025-06-01T11:00:00Z'), 'bulk_save');
    expect(note.updatedAt.toISOString()).toBe('2025-06-01T12:00:00.001Z');
    expect(note.getDomainEvents().map((e) => (e as TimestampUpdatedEvent).reason)).toEqual(['bulk_save', 'bulk_save']);
  });
});
