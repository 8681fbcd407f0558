// Clock skew between cluster nodes (read-only): the largest lead a node accepts from an instant it
// reads, and the error that refuses a larger one.

/** Largest amount, in milliseconds, by which an instant a node reads may be ahead of its own physical clock. */
export const DEFAULT_MAX_SKEW_MS = 5_000;

/** An instant from elsewhere is further ahead of this node's physical clock than the allowed skew. */
export class ClockSkewError extends Error {
  override readonly name = 'ClockSkewError';
  /** How far the instant is ahead of the physical clock, in milliseconds. */
  readonly skewMs: number;
  readonly maxSkewMs: number;

  constructor(skewMs: number, maxSkewMs: number) {
    super(`An instant ${skewMs} ms ahead of this node's clock was refused (at most ${maxSkewMs} ms allowed)`);
    this.skewMs = skewMs;
    this.maxSkewMs = maxSkewMs;
  }
}
