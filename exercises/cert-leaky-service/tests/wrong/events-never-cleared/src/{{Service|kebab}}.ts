// Wrong: publishes each {{Entity|lower}}'s recorded events on the bus itself but never clears them or stores the change.
import type { SubscribableEventBus } from './event-bus.ts';
import type { {{Entity}}Repository } from './{{Entity|kebab}}-repository.ts';

export interface {{Due|pascal}}Run {
  /** {{Due|pascal}} {{Entities|lower}} processed by this run. */
  {{ProcessedField}}: number;
  /** Events that reached the event bus while this run was working. */
  {{EventsField}}: number;
}

export class {{Service}} {
  readonly #repository: {{Entity}}Repository;
  readonly #eventBus: SubscribableEventBus;
  #{{IdsGetter}}: string[] = [];

  constructor(repository: {{Entity}}Repository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    this.#eventBus = eventBus;
  }

  async {{RunMethod}}(): Promise<{{Due|pascal}}Run> {
    let {{EventsField}} = 0;
    const unsubscribe = this.#eventBus.subscribe(() => {
      {{EventsField}} += 1;
    });
    try {
      const {{Entities|lower}} = await this.#repository.{{QueryMethod}}();
      for (const {{Entity|lower}} of {{Entities|lower}}) {
        {{Entity|lower}}.touch('{{Reason}}');
        this.#eventBus.publishBatch({{Entity|lower}}.getDomainEvents());
      }
      this.#{{IdsGetter}} = {{Entities|lower}}.map(({{Entity|lower}}) => {{Entity|lower}}.id);
      return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}} };
    } finally {
      unsubscribe();
    }
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
