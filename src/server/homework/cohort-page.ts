// The cohort's homework page for its instructor: one homework exercise at a time (?exercise=, the
// first by default), its counts, and the members filtered (?show=) and paged (?page=) by the address
// so it works without JavaScript, each with a link to review their submission.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { requireCohortAccess } from '../cohorts/access.ts';
import { exercisesOf, getProgram } from '../content/catalog.ts';
import { HttpError } from '../http.ts';
import { homeworkOf } from './access.ts';
import { cohortAssignment, type CohortAssignment, type MemberHomework } from './cohort-homework.ts';
import { homeworkReviewPath } from './review-page.ts';

export const HOMEWORK_FILTERS = ['all', 'to-review', 'late', 'overdue', 'needs-work', 'accepted'] as const;
export type HomeworkFilter = (typeof HOMEWORK_FILTERS)[number];
export const HOMEWORK_FILTER_LABELS: Readonly<Record<HomeworkFilter, string>> = {
  all: 'everyone',
  'to-review': 'to review',
  late: 'handed in late',
  overdue: 'overdue',
  'needs-work': 'needs another pass',
  accepted: 'accepted',
};
export const HOMEWORK_PAGE_SIZE = 100;

export const cohortHomeworkPath = (cohortId: string, exerciseId?: string): string =>
  `/cohorts/${encodeURIComponent(cohortId)}/homework${exerciseId ? `?exercise=${encodeURIComponent(exerciseId)}` : ''}`;

export interface CohortHomeworkPage {
  cohort: { id: string; name: string };
  programTitle: string;
  /** Every homework exercise of the program (the page shows one). */
  assignments: { id: string; title: string; href: string; current: boolean }[];
  assignment: CohortAssignment | null;
  filter: HomeworkFilter;
  page: number;
  pages: number;
  total: number;
  rows: (MemberHomework & { href: string })[];
}

function matches(m: MemberHomework, filter: HomeworkFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'to-review':
      return m.standing.toReview;
    case 'late':
      return m.standing.handIn === 'late';
    case 'overdue':
      return m.standing.overdue;
    case 'needs-work':
      return m.standing.review === 'needs-work';
    case 'accepted':
      return m.standing.review === 'accepted';
  }
}

export async function cohortHomeworkPage(app: App, viewer: SessionUser | null, cohortId: string, params: URLSearchParams, now = Date.now()): Promise<CohortHomeworkPage> {
  const user = requireUser(viewer);
  const cohort = await requireCohortAccess(app.db, cohortId, user);
  const homework = homeworkOf(await exercisesOf(cohort.program));
  const asked = params.get('exercise');
  const current = asked ? homework.find((e) => e.id === asked) : homework[0];
  if (asked && !current) throw new HttpError(404, 'not_found', 'No such homework in this cohort’s program.');
  const show = params.get('show');
  const filter: HomeworkFilter = HOMEWORK_FILTERS.includes(show as HomeworkFilter) ? (show as HomeworkFilter) : 'all';
  const assignment = current ? await cohortAssignment(app.db, cohort, current, now) : null;
  const filtered = (assignment?.members ?? []).filter((m) => matches(m, filter));
  const pages = Math.max(1, Math.ceil(filtered.length / HOMEWORK_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  return {
    cohort: { id: cohort.id, name: cohort.name },
    programTitle: (await getProgram(cohort.program))?.title ?? cohort.program,
    assignments: homework.map((e) => ({ id: e.id, title: e.title, href: cohortHomeworkPath(cohort.id, e.id), current: e.id === current?.id })),
    assignment,
    filter,
    page,
    pages,
    total: filtered.length,
    rows: filtered
      .slice((page - 1) * HOMEWORK_PAGE_SIZE, page * HOMEWORK_PAGE_SIZE)
      .map((m) => ({ ...m, href: homeworkReviewPath(cohort.id, current?.id ?? '', m.userId) })),
  };
}
