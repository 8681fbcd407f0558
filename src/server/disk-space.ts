// Disk space for DATA_DIR, kept so that signing in always works. Two defences:
// - learner content (submissions, drafts) is refused with 507 once free space would drop below the
//   reserve (DISK_RESERVE_MB), so the platform's own growth never fills the disk;
// - a reserve file of DISK_RESERVE_FILE_MB is kept in DATA_DIR; when the disk fills anyway (another
//   program, logs) it is deleted, which gives sessions, sign-ins and answers room to keep working
//   while someone frees space. It is put back once there is room again.
import { closeSync, existsSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from './http.ts';

export interface DiskSettings {
  /** Free bytes to keep after any learner content write. */
  reserveBytes: number;
  /** Size of the reserve file kept in DATA_DIR (0: none). */
  reserveFileBytes: number;
}

export const DEFAULT_DISK_SETTINGS: DiskSettings = { reserveBytes: 200 * 1024 * 1024, reserveFileBytes: 16 * 1024 * 1024 };
export const RESERVE_FILE = 'space-reserve.bin';

/** Free bytes for unprivileged writes on the file system holding `dir`. */
export type FreeSpace = (dir: string) => number;

export const freeSpace: FreeSpace = (dir) => {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
};

const CACHE_MS = 2_000;
const cache = new Map<string, { at: number; free: number }>();

function freeNow(dir: string, measure: FreeSpace, now: number): number {
  const hit = cache.get(dir);
  if (hit && now - hit.at < CACHE_MS) return hit.free;
  const free = measure(dir);
  cache.set(dir, { at: now, free });
  return free;
}

/** Throws 507 when storing `bytes` of learner content would leave less than the reserve free. */
export function requireRoomFor(dataDir: string, bytes: number, settings: DiskSettings, measure: FreeSpace = freeSpace, now = Date.now()): void {
  const free = freeNow(dataDir, measure, now);
  if (free - bytes < settings.reserveBytes) {
    throw new HttpError(
      507,
      'storage_low',
      'The server is nearly out of storage, so it cannot keep new work right now. Your code is still in your editor; try again later. (Signing in and your certification answers keep working.)',
    );
  }
  const hit = cache.get(dataDir);
  if (hit) hit.free -= bytes;
}

/**
 * Keeps the reserve file in place when there is room for it, and deletes it when the disk is nearly
 * full (less than the reserve file's size free), so small essential writes still succeed.
 * Returns what it did, for the log.
 */
export function balanceReserveFile(dataDir: string, settings: DiskSettings, measure: FreeSpace = freeSpace): 'kept' | 'created' | 'released' | 'none' {
  if (settings.reserveFileBytes <= 0) return 'none';
  const file = join(dataDir, RESERVE_FILE);
  const present = existsSync(file);
  const free = measure(dataDir);
  if (present && free < settings.reserveFileBytes) {
    unlinkSync(file);
    cache.delete(dataDir);
    return 'released';
  }
  if (!present && free > 4 * settings.reserveFileBytes) {
    // Written out (not sparse), so deleting it really frees blocks.
    const fd = openSync(file, 'w', 0o600);
    try {
      const chunk = Buffer.alloc(1024 * 1024);
      for (let written = 0; written < settings.reserveFileBytes; written += chunk.length) {
        writeSync(fd, chunk, 0, Math.min(chunk.length, settings.reserveFileBytes - written));
      }
    } finally {
      closeSync(fd);
    }
    cache.delete(dataDir);
    return 'created';
  }
  return present ? 'kept' : 'none';
}

/** Deletes the reserve file at once (a write just failed for lack of space). */
export function releaseReserveFile(dataDir: string): boolean {
  const file = join(dataDir, RESERVE_FILE);
  if (!existsSync(file)) return false;
  unlinkSync(file);
  cache.delete(dataDir);
  return true;
}
