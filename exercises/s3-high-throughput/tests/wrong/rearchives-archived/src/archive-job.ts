// Wrong: stores every ticket of the chunk, already archived ones included, so a re-run stamps and publishes them all again.
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
    const chunkIds = [...new Set(ids.slice(offset, offset + chunkSize))];
    const tickets = await repository.findByIds(chunkIds);
    report.chunks += 1;
    report.missing += chunkIds.length - tickets.length;
    const toArchive = tickets.filter((ticket) => !ticket.isArchived);
    report.skipped += tickets.length - toArchive.length;
    for (const ticket of toArchive) ticket.status = 'archived';
    if (tickets.length > 0) await repository.bulkSave(tickets);
    report.archived += toArchive.length;
  }
  return report;
}
