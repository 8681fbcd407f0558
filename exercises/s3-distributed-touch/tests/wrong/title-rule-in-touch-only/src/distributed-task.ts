// Wrong: the title is checked inside the touch() override and validateEntity() is empty, so the constructor, validate(), save() and bulkSave() accept a blank title.
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';
import { ClockSkewError, type TimeCoordinator } from './time-coordinator.ts';

/** Largest difference allowed between the coordinator's instant and this node's clock. */
export const DEFAULT_MAX_SKEW_MS = 5_000;

export interface DistributedTaskProps {
  id: string;
  title: string;
}

export interface DistributedTaskOptions {
  /** Source of every timestamp of the task. */
  coordinator: TimeCoordinator;
  /** This node's own clock, used only to detect a broken coordinator. */
  localClock: Clock;
  maxSkewMs?: number;
}

export class DistributedTask extends BaseTimestampEntity {
  readonly id: string;
  title: string;
  readonly #coordinator: TimeCoordinator;
  readonly #localClock: Clock;
  readonly #maxSkewMs: number;

  constructor(props: DistributedTaskProps, options: DistributedTaskOptions, init: Omit<EntityInit, 'clock'> = {}) {
    // The coordinator has the shape of a Clock: as the entity's clock it also stamps createdAt.
    super({ ...init, clock: options.coordinator });
    this.id = props.id;
    this.title = props.title;
    this.#coordinator = options.coordinator;
    this.#localClock = options.localClock;
    this.#maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
    this.validate();
  }

  /** Changes the title; recorded with the reason 'renamed'. */
  rename(title: string): void {
    const previous = this.title;
    this.title = title;
    try {
      this.touch('renamed');
    } catch (error) {
      this.title = previous;
      throw error;
    }
  }

  override touch(reason = 'entity_updated'): void {
    // 1. An invalid task throws before anything changes, and costs no coordinator round trip.
    if (this.title.trim() === '') throw new ValidationError('Task title is required', 'title');
    const instant = this.#coordinator.now();
    // A coordinator far from every node's clock is broken; stamping its time would poison
    // updatedAt (it can never move backwards again), so refuse instead.
    const skewMs = instant.getTime() - this.#localClock.now().getTime();
    if (Math.abs(skewMs) > this.#maxSkewMs) throw new ClockSkewError(skewMs, this.#maxSkewMs);
    // 2. and 3.: stampUpdatedAt never moves updatedAt backwards (a lagging instant yields +1 ms)
    // and records the TimestampUpdated event with the old and new instants and the reason.
    this.stampUpdatedAt(instant, reason);
  }

  protected getEntityId(): string {
    return this.id;
  }

  // touch() checks the title itself, before it asks the coordinator.
  protected validateEntity(): void {}
}
