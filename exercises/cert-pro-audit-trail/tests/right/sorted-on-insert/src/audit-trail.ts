// Right: keeps each history as an array kept sorted on insert (binary search), with a Set of "kind|ms" keys per entity for duplicates; a batch is parsed into a staging list first.
import { coerceToUtc } from '@practicum/reference';
import type { AuditEntry, AuditKind, DeliveredEvent } from './audit-entry.ts';

interface Row {
  kind: AuditKind;
  at: number;
  previous: number | null;
  reason: string | null;
}

interface Staged {
  entity: string;
  row: Row;
}

const rank = (kind: AuditKind): number => (kind === 'created' ? 0 : kind === 'updated' ? 1 : 2);
const before = (a: Row, b: Row): boolean => a.at < b.at || (a.at === b.at && rank(a.kind) < rank(b.kind));

function readInstant(value: unknown): number {
  if (typeof value === 'string' || value instanceof Date) return coerceToUtc(value).getTime();
  throw new RangeError(`not an instant: ${String(value)}`);
}

function readReason(value: unknown): string {
  if (typeof value !== 'string') throw new RangeError('reason must be a string');
  return value;
}

function stage(event: DeliveredEvent): Staged | null {
  const e = event as unknown as Record<string, unknown>;
  let row: Row;
  switch (e['type']) {
    case 'TimestampCreated':
      row = { kind: 'created', at: readInstant(e['createdAt']), previous: null, reason: null };
      break;
    case 'TimestampUpdated':
      row = { kind: 'updated', at: readInstant(e['newTimestamp']), previous: readInstant(e['oldTimestamp']), reason: readReason(e['reason']) };
      break;
    case 'TimestampDeleted':
      row = { kind: 'deleted', at: readInstant(e['deletedAt']), previous: null, reason: readReason(e['reason']) };
      break;
    default:
      return null;
  }
  return { entity: `${String(e['entityType']).length}:${String(e['entityType'])}${String(e['entityId'])}`, row };
}

export class AuditTrail {
  readonly #rows = new Map<string, Row[]>();
  readonly #keys = new Map<string, Set<string>>();

  handle(event: DeliveredEvent): boolean {
    const staged = stage(event);
    return staged ? this.#insert(staged) : false;
  }

  handleBatch(events: readonly DeliveredEvent[]): number {
    const staged: Staged[] = [];
    for (const event of events) {
      const one = stage(event);
      if (one) staged.push(one);
    }
    return staged.reduce((added, one) => added + (this.#insert(one) ? 1 : 0), 0);
  }

  historyOf(entityType: string, entityId: string): AuditEntry[] {
    const rows = this.#rows.get(`${entityType.length}:${entityType}${entityId}`) ?? [];
    return rows.map((r) => ({ kind: r.kind, at: new Date(r.at), previous: r.previous === null ? null : new Date(r.previous), reason: r.reason }));
  }

  isComplete(entityType: string, entityId: string): boolean {
    const rows = this.#rows.get(`${entityType.length}:${entityType}${entityId}`) ?? [];
    return (
      rows.length > 0 &&
      rows.every((row, i) => {
        const prior = rows[i - 1];
        if (i === 0) return row.kind === 'created';
        if (!prior || prior.kind === 'deleted') return false;
        if (row.kind === 'updated') return row.previous === prior.at;
        if (row.kind === 'deleted') return row.at === prior.at;
        return false;
      })
    );
  }

  #insert({ entity, row }: Staged): boolean {
    const keys = this.#keys.get(entity) ?? new Set<string>();
    const key = `${row.kind}|${row.at}`;
    if (keys.has(key)) return false;
    keys.add(key);
    this.#keys.set(entity, keys);
    const rows = this.#rows.get(entity) ?? [];
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(rows[mid] as Row, row)) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
    this.#rows.set(entity, rows);
    return true;
  }
}
