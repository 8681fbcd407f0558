// Visible check for the certification optimisation task: count the round trips of one update.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { {{Entity}}{{#OwnRepository}}, {{Repository}}{{/OwnRepository}} } from '../../starter/src/{{Entity|kebab}}.ts';
import { {{Service}} } from '../../starter/src/{{Service|kebab}}.ts';

describe('{{Service}} (visible check)', () => {
  it('does not load, save or publish {{Entity|lower}} by {{Entity|lower}}', async () => {
    const clock = new FixedClock('2025-09-25T09:00:00Z');
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<{{Entity}}>({ eventBus: bus, clock });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await repository.bulkSave(ids.map((id) => new {{Entity}}({ id, {{NameField}}: `{{Entity}} ${id}` }, { clock })));
    const before = { ...repository.stats, publishCalls: bus.publishCalls };

    await new {{Service}}({{#OwnRepository}}new {{Repository}}(repository){{/OwnRepository}}{{^OwnRepository}}repository{{/OwnRepository}}).{{Method}}(ids, '{{Target}}');

    expect(repository.stats.findById - before.findById).toBe(0);
    expect(repository.stats.save - before.save).toBe(0);
    expect(bus.publishCalls - before.publishCalls).toBe(0);
  });
});
