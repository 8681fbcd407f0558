// Hidden suite for Exercise 2.1, scenario 2: the daily report must cover the UTC day of the given
// instant whatever time zone the server runs in. Each test switches the process's zone (TZ), and
// the report's module is first loaded in a zone far from UTC, so a zone read once at load time
// cannot pass for UTC.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryRepository } from '@practicum/reference';
import { Task, type TaskStatus } from '../../starter/src/task.ts';

// Kathmandu is 5 h 45 min ahead of UTC: no whole-hour shortcut matches it.
process.env['TZ'] = 'Asia/Kathmandu';
const { DailyReportService } = await import('../../starter/src/daily-report.ts');
type DailyReportService = InstanceType<typeof DailyReportService>;

const UPDATES: ReadonlyArray<[id: string, updatedAt: string, status: TaskStatus]> = [
  ['late-sunday', '2025-03-09T23:30:00.000Z', 'todo'],
  ['midnight', '2025-03-10T00:00:00.000Z', 'done'],
  ['early-monday', '2025-03-10T00:30:00.000Z', 'in_progress'],
  ['monday-noon', '2025-03-10T12:00:00.000Z', 'done'],
  ['late-monday', '2025-03-10T23:30:00.000Z', 'todo'],
  ['tuesday-midnight', '2025-03-11T00:00:00.000Z', 'in_progress'],
  ['early-tuesday', '2025-03-11T00:30:00.000Z', 'todo'],
];
const MONDAY_IDS = ['early-monday', 'late-monday', 'midnight', 'monday-noon'];

async function reportService(): Promise<DailyReportService> {
  const clock = new FixedClock('2025-03-12T06:00:00Z');
  const repository = new InMemoryRepository<Task>({ eventBus: new InMemoryEventBus(), clock });
  for (const [id, updatedAt, status] of UPDATES) {
    await repository.save(new Task({ id, title: `Task ${id}`, status }, { clock, createdAt: '2025-03-01T00:00:00Z', updatedAt }));
  }
  return new DailyReportService(repository);
}

// Runs `run` as if the server's time zone were `zone`, then restores the previous zone.
async function inZone<T>(zone: string, run: () => Promise<T>): Promise<T> {
  const previous = process.env['TZ'];
  process.env['TZ'] = zone;
  try {
    if (zone !== 'UTC') {
      expect(new Date('2025-03-10T12:00:00Z').getTimezoneOffset(), `could not switch the process to ${zone}`).not.toBe(0);
    }
    return await run();
  } finally {
    if (previous === undefined) delete process.env['TZ'];
    else process.env['TZ'] = previous;
  }
}

describe('DailyReportService.generateDailyReport', () => {
  it('reports the tasks updated during the UTC day on a server running in UTC', async () => {
    const report = await inZone('UTC', async () => (await reportService()).generateDailyReport(new Date('2025-03-10T12:00:00Z')));
    expect(report.taskIds).toEqual(MONDAY_IDS);
  });

  it('reports the same tasks on a server running in New York', async () => {
    const report = await inZone('America/New_York', async () => (await reportService()).generateDailyReport(new Date('2025-03-10T12:00:00Z')));
    expect(report.taskIds).toEqual(MONDAY_IDS);
  });

  it('reports the same tasks on a server running in Tokyo', async () => {
    const report = await inZone('Asia/Tokyo', async () => (await reportService()).generateDailyReport(new Date('2025-03-10T12:00:00Z')));
    expect(report.taskIds).toEqual(MONDAY_IDS);
  });

  it('covers exactly midnight to midnight UTC on a server running in Tokyo', async () => {
    const report = await inZone('Asia/Tokyo', async () => (await reportService()).generateDailyReport(new Date('2025-03-10T20:00:00Z')));
    expect(report.from.toISOString()).toBe('2025-03-10T00:00:00.000Z');
    expect(report.to.toISOString()).toBe('2025-03-11T00:00:00.000Z');
  });

  it("names the UTC day of the instant, not the server's local day", async () => {
    // 02:00 UTC on 11 March is still the evening of 10 March in New York.
    const report = await inZone('America/New_York', async () => (await reportService()).generateDailyReport(new Date('2025-03-11T02:00:00Z')));
    expect(report.day).toBe('2025-03-11');
    expect(report.taskIds).toEqual(['early-tuesday', 'tuesday-midnight']);
  });

  it('counts the reported tasks by status on a server running in Berlin', async () => {
    const report = await inZone('Europe/Berlin', async () => (await reportService()).generateDailyReport(new Date('2025-03-10T12:00:00Z')));
    expect(report.day).toBe('2025-03-10');
    expect(report.byStatus).toEqual({ todo: 1, in_progress: 1, done: 2 });
  });

  it('reports the UTC day of instants just after and just before midnight UTC on servers in five zones', async () => {
    const cases: ReadonlyArray<[instant: string, day: string]> = [
      ['2025-03-10T00:00:00.000Z', '2025-03-10'],
      ['2025-03-10T00:30:00.000Z', '2025-03-10'],
      ['2025-03-10T23:59:59.999Z', '2025-03-10'],
      // New York moves its clocks forward at 07:00 UTC on 9 March: the UTC day is 24 hours all the same
      ['2025-03-09T07:30:00.000Z', '2025-03-09'],
    ];
    for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin', 'America/Los_Angeles']) {
      for (const [instant, day] of cases) {
        const report = await inZone(zone, async () => (await reportService()).generateDailyReport(new Date(instant)));
        const where = `${instant} in ${zone}`;
        expect(report.day, where).toBe(day);
        expect(report.from.toISOString(), where).toBe(`${day}T00:00:00.000Z`);
        expect(report.to.getTime() - report.from.getTime(), where).toBe(24 * 60 * 60 * 1000);
      }
    }
  });

  it('reports a day without updates as empty, with every status at zero', async () => {
    const report = await inZone('Asia/Tokyo', async () => (await reportService()).generateDailyReport(new Date('2025-03-05T12:00:00Z')));
    expect(report.day).toBe('2025-03-05');
    expect(report.taskIds).toEqual([]);
    expect(report.byStatus).toEqual({ todo: 0, in_progress: 0, done: 0 });
  });

  it('reports each day on its own when one service reports several: counts never carry over from an earlier report', async () => {
    await inZone('Europe/Berlin', async () => {
      const service = await reportService();
      const monday = await service.generateDailyReport(new Date('2025-03-10T12:00:00Z'));
      const tuesday = await service.generateDailyReport(new Date('2025-03-11T12:00:00Z'));
      const mondayAgain = await service.generateDailyReport(new Date('2025-03-10T18:00:00Z'));
      expect(tuesday.taskIds).toEqual(['early-tuesday', 'tuesday-midnight']);
      expect(tuesday.byStatus).toEqual({ todo: 1, in_progress: 1, done: 0 });
      expect(mondayAgain.byStatus).toEqual({ todo: 1, in_progress: 1, done: 2 });
      expect(monday.byStatus, 'the first report, after two more were made').toEqual({ todo: 1, in_progress: 1, done: 2 });
    });
  });

  it('reads the tasks afresh for every report: an update stored after an earlier report of the same day is included', async () => {
    await inZone('UTC', async () => {
      const clock = new FixedClock('2025-03-10T12:00:00Z');
      const repository = new InMemoryRepository<Task>({ eventBus: new InMemoryEventBus(), clock });
      await repository.save(new Task({ id: 'morning', title: 'Task morning', status: 'done' }, { clock, createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-10T08:00:00Z' }));
      const service = new DailyReportService(repository);
      expect((await service.generateDailyReport(new Date('2025-03-10T12:00:00Z'))).taskIds).toEqual(['morning']);
      await repository.save(new Task({ id: 'afternoon', title: 'Task afternoon', status: 'todo' }, { clock, createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-10T15:00:00Z' }));
      const evening = await service.generateDailyReport(new Date('2025-03-10T20:00:00Z'));
      expect(evening.taskIds).toEqual(['afternoon', 'morning']);
      expect(evening.byStatus).toEqual({ todo: 1, in_progress: 0, done: 1 });
    });
  });

  it('leaves the date it is given unchanged', async () => {
    const date = new Date('2025-03-10T15:45:00Z');
    await inZone('America/New_York', async () => (await reportService()).generateDailyReport(date));
    expect(date.toISOString()).toBe('2025-03-10T15:45:00.000Z');
  });

  it('includes a task updated exactly at midnight UTC and excludes the next midnight in Los Angeles', async () => {
    const report = await inZone('America/Los_Angeles', async () => (await reportService()).generateDailyReport(new Date('2025-03-10T12:00:00Z')));
    expect(report.taskIds).toContain('midnight');
    expect(report.taskIds).not.toContain('tuesday-midnight');
  });
});
