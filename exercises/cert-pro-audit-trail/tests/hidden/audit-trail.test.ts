// Hidden suite for the professional task on a scenario the course has not practised: an audit trail
// fed at least once, in any order, by objects or their JSON form. The events come from real saves,
// bulk saves and soft deletes through the course's repository, then are redelivered every way the
// outbox relay can: the same object, a copy, JSON with Z or with an offset, reversed, shuffled, in
// batches. The trail must record each change once, in UTC, ordered by instant, refuse zone-less and
// unreadable instants without recording anything, keep its entries to itself, and see gaps.
import { describe, it, expect } from 'vitest';
import {
  BaseTimestampEntity,
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  NaiveDateError,
  TimestampCreatedEvent,
  TimestampDeletedEvent,
  TimestampUpdatedEvent,
  ValidationError,
  type DomainEvent,
  type EntityInit,
} from '@practicum/reference';
import type { AuditEntry, DeliveredEvent, SerializedEvent } from '../../starter/src/audit-entry.ts';
import { AuditTrail } from '../../starter/src/audit-trail.ts';

const T0 = Date.parse('2025-10-01T09:00:00Z');
const MINUTE = 60_000;

class Task extends BaseTimestampEntity {
  readonly id: string;
  title: string;

  constructor(id: string, title: string, init?: EntityInit) {
    super(init);
    this.id = id;
    this.title = title;
  }

  retitle(title: string): void {
    this.title = title;
    this.touch('retitled');
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.title.trim() === '') throw new ValidationError('title is required', 'title');
  }
}

/** Another kind of entity, whose ids can be the same as a task's. */
class Memo extends BaseTimestampEntity {
  readonly id: string;

  constructor(id: string, init?: EntityInit) {
    super(init);
    this.id = id;
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {}
}

interface Story {
  bus: InMemoryEventBus;
  events: DomainEvent[];
  /** The entries task t1 must have, oldest first. */
  t1: AuditEntry[];
}

const entry = (kind: AuditEntry['kind'], at: number, previous: number | null = null, reason: string | null = null): AuditEntry => ({
  kind,
  at: new Date(at),
  previous: previous === null ? null : new Date(previous),
  reason,
});

/**
 * Task t1 is created, retitled twice, bulk-saved with a new task t2, and soft-deleted — one minute
 * apart — through the course's repository; `before` runs first (a subscriber, say).
 */
async function story(before?: (bus: InMemoryEventBus) => void): Promise<Story> {
  const clock = new FixedClock(new Date(T0));
  const bus = new InMemoryEventBus();
  before?.(bus);
  const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
  const t1 = new Task('t1', 'Draft plan', { clock });
  await repository.save(t1);
  for (const title of ['Plan', 'Final plan']) {
    clock.advance(MINUTE);
    t1.retitle(title);
    await repository.save(t1);
  }
  clock.advance(MINUTE);
  await repository.bulkSave([t1, new Task('t2', 'Budget', { clock })]);
  clock.advance(MINUTE);
  await repository.softDelete(t1, 'archived');
  return {
    bus,
    events: [...bus.published],
    t1: [
      entry('created', T0),
      entry('updated', T0 + MINUTE, T0, 'retitled'),
      entry('updated', T0 + 2 * MINUTE, T0 + MINUTE, 'retitled'),
      entry('updated', T0 + 3 * MINUTE, T0 + 2 * MINUTE, 'bulk_save'),
      entry('updated', T0 + 4 * MINUTE, T0 + 3 * MINUTE, 'archived'),
      entry('deleted', T0 + 4 * MINUTE, null, 'archived'),
    ],
  };
}

/** The event as the relay reads it back from the outbox. */
const json = (event: DomainEvent): SerializedEvent => JSON.parse(JSON.stringify(event)) as SerializedEvent;

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The JSON form with every instant written at another offset ("+02:00" or "-05:30"): the same instants. */
function withOffset(event: DomainEvent, minutes: number): SerializedEvent {
  const out: Record<string, unknown> = { ...json(event) };
  const sign = minutes < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string' && ISO_Z.test(value)) {
      out[key] = `${new Date(Date.parse(value) + minutes * MINUTE).toISOString().slice(0, -1)}${sign}${hh}:${mm}`;
    }
  }
  return out as unknown as SerializedEvent;
}

/** The JSON form with one field replaced (a malformed delivery). */
function withField(event: DomainEvent, field: string, value: unknown): SerializedEvent {
  const out: Record<string, unknown> = { ...json(event) };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out as unknown as SerializedEvent;
}

const ofType = (events: readonly DomainEvent[], type: string): DomainEvent[] => events.filter((e) => e.type === type);
const t1Events = (events: readonly DomainEvent[]): DomainEvent[] => events.filter((e) => e.entityId === 't1');

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** A fixed, thorough shuffle (no randomness: the same order every run). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = (i * 7 + 3) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('1. What is recorded', () => {
  it('records the creation, the updates with their reasons and the deletion of an entity as the bus delivers them', async () => {
    const trail = new AuditTrail();
    const s = await story((bus) => bus.subscribe((event) => trail.handle(event)));
    expect(trail.historyOf('Task', 't1')).toEqual(s.t1);
    expect(trail.historyOf('Task', 't2')).toEqual([entry('created', T0 + 3 * MINUTE)]);
  });

  it('returns true for each entry it adds, and false for an event of another type, which it ignores without throwing', async () => {
    const s = await story();
    const trail = new AuditTrail();
    expect(s.events.map((e) => trail.handle(e))).toEqual(s.events.map(() => true));
    const others: SerializedEvent[] = [
      { type: 'ReleaseCreated', entityType: 'Release', entityId: 'r1', occurredAt: '2025-10-01T09:00:00Z', version: '2.14.0' },
      { type: 'TaskAssigned', entityType: 'Task', entityId: 't1', occurredAt: '2025-10-01T09:00:00' },
      { type: 'toString', entityType: 'Task', entityId: 't1' },
      { type: 'constructor', entityType: 'Task', entityId: 't1' },
    ];
    for (const other of others) expect(trail.handle(other), `a ${other.type} event`).toBe(false);
    expect(trail.historyOf('Task', 't1')).toEqual(s.t1);
    expect(trail.historyOf('Release', 'r1')).toEqual([]);
  });
});

describe('2. Objects or JSON, always UTC', () => {
  it('reads events in their JSON form, with Z or with an offset, as the same instants', async () => {
    const s = await story();
    for (const [label, form] of [
      ['JSON with Z', json],
      ['JSON at +02:00', (e: DomainEvent) => withOffset(e, 120)],
      ['JSON at -05:30', (e: DomainEvent) => withOffset(e, -330)],
    ] as const) {
      const trail = new AuditTrail();
      for (const event of s.events) expect(trail.handle(form(event)), `${label}: ${event.type}`).toBe(true);
      expect(trail.historyOf('Task', 't1'), label).toEqual(s.t1);
      expect(trail.isComplete('Task', 't1'), `${label}: complete`).toBe(true);
    }
  });

  it('refuses an instant without a zone with NaiveDateError and records nothing', async () => {
    const s = await story();
    const [created] = ofType(s.events, 'TimestampCreated');
    const [updated] = ofType(s.events, 'TimestampUpdated');
    const [deleted] = ofType(s.events, 'TimestampDeleted');
    const naive = (iso: string): string => iso.replace(/Z$/, '');
    const cases: [string, SerializedEvent][] = [];
    if (created && updated && deleted) {
      cases.push(
        ['createdAt', withField(created, 'createdAt', naive(json(created)['createdAt'] as string))],
        ['newTimestamp', withField(updated, 'newTimestamp', naive(json(updated)['newTimestamp'] as string))],
        ['oldTimestamp', withField(updated, 'oldTimestamp', naive(json(updated)['oldTimestamp'] as string))],
        ['deletedAt', withField(deleted, 'deletedAt', '2025-10-01 09:04:00')],
        ['date only', withField(created, 'createdAt', '2025-10-01')],
      );
    }
    expect(cases).toHaveLength(5);
    for (const [label, event] of cases) {
      const trail = new AuditTrail();
      expect(thrownBy(() => trail.handle(event)), label).toBeInstanceOf(NaiveDateError);
      expect(trail.historyOf(event.entityType, event.entityId), `history after a refused ${label}`).toEqual([]);
    }
  });

  it('refuses a missing or unreadable instant, or an Invalid Date, with RangeError and records nothing', async () => {
    const s = await story();
    const [created] = ofType(s.events, 'TimestampCreated');
    const [updated] = ofType(s.events, 'TimestampUpdated');
    if (!created || !updated) throw new Error('the story has no created or updated event');
    const cases: [string, DeliveredEvent][] = [
      ['no createdAt', withField(created, 'createdAt', undefined)],
      ['unreadable newTimestamp', withField(updated, 'newTimestamp', 'yesterday')],
      ['no oldTimestamp', withField(updated, 'oldTimestamp', undefined)],
      ['impossible date', withField(updated, 'newTimestamp', '2025-13-45T10:00:00Z')],
      ['null createdAt', withField(created, 'createdAt', null)],
      ['Invalid Date', { ...updated, newTimestamp: new Date(Number.NaN) } as unknown as DeliveredEvent],
    ];
    for (const [label, event] of cases) {
      const trail = new AuditTrail();
      expect(thrownBy(() => trail.handle(event)), label).toBeInstanceOf(RangeError);
      expect(trail.historyOf('Task', event.entityId), `history after a refused event (${label})`).toEqual([]);
    }
  });

  it('refuses an update or a deletion without a string reason with RangeError and records nothing', async () => {
    const s = await story();
    const [updated] = ofType(s.events, 'TimestampUpdated');
    const [deleted] = ofType(s.events, 'TimestampDeleted');
    if (!updated || !deleted) throw new Error('the story has no updated or deleted event');
    for (const [label, event] of [
      ['update without reason', withField(updated, 'reason', undefined)],
      ['update with a numeric reason', withField(updated, 'reason', 42)],
      ['deletion without reason', withField(deleted, 'reason', undefined)],
    ] as const) {
      const trail = new AuditTrail();
      expect(thrownBy(() => trail.handle(event)), label).toBeInstanceOf(RangeError);
      expect(trail.historyOf('Task', 't1'), label).toEqual([]);
    }
  });
});

describe('3. At least once in, exactly once recorded', () => {
  it('a redelivered event adds nothing: the same object, a copy, its JSON form, or the same instants at another offset', async () => {
    const s = await story();
    const trail = new AuditTrail();
    for (const event of s.events) {
      expect(trail.handle(event), `first delivery of ${event.type}`).toBe(true);
      for (const [label, again] of [
        ['the same object', event],
        ['a copy', { ...event } as DeliveredEvent],
        ['its JSON form', json(event)],
        ['at +02:00', withOffset(event, 120)],
        ['at -05:30', withOffset(event, -330)],
      ] as const) {
        expect(trail.handle(again), `${event.type} of ${event.entityId} again, ${label}`).toBe(false);
      }
    }
    expect(trail.historyOf('Task', 't1')).toEqual(s.t1);
    expect(trail.historyOf('Task', 't2')).toHaveLength(1);
  });

  it('replaying the whole history again, in JSON and in reverse, leaves every history as it was', async () => {
    const s = await story();
    const trail = new AuditTrail();
    for (const event of s.events) trail.handle(event);
    for (const event of [...s.events].reverse()) trail.handle(json(event));
    for (const event of shuffled(s.events)) trail.handle(withOffset(event, 60));
    expect(trail.historyOf('Task', 't1')).toEqual(s.t1);
    expect(trail.historyOf('Task', 't2')).toEqual([entry('created', T0 + 3 * MINUTE)]);
  });

  it('keeps both entries of a soft delete, which share one instant, whichever arrives first', async () => {
    const s = await story();
    const softDelete = t1Events(s.events).slice(-2);
    expect(softDelete.map((e) => e.type)).toEqual(['TimestampUpdated', 'TimestampDeleted']);
    for (const order of [softDelete, [...softDelete].reverse()]) {
      const trail = new AuditTrail();
      for (const event of order) expect(trail.handle(json(event)), `${event.type}, delivered ${order[0]?.type} first`).toBe(true);
      expect(trail.historyOf('Task', 't1')).toEqual(s.t1.slice(-2));
    }
  });

  it('keeps the same entity id in two entity types apart', async () => {
    const clock = new FixedClock(new Date(T0));
    const bus = new InMemoryEventBus();
    const trail = new AuditTrail();
    const added: boolean[] = [];
    bus.subscribe((event) => added.push(trail.handle(event)));
    await new InMemoryRepository<Task>({ eventBus: bus, clock }).save(new Task('42', 'Plan', { clock }));
    const memo = new Memo('42', { clock });
    const memos = new InMemoryRepository<Memo>({ eventBus: bus, clock });
    await memos.save(memo);
    clock.advance(MINUTE);
    memo.touch('noted');
    await memos.save(memo);
    expect(added, 'entries added for the task, the memo, and the memo again').toEqual([true, true, true]);
    expect(trail.historyOf('Task', '42')).toEqual([entry('created', T0)]);
    expect(trail.historyOf('Memo', '42')).toEqual([entry('created', T0), entry('updated', T0 + MINUTE, T0, 'noted')]);
    expect(trail.isComplete('Task', '42')).toBe(true);
    expect(trail.isComplete('Memo', '42')).toBe(true);
    expect(trail.historyOf('Task', 'Memo')).toEqual([]);
  });
});

describe('4. Any order in, ordered history out', () => {
  it('orders the history by instant, oldest first, whatever the order of delivery', async () => {
    const s = await story();
    for (const [label, order] of [
      ['reversed', [...s.events].reverse()],
      ['shuffled', shuffled(s.events)],
    ] as const) {
      const trail = new AuditTrail();
      for (const event of order) trail.handle(json(event));
      expect(trail.historyOf('Task', 't1'), label).toEqual(s.t1);
    }
  });

  it('orders entries at the same instant as created, updated, deleted', () => {
    const at = new Date(T0 + MINUTE);
    const trail = new AuditTrail();
    trail.handle(new TimestampDeletedEvent({ entityId: 'x', entityType: 'Task', occurredAt: at, deletedAt: at, reason: 'gone' }));
    trail.handle(new TimestampUpdatedEvent({ entityId: 'x', entityType: 'Task', occurredAt: at, oldTimestamp: new Date(T0), newTimestamp: at, reason: 'gone' }));
    trail.handle(new TimestampCreatedEvent({ entityId: 'x', entityType: 'Task', occurredAt: new Date(T0), createdAt: new Date(T0) }));
    expect(trail.historyOf('Task', 'x').map((e) => e.kind)).toEqual(['created', 'updated', 'deleted']);
  });

  it('gives an entity it has not heard of an empty history, and calls it incomplete', () => {
    const trail = new AuditTrail();
    expect(trail.historyOf('Task', 'nobody')).toEqual([]);
    expect(trail.isComplete('Task', 'nobody')).toBe(false);
  });
});

describe('5. The trail cannot be rewritten from outside', () => {
  it('historyOf hands out new arrays, entries and dates: changing them changes nothing in the trail', async () => {
    const s = await story();
    const trail = new AuditTrail();
    for (const event of s.events) trail.handle(event);
    const first = trail.historyOf('Task', 't1');
    expect(trail.historyOf('Task', 't1')).not.toBe(first);
    first[1]?.at.setTime(0);
    first[1]?.previous?.setTime(0);
    if (first[2]) first[2].reason = 'rewritten';
    first.pop();
    first.reverse();
    expect(trail.historyOf('Task', 't1')).toEqual(s.t1);
    expect(trail.isComplete('Task', 't1')).toBe(true);
  });

  it("keeps its own instants: changing an event's Date after it was handled changes nothing", () => {
    const trail = new AuditTrail();
    const created = new TimestampCreatedEvent({ entityId: 'x', entityType: 'Task', occurredAt: new Date(T0), createdAt: new Date(T0) });
    const updated = new TimestampUpdatedEvent({ entityId: 'x', entityType: 'Task', occurredAt: new Date(T0 + MINUTE), oldTimestamp: new Date(T0), newTimestamp: new Date(T0 + MINUTE), reason: 'edited' });
    trail.handle(created);
    trail.handle(updated);
    created.createdAt.setTime(T0 + 99 * MINUTE);
    updated.newTimestamp.setTime(0);
    updated.oldTimestamp.setTime(0);
    expect(trail.historyOf('Task', 'x')).toEqual([entry('created', T0), entry('updated', T0 + MINUTE, T0, 'edited')]);
  });
});

describe('6. Gaps show', () => {
  it('calls a continuous history from the creation complete: touches before the first save, bulk saves and a soft delete', async () => {
    const s = await story();
    const trail = new AuditTrail();
    for (const event of s.events) trail.handle(event);
    expect(trail.isComplete('Task', 't1')).toBe(true);
    expect(trail.isComplete('Task', 't2')).toBe(true);

    const clock = new FixedClock(new Date(T0));
    const bus = new InMemoryEventBus();
    bus.subscribe((event) => trail.handle(json(event)));
    const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
    const early = new Task('t3', 'Draft', { clock });
    clock.advance(1_000);
    early.retitle('Draft 2');
    early.retitle('Draft 3');
    await repository.save(early);
    expect(trail.historyOf('Task', 't3').map((e) => e.kind)).toEqual(['created', 'updated', 'updated']);
    expect(trail.isComplete('Task', 't3')).toBe(true);
  });

  it('calls a history with a missing update incomplete, and complete once the update arrives late', async () => {
    const s = await story();
    const events = t1Events(s.events);
    for (const missing of [1, 2, 3]) {
      const trail = new AuditTrail();
      for (const [i, event] of events.entries()) if (i !== missing) trail.handle(event);
      expect(trail.isComplete('Task', 't1'), `without event ${missing}`).toBe(false);
      const late = events[missing];
      if (late) trail.handle(json(late));
      expect(trail.isComplete('Task', 't1'), `after event ${missing} arrived late`).toBe(true);
    }
  });

  it('calls a history without its creation incomplete, and complete once the creation arrives', async () => {
    const s = await story();
    const [creation, ...rest] = t1Events(s.events);
    const trail = new AuditTrail();
    for (const event of rest) trail.handle(event);
    expect(trail.historyOf('Task', 't1')).toHaveLength(5);
    expect(trail.isComplete('Task', 't1')).toBe(false);
    if (creation) trail.handle(withOffset(creation, 120));
    expect(trail.isComplete('Task', 't1')).toBe(true);
  });

  it("calls a history incomplete when a deletion is not preceded by its update, or when anything follows the deletion", async () => {
    const s = await story();
    const events = t1Events(s.events);
    const trail = new AuditTrail();
    for (const event of events) if (event.type !== 'TimestampUpdated' || (event as TimestampUpdatedEvent).reason !== 'archived') trail.handle(event);
    expect(trail.historyOf('Task', 't1').map((e) => e.kind)).toEqual(['created', 'updated', 'updated', 'updated', 'deleted']);
    expect(trail.isComplete('Task', 't1'), 'deletion without its update').toBe(false);
    for (const event of events) trail.handle(event);
    expect(trail.isComplete('Task', 't1'), 'with the update of the soft delete').toBe(true);
    const at = T0 + 4 * MINUTE;
    trail.handle(new TimestampUpdatedEvent({ entityId: 't1', entityType: 'Task', occurredAt: new Date(at + 1), oldTimestamp: new Date(at), newTimestamp: new Date(at + 1), reason: 'edited after deletion' }));
    expect(trail.historyOf('Task', 't1').at(-1)?.kind).toBe('updated');
    expect(trail.isComplete('Task', 't1'), 'an update after the deletion').toBe(false);
  });
});

describe('7. Batches, all or nothing', () => {
  it('records a batch and returns how many entries it added, counting a duplicate within the batch or from an earlier delivery once', async () => {
    const s = await story();
    const trail = new AuditTrail();
    const half = Math.floor(s.events.length / 2);
    expect(trail.handleBatch(s.events.slice(0, half))).toBe(half);
    const again = [...s.events.map(json), ...s.events.slice(half), ...s.events.map((e) => withOffset(e, 120))];
    expect(trail.handleBatch(again)).toBe(s.events.length - half);
    expect(trail.handleBatch(s.events)).toBe(0);
    expect(trail.handleBatch([])).toBe(0);
    expect(trail.historyOf('Task', 't1')).toEqual(s.t1);
  });

  it('refuses a whole batch when one of its events is refused, with that error, and records nothing of it', async () => {
    const s = await story();
    const [updated] = ofType(s.events, 'TimestampUpdated');
    if (!updated) throw new Error('the story has no updated event');
    for (const [label, bad, error] of [
      ['a zone-less instant', withField(updated, 'newTimestamp', '2025-10-01T09:01:00'), NaiveDateError],
      ['an unreadable instant', withField(updated, 'newTimestamp', 'soon'), RangeError],
    ] as const) {
      const trail = new AuditTrail();
      const batch = [...s.events.slice(0, 3).map(json), bad, ...s.events.slice(3)];
      expect(thrownBy(() => trail.handleBatch(batch)), label).toBeInstanceOf(error);
      expect(trail.historyOf('Task', 't1'), `t1 after a refused batch with ${label}`).toEqual([]);
      expect(trail.historyOf('Task', 't2'), `t2 after a refused batch with ${label}`).toEqual([]);
      expect(trail.handleBatch(s.events), `the same events delivered again without ${label}`).toBe(s.events.length);
    }
  });
});
