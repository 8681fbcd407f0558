// Wrong: only two unit tests, where the homework asks for at least three.
// Invoice, converted from the billing service's legacy model to BaseTimestampEntity: the class owns
// its number, customer, amount and status rules; createdAt, updatedAt, UTC and update events come
// from the base class. Every change is one intention-revealing method with one touch().
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'void';
const STATUSES: readonly string[] = ['draft', 'sent', 'paid', 'void'];
const NUMBER_PATTERN = /^INV-\d{4}-\d{4,}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** One million euros, in cents: anything above goes through the manual approval flow, not here. */
const MAX_AMOUNT_CENTS = 100_000_000;

export interface InvoiceProps {
  number: string;
  customerEmail: string;
  amountCents: number;
  status?: InvoiceStatus;
}

export class Invoice extends BaseTimestampEntity {
  readonly number: string;
  #customerEmail: string;
  #amountCents: number;
  #status: InvoiceStatus;

  constructor(props: InvoiceProps, init?: EntityInit) {
    super(init);
    this.number = props.number;
    this.#customerEmail = props.customerEmail;
    this.#amountCents = props.amountCents;
    this.#status = props.status ?? 'draft';
    this.validate();
  }

  get customerEmail(): string {
    return this.#customerEmail;
  }

  get amountCents(): number {
    return this.#amountCents;
  }

  get status(): InvoiceStatus {
    return this.#status;
  }

  /** Corrects the amount of a draft; a sent invoice is corrected with a credit note instead. */
  correctAmount(amountCents: number): void {
    const before = this.#amountCents;
    this.#amountCents = amountCents;
    this.#touchOrRestore('amount_corrected', { from: before, to: amountCents }, () => {
      this.#amountCents = before;
    });
  }

  send(): void {
    const before = this.#status;
    this.#status = 'sent';
    this.#touchOrRestore('invoice_sent', { from: before }, () => {
      this.#status = before;
    });
  }

  markPaid(): void {
    const before = this.#status;
    this.#status = 'paid';
    this.#touchOrRestore('invoice_paid', { from: before }, () => {
      this.#status = before;
    });
  }

  protected getEntityId(): string {
    return this.number;
  }

  protected validateEntity(): void {
    if (!NUMBER_PATTERN.test(this.number)) throw new ValidationError(`Invoice number must look like INV-2025-0001, got "${this.number}"`, 'number');
    if (!EMAIL_PATTERN.test(this.#customerEmail)) throw new ValidationError('The customer email must be an email address', 'customerEmail');
    if (!Number.isInteger(this.#amountCents) || this.#amountCents <= 0) throw new ValidationError('The amount must be a whole, positive number of cents', 'amountCents');
    if (this.#amountCents > MAX_AMOUNT_CENTS) throw new ValidationError('Amounts above 1,000,000.00 need manual approval', 'amountCents');
    if (!STATUSES.includes(this.#status)) throw new ValidationError(`Unknown status: ${this.#status}`, 'status');
  }

  /** One change, one touch: when validation refuses it, the fields go back to what they were. */
  #touchOrRestore(reason: string, metadata: Record<string, unknown>, restore: () => void): void {
    try {
      this.touch(reason, metadata);
    } catch (error) {
      restore();
      throw error;
    }
  }
}

export const examples = {
  create: (clock: Clock): Invoice => new Invoice({ number: 'INV-2025-0001', customerEmail: 'billing@acme.test', amountCents: 125_000 }, { clock }),
  change: (invoice: Invoice): void => invoice.correctAmount(99_500),
  invalidChange: (invoice: Invoice): void => invoice.correctAmount(-100),
  invalidCreations: [
    (clock: Clock): Invoice => new Invoice({ number: '2025-1', customerEmail: 'billing@acme.test', amountCents: 100 }, { clock }),
    (clock: Clock): Invoice => new Invoice({ number: 'INV-2025-0002', customerEmail: 'billing at acme', amountCents: 100 }, { clock }),
    (clock: Clock): Invoice => new Invoice({ number: 'INV-2025-0003', customerEmail: 'billing@acme.test', amountCents: 0 }, { clock }),
  ],
};
