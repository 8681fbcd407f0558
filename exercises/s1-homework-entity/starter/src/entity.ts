// Your homework: one entity from your own project, converted to BaseTimestampEntity.
// Replace MyEntity with your entity (its name, fields, rules and change methods), then fill in
// `examples` at the bottom so the course's checks can exercise it.
import { BaseTimestampEntity, ValidationError, type Clock, type EntityInit } from '@practicum/reference';

export interface MyEntityProps {
  id: string;
}

export class MyEntity extends BaseTimestampEntity {
  readonly id: string;

  constructor(props: MyEntityProps, init?: EntityInit) {
    super(init);
    this.id = props.id;
    // Bring your fields here, then call this.validate() last.
  }

  protected getEntityId(): string {
    throw new Error('MyEntity has not been converted yet: return its identity');
  }

  protected validateEntity(): void {
    throw new ValidationError('MyEntity has not been converted yet: check its rules here', 'id');
  }
}

export const examples = {
  /** A valid entity, created with the clock it is given. */
  create: (clock: Clock): MyEntity => new MyEntity({ id: 'my-1' }, { clock }),
  /** One valid change through one of your methods (one touch with your reason). */
  change: (entity: MyEntity): void => {
    entity.touch();
  },
  /** A change your validation refuses with ValidationError, leaving the entity as it was. */
  invalidChange: (entity: MyEntity): void => {
    entity.touch();
  },
  /** Creations your validation refuses with ValidationError: at least two, breaking different rules. */
  invalidCreations: [(clock: Clock): MyEntity => new MyEntity({ id: '' }, { clock })],
};
