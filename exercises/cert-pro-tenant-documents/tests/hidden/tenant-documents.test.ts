// Hidden suite for the professional multi-tenant task: a TenantDocument's identity and rules (its
// tenant and id pinned) on every path a document can take — creation, rebuilding, a direct change
// followed by touch(), validate(), save() or bulkSave(), directly or through a workspace — and a
// TenantWorkspace whose reads, writes and event feed never cross into another tenant. Storage reads
// and bus subscriptions are counted on the test's own side, by a repository and a bus whose classes
// and instances are frozen before the code under test sees them.
import { describe, it, expect } from 'vitest';
import {
  BaseTimestampEntity,
  FixedClock,
  InMemoryRepository,
  NaiveDateError,
  TimestampRepository,
  TimestampUpdatedEvent,
  ValidationError,
  type DomainEvent,
  type EntityInit,
} from '@practicum/reference';
import { MAX_TITLE_LENGTH, TenantDocument, type TenantDocumentProps } from '../../starter/src/tenant-document.ts';
import { TenantWorkspace } from '../../starter/src/tenant-workspace.ts';
import { TenantMismatchError, documentKey } from '../../starter/src/tenant-key.ts';
import type { SubscribableEventBus } from '../../starter/src/event-feed.ts';

const NOW = '2025-10-01T09:00:00Z';
const STORED = { createdAt: '2025-09-30T08:00:00Z', updatedAt: '2025-09-30T10:00:00Z' };

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
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

/** A bus that delivers to its subscribers and counts them; only the test reads its counters. */
class CountingBus implements SubscribableEventBus {
  readonly #subscriptions = new Set<(event: DomainEvent) => void>();
  readonly #events: DomainEvent[] = [];

  get published(): readonly DomainEvent[] {
    return [...this.#events];
  }

  get subscriptions(): number {
    return this.#subscriptions.size;
  }

  publish(event: DomainEvent): void {
    this.#events.push(event);
    for (const subscription of [...this.#subscriptions]) subscription(event);
  }

  publishBatch(events: readonly DomainEvent[]): void {
    for (const event of events) this.publish(event);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    const subscription = (event: DomainEvent): void => handler(event);
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }
}

/** An in-memory repository like the course's (it keeps the objects), whose storage reads only this class counts. */
class CountedStorageRepository extends TimestampRepository<TenantDocument> {
  readonly #rows = new Map<string, { document: TenantDocument; version: number }>();
  #reads = 0;

  get storageReads(): number {
    return this.#reads;
  }

  /** Entity ids stored, sorted (for assertions). */
  get storedKeys(): string[] {
    return [...this.#rows.keys()].sort();
  }

  protected async loadOne(id: string): Promise<TenantDocument | null> {
    this.#reads += 1;
    const row = this.#rows.get(id);
    return row && !row.document.isDeleted ? row.document : null;
  }

  protected async loadMany(ids: readonly string[]): Promise<TenantDocument[]> {
    this.#reads += 1;
    return ids.flatMap((id) => {
      const row = this.#rows.get(id);
      return row && !row.document.isDeleted ? [row.document] : [];
    });
  }

  protected async loadUpdatedSince(since: Date): Promise<TenantDocument[]> {
    this.#reads += 1;
    return [...this.#rows.values()]
      .filter((row) => !row.document.isDeleted && row.version > since.getTime())
      .sort((a, b) => a.version - b.version)
      .map((row) => row.document);
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const row = this.#rows.get(id);
    return row ? new Date(row.version) : null;
  }

  protected async persist(entity: TenantDocument): Promise<void> {
    this.#rows.set(entity.entityId, { document: entity, version: entity.updatedAt.getTime() });
  }

  protected async persistMany(entities: readonly TenantDocument[]): Promise<void> {
    for (const entity of entities) this.#rows.set(entity.entityId, { document: entity, version: entity.updatedAt.getTime() });
  }
}

/** Another kind of entity on the same bus, whose ids happen to look like a tenant's document ids. */
class Memo extends BaseTimestampEntity {
  readonly key: string;

  constructor(key: string, init?: EntityInit) {
    super(init);
    this.key = key;
  }

  protected getEntityId(): string {
    return this.key;
  }

  protected validateEntity(): void {}
}

/** The object, frozen, with its type (private members included) intact. */
const frozen = <T extends object>(value: T): T => Object.freeze(value) as T;

for (const measuring of [CountingBus, CountedStorageRepository]) {
  Object.freeze(measuring.prototype);
  Object.freeze(measuring);
}

interface Store {
  clock: FixedClock;
  bus: CountingBus;
  repository: CountedStorageRepository;
  workspace: (tenantId: string) => TenantWorkspace;
}

function store(): Store {
  const clock = frozen(new FixedClock(NOW));
  const bus = frozen(new CountingBus());
  const repository = frozen(new CountedStorageRepository({ eventBus: bus, clock }));
  return { clock, bus, repository, workspace: (tenantId) => new TenantWorkspace(repository, bus, tenantId) };
}

function props(overrides: Partial<TenantDocumentProps> = {}): TenantDocumentProps {
  return { tenantId: 'acme', id: '42', title: 'Quarterly plan', ...overrides };
}

function doc(overrides: Partial<TenantDocumentProps> = {}, clock = new FixedClock(NOW)): TenantDocument {
  return new TenantDocument(props(overrides), { clock });
}

function rebuilt(overrides: Partial<TenantDocumentProps> = {}, clock = new FixedClock(NOW)): TenantDocument {
  return new TenantDocument(props(overrides), { clock, ...STORED });
}

/**
 * Writes a value straight into a field, as a data mapper or Object.assign would (`readonly` is a
 * compile-time promise only). Returns false when the document refused or ignored the write (a field
 * that cannot be written, a setter that throws or keeps the old value), after checking the old value
 * is still there: the rule cannot be broken that way.
 */
function writeDirectly(entity: object, field: string, value: unknown): boolean {
  const before: unknown = Reflect.get(entity, field);
  let accepted: boolean;
  try {
    accepted = Reflect.set(entity, field, value);
  } catch (error) {
    expect(error instanceof ValidationError || error instanceof TypeError, `writing ${field} threw ${String(error)}`).toBe(true);
    accepted = false;
  }
  const after: unknown = Reflect.get(entity, field);
  if (!accepted || Object.is(after, before)) {
    expect(after, `${field} after a refused write`).toEqual(before);
    return false;
  }
  return true;
}

const show = (value: unknown): string => (typeof value === 'string' && value.length > 30 ? `a string of ${value.length} characters` : JSON.stringify(value));

const describeEvents = (events: readonly DomainEvent[]): string[] =>
  events.map((e) => `${e.type} ${e.entityType} ${e.entityId} ${e.occurredAt.toISOString()}${e instanceof TimestampUpdatedEvent ? ` ${e.reason}` : ''}`);

interface Rule {
  what: string;
  field: 'tenantId' | 'id' | 'title';
  written: unknown[];
}

/** A rule broken by a direct write: refused by touch() and validate(), then by save() and bulkSave(). */
function everyPath(rule: Rule): void {
  it(`a document whose ${rule.what} is refused by touch() and validate(), new or rebuilt, leaving updatedAt and events as they were`, () => {
    for (const value of rule.written) {
      for (const [kind, make] of [['new', doc], ['rebuilt', rebuilt]] as const) {
        const d = make();
        const updatedAt = d.updatedAt;
        const events = d.getDomainEvents().length;
        if (!writeDirectly(d, rule.field, value)) continue;
        const label = `${kind} document, ${rule.field} = ${show(value)}`;
        expect(validationErrorOf(() => d.touch('edited')).field, `touch(), ${label}`).toBe(rule.field);
        expect(d.updatedAt, `updatedAt after a refused touch(), ${label}`).toEqual(updatedAt);
        expect(d.getDomainEvents(), `events after a refused touch(), ${label}`).toHaveLength(events);
        expect(validationErrorOf(() => d.validate()).field, `validate(), ${label}`).toBe(rule.field);
      }
    }
  });

  it(`a document whose ${rule.what} is refused by the repository's save() and bulkSave(), which store and publish nothing`, async () => {
    for (const value of rule.written) {
      const s = store();
      const label = `${rule.field} = ${show(value)}`;
      const fresh = doc({}, s.clock);
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(s.repository.save(fresh));
      expect(onSave, `save() of a new document, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(rule.field);
      const onBulk = await rejectionOf(s.repository.bulkSave([doc({ id: '7' }, s.clock), fresh]));
      expect(onBulk, `bulkSave() with a new document, ${label}`).toBeInstanceOf(ValidationError);
      expect(s.repository.storedKeys, `stored documents, ${label}`).toEqual([]);
      expect(s.bus.published, `published events, ${label}`).toEqual([]);

      const saved = doc({}, s.clock);
      await s.repository.save(saved);
      const before = s.bus.published.length;
      s.clock.advance(60_000);
      writeDirectly(saved, rule.field, value);
      expect(await rejectionOf(s.repository.save(saved)), `save() of a stored document, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(s.repository.bulkSave([saved])), `bulkSave() of a stored document, ${label}`).toBeInstanceOf(ValidationError);
      expect(s.bus.published.length, `events published after the stored document was refused, ${label}`).toBe(before);
      expect(s.repository.storedKeys, `stored documents after the refusal, ${label}`).toEqual(['acme/42']);
      expect(await s.repository.findUpdatedSince(NOW), `documents stored after ${NOW}, ${label}`).toEqual([]);
    }
  });
}

describe('1. Identity', () => {
  it('has documentKey(tenantId, id) as its entity id: document 42 of acme and of globex are two stored documents, and their events name each', async () => {
    const s = store();
    const acme = doc({}, s.clock);
    const globex = doc({ tenantId: 'globex' }, s.clock);
    expect(acme.entityId).toBe(documentKey('acme', '42'));
    expect(globex.entityId).toBe('globex/42');
    await s.repository.save(acme);
    await s.repository.bulkSave([globex]);
    expect(s.repository.storedKeys).toEqual(['acme/42', 'globex/42']);
    expect(s.bus.published.map((e) => e.entityId)).toEqual(['acme/42', 'globex/42']);
    expect((await s.repository.findById('acme/42'))?.tenantId).toBe('acme');
    expect((await s.repository.findById('globex/42'))?.tenantId).toBe('globex');
  });
});

describe('2. Rules', () => {
  const creation: { field: Rule['field']; values: Partial<TenantDocumentProps>[] }[] = [
    { field: 'tenantId', values: [{ tenantId: '' }, { tenantId: '   ' }, { tenantId: 'acme/eu' }, { tenantId: '/' }] },
    { field: 'id', values: [{ id: '' }, { id: ' \t' }, { id: '42/7' }, { id: 'globex/42' }] },
    { field: 'title', values: [{ title: '' }, { title: '   ' }, { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, { title: ` ${'x'.repeat(MAX_TITLE_LENGTH + 1)} ` }] },
  ];
  for (const { field, values } of creation) {
    it(`refuses a document with a missing or invalid ${field} when it is created or rebuilt from stored data (ValidationError on '${field}')`, () => {
      for (const overrides of values) {
        const label = `${field} ${show(overrides[field])}`;
        expect(validationErrorOf(() => doc(overrides)).field, `new document, ${label}`).toBe(field);
        expect(validationErrorOf(() => rebuilt(overrides)).field, `rebuilt document, ${label}`).toBe(field);
      }
    });
  }

  it('accepts a title of exactly 120 characters, also surrounded by whitespace', () => {
    expect(doc({ title: 'x'.repeat(MAX_TITLE_LENGTH) }).title).toHaveLength(MAX_TITLE_LENGTH);
    expect(() => doc({ title: `  ${'x'.repeat(MAX_TITLE_LENGTH)}\n` })).not.toThrow();
    expect(() => rebuilt({ title: 'T' })).not.toThrow();
  });

  everyPath({ what: 'title was changed directly to a blank or too long one', field: 'title', written: ['', '   ', 'x'.repeat(MAX_TITLE_LENGTH + 1)] });
});

describe('3. A document never changes tenant or id', () => {
  everyPath({ what: 'tenantId was rewritten (another tenant, blank, or with the separator)', field: 'tenantId', written: ['globex', '', '  ', 'acme/eu'] });
  everyPath({ what: 'id was rewritten (another id, blank, or with the separator)', field: 'id', written: ['43', '', 'x/43'] });

  it('a document moved to another tenant by a direct write is refused by the workspaces of both tenants: nothing is stored under either, and no one hears of it', async () => {
    const s = store();
    await s.workspace('acme').save(doc({}, s.clock));
    const heardByGlobex: DomainEvent[] = [];
    const globex = s.workspace('globex');
    const unsubscribe = globex.subscribe((e) => heardByGlobex.push(e));
    const loaded = await s.workspace('acme').findById('42');
    expect(loaded).not.toBeNull();
    if (loaded === null) return;
    const published = s.bus.published.length;
    s.clock.advance(60_000);
    if (writeDirectly(loaded, 'tenantId', 'globex')) {
      const viaGlobex = await rejectionOf(globex.save(loaded));
      expect(viaGlobex instanceof ValidationError || viaGlobex instanceof TenantMismatchError, `globex's save() rejected with ${String(viaGlobex)}`).toBe(true);
      const viaGlobexBulk = await rejectionOf(globex.bulkSave([loaded]));
      expect(viaGlobexBulk instanceof ValidationError || viaGlobexBulk instanceof TenantMismatchError, `globex's bulkSave() rejected with ${String(viaGlobexBulk)}`).toBe(true);
      const viaAcme = await rejectionOf(s.workspace('acme').save(loaded));
      expect(viaAcme instanceof ValidationError || viaAcme instanceof TenantMismatchError, `acme's save() rejected with ${String(viaAcme)}`).toBe(true);
      // the course's in-memory repository keeps the loaded object itself: put the tenant back before reading
      writeDirectly(loaded, 'tenantId', 'acme');
    } else {
      expect(loaded.tenantId).toBe('acme');
      expect(await rejectionOf(globex.save(loaded))).toBeInstanceOf(TenantMismatchError);
    }
    expect(s.repository.storedKeys).toEqual(['acme/42']);
    expect(await globex.findById('42')).toBeNull();
    expect(await globex.findUpdatedSince('2000-01-01T00:00:00Z')).toEqual([]);
    expect(s.bus.published.length).toBe(published);
    expect(heardByGlobex).toEqual([]);
    unsubscribe();
  });
});

describe('5. Retitling', () => {
  it("retitle changes the title, moves updatedAt to the clock's time and records 'retitled'", () => {
    const clock = new FixedClock(NOW);
    const d = doc({}, clock);
    clock.advance(90_000);
    d.retitle('Quarterly plan, revised');
    expect(d.title).toBe('Quarterly plan, revised');
    expect(d.updatedAt).toEqual(new Date('2025-10-01T09:01:30Z'));
    const updates = d.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updates.map((e) => [e.entityId, e.reason])).toEqual([['acme/42', 'retitled']]);
  });

  it('a refused retitle (blank or too long) leaves title, updatedAt and events as they were', () => {
    for (const title of ['', '    ', 'x'.repeat(MAX_TITLE_LENGTH + 1)]) {
      const clock = new FixedClock(NOW);
      const d = doc({}, clock);
      const events = d.getDomainEvents().length;
      clock.advance(90_000);
      expect(validationErrorOf(() => d.retitle(title)).field, `retitle(${show(title)})`).toBe('title');
      expect(d.title).toBe('Quarterly plan');
      expect(d.updatedAt).toEqual(new Date(NOW));
      expect(d.getDomainEvents()).toHaveLength(events);
    }
  });

  it('retitle is refused while the tenant was rewritten, and keeps the old title', () => {
    const clock = new FixedClock(NOW);
    const d = doc({}, clock);
    const events = d.getDomainEvents().length;
    clock.advance(90_000);
    if (!writeDirectly(d, 'tenantId', 'globex')) return;
    expect(validationErrorOf(() => d.retitle('Moved plan')).field).toBe('tenantId');
    expect(d.title).toBe('Quarterly plan');
    expect(d.updatedAt).toEqual(new Date(NOW));
    expect(d.getDomainEvents()).toHaveLength(events);
  });
});

describe('6. A workspace is bound to one tenant', () => {
  it('refuses a tenant id that is empty, spaces only or contains the separator with a RangeError', () => {
    const s = store();
    for (const tenantId of ['', '   ', 'acme/eu', '/']) {
      expect(() => s.workspace(tenantId), `tenant ${JSON.stringify(tenantId)}`).toThrow(RangeError);
    }
    expect(s.workspace('acme').tenantId).toBe('acme');
  });
});

/** acme has 1, 2, 3; globex has 2 and 9; acme-labs has 1. */
async function populated(): Promise<Store> {
  const s = store();
  await s.repository.bulkSave([
    doc({ id: '1', title: 'acme one' }, s.clock),
    doc({ id: '2', title: 'acme two' }, s.clock),
    doc({ id: '3', title: 'acme three' }, s.clock),
    doc({ tenantId: 'globex', id: '2', title: 'globex two' }, s.clock),
    doc({ tenantId: 'globex', id: '9', title: 'globex nine' }, s.clock),
    doc({ tenantId: 'acme-labs', id: '1', title: 'labs one' }, s.clock),
  ]);
  return s;
}

const titles = (documents: readonly (TenantDocument | null)[]): (string | null)[] => documents.map((d) => (d === null ? null : d.title));

describe('7. Reads see this tenant only', () => {
  it("findById finds this tenant's document by its local id", async () => {
    const s = await populated();
    expect((await s.workspace('acme').findById('2'))?.title).toBe('acme two');
    expect((await s.workspace('globex').findById('2'))?.title).toBe('globex two');
    expect((await s.workspace('acme-labs').findById('1'))?.title).toBe('labs one');
  });

  it("findById answers null for another tenant's id, for any value with the separator (another tenant's entity id included) and for an unknown id", async () => {
    const s = await populated();
    const acme = s.workspace('acme');
    expect(await acme.findById('9')).toBeNull();
    expect(await acme.findById('globex/9')).toBeNull();
    expect(await acme.findById('globex/2')).toBeNull();
    expect(await acme.findById('acme/2')).toBeNull();
    expect(await acme.findById('../globex/9')).toBeNull();
    expect(await acme.findById('404')).toBeNull();
    expect(await s.workspace('acm').findById('1')).toBeNull();
    expect(await s.workspace('acme-labs').findById('2')).toBeNull();
  });

  it("findByIds returns this tenant's documents in the order asked, each once, leaving out other tenants' and unknown ids", async () => {
    const s = await populated();
    const acme = s.workspace('acme');
    expect(titles(await acme.findByIds(['3', '9', '1', 'globex/2', '404', '3', '2']))).toEqual(['acme three', 'acme one', 'acme two']);
    expect(titles(await s.workspace('globex').findByIds(['1', '2', '3', '9']))).toEqual(['globex two', 'globex nine']);
    expect(await s.workspace('acm').findByIds(['1', '2', '3'])).toEqual([]);
  });

  it('findByIds loads with one findByIds round trip whatever the number of ids, and makes none for an empty list', async () => {
    const s = await populated();
    const many = Array.from({ length: 40 }, (_, i) => String(i));
    await s.repository.bulkSave(many.slice(10).map((id) => doc({ id, title: `acme ${id}` }, s.clock)));
    const acme = s.workspace('acme');
    for (const ids of [['1', '2'], many]) {
      const [reads, stats] = [s.repository.storageReads, s.repository.stats];
      const found = await acme.findByIds(ids);
      expect(found.length, `${ids.length} ids`).toBeGreaterThan(0);
      expect(s.repository.storageReads - reads, `storage reads for ${ids.length} ids`).toBe(1);
      expect(s.repository.stats.findById - stats.findById, `findById calls for ${ids.length} ids`).toBe(0);
      expect(s.repository.stats.findByIds - stats.findByIds, `findByIds calls for ${ids.length} ids`).toBe(1);
    }
    const reads = s.repository.storageReads;
    expect(await acme.findByIds([])).toEqual([]);
    expect(s.repository.storageReads - reads).toBe(0);
  });

  it("findUpdatedSince returns only this tenant's documents updated strictly after the instant", async () => {
    const s = await populated();
    s.clock.advance(60_000);
    const changed = await s.repository.findByIds(['acme/3', 'globex/9', 'acme-labs/1']);
    for (const d of changed) d.retitle(`${d.title}, revised`);
    await s.repository.bulkSave(changed);
    expect(titles(await s.workspace('acme').findUpdatedSince(NOW))).toEqual(['acme three, revised']);
    expect(titles(await s.workspace('globex').findUpdatedSince(new Date(NOW)))).toEqual(['globex nine, revised']);
    expect((await s.workspace('acme').findUpdatedSince('2025-10-01T08:00:00Z')).map((d) => d.id).sort()).toEqual(['1', '2', '3']);
    expect(await s.workspace('acm').findUpdatedSince('2025-10-01T08:00:00Z')).toEqual([]);
  });

  it('findUpdatedSince refuses an instant without a zone with NaiveDateError and reads one with an offset', async () => {
    const s = await populated();
    const acme = s.workspace('acme');
    for (const since of ['2025-10-01T08:00:00', '2025-10-01 08:00:00', '2025-10-01']) {
      expect(await rejectionOf(acme.findUpdatedSince(since)), `since "${since}"`).toBeInstanceOf(NaiveDateError);
    }
    expect(await acme.findUpdatedSince('2025-10-01T11:00:00+02:00')).toEqual([]);
    expect(await acme.findUpdatedSince('2025-10-01T10:59:59+02:00')).toHaveLength(3);
  });
});

describe('8. Writes accept this tenant only', () => {
  it("save and bulkSave store and publish this tenant's documents", async () => {
    const s = store();
    const acme = s.workspace('acme');
    await acme.save(doc({ id: '1' }, s.clock));
    await acme.bulkSave([doc({ id: '2' }, s.clock), doc({ id: '3' }, s.clock)]);
    expect(s.repository.storedKeys).toEqual(['acme/1', 'acme/2', 'acme/3']);
    expect(s.bus.published.map((e) => e.entityId)).toEqual(['acme/1', 'acme/2', 'acme/3']);
  });

  it("save refuses another tenant's document with TenantMismatchError, storing and publishing nothing", async () => {
    const s = store();
    for (const tenantId of ['globex', 'acme-labs', 'acm']) {
      const error = await rejectionOf(s.workspace('acme').save(doc({ tenantId }, s.clock)));
      expect(error, `a document of ${tenantId}`).toBeInstanceOf(TenantMismatchError);
    }
    await s.workspace('globex').save(doc({ tenantId: 'globex' }, s.clock));
    s.clock.advance(60_000);
    const stored = await s.workspace('globex').findById('42');
    if (stored === null) throw new Error("globex's document was not stored");
    stored.retitle('Renamed by acme');
    expect(await rejectionOf(s.workspace('acme').save(stored))).toBeInstanceOf(TenantMismatchError);
    expect(s.repository.storedKeys).toEqual(['globex/42']);
    expect(s.bus.published.map((e) => e.type)).toEqual(['TimestampCreated']);
    expect(await s.workspace('globex').findUpdatedSince(NOW)).toEqual([]);
  });

  it('bulkSave with one foreign document anywhere in the batch refuses it all with TenantMismatchError: nothing is stored or published', async () => {
    for (const position of [0, 2, 4]) {
      const s = store();
      const batch = ['1', '2', '3', '4'].map((id) => doc({ id }, s.clock));
      batch.splice(position, 0, doc({ tenantId: 'globex', id: '5' }, s.clock));
      const error = await rejectionOf(s.workspace('acme').bulkSave(batch));
      expect(error, `foreign document at position ${position}`).toBeInstanceOf(TenantMismatchError);
      expect(s.repository.storedKeys, `stored, foreign document at position ${position}`).toEqual([]);
      expect(s.bus.published, `published, foreign document at position ${position}`).toEqual([]);
    }
  });
});

describe('9. The event feed carries this tenant only', () => {
  it("a subscriber hears every event about this tenant's documents, in order: created, retitled, bulk-saved and deleted", async () => {
    const s = store();
    const acme = s.workspace('acme');
    const heard: DomainEvent[] = [];
    const unsubscribe = acme.subscribe((e) => heard.push(e));
    const first = doc({ id: '1' }, s.clock);
    await acme.save(first);
    s.clock.advance(1_000);
    first.retitle('First, revised');
    await acme.save(first);
    s.clock.advance(1_000);
    await acme.bulkSave([first, doc({ id: '2' }, s.clock)]);
    s.clock.advance(1_000);
    await s.repository.softDelete(first, 'obsolete');
    unsubscribe();
    const own = s.bus.published.filter((e) => e.entityId.startsWith('acme/'));
    expect(own.map((e) => e.type)).toContain('TimestampDeleted');
    expect(describeEvents(heard)).toEqual(describeEvents(own));
  });

  it('a batch mixing tenants reaches each tenant with its own events only, once each, in the order published', async () => {
    const s = store();
    const heard = new Map<string, DomainEvent[]>();
    const unsubscribes = ['acme', 'globex', 'acme-labs', 'acm'].map((tenantId) => {
      const list: DomainEvent[] = [];
      heard.set(tenantId, list);
      return s.workspace(tenantId).subscribe((e) => list.push(e));
    });
    const batch = [
      doc({ id: '1' }, s.clock),
      doc({ tenantId: 'globex', id: '1' }, s.clock),
      doc({ tenantId: 'acme-labs', id: '1' }, s.clock),
      doc({ id: '2' }, s.clock),
      doc({ tenantId: 'acme-labs', id: '2' }, s.clock),
    ];
    await s.repository.bulkSave(batch);
    s.clock.advance(5_000);
    await s.repository.bulkSave(batch);
    for (const u of unsubscribes) u();
    for (const [tenantId, events] of heard) {
      const expected = s.bus.published.filter((e) => e.entityId.split('/')[0] === tenantId);
      expect(describeEvents(events), `events heard by ${tenantId}`).toEqual(describeEvents(expected));
    }
    expect(heard.get('acme')).toHaveLength(4);
    expect(heard.get('acme-labs')).toHaveLength(4);
    expect(heard.get('acm')).toHaveLength(0);
  });

  it("a subscriber hears nothing of tenants whose ids start with this tenant's id or are the start of it", async () => {
    const s = store();
    const heard = new Map<string, string[]>();
    const tenants = ['acme', 'acme-labs', 'acm', 'acme2'];
    const unsubscribes = tenants.map((tenantId) => {
      const list: string[] = [];
      heard.set(tenantId, list);
      return s.workspace(tenantId).subscribe((e) => list.push(e.entityId));
    });
    for (const tenantId of tenants) {
      const d = doc({ tenantId, id: '7' }, s.clock);
      await s.workspace(tenantId).save(d);
      s.clock.advance(1_000);
      d.retitle(`${tenantId} seven`);
      await s.workspace(tenantId).save(d);
    }
    for (const u of unsubscribes) u();
    for (const tenantId of tenants) expect(heard.get(tenantId), `entity ids heard by ${tenantId}`).toEqual([`${tenantId}/7`, `${tenantId}/7`]);
  });

  it("a subscriber hears no event about another kind of entity, even one whose id looks like this tenant's", async () => {
    const s = store();
    const memos = new InMemoryRepository<Memo>({ eventBus: s.bus, clock: s.clock });
    const heard: DomainEvent[] = [];
    const unsubscribe = s.workspace('acme').subscribe((e) => heard.push(e));
    const memo = new Memo('acme/7', { clock: s.clock });
    await memos.save(memo);
    s.clock.advance(1_000);
    memo.touch('noted');
    await memos.bulkSave([memo]);
    await s.workspace('acme').save(doc({ id: '8' }, s.clock));
    unsubscribe();
    expect(describeEvents(heard)).toEqual(describeEvents(s.bus.published.filter((e) => e.entityType === 'TenantDocument')));
    expect(heard.map((e) => e.entityId)).toEqual(['acme/8']);
  });

  it('after unsubscribing a handler hears nothing more, while other subscribers keep hearing', async () => {
    const s = store();
    const acme = s.workspace('acme');
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = acme.subscribe((e) => first.push(e.entityId));
    const stopSecond = s.workspace('acme').subscribe((e) => second.push(e.entityId));
    await acme.save(doc({ id: '1' }, s.clock));
    stopFirst();
    stopFirst();
    await acme.save(doc({ id: '2' }, s.clock));
    stopSecond();
    await acme.save(doc({ id: '3' }, s.clock));
    expect(first).toEqual(['acme/1']);
    expect(second).toEqual(['acme/1', 'acme/2']);
  });
});

describe('10. No subscription outlives its subscribers', () => {
  it('holds a bus subscription only while someone is subscribed: none for an unused workspace, none after every handler unsubscribed, request after request', async () => {
    const s = store();
    for (let request = 0; request < 50; request += 1) {
      const workspace = s.workspace(request % 2 === 0 ? 'acme' : 'globex');
      expect(s.bus.subscriptions, `bus subscriptions before subscribing, request ${request}`).toBe(0);
      const stops = [workspace.subscribe(() => undefined), workspace.subscribe(() => undefined)];
      expect(s.bus.subscriptions, `bus subscriptions while two handlers listen, request ${request}`).toBeGreaterThan(0);
      await workspace.findById('1');
      for (const stop of stops) stop();
      expect(s.bus.subscriptions, `bus subscriptions after both unsubscribed, request ${request}`).toBe(0);
    }
    s.workspace('acme');
    await s.workspace('globex').save(doc({ tenantId: 'globex' }, s.clock));
    expect(s.bus.subscriptions, 'bus subscriptions of workspaces nobody subscribed through').toBe(0);
  });
});
