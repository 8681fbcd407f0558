// BaseTimestampEntity: the single owner of an entity's timestamps. createdAt never changes;
// updatedAt changes only through touch() (or repository stamping), always in UTC, always strictly
// increasing, validated first, and each change is recorded as a domain event with its reason.
import { systemClock, type Clock } from './clock.ts';
import { TimestampDeletedEvent, TimestampUpdatedEvent, type DomainEvent } from './events.ts';
import { coerceToUtc } from './utc.ts';

export interface EntityInit {
  /** Rehydrating a stored entity: its creation instant (zoned string or Date). */
  createdAt?: Date | string;
  /** Rehydrating: its last update (defaults to createdAt). */
  updatedAt?: Date | string;
  clock?: Clock;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** How long "recently" lasts for wasRecentlyCreated/Updated unless told otherwise. */
export const RECENT_MS = 60_000;

export abstract class BaseTimestampEntity {
  #createdAt: number;
  #updatedAt: number;
  #deletedAt: number | null = null;
  #isNew: boolean;
  #persistedVersion: number | null = null;
  #events: DomainEvent[] = [];
  readonly #clock: Clock;

  protected constructor(init: EntityInit = {}) {
    this.#clock = init.clock ?? systemClock;
    if (init.createdAt === undefined) {
      if (init.updatedAt !== undefined) throw new RangeError('updatedAt given without createdAt');
      const now = coerceToUtc(this.#clock.now()).getTime();
      this.#createdAt = now;
      this.#updatedAt = now;
      this.#isNew = true;
    } else {
      this.#createdAt = coerceToUtc(init.createdAt).getTime();
      this.#updatedAt = init.updatedAt === undefined ? this.#createdAt : coerceToUtc(init.updatedAt).getTime();
      if (this.#updatedAt < this.#createdAt) {
        throw new RangeError(`updatedAt (${new Date(this.#updatedAt).toISOString()}) is before createdAt (${new Date(this.#createdAt).toISOString()})`);
      }
      // A rehydrated entity is a stored one: its stored updatedAt is the concurrency token.
      this.#isNew = false;
      this.#persistedVersion = this.#updatedAt;
    }
  }

  get createdAt(): Date {
    return new Date(this.#createdAt);
  }

  get updatedAt(): Date {
    return new Date(this.#updatedAt);
  }

  get deletedAt(): Date | null {
    return this.#deletedAt === null ? null : new Date(this.#deletedAt);
  }

  get isDeleted(): boolean {
    return this.#deletedAt !== null;
  }

  /** True until a repository has stored the entity. */
  get isNew(): boolean {
    return this.#isNew;
  }

  get entityId(): string {
    return this.getEntityId();
  }

  get entityType(): string {
    return this.constructor.name;
  }

  protected get clock(): Clock {
    return this.#clock;
  }

  protected abstract getEntityId(): string;

  /** Throws ValidationError when an invariant is broken. */
  protected abstract validateEntity(): void;

  validate(): void {
    this.validateEntity();
  }

  /** Records a change: validates first (nothing changes when invalid), then stamps and records why. */
  touch(reason = 'entity_updated', metadata: Record<string, unknown> = {}): void {
    this.validate();
    this.#stamp(this.#clock.now(), reason, metadata);
  }

  /** Marks the entity deleted (kept, not erased), touching it and recording a deletion event. */
  softDelete(reason = 'deleted'): void {
    if (this.#deletedAt !== null) throw new Error(`${this.entityType} ${this.entityId} is already deleted`);
    this.touch(reason);
    this.#deletedAt = this.#updatedAt;
    this.addDomainEvent(
      new TimestampDeletedEvent({ entityId: this.entityId, entityType: this.entityType, occurredAt: this.updatedAt, deletedAt: this.updatedAt, reason }),
    );
  }

  /** Milliseconds since creation. */
  age(now: Date = this.#clock.now()): number {
    return coerceToUtc(now).getTime() - this.#createdAt;
  }

  /** Milliseconds since the last update. */
  timeSinceUpdate(now: Date = this.#clock.now()): number {
    return coerceToUtc(now).getTime() - this.#updatedAt;
  }

  wasRecentlyCreated(withinMs = RECENT_MS): boolean {
    const age = this.age();
    return age >= 0 && age <= withinMs;
  }

  wasRecentlyUpdated(withinMs = RECENT_MS): boolean {
    const since = this.timeSinceUpdate();
    return since >= 0 && since <= withinMs;
  }

  getDomainEvents(): readonly DomainEvent[] {
    return [...this.#events];
  }

  clearDomainEvents(): void {
    this.#events = [];
  }

  protected addDomainEvent(event: DomainEvent): void {
    this.#events.push(event);
  }

  // ---- Infrastructure API: used by repositories, not by application code. ----

  /** The repository stored the entity at this version (its updatedAt). */
  markPersisted(version: Date): void {
    this.#isNew = false;
    this.#persistedVersion = coerceToUtc(version).getTime();
  }

  /** The updatedAt the store held when this entity was loaded or last saved. */
  get persistedVersion(): Date | null {
    return this.#persistedVersion === null ? null : new Date(this.#persistedVersion);
  }

  /** Stamps a shared instant (one per batch); keeps updatedAt strictly increasing and records the event. */
  stampUpdatedAt(instant: Date, reason: string): void {
    this.#stamp(instant, reason, {});
  }

  #stamp(instant: Date, reason: string, metadata: Record<string, unknown>): void {
    const old = this.#updatedAt;
    const proposed = coerceToUtc(instant).getTime();
    // Strictly increasing even when the clock stands still or lags: never equal, never backwards.
    const next = proposed > old ? proposed : old + 1;
    this.#updatedAt = next;
    this.addDomainEvent(
      new TimestampUpdatedEvent({
        entityId: this.entityId,
        entityType: this.entityType,
        occurredAt: new Date(next),
        oldTimestamp: new Date(old),
        newTimestamp: new Date(next),
        reason,
        metadata,
      }),
    );
  }
}
