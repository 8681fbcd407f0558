// Wrong: the tenant, id and title rules are checked in the constructor only; validateEntity() is empty, so `task.title = ""` followed by touch() or save() is accepted.
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
    if (props.tenantId.trim() === '' || props.tenantId.includes(SEPARATOR)) throw new ValidationError('Invalid tenant id', 'tenantId');
    if (props.id.trim() === '' || props.id.includes(SEPARATOR)) throw new ValidationError('Invalid task id', 'id');
    if (props.title.trim() === '') throw new ValidationError('Task title is required', 'title');
    this.tenantId = props.tenantId;
    this.id = props.id;
    this.title = props.title;
    this.assigneeId = undefined;
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

  // The constructor has checked everything and tenantId/id are readonly.
  protected validateEntity(): void {}
}
