// Wrong: still keeps every processed {{Entity|lower}} in a growing list and hides it behind a gauge that reports only the latest run.
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
  readonly #processed{{Entities}}: {{Entity}}[] = [];
  #lastRunSize = 0;

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
        this.#processed{{Entities}}.push({{Entity|lower}});
      }
      if ({{Entities|lower}}.length > 0) await this.#repository.bulkSave({{Entities|lower}});
      this.#lastRunSize = {{Entities|lower}}.length;
      return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}} };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the {{Entities|lower}} the latest run processed (shown on the operations dashboard). */
  get {{IdsGetter}}(): string[] {
    return this.#processed{{Entities}}.slice(this.#processed{{Entities}}.length - this.#lastRunSize).map(({{Entity|lower}}) => {{Entity|lower}}.id);
  }

  /** How many {{Entity}} objects the service keeps alive (exported as a memory gauge). */
  get {{Gauge}}(): number {
    return this.#lastRunSize;
  }
}
