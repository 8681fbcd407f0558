// Right: tenantId and id are getters over private fields, so a direct write cannot change them at all (it throws a TypeError); the other rules live in validateEntity().
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';
import { SEPARATOR, documentKey } from './tenant-key.ts';

export const MAX_TITLE_LENGTH = 120;

export interface TenantDocumentProps {
  tenantId: string;
  /** The document's id within its tenant. */
  id: string;
  title: string;
}

export class TenantDocument extends BaseTimestampEntity {
  readonly #tenantId: string;
  readonly #id: string;
  title: string;

  constructor(props: TenantDocumentProps, init?: EntityInit) {
    super(init);
    this.#tenantId = props.tenantId;
    this.#id = props.id;
    this.title = props.title;
    this.validate();
  }

  get tenantId(): string {
    return this.#tenantId;
  }

  get id(): string {
    return this.#id;
  }

  retitle(title: string): void {
    const before = this.title;
    try {
      this.title = title;
      this.touch('retitled');
    } catch (error) {
      this.title = before;
      throw error;
    }
  }

  protected getEntityId(): string {
    return documentKey(this.#tenantId, this.#id);
  }

  protected validateEntity(): void {
    if (!this.#tenantId || !this.#tenantId.trim() || this.#tenantId.includes(SEPARATOR)) {
      throw new ValidationError('tenantId must be a non-blank id without the separator', 'tenantId');
    }
    if (!this.#id || !this.#id.trim() || this.#id.includes(SEPARATOR)) throw new ValidationError('id must be a non-blank id without the separator', 'id');
    const length = String(this.title ?? '').trim().length;
    if (length < 1 || length > MAX_TITLE_LENGTH) throw new ValidationError(`title must be 1-${MAX_TITLE_LENGTH} characters`, 'title');
  }
}
