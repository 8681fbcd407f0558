// Right: keeps what it issued and what it observed apart and combines them on each reading; the skew is checked against a single physical reading.
import { ClockSkewError, DEFAULT_MAX_SKEW_MS } from './clock-skew.ts';
import type { Clock } from '@practicum/reference';

export class NodeClock implements Clock {
  readonly #physical: Clock;
  readonly maxSkewMs: number;
  #issued: number | null = null;
  #observed: number | null = null;

  constructor(physical: Clock, maxSkewMs: number = DEFAULT_MAX_SKEW_MS) {
    if (!(maxSkewMs >= 0) || maxSkewMs === Number.POSITIVE_INFINITY) throw new RangeError(`bad maxSkewMs ${maxSkewMs}`);
    this.#physical = physical;
    this.maxSkewMs = maxSkewMs;
  }

  now(): Date {
    const floor = Math.max(this.#issued ?? Number.NEGATIVE_INFINITY, this.#observed ?? Number.NEGATIVE_INFINITY);
    const physical = this.#physical.now().getTime();
    const next = physical > floor ? physical : floor + 1;
    this.#issued = next;
    return new Date(next);
  }

  observe(instant: Date): void {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('cannot observe an Invalid Date');
    const physical = this.#physical.now().getTime();
    if (ms - physical > this.maxSkewMs) throw new ClockSkewError(ms - physical, this.maxSkewMs);
    this.#observed = this.#observed === null ? ms : Math.max(this.#observed, ms);
  }
}
