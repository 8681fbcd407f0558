// Wrong: isComplete checks the chain of updates but not the deletion, so a soft delete without its update (or an update after it) counts as complete.
// The compliance audit trail: the history of every entity, built from the domain events the outbox
// relay delivers at least once, in any order, as objects or in their JSON form. An event's identity
// is what it says happened — which entity, what kind of change, at which instant — not the object
// that carries it: updatedAt strictly increases per entity, so (entity, kind, instant) names one
// change exactly, and a redelivery adds nothing. Updates chain (each one's oldTimestamp is the
// instant before it), which is how a missing event shows as a gap.
import { coerceToUtc } from '@practicum/reference';
import type { AuditEntry, AuditKind, DeliveredEvent } from './audit-entry.ts';

/** The event types the trail records, and where each keeps its instant. */
const RECORDED = new Map<string, { kind: AuditKind; instantField: string }>([
  ['TimestampCreated', { kind: 'created', instantField: 'createdAt' }],
  ['TimestampUpdated', { kind: 'updated', instantField: 'newTimestamp' }],
  ['TimestampDeleted', { kind: 'deleted', instantField: 'deletedAt' }],
]);

/** At one instant a creation comes before an update, and a soft delete's update before its deletion. */
const KIND_ORDER: Record<AuditKind, number> = { created: 0, updated: 1, deleted: 2 };

/** An entry as the trail keeps it: instants as epoch milliseconds, so nothing outside can change them. */
interface Kept {
  kind: AuditKind;
  at: number;
  previous: number | null;
  reason: string | null;
}

interface Parsed {
  entityKey: string;
  entryKey: string;
  entry: Kept;
}

export class AuditTrail {
  /** Entity (type and id) → its entries by identity (kind and instant). */
  readonly #histories = new Map<string, Map<string, Kept>>();

  /** Records one delivered event; true when it added an entry to the trail. */
  handle(event: DeliveredEvent): boolean {
    const parsed = parse(event);
    return parsed !== null && this.#record(parsed);
  }

  /** Records a batch of delivered events; returns how many entries it added. */
  handleBatch(events: readonly DeliveredEvent[]): number {
    // Every event is read before any is recorded: one refused event leaves the trail untouched.
    const parsed = events.map(parse);
    let added = 0;
    for (const one of parsed) if (one !== null && this.#record(one)) added += 1;
    return added;
  }

  /** The history of one entity, oldest first. */
  historyOf(entityType: string, entityId: string): AuditEntry[] {
    return this.#sorted(entityType, entityId).map((e) => ({
      kind: e.kind,
      at: new Date(e.at),
      previous: e.previous === null ? null : new Date(e.previous),
      reason: e.reason,
    }));
  }

  /** True when the history holds every change of the entity since its creation. */
  isComplete(entityType: string, entityId: string): boolean {
    const history = this.#sorted(entityType, entityId);
    if (history[0]?.kind !== 'created') return false;
    for (let i = 1; i < history.length; i += 1) {
      const before = history[i - 1] as Kept;
      const entry = history[i] as Kept;
      if (entry.kind === 'created') return false;
      // An update replaces the instant just before it; a soft delete shares its update's instant.
      if (entry.kind === 'updated' && entry.previous !== before.at) return false;
    }
    return true;
  }

  #record({ entityKey, entryKey, entry }: Parsed): boolean {
    let history = this.#histories.get(entityKey);
    if (history === undefined) {
      history = new Map();
      this.#histories.set(entityKey, history);
    }
    if (history.has(entryKey)) return false; // delivered before: at least once, recorded once
    history.set(entryKey, entry);
    return true;
  }

  #sorted(entityType: string, entityId: string): Kept[] {
    const history = this.#histories.get(entityKeyOf(entityType, entityId));
    return history === undefined ? [] : [...history.values()].sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  }
}

/** JSON of the pair: no separator inside an id can make two entities share a key. */
function entityKeyOf(entityType: string, entityId: string): string {
  return JSON.stringify([entityType, entityId]);
}

/** Reads a delivered event; null for a type the trail does not record. Throws for a malformed one. */
function parse(event: DeliveredEvent): Parsed | null {
  const fields = event as unknown as Record<string, unknown>;
  const type = fields['type'];
  if (typeof type !== 'string') throw new RangeError('An event needs a string type');
  const recorded = RECORDED.get(type);
  if (recorded === undefined) return null;
  const { entityType, entityId } = fields;
  if (typeof entityType !== 'string' || typeof entityId !== 'string') throw new RangeError(`A ${type} event needs a string entityType and entityId`);
  const at = instant(fields[recorded.instantField], `${type}.${recorded.instantField}`);
  let previous: number | null = null;
  let reason: string | null = null;
  if (recorded.kind !== 'created') {
    const given = fields['reason'];
    if (typeof given !== 'string') throw new RangeError(`A ${type} event needs a string reason`);
    reason = given;
  }
  if (recorded.kind === 'updated') previous = instant(fields['oldTimestamp'], `${type}.oldTimestamp`);
  return { entityKey: entityKeyOf(entityType, entityId), entryKey: `${recorded.kind}@${at}`, entry: { kind: recorded.kind, at, previous, reason } };
}

/** A Date or a zoned ISO string as epoch ms; a zone-less string is NaiveDateError, anything else unreadable a RangeError. */
function instant(value: unknown, field: string): number {
  if (!(value instanceof Date) && typeof value !== 'string') throw new RangeError(`${field} must be a Date or an ISO-8601 string, got ${String(value)}`);
  return coerceToUtc(value).getTime();
}
