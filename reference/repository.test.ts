import { describe, expect, it } from 'vitest';
import { FixedClock } from './clock.ts';
import { ValidationError } from './entity.ts';
import { InMemoryEventBus, TimestampCreatedEvent, TimestampUpdatedEvent } from './events.ts';
import { InMemoryRepository } from './in-memory-repository.ts';
import { ConcurrencyError, NotFoundError } from './repository.ts';
import { Note } from './test-entities.ts';
import { NaiveDateError } from './utc.ts';

const T0 = '2025-06-01T09:00:00Z';

function setup() {
  const clock = new FixedClock(T0);
  const bus = new InMemoryEventBus();
  const repository = new InMemoryRepository<Note>({ eventBus: bus, clock });
  return { clock, bus, repository };
}

describe('save()', () => {
  it('publishes Created exactly once, then the recorded updates, and clears them', async () => {
    const { clock, bus, repository } = setup();
    const note = new Note('n1', 'x', { clock });
    await repository.save(note);
    expect(note.isNew).toBe(false);
    expect(note.persistedVersion).toEqual(note.updatedAt);
    clock.advance(1000);
    note.edit('y');
    await repository.save(note);
    await repository.save(note);
    expect(bus.published.map((e) => e.type)).toEqual(['TimestampCreated', 'TimestampUpdated']);
    expect(bus.published[0]).toBeInstanceOf(TimestampCreatedEvent);
    expect(note.getDomainEvents()).toHaveLength(0);
    expect(repository.stats.save).toBe(3);
  });

  it('does not publish Created for a rehydrated entity and stores it on first save', async () => {
    const { bus, repository } = setup();
    await repository.save(new Note('n1', 'x', { createdAt: '2025-01-01T00:00:00Z' }));
    expect(bus.published).toHaveLength(0);
    expect(await repository.findById('n1')).not.toBeNull();
  });

  it('refuses invalid entities before storing or publishing anything', async () => {
    const { bus, repository } = setup();
    const note = new Note('n1', 'x');
    note.text = '';
    await expect(repository.save(note)).rejects.toThrow(ValidationError);
    expect(bus.published).toHaveLength(0);
    expect(await repository.findById('n1')).toBeNull();
  });

  it('detects a concurrent update through the stored updatedAt', async () => {
    const { clock, bus, repository } = setup();
    await repository.save(new Note('n1', 'x', { clock }));
    clock.advance(1000);
    const stale = new Note('n1', 'stale copy', { createdAt: T0, updatedAt: T0 });
    const fresh = await repository.getById('n1');
    fresh.edit('fresh');
    await repository.save(fresh);
    stale.edit('mine');
    const published = bus.published.length;
    await expect(repository.save(stale)).rejects.toThrow(ConcurrencyError);
    expect(bus.published).toHaveLength(published);
    await expect(repository.save(new Note('n1', 'duplicate', { clock }))).rejects.toThrow(/already exists/);
    const neverLoaded = new Note('n1', 'x', { clock });
    neverLoaded.markPersisted(new Date(0));
    await expect(repository.save(neverLoaded)).rejects.toThrow(ConcurrencyError);
  });
});

describe('bulkSave()', () => {
  it('stamps every existing entity with one instant and publishes with one batch call', async () => {
    const { clock, bus, repository } = setup();
    await repository.bulkSave([new Note('a', 'x', { clock }), new Note('b', 'y', { clock })]);
    expect([bus.batchCalls, bus.publishCalls]).toEqual([1, 0]);
    expect(bus.published.filter((e) => e instanceof TimestampCreatedEvent)).toHaveLength(2);
    clock.advance(5000);
    const loaded = await repository.findByIds(['a', 'b']);
    await repository.bulkSave(loaded);
    const instants = new Set(loaded.map((n) => n.updatedAt.toISOString()));
    expect([...instants]).toEqual(['2025-06-01T09:00:05.000Z']);
    const updates = bus.published.filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => e.reason)).toEqual(['bulk_save', 'bulk_save']);
    expect(bus.batchCalls).toBe(2);
    expect(repository.stats).toMatchObject({ bulkSave: 2, findByIds: 1 });
  });

  it('is all-or-nothing: one invalid entity stores and publishes nothing', async () => {
    const { bus, repository } = setup();
    const bad = new Note('b', 'y');
    bad.text = '';
    await expect(repository.bulkSave([new Note('a', 'x'), bad])).rejects.toThrow(ValidationError);
    expect(bus.published).toHaveLength(0);
    expect(await repository.findByIds(['a', 'b'])).toEqual([]);
    await expect(repository.bulkSave([new Note('c', 'x'), new Note('c', 'x')])).rejects.toThrow(/twice/);
    await repository.bulkSave([]);
    expect(bus.batchCalls).toBe(0);
  });
});

describe('finders and soft delete', () => {
  it('finds by id, by ids in one round trip, and updated strictly after an instant', async () => {
    const { clock, repository } = setup();
    await repository.save(new Note('a', 'x', { clock }));
    clock.advance(1000);
    await repository.save(new Note('b', 'y', { clock }));
    expect((await repository.findById('a'))?.id).toBe('a');
    await expect(repository.getById('zzz')).rejects.toThrow(NotFoundError);
    expect((await repository.findByIds(['b', 'a', 'b', 'nope'])).map((n) => n.id).sort()).toEqual(['a', 'b']);
    expect(await repository.findByIds([])).toEqual([]);
    expect((await repository.findUpdatedSince(T0)).map((n) => n.id)).toEqual(['b']);
    expect((await repository.findUpdatedSince(new Date(0))).map((n) => n.id)).toEqual(['a', 'b']);
    await expect(repository.findUpdatedSince('2025-06-01T09:00:00')).rejects.toThrow(NaiveDateError);
    expect(repository.stats.queries).toBe(repository.stats.save + repository.stats.findById + repository.stats.findByIds + repository.stats.findUpdatedSince);
  });

  it('soft-deleted entities stay stored but are no longer found', async () => {
    const { clock, bus, repository } = setup();
    const note = new Note('a', 'x', { clock });
    await repository.save(note);
    clock.advance(10);
    await repository.softDelete(note, 'spam');
    expect(repository.size).toBe(1);
    expect(await repository.findById('a')).toBeNull();
    expect(await repository.findByIds(['a'])).toEqual([]);
    expect(await repository.findUpdatedSince(new Date(0))).toEqual([]);
    expect(bus.published.map((e) => e.type)).toEqual(['TimestampCreated', 'TimestampUpdated', 'TimestampDeleted']);
  });

  it('uses the system clock when none is given', async () => {
    const repository = new InMemoryRepository<Note>({ eventBus: new InMemoryEventBus() });
    const before = Date.now();
    const note = new Note('a', 'x', { createdAt: '2020-01-01T00:00:00Z' });
    await repository.bulkSave([note]);
    expect(note.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});
