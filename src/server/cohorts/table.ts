// Sorting, filtering and paging of the learner table from query parameters (works without JavaScript).
import type { LearnerRow } from './report.ts';

export const SORTS = {
  name: (a: LearnerRow, b: LearnerRow) => a.name.localeCompare(b.name),
  progress: (a: LearnerRow, b: LearnerRow) => a.progress - b.progress,
  'last-active': (a: LearnerRow, b: LearnerRow) => (a.lastActiveAt ?? 0) - (b.lastActiveAt ?? 0),
  score: (a: LearnerRow, b: LearnerRow) => (a.bestScore ?? -1) - (b.bestScore ?? -1),
  exercises: (a: LearnerRow, b: LearnerRow) => a.exercisesPassed - b.exercisesPassed,
} as const;
export type SortKey = keyof typeof SORTS;
export const FILTERS = ['all', 'at-risk', 'certified', 'failed', 'not-attempted'] as const;
export type Filter = (typeof FILTERS)[number];
export const PAGE_SIZE = 100;

export interface TableQuery {
  sort: SortKey;
  dir: 'asc' | 'desc';
  filter: Filter;
  q: string;
  page: number;
}

export function parseTableQuery(params: URLSearchParams): TableQuery {
  const sort = params.get('sort');
  const filter = params.get('filter');
  return {
    sort: sort && sort in SORTS ? (sort as SortKey) : 'name',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    filter: FILTERS.includes(filter as Filter) ? (filter as Filter) : 'all',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  };
}

export function applyTableQuery(rows: readonly LearnerRow[], query: TableQuery): { rows: LearnerRow[]; total: number; pages: number } {
  const needle = query.q.toLowerCase();
  const filtered = rows.filter((r) => {
    if (needle && !r.name.toLowerCase().includes(needle) && !r.email.toLowerCase().includes(needle)) return false;
    if (query.filter === 'at-risk') return r.atRisk.length > 0;
    if (query.filter !== 'all') return r.certification === query.filter;
    return true;
  });
  const compare = SORTS[query.sort];
  filtered.sort((a, b) => (query.dir === 'asc' ? compare(a, b) : compare(b, a)) || a.name.localeCompare(b.name));
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return { rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: filtered.length, pages };
}
