// Visible reproduction for Exercise 2.1, scenario 2: the same report, generated on a UTC server
// and on a server in New York. Both must list the same tasks.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Task } from '../../starter/src/task.ts';
import { DailyReportService } from '../../starter/src/daily-report.ts';

async function reportIn(zone: string): Promise<string[]> {
  const previous = process.env['TZ'];
  process.env['TZ'] = zone;
  try {
    const clock = new FixedClock('2025-03-12T06:00:00Z');
    const repository = new InMemoryRepository<Task>({ eventBus: new InMemoryEventBus(), clock });
    const stamps = { clock, createdAt: '2025-03-01T00:00:00Z' };
    await repository.save(new Task({ id: 'early-monday', title: 'Close the books' }, { ...stamps, updatedAt: '2025-03-10T00:30:00Z' }));
    await repository.save(new Task({ id: 'monday-noon', title: 'Pay suppliers' }, { ...stamps, updatedAt: '2025-03-10T12:00:00Z' }));
    const report = await new DailyReportService(repository).generateDailyReport(new Date('2025-03-10T12:00:00Z'));
    return report.taskIds;
  } finally {
    if (previous === undefined) delete process.env['TZ'];
    else process.env['TZ'] = previous;
  }
}

describe('DailyReportService (visible reproduction)', () => {
  it('lists both Monday tasks on a UTC server', async () => {
    expect(await reportIn('UTC')).toEqual(['early-monday', 'monday-noon']);
  });

  it('lists both Monday tasks on a server in New York', async () => {
    expect(await reportIn('America/New_York')).toEqual(['early-monday', 'monday-noon']);
  });
});
