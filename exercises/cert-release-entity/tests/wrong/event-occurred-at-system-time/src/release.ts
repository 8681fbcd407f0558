// Wrong: ReleaseCreated's occurredAt is read from the system clock (new Date()) instead of the injected one.
// Release entity (certification task): a semantic version, a release date that is not in the
// future of the injected clock, release notes of 10-1000 characters, and a ReleaseCreated event
// that a brand-new release carries to its first save.
import {
  BaseTimestampEntity,
  ValidationError,
  coerceToUtc,
  type DomainEvent,
  type EntityInit,
} from '@practicum/reference';

export interface ReleaseProps {
  id: string;
  /** Semantic version "major.minor.patch", e.g. "2.14.0". */
  version: string;
  /** When the release shipped: a Date, or an ISO-8601 string with Z or an offset. */
  releaseDate: Date | string;
  notes: string;
}

export const MIN_NOTES_LENGTH = 10;
export const MAX_NOTES_LENGTH = 1000;
// Three non-negative integers without leading zeros (semver.org, core version only).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Published once per release, when it is saved for the first time. */
export class ReleaseCreatedEvent implements DomainEvent {
  readonly type = 'ReleaseCreated';
  readonly entityType = 'Release';
  readonly entityId: string;
  readonly occurredAt: Date;
  readonly version: string;
  readonly releaseDate: Date;

  constructor(props: { entityId: string; occurredAt: Date; version: string; releaseDate: Date }) {
    this.entityId = props.entityId;
    this.occurredAt = new Date(props.occurredAt);
    this.version = props.version;
    this.releaseDate = new Date(props.releaseDate);
  }
}

export class Release extends BaseTimestampEntity {
  readonly id: string;
  readonly version: string;
  readonly releaseDate: Date;
  notes: string;

  constructor(props: ReleaseProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.version = props.version;
    // coerceToUtc rejects a zone-less string with NaiveDateError instead of reading it as local time.
    this.releaseDate = coerceToUtc(props.releaseDate);
    this.notes = props.notes;
    this.validate();
    // Only a brand-new release (no stored createdAt) announces itself. The repository publishes
    // and clears pending events on save, so the event goes out with the first save and never again.
    if (init?.createdAt === undefined) {
      this.addDomainEvent(
        new ReleaseCreatedEvent({ entityId: this.id, occurredAt: new Date(), version: this.version, releaseDate: this.releaseDate }),
      );
    }
  }

  /** Replaces the release notes; recorded with the reason 'notes_updated'. */
  updateNotes(notes: string): void {
    const previous = this.notes;
    this.notes = notes;
    try {
      this.touch('notes_updated');
    } catch (error) {
      this.notes = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (!SEMVER.test(this.version)) {
      throw new ValidationError(`Version must be major.minor.patch (e.g. 2.14.0), got "${this.version}"`, 'version');
    }
    // A direct assignment can leave anything here; an Invalid Date would pass every comparison.
    if (!(this.releaseDate instanceof Date) || Number.isNaN(this.releaseDate.getTime())) {
      throw new ValidationError('Release date must be a valid instant', 'releaseDate');
    }
    // "Now" is the injected clock's, so tests and replays decide what the future is.
    if (this.releaseDate.getTime() > this.clock.now().getTime()) {
      throw new ValidationError(`Release date ${this.releaseDate.toISOString()} is in the future`, 'releaseDate');
    }
    const length = this.notes.trim().length;
    if (length < MIN_NOTES_LENGTH || length > MAX_NOTES_LENGTH) {
      throw new ValidationError(`Release notes must be ${MIN_NOTES_LENGTH}-${MAX_NOTES_LENGTH} characters (got ${length})`, 'notes');
    }
  }
}
