// Unchanged copy of the read-only starter file, so this case type-checks on its own (the grader uses its own copy).
// The cluster's time coordinator (read-only): one service that hands out instants, so that every
// node stamps with the same time source. Synchronous here (backed by a lease refreshed in the
// background), which gives it exactly the shape of the Clock interface.
export interface TimeCoordinator {
  now(): Date;
}

/** The coordinator's instant and this node's clock disagree by more than the allowed skew. */
export class ClockSkewError extends Error {
  override readonly name = 'ClockSkewError';
  readonly skewMs: number;

  constructor(skewMs: number, maxSkewMs: number) {
    super(`Coordinator time is ${skewMs} ms away from the local clock (at most ${maxSkewMs} ms allowed)`);
    this.skewMs = skewMs;
  }
}
