// The compliance audit trail: the history of every entity, built from the domain events the outbox
// relay delivers. Written for a bus that delivered each event exactly once, in order, as objects.
import type { AuditEntry, DeliveredEvent } from './audit-entry.ts';

export class AuditTrail {
  readonly #entries = new Map<string, AuditEntry[]>();

  /** Records one delivered event; true when it added an entry to the trail. */
  handle(event: DeliveredEvent): boolean {
    const fields = event as unknown as Record<string, unknown>;
    const key = `${event.entityType}:${event.entityId}`;
    const history = this.#entries.get(key) ?? [];
    this.#entries.set(key, history);
    if (event.type === 'TimestampCreated') {
      history.push({ kind: 'created', at: new Date(fields['createdAt'] as string), previous: null, reason: null });
    } else if (event.type === 'TimestampUpdated') {
      history.push({ kind: 'updated', at: new Date(fields['newTimestamp'] as string), previous: new Date(fields['oldTimestamp'] as string), reason: fields['reason'] as string });
    } else if (event.type === 'TimestampDeleted') {
      history.push({ kind: 'deleted', at: new Date(fields['deletedAt'] as string), previous: null, reason: fields['reason'] as string });
    } else {
      return false;
    }
    return true;
  }

  /** Records a batch of delivered events; returns how many entries it added. */
  handleBatch(events: readonly DeliveredEvent[]): number {
    return events.filter((event) => this.handle(event)).length;
  }

  /** The history of one entity, oldest first. */
  historyOf(entityType: string, entityId: string): AuditEntry[] {
    return this.#entries.get(`${entityType}:${entityId}`) ?? [];
  }

  /** True when the history holds every change of the entity since its creation. */
  isComplete(entityType: string, entityId: string): boolean {
    return this.historyOf(entityType, entityId)[0]?.kind === 'created';
  }
}
