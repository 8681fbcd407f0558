// Wrong: keeps the latest run's {{Entity}} objects for the dashboard but its memory gauge claims it keeps none.
import type { SubscribableEventBus } from './event-bus.ts';
import type { {{Entity}} } from './{{Entity|kebab}}.ts';
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
  #lastRun: {{Entity}}[] = [];

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
      for (const {{Entity|lower}} of {{Entities|lower}}) {{Entity|lower}}.touch('{{Reason}}');
      if ({{Entities|lower}}.length > 0) await this.#repository.bulkSave({{Entities|lower}});
      this.#lastRun = {{Entities|lower}};
      return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}} };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the {{Entities|lower}} the latest run processed (shown on the operations dashboard). */
  get {{IdsGetter}}(): string[] {
    return this.#lastRun.map(({{Entity|lower}}) => {{Entity|lower}}.id);
  }

  /** How many {{Entity}} objects the service keeps alive (exported as a memory gauge). */
  get {{Gauge}}(): number {
    // The latest run is replaced every day, so it does not count as growth.
    return 0;
  }
}
