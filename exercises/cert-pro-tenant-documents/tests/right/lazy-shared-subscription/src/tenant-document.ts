// Right: (this file is the reference one) see tenant-workspace.ts.
// A document that belongs to one tenant of the shared document store. The tenant is part of its
// identity (repository keys and events carry it) and, like the local id, is pinned when the
// document is created: every rule, the pin included, lives in validateEntity() so that every path
// (touch, validate, save, bulkSave) refuses a document that breaks it.
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
  readonly tenantId: string;
  readonly id: string;
  title: string;
  // What the constructor saw: a later write to tenantId or id would move the document to another
  // entity id (and possibly another tenant), so it is compared on every validation.
  readonly #pinnedTenantId: string;
  readonly #pinnedId: string;

  constructor(props: TenantDocumentProps, init?: EntityInit) {
    super(init);
    this.tenantId = props.tenantId;
    this.id = props.id;
    this.title = props.title;
    this.#pinnedTenantId = props.tenantId;
    this.#pinnedId = props.id;
    this.validate();
  }

  /** Changes the title; recorded with the reason 'retitled'. */
  retitle(title: string): void {
    const previous = this.title;
    this.title = title;
    try {
      this.touch('retitled');
    } catch (error) {
      this.title = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return documentKey(this.tenantId, this.id);
  }

  protected validateEntity(): void {
    checkPart(this.tenantId, 'tenantId', 'Tenant id');
    if (this.tenantId !== this.#pinnedTenantId) {
      throw new ValidationError(`A document cannot move from tenant "${this.#pinnedTenantId}" to "${String(this.tenantId)}"`, 'tenantId');
    }
    checkPart(this.id, 'id', 'Document id');
    if (this.id !== this.#pinnedId) throw new ValidationError(`A document's id cannot change (was "${this.#pinnedId}")`, 'id');
    const title = typeof this.title === 'string' ? this.title.trim() : '';
    if (title.length === 0) throw new ValidationError('Document title is required', 'title');
    if (title.length > MAX_TITLE_LENGTH) throw new ValidationError(`Document title must be at most ${MAX_TITLE_LENGTH} characters (got ${title.length})`, 'title');
  }
}

/** A part of the entity id: required, and without the separator ("a/b" + "c" and "a" + "b/c" would share an id). */
function checkPart(value: unknown, field: string, label: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${label} is required`, field);
  if (value.includes(SEPARATOR)) throw new ValidationError(`${label} must not contain "${SEPARATOR}"`, field);
}
