// A learner's happy-path tests: every command works once, no rule is tried at its edges, no
// refused change is checked, and one service test says that creating a task is timed. The code is
// right; the tests leave most of its rules unexercised.
import { describe, expect, it } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryMetrics, InMemoryRepository } from '@practicum/reference';
import { Task, type TeamDirectory } from './task.ts';
import { TaskService } from './task-service.ts';

const directory: TeamDirectory = { isSeniorDeveloper: (userId) => userId === 'ana' };
const clock = new FixedClock('2025-06-02T09:00:00Z');

describe('Task', () => {
  it('starts in todo with priority 3', () => {
    const task = new Task({ id: 't1', projectId: 'proj-1', title: 'Ship' }, { clock, directory });
    expect(task.status).toBe('todo');
    expect(task.priority).toBe(3);
  });

  it('can be assigned', () => {
    const task = new Task({ id: 't1', projectId: 'proj-1', title: 'Ship' }, { clock, directory });
    task.assign('bob');
    expect(task.assigneeId).toBe('bob');
  });

  it('can be started', () => {
    const task = new Task({ id: 't1', projectId: 'proj-1', title: 'Ship' }, { clock, directory });
    task.start();
    expect(task.status).toBe('in_progress');
  });
});

describe('TaskService', () => {
  it('times the creation of a task', async () => {
    const clock = new FixedClock('2025-06-02T09:00:00Z');
    const metrics = new InMemoryMetrics();
    const service = new TaskService(new InMemoryRepository<Task>({ eventBus: new InMemoryEventBus(), clock }), metrics);
    await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, { clock, directory });
    expect(metrics.values('timestamp.operation_ms')).toHaveLength(1);
  });
});
