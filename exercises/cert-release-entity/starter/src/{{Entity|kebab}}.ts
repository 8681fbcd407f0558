// {{Entity}} entity (certification task). The props, field names and method names are fixed; the
// rules, the {{Event}} event and its recording are yours to write.
import { BaseTimestampEntity, type EntityInit } from '@practicum/reference';

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

export class {{Entity}} extends BaseTimestampEntity {
  readonly id: string;
  readonly {{versionField}}: string;
  readonly {{dateField}}: Date;
  {{notesField}}: string;

  constructor(props: {{Entity}}Props, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.{{versionField}} = props.{{versionField}};
    this.{{dateField}} = new Date(props.{{dateField}});
    this.{{notesField}} = props.{{notesField}};
  }

  /** Replaces the {{notes}}; recorded with the reason '{{notesField|snake}}_updated'. */
  {{updateMethod}}({{notesField}}: string): void {
    this.{{notesField}} = {{notesField}};
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {}
}
