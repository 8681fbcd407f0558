// Hidden suite for the multi-tenant scenario: tenant-qualified identity, validation on every path
// (creation, rebuilding, a direct change followed by touch(), validate(), save() or bulkSave(),
// through the repository and through the tenant scope), the cross-tenant assignee rule, and
// isolation enforced by the tenant scope.
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  NaiveDateError,
  TimestampUpdatedEvent,
  ValidationError,
} from '@practicum/reference';
import { StaticMembership } from '../../starter/src/membership.ts';
import { MultiTenantTask, tenantKey } from '../../starter/src/multi-tenant-task.ts';
import { TenantMismatchError, TenantScope } from '../../starter/src/tenant-scope.ts';

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

const START = '2025-06-01T08:00:00Z';
const members = new StaticMembership([
  ['alice', 'acme'],
  ['bob', 'globex'],
]);

function task(tenantId: string, id: string, clock = new FixedClock(START)): MultiTenantTask {
  return new MultiTenantTask({ tenantId, id, title: `Task ${id}` }, { clock });
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

function world(): { clock: FixedClock; bus: InMemoryEventBus; repository: InMemoryRepository<MultiTenantTask>; acme: TenantScope; globex: TenantScope } {
  const clock = new FixedClock(START);
  const bus = new InMemoryEventBus();
  const repository = new InMemoryRepository<MultiTenantTask>({ eventBus: bus, clock });
  return { clock, bus, repository, acme: new TenantScope(repository, 'acme'), globex: new TenantScope(repository, 'globex') };
}

/**
 * Writes a value straight into a field, as `task.title = ''` or a data mapper does (`readonly` is
 * a compile-time promise only). Returns false when the task refused the write itself (a setter
 * throwing a ValidationError, or a field that cannot be written), after checking the old value is
 * still there.
 */
function writeDirectly(entity: object, field: string, value: unknown): boolean {
  const before: unknown = Reflect.get(entity, field);
  let written: boolean;
  try {
    written = Reflect.set(entity, field, value);
  } catch (error) {
    expect(error, `writing ${field}`).toBeInstanceOf(ValidationError);
    written = false;
  }
  if (!written) expect(Reflect.get(entity, field), `${field} after a refused write`).toEqual(before);
  return written;
}

/** One rule of the task: the broken values, as given on creation or written into the field. */
interface Rule {
  /** What is broken, worded as part of a requirement. */
  what: string;
  field: 'tenantId' | 'id' | 'title';
  values: string[];
}

/** Every path a broken rule can take: creation and rebuilding, touch() and validate(), the repository and the scope. */
function everyPath(rule: Rule): void {
  const props = (value: string): { tenantId: string; id: string; title: string } => ({ tenantId: 'acme', id: '42', title: 'Invoice run', [rule.field]: value });

  it(`${rule.what} is refused when a task is created or rebuilt from stored data`, () => {
    for (const value of rule.values) {
      const clock = new FixedClock(START);
      expect(validationErrorOf(() => new MultiTenantTask(props(value), { clock })).field, `new task, ${rule.field} ${JSON.stringify(value)}`).toBe(rule.field);
      const rebuilt = (): MultiTenantTask => new MultiTenantTask(props(value), { clock, createdAt: '2025-05-01T08:00:00Z' });
      expect(validationErrorOf(rebuilt).field, `rebuilt task, ${rule.field} ${JSON.stringify(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by touch() and validate(), leaving updatedAt and events as they were`, () => {
    for (const value of rule.values) {
      const t = task('acme', '42');
      const updatedAt = t.updatedAt;
      if (!writeDirectly(t, rule.field, value)) continue;
      expect(validationErrorOf(() => t.touch('edited')).field, `touch() after ${rule.field} = ${JSON.stringify(value)}`).toBe(rule.field);
      expect(t.updatedAt).toEqual(updatedAt);
      expect(t.getDomainEvents()).toHaveLength(0);
      expect(validationErrorOf(() => t.validate()).field, `validate() after ${rule.field} = ${JSON.stringify(value)}`).toBe(rule.field);
    }
  });

  it(`a direct change to ${rule.what} is refused by save() and bulkSave(), storing and publishing nothing`, async () => {
    for (const value of rule.values) {
      const label = `${rule.field} = ${JSON.stringify(value)}`;
      const { clock, bus, repository, acme } = world();
      const fresh = task('acme', '42', clock);
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(repository.save(fresh));
      expect(onSave, `repository save(), ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(rule.field);
      const onBulk = await rejectionOf(repository.bulkSave([task('acme', '1', clock), fresh]));
      expect(onBulk, `repository bulkSave(), ${label}`).toBeInstanceOf(ValidationError);
      if (rule.field !== 'tenantId') {
        // Still this tenant's task, so the scope hands it on and the repository refuses it.
        expect(await rejectionOf(acme.save(fresh)), `scope save(), ${label}`).toBeInstanceOf(ValidationError);
        expect(await rejectionOf(acme.bulkSave([task('acme', '1', clock), fresh])), `scope bulkSave(), ${label}`).toBeInstanceOf(ValidationError);
      }
      expect(repository.size, `stored tasks, ${label}`).toBe(0);
      expect(bus.published, `published events, ${label}`).toEqual([]);
    }
  });
}

describe('1. Identity', () => {
  it('uses "tenant:id" as the entity id, and tenantKey builds the same key', () => {
    expect(task('acme', '42').entityId).toBe('acme:42');
    expect(tenantKey('globex', '7')).toBe('globex:7');
  });

  it('gives the same local id in two tenants two different identities', async () => {
    const { repository, acme, globex } = world();
    await acme.save(task('acme', '42'));
    await globex.save(task('globex', '42'));
    const stored = await repository.findByIds(['acme:42', 'globex:42']);
    expect(stored.map((t) => [t.tenantId, t.id])).toEqual([
      ['acme', '42'],
      ['globex', '42'],
    ]);
  });

  it('publishes events whose entity id carries the tenant', async () => {
    const { bus, acme } = world();
    await acme.save(task('acme', '42'));
    expect(bus.published.map((e) => e.entityId)).toEqual(['acme:42']);
  });
});

describe('2. Validation', () => {
  it('requires a tenant id', () => {
    expect(validationErrorOf(() => task('', '1')).field).toBe('tenantId');
    expect(validationErrorOf(() => task('   ', '1')).field).toBe('tenantId');
  });

  it('refuses the separator inside the tenant id or the local id', () => {
    expect(validationErrorOf(() => task('acme:eu', '1')).field).toBe('tenantId');
    expect(validationErrorOf(() => task('acme', 'eu:1')).field).toBe('id');
    expect(validationErrorOf(() => task('acme', '')).field).toBe('id');
  });

  it('requires a title', () => {
    const error = validationErrorOf(() => new MultiTenantTask({ tenantId: 'acme', id: '1', title: ' ' }, { clock: new FixedClock(START) }));
    expect(error.field).toBe('title');
  });
});

describe('3. Rules on every path', () => {
  everyPath({ what: 'a blank tenant id', field: 'tenantId', values: ['', '   '] });
  everyPath({ what: 'a tenant id containing the separator', field: 'tenantId', values: ['acme:eu', ':'] });
  everyPath({ what: 'an empty local id or one containing the separator', field: 'id', values: ['', 'eu:42'] });
  everyPath({ what: 'a blank title', field: 'title', values: ['', '  '] });
});

describe('4. Assigning', () => {
  it("assigns a member of the same tenant and records the reason 'assigned'", () => {
    const clock = new FixedClock(START);
    const t = task('acme', '1', clock);
    clock.advance(30_000);
    t.assign('alice', members);
    expect(t.assigneeId).toBe('alice');
    expect(t.updatedAt).toEqual(new Date('2025-06-01T08:00:30Z'));
    const events = t.getDomainEvents().filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(events.map((e) => [e.entityId, e.reason])).toEqual([['acme:1', 'assigned']]);
  });

  it('refuses to assign while a rule of the task is broken, leaving the assignee as it was', () => {
    const clock = new FixedClock(START);
    const t = task('acme', '1', clock);
    clock.advance(30_000);
    if (!writeDirectly(t, 'title', ' ')) return;
    expect(validationErrorOf(() => t.assign('alice', members)).field).toBe('title');
    expect(t.assigneeId).toBeUndefined();
    expect(t.updatedAt).toEqual(new Date(START));
    expect(t.getDomainEvents()).toHaveLength(0);
  });

  it('refuses a user of another tenant with a ValidationError on assigneeId, changing nothing', () => {
    const clock = new FixedClock(START);
    const t = task('acme', '1', clock);
    clock.advance(30_000);
    expect(validationErrorOf(() => t.assign('bob', members)).field).toBe('assigneeId');
    expect(t.assigneeId).toBeUndefined();
    expect(t.updatedAt).toEqual(new Date(START));
    expect(t.getDomainEvents()).toHaveLength(0);
  });
});

describe('5. Tenant scope', () => {
  it("finds this tenant's task by its local id", async () => {
    const { acme } = world();
    await acme.save(task('acme', '42'));
    const found = await acme.findById('42');
    expect([found?.tenantId, found?.id]).toEqual(['acme', '42']);
  });

  it("answers null for a local id that exists only in another tenant", async () => {
    const { acme, globex } = world();
    await globex.save(task('globex', '9'));
    expect(await acme.findById('9')).toBeNull();
    expect((await globex.findById('9'))?.tenantId).toBe('globex');
  });

  it("does not reach another tenant's task through its full entity id", async () => {
    const { acme, globex } = world();
    await globex.save(task('globex', '9'));
    expect(await acme.findById('globex:9')).toBeNull();
    expect(await acme.findById(tenantKey('globex', '9'))).toBeNull();
  });

  it('findUpdatedSince accepts a zoned instant and refuses one without a time zone (NaiveDateError)', async () => {
    const { clock, acme } = world();
    await acme.save(task('acme', '1', clock));
    expect((await acme.findUpdatedSince('2025-06-01T09:59:00+02:00')).map((t) => t.entityId)).toEqual(['acme:1']);
    expect(await rejectionOf(acme.findUpdatedSince('2025-06-01T07:59:00'))).toBeInstanceOf(NaiveDateError);
  });

  it("returns only this tenant's tasks from findUpdatedSince", async () => {
    const { clock, acme, globex } = world();
    await acme.save(task('acme', '1', clock));
    await globex.save(task('globex', '1', clock));
    await globex.save(task('globex', '2', clock));
    clock.advance(60_000);
    for (const id of ['1', '2']) {
      const g = await globex.findById(id);
      if (g === null) throw new Error(`globex task ${id} was not stored`);
      g.title = `${g.title} (edited)`;
      g.touch('edited');
      await globex.save(g);
    }
    const a = await acme.findById('1');
    if (a === null) throw new Error('acme task 1 was not stored');
    a.touch('edited');
    await acme.save(a);
    const since = '2025-06-01T08:00:30Z';
    expect((await acme.findUpdatedSince(since)).map((t) => t.entityId)).toEqual(['acme:1']);
    expect((await globex.findUpdatedSince(since)).map((t) => t.entityId).sort()).toEqual(['globex:1', 'globex:2']);
  });

  it("refuses to save another tenant's task with TenantMismatchError, storing and publishing nothing", async () => {
    const { bus, repository, acme } = world();
    expect(await rejectionOf(acme.save(task('globex', '5')))).toBeInstanceOf(TenantMismatchError);
    expect(await repository.findById('globex:5')).toBeNull();
    expect(bus.published).toHaveLength(0);
  });

  it('refuses a bulk save that contains one foreign task, storing none of the batch', async () => {
    const { bus, repository, acme } = world();
    const batch = [task('acme', '1'), task('globex', '2'), task('acme', '3')];
    expect(await rejectionOf(acme.bulkSave(batch))).toBeInstanceOf(TenantMismatchError);
    expect(await repository.findByIds(['acme:1', 'globex:2', 'acme:3'])).toHaveLength(0);
    expect(bus.published).toHaveLength(0);
  });

  it('refuses a bulk save whose last task is foreign, storing none of the batch', async () => {
    const { bus, repository, acme } = world();
    const batch = [task('acme', '1'), task('acme', '2'), task('globex', '3')];
    expect(await rejectionOf(acme.bulkSave(batch))).toBeInstanceOf(TenantMismatchError);
    expect(repository.size).toBe(0);
    expect(bus.published).toHaveLength(0);
  });

  it("bulk-saves a batch of this tenant's tasks", async () => {
    const { repository, acme } = world();
    await acme.bulkSave([task('acme', '1'), task('acme', '2')]);
    expect((await repository.findByIds(['acme:1', 'acme:2'])).map((t) => t.entityId)).toEqual(['acme:1', 'acme:2']);
  });
});
