// Task entity for the Session-2 assignment: belongs to a project, may be assigned, scheduled and
// depend on other tasks of the same project. Timestamps and update events come from
// BaseTimestampEntity; the shape is fixed, the business rules are yours: replace each
// "not implemented yet" body.
import { BaseTimestampEntity, coerceToUtc, type EntityInit } from '@practicum/reference';

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
  }

  get dependencyIds(): readonly string[] {
    return [...this.#dependencyIds];
  }

  /** Task 3: the due date has passed and the task is not done. */
  get isOverdue(): boolean {
    throw new Error('isOverdue is not implemented yet');
  }

  /** Task 2: reason 'assignee_changed'. */
  assign(assigneeId: string | undefined): void {
    throw new Error(`assign(${String(assigneeId)}) is not implemented yet`);
  }

  /** Task 2: reason 'priority_changed'. */
  changePriority(priority: number): void {
    throw new Error(`changePriority(${priority}) is not implemented yet`);
  }

  /** Task 3: reason 'due_date_changed'. */
  reschedule(dueDate: Date | string | undefined): void {
    throw new Error(`reschedule(${String(dueDate)}) is not implemented yet`);
  }

  /** Task 4: reason 'dependency_added'; `lookup` finds the other tasks of the graph. */
  addDependency(dependency: Task, lookup: TaskLookup): void {
    throw new Error(`addDependency(${dependency.id}, ${typeof lookup}) is not implemented yet`);
  }

  /** Task 4: reason 'dependency_removed'. */
  removeDependency(dependencyId: string): void {
    throw new Error(`removeDependency(${dependencyId}) is not implemented yet`);
  }

  /** Task 5: todo -> in_progress, reason 'status_changed'. */
  start(): void {
    throw new Error('start() is not implemented yet');
  }

  /** Task 5: -> done once every dependency is done, reason 'status_changed'. */
  complete(lookup: TaskLookup): void {
    throw new Error(`complete(${typeof lookup}) is not implemented yet`);
  }

  protected getEntityId(): string {
    return this.id;
  }

  /** Tasks 1 and 2: throw ValidationError(message, field) for every broken rule. */
  protected validateEntity(): void {}
}
