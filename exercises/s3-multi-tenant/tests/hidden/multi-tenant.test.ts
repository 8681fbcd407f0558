// Hidden suite for the multi-tenant scenario: tenant-qualified identity, validation, the
// cross-tenant assignee rule, and isolation enforced by the tenant scope.
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
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
    validationErrorOf(() => task('acme:eu', '1'));
    validationErrorOf(() => task('acme', 'eu:1'));
  });

  it('requires a title', () => {
    const error = validationErrorOf(() => new MultiTenantTask({ tenantId: 'acme', id: '1', title: ' ' }, { clock: new FixedClock(START) }));
    expect(error.field).toBe('title');
  });
});

describe('3. Assigning', () => {
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

describe('4. Tenant scope', () => {
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

  it("bulk-saves a batch of this tenant's tasks", async () => {
    const { repository, acme } = world();
    await acme.bulkSave([task('acme', '1'), task('acme', '2')]);
    expect((await repository.findByIds(['acme:1', 'acme:2'])).map((t) => t.entityId)).toEqual(['acme:1', 'acme:2']);
  });
});
