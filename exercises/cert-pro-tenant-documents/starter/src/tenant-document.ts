// A document that belongs to one tenant of the shared document store. The props, field names and
// method names are fixed; its identity and its rules are yours to write.
import { BaseTimestampEntity, type EntityInit } from '@practicum/reference';

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

  constructor(props: TenantDocumentProps, init?: EntityInit) {
    super(init);
    this.tenantId = props.tenantId;
    this.id = props.id;
    this.title = props.title;
  }

  /** Changes the title; recorded with the reason 'retitled'. */
  retitle(title: string): void {
    this.title = title;
    this.touch('retitled');
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {}
}
