// Wrong: now() returns the later of physical time and the latest instant, without adding 1 ms, so a standing clock repeats readings.
// The clock of one cluster node, a hybrid of the machine's clock and what the node has seen: each
// reading is the physical time, or 1 ms after the latest instant it has issued or observed when the
// physical clock has not moved past it — so it never repeats, never goes back, and orders every
// write after everything the node read. An instant too far ahead of physical time is refused
// rather than allowed to drag the node (and everything it writes) into the future.
import { coerceToUtc, type Clock } from '@practicum/reference';
import { ClockSkewError, DEFAULT_MAX_SKEW_MS } from './clock-skew.ts';

export class NodeClock implements Clock {
  readonly #physical: Clock;
  readonly maxSkewMs: number;
  /** The latest instant issued or observed, epoch ms (-Infinity before the first). */
  #latest = Number.NEGATIVE_INFINITY;

  /** `physical` is the machine's own clock. */
  constructor(physical: Clock, maxSkewMs: number = DEFAULT_MAX_SKEW_MS) {
    if (typeof maxSkewMs !== 'number' || !Number.isFinite(maxSkewMs) || maxSkewMs < 0) {
      throw new RangeError(`maxSkewMs must be a finite number of milliseconds >= 0, got ${String(maxSkewMs)}`);
    }
    this.#physical = physical;
    this.maxSkewMs = maxSkewMs;
  }

  /** The instant to stamp now. */
  now(): Date {
    const physical = coerceToUtc(this.#physical.now()).getTime();
    this.#latest = Math.max(physical, this.#latest);
    return new Date(this.#latest);
  }

  /** An instant written elsewhere (a row this node read, a message it received). */
  observe(instant: Date): void {
    const observed = coerceToUtc(instant).getTime();
    // Judged against physical time, not against this clock's own lead: otherwise every accepted
    // instant would widen the window for the next one.
    const skewMs = observed - coerceToUtc(this.#physical.now()).getTime();
    if (skewMs > this.maxSkewMs) throw new ClockSkewError(skewMs, this.maxSkewMs);
    if (observed > this.#latest) this.#latest = observed;
  }
}
