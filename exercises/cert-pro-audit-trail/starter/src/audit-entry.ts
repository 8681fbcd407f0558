// What the audit trail receives and what it records (read-only). The outbox relay delivers each
// event at least once: as the event object itself, or in its JSON form read back from the outbox
// table, where every instant is an ISO-8601 string.
import type { DomainEvent } from '@practicum/reference';

/** An event in its JSON form: the same fields, instants written as ISO-8601 strings. */
export interface SerializedEvent {
  readonly type: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly [field: string]: unknown;
}

export type DeliveredEvent = DomainEvent | SerializedEvent;

export type AuditKind = 'created' | 'updated' | 'deleted';

/** One recorded change of one entity. */
export interface AuditEntry {
  kind: AuditKind;
  /** When it happened: createdAt, newTimestamp or deletedAt of the event. */
  at: Date;
  /** For an update, the timestamp it replaced (the event's oldTimestamp); otherwise null. */
  previous: Date | null;
  /** Why: the event's reason for an update or a deletion; null for a creation. */
  reason: string | null;
}
