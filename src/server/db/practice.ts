// Practice exams (migration 018): a drawn paper of practice items, the answers and the mark. Kept
// apart from attempts, so a practice exam is never counted against an attempt limit, never enters
// a report's attempt figures or question exposure, and never earns a certificate.
import type { Db } from './open.ts';
import type { AttemptPaper } from '../../lib/contracts/attempt-paper.ts';
import type { StoredAnswers } from './attempts.ts';

export interface PracticePaperRow {
  id: string;
  userId: string;
  program: string;
  level: string;
  paper: AttemptPaper;
  answers: StoredAnswers;
  createdAt: number;
  submittedAt: number | null;
  score: number | null;
  /** Mark per question id, once submitted. */
  marks: Record<string, number> | null;
}

interface Raw {
  id: string;
  user_id: string;
  program: string;
  level: string;
  paper: string;
  answers: string;
  created_at: number;
  submitted_at: number | null;
  score: number | null;
  marks: string | null;
}

const toRow = (r: Raw): PracticePaperRow => ({
  id: r.id,
  userId: r.user_id,
  program: r.program,
  level: r.level,
  paper: JSON.parse(r.paper) as AttemptPaper,
  answers: JSON.parse(r.answers) as StoredAnswers,
  createdAt: r.created_at,
  submittedAt: r.submitted_at,
  score: r.score,
  marks: r.marks ? (JSON.parse(r.marks) as Record<string, number>) : null,
});

export async function insertPracticePaper(db: Db, p: { id: string; userId: string; program: string; level: string; paper: AttemptPaper; now: number }): Promise<void> {
  await db.run('INSERT INTO practice_papers (id, user_id, program, level, paper, created_at) VALUES (?, ?, ?, ?, ?, ?)', p.id, p.userId, p.program, p.level, JSON.stringify(p.paper), p.now);
}

export async function getPracticePaper(db: Db, id: string): Promise<PracticePaperRow | null> {
  const row = await db.get('SELECT * FROM practice_papers WHERE id = ?', id) as Raw | undefined;
  return row ? toRow(row) : null;
}

/** The learner's practice papers at a level, newest first. */
export async function practicePapersOf(db: Db, userId: string, program: string, level: string): Promise<PracticePaperRow[]> {
  return (await db.all('SELECT * FROM practice_papers WHERE user_id = ? AND program = ? AND level = ? ORDER BY created_at DESC', userId, program, level) as Raw[]).map(toRow);
}

/** Marks the paper submitted with its answers and marks; false when it already was. */
export async function finishPracticePaper(db: Db, id: string, outcome: { answers: StoredAnswers; score: number; marks: Record<string, number>; now: number }): Promise<boolean> {
  return (
    (await db.run('UPDATE practice_papers SET answers = ?, score = ?, marks = ?, submitted_at = ? WHERE id = ? AND submitted_at IS NULL', JSON.stringify(outcome.answers), outcome.score, JSON.stringify(outcome.marks), outcome.now, id)).changes > 0
  );
}
