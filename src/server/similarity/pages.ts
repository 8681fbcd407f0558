// What the instructor sees of the similarity check, for the pages and the JSON routes alike: a
// cohort's flagged pairs per task (with "check now" and the choice to include the program's other
// cohorts), and one pair side by side with its matched lines and its review. Only the cohort's
// instructor and admins (requireCohortAccess: 404 unknown cohort, 403 anyone else); a pair of another
// cohort is 404. Flags are advisory: nothing here changes an attempt or a certificate.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { requireCohortAccess } from '../cohorts/access.ts';
import type { Cohort } from '../db/cohorts.ts';
import { checkState, getPair, memberCohortNames, pairsOfCohort, setAcrossProgram, setPairReview, submissionFiles, submissionVariants, type CheckState, type SimilarityPair, type StoredFragment } from '../db/similarity.ts';
import { getCertification, getExercise, taskVariantsOf } from '../content/catalog.ts';
import { HttpError, isRecord, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { comparedFiles, similarityThreshold, variantSpec } from './check.ts';
import { checkNow, tasksOf } from './background.ts';

export const MAX_NOTE = 1000;

export interface PairSummary {
  id: string;
  score: number;
  a: { id: string; name: string; email: string; cohort: string | null };
  b: { id: string; name: string; email: string; cohort: string | null };
  fragments: number;
  reviewed: boolean;
  reviewNote: string | null;
  href: string;
}

export interface TaskPairs {
  exerciseId: string;
  name: string;
  /** The highest-scoring pairs, at most LIST_LIMIT. */
  pairs: PairSummary[];
  /** Every pair of the task at or above the threshold. */
  total: number;
}

/** Pairs listed per task: beyond this many a cohort has a wider problem than pairs to compare. */
export const LIST_LIMIT = 100;

export interface SimilarityList {
  cohort: Pick<Cohort, 'id' | 'name' | 'program'>;
  threshold: number;
  state: CheckState;
  tasks: TaskPairs[];
  notice: string | null;
}

async function taskNames(program: string): Promise<{ exerciseId: string; name: string }[]> {
  const certification = await getCertification(program);
  return (certification?.components ?? []).flatMap((c) => (c.type === 'task' ? [{ exerciseId: c.exercise, name: c.name }] : []));
}

async function summaries(app: App, cohort: Cohort, pairs: readonly SimilarityPair[]): Promise<PairSummary[]> {
  const users = [...new Set(pairs.flatMap((p) => [p.userA, p.userB]))];
  const cohorts = await memberCohortNames(app.db, users, cohort.program);
  const side = (id: string, name: string, email: string) => {
    const other = cohorts.get(id);
    return { id, name, email, cohort: other && other !== cohort.name ? other : null };
  };
  return pairs.map((p) => ({
    id: p.id,
    score: p.score,
    a: side(p.userA, p.nameA, p.emailA),
    b: side(p.userB, p.nameB, p.emailB),
    fragments: p.fragments.length,
    reviewed: p.reviewedAt !== null,
    reviewNote: p.reviewNote,
    href: `/cohorts/${cohort.id}/similarity/${p.id}`,
  }));
}

/** The flagged pairs of a cohort, per certification task in certification.json's order. */
export async function similarityList(app: App, user: SessionUser | null | undefined, cohortId: string, notice: string | null = null): Promise<SimilarityList> {
  const cohort = await requireCohortAccess(app.db, cohortId, requireUser(user));
  const all = await pairsOfCohort(app.db, cohort.id);
  const tasks: TaskPairs[] = [];
  for (const t of await taskNames(cohort.program)) {
    const ofTask = all.filter((p) => p.exerciseId === t.exerciseId);
    tasks.push({ ...t, pairs: await summaries(app, cohort, ofTask.slice(0, LIST_LIMIT)), total: ofTask.length });
  }
  return { cohort: { id: cohort.id, name: cohort.name, program: cohort.program }, threshold: similarityThreshold(), state: await checkState(app.db, cohort.id), tasks, notice };
}

/** Runs the check now, first switching the program's other cohorts in or out when asked. */
export async function runCheck(app: App, user: SessionUser | null | undefined, cohortId: string, acrossProgram?: boolean): Promise<{ submissions: number; pairs: number; durationMs: number }> {
  const cohort = await requireCohortAccess(app.db, cohortId, requireUser(user));
  if (acrossProgram !== undefined) await setAcrossProgram(app.db, cohort.id, acrossProgram);
  return checkNow(app, cohort);
}

/** The list page: GET shows it; a POST (the "check now" form) checks and comes back to it. */
export async function similarityListPage(app: App, user: SessionUser | null | undefined, cohortId: string, request: Request, url: URL): Promise<SimilarityList | SeeOther> {
  if (request.method === 'POST') {
    await requireCohortAccess(app.db, cohortId, requireUser(user));
    const form = await readForm(request);
    const across = form.get('across');
    if (across !== null && across !== 'yes' && across !== 'no') throw new HttpError(400, 'invalid_input', 'The field "across" must be "yes" or "no".');
    const outcome = await runCheck(app, user, cohortId, across === null ? undefined : across === 'yes');
    return new SeeOther(`/cohorts/${encodeURIComponent(cohortId)}/similarity?checked=${outcome.pairs}`);
  }
  const checked = url.searchParams.get('checked');
  const notice = checked !== null && /^\d{1,7}$/.test(checked) ? `Checked: ${checked} pair${checked === '1' ? '' : 's'} at or above the threshold.` : null;
  return similarityList(app, user, cohortId, notice);
}

export interface ShownLine {
  n: number;
  text: string;
  matched: boolean;
}

export interface ShownFile {
  path: string;
  lines: ShownLine[];
}

export interface ShownSide {
  learner: PairSummary['a'];
  submissionId: string;
  /** The variant of the task the submission was written against (tasks with variants). */
  variant: string | null;
  files: ShownFile[];
}

export interface PairView {
  cohort: Pick<Cohort, 'id' | 'name'>;
  task: { exerciseId: string; name: string };
  threshold: number;
  pair: PairSummary & { computedAt: number; reviewedAt: number | null; reviewerName: string | null; shared: number };
  a: ShownSide;
  b: ShownSide;
  fragments: StoredFragment[];
  saved: boolean;
}

function shown(files: Readonly<Record<string, string>>, ranges: readonly { file: string; start: number; end: number }[]): ShownFile[] {
  return Object.keys(files)
    .sort()
    .map((path) => ({
      path,
      lines: (files[path] ?? '').split('\n').map((text, i) => ({ n: i + 1, text, matched: ranges.some((r) => r.file === path && r.start <= i + 1 && i + 1 <= r.end) })),
    }));
}

/** One pair of the cohort, both submissions with their matched lines. */
export async function pairView(app: App, user: SessionUser | null | undefined, cohortId: string, pairId: string, saved = false): Promise<PairView> {
  const cohort = await requireCohortAccess(app.db, cohortId, requireUser(user));
  const pair = await requirePair(app, user, cohortId, pairId);
  const exercise = await getExercise(pair.exerciseId);
  const name = (await taskNames(cohort.program)).find((t) => t.exerciseId === pair.exerciseId)?.name ?? pair.exerciseId;
  const kind = exercise?.kind === 'review' ? ('review' as const) : ('code' as const);
  const task = (await tasksOf(app, cohort.program)).find((t) => t.exerciseId === pair.exerciseId) ?? null;
  const variants = await submissionVariants(app.db, [pair.submissionA, pair.submissionB]);
  // Each side as its own variant of the task names its files.
  const specOf = (submissionId: string) => ({ kind, editable: task ? variantSpec(task, variants.get(submissionId)).editable : [] });
  const labels = await taskVariantsOf(pair.exerciseId);
  const variantLabel = (submissionId: string): string | null => {
    if (!labels) return null;
    const id = variants.get(submissionId) ?? labels[0]?.id;
    return labels.find((v) => v.id === id)?.label ?? id ?? null;
  };
  const files = await submissionFiles(app.db, [pair.submissionA, pair.submissionB]);
  const [summary] = await summaries(app, cohort, [pair]);
  if (!summary) throw new HttpError(404, 'not_found', 'This cohort has no such pair.');
  return {
    cohort: { id: cohort.id, name: cohort.name },
    task: { exerciseId: pair.exerciseId, name },
    threshold: similarityThreshold(),
    pair: { ...summary, computedAt: pair.computedAt, reviewedAt: pair.reviewedAt, reviewerName: pair.reviewerName, shared: pair.shared },
    a: { learner: summary.a, submissionId: pair.submissionA, variant: variantLabel(pair.submissionA), files: shown(comparedFiles(specOf(pair.submissionA), files.get(pair.submissionA) ?? {}), pair.fragments.map((f) => f.a)) },
    b: { learner: summary.b, submissionId: pair.submissionB, variant: variantLabel(pair.submissionB), files: shown(comparedFiles(specOf(pair.submissionB), files.get(pair.submissionB) ?? {}), pair.fragments.map((f) => f.b)) },
    fragments: pair.fragments,
    saved,
  };
}

/** A review as posted (form fields or JSON): reviewed yes/no and a note of at most MAX_NOTE characters. */
export function parseReview(input: { reviewed: unknown; note: unknown }): { reviewed: boolean; note: string } {
  const reviewed = input.reviewed === true || input.reviewed === 'yes' ? true : input.reviewed === false || input.reviewed === 'no' || input.reviewed === null || input.reviewed === undefined ? false : null;
  if (reviewed === null) throw new HttpError(400, 'invalid_input', 'The field "reviewed" must be true or false.');
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string') throw new HttpError(400, 'invalid_input', 'The field "note" must be text.');
  const note = (typeof input.note === 'string' ? input.note : '').trim();
  if (note.length > MAX_NOTE) throw new HttpError(400, 'invalid_input', `The note is ${note.length} characters; at most ${MAX_NOTE}.`);
  return { reviewed, note };
}

/** The pair, when this user may see it (the cohort's access rules; 404 for a pair of another cohort). */
export async function requirePair(app: App, user: SessionUser | null | undefined, cohortId: string, pairId: string): Promise<SimilarityPair> {
  const cohort = await requireCohortAccess(app.db, cohortId, requireUser(user));
  const pair = await getPair(app.db, cohort.id, pairId);
  if (!pair) throw new HttpError(404, 'not_found', 'This cohort has no such pair: it may have been re-checked since (a new submission makes a new pair).');
  return pair;
}

/** Records the instructor's review of a pair of this cohort. */
export async function reviewPair(app: App, user: SessionUser | null | undefined, cohortId: string, pairId: string, body: unknown, now = Date.now()): Promise<void> {
  const viewer = requireUser(user);
  await requirePair(app, viewer, cohortId, pairId);
  if (!isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {reviewed: true | false, note: "…"}.');
  await setPairReview(app.db, pairId, { ...parseReview({ reviewed: body['reviewed'], note: body['note'] }), by: viewer.id, now });
}

/** The pair page: GET shows it; the review form posts here and comes back to it. */
export async function pairPage(app: App, user: SessionUser | null | undefined, cohortId: string, pairId: string, request: Request, url: URL): Promise<PairView | SeeOther> {
  if (request.method === 'POST') {
    await requirePair(app, user, cohortId, pairId);
    const form = await readForm(request);
    await reviewPair(app, user, cohortId, pairId, { reviewed: form.get('reviewed') ?? 'no', note: form.get('note') ?? '' });
    return new SeeOther(`/cohorts/${encodeURIComponent(cohortId)}/similarity/${encodeURIComponent(pairId)}?saved=1`);
  }
  return pairView(app, user, cohortId, pairId, url.searchParams.get('saved') === '1');
}
