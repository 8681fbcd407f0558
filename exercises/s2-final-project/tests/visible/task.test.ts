// Visible checks for the Session-2 assignment: one per area; the hidden suite covers every rule and
// every monitoring signal. Submitting (and Run tests on the server) also runs your own tests and
// measures their coverage, and checks your README.
import { describe, it, expect } from 'vitest';
import { FixedClock, InMemoryEventBus, InMemoryMetrics, InMemoryRepository, ValidationError } from '@practicum/reference';
import { Task, type TaskLookup, type TeamDirectory } from '../../starter/src/task.ts';
import { TaskService } from '../../starter/src/task-service.ts';

const directory: TeamDirectory = { isSeniorDeveloper: (userId) => userId === 'ana' };

function make(id: string, clock = new FixedClock('2025-06-02T09:00:00Z')): Task {
  return new Task({ id, projectId: 'proj-1', title: `Task ${id}` }, { clock, directory });
}

describe('Task (visible checks)', () => {
  it('rejects a priority outside 1 to 5', () => {
    const clock = new FixedClock('2025-06-02T09:00:00Z');
    expect(() => new Task({ id: 't1', projectId: 'proj-1', title: 'Ship', priority: 6 }, { clock, directory })).toThrow(ValidationError);
  });

  it('rejects a due date in the past', () => {
    const clock = new FixedClock('2025-06-02T09:00:00Z');
    expect(() => new Task({ id: 't1', projectId: 'proj-1', title: 'Ship', dueDate: '2025-06-01T00:00:00Z' }, { clock, directory })).toThrow(ValidationError);
  });

  it('refuses a dependency cycle', () => {
    const a = make('a');
    const b = make('b');
    const byId = new Map([[a.id, a], [b.id, b]]);
    const lookup: TaskLookup = (id) => byId.get(id);
    a.addDependency(b, lookup);
    expect(() => b.addDependency(a, lookup)).toThrow(ValidationError);
  });

  it('refuses a direct change to an invalid priority when the task is touched', () => {
    const clock = new FixedClock('2025-06-02T09:00:00Z');
    const task = make('t1', clock);
    clock.advance(60_000);
    task.priority = 9;
    expect(() => task.touch('priority_changed')).toThrow(ValidationError);
    expect(task.updatedAt).toEqual(new Date('2025-06-02T09:00:00Z'));
  });
});

describe('TaskService (visible checks)', () => {
  it("times a new task as operation 'create' and saves it", async () => {
    const clock = new FixedClock('2025-06-02T09:00:00Z');
    const metrics = new InMemoryMetrics();
    const bus = new InMemoryEventBus();
    const service = new TaskService(new InMemoryRepository<Task>({ eventBus: bus, clock }), metrics);
    await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, { clock, directory });
    expect(metrics.readings.filter((r) => r.name === 'timestamp.operation_ms').map((r) => r.tags)).toEqual([{ operation: 'create', entity_type: 'Task' }]);
    expect(bus.published).toHaveLength(1);
  });
});
