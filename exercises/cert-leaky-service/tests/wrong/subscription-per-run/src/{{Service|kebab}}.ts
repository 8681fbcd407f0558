// Wrong: every run subscribes a fresh counter to the bus and never unsubscribes it (the reported count stays right, the handlers pile up).
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
    const counter = { events: 0, open: true };
    this.#eventBus.subscribe(() => {
      if (counter.open) counter.events += 1;
    });
    const {{Entities|lower}} = await this.#repository.{{QueryMethod}}();
    for (const {{Entity|lower}} of {{Entities|lower}}) {{Entity|lower}}.touch('{{Reason}}');
    if ({{Entities|lower}}.length > 0) await this.#repository.bulkSave({{Entities|lower}});
    this.#{{IdsGetter}} = {{Entities|lower}}.map(({{Entity|lower}}) => {{Entity|lower}}.id);
    counter.open = false;
    return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}}: counter.events };
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
