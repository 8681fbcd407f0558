// Hidden suite for the Session-2 assignment: the Task entity's relationships (project, assignee,
// dependencies) and business rules (priority, critical work, due dates, cycles, completion). The
// rules kept by validateEntity() are checked on every path: creation and rebuilding, a direct change
// followed by touch(), validate(), save() or bulkSave(), and every change method. Then TaskService,
// the unit of work around a task, and its wiring to the course's monitoring (exercise.json
// "monitoring" names the describe block): checked by what reaches a metrics sink, never by reading
// the code — every command timed as its operation with entity_type Task, a slow one counted, a
// refused change counted by field and nothing stored. One file: each test file of a run costs a
// sandboxed process of its own.
import { describe, it, expect } from 'vitest';
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
  type MetricReading,
  type MonitorOptions,
} from '@practicum/reference';
import { Task, type TaskLookup, type TaskProps, type TeamDirectory } from '../../starter/src/task.ts';
import { TaskService } from '../../starter/src/task-service.ts';

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

/** The error a promise rejects with (the sandbox does not support expect(promise).rejects). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Writes a value straight into a field, as `task.priority = 9` or a data mapper does (`readonly`
 * is a compile-time promise only). Returns false when the task refused the write itself (a setter
 * throwing a ValidationError, or a field that cannot be written), after checking the old value is
 * still there.
 */
function writeDirectly(entity: object, field: string, value: unknown): boolean {
  const before: unknown = Reflect.get(entity, field);
  let written: boolean;
  try {
    written = Reflect.set(entity, field, value);
  } catch (error) {
    expect(error, `writing ${field}`).toBeInstanceOf(ValidationError);
    written = false;
  }
  if (!written) expect(Reflect.get(entity, field), `${field} after a refused write`).toEqual(before);
  return written;
}

const show = (value: unknown): string => (typeof value === 'string' && value.length > 40 ? `a string of ${value.length} characters` : String(JSON.stringify(value) ?? value));

function store(clock: FixedClock): { bus: InMemoryEventBus; repository: InMemoryRepository<Task> } {
  const bus = new InMemoryEventBus();
  return { bus, repository: new InMemoryRepository<Task>({ eventBus: bus, clock }) };
}

/** Everything a refused change must leave as it was. */
function snapshot(task: Task): unknown {
  return {
    title: task.title,
    status: task.status,
    priority: task.priority,
    assigneeId: task.assigneeId,
    dueDate: task.dueDate?.toISOString(),
    dependencyIds: [...task.dependencyIds],
    updatedAt: task.updatedAt.toISOString(),
    events: task.getDomainEvents().length,
  };
}

/** One rule kept by validateEntity(): a valid task, the field a broken value is written to, and the field the error names. */
interface Rule {
  /** What is broken, worded as part of a requirement. */
  what: string;
  field: 'projectId' | 'title' | 'priority' | 'assigneeId';
  /** The field the ValidationError names, when it is not `field`. */
  refusedAs?: string;
  /** Props of the valid task the value is written into (and given with on creation). */
  base?: Partial<TaskProps>;
  values: unknown[];
}

/** Every path a broken rule can take: creation and rebuilding, touch() and validate(), save() and bulkSave(). */
function everyPath(rule: Rule): void {
  const refusedAs = rule.refusedAs ?? rule.field;
  const props = (id: string, value?: unknown): TaskProps => {
    const base: TaskProps = { id, projectId: 'proj-1', title: `Task ${id}`, ...rule.base };
    return value === undefined ? base : ({ ...base, [rule.field]: value } as TaskProps);
  };

  it(`${rule.what} is refused when a task is created or rebuilt from stored data`, () => {
    for (const value of rule.values) {
      const clock = new FixedClock(NOW);
      expect(rejectedField(() => new Task(props('t1', value), { clock, directory })), `new task, ${rule.field} ${show(value)}`).toBe(refusedAs);
      const rebuilt = (): Task => new Task(props('t1', value), { clock, directory, createdAt: '2025-05-01T08:00:00Z' });
      expect(rejectedField(rebuilt), `rebuilt task, ${rule.field} ${show(value)}`).toBe(refusedAs);
    }
  });

  it(`a direct change to ${rule.what} is refused by touch() and validate(), leaving the task as it was`, () => {
    for (const value of rule.values) {
      const clock = new FixedClock(NOW);
      const task = new Task(props('t1'), { clock, directory });
      clock.advance(60_000);
      const updatedAt = task.updatedAt;
      if (!writeDirectly(task, rule.field, value)) continue;
      expect(rejectedField(() => task.touch('edited')), `touch() after ${rule.field} = ${show(value)}`).toBe(refusedAs);
      expect(task.updatedAt, `updatedAt after a refused touch(), ${rule.field} = ${show(value)}`).toEqual(updatedAt);
      expect(task.getDomainEvents(), `events after a refused touch(), ${rule.field} = ${show(value)}`).toHaveLength(0);
      expect(rejectedField(() => task.validate()), `validate() after ${rule.field} = ${show(value)}`).toBe(refusedAs);
    }
  });

  it(`a direct change to ${rule.what} is refused by save() and bulkSave(), which store and publish nothing`, async () => {
    for (const value of rule.values) {
      const clock = new FixedClock(NOW);
      const label = `${rule.field} = ${show(value)}`;
      const { bus, repository } = store(clock);
      const fresh = new Task(props('t1'), { clock, directory });
      if (!writeDirectly(fresh, rule.field, value)) continue;
      const onSave = await rejectionOf(repository.save(fresh));
      expect(onSave, `save() of a new task, ${label}`).toBeInstanceOf(ValidationError);
      expect((onSave as ValidationError).field).toBe(refusedAs);
      const onBulk = await rejectionOf(repository.bulkSave([new Task(props('t2'), { clock, directory }), fresh]));
      expect(onBulk, `bulkSave() with a new task, ${label}`).toBeInstanceOf(ValidationError);
      expect((onBulk as ValidationError).field).toBe(refusedAs);
      expect(repository.size, `stored tasks, ${label}`).toBe(0);
      expect(bus.published, `published events, ${label}`).toEqual([]);

      const saved = new Task(props('t3'), { clock, directory });
      await repository.save(saved);
      bus.clear();
      writeDirectly(saved, rule.field, value);
      expect(await rejectionOf(repository.save(saved)), `save() of a stored task, ${label}`).toBeInstanceOf(ValidationError);
      expect(await rejectionOf(repository.bulkSave([saved])), `bulkSave() of a stored task, ${label}`).toBeInstanceOf(ValidationError);
      expect(bus.published, `published events after the stored task was refused, ${label}`).toEqual([]);
      expect(await repository.findUpdatedSince(NOW), `tasks stored after ${NOW}, ${label}`).toEqual([]);
    }
  });
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

describe('2. Rules on every path: project, title and priority', () => {
  everyPath({ what: 'an empty projectId', field: 'projectId', values: [''] });
  everyPath({ what: 'a blank title', field: 'title', values: ['', '   '] });
  everyPath({ what: 'a title longer than 200 characters', field: 'title', values: ['x'.repeat(201)] });
  everyPath({ what: 'a priority that is not a whole number from 1 to 5', field: 'priority', values: [0, 6, 2.5, -1, Number.NaN] });
});

describe('3. Assignment and critical work', () => {
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

  it('lets a critical task be unassigned, and an unassigned task be raised to critical', () => {
    const { make } = setup();
    const critical = make({ id: 't1', priority: 5, assigneeId: 'ana' });
    critical.assign(undefined);
    expect(critical.assigneeId).toBeUndefined();
    const open = make({ id: 't2', priority: 2 });
    open.changePriority(5);
    expect(open.priority).toBe(5);
    expect([...reasons(critical), ...reasons(open)]).toEqual(['assignee_changed', 'priority_changed']);
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

describe('4. Rules on every path: critical work', () => {
  everyPath({
    what: 'priority 5 (critical) with an assignee who is not a senior developer',
    field: 'priority',
    refusedAs: 'assigneeId',
    base: { assigneeId: 'bob' },
    values: [5],
  });
  everyPath({
    what: 'an assignee who is not a senior developer on a critical task',
    field: 'assigneeId',
    base: { priority: 5 },
    values: ['bob', 'carol'],
  });
});

describe('5. Due dates', () => {
  it('stores a due date given with an offset as the UTC instant', () => {
    const task = setup().make({ id: 't1', dueDate: '2025-06-10T17:00:00+02:00' });
    expect(task.dueDate).toEqual(new Date('2025-06-10T15:00:00Z'));
  });

  it('rejects a due date without a time zone', () => {
    for (const dueDate of ['2025-06-10T17:00:00', '2025-06-10 17:00:00', '2025-06-10']) {
      expect(() => setup().make({ id: 't1', dueDate }), `dueDate "${dueDate}"`).toThrow(NaiveDateError);
    }
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

  it('a new task whose due date has passed since it was created can still be changed and saved', async () => {
    const { clock, make } = setup();
    const { bus, repository } = store(clock);
    const task = make({ id: 't1', dueDate: '2025-06-02T10:00:00Z' });
    const other = make({ id: 't2', dueDate: '2025-06-02T10:00:00Z' });
    clock.advance(2 * 60 * 60 * 1000);
    expect(task.isOverdue).toBe(true);
    task.assign('bob');
    task.validate();
    await repository.save(task);
    await repository.bulkSave([other]);
    expect(bus.published.map((e) => [e.type, e.entityId])).toEqual([
      ['TimestampCreated', 't1'],
      ['TimestampUpdated', 't1'],
      ['TimestampCreated', 't2'],
    ]);
  });

  it('a stored overdue task can be saved and bulk-saved', async () => {
    const clock = new FixedClock(NOW);
    const { repository } = store(clock);
    const init = { clock, directory, createdAt: '2025-05-01T08:00:00Z' };
    const a = new Task({ id: 'a', projectId: 'proj-1', title: 'Quarterly report', dueDate: '2025-05-20T00:00:00Z' }, init);
    const b = new Task({ id: 'b', projectId: 'proj-1', title: 'Annual report', dueDate: '2025-05-21T00:00:00Z' }, init);
    await repository.save(a);
    await repository.bulkSave([a, b]);
    expect((await repository.findByIds(['a', 'b'])).map((t) => t.isOverdue)).toEqual([true, true]);
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

describe('6. Dependencies', () => {
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

  it('rejects duplicate or self-referencing dependency ids on creation and when rebuilt from stored data', () => {
    const { make } = setup();
    expect(rejectedField(() => make({ id: 'a', dependencyIds: ['b', 'b'] }))).toBe('dependencies');
    expect(rejectedField(() => make({ id: 'a', dependencyIds: ['a'] }))).toBe('dependencies');
    const stored = (dependencyIds: string[]) => (): Task =>
      new Task({ id: 'a', projectId: 'proj-1', title: 'Stored', dependencyIds }, { clock: new FixedClock(NOW), directory, createdAt: '2025-05-01T08:00:00Z' });
    expect(rejectedField(stored(['b', 'c', 'b']))).toBe('dependencies');
    expect(rejectedField(stored(['c', 'a']))).toBe('dependencies');
  });
});

describe('7. Status', () => {
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

  it('does not start or complete again a task that is already done', () => {
    const task = setup().make({ id: 't1', status: 'done' });
    expect(rejectedField(() => task.start())).toBe('status');
    expect(rejectedField(() => task.complete(lookupOf(task)))).toBe('status');
    expect(task.status).toBe('done');
    expect(task.getDomainEvents()).toHaveLength(0);
  });
});

describe('8. Every change goes through touch()', () => {
  const changes: [string, (task: Task, lookup: TaskLookup) => void][] = [
    ['assign', (task) => task.assign('bob')],
    ['changePriority', (task) => task.changePriority(2)],
    ['reschedule', (task) => task.reschedule('2025-06-20T09:00:00Z')],
    ['addDependency', (task, lookup) => task.addDependency(lookup('c') as Task, lookup)],
    ['removeDependency', (task) => task.removeDependency('b')],
    ['start', (task) => task.start()],
    ['complete', (task, lookup) => task.complete(lookup)],
  ];

  it('each change method is refused while a rule is broken and leaves the task exactly as it was', () => {
    for (const [name, change] of changes) {
      const { clock, make } = setup();
      const b = make({ id: 'b', status: 'done' });
      const c = make({ id: 'c', status: 'done' });
      const task = make({ id: 'a', dueDate: '2025-06-10T09:00:00Z', dependencyIds: ['b'] });
      const lookup = lookupOf(task, b, c);
      clock.advance(60_000);
      if (!writeDirectly(task, 'title', '  ')) continue;
      const before = snapshot(task);
      expect(rejectedField(() => change(task, lookup)), `${name}() while the title is blank`).toBe('title');
      expect(snapshot(task), `the task after a refused ${name}()`).toEqual(before);
    }
  });

  it('keeps updatedAt strictly increasing when several changes happen at the same clock instant', () => {
    const task = setup().make({ id: 't1' });
    task.assign('bob');
    task.changePriority(4);
    task.start();
    expect(task.updatedAt).toEqual(new Date('2025-06-02T09:00:00.003Z'));
    expect(reasons(task)).toEqual(['assignee_changed', 'priority_changed', 'status_changed']);
  });
});

describe('9. Saving', () => {
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

  it('bulkSave stores new tasks and publishes TimestampCreated for each', async () => {
    const { clock, make } = setup();
    const { bus, repository } = store(clock);
    await repository.bulkSave([make({ id: 't1' }), make({ id: 't2', priority: 5, assigneeId: 'ana' })]);
    expect(bus.published.map((e) => [e.type, e.entityId])).toEqual([
      ['TimestampCreated', 't1'],
      ['TimestampCreated', 't2'],
    ]);
    expect(repository.size).toBe(2);
  });
});

function serviceSetup(options?: MonitorOptions) {
  const clock = new FixedClock(NOW);
  const bus = new InMemoryEventBus();
  const published = bus.published;
  const repository = new InMemoryRepository<Task>({ eventBus: bus, clock });
  const metrics = new InMemoryMetrics();
  const service = new TaskService(repository, metrics, options);
  return { clock, repository, metrics, service, published, init: { clock, directory } };
}

const timings = (metrics: InMemoryMetrics): MetricReading[] => metrics.readings.filter((r) => r.kind === 'histogram' && r.name === 'timestamp.operation_ms');
const counted = (metrics: InMemoryMetrics, name: string): MetricReading[] => metrics.readings.filter((r) => r.kind === 'counter' && r.name === name);

describe('Monitoring', () => {
  it("create times the new task as operation 'create' with entity_type Task", async () => {
    const { service, metrics, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, init);
    const readings = timings(metrics);
    expect(readings).toHaveLength(1);
    expect(readings[0]?.tags).toEqual({ operation: 'create', entity_type: 'Task' });
    expect(counted(metrics, 'timestamp.validation_error')).toEqual([]);
  });

  it('create of an invalid task counts timestamp.validation_error with its field, rethrows it and stores nothing', async () => {
    const { service, metrics, repository, published, init } = serviceSetup();
    const error = await rejectionOf(service.create({ id: 't1', projectId: 'proj-1', title: 'Ship', priority: 9 }, init));
    expect(error).toBeInstanceOf(ValidationError);
    expect(counted(metrics, 'timestamp.validation_error').map((r) => r.tags)).toEqual([{ entity_type: 'Task', field: 'priority' }]);
    expect(timings(metrics)).toHaveLength(1);
    expect(repository.size).toBe(0);
    expect(published).toEqual([]);
  });

  it('update times the change under the operation name it is given', async () => {
    const { service, metrics, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, init);
    await service.update('t1', 'assign', (task) => task.assign('bob'));
    await service.update('t1', 'start', (task) => task.start());
    expect(timings(metrics).map((r) => r.tags)).toEqual([
      { operation: 'create', entity_type: 'Task' },
      { operation: 'assign', entity_type: 'Task' },
      { operation: 'start', entity_type: 'Task' },
    ]);
  });

  it('counts a command slower than slowMs as timestamp.slow_operation, and a fast one not at all', async () => {
    let t = 0;
    const slow = serviceSetup({ slowMs: 10, now: () => (t += 25) });
    await slow.service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, slow.init);
    await slow.service.update('t1', 'reprioritise', (task) => task.changePriority(4));
    expect(counted(slow.metrics, 'timestamp.slow_operation').map((r) => r.tags)).toEqual([
      { operation: 'create', entity_type: 'Task' },
      { operation: 'reprioritise', entity_type: 'Task' },
    ]);
    const fast = serviceSetup({ slowMs: 10, now: () => 0 });
    await fast.service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, fast.init);
    await fast.service.update('t1', 'reprioritise', (task) => task.changePriority(4));
    expect(counted(fast.metrics, 'timestamp.slow_operation')).toEqual([]);
    expect(timings(fast.metrics).map((r) => r.value)).toEqual([0, 0]);
  });

  it('a refused change is timed, counted by field and rethrown, and nothing is saved or published', async () => {
    const { service, metrics, repository, published, clock, init } = serviceSetup();
    const task = await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, init);
    published.length = 0;
    clock.advance(60_000);
    const saves = repository.stats.save;
    const error = await rejectionOf(service.update('t1', 'reprioritise', (t) => t.changePriority(7)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(counted(metrics, 'timestamp.validation_error').map((r) => r.tags)).toEqual([{ entity_type: 'Task', field: 'priority' }]);
    expect(timings(metrics).map((r) => r.tags.operation)).toEqual(['create', 'reprioritise']);
    expect(repository.stats.save).toBe(saves);
    expect(published).toEqual([]);
    expect(task.priority).toBe(3);
    expect(task.updatedAt).toEqual(new Date(NOW));
  });

  it('a command that throws something other than a ValidationError is counted with field unknown and rethrown', async () => {
    const { service, metrics, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, init);
    const boom = new Error('lookup failed');
    const error = await rejectionOf(
      service.update('t1', 'complete', () => {
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect(counted(metrics, 'timestamp.validation_error').map((r) => r.tags)).toEqual([{ entity_type: 'Task', field: 'unknown' }]);
  });
});

describe('TaskService', () => {
  it('create saves the task, which publishes TimestampCreated', async () => {
    const { service, repository, published, init } = serviceSetup();
    const task = await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, init);
    expect(task).toBeInstanceOf(Task);
    expect(await repository.findById('t1')).toBe(task);
    expect(published.map((e) => e.constructor)).toEqual([TimestampCreatedEvent]);
  });

  it('update saves an accepted change: TimestampUpdated with its reason reaches the event bus', async () => {
    const { service, published, clock, init } = serviceSetup();
    await service.create({ id: 't1', projectId: 'proj-1', title: 'Ship' }, init);
    clock.advance(1000);
    const task = await service.update('t1', 'assign', (t) => t.assign('bob'));
    expect(task.assigneeId).toBe('bob');
    const updated = published.filter((e): e is TimestampUpdatedEvent => e instanceof TimestampUpdatedEvent);
    expect(updated.map((e) => e.reason)).toEqual(['assignee_changed']);
    expect(task.getDomainEvents()).toEqual([]);
  });

  it('update of a task that is not stored throws NotFoundError and records nothing', async () => {
    const { service, metrics } = serviceSetup();
    expect(await rejectionOf(service.update('nope', 'assign', (t) => t.assign('bob')))).toBeInstanceOf(NotFoundError);
    expect(metrics.readings).toEqual([]);
  });
});
