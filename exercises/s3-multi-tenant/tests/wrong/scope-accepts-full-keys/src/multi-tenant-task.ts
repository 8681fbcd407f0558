// Unchanged copy of the solution file: the mistake of this case is in src/tenant-scope.ts.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';
import type { Membership } from './membership.ts';

/** Separates tenant and local id in the entity id: "acme:42". */
export const SEPARATOR = ':';

/** The entity id of local id `localId` in tenant `tenantId`. */
export function tenantKey(tenantId: string, localId: string): string {
  return `${tenantId}${SEPARATOR}${localId}`;
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
    this.validate();
  }

  /** Assigns the task to a user of the same tenant; recorded with the reason 'assigned'. */
  assign(userId: string, membership: Membership): void {
    // The membership check comes first: a refused assignee must leave the task untouched.
    if (!membership.belongsTo(userId, this.tenantId)) {
      throw new ValidationError(`User "${userId}" does not belong to tenant "${this.tenantId}"`, 'assigneeId');
    }
    const previous = this.assigneeId;
    this.assigneeId = userId;
    try {
      this.touch('assigned');
    } catch (error) {
      this.assigneeId = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return tenantKey(this.tenantId, this.id);
  }

  protected validateEntity(): void {
    if (this.tenantId.trim() === '') throw new ValidationError('Tenant id is required', 'tenantId');
    // With the separator inside a part, "a:b" + "c" and "a" + "b:c" would share one entity id.
    if (this.tenantId.includes(SEPARATOR)) throw new ValidationError(`Tenant id must not contain "${SEPARATOR}"`, 'tenantId');
    if (this.id.trim() === '') throw new ValidationError('Task id is required', 'id');
    if (this.id.includes(SEPARATOR)) throw new ValidationError(`Task id must not contain "${SEPARATOR}"`, 'id');
    if (this.title.trim() === '') throw new ValidationError('Task title is required', 'title');
  }
}
