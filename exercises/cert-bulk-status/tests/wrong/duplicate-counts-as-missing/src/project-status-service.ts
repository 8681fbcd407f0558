// Wrong: detects unknown ids by comparing counts, so a project listed twice fails the update with NotFoundError.
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
    if (projectIds.length === 0) return 0;
    const projects = await this.#repository.findByIds(projectIds);
    if (projects.length !== projectIds.length) throw new NotFoundError(`${projectIds.length - projects.length} of the listed projects do not exist`);
    const toChange = projects.filter((project) => project.status !== status);
    const refused = toChange.filter((project) => !project.canMoveTo(status));
    if (refused.length > 0) throw new ValidationError(`Cannot move ${refused.map((p) => p.id).join(', ')} to "${status}"`, 'status');
    if (toChange.length === 0) return 0;
    for (const project of toChange) project.changeStatus(status);
    await this.#repository.bulkSave(toChange);
    return toChange.length;
  }
}
