// Hidden suite for the Session-2 assignment: the Task entity's relationships (project, assignee,
// dependencies) and business rules (priority, critical work, due dates, cycles, completion).
import { describe, it, expect } from 'vitest';
import {
  FixedClock,
  InMemoryEventBus,
  InMemoryRepository,
  NaiveDateError,
  TimestampUpdatedEvent,
  ValidationError,
} from '@practicum/reference';
import { Task, type TaskLookup, type TaskProps, type TeamDirectory } from '../../starter/src/task.ts';

const NOW = '2025-06-02T09:00:00Z';
const directory: TeamDirectory = { isSeniorDeveloper: (userId) => userId === 'ana' };

function setup(): { clock: FixedClock; make: (props: Partial<TaskProps> & { id: string }) => Task } {
  const clock = new FixedClock(NOW);
  const make = (props: Partial<TaskProps> & { id: string }): Task =>
    new Task({ projectId: 'proj-1', title: `Task ${props.id}`, ...props }, { clock, directory });
  return { clock, make };
}

function lookupOf(...tasks: Task[]): TaskLookup {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return (taskId) => byId.get(taskId);
}

function reasons(task: Task): string[] {
  return task
    .getDomainEvents()
    .filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent)
    .map((e) => e.reason);
}

function rejectedField(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

describe('1. Creating a task', () => {
  it('starts in todo with priority 3, no assignee, no due date and no dependencies', () => {
    const task = setup().make({ id: 't1' });
    expect(task.status).toBe('todo');
    expect(task.priority).toBe(3);
    expect(task.assigneeId).toBeUndefined();
    expect(task.dueDate).toBeUndefined();
    expect(task.dependencyIds).toEqual([]);
  });

  it('takes createdAt and updatedAt from the clock and uses its id as the entity id', () => {
    const task = setup().make({ id: 't1' });
    expect(task.createdAt).toEqual(new Date(NOW));
    expect(task.updatedAt).toEqual(new Date(NOW));
    expect(task.entityId).toBe('t1');
  });

  it('requires a project', () => {
    expect(rejectedField(() => setup().make({ id: 't1', projectId: '' }))).toBe('projectId');
  });

  it('requires a title that is not blank and at most 200 characters', () => {
    const { make } = setup();
    expect(rejectedField(() => make({ id: 't1', title: '  ' }))).toBe('title');
    expect(rejectedField(() => make({ id: 't1', title: 'x'.repeat(201) }))).toBe('title');
    expect(make({ id: 't1', title: 'x'.repeat(200) }).title).toHaveLength(200);
  });

  it('accepts priorities 1 to 5 and rejects 0, 6 and 2.5', () => {
    const { make } = setup();
    for (const priority of [1, 2, 3, 4, 5]) expect(make({ id: 't1', priority }).priority).toBe(priority);
    for (const priority of [0, 6, 2.5]) expect(rejectedField(() => make({ id: 't1', priority })), `priority ${priority}`).toBe('priority');
  });
});

describe('2. Assignment and critical work', () => {
  it("lets anyone take non-critical work and records 'assignee_changed'", () => {
    const { clock, make } = setup();
    const task = make({ id: 't1', priority: 4 });
    clock.advance(60_000);
    task.assign('bob');
    expect(task.assigneeId).toBe('bob');
    expect(task.updatedAt).toEqual(new Date('2025-06-02T09:01:00Z'));
    expect(reasons(task)).toEqual(['assignee_changed']);
  });

  it('lets only a senior developer be assigned a critical task', () => {
    const { make } = setup();
    expect(rejectedField(() => make({ id: 't1', priority: 5, assigneeId: 'bob' }))).toBe('assigneeId');
    expect(make({ id: 't2', priority: 5, assigneeId: 'ana' }).assigneeId).toBe('ana');
    expect(make({ id: 't3', priority: 5 }).assigneeId).toBeUndefined();
  });

  it("refuses to raise a junior's task to critical and leaves it unchanged", () => {
    const { clock, make } = setup();
    const task = make({ id: 't1', priority: 2, assigneeId: 'bob' });
    clock.advance(1_000);
    expect(rejectedField(() => task.changePriority(5))).toBe('assigneeId');
    expect(task.priority).toBe(2);
    expect(task.updatedAt).toEqual(new Date(NOW));
    expect(task.getDomainEvents()).toHaveLength(0);
  });

  it('refuses to hand a critical task to a junior and leaves it unchanged', () => {
    const { make } = setup();
    const task = make({ id: 't1', priority: 5, assigneeId: 'ana' });
    expect(rejectedField(() => task.assign('bob'))).toBe('assigneeId');
    expect(task.assigneeId).toBe('ana');
    expect(task.getDomainEvents()).toHaveLength(0);
  });

  it("changePriority records 'priority_changed' and rejects out-of-range values", () => {
    const { make } = setup();
    const task = make({ id: 't1' });
    task.changePriority(1);
    expect(rejectedField(() => task.changePriority(9))).toBe('priority');
    expect(task.priority).toBe(1);
    expect(reasons(task)).toEqual(['priority_changed']);
  });
});

describe('3. Due dates', () => {
  it('stores a due date given with an offset as the UTC instant', () => {
    const task = setup().make({ id: 't1', dueDate: '2025-06-10T17:00:00+02:00' });
    expect(task.dueDate).toEqual(new Date('2025-06-10T15:00:00Z'));
  });

  it('rejects a due date without a time zone', () => {
    expect(() => setup().make({ id: 't1', dueDate: '2025-06-10T17:00:00' })).toThrow(NaiveDateError);
  });

  it('rejects a due date in the past for a new task', () => {
    expect(rejectedField(() => setup().make({ id: 't1', dueDate: '2025-06-02T08:59:59Z' }))).toBe('dueDate');
  });

  it('accepts a due date equal to the current time', () => {
    expect(setup().make({ id: 't1', dueDate: NOW }).dueDate).toEqual(new Date(NOW));
  });

  it("reschedule moves the due date and records 'due_date_changed'", () => {
    const { make } = setup();
    const task = make({ id: 't1', dueDate: '2025-06-10T15:00:00Z' });
    task.reschedule('2025-06-12T15:00:00Z');
    expect(task.dueDate).toEqual(new Date('2025-06-12T15:00:00Z'));
    task.reschedule(undefined);
    expect(task.dueDate).toBeUndefined();
    expect(reasons(task)).toEqual(['due_date_changed', 'due_date_changed']);
  });

  it('refuses to reschedule into the past and keeps the old due date', () => {
    const { clock, make } = setup();
    const task = make({ id: 't1', dueDate: '2025-06-10T15:00:00Z' });
    clock.advance(60_000);
    expect(rejectedField(() => task.reschedule('2025-06-01T00:00:00Z'))).toBe('dueDate');
    expect(() => task.reschedule('2025-06-12T15:00:00')).toThrow(NaiveDateError);
    expect(task.dueDate).toEqual(new Date('2025-06-10T15:00:00Z'));
    expect(task.updatedAt).toEqual(new Date(NOW));
    expect(task.getDomainEvents()).toHaveLength(0);
  });

  it('loads a stored task whose due date has passed and reports it overdue', () => {
    const clock = new FixedClock(NOW);
    const task = new Task(
      { id: 't1', projectId: 'proj-1', title: 'Quarterly report', dueDate: '2025-05-20T00:00:00Z' },
      { clock, directory, createdAt: '2025-05-01T08:00:00Z' },
    );
    expect(task.dueDate).toEqual(new Date('2025-05-20T00:00:00Z'));
    expect(task.isOverdue).toBe(true);
  });

  it('lets an overdue task still be assigned, started and completed', () => {
    const clock = new FixedClock(NOW);
    const task = new Task(
      { id: 't1', projectId: 'proj-1', title: 'Quarterly report', dueDate: '2025-05-20T00:00:00Z' },
      { clock, directory, createdAt: '2025-05-01T08:00:00Z' },
    );
    task.assign('bob');
    task.start();
    task.complete(lookupOf());
    expect(task.status).toBe('done');
    expect(reasons(task)).toEqual(['assignee_changed', 'status_changed', 'status_changed']);
  });

  it('is not overdue without a due date, before the due date, or once done', () => {
    const { clock, make } = setup();
    expect(make({ id: 't1' }).isOverdue).toBe(false);
    const task = make({ id: 't2', dueDate: '2025-06-03T09:00:00Z' });
    expect(task.isOverdue).toBe(false);
    clock.advance(2 * 24 * 60 * 60 * 1000);
    expect(task.isOverdue).toBe(true);
    task.complete(lookupOf());
    expect(task.isOverdue).toBe(false);
  });
});

describe('4. Dependencies', () => {
  it("addDependency records the dependency and 'dependency_added'", () => {
    const { make } = setup();
    const [a, b] = [make({ id: 'a' }), make({ id: 'b' })];
    a.addDependency(b, lookupOf(a, b));
    expect(a.dependencyIds).toEqual(['b']);
    expect(reasons(a)).toEqual(['dependency_added']);
  });

  it('refuses a dependency on the task itself', () => {
    const { make } = setup();
    const a = make({ id: 'a' });
    expect(rejectedField(() => a.addDependency(a, lookupOf(a)))).toBe('dependencies');
    expect(a.dependencyIds).toEqual([]);
  });

  it('refuses a dependency on a task of another project', () => {
    const { make } = setup();
    const [a, other] = [make({ id: 'a' }), make({ id: 'x', projectId: 'proj-2' })];
    expect(rejectedField(() => a.addDependency(other, lookupOf(a, other)))).toBe('dependencies');
    expect(a.dependencyIds).toEqual([]);
  });

  it('refuses a direct cycle', () => {
    const { make } = setup();
    const [a, b] = [make({ id: 'a' }), make({ id: 'b' })];
    const lookup = lookupOf(a, b);
    a.addDependency(b, lookup);
    expect(rejectedField(() => b.addDependency(a, lookup))).toBe('dependencies');
    expect(b.dependencyIds).toEqual([]);
    expect(b.getDomainEvents()).toHaveLength(0);
  });

  it('refuses an indirect cycle through several tasks', () => {
    const { make } = setup();
    const [a, b, c, d] = [make({ id: 'a' }), make({ id: 'b' }), make({ id: 'c' }), make({ id: 'd' })];
    const lookup = lookupOf(a, b, c, d);
    a.addDependency(b, lookup);
    b.addDependency(c, lookup);
    c.addDependency(d, lookup);
    expect(rejectedField(() => d.addDependency(a, lookup))).toBe('dependencies');
    expect(d.dependencyIds).toEqual([]);
  });

  it('accepts a diamond of dependencies, which is not a cycle', () => {
    const { make } = setup();
    const [top, left, right, bottom] = [make({ id: 'top' }), make({ id: 'left' }), make({ id: 'right' }), make({ id: 'bottom' })];
    const lookup = lookupOf(top, left, right, bottom);
    left.addDependency(bottom, lookup);
    right.addDependency(bottom, lookup);
    top.addDependency(left, lookup);
    top.addDependency(right, lookup);
    expect(top.dependencyIds).toEqual(['left', 'right']);
  });

  it('keeps one entry and one event when the same dependency is added twice', () => {
    const { make } = setup();
    const [a, b] = [make({ id: 'a' }), make({ id: 'b' })];
    const lookup = lookupOf(a, b);
    a.addDependency(b, lookup);
    a.addDependency(b, lookup);
    expect(a.dependencyIds).toEqual(['b']);
    expect(reasons(a)).toEqual(['dependency_added']);
  });

  it("removeDependency records 'dependency_removed' and ignores ids it does not have", () => {
    const { make } = setup();
    const a = make({ id: 'a', dependencyIds: ['b', 'c'] });
    a.removeDependency('b');
    a.removeDependency('zzz');
    expect(a.dependencyIds).toEqual(['c']);
    expect(reasons(a)).toEqual(['dependency_removed']);
  });

  it('rejects duplicate or self-referencing dependency ids on creation', () => {
    const { make } = setup();
    expect(rejectedField(() => make({ id: 'a', dependencyIds: ['b', 'b'] }))).toBe('dependencies');
    expect(rejectedField(() => make({ id: 'a', dependencyIds: ['a'] }))).toBe('dependencies');
  });
});

describe('5. Status', () => {
  it("start moves a todo task to in_progress with 'status_changed'", () => {
    const task = setup().make({ id: 't1' });
    task.start();
    expect(task.status).toBe('in_progress');
    expect(reasons(task)).toEqual(['status_changed']);
  });

  it('refuses to complete a task while a dependency is unfinished', () => {
    const { make } = setup();
    const [a, b] = [make({ id: 'a' }), make({ id: 'b' })];
    const lookup = lookupOf(a, b);
    a.addDependency(b, lookup);
    a.clearDomainEvents();
    expect(rejectedField(() => a.complete(lookup))).toBe('status');
    expect(a.status).toBe('todo');
    expect(a.getDomainEvents()).toHaveLength(0);
  });

  it('completes a task once every dependency is done', () => {
    const { make } = setup();
    const [a, b] = [make({ id: 'a' }), make({ id: 'b' })];
    const lookup = lookupOf(a, b);
    a.addDependency(b, lookup);
    b.complete(lookup);
    a.complete(lookup);
    expect(a.status).toBe('done');
    expect(reasons(a)).toEqual(['dependency_added', 'status_changed']);
  });

  it('does not start a task that is already done', () => {
    const task = setup().make({ id: 't1', status: 'done' });
    expect(rejectedField(() => task.start())).toBe('status');
    expect(task.status).toBe('done');
  });
});

describe('6. Saving', () => {
  it('publishes TimestampCreated on the first save, then the recorded changes', async () => {
    const { clock, make } = setup();
    const bus = new InMemoryEventBus();
    const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
    const task = make({ id: 't1' });
    await repository.save(task);
    clock.advance(60_000);
    task.assign('bob');
    task.start();
    await repository.save(task);
    expect(bus.published.map((e) => e.type)).toEqual(['TimestampCreated', 'TimestampUpdated', 'TimestampUpdated']);
    expect((await repository.getById('t1')).status).toBe('in_progress');
  });
});
