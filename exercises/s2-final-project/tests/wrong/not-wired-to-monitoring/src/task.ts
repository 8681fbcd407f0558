// Task entity for the Session-2 assignment: belongs to a project, may be assigned, scheduled and
// depend on other tasks of the same project. Owns the business rules; timestamps and update
// events come from BaseTimestampEntity.
import { BaseTimestampEntity, ValidationError, coerceToUtc, type EntityInit } from '@practicum/reference';

export type TaskStatus = 'todo' | 'in_progress' | 'done';

/** Who may take critical work; in production backed by the user service. */
export interface TeamDirectory {
  isSeniorDeveloper(userId: string): boolean;
}

/** Finds other tasks by id (a repository read model or an in-memory map). */
export type TaskLookup = (taskId: string) => Task | undefined;

export interface TaskProps {
  id: string;
  projectId: string;
  title: string;
  status?: TaskStatus;
  priority?: number;
  assigneeId?: string;
  dueDate?: Date | string;
  dependencyIds?: readonly string[];
}

export interface TaskInit extends EntityInit {
  directory: TeamDirectory;
}

export const MAX_TITLE_LENGTH = 200;
export const CRITICAL_PRIORITY = 5;

export class Task extends BaseTimestampEntity {
  readonly id: string;
  readonly projectId: string;
  title: string;
  status: TaskStatus;
  priority: number;
  assigneeId: string | undefined;
  dueDate: Date | undefined;
  #dependencyIds: string[];
  protected readonly directory: TeamDirectory;

  constructor(props: TaskProps, init: TaskInit) {
    super(init);
    this.directory = init.directory;
    this.id = props.id;
    this.projectId = props.projectId;
    this.title = props.title;
    this.status = props.status ?? 'todo';
    this.priority = props.priority ?? 3;
    this.assigneeId = props.assigneeId;
    this.dueDate = props.dueDate === undefined ? undefined : coerceToUtc(props.dueDate);
    this.#dependencyIds = [...(props.dependencyIds ?? [])];
    // Only a task being created now must not be due in the past; a stored task (createdAt given)
    // whose due date has passed is overdue, which is a fact to report, not an invalid state.
    if (init.createdAt === undefined) this.assertNotInPast(this.dueDate);
    this.validate();
  }

  get dependencyIds(): readonly string[] {
    return [...this.#dependencyIds];
  }

  get isOverdue(): boolean {
    return this.dueDate !== undefined && this.status !== 'done' && this.dueDate.getTime() < this.clock.now().getTime();
  }

  assign(assigneeId: string | undefined): void {
    const previous = this.assigneeId;
    this.assigneeId = assigneeId;
    this.touchOrRollBack('assignee_changed', () => {
      this.assigneeId = previous;
    });
  }

  changePriority(priority: number): void {
    const previous = this.priority;
    this.priority = priority;
    this.touchOrRollBack('priority_changed', () => {
      this.priority = previous;
    });
  }

  reschedule(dueDate: Date | string | undefined): void {
    const next = dueDate === undefined ? undefined : coerceToUtc(dueDate);
    this.assertNotInPast(next);
    const previous = this.dueDate;
    this.dueDate = next;
    this.touchOrRollBack('due_date_changed', () => {
      this.dueDate = previous;
    });
  }

  addDependency(dependency: Task, lookup: TaskLookup): void {
    if (dependency.id === this.id) {
      throw new ValidationError('A task cannot depend on itself', 'dependencies');
    }
    if (dependency.projectId !== this.projectId) {
      throw new ValidationError(`Task ${dependency.id} belongs to another project`, 'dependencies');
    }
    if (this.#dependencyIds.includes(dependency.id)) return;
    if (this.isReachableFrom(dependency, lookup)) {
      throw new ValidationError(`Depending on ${dependency.id} would create a cycle`, 'dependencies');
    }
    this.#dependencyIds.push(dependency.id);
    this.touchOrRollBack('dependency_added', () => {
      this.#dependencyIds.pop();
    });
  }

  removeDependency(dependencyId: string): void {
    const previous = this.#dependencyIds;
    if (!previous.includes(dependencyId)) return;
    this.#dependencyIds = previous.filter((id) => id !== dependencyId);
    this.touchOrRollBack('dependency_removed', () => {
      this.#dependencyIds = previous;
    });
  }

  start(): void {
    if (this.status !== 'todo') {
      throw new ValidationError(`Only a task in "todo" can be started (it is "${this.status}")`, 'status');
    }
    this.moveTo('in_progress');
  }

  complete(lookup: TaskLookup): void {
    if (this.status === 'done') {
      throw new ValidationError('The task is already done', 'status');
    }
    const open = this.#dependencyIds.filter((id) => lookup(id)?.status !== 'done');
    if (open.length > 0) {
      throw new ValidationError(`Unfinished dependencies: ${open.join(', ')}`, 'status');
    }
    this.moveTo('done');
  }

  protected getEntityId(): string {
    return this.id;
  }

  protected validateEntity(): void {
    if (this.projectId.trim() === '') {
      throw new ValidationError('A task must belong to a project', 'projectId');
    }
    if (this.title.trim() === '') {
      throw new ValidationError('Task title is required', 'title');
    }
    if (this.title.length > MAX_TITLE_LENGTH) {
      throw new ValidationError(`Task title must be at most ${MAX_TITLE_LENGTH} characters`, 'title');
    }
    if (!Number.isInteger(this.priority) || this.priority < 1 || this.priority > 5) {
      throw new ValidationError(`Priority must be a whole number from 1 to 5 (got ${this.priority})`, 'priority');
    }
    if (this.priority === CRITICAL_PRIORITY && this.assigneeId !== undefined && !this.directory.isSeniorDeveloper(this.assigneeId)) {
      throw new ValidationError('Critical tasks require a senior developer as assignee', 'assigneeId');
    }
    if (this.#dependencyIds.includes(this.id)) {
      throw new ValidationError('A task cannot depend on itself', 'dependencies');
    }
    if (new Set(this.#dependencyIds).size !== this.#dependencyIds.length) {
      throw new ValidationError('A dependency is listed twice', 'dependencies');
    }
  }

  private assertNotInPast(dueDate: Date | undefined): void {
    if (dueDate !== undefined && dueDate.getTime() < this.clock.now().getTime()) {
      throw new ValidationError(`Due date ${dueDate.toISOString()} is in the past`, 'dueDate');
    }
  }

  // Walks the dependency graph from `dependency`; reaching this task means the new edge closes a cycle.
  private isReachableFrom(dependency: Task, lookup: TaskLookup): boolean {
    const seen = new Set<string>();
    const pending = [...dependency.dependencyIds];
    let id: string | undefined;
    while ((id = pending.pop()) !== undefined) {
      if (id === this.id) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...(lookup(id)?.dependencyIds ?? []));
    }
    return false;
  }

  private moveTo(status: TaskStatus): void {
    const previous = this.status;
    this.status = status;
    this.touchOrRollBack('status_changed', () => {
      this.status = previous;
    });
  }

  // touch() validates before it stamps; a rejected change also restores the field.
  private touchOrRollBack(reason: string, rollBack: () => void): void {
    try {
      this.touch(reason);
    } catch (error) {
      rollBack();
      throw error;
    }
  }
}
