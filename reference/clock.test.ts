import { describe, expect, it } from 'vitest';
import { AdvancingClock, FixedClock, systemClock } from './clock.ts';
import { NaiveDateError } from './utc.ts';

describe('clocks', () => {
  it('systemClock reads the real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('FixedClock stands still until set or advanced, and hands out copies', () => {
    const clock = new FixedClock('2025-01-01T00:00:00Z');
    const first = clock.now();
    first.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:01.500Z');
    clock.set(new Date('2026-02-03T04:05:06Z'));
    expect(clock.now().toISOString()).toBe('2026-02-03T04:05:06.000Z');
  });

  it('FixedClock refuses naive starts and non-finite steps', () => {
    expect(() => new FixedClock('2025-01-01T00:00:00')).toThrow(NaiveDateError);
    expect(() => new FixedClock('2025-01-01T00:00:00Z').advance(Number.NaN)).toThrow(RangeError);
  });

  it('AdvancingClock moves by its step on every reading', () => {
    const clock = new AdvancingClock('2025-01-01T00:00:00Z', 10);
    expect([clock.now(), clock.now(), clock.now()].map((d) => d.getTime() - Date.UTC(2025, 0, 1))).toEqual([0, 10, 20]);
    const byOne = new AdvancingClock(new Date(0));
    expect(byOne.now().getTime()).toBe(0);
    expect(byOne.now().getTime()).toBe(1);
    expect(() => new AdvancingClock(new Date(0), -1)).toThrow(RangeError);
  });
});
