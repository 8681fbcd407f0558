// Wrong: refuses any archived project in the list, even when the target status is archived and it has nothing to change.
// Status changes of the portfolio board: one batch load, every check before any change, one bulk
// save (one instant, one write) and one batch publish, whatever the number of projects.
import { NotFoundError, ValidationError, type TimestampRepository } from '@practicum/reference';
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
    // Check every move before making any, so a refused one leaves every project as it was.
    const refused = projects.filter((project) => project.status === 'archived');
    if (refused.length > 0) {
      throw new ValidationError(`Cannot move ${refused.map((p) => p.id).join(', ')} to "${status}"`, 'status');
    }
    if (toChange.length === 0) return 0;
    for (const project of toChange) project.changeStatus(status);
    // One write and one publishBatch for the whole change; bulkSave validates every project first.
    await this.#repository.bulkSave(toChange);
    return toChange.length;
  }
}
