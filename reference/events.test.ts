import { describe, expect, it } from 'vitest';
import { InMemoryEventBus, TimestampCreatedEvent, TimestampDeletedEvent, TimestampUpdatedEvent, type DomainEvent } from './events.ts';

const at = new Date('2025-01-01T00:00:00Z');

describe('domain events', () => {
  it('carry copies of their instants and frozen metadata', () => {
    const old = new Date('2024-12-31T00:00:00Z');
    const event = new TimestampUpdatedEvent({ entityId: 'a', entityType: 'Task', occurredAt: at, oldTimestamp: old, newTimestamp: at, reason: 'renamed', metadata: { by: 'ada' } });
    old.setUTCFullYear(2000);
    expect(event.oldTimestamp.toISOString()).toBe('2024-12-31T00:00:00.000Z');
    expect(event.type).toBe('TimestampUpdated');
    expect(Object.isFrozen(event.metadata)).toBe(true);
    expect(new TimestampUpdatedEvent({ entityId: 'a', entityType: 'Task', occurredAt: at, oldTimestamp: at, newTimestamp: at, reason: 'x' }).metadata).toEqual({});
    const created = new TimestampCreatedEvent({ entityId: 'a', entityType: 'Task', occurredAt: at, createdAt: at });
    expect([created.type, created.createdAt.toISOString()]).toEqual(['TimestampCreated', at.toISOString()]);
    const deleted = new TimestampDeletedEvent({ entityId: 'a', entityType: 'Task', occurredAt: at, deletedAt: at, reason: 'gone' });
    expect([deleted.type, deleted.reason]).toEqual(['TimestampDeleted', 'gone']);
  });
});

describe('InMemoryEventBus', () => {
  const event = (id: string): DomainEvent => new TimestampCreatedEvent({ entityId: id, entityType: 'Task', occurredAt: at, createdAt: at });

  it('records, counts and delivers to subscribers until they unsubscribe', () => {
    const bus = new InMemoryEventBus();
    const seen: string[] = [];
    const stop = bus.subscribe((e) => seen.push(e.entityId));
    bus.publish(event('a'));
    bus.publishBatch([event('b'), event('c')]);
    stop();
    bus.publish(event('d'));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(bus.published.map((e) => e.entityId)).toEqual(['a', 'b', 'c', 'd']);
    expect([bus.publishCalls, bus.batchCalls]).toEqual([2, 1]);
    bus.clear();
    expect([bus.published.length, bus.publishCalls, bus.batchCalls]).toEqual([0, 0, 0]);
  });
});
