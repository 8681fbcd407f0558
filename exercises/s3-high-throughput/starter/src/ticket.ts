// Support ticket entity used by the archive job (read-only): a subject and a status on top of
// BaseTimestampEntity. Archiving is final.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export type TicketStatus = 'open' | 'resolved' | 'archived';
export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'resolved', 'archived'];

export interface TicketProps {
  id: string;
  subject: string;
  status?: TicketStatus;
}

export class Ticket extends BaseTimestampEntity {
  readonly id: string;
  subject: string;
  status: TicketStatus;

  constructor(props: TicketProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.subject = props.subject;
    this.status = props.status ?? 'open';
    this.validate();
  }

  get isArchived(): boolean {
    return this.status === 'archived';
  }

  /** Archives the ticket and records the change with the reason 'archived'. */
  archive(): void {
    const previous = this.status;
    this.status = 'archived';
    try {
      this.touch('archived');
    } catch (error) {
      this.status = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.subject.trim() === '') throw new ValidationError('Ticket subject is required', 'subject');
    if (!TICKET_STATUSES.includes(this.status)) {
      throw new ValidationError(`Invalid status "${String(this.status)}"`, 'status');
    }
  }
}
