// Nightly job: archives the tickets a retention query selected, often several hundred thousand.
// The ids are processed in chunks; each chunk is one findByIds and (when anything changes) one
// bulkSave, which stamps the chunk with one instant, writes it once and publishes it with one
// publishBatch. Memory holds one chunk at a time, and a re-run only touches what is left.
import type { TimestampRepository } from '@practicum/reference';
import type { Ticket } from './ticket.ts';

export const DEFAULT_CHUNK_SIZE = 500;

export interface ArchiveReport {
  /** Chunks the ids were split into. */
  chunks: number;
  /** Tickets archived by this run. */
  archived: number;
  /** Tickets that were already archived (left alone). */
  skipped: number;
  /** Ids that matched no ticket. */
  missing: number;
}

export async function archiveTickets(
  repository: TimestampRepository<Ticket>,
  ids: readonly string[],
  chunkSize: number = DEFAULT_CHUNK_SIZE,
): Promise<ArchiveReport> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a whole number of at least 1, got ${chunkSize}`);
  }
  const report: ArchiveReport = { chunks: 0, archived: 0, skipped: 0, missing: 0 };
  for (let offset = 0; offset < ids.length; offset += chunkSize) {
    // An id listed twice in one chunk is loaded and counted once.
    const chunkIds = [...new Set(ids.slice(offset, offset + chunkSize))];
    const tickets = await repository.findByIds(chunkIds);
    report.chunks += 1;
    report.missing += chunkIds.length - tickets.length;
    const toArchive = tickets.filter((ticket) => !ticket.isArchived);
    report.skipped += tickets.length - toArchive.length;
    if (toArchive.length === 0) continue; // idempotent: a replayed chunk writes and publishes nothing
    // bulkSave stamps and records the update itself; setting the status directly avoids a
    // second, per-ticket touch() event for the same change.
    for (const ticket of toArchive) ticket.status = 'archived';
    await repository.bulkSave(toArchive);
    report.archived += toArchive.length;
  }
  return report;
}
