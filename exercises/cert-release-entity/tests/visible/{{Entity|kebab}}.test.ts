// Visible checks for the {{Entity}} task: run them while you work; the hidden tests decide.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, ValidationError } from '@practicum/reference';
import { {{Entity}} } from '../../starter/src/{{Entity|kebab}}.ts';

const clock = (): FixedClock => new FixedClock('2025-09-25T12:00:00Z');

describe('{{Entity}} (visible checks)', () => {
  it('rejects a version that is not major.minor.patch', () => {
    expect(() => new {{Entity}}({ id: 'r', {{versionField}}: '2.14', {{dateField}}: '2025-09-24T16:00:00Z', {{notesField}}: 'Bulk export and fixes.' }, { clock: clock() })).toThrow(ValidationError);
  });

  it('rejects a {{date}} in the future', () => {
    expect(() => new {{Entity}}({ id: 'r', {{versionField}}: '2.14.0', {{dateField}}: '2025-09-26T00:00:00Z', {{notesField}}: 'Bulk export and fixes.' }, { clock: clock() })).toThrow(ValidationError);
  });

  it('publishes {{Event}} on the first save', async () => {
    const c = clock();
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<{{Entity}}>({ eventBus: bus, clock: c });
    await repository.save(new {{Entity}}({ id: 'r', {{versionField}}: '2.14.0', {{dateField}}: '2025-09-24T16:00:00Z', {{notesField}}: 'Bulk export and fixes.' }, { clock: c }));
    expect(bus.published.map((e) => e.type)).toContain('{{Event}}');
  });

  it('refuses a direct change to invalid {{notesField}} in touch() and in save(), storing nothing', async () => {
    const c = clock();
    const repository = new InMemoryRepository<{{Entity}}>({ eventBus: new InMemoryEventBus(), clock: c });
    const {{Entity|camel}} = new {{Entity}}({ id: 'r', {{versionField}}: '2.14.0', {{dateField}}: '2025-09-24T16:00:00Z', {{notesField}}: 'Bulk export and fixes.' }, { clock: c });
    const updatedAt = {{Entity|camel}}.updatedAt;
    {{Entity|camel}}.{{notesField}} = '';
    expect(() => {{Entity|camel}}.touch('edited')).toThrow(ValidationError);
    expect({{Entity|camel}}.updatedAt).toEqual(updatedAt);
    let refused: unknown = null;
    try {
      await repository.save({{Entity|camel}});
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    expect(repository.size).toBe(0);
  });
});
