// Visible reproduction for the certification troubleshooting task: run it to watch things grow.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus } from '@practicum/reference';
import { {{Entity}} } from '../../starter/src/{{Entity|kebab}}.ts';
import { {{Entity}}Repository } from '../../starter/src/{{Entity|kebab}}-repository.ts';
import { {{Service}} } from '../../starter/src/{{Service|kebab}}.ts';

describe('{{Service}} (visible reproduction)', () => {
  it('leaves nothing behind after three daily runs', async () => {
    const clock = new FixedClock('2025-09-01T03:00:00Z');
    const bus = new InMemoryEventBus();
    const repository = new {{Entity}}Repository({ eventBus: bus, clock });
    await repository.save(new {{Entity}}({ id: 'd1', {{TextField}}: '{{SampleText}}', {{CycleField}}: '{{Due}}' }, { clock }));
    const service = new {{Service}}(repository, bus);

    for (let day = 0; day < 3; day += 1) {
      clock.advance(24 * 60 * 60 * 1000);
      await service.{{RunMethod}}();
    }

    expect((await repository.getById('d1')).getDomainEvents()).toHaveLength(0);
    expect(service.{{Gauge}}).toBeLessThanOrEqual(1);
  });
});
