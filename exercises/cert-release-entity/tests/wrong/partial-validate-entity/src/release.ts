// Wrong: validateEntity() checks only the notes; version and release date are checked once in the constructor ("they are readonly"), so a direct change to them is saved.
import { BaseTimestampEntity, ValidationError, coerceToUtc, type DomainEvent, type EntityInit } from '@practicum/reference';

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
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

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
    if (!SEMVER.test(props.version)) {
      throw new ValidationError(`Version must be major.minor.patch, got "${props.version}"`, 'version');
    }
    this.version = props.version;
    this.releaseDate = coerceToUtc(props.releaseDate);
    if (Number.isNaN(this.releaseDate.getTime()) || this.releaseDate.getTime() > this.clock.now().getTime()) {
      throw new ValidationError('Release date is in the future', 'releaseDate');
    }
    this.notes = props.notes;
    this.validate();
    if (init?.createdAt === undefined) {
      this.addDomainEvent(new ReleaseCreatedEvent({ entityId: this.id, occurredAt: this.createdAt, version: this.version, releaseDate: this.releaseDate }));
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

  // version and releaseDate are readonly, so only the notes can go wrong after construction.
  protected validateEntity(): void {
    const length = this.notes.trim().length;
    if (length < MIN_NOTES_LENGTH || length > MAX_NOTES_LENGTH) {
      throw new ValidationError(`Release notes must be ${MIN_NOTES_LENGTH}-${MAX_NOTES_LENGTH} characters (got ${length})`, 'notes');
    }
  }
}
