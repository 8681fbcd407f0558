// Visible checks for the Release task: run them while you work; the hidden tests decide.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository, ValidationError } from '@practicum/reference';
import { Release } from '../../starter/src/release.ts';

const clock = (): FixedClock => new FixedClock('2025-09-25T12:00:00Z');

describe('Release (visible checks)', () => {
  it('rejects a version that is not major.minor.patch', () => {
    expect(() => new Release({ id: 'r', version: '2.14', releaseDate: '2025-09-24T16:00:00Z', notes: 'Bulk export and fixes.' }, { clock: clock() })).toThrow(ValidationError);
  });

  it('rejects a release date in the future', () => {
    expect(() => new Release({ id: 'r', version: '2.14.0', releaseDate: '2025-09-26T00:00:00Z', notes: 'Bulk export and fixes.' }, { clock: clock() })).toThrow(ValidationError);
  });

  it('publishes ReleaseCreated on the first save', async () => {
    const c = clock();
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Release>({ eventBus: bus, clock: c });
    await repository.save(new Release({ id: 'r', version: '2.14.0', releaseDate: '2025-09-24T16:00:00Z', notes: 'Bulk export and fixes.' }, { clock: c }));
    expect(bus.published.map((e) => e.type)).toContain('ReleaseCreated');
  });

  it('refuses a direct change to invalid notes in touch() and in save(), storing nothing', async () => {
    const c = clock();
    const repository = new InMemoryRepository<Release>({ eventBus: new InMemoryEventBus(), clock: c });
    const release = new Release({ id: 'r', version: '2.14.0', releaseDate: '2025-09-24T16:00:00Z', notes: 'Bulk export and fixes.' }, { clock: c });
    const updatedAt = release.updatedAt;
    release.notes = '';
    expect(() => release.touch('edited')).toThrow(ValidationError);
    expect(release.updatedAt).toEqual(updatedAt);
    let refused: unknown = null;
    try {
      await repository.save(release);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    expect(repository.size).toBe(0);
  });
});
