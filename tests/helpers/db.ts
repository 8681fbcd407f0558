// Reads a running server's store directly (its SQLite file or its PostgreSQL database), so tests check
// what was really stored.
import { openServerStore } from './server.ts';
import { TEST_KEY_SECRET, usesPostgres } from './test-database.ts';
import type { IssuerKey } from '../../src/server/certificates/keys.ts';

export interface StoredSubmissionRow {
  id: string;
  status: string;
  files: string;
  attempt_id: string | null;
}

export async function getSubmissionsFor(dataDir: string, email: string, exerciseId: string): Promise<StoredSubmissionRow[]> {
  const db = await openServerStore(dataDir);
  try {
    return await db.all('SELECT s.id, s.status, COALESCE(f.files, s.files) AS files, s.attempt_id FROM submissions s JOIN users u ON u.id = s.user_id LEFT JOIN submission_files f ON f.hash = s.files_hash WHERE u.email = ? AND s.exercise_id = ?', email, exerciseId) as StoredSubmissionRow[];
  } finally {
    await db.close();
  }
}

/**
 * Issues a certificate to an existing user through the storage functions the assessment engine
 * uses (a submitted attempt, then the certificate record), for tests of what happens after a pass.
 */
export async function issueCertificateFor(
  dataDir: string,
  email: string,
  opts: { issuedAt?: number; expiresAt?: number | null; level?: string; statusListSize?: number } = {},
): Promise<string> {
  const { insertAttempt, finishAttempt } = await import('../../src/server/db/attempts.ts');
  const { insertCertificate } = await import('../../src/server/db/certificates.ts');
  const { newId } = await import('../../src/server/ids.ts');
  const db = await openServerStore(dataDir);
  try {
    const user = await db.get('SELECT id, name, email FROM users WHERE email = ?', email) as { id: string; name: string; email: string };
    const issuedAt = opts.issuedAt ?? Date.now();
    const attemptId = newId();
    await insertAttempt(db, { id: attemptId, userId: user.id, program: 'clean-timestamp', paper: { quiz: {}, tasks: [] }, startedAt: issuedAt - 3600_000, expiresAt: issuedAt });
    const skills = [
      { skill: 'domain-event-handling', score: 0.85 },
      { skill: 'entity-implementation', score: 0.9 },
      { skill: 'performance-optimization', score: 0.8 },
      { skill: 'production-troubleshooting', score: 0.8 },
    ];
    await finishAttempt(db, attemptId, { submittedAt: issuedAt, score: 0.86, passed: true, level: opts.level ?? 'associate', breakdown: { components: [], skills, questions: [], tasks: {} }, marks: {} });
    return (await insertCertificate(db, {
      userId: user.id,
      attemptId,
      program: 'clean-timestamp',
      level: opts.level ?? 'associate',
      learnerName: user.name,
      learnerEmail: user.email,
      score: 0.86,
      breakdown: { components: [], skills },
      issuedAt,
      expiresAt: opts.expiresAt === undefined ? issuedAt + 2 * 365 * 86400_000 : opts.expiresAt,
    }, opts.statusListSize)).id;
  } finally {
    await db.close();
  }
}

/** The issuer key a running server signs with: the sealed row in its database, or the file in its DATA_DIR. */
export async function serverIssuerKey(dataDir: string): Promise<IssuerKey> {
  if (!usesPostgres()) {
    const { loadOrCreateIssuerKey } = await import('../../src/server/certificates/keys.ts');
    return loadOrCreateIssuerKey(dataDir);
  }
  const { loadOrCreateStoredIssuerKey } = await import('../../src/server/certificates/issuer-key-store.ts');
  const db = await openServerStore(dataDir);
  try {
    return await loadOrCreateStoredIssuerKey(db, TEST_KEY_SECRET);
  } finally {
    await db.close();
  }
}
