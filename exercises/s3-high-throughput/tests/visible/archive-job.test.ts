// Visible check for the archive job: count the round trips of one run.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Ticket } from '../../starter/src/ticket.ts';
import { archiveTickets } from '../../starter/src/archive-job.ts';

describe('archiveTickets (visible check)', () => {
  it('loads and saves a chunk at a time, not a ticket at a time', async () => {
    const clock = new FixedClock('2025-06-02T01:00:00Z');
    const repository = new InMemoryRepository<Ticket>({ eventBus: new InMemoryEventBus(), clock });
    const ids = Array.from({ length: 10 }, (_, i) => `T-${i + 1}`);
    await repository.bulkSave(ids.map((id) => new Ticket({ id, subject: `Ticket ${id}` }, { clock })));
    const before = { ...repository.stats };

    await archiveTickets(repository, ids, 5);

    expect(repository.stats.findByIds - before.findByIds).toBe(2);
    expect(repository.stats.bulkSave - before.bulkSave).toBe(2);
    expect(repository.stats.findById - before.findById).toBe(0);
  });
});
