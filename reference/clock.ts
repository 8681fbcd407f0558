// Where "now" comes from. Entities and repositories take a Clock so production uses the system time
// and tests control time exactly (a frozen clock, or one that moves a fixed step per reading).
import { coerceToUtc } from './utc.ts';

export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** Time stands still until the test moves it with set() or advance(). */
export class FixedClock implements Clock {
  #current: number;

  constructor(start: Date | string) {
    this.#current = coerceToUtc(start).getTime();
  }

  now(): Date {
    return new Date(this.#current);
  }

  set(instant: Date | string): void {
    this.#current = coerceToUtc(instant).getTime();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`advance() needs a finite number of milliseconds, got ${ms}`);
    this.#current += ms;
  }
}

/** Every reading is `stepMs` later than the previous one: time always moves, predictably. */
export class AdvancingClock implements Clock {
  #next: number;
  readonly #stepMs: number;

  constructor(start: Date | string, stepMs = 1) {
    if (!Number.isFinite(stepMs) || stepMs < 0) throw new RangeError(`stepMs must be a finite number ≥ 0, got ${stepMs}`);
    this.#next = coerceToUtc(start).getTime();
    this.#stepMs = stepMs;
  }

  now(): Date {
    const reading = new Date(this.#next);
    this.#next += this.#stepMs;
    return reading;
  }
}
