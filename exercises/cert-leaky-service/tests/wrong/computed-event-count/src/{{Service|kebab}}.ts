// Wrong: drops the bus subscription and computes {{EventsField}} from the {{Entity|lower}} count instead of counting what reached the bus.
import type { SubscribableEventBus } from './event-bus.ts';
import type { {{Entity}}Repository } from './{{Entity|kebab}}-repository.ts';

export interface {{Due|pascal}}Run {
  /** {{Due|pascal}} {{Entities|lower}} processed by this run. */
  {{ProcessedField}}: number;
  /** Events that reached the event bus while this run was working. */
  {{EventsField}}: number;
}

// touch() records one event per {{Entity|lower}} and bulkSave() stamps and records one more.
const EVENTS_PER_{{Entity|constant}} = 2;

export class {{Service}} {
  readonly #repository: {{Entity}}Repository;
  #{{IdsGetter}}: string[] = [];

  constructor(repository: {{Entity}}Repository, _eventBus: SubscribableEventBus) {
    this.#repository = repository;
  }

  async {{RunMethod}}(): Promise<{{Due|pascal}}Run> {
    const {{Entities|lower}} = await this.#repository.{{QueryMethod}}();
    for (const {{Entity|lower}} of {{Entities|lower}}) {{Entity|lower}}.touch('{{Reason}}');
    if ({{Entities|lower}}.length > 0) await this.#repository.bulkSave({{Entities|lower}});
    this.#{{IdsGetter}} = {{Entities|lower}}.map(({{Entity|lower}}) => {{Entity|lower}}.id);
    return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}}: {{Entities|lower}}.length * EVENTS_PER_{{Entity|constant}} };
  }

  /** Ids of the {{Entities|lower}} the latest run processed (shown on the operations dashboard). */
  get {{IdsGetter}}(): string[] {
    return [...this.#{{IdsGetter}}];
  }

  /** How many {{Entity}} objects the service keeps alive (exported as a memory gauge). */
  get {{Gauge}}(): number {
    return 0;
  }
}
