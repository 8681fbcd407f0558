// Release entity (certification task). The props, field names and method names are fixed; the
// rules, the ReleaseCreated event and its recording are yours to write.
import { BaseTimestampEntity, type EntityInit } from '@practicum/reference';

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

export class Release extends BaseTimestampEntity {
  readonly id: string;
  readonly version: string;
  readonly releaseDate: Date;
  notes: string;

  constructor(props: ReleaseProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.version = props.version;
    this.releaseDate = new Date(props.releaseDate);
    this.notes = props.notes;
  }

  /** Replaces the release notes; recorded with the reason 'notes_updated'. */
  updateNotes(notes: string): void {
    this.notes = notes;
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {}
}
