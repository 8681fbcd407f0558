// update_project_statuses from the portfolio board, ported as it was: every project costs a query,
// a save and a publish of its own. Portfolio reviews move a few hundred projects at once.
import type { TimestampRepository } from '@practicum/reference';
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
    let changed = 0;
    for (const id of projectIds) {
      const project = await this.#repository.getById(id); // one query per project
      if (project.status === status) continue;
      project.changeStatus(status);
      await this.#repository.save(project); // one save, and one publish per event, per project
      changed += 1;
    }
    return changed;
  }
}
