// The clock of one cluster node: every timestamp the node writes comes from it. Today it simply
// reads the machine's clock, which other nodes' clocks disagree with.
import type { Clock } from '@practicum/reference';
import { DEFAULT_MAX_SKEW_MS } from './clock-skew.ts';

export class NodeClock implements Clock {
  readonly #physical: Clock;
  readonly maxSkewMs: number;

  /** `physical` is the machine's own clock. */
  constructor(physical: Clock, maxSkewMs: number = DEFAULT_MAX_SKEW_MS) {
    this.#physical = physical;
    this.maxSkewMs = maxSkewMs;
  }

  /** The instant to stamp now. */
  now(): Date {
    return this.#physical.now();
  }

  /** An instant written elsewhere (a row this node read, a message it received). */
  observe(instant: Date): void {
    void instant;
  }
}
