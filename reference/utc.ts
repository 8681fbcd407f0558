// The one way values become instants: everything is UTC, and a date-time without a zone is refused
// instead of guessed (a naive "2025-03-30T00:00:00" means a different instant on every server).

export class NaiveDateError extends Error {
  override readonly name = 'NaiveDateError';
  readonly value: string;

  constructor(value: string) {
    super(`"${value}" has no time zone; add "Z" for UTC or an offset such as "+02:00"`);
    this.value = value;
  }
}

const ZONED = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:[zZ]|[+-]\d{2}:?\d{2})?$/;

/** True when the string is an ISO-8601 date-time that states its zone (Z or an offset). */
export function isUtcIso(value: string): boolean {
  return ISO_DATE_TIME.test(value.trim()) && ZONED.test(value.trim()) && /T|\s/.test(value.trim());
}

/**
 * Turns a Date, epoch milliseconds or a zoned ISO string into a Date (always a fresh copy).
 * Naive strings throw NaiveDateError; invalid values throw RangeError.
 */
export function coerceToUtc(value: Date | string | number): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid Date');
    return new Date(value.getTime());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} is not a valid epoch time in milliseconds`);
    return new Date(value);
  }
  if (typeof value !== 'string') throw new RangeError(`cannot read ${String(value)} as a date`);
  const text = value.trim();
  if (!ISO_DATE_TIME.test(text)) throw new RangeError(`"${value}" is not an ISO-8601 date-time`);
  if (!ZONED.test(text)) throw new NaiveDateError(value);
  const parsed = new Date(text.replace(' ', 'T'));
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`"${value}" is not a valid date-time`);
  return parsed;
}

/** Midnight UTC of the day the instant falls on. */
export function startOfUtcDay(instant: Date): Date {
  const d = coerceToUtc(instant);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
