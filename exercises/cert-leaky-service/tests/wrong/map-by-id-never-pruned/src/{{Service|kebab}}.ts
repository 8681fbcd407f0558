// Wrong: processed {{Entities|lower}} are kept in a Map keyed by id and never pruned, so {{Entities|lower}} that stop being {{Due}} (or are deleted) stay alive forever.
// Daily worker: once a day it marks every {{Due}} {{Entity|lower}} as processed and reports the run to the
// operations dashboard. Nothing outlives a run: the touched {{Entities|lower}} are saved (their events are
// published and cleared), the dashboard keeps only the latest run's ids, and the bus subscription
// that counts a run's events is removed when the run ends.
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
  // Ids, not {{Entity}} objects: holding the entities would keep them (and anything they reference) alive.
  readonly #{{Entities|lower}}ById = new Map<string, {{Entity}}>();
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
      for (const {{Entity|lower}} of {{Entities|lower}}) {{Entity|lower}}.touch('{{Reason}}');
      // Saving stores the change and publishes and clears the recorded events: without it they
      // pile up on the entities forever. One bulkSave keeps it to one write and one publish.
      if ({{Entities|lower}}.length > 0) await this.#repository.bulkSave({{Entities|lower}});
      for (const {{Entity|lower}} of {{Entities|lower}}) this.#{{Entities|lower}}ById.set({{Entity|lower}}.id, {{Entity|lower}});
      this.#{{IdsGetter}} = {{Entities|lower}}.map(({{Entity|lower}}) => {{Entity|lower}}.id);
      return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}} };
    } finally {
      // Every run used to add a handler that was never removed: they piled up and kept counting.
      unsubscribe();
    }
  }

  /** Ids of the {{Entities|lower}} the latest run processed (shown on the operations dashboard). */
  get {{IdsGetter}}(): string[] {
    return [...this.#{{IdsGetter}}];
  }

  /** How many {{Entity}} objects the service keeps alive (exported as a memory gauge). */
  get {{Gauge}}(): number {
    // Between runs the service holds ids only; the {{Entities|lower}} of a run are released when it returns.
    return this.#{{Entities|lower}}ById.size;
  }
}
