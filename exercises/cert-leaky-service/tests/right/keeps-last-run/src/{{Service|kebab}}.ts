// Right (another correct way): keeps the latest run's {{Entity}} objects (honest gauge), saves {{Entity|lower}} by {{Entity|lower}} in
// parallel, and one permanent subscription that counts only while a run is working.
import type { SubscribableEventBus } from './event-bus.ts';
import type { {{Entity}} } from './{{Entity|kebab}}.ts';
import type { {{Entity}}Repository } from './{{Entity|kebab}}-repository.ts';

export interface {{Due|pascal}}Run {
  {{ProcessedField}}: number;
  {{EventsField}}: number;
}

export class {{Service}} {
  readonly #repository: {{Entity}}Repository;
  #lastRun: {{Entity}}[] = [];
  #running = false;
  #count = 0;

  constructor(repository: {{Entity}}Repository, eventBus: SubscribableEventBus) {
    this.#repository = repository;
    eventBus.subscribe(() => {
      if (this.#running) this.#count += 1;
    });
  }

  async {{RunMethod}}(): Promise<{{Due|pascal}}Run> {
    this.#running = true;
    this.#count = 0;
    this.#lastRun = [];
    try {
      const {{Entities|lower}} = await this.#repository.{{QueryMethod}}();
      for (const {{Entity|lower}} of {{Entities|lower}}) {{Entity|lower}}.touch('{{Reason}}');
      await Promise.all({{Entities|lower}}.map(({{Entity|lower}}) => this.#repository.save({{Entity|lower}})));
      this.#lastRun = {{Entities|lower}};
      return { {{ProcessedField}}: {{Entities|lower}}.length, {{EventsField}}: this.#count };
    } finally {
      this.#running = false;
    }
  }

  get {{IdsGetter}}(): string[] {
    return this.#lastRun.map(({{Entity|lower}}) => {{Entity|lower}}.id);
  }

  get {{Gauge}}(): number {
    return this.#lastRun.length;
  }
}
