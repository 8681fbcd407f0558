// Unit tests of the converted Invoice, with a fixed clock: creation, changes with their events, and
// refused changes that leave the invoice as it was.
import { describe, expect, it } from 'vitest';
import { FixedClock, TimestampUpdatedEvent, ValidationError } from '@practicum/reference';
import { Invoice } from '../src/entity.ts';

const START = '2025-03-01T09:00:00Z';

function newInvoice(clock = new FixedClock(START)): Invoice {
  return new Invoice({ number: 'INV-2025-0001', customerEmail: 'billing@acme.test', amountCents: 125_000 }, { clock });
}

describe('Invoice', () => {
  it('takes createdAt and updatedAt from the injected clock', () => {
    const invoice = newInvoice();
    expect(invoice.createdAt.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(invoice.updatedAt.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(invoice.entityId).toBe('INV-2025-0001');
    expect(invoice.status).toBe('draft');
  });

  it('records a correction as one update with its reason', () => {
    const clock = new FixedClock(START);
    const invoice = newInvoice(clock);
    clock.advance(60_000);
    invoice.correctAmount(99_500);
    expect(invoice.amountCents).toBe(99_500);
    expect(invoice.updatedAt.toISOString()).toBe('2025-03-01T09:01:00.000Z');
    const events = invoice.getDomainEvents().filter((e) => e instanceof TimestampUpdatedEvent);
    expect(events).toHaveLength(1);
    expect((events[0] as TimestampUpdatedEvent).reason).toBe('amount_corrected');
  });

  it('refuses a negative amount and keeps the invoice as it was', () => {
    const clock = new FixedClock(START);
    const invoice = newInvoice(clock);
    clock.advance(60_000);
    expect(() => invoice.correctAmount(-100)).toThrow(ValidationError);
    expect(invoice.amountCents).toBe(125_000);
    expect(invoice.updatedAt.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(invoice.getDomainEvents()).toHaveLength(0);
  });

  it('refuses an invoice number in the legacy format, naming the field', () => {
    try {
      new Invoice({ number: '2025-1', customerEmail: 'billing@acme.test', amountCents: 100 }, { clock: new FixedClock(START) });
      expect.unreachable('the legacy number was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('number');
    }
  });

  it('rebuilds a stored invoice from zoned timestamps', () => {
    const invoice = new Invoice(
      { number: 'INV-2025-0001', customerEmail: 'billing@acme.test', amountCents: 125_000, status: 'sent' },
      { createdAt: '2025-02-01T08:00:00Z', updatedAt: '2025-02-03T10:30:00Z', clock: new FixedClock(START) },
    );
    expect(invoice.isNew).toBe(false);
    expect(invoice.updatedAt.toISOString()).toBe('2025-02-03T10:30:00.000Z');
  });
});
