// Wrong: keeps the id list of every run in a growing history (ids instead of {{Entities|lower}}, but still one entry per {{Entity|lower}} per day).
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
  readonly #runHistory: string[][] = [];

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
      this.#runHistory.push({{Entities|lower}}.map(({{Entity|lower}}) => {{Entity|lower}}.id));
      return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}} };
    } finally {
      unsubscribe();
    }
  }

  /** Ids of the {{Entities|lower}} the latest run processed (shown on the operations dashboard). */
  get {{IdsGetter}}(): string[] {
    return [...(this.#runHistory.at(-1) ?? [])];
  }

  /** How many {{Entity}} objects the service keeps alive (exported as a memory gauge). */
  get {{Gauge}}(): number {
    return 0;
  }
}
