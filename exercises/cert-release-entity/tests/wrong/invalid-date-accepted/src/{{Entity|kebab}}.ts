// Wrong: validateEntity() never checks that the {{date}} is a valid instant: an Invalid Date compares false with everything, so it passes the "not in the future" check.
import {
  BaseTimestampEntity,
  ValidationError,
  coerceToUtc,
  type DomainEvent,
  type EntityInit,
} from '@practicum/reference';

export interface {{Entity}}Props {
  id: string;
  /** Semantic version "major.minor.patch"{{#preRelease}} with an optional pre-release{{/preRelease}}, e.g. "2.14.0"{{#preRelease}} or "2.14.0-rc.1"{{/preRelease}}. */
  {{versionField}}: string;
  /** {{dateMeaning}}: a Date, or an ISO-8601 string with Z or an offset. */
  {{dateField}}: Date | string;
  {{notesField}}: string;
}

export const MIN_{{notesField|constant}}_LENGTH = {{minNotes}};
export const MAX_{{notesField|constant}}_LENGTH = {{maxNotes}};
// Three non-negative integers without leading zeros{{^preRelease}} (semver.org, core version only){{/preRelease}}{{#preRelease}}, then an optional pre-release of
// dot-separated identifiers, numeric ones without leading zeros (semver.org, no build metadata){{/preRelease}}.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*){{#preRelease}}(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?{{/preRelease}}$/;

/** Published once per {{entity}}, when it is saved for the first time. */
export class {{Event}}Event implements DomainEvent {
  readonly type = '{{Event}}';
  readonly entityType = '{{Entity}}';
  readonly entityId: string;
  readonly occurredAt: Date;
  readonly {{versionField}}: string;
  readonly {{dateField}}: Date;

  constructor(props: { entityId: string; occurredAt: Date; {{versionField}}: string; {{dateField}}: Date }) {
    this.entityId = props.entityId;
    this.occurredAt = new Date(props.occurredAt);
    this.{{versionField}} = props.{{versionField}};
    this.{{dateField}} = new Date(props.{{dateField}});
  }
}

export class {{Entity}} extends BaseTimestampEntity {
  readonly id: string;
  readonly {{versionField}}: string;
  readonly {{dateField}}: Date;
  {{notesField}}: string;

  constructor(props: {{Entity}}Props, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.{{versionField}} = props.{{versionField}};
    // coerceToUtc rejects a zone-less string with NaiveDateError instead of reading it as local time.
    this.{{dateField}} = coerceToUtc(props.{{dateField}});
    this.{{notesField}} = props.{{notesField}};
    this.validate();
    // Only a brand-new {{entity}} (no stored createdAt) announces itself. The repository publishes
    // and clears pending events on save, so the event goes out with the first save and never again.
    if (init?.createdAt === undefined) {
      this.addDomainEvent(
        new {{Event}}Event({ entityId: this.id, occurredAt: this.createdAt, {{versionField}}: this.{{versionField}}, {{dateField}}: this.{{dateField}} }),
      );
    }
  }

  /** Replaces the {{notes}}; recorded with the reason '{{notesField|snake}}_updated'. */
  {{updateMethod}}({{notesField}}: string): void {
    const previous = this.{{notesField}};
    this.{{notesField}} = {{notesField}};
    try {
      this.touch('{{notesField|snake}}_updated');
    } catch (error) {
      this.{{notesField}} = previous;
      throw error;
    }
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (!SEMVER.test(this.{{versionField}})) {
      throw new ValidationError(`Version must be major.minor.patch{{#preRelease}} with an optional pre-release{{/preRelease}} (e.g. 2.14.0{{#preRelease}} or 2.14.0-rc.1{{/preRelease}}), got "${this.{{versionField}}}"`, '{{versionField}}');
    }
    // "Now" is the injected clock's, so tests and replays decide what the future is.
    if (this.{{dateField}}.getTime() > this.clock.now().getTime()) {
      throw new ValidationError(`{{date|pascal}} ${this.{{dateField}}.toISOString()} is in the future`, '{{dateField}}');
    }
    const length = this.{{notesField}}.trim().length;
    if (length < MIN_{{notesField|constant}}_LENGTH || length > MAX_{{notesField|constant}}_LENGTH) {
      throw new ValidationError(`{{notes|pascal}} must be ${MIN_{{notesField|constant}}_LENGTH}-${MAX_{{notesField|constant}}_LENGTH} characters (got ${length})`, '{{notesField}}');
    }
  }
}
