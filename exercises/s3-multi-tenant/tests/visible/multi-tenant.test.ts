// Visible checks for the multi-tenant scenario: run them while you work; the hidden suite checks every rule.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, ValidationError } from '@practicum/reference';
import { MultiTenantTask } from '../../starter/src/multi-tenant-task.ts';
import { TenantScope } from '../../starter/src/tenant-scope.ts';

describe('Multi-tenant tasks (visible checks)', () => {
  it('puts the tenant into the entity id', () => {
    const task = new MultiTenantTask({ tenantId: 'acme', id: '42', title: 'Invoice run' }, { clock: new FixedClock('2025-06-01T08:00:00Z') });
    expect(task.entityId).toBe('acme:42');
  });

  it("does not let one tenant's scope see another tenant's task", async () => {
    const clock = new FixedClock('2025-06-01T08:00:00Z');
    const repository = new InMemoryRepository<MultiTenantTask>({ eventBus: new InMemoryEventBus(), clock });
    await new TenantScope(repository, 'globex').save(new MultiTenantTask({ tenantId: 'globex', id: '9', title: 'Payroll' }, { clock }));
    expect(await new TenantScope(repository, 'acme').findById('9')).toBeNull();
  });

  it('refuses to save a task whose title was changed directly to a blank one', async () => {
    const clock = new FixedClock('2025-06-01T08:00:00Z');
    const repository = new InMemoryRepository<MultiTenantTask>({ eventBus: new InMemoryEventBus(), clock });
    const task = new MultiTenantTask({ tenantId: 'acme', id: '42', title: 'Invoice run' }, { clock });
    task.title = '';
    let refused: unknown = null;
    try {
      await new TenantScope(repository, 'acme').save(task);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    expect(repository.size).toBe(0);
  });
});
