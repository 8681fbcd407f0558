// {{Entity}} entity of the daily worker (read-only): a {{TextField}} and how often the {{Entity|lower}} {{Recurs}}.
import { BaseTimestampEntity, ValidationError, type EntityInit } from '@practicum/reference';

export type {{CycleField|pascal}} = '{{Due}}' | '{{Other}}' | '{{Never}}';

export interface {{Entity}}Props {
  id: string;
  {{TextField}}: string;
  {{CycleField}}: {{CycleField|pascal}};
}

export class {{Entity}} extends BaseTimestampEntity {
  readonly id: string;
  {{TextField}}: string;
  {{CycleField}}: {{CycleField|pascal}};

  constructor(props: {{Entity}}Props, init?: EntityInit) {
    super(init);
    this.id = props.id;
    this.{{TextField}} = props.{{TextField}};
    this.{{CycleField}} = props.{{CycleField}};
    this.validate();
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.{{TextField}}.trim() === '') throw new ValidationError('{{Entity}} {{TextField}} is required', '{{TextField}}');
  }
}
