// A task edited on several nodes of a cluster. Its touch() is a direct port of the training plan's
// DistributedEntity: the instant comes from the time coordinator. Reviewers say it breaks the
// touch() contract; make it keep every promise of the base class.
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';
import type { TimeCoordinator } from './time-coordinator.ts';

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

  constructor(props: DistributedTaskProps, options: DistributedTaskOptions, init: Omit<EntityInit, 'clock'> = {}) {
    super({ ...init, clock: options.localClock });
    this.id = props.id;
    this.title = props.title;
    this.#coordinator = options.coordinator;
    this.validate();
  }

  /** Changes the title; recorded with the reason 'renamed'. */
  rename(title: string): void {
    this.title = title;
    this.touch('renamed');
  }

  override touch(reason = 'entity_updated'): void {
    const distributedTimestamp = this.#coordinator.now();
    this.stampUpdatedAt(distributedTimestamp, reason);
    this.validate();
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.title.trim() === '') throw new ValidationError('Task title is required', 'title');
  }
}
