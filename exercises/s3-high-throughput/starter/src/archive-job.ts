// Nightly job: archives the tickets a retention query selected, often several hundred thousand.
// It runs for hours: every ticket costs a load, a save and a publish of its own.
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
  const report: ArchiveReport = { chunks: Math.ceil(ids.length / chunkSize), archived: 0, skipped: 0, missing: 0 };
  for (const id of ids) {
    const ticket = await repository.findById(id);
    if (ticket === null) {
      report.missing += 1;
    } else if (ticket.isArchived) {
      report.skipped += 1;
    } else {
      ticket.archive();
      await repository.save(ticket);
      report.archived += 1;
    }
  }
  return report;
}
