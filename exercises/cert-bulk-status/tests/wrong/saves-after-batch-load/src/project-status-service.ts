// Wrong: loads the projects in one batch but still saves them one by one (one write, one instant and one publish per project).
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
    const refused = toChange.filter((project) => !project.canMoveTo(status));
    if (refused.length > 0) throw new ValidationError(`Cannot move ${refused.map((p) => p.id).join(', ')} to "${status}"`, 'status');
    for (const project of toChange) {
      project.changeStatus(status);
      await this.#repository.save(project);
    }
    return toChange.length;
  }
}
