// Tests of the Task entity and of TaskService. The entity: one describe block per command, one test
// per rule at its edges, time always from a FixedClock; a refused change must leave the task exactly
// as it was. The service: what each command stores and publishes, and what it reports to the metrics
// sink (InMemoryMetrics stands in for the production client).
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryMetrics,
  InMemoryRepository,
  NaiveDateError,
  NotFoundError,
  TimestampCreatedEvent,
  TimestampUpdatedEvent,
  ValidationError,
  type MonitorOptions,
} from '@practicum/reference';
import { Task, type TaskLookup, type TaskProps, type TeamDirectory } from './task.ts';
import { ENTITY_TYPE, TaskService } from './task-service.ts';

const NOW = '2025-06-02T09:00:00Z';
const directory: TeamDirectory = { isSeniorDeveloper: (userId) => userId === 'ana' };

function setup() {
  const clock = new FixedClock(NOW);
  const make = (props: Partial<TaskProps> & { id: string }): Task => new Task({ projectId: 'proj-1', title: `Task ${props.id}`, ...props }, { clock, directory });
  return { clock, make };
}

const lookupOf = (...tasks: Task[]): TaskLookup => {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return (id) => byId.get(id);
};

const reasons = (task: Task): string[] =>
  task.getDomainEvents().flatMap((e) => (e instanceof TimestampUpdatedEvent ? [e.reason] : []));

function fieldOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('expected a ValidationError');
}

describe('creating a task', () => {
  it('starts in todo with priority 3 and no assignee, due date or dependencies', () => {
    const task = setup().make({ id: 't1' });
    expect([task.status, task.priority, task.assigneeId, task.dueDate, task.dependencyIds]).toEqual(['todo', 3, undefined, undefined, []]);
    expect(task.entityId).toBe('t1');
    expect(task.createdAt).toEqual(new Date(NOW));
  });

  it('requires a project and a title of 1 to 200 characters', () => {
    const { make } = setup();
    expect(fieldOf(() => make({ id: 't1', projectId: ' ' }))).toBe('projectId');
    expect(fieldOf(() => make({ id: 't1', title: '   ' }))).toBe('title');
    expect(fieldOf(() => make({ id: 't1', title: 'x'.repeat(201) }))).toBe('title');
    expect(make({ id: 't1', title: 'x'.repeat(200) }).title).toHaveLength(200);
  });

  it('accepts priorities 1 to 5 and rejects 0, 6 and 2.5', () => {
    const { make } = setup();
    for (const priority of [1, 5]) expect(make({ id: 't1', priority }).priority).toBe(priority);
    for (const priority of [0, 6, 2.5]) expect(fieldOf(() => make({ id: 't1', priority }))).toBe('priority');
  });

  it('lets a critical task be unassigned or held by a senior, never by a junior', () => {
    const { make } = setup();
    expect(make({ id: 't1', priority: 5 }).assigneeId).toBeUndefined();
    expect(make({ id: 't1', priority: 5, assigneeId: 'ana' }).assigneeId).toBe('ana');
    expect(fieldOf(() => make({ id: 't1', priority: 5, assigneeId: 'bob' }))).toBe('assigneeId');
  });

  it('rejects self-referencing or duplicate dependency ids', () => {
    const { make } = setup();
    expect(fieldOf(() => make({ id: 't1', dependencyIds: ['t1'] }))).toBe('dependencies');
    expect(fieldOf(() => make({ id: 't1', dependencyIds: ['t2', 't2'] }))).toBe('dependencies');
  });

  it('rebuilds a stored task with its status, priority, dependencies and a due date that has passed', () => {
    const clock = new FixedClock(NOW);
    const stored = new Task(
      { id: 't1', projectId: 'proj-1', title: 'Old', status: 'in_progress', priority: 2, dependencyIds: ['t0'], dueDate: '2025-06-01T00:00:00+02:00' },
      { clock, directory, createdAt: '2025-05-01T00:00:00Z', updatedAt: '2025-05-02T00:00:00Z' },
    );
    expect([stored.status, stored.priority, stored.dependencyIds]).toEqual(['in_progress', 2, ['t0']]);
    expect(stored.dueDate).toEqual(new Date('2025-05-31T22:00:00Z'));
    expect(stored.isOverdue).toBe(true);
  });
});

describe('due dates', () => {
  it('refuses a zone-less due date and one in the past for a new task; now itself is fine', () => {
    const { make } = setup();
    expect(() => make({ id: 't1', dueDate: '2025-06-10T09:00:00' })).toThrow(NaiveDateError);
    expect(fieldOf(() => make({ id: 't1', dueDate: '2025-06-02T08:59:59Z' }))).toBe('dueDate');
    expect(make({ id: 't1', dueDate: NOW }).isOverdue).toBe(false);
  });

  it('reschedules, clears with undefined, and refuses the past without changing anything', () => {
    const { make, clock } = setup();
    const task = make({ id: 't1', dueDate: '2025-06-05T00:00:00Z' });
    clock.advance(1000);
    task.reschedule('2025-06-09T00:00:00Z');
    expect(task.dueDate).toEqual(new Date('2025-06-09T00:00:00Z'));
    expect(fieldOf(() => task.reschedule('2025-06-01T00:00:00Z'))).toBe('dueDate');
    expect(task.dueDate).toEqual(new Date('2025-06-09T00:00:00Z'));
    task.reschedule(undefined);
    expect(task.dueDate).toBeUndefined();
    expect(reasons(task)).toEqual(['due_date_changed', 'due_date_changed']);
  });

  it('is overdue only with a due date that has passed while the task is not done', () => {
    const { make, clock } = setup();
    const none = make({ id: 'a' });
    const later = make({ id: 'b', dueDate: '2025-06-03T00:00:00Z' });
    const passed = make({ id: 'c', dueDate: '2025-06-02T10:00:00Z' });
    clock.advance(2 * 60 * 60 * 1000);
    expect([none.isOverdue, later.isOverdue, passed.isOverdue]).toEqual([false, false, true]);
    passed.complete(lookupOf());
    expect(passed.isOverdue).toBe(false);
  });
});

describe('assignment and priority', () => {
  it("assigns anyone to normal work with 'assignee_changed'", () => {
    const task = setup().make({ id: 't1' });
    task.assign('bob');
    expect(task.assigneeId).toBe('bob');
    expect(reasons(task)).toEqual(['assignee_changed']);
  });

  it('refuses a junior on critical work, either way round, and keeps the task as it was', () => {
    const { make } = setup();
    const critical = make({ id: 't1', priority: 5 });
    expect(fieldOf(() => critical.assign('bob'))).toBe('assigneeId');
    expect(critical.assigneeId).toBeUndefined();
    const juniors = make({ id: 't2', assigneeId: 'bob' });
    expect(fieldOf(() => juniors.changePriority(5))).toBe('assigneeId');
    expect(juniors.priority).toBe(3);
    expect(reasons(critical).concat(reasons(juniors))).toEqual([]);
  });

  it("changes the priority with 'priority_changed' and refuses 6", () => {
    const task = setup().make({ id: 't1' });
    task.changePriority(1);
    expect(fieldOf(() => task.changePriority(6))).toBe('priority');
    expect(task.priority).toBe(1);
    expect(reasons(task)).toEqual(['priority_changed']);
  });
});

describe('dependencies', () => {
  it("adds a dependency once, with 'dependency_added'", () => {
    const { make } = setup();
    const a = make({ id: 'a' });
    const b = make({ id: 'b' });
    a.addDependency(b, lookupOf(a, b));
    a.addDependency(b, lookupOf(a, b));
    expect(a.dependencyIds).toEqual(['b']);
    expect(reasons(a)).toEqual(['dependency_added']);
  });

  it('refuses the task itself and a task of another project', () => {
    const { make } = setup();
    const a = make({ id: 'a' });
    expect(fieldOf(() => a.addDependency(a, lookupOf(a)))).toBe('dependencies');
    const other = make({ id: 'x', projectId: 'proj-2' });
    expect(fieldOf(() => a.addDependency(other, lookupOf(a, other)))).toBe('dependencies');
  });

  it('refuses direct and indirect cycles, and allows a diamond', () => {
    const { make } = setup();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => make({ id })) as [Task, Task, Task, Task];
    const lookup = lookupOf(a, b, c, d);
    a.addDependency(b, lookup);
    a.addDependency(c, lookup);
    b.addDependency(d, lookup);
    c.addDependency(d, lookup);
    expect(fieldOf(() => b.addDependency(a, lookup))).toBe('dependencies');
    expect(fieldOf(() => d.addDependency(a, lookup))).toBe('dependencies');
    // a task the lookup does not know ends that path of the walk
    const e = make({ id: 'e', dependencyIds: ['gone'] });
    d.addDependency(e, lookup);
    expect(d.dependencyIds).toEqual(['e']);
  });

  it("removes a dependency with 'dependency_removed' and ignores unknown ids", () => {
    const task = setup().make({ id: 'a', dependencyIds: ['b'] });
    task.removeDependency('zzz');
    task.removeDependency('b');
    expect(task.dependencyIds).toEqual([]);
    expect(reasons(task)).toEqual(['dependency_removed']);
  });
});

describe('status', () => {
  it("starts a todo task and completes it once every dependency is done, with 'status_changed'", () => {
    const { make } = setup();
    const dep = make({ id: 'dep' });
    const task = make({ id: 't1', dependencyIds: ['dep'] });
    task.start();
    expect(fieldOf(() => task.complete(lookupOf(dep)))).toBe('status');
    expect(fieldOf(() => task.complete(lookupOf()))).toBe('status');
    dep.complete(lookupOf());
    task.complete(lookupOf(dep));
    expect(task.status).toBe('done');
    expect(reasons(task)).toEqual(['status_changed', 'status_changed']);
  });

  it('does not start a task twice, nor start or complete a done task', () => {
    const task = setup().make({ id: 't1' });
    task.start();
    expect(fieldOf(() => task.start())).toBe('status');
    task.complete(lookupOf());
    expect(fieldOf(() => task.start())).toBe('status');
    expect(fieldOf(() => task.complete(lookupOf()))).toBe('status');
  });
});

describe('every change goes through touch()', () => {
  it('each change method is refused while another rule is broken, and leaves the task as it was', () => {
    const { make, clock } = setup();
    const dep = make({ id: 'dep' });
    const changes: [string, (t: Task) => void][] = [
      ['assign', (t) => t.assign('bob')],
      ['changePriority', (t) => t.changePriority(2)],
      ['reschedule', (t) => t.reschedule('2025-06-09T00:00:00Z')],
      ['addDependency', (t) => t.addDependency(dep, lookupOf(dep, t))],
      ['removeDependency', (t) => t.removeDependency('old')],
      ['start', (t) => t.start()],
      ['complete', (t) => t.complete(lookupOf())],
    ];
    for (const [name, change] of changes) {
      const task = make({ id: `t-${name}`, dependencyIds: name === 'complete' ? [] : ['old'] });
      clock.advance(1000);
      task.title = '';
      const before = { status: task.status, priority: task.priority, assigneeId: task.assigneeId, dueDate: task.dueDate, deps: task.dependencyIds, updatedAt: task.updatedAt };
      expect(fieldOf(() => change(task)), name).toBe('title');
      expect({ status: task.status, priority: task.priority, assigneeId: task.assigneeId, dueDate: task.dueDate, deps: task.dependencyIds, updatedAt: task.updatedAt }, name).toEqual(before);
      expect(reasons(task), name).toEqual([]);
    }
  });
});

describe('saving', () => {
  it('publishes TimestampCreated on the first save and the recorded change after', async () => {
    const clock = new FixedClock(NOW);
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
    const task = new Task({ id: 't1', projectId: 'proj-1', title: 'Ship' }, { clock, directory });
    await repository.save(task);
    clock.advance(1000);
    task.assign('bob');
    await repository.save(task);
    expect(bus.published.map((e) => e.constructor)).toEqual([TimestampCreatedEvent, TimestampUpdatedEvent]);
  });
});

function serviceSetup(options?: MonitorOptions) {
  const clock = new FixedClock('2025-06-02T09:00:00Z');
  const bus = new InMemoryEventBus();
  const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
  const metrics = new InMemoryMetrics();
  const service = options ? new TaskService(repository, metrics, options) : new TaskService(repository, metrics);
  return { clock, bus, repository, metrics, service, init: { clock, directory } };
}

const refusals = (metrics: InMemoryMetrics): Record<string, string>[] => metrics.readings.filter((r) => r.name === 'timestamp.validation_error').map((r) => r.tags);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('TaskService.create', () => {
  it('stores the task and times it as create', async () => {
    const { service, repository, metrics, bus, init } = serviceSetup();
    const task = await service.create({ id: 't1', projectId: 'p1', title: 'Ship' }, init);
    expect(await repository.findById('t1')).toBe(task);
    expect(bus.published).toHaveLength(1);
    expect(metrics.readings.map((r) => [r.name, r.tags])).toEqual([['timestamp.operation_ms', { operation: 'create', entity_type: ENTITY_TYPE }]]);
  });

  it('counts an invalid task by field and stores nothing', async () => {
    const { service, repository, metrics, init } = serviceSetup();
    expect(await rejection(service.create({ id: 't1', projectId: 'p1', title: '' }, init))).toBeInstanceOf(ValidationError);
    expect(refusals(metrics)).toEqual([{ entity_type: 'Task', field: 'title' }]);
    expect(repository.size).toBe(0);
  });
});

describe('TaskService.update', () => {
  it('saves an accepted change and times it under its operation', async () => {
    const { service, metrics, bus, clock, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'p1', title: 'Ship' }, init);
    clock.advance(1000);
    const task = await service.update('t1', 'assign', (t) => t.assign('bob'));
    expect(task.assigneeId).toBe('bob');
    expect(bus.published).toHaveLength(2);
    expect(metrics.readings.map((r) => r.tags['operation'])).toEqual(['create', 'assign']);
  });

  it('counts a refused change by field, rethrows it and saves nothing', async () => {
    const { service, metrics, repository, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'p1', title: 'Ship' }, init);
    const saves = repository.stats.save;
    expect(await rejection(service.update('t1', 'reprioritise', (t) => t.changePriority(0)))).toBeInstanceOf(ValidationError);
    expect(repository.stats.save).toBe(saves);
    expect(refusals(metrics)).toEqual([{ entity_type: 'Task', field: 'priority' }]);
  });

  it('counts an error that is not a ValidationError as field unknown', async () => {
    const { service, metrics, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'p1', title: 'Ship' }, init);
    const boom = new Error('boom');
    expect(
      await rejection(
        service.update('t1', 'complete', () => {
          throw boom;
        }),
      ),
    ).toBe(boom);
    expect(refusals(metrics)).toEqual([{ entity_type: 'Task', field: 'unknown' }]);
  });

  it('throws NotFoundError for a task that is not stored', async () => {
    const { service } = serviceSetup();
    expect(await rejection(service.update('nope', 'start', (t) => t.start()))).toBeInstanceOf(NotFoundError);
  });
});

describe('slow operations', () => {
  it('counts a command slower than slowMs, and not a fast one', async () => {
    let t = 0;
    const slow = serviceSetup({ slowMs: 10, now: () => (t += 50) });
    await slow.service.create({ id: 't1', projectId: 'p1', title: 'Ship' }, slow.init);
    expect(slow.metrics.count('timestamp.slow_operation')).toBe(1);
    const fast = serviceSetup({ slowMs: 10, now: () => 0 });
    await fast.service.create({ id: 't1', projectId: 'p1', title: 'Ship' }, fast.init);
    expect(fast.metrics.count('timestamp.slow_operation')).toBe(0);
  });
});
