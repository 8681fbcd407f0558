// A task that belongs to one tenant of a multi-tenant deployment. The fields and method names are
// fixed; identity, validation and the cross-tenant assignee rule are yours to write.
import { BaseTimestampEntity, type EntityInit } from '@practicum/reference';
import type { Membership } from './membership.ts';

/** Separates tenant and local id in the entity id: "acme:42". */
export const SEPARATOR = ':';

/** The entity id of local id `localId` in tenant `tenantId`. */
export function tenantKey(tenantId: string, localId: string): string {
  return tenantId + localId;
}

export interface MultiTenantTaskProps {
  tenantId: string;
  id: string;
  title: string;
}

export class MultiTenantTask extends BaseTimestampEntity {
  readonly tenantId: string;
  readonly id: string;
  title: string;
  assigneeId: string | undefined;

  constructor(props: MultiTenantTaskProps, init?: EntityInit) {
    super(init);
    this.tenantId = props.tenantId;
    this.id = props.id;
    this.title = props.title;
    this.assigneeId = undefined;
  }

  /** Assigns the task to a user of the same tenant; recorded with the reason 'assigned'. */
  assign(userId: string, membership: Membership): void {
    this.assigneeId = userId;
    this.touch('assigned');
    if (!membership.belongsTo(userId, this.tenantId)) {
      throw new Error(`User ${userId} is not a member of ${this.tenantId}`);
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {}
}
