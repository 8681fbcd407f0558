// Daily worker: once a day it marks every {{Due}} {{Entity|lower}} as processed and reports the run to the
// operations dashboard. It lives as long as the process does — and the process's memory grows
// every day until someone restarts it.
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
{{^KeepsById}}{{^KeepsRunHistory}}  readonly #processed{{Entities}}: {{Entity}}[] = [];
  #lastRunSize = 0;
{{/KeepsRunHistory}}{{/KeepsById}}{{#KeepsById}}  // Keyed by id, so a {{Entity|lower}} processed every day is held once, not once per day.
  readonly #processedById = new Map<string, { {{Entity|lower}}: {{Entity}}; run: number }>();
  #runCount = 0;
{{/KeepsById}}{{#KeepsRunHistory}}  // Every run's {{Entities|lower}}, newest last; the dashboard reads the latest.
  readonly #runs: {{Entity}}[][] = [];
{{/KeepsRunHistory}}  #eventsThisRun = 0;

  constructor(repository: {{Entity}}Repository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    this.#eventBus = eventBus;
  }

  async {{RunMethod}}(): Promise<{{Due|pascal}}Run> {
    this.#eventsThisRun = 0;
    this.#eventBus.subscribe(() => {
      this.#eventsThisRun += 1;
    });
    const {{Entities|lower}} = await this.#repository.{{QueryMethod}}();
{{#KeepsById}}    this.#runCount += 1;
{{/KeepsById}}    for (const {{Entity|lower}} of {{Entities|lower}}) {
      {{Entity|lower}}.touch('{{Reason}}');
{{#PublishesItself}}      this.#eventBus.publishBatch({{Entity|lower}}.getDomainEvents());
{{/PublishesItself}}{{^KeepsById}}{{^KeepsRunHistory}}      this.#processed{{Entities}}.push({{Entity|lower}});
{{/KeepsRunHistory}}{{/KeepsById}}{{#KeepsById}}      this.#processedById.set({{Entity|lower}}.id, { {{Entity|lower}}, run: this.#runCount });
{{/KeepsById}}    }
{{^KeepsById}}{{^KeepsRunHistory}}    this.#lastRunSize = {{Entities|lower}}.length;
{{/KeepsRunHistory}}{{/KeepsById}}{{#KeepsRunHistory}}    this.#runs.push({{Entities|lower}});
{{/KeepsRunHistory}}    return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}}: this.#eventsThisRun };
  }

  /** Ids of the {{Entities|lower}} the latest run processed (shown on the operations dashboard). */
  get {{IdsGetter}}(): string[] {
{{^KeepsById}}{{^KeepsRunHistory}}    return this.#processed{{Entities}}.slice(this.#processed{{Entities}}.length - this.#lastRunSize).map(({{Entity|lower}}) => {{Entity|lower}}.id);
{{/KeepsRunHistory}}{{/KeepsById}}{{#KeepsById}}    return [...this.#processedById.values()].filter((entry) => entry.run === this.#runCount).map((entry) => entry.{{Entity|lower}}.id);
{{/KeepsById}}{{#KeepsRunHistory}}    return (this.#runs.at(-1) ?? []).map(({{Entity|lower}}) => {{Entity|lower}}.id);
{{/KeepsRunHistory}}  }

  /** How many {{Entity}} objects the service keeps alive (exported as a memory gauge). */
  get {{Gauge}}(): number {
{{^KeepsById}}{{^KeepsRunHistory}}    return this.#processed{{Entities}}.length;
{{/KeepsRunHistory}}{{/KeepsById}}{{#KeepsById}}    return this.#processedById.size;
{{/KeepsById}}{{#KeepsRunHistory}}    // Earlier runs are the dashboard's history, not working memory: only the latest run counts.
    return this.#runs.at(-1)?.length ?? 0;
{{/KeepsRunHistory}}  }
}
