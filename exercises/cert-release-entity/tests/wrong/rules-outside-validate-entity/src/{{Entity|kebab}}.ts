// Wrong: the rules are checked in the constructor and in {{updateMethod}} only; validateEntity() is empty, so `{{Entity|camel}}.{{notesField}} = ''` followed by touch() or save() is accepted.
import { BaseTimestampEntity, ValidationError, coerceToUtc, type DomainEvent, type EntityInit } from '@practicum/reference';

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
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*){{#preRelease}}(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?{{/preRelease}}$/;

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

function checkNotes(notes: string): void {
  const length = notes.trim().length;
  if (length < MIN_{{notesField|constant}}_LENGTH || length > MAX_{{notesField|constant}}_LENGTH) {
    throw new ValidationError(`{{notes|pascal}} must be ${MIN_{{notesField|constant}}_LENGTH}-${MAX_{{notesField|constant}}_LENGTH} characters`, '{{notesField}}');
  }
}

export class {{Entity}} extends BaseTimestampEntity {
  readonly id: string;
  readonly {{versionField}}: string;
  readonly {{dateField}}: Date;
  {{notesField}}: string;

  constructor(props: {{Entity}}Props, init?: EntityInit) {
    super(init);
    if (!SEMVER.test(props.{{versionField}})) throw new ValidationError(`Invalid version "${props.{{versionField}}}"`, '{{versionField}}');
    const {{dateField}} = coerceToUtc(props.{{dateField}});
    if ({{dateField}}.getTime() > this.clock.now().getTime()) throw new ValidationError('{{date|pascal}} is in the future', '{{dateField}}');
    checkNotes(props.{{notesField}});
    this.id = props.id;
    this.{{versionField}} = props.{{versionField}};
    this.{{dateField}} = {{dateField}};
    this.{{notesField}} = props.{{notesField}};
    if (init?.createdAt === undefined) {
      this.addDomainEvent(new {{Event}}Event({ entityId: this.id, occurredAt: this.createdAt, {{versionField}}: this.{{versionField}}, {{dateField}}: this.{{dateField}} }));
    }
  }

  /** Replaces the {{notes}}; recorded with the reason '{{notesField|snake}}_updated'. */
  {{updateMethod}}({{notesField}}: string): void {
    checkNotes({{notesField}});
    this.{{notesField}} = {{notesField}};
    this.touch('{{notesField|snake}}_updated');
  }

  protected getEntityId(): string {
    return this.id;
  }

  // Everything is already checked where the values come in.
  protected validateEntity(): void {}
}
