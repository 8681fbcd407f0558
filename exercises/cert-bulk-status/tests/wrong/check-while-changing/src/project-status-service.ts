// Wrong: changes the projects one by one and stops at the refused one, so the projects before it are already changed.
import { NotFoundError, type TimestampRepository } from '@practicum/reference';
import type { Project, ProjectStatus } from './project.ts';

export class ProjectStatusService {
  readonly #repository: TimestampRepository<Project>;

  constructor(repository: TimestampRepository<Project>) {
    this.#repository = repository;
  }

  /**
   * Moves every listed project to `status` and returns how many actually changed (projects already
   * at that status are left alone). All or nothing: an unknown id or a refused move fails it all.
   */
  async updateProjectStatuses(projectIds: readonly string[], status: ProjectStatus): Promise<number> {
    const ids = [...new Set(projectIds)];
    if (ids.length === 0) return 0;
    const projects = await this.#repository.findByIds(ids);
    const found = new Set(projects.map((project) => project.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`Unknown project ids: ${missing.join(', ')}`);
    const toChange = projects.filter((project) => project.status !== status);
    // changeStatus() throws a ValidationError for a project that cannot move
    for (const project of toChange) project.changeStatus(status);
    if (toChange.length === 0) return 0;
    await this.#repository.bulkSave(toChange);
    return toChange.length;
  }
}
