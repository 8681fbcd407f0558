// Visible checks for the audit trail task: run them while you work; the hidden tests decide.
import { describe, it, expect } from 'vitest';
import { NaiveDateError, TimestampCreatedEvent, TimestampUpdatedEvent } from '@practicum/reference';
import type { SerializedEvent } from '../../starter/src/audit-entry.ts';
import { AuditTrail } from '../../starter/src/audit-trail.ts';

const T0 = new Date('2025-10-01T09:00:00Z');
const T1 = new Date('2025-10-01T09:01:00Z');
const created = new TimestampCreatedEvent({ entityId: 't1', entityType: 'Task', occurredAt: T0, createdAt: T0 });
const updated = new TimestampUpdatedEvent({ entityId: 't1', entityType: 'Task', occurredAt: T1, oldTimestamp: T0, newTimestamp: T1, reason: 'retitled' });
const json = (event: object): SerializedEvent => JSON.parse(JSON.stringify(event)) as SerializedEvent;

describe('AuditTrail (visible checks)', () => {
  it('records a redelivered event once, also in its JSON form', () => {
    const trail = new AuditTrail();
    expect(trail.handle(created)).toBe(true);
    expect(trail.handle(json(created))).toBe(false);
    expect(trail.historyOf('Task', 't1')).toHaveLength(1);
  });

  it('orders the history by instant, whatever the order of delivery', () => {
    const trail = new AuditTrail();
    trail.handle(json(updated));
    trail.handle(json(created));
    expect(trail.historyOf('Task', 't1').map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(trail.isComplete('Task', 't1')).toBe(true);
  });

  it('refuses an instant without a zone', () => {
    const trail = new AuditTrail();
    expect(() => trail.handle({ ...json(created), createdAt: '2025-10-01T09:00:00' })).toThrow(NaiveDateError);
  });
});
