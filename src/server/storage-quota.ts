// What one account may store, decided in one place for every route that keeps learner content
// (submissions, drafts): a per-account quota (STORAGE_QUOTA_MB) on top of the disk reserve kept for
// sign-in (disk-space.ts, embedded mode). Identical resubmissions are stored once, so they cost nothing.
import type { App } from './app.ts';
import { requireRoomFor } from './disk-space.ts';
import { storedBytesOf } from './db/submissions.ts';
import { HttpError } from './http.ts';

const MB = 1024 * 1024;

/** Throws 413 (quota) or 507 (disk nearly full) unless the account may store `addedBytes` more. */
export async function requireStorage(app: App, userId: string, addedBytes: number): Promise<void> {
  if (addedBytes <= 0) return;
  const { storageQuotaBytes, disk } = app.config.limits;
  const used = await storedBytesOf(app.db, userId);
  if (used + addedBytes > storageQuotaBytes) {
    throw new HttpError(
      413,
      'quota_exceeded',
      `Your account keeps ${(used / MB).toFixed(1)} MB of submissions and drafts, and this would take it past the ${Math.round(storageQuotaBytes / MB)} MB each account may keep. ` +
        'Submitting the same files again costs nothing; ask your instructor if you need more room.',
    );
  }
  // The disk reserve guards the embedded SQLite file's disk; in the cluster mode the web node writes
  // nothing to its own disk and PostgreSQL's storage is watched where the database runs.
  if (!app.config.databaseUrl) requireRoomFor(app.config.dataDir, addedBytes, disk);
}
