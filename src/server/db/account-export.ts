// The rows of one account the data export reads (server/account/export.ts), over a connection the
// export holds for itself, one kind at a time (drafts, submissions, attempts, practice exams, case
// studies: one account's rows, so loading a kind whole is fine). Mapping only: times stay epoch
// milliseconds and JSON columns are parsed; what goes where in the zip is the export's business.
import { openSqliteStore } from './sqlite-store.ts';
import { openPostgresStore } from './postgres-store.ts';
import type { Db } from './open.ts';
import { jsonSql } from './dialect.ts';

type Json = unknown;

/**
 * A read-only connection of its own to the database, inside a read transaction: every query on it
 * sees the data as it was at its first read, whatever is written meanwhile. Close it when done. On
 * PostgreSQL a pool of one connection, so every statement runs in that REPEATABLE READ transaction.
 */
export async function openSnapshot(config: { databaseFile: string; databaseUrl: string | undefined }): Promise<Db> {
  if (config.databaseUrl) {
    const { store } = openPostgresStore(config.databaseUrl, { max: 1, applicationName: 'practicum-export' });
    await store.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return store;
  }
  const db = openSqliteStore(config.databaseFile, { readonly: true });
  await db.exec('BEGIN');
  return db;
}

export async function closeSnapshot(db: Db): Promise<void> {
  try {
    await db.exec('COMMIT');
  } finally {
    await db.close();
  }
}

const parse = (text: unknown): Json => {
  if (typeof text !== 'string' || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A stored files object (path → text); anything else reads as no files. */
export function filesOf(text: unknown): [string, string][] {
  const files = parse(text);
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return [];
  return Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  role: string;
  createdAt: number;
  lastActiveAt: number | null;
  holderId: string | null;
  cohorts: { name: string; program: string; joinedAt: number }[];
}

export async function accountOf(db: Db, userId: string): Promise<AccountRow | null> {
  const row = await db.get('SELECT * FROM users WHERE id = ?', userId) as Record<string, unknown> | undefined;
  if (!row) return null;
  const cohorts = await db.all('SELECT c.name, c.program, m.joined_at AS "joinedAt" FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.user_id = ? ORDER BY m.joined_at', userId) as AccountRow['cohorts'];
  return {
    id: String(row['id']),
    name: String(row['name']),
    email: String(row['email']),
    role: String(row['role']),
    createdAt: Number(row['created_at']),
    lastActiveAt: (row['last_active_at'] as number | null) ?? null,
    holderId: (row['holder_id'] as string | null | undefined) ?? null,
    cohorts,
  };
}

export async function progressOf(db: Db, userId: string) {
  return {
    lessons: await db.all('SELECT program, lesson, completed_at AS "completedAt" FROM lesson_progress WHERE user_id = ? ORDER BY completed_at', userId) as { program: string; lesson: string; completedAt: number }[],
    checks: (
      await db.all('SELECT program, lesson, check_id AS "checkId", correct, chosen, answered_at AS "answeredAt" FROM check_answers WHERE user_id = ? ORDER BY answered_at', userId) as {
        program: string;
        lesson: string;
        checkId: string;
        correct: number;
        chosen: string | null;
        answeredAt: number;
      }[]
    ).map((c) => ({ ...c, correct: c.correct === 1 })),
    solutionsOpened: await db.all('SELECT exercise_id AS "exerciseId", viewed_at AS "viewedAt" FROM solution_views WHERE user_id = ? ORDER BY viewed_at', userId) as { exerciseId: string; viewedAt: number }[],
  };
}

export async function feedbackOf(db: Db, userId: string) {
  const sessions = (await db.all('SELECT program, session, ratings, comment, created_at AS "givenAt" FROM feedback WHERE user_id = ? ORDER BY program, session', userId) as Record<string, unknown>[]).map(
    (f) => ({ program: String(f['program']), session: Number(f['session']), ratings: parse(f['ratings']), comment: String(f['comment']), givenAt: Number(f['givenAt']) }),
  );
  const programs = (
    await db.all('SELECT program, ratings, answers, created_at AS "givenAt", updated_at AS "updatedAt" FROM program_feedback WHERE user_id = ? ORDER BY program', userId) as Record<string, unknown>[]
  ).map((f) => ({ program: String(f['program']), ratings: parse(f['ratings']), answers: parse(f['answers']), givenAt: Number(f['givenAt']), updatedAt: Number(f['updatedAt']) }));
  return { sessions, programs };
}

export interface DraftRow {
  exerciseId: string;
  files: [string, string][];
  updatedAt: number;
}

export async function draftsOf(db: Db, userId: string): Promise<DraftRow[]> {
  const out: DraftRow[] = [];
  for (const r of await db.all('SELECT exercise_id, files, updated_at FROM drafts WHERE user_id = ? ORDER BY exercise_id', userId)) {
    out.push({ exerciseId: String(r['exercise_id']), files: filesOf(r['files']), updatedAt: Number(r['updated_at']) });
  }
  return out;
}

export interface SubmissionRow {
  id: string;
  exerciseId: string;
  attemptId: string | null;
  status: string;
  score: number | null;
  failedTests: Json;
  durationMs: number | null;
  createdAt: number;
  gradedAt: number | null;
  grading: Json;
  files: [string, string][];
  /** Instructors' homework reviews of it, oldest first. */
  reviews: { verdict: string; feedback: string; at: number }[];
}

export async function submissionsOf(db: Db, userId: string): Promise<SubmissionRow[]> {
  const out: SubmissionRow[] = [];
  const j = jsonSql(db);
  const sql =
    `SELECT s.id, s.exercise_id, s.attempt_id, s.status, s.score, s.result, s.failed_tests, s.duration_ms, s.created_at, s.graded_at,
            COALESCE(f.files, s.files) AS files,
            (SELECT ${j.text(j.agg(j.object("'verdict'", 'r.verdict', "'feedback'", 'r.feedback', "'at'", 'r.created_at')))}
               FROM (SELECT * FROM homework_reviews WHERE submission_id = s.id ORDER BY created_at, id) r) AS reviews
     FROM submissions s LEFT JOIN submission_files f ON f.hash = s.files_hash WHERE s.user_id = ? ORDER BY s.exercise_id, s.created_at, s.id`;
  for (const r of await db.all(sql, userId)) {
    out.push({
      id: String(r['id']),
      exerciseId: String(r['exercise_id']),
      attemptId: (r['attempt_id'] as string | null) ?? null,
      status: String(r['status']),
      score: (r['score'] as number | null) ?? null,
      failedTests: parse(r['failed_tests']),
      durationMs: (r['duration_ms'] as number | null) ?? null,
      createdAt: Number(r['created_at']),
      gradedAt: (r['graded_at'] as number | null) ?? null,
      grading: parse(r['result']),
      files: filesOf(r['files']),
      reviews: (parse(r['reviews']) ?? []) as SubmissionRow['reviews'],
    });
  }
  return out;
}

export interface AttemptExportRow {
  id: string;
  program: string;
  targetLevel: string | null;
  purpose: string;
  kind: string;
  status: string;
  startedAt: number;
  expiresAt: number;
  submittedAt: number | null;
  score: number | null;
  passed: boolean | null;
  level: string | null;
  paper: { quiz?: Record<string, { questions: { id: string; optionOrder: string[] }[] }>; tasks?: unknown[] };
  answers: Record<string, unknown>;
  flags: Json;
  breakdown: { questions?: { id: string; mark: number }[] } | null;
}

export async function attemptsOf(db: Db, userId: string): Promise<AttemptExportRow[]> {
  const out: AttemptExportRow[] = [];
  for (const a of await db.all('SELECT * FROM attempts WHERE user_id = ? ORDER BY started_at, id', userId)) {
    out.push({
      id: String(a['id']),
      program: String(a['program']),
      targetLevel: (a['target_level'] as string | null) ?? null,
      purpose: String(a['purpose']),
      kind: String(a['kind']),
      status: String(a['status']),
      startedAt: Number(a['started_at']),
      expiresAt: Number(a['expires_at']),
      submittedAt: (a['submitted_at'] as number | null) ?? null,
      score: (a['score'] as number | null) ?? null,
      passed: a['passed'] === null ? null : a['passed'] === 1,
      level: (a['level'] as string | null) ?? null,
      paper: (parse(a['paper']) ?? {}) as AttemptExportRow['paper'],
      answers: (parse(a['answers']) ?? {}) as Record<string, unknown>,
      flags: parse(a['flags']),
      breakdown: parse(a['breakdown']) as AttemptExportRow['breakdown'],
    });
  }
  return out;
}

export interface PracticeExportRow {
  id: string;
  program: string;
  level: string;
  createdAt: number;
  submittedAt: number | null;
  score: number | null;
  questions: { id: string; optionOrder: string[] }[];
  answers: Record<string, unknown>;
  marks: Record<string, number> | null;
}

export async function practiceExamsOf(db: Db, userId: string): Promise<PracticeExportRow[]> {
  const out: PracticeExportRow[] = [];
  for (const p of await db.all('SELECT * FROM practice_papers WHERE user_id = ? ORDER BY created_at, id', userId)) {
    out.push({
      id: String(p['id']),
      program: String(p['program']),
      level: String(p['level']),
      createdAt: Number(p['created_at']),
      submittedAt: (p['submitted_at'] as number | null) ?? null,
      score: (p['score'] as number | null) ?? null,
      questions: ((parse(p['paper']) ?? { questions: [] }) as { questions: PracticeExportRow['questions'] }).questions,
      answers: (parse(p['answers']) ?? {}) as Record<string, unknown>,
      marks: parse(p['marks']) as Record<string, number> | null,
    });
  }
  return out;
}

export interface CaseStudyExportRow {
  id: string;
  program: string;
  level: string;
  purpose: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  files: [string, string][];
  reviews: { decision: string; points: Json; comment: string; at: number }[];
}

export async function caseStudiesOf(db: Db, userId: string): Promise<CaseStudyExportRow[]> {
  const out: CaseStudyExportRow[] = [];
  const j = jsonSql(db);
  const sql =
    `SELECT c.*, f.files AS files,
       (SELECT ${j.text(j.agg(j.object("'decision'", 'r.decision', "'points'", j.parse('r.points'), "'comment'", 'r.comment', "'at'", 'r.at')))}
          FROM (SELECT * FROM case_study_reviews WHERE case_study_id = c.id ORDER BY at, id) r) AS reviews
     FROM case_studies c LEFT JOIN submission_files f ON f.hash = c.files_hash WHERE c.user_id = ? ORDER BY c.created_at, c.id`;
  for (const c of await db.all(sql, userId)) {
    out.push({
      id: String(c['id']),
      program: String(c['program']),
      level: String(c['level']),
      purpose: String(c['purpose']),
      status: String(c['status']),
      createdAt: Number(c['created_at']),
      updatedAt: Number(c['updated_at']),
      submittedAt: (c['submitted_at'] as number | null) ?? null,
      files: filesOf(c['files']),
      reviews: (parse(c['reviews']) ?? []) as CaseStudyExportRow['reviews'],
    });
  }
  return out;
}

interface ReviewExport {
  status: string;
  points: Json;
  comment: string;
  submittedAt: number | null;
  lineComments: { file: string; line: number; comment: string }[];
}

/** One review as a JSON object (over assignment `a`), in the dialect of `db`. */
function reviewJson(db: Db): string {
  const j = jsonSql(db);
  const lineComments = `(SELECT ${j.agg(j.object("'file'", 'c.file', "'line'", 'c.line', "'comment'", 'c.body'))}
                     FROM (SELECT * FROM peer_review_comments WHERE assignment_id = a.id ORDER BY file, line, id) c)`;
  return j.object("'status'", 'a.status', "'points'", j.parse('a.points'), "'comment'", 'a.comment', "'submittedAt'", 'a.submitted_at', "'lineComments'", j.embed(lineComments));
}

/** Peer reviews: the work the account sent for review with the reviews it received (reviewers not named), and the reviews it wrote. */
export async function peerReviewsOf(db: Db, userId: string) {
  const j = jsonSql(db);
  const REVIEW = reviewJson(db);
  const sent = (
    await db.all(`SELECT w.kind, w.program, w.exercise_id AS "exerciseId", w.case_study_id AS "caseStudyId", w.submission_id AS "submissionId", w.created_at AS "sentAt",
           (SELECT ${j.text(j.agg(REVIEW))} FROM (SELECT * FROM peer_review_assignments WHERE work_id = w.id AND status = 'submitted' ORDER BY submitted_at, id) a) AS reviews
         FROM peer_review_works w WHERE w.author_id = ? ORDER BY w.created_at, w.id`, userId) as Record<string, unknown>[]
  ).map(({ reviews, ...work }) => ({ ...work, reviewsReceived: (parse(reviews) ?? []) as ReviewExport[] }));
  const written = (
    await db.all(`SELECT w.kind, w.program, w.exercise_id AS "exerciseId", a.role, a.assigned_at AS "assignedAt", a.due_at AS "dueAt", ${j.text(REVIEW)} AS review
         FROM peer_review_assignments a JOIN peer_review_works w ON w.id = a.work_id WHERE a.reviewer_id = ? ORDER BY a.assigned_at, a.id`, userId) as Record<string, unknown>[]
  ).map(({ review, ...task }) => ({ ...task, ...(parse(review) as ReviewExport) }));
  return { sent, written };
}
