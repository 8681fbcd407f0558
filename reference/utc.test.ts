import { describe, expect, it } from 'vitest';
import { NaiveDateError, coerceToUtc, isUtcIso, startOfUtcDay } from './utc.ts';

describe('coerceToUtc', () => {
  it('reads zoned ISO strings as the instant they name', () => {
    expect(coerceToUtc('2025-03-30T01:30:00Z').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(coerceToUtc('2025-03-30T03:30:00+02:00').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(coerceToUtc('2025-03-30T03:30:00.123456+0200').toISOString()).toBe('2025-03-30T01:30:00.123Z');
  });

  it('rejects naive strings with a message that says how to fix them', () => {
    expect(() => coerceToUtc('2025-03-30T01:30:00')).toThrow(NaiveDateError);
    expect(() => coerceToUtc('2025-03-30')).toThrow(/add "Z"/);
    try {
      coerceToUtc('2025-03-30 10:00');
    } catch (error) {
      expect(error).toBeInstanceOf(NaiveDateError);
      expect((error as NaiveDateError).value).toBe('2025-03-30 10:00');
      expect((error as NaiveDateError).name).toBe('NaiveDateError');
    }
  });

  it('rejects garbage and impossible dates with RangeError', () => {
    expect(() => coerceToUtc('yesterday')).toThrow(RangeError);
    expect(() => coerceToUtc('2025-13-45T99:00:00Z')).toThrow(RangeError);
    expect(() => coerceToUtc(new Date('nope'))).toThrow(RangeError);
    expect(() => coerceToUtc(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => coerceToUtc({} as unknown as string)).toThrow(RangeError);
  });

  it('copies Dates and reads epoch milliseconds', () => {
    const original = new Date('2025-01-01T00:00:00Z');
    const copy = coerceToUtc(original);
    expect(copy).toEqual(original);
    expect(copy).not.toBe(original);
    expect(coerceToUtc(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('helpers', () => {
  it('isUtcIso tells zoned date-times from naive ones', () => {
    expect(isUtcIso('2025-01-01T00:00:00Z')).toBe(true);
    expect(isUtcIso('2025-01-01T00:00:00-05:00')).toBe(true);
    expect(isUtcIso('2025-01-01T00:00:00')).toBe(false);
    expect(isUtcIso('2025-01-01')).toBe(false);
    expect(isUtcIso('soon')).toBe(false);
  });

  it('startOfUtcDay is midnight UTC of that instant', () => {
    expect(startOfUtcDay(new Date('2025-03-30T23:59:59.999Z')).toISOString()).toBe('2025-03-30T00:00:00.000Z');
    expect(startOfUtcDay(new Date('2025-03-31T00:30:00+02:00')).toISOString()).toBe('2025-03-30T00:00:00.000Z');
  });
});
