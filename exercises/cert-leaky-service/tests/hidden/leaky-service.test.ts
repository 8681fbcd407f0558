// Hidden suite for the certification troubleshooting task: after any number of daily runs, no
// events are left on the tasks, the service holds no growing list, the bus keeps no stale
// subscriptions (the reported event count stays right), and the runs still do their job.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, TimestampUpdatedEvent, type DomainEvent } from '@practicum/reference';
import { Task, type Recurrence } from '../../starter/src/task.ts';
import { TaskRepository } from '../../starter/src/task-repository.ts';
import { LeakyService } from '../../starter/src/leaky-service.ts';

const START = '2025-09-01T03:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const DAILY = ['d1', 'd2', 'd3'];

interface Worker {
  clock: FixedClock;
  bus: InMemoryEventBus;
  repository: TaskRepository;
  service: LeakyService;
}

async function worker(tasks: readonly (readonly [string, Recurrence])[] = [...DAILY.map((id) => [id, 'daily'] as const), ['w1', 'weekly']]): Promise<Worker> {
  const clock = new FixedClock(START);
  const bus = new InMemoryEventBus();
  const repository = new TaskRepository({ eventBus: bus, clock });
  for (const [id, recurrence] of tasks) await repository.save(new Task({ id, title: `Task ${id}`, recurrence }, { clock }));
  bus.clear();
  clock.advance(DAY);
  return { clock, bus, repository, service: new LeakyService(repository, bus) };
}

async function runDays(w: Worker, days: number): Promise<void> {
  for (let day = 0; day < days; day += 1) {
    await w.service.processDailyTasks();
    w.clock.advance(DAY);
  }
}

function processing(events: readonly DomainEvent[], id: string): TimestampUpdatedEvent[] {
  return events.filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent && e.entityId === id && e.reason === 'daily_processing');
}

describe('LeakyService.processDailyTasks', () => {
  it("publishes one 'daily_processing' update per daily task", async () => {
    const w = await worker();
    await w.service.processDailyTasks();
    for (const id of DAILY) expect(processing(w.bus.published, id), id).toHaveLength(1);
  });

  it("stores the change: each processed task's persisted version is its new updatedAt", async () => {
    const w = await worker();
    await w.service.processDailyTasks();
    for (const task of await w.repository.findByIds(DAILY)) {
      expect(task.updatedAt.getTime(), task.id).toBeGreaterThan(Date.parse(START));
      expect(task.persistedVersion, task.id).toEqual(task.updatedAt);
    }
  });

  it('leaves no pending domain events on the daily tasks after a run', async () => {
    const w = await worker();
    await w.service.processDailyTasks();
    for (const task of await w.repository.findByIds(DAILY)) expect(task.getDomainEvents(), task.id).toHaveLength(0);
  });

  it('leaves no pending domain events after five daily runs, and every run reached the bus', async () => {
    const w = await worker();
    await runDays(w, 5);
    for (const task of await w.repository.findByIds(DAILY)) {
      expect(task.getDomainEvents(), task.id).toHaveLength(0);
      expect(processing(w.bus.published, task.id), task.id).toHaveLength(5);
    }
  });

  it('does not hold on to more tasks as the days go by', async () => {
    const w = await worker();
    await runDays(w, 5);
    expect(w.service.retainedTasks).toBeLessThanOrEqual(DAILY.length);
  });

  it("lists the latest run's daily tasks for the dashboard", async () => {
    const w = await worker();
    await runDays(w, 2);
    await w.repository.save(new Task({ id: 'd4', title: 'Task d4', recurrence: 'daily' }, { clock: w.clock }));
    await w.service.processDailyTasks();
    expect([...w.service.lastRunTaskIds].sort()).toEqual([...DAILY, 'd4']);
  });

  it('reports the events that reached the bus during the run', async () => {
    const w = await worker();
    const before = w.bus.published.length;
    const run = await w.service.processDailyTasks();
    expect(run.processed).toBe(DAILY.length);
    expect(run.eventsPublished).toBeGreaterThanOrEqual(DAILY.length);
    expect(run.eventsPublished).toBe(w.bus.published.length - before);
  });

  it('reports the same number of events on the fifth day as on the first', async () => {
    const w = await worker();
    const first = await w.service.processDailyTasks();
    w.clock.advance(DAY);
    await runDays(w, 3);
    const before = w.bus.published.length;
    const fifth = await w.service.processDailyTasks();
    expect(fifth.eventsPublished).toBe(w.bus.published.length - before);
    expect(fifth.eventsPublished).toBe(first.eventsPublished);
  });

  it('does not touch tasks that are not daily', async () => {
    const w = await worker();
    await runDays(w, 2);
    const weekly = await w.repository.getById('w1');
    expect(weekly.updatedAt).toEqual(new Date(START));
    expect(w.bus.published.some((e) => e.entityId === 'w1')).toBe(false);
  });

  it('a day without daily tasks publishes nothing and reports zero', async () => {
    const w = await worker([['w1', 'weekly']]);
    const run = await w.service.processDailyTasks();
    expect(run).toEqual({ processed: 0, eventsPublished: 0 });
    expect(w.bus.published).toHaveLength(0);
  });
});
