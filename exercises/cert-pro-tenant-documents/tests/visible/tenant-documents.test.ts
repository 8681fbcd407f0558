// Visible checks for the tenant-isolated documents task: run them while you work; the hidden tests decide.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, ValidationError, type DomainEvent } from '@practicum/reference';
import { TenantDocument } from '../../starter/src/tenant-document.ts';
import { TenantWorkspace } from '../../starter/src/tenant-workspace.ts';
import { TenantMismatchError } from '../../starter/src/tenant-key.ts';

function setup(): { clock: FixedClock; bus: InMemoryEventBus; repository: InMemoryRepository<TenantDocument> } {
  const clock = new FixedClock('2025-10-01T09:00:00Z');
  const bus = new InMemoryEventBus();
  return { clock, bus, repository: new InMemoryRepository<TenantDocument>({ eventBus: bus, clock }) };
}

describe('TenantDocument and TenantWorkspace (visible checks)', () => {
  it('keeps document 42 of two tenants apart', async () => {
    const { clock, bus, repository } = setup();
    await new TenantWorkspace(repository, bus, 'acme').save(new TenantDocument({ tenantId: 'acme', id: '42', title: 'Plan' }, { clock }));
    await new TenantWorkspace(repository, bus, 'globex').save(new TenantDocument({ tenantId: 'globex', id: '42', title: 'Budget' }, { clock }));
    expect(repository.size).toBe(2);
    expect((await new TenantWorkspace(repository, bus, 'acme').findById('42'))?.title).toBe('Plan');
    expect(await new TenantWorkspace(repository, bus, 'acme').findById('globex/42')).toBeNull();
  });

  it("refuses another tenant's document, and a document whose tenant was rewritten", async () => {
    const { clock, bus, repository } = setup();
    const acme = new TenantWorkspace(repository, bus, 'acme');
    let refused: unknown = null;
    try {
      await acme.save(new TenantDocument({ tenantId: 'globex', id: '1', title: 'Budget' }, { clock }));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TenantMismatchError);
    const document = new TenantDocument({ tenantId: 'acme', id: '2', title: 'Plan' }, { clock });
    try {
      (document as { tenantId: string }).tenantId = 'globex';
    } catch {
      // a document may refuse the write itself
    }
    if (document.tenantId === 'globex') expect(() => document.touch('moved')).toThrow(ValidationError);
    else expect(document.entityId).toBe('acme/2');
  });

  it("feeds a subscriber this tenant's events only", async () => {
    const { clock, bus, repository } = setup();
    const heard: DomainEvent[] = [];
    const unsubscribe = new TenantWorkspace(repository, bus, 'acme').subscribe((e) => heard.push(e));
    await repository.bulkSave([
      new TenantDocument({ tenantId: 'acme', id: '1', title: 'Plan' }, { clock }),
      new TenantDocument({ tenantId: 'acme-labs', id: '1', title: 'Lab notes' }, { clock }),
    ]);
    unsubscribe();
    expect(heard.map((e) => e.entityId)).toEqual(['acme/1']);
  });
});
